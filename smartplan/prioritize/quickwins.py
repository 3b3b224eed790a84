"""The impact/effort grid and the quick-win rules.

A program's **impact** is the mean normalised value (0..1, 1 best) of the
``quick_win.impact`` criteria. Its **effort** (0..1) mixes three parts,
weighed by ``quick_win.effort_mix`` (default criteria 0.5, budget 0.25,
duration 0.25, normalised to sum 1):

* ``criteria`` — the mean of ``1 − normalised`` over the ``quick_win.effort``
  criteria: for a cost criterion that is the raw score rescaled to 0..1 (high
  cost, high effort); for a benefit criterion such as feasibility, high
  feasibility means low effort;
* ``budget`` — the program's total budget ÷ the largest program budget of
  the plan (its share of the plan, relative to the biggest share);
* ``duration`` — ``(years − 1) ÷ (period years − 1)``: 0 for one year, 1
  for the whole plan period.

Without a ``quick_win`` setup, impact uses every benefit criterion and effort
every cost criterion.

Each axis is **split** at the plan's median (``split: median``, the default)
or at a fixed ``threshold`` (``split: threshold``). A quick win must be
strictly above the impact line and strictly below the effort line; a program
exactly on a line counts as low impact or high effort (no benefit of the
doubt), and the analysis says how many sit on each line. With a median split
about half the programs are high on each axis, so the grid separates them on
any plan; a fixed threshold on a 1–5 scale leaves every middling 3 on the
line.

================  ===============  ===============
quadrant          impact           effort
================  ===============  ===============
quick_win         > split (high)   < split (low)
major_project     > split          ≥ split (high)
fill_in           ≤ split (low)    < split
thankless_task    ≤ split          ≥ split
================  ===============  ===============

A declared quick win must run within one year, in the plan's first year, and
have at least one indicator (DOMAIN.md: delivered fast, felt directly, within
the first year; Kominfo evaluates them), and should sit in the quick-win
quadrant.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from statistics import median

from smartplan.domain import PILLARS
from smartplan.i18n import lazy
from smartplan.model import EFFORT_PARTS, PlanInfo, Program, QuickWinSetup, check_quick_win
from smartplan.prioritize.result import (
    GridPlacement,
    PillarCoverage,
    ProgramScore,
    QuickWinAnalysis,
    QuickWinFinding,
)
from smartplan.text import fixed

QUICK_WIN = "quick_win"
MAJOR_PROJECT = "major_project"
FILL_IN = "fill_in"
THANKLESS_TASK = "thankless_task"
QUADRANTS = (QUICK_WIN, MAJOR_PROJECT, FILL_IN, THANKLESS_TASK)
#: The quadrants as a sentence names them.
QUADRANT_WORDS = {
    QUICK_WIN: lazy("quick-win"),
    MAJOR_PROJECT: lazy("major project"),
    FILL_IN: lazy("fill-in"),
    THANKLESS_TASK: lazy("thankless task"),
}

#: The reason given for a candidate that breaks none of the quick-win rules.
MEETS_RULES = lazy("meets the quick-win rules")


#: Two axis values this close count as equal (the same scores give the same floats;
#: this only absorbs the rounding of different sums).
_ON_LINE = 1e-9


def quadrant(impact: float, effort: float, impact_split: float, effort_split: float) -> str:
    """The grid quadrant: high impact strictly above its split, low effort strictly below."""
    high_impact = impact > impact_split + _ON_LINE
    low_effort = effort < effort_split - _ON_LINE
    if high_impact:
        return QUICK_WIN if low_effort else MAJOR_PROJECT
    return FILL_IN if low_effort else THANKLESS_TASK


def rule_problems(program: Program, first_year: int) -> list[str]:
    """Why a program, declared a quick win, breaks the quick-win rules."""
    check = check_quick_win(program, first_year)
    reasons: list[str] = []
    if not check.one_year:
        reasons.append(
            lazy(
                "runs %(start)s–%(end)s (%(duration)s years); a quick win runs within one year",
                start=program.start,
                end=program.end,
                duration=program.duration,
            )
        )
    if not check.starts_first_year:
        reasons.append(
            lazy(
                "starts in %(start)s, not in the plan's first year %(first_year)s",
                start=program.start,
                first_year=first_year,
            )
        )
    if not check.has_indicator:
        reasons.append(lazy("has no indicator to show its effect"))
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
    setup = scoring.quick_win if scoring.quick_win is not None else QuickWinSetup()
    warnings: list[str] = []
    if setup.impact or setup.effort:
        impact_ids, effort_ids = list(setup.impact), list(setup.effort)
    else:
        impact_ids = [c.id for c in scoring.criteria if c.kind == "benefit"]
        effort_ids = [c.id for c in scoring.criteria if c.kind == "cost"]
    for ids, axis in ((impact_ids, "impact"), (effort_ids, "effort")):
        unknown = [i for i in ids if i not in kinds]
        if unknown:
            warnings.append(
                lazy(
                    "quick_win.%(axis)s names unknown criteria: %(value)s",
                    axis=axis,
                    value=", ".join(unknown),
                )
            )
            ids[:] = [i for i in ids if i in kinds]
    mix = {part: max(0.0, setup.effort_mix.get(part, 0.0)) for part in EFFORT_PARTS}
    if not effort_ids:
        mix["criteria"] = 0.0
    mix_total = math.fsum(mix.values())
    mix = {part: (value / mix_total if mix_total > 0 else 0.0) for part, value in mix.items()}

    note: str | None = None
    if not impact_ids:
        note = (
            "no impact criteria: set scoring.quick_win.impact (or add a benefit criterion) "
            "to draw the grid"
        )
    elif mix_total <= 0:
        note = (
            "no effort: set scoring.quick_win.effort (or add a cost criterion), or give "
            "budget or duration a weight in scoring.quick_win.effort_mix, to draw the grid"
        )

    placements: list[GridPlacement] = []
    by_id: dict[str, GridPlacement] = {}
    impact_split = effort_split = None
    on_impact = on_effort = 0
    if note is None and ranked:
        largest = max((p.total_budget for p in ranked), default=0)
        span = info.period_end - info.period_start
        axes: list[tuple[ProgramScore, float, float | None, float, float, float]] = []
        for item in ranked:
            values = {p.criterion: p.normalised for p in item.parts}
            impact = math.fsum(values.get(i, 0.0) for i in impact_ids) / len(impact_ids)
            by_criteria = (
                math.fsum(1.0 - values.get(i, 1.0) for i in effort_ids) / len(effort_ids)
                if effort_ids
                else None
            )
            by_budget = item.total_budget / largest if largest > 0 else 0.0
            years = item.end - item.start
            by_duration = min(1.0, max(0.0, years / span)) if span > 0 else 0.0
            effort = math.fsum(
                (
                    mix["criteria"] * (by_criteria or 0.0),
                    mix["budget"] * by_budget,
                    mix["duration"] * by_duration,
                )
            )
            axes.append((item, impact, by_criteria, by_budget, by_duration, effort))
        if setup.split == "median":
            impact_split = median([a[1] for a in axes])
            effort_split = median([a[5] for a in axes])
        else:
            impact_split = effort_split = setup.threshold
        for item, impact, by_criteria, by_budget, by_duration, effort in axes:
            on_impact += abs(impact - impact_split) <= _ON_LINE
            on_effort += abs(effort - effort_split) <= _ON_LINE
            placement = GridPlacement(
                item.id,
                item.pillar,
                impact,
                effort,
                by_criteria,
                by_budget,
                by_duration,
                quadrant(impact, effort, impact_split, effort_split),
            )
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
                    lazy(
                        "falls in the %(quadrant)s quadrant (impact %(impact)s, effort "
                        "%(effort)s), not the quick-win quadrant: that needs impact above "
                        "%(impact_split)s and effort below %(effort_split)s",
                        quadrant=QUADRANT_WORDS[where],
                        impact=fixed(impact),
                        effort=fixed(effort),
                        impact_split=fixed(impact_split or 0.0),
                        effort_split=fixed(effort_split or 0.0),
                    )
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
        effort_mix=tuple((part, mix[part]) for part in EFFORT_PARTS),
        split=setup.split,
        threshold=setup.threshold,
        impact_split=impact_split,
        effort_split=effort_split,
        on_impact_split=on_impact,
        on_effort_split=on_effort,
        coverage=_coverage(ranked, placements),
        placements=tuple(placements),
        declared_problems=tuple(declared),
        candidates=tuple(c[3] for c in candidates),
        note=note,
    )
    return analysis, warnings


def _coverage(
    ranked: tuple[ProgramScore, ...], placements: list[GridPlacement]
) -> tuple[PillarCoverage, ...]:
    """Declared quick wins, quick-win-quadrant programs and programs, per pillar (domain order)."""
    declared = Counter(p.pillar for p in ranked if p.quick_win)
    owned = Counter(p.pillar for p in ranked)
    placed = Counter(g.pillar for g in placements if g.quadrant == QUICK_WIN)
    order = [p for p in PILLARS if p in owned] + sorted(p for p in owned if p not in PILLARS)
    return tuple(PillarCoverage(p, declared[p], placed[p], owned[p]) for p in order)
