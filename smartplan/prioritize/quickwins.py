"""The impact/effort grid and the quick-win rules.

A program's **impact** is the mean normalised value (0..1, 1 best) of the
``quick_win.impact`` criteria. Its **effort** is the mean of ``1 −
normalised`` over the ``quick_win.effort`` criteria: for a cost criterion
that is the raw score rescaled to 0..1 (high cost, high effort); for a
benefit criterion such as feasibility, high feasibility means low effort.
Without a ``quick_win`` setup, impact uses every benefit criterion and effort
every cost criterion.

Quadrants, with ``t`` the threshold (default 0.5) — a program exactly on the
threshold gets the benefit of the doubt on both axes:

================  ===============  ===============
quadrant          impact           effort
================  ===============  ===============
quick_win         ≥ t (high)       ≤ t (low)
major_project     ≥ t              > t (high)
fill_in           < t (low)        ≤ t
thankless_task    < t              > t
================  ===============  ===============

A declared quick win must run within one year, in the plan's first year, and
have at least one indicator (DOMAIN.md: delivered fast, felt directly, within
the first year; Kominfo evaluates them), and should sit in the quick-win
quadrant.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from smartplan.model import PlanInfo, Program, check_quick_win
from smartplan.prioritize.result import (
    GridPlacement,
    ProgramScore,
    QuickWinAnalysis,
    QuickWinFinding,
)

QUICK_WIN = "quick_win"
MAJOR_PROJECT = "major_project"
FILL_IN = "fill_in"
THANKLESS_TASK = "thankless_task"
QUADRANTS = (QUICK_WIN, MAJOR_PROJECT, FILL_IN, THANKLESS_TASK)

#: The reason given for a candidate that breaks none of the quick-win rules.
MEETS_RULES = "meets the quick-win rules"


def quadrant(impact: float, effort: float, threshold: float) -> str:
    """The grid quadrant of an (impact, effort) pair."""
    high_impact = impact >= threshold
    high_effort = effort > threshold
    if high_impact:
        return MAJOR_PROJECT if high_effort else QUICK_WIN
    return THANKLESS_TASK if high_effort else FILL_IN


def rule_problems(program: Program, first_year: int) -> list[str]:
    """Why a program, declared a quick win, breaks the quick-win rules."""
    check = check_quick_win(program, first_year)
    reasons: list[str] = []
    if not check.one_year:
        reasons.append(
            f"runs {program.start}–{program.end} ({program.duration} years); a quick win "
            "runs within one year"
        )
    if not check.starts_first_year:
        reasons.append(f"starts in {program.start}, not in the plan's first year {first_year}")
    if not check.has_indicator:
        reasons.append("has no indicator to show its effect")
    return reasons


def analyse_quick_wins(
    info: PlanInfo,
    programs: Mapping[str, Program],
    ranked: tuple[ProgramScore, ...],
) -> tuple[QuickWinAnalysis, list[str]]:
    """Place every ranked program on the grid and check the quick wins.

    Returns the analysis and warnings about the setup (unknown criterion ids).
    Declared quick wins are reported when they break a rule or fall outside
    the quick-win quadrant; undeclared programs in the quick-win quadrant are
    candidates: those meeting the quick-win rules first, then the strongest
    (impact − effort), then by rank; each with what it would need to change.
    """
    scoring = info.scoring
    kinds = {c.id: c.kind for c in scoring.criteria}
    setup = scoring.quick_win
    warnings: list[str] = []
    if setup is not None and (setup.impact or setup.effort):
        impact_ids, effort_ids = list(setup.impact), list(setup.effort)
        threshold = setup.threshold
    else:
        impact_ids = [c.id for c in scoring.criteria if c.kind == "benefit"]
        effort_ids = [c.id for c in scoring.criteria if c.kind == "cost"]
        threshold = setup.threshold if setup is not None else 0.5
    for ids, axis in ((impact_ids, "impact"), (effort_ids, "effort")):
        unknown = [i for i in ids if i not in kinds]
        if unknown:
            warnings.append(f"quick_win.{axis} names unknown criteria: {', '.join(unknown)}")
            ids[:] = [i for i in ids if i in kinds]

    note: str | None = None
    if not impact_ids or not effort_ids:
        axis = "impact" if not impact_ids else "effort"
        note = (
            f"no {axis} criteria: set scoring.quick_win.{axis} (or add a "
            f"{'benefit' if axis == 'impact' else 'cost'} criterion) to draw the grid"
        )

    placements: list[GridPlacement] = []
    by_id: dict[str, GridPlacement] = {}
    if note is None:
        for item in ranked:
            values = {p.criterion: p.normalised for p in item.parts}
            impact = math.fsum(values.get(i, 0.0) for i in impact_ids) / len(impact_ids)
            effort = math.fsum(1.0 - values.get(i, 1.0) for i in effort_ids) / len(effort_ids)
            placement = GridPlacement(item.id, impact, effort, quadrant(impact, effort, threshold))
            placements.append(placement)
            by_id[item.id] = placement

    first_year = info.period_start
    declared: list[QuickWinFinding] = []
    candidates: list[tuple[bool, float, int, QuickWinFinding]] = []
    for item in ranked:
        program = programs.get(item.id)
        if program is None:
            continue
        spot = by_id.get(item.id)
        impact = spot.impact if spot else 0.0
        effort = spot.effort if spot else 0.0
        where = spot.quadrant if spot else ""
        problems = rule_problems(program, first_year)
        if program.quick_win:
            if spot is not None and where != QUICK_WIN:
                problems.append(
                    f"falls in the {where.replace('_', ' ')} quadrant (impact {impact:.2f}, "
                    f"effort {effort:.2f}), not the quick-win quadrant"
                )
            if problems:
                declared.append(
                    QuickWinFinding(
                        item.id, item.rank, item.score, impact, effort, where, tuple(problems)
                    )
                )
        elif where == QUICK_WIN:
            reasons = tuple(problems) if problems else (MEETS_RULES,)
            finding = QuickWinFinding(
                item.id, item.rank, item.score, impact, effort, where, reasons
            )
            candidates.append((bool(problems), -(impact - effort), item.rank, finding))
    candidates.sort(key=lambda c: (c[0], round(c[1], 9), c[2]))
    analysis = QuickWinAnalysis(
        available=note is None,
        impact_criteria=tuple(impact_ids),
        effort_criteria=tuple(effort_ids),
        threshold=threshold,
        placements=tuple(placements),
        declared_problems=tuple(declared),
        candidates=tuple(c[3] for c in candidates),
        note=note,
    )
    return analysis, warnings
