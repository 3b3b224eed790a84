"""Chapter Quick Win: the declared quick wins, checked, and the grid's candidates."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from smartplan.domain import PILLARS
from smartplan.model import check_quick_win
from smartplan.render.views.programs import IndicatorView, ProgramView, ProgramViews
from smartplan.render.views.scope import Scope

if TYPE_CHECKING:  # prioritize is only needed when its results are passed in
    from smartplan.prioritize.result import Prioritization, QuickWinAnalysis


class QuickWinTarget(TypedDict):
    indicator: IndicatorView
    value: float | None


class QuickWinChecks(TypedDict):
    first_year: bool
    indicators: bool
    quadrant: bool


class QuickWinView(TypedDict):
    program: ProgramView
    targets: list[QuickWinTarget]
    impact: float | None
    effort: float | None
    quadrant_label: str
    checks: QuickWinChecks
    issues: list[str]


class CandidateView(TypedDict):
    program: ProgramView
    rank: int
    impact: float
    effort: float


class QuickWinsView(TypedDict):
    year: int
    programs: list[QuickWinView]
    grid: bool
    split: str
    impact_split: float | None
    effort_split: float | None
    effort_mix: str
    candidates: list[CandidateView]
    total_budget: int
    total_all_years: int


def quick_wins(s: Scope, views: ProgramViews, result: Prioritization | None) -> QuickWinsView:
    """The declared quick wins, checked against the rules and the impact/effort grid.

    Ranked quick wins come first, in rank order; the rest follow in pillar order.
    """
    first = s.info.period_start
    analysis = result.quick_wins if result is not None else None
    grid = {g.id: g for g in analysis.placements} if analysis else {}
    order = {code: i for i, code in enumerate(PILLARS)}

    def rank(program_id: str) -> int:
        known = views.rank(program_id)
        return 10**9 if known is None else known

    chosen = sorted(
        (p for p in s.plan.programs.values() if p.quick_win),
        key=lambda p: (rank(p.id), order.get(p.pillar, 99), p.id),
    )
    programs: list[QuickWinView] = []
    for p in chosen:
        view = views.of(p)
        targets: list[QuickWinTarget] = []
        for ind in view["indicators"]:
            value = ind["target_map"].get(str(first))
            if value is None and ind["targets"]:
                value = ind["targets"][0]["value"]
            targets.append({"indicator": ind, "value": value})
        placement = grid.get(p.id)
        rule = check_quick_win(p, first)
        checks: QuickWinChecks = {
            "first_year": rule.within_first_year,
            "indicators": rule.has_indicator,
            "quadrant": placement is None or placement.quadrant == "quick_win",
        }
        programs.append(
            {
                "program": view,
                "targets": targets,
                "impact": placement.impact if placement else None,
                "effort": placement.effort if placement else None,
                "quadrant_label": s.label("quadrant", placement.quadrant) if placement else "",
                "checks": checks,
                "issues": [s.t(f"quick_wins.issue_{k}") for k, ok in checks.items() if not ok],
            }
        )
    candidates: list[CandidateView] = []
    if analysis is not None:
        for finding in analysis.candidates:
            program = s.plan.programs.get(finding.id)
            if program is None:
                continue
            candidates.append(
                {
                    "program": views.of(program),
                    "rank": finding.rank,
                    "impact": finding.impact,
                    "effort": finding.effort,
                }
            )
    # The analysis lists the strongest candidates first; a reader is told the
    # order, and the one a reader can check is the priority rank.
    candidates.sort(key=lambda c: (c["rank"], c["program"]["id"]))
    return {
        "year": first,
        "programs": programs,
        "grid": analysis is not None and analysis.available,
        "split": analysis.split if analysis else "threshold",
        "impact_split": analysis.impact_split if analysis else None,
        "effort_split": analysis.effort_split if analysis else None,
        "effort_mix": _effort_mix(s, analysis) if analysis else "",
        "candidates": candidates,
        "total_budget": sum(p["program"]["first_year_budget"] for p in programs),
        "total_all_years": sum(p["program"]["budget_total"] for p in programs),
    }


def _effort_mix(s: Scope, analysis: QuickWinAnalysis) -> str:
    """What effort is made of, in the reader's words: ``biaya 50 %, anggaran 25 %, …``."""
    parts = []
    for part, weight in analysis.effort_mix:
        if weight:
            parts.append(f"{s.t(f'quick_wins.effort_{part}')} {s.fmt.percent(weight)}")
    return ", ".join(parts)
