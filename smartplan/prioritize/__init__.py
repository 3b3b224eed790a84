"""Prioritisation of a plan's programs: weights, scores, quick wins, sensitivity, roadmap.

The method (documented for the regent and Kominfo's evaluators):

1. **Criteria weights** — given per criterion (normalised to sum 1) or
   derived by AHP from ``scoring.ahp`` (principal eigenvector; CR > 0.10 is
   refused, naming the most inconsistent judgements; missing judgements are
   completed by Harker's method). See :mod:`smartplan.prioritize.weights`.
2. **Pillar weights** — given, from a pillar AHP matrix, or equal; the
   priority pillar's weight is multiplied by ``priority_boost``. How they
   enter the score is the **emphasis** (:mod:`~smartplan.prioritize.emphasis`):
   a factor ``weight / max weight`` (default), an additive bonus, or none;
   optionally at least k programs of every pillar in the top N.
3. **Score** — ``100 · Σ weight_c · normalised_c`` (0–100, the base score,
   each criterion score normalised by the plan's scale, cost criteria
   inverted), then the emphasis. Ties: declared quick win first, then
   cheaper, then id. Every program keeps its rank before the emphasis.
4. **Quick-win grid**, **sensitivity** and **roadmap** — see
   :mod:`~smartplan.prioritize.quickwins`,
   :mod:`~smartplan.prioritize.sensitivity`,
   :mod:`~smartplan.prioritize.roadmap`.
"""

from __future__ import annotations

from smartplan.i18n import lazy
from smartplan.model import Plan
from smartplan.prioritize.quickwins import analyse_quick_wins
from smartplan.prioritize.result import (
    AhpReport,
    CriteriaWeighting,
    CriterionSensitivity,
    CriterionWeight,
    GridPlacement,
    Judgement,
    LevelOutcome,
    PillarWeight,
    PillarWeighting,
    Prioritization,
    PrioritizationError,
    ProgramScore,
    QuickWinAnalysis,
    QuickWinFinding,
    RankRange,
    Roadmap,
    ScheduledProgram,
    ScorePart,
    SensitivityResult,
    UnscheduledProgram,
    YearAmount,
    YearBudget,
)
from smartplan.prioritize.roadmap import schedule
from smartplan.prioritize.scoring import rank_programs, score_program
from smartplan.prioritize.sensitivity import sensitivity
from smartplan.prioritize.weights import criteria_weights, pillar_weights

__all__ = [
    "AhpReport",
    "CriteriaWeighting",
    "CriterionSensitivity",
    "CriterionWeight",
    "GridPlacement",
    "Judgement",
    "LevelOutcome",
    "PillarWeight",
    "PillarWeighting",
    "Prioritization",
    "PrioritizationError",
    "ProgramScore",
    "QuickWinAnalysis",
    "QuickWinFinding",
    "RankRange",
    "Roadmap",
    "ScheduledProgram",
    "ScorePart",
    "SensitivityResult",
    "UnscheduledProgram",
    "YearAmount",
    "YearBudget",
    "criteria_weights",
    "pillar_weights",
    "prioritize",
    "schedule",
    "sensitivity",
]


def prioritize(
    plan: Plan, *, top: int = 10, ri_table: str | None = None, emphasis: str | None = None
) -> Prioritization:
    """Rank every program of ``plan`` and place it on the quick-win grid.

    ``top`` is the size of the shortlist that sensitivity checks and reports
    show; the ranking itself holds every program. ``ri_table`` overrides the
    RI table of the plan's AHP matrices (``saaty`` or ``donegan-dodd``),
    ``emphasis`` the plan's pillar emphasis (``factor``, ``bonus`` or ``none``).

    Raises :class:`PrioritizationError` (exit code 1 in the CLI) when the
    plan has no ``plan.yaml``, or its scoring setup cannot be used.
    """
    if plan.info is None:
        raise PrioritizationError(lazy("the plan has no plan.yaml, so it has no scoring setup"))
    if top < 1:
        raise PrioritizationError(lazy("top must be at least 1, not %(top)s", top=top))
    info = plan.info
    scoring = info.scoring
    if not scoring.scale_max > scoring.scale_min:
        raise PrioritizationError(lazy("scoring.scale: max must be greater than min"))
    criteria = criteria_weights(scoring, ri_table=ri_table)
    pillars = pillar_weights(scoring, info.priority_pillar, ri_table=ri_table, emphasis=emphasis)
    ranked, rank_warnings = rank_programs(
        (score_program(program, scoring, criteria, pillars) for program in plan.programs.values()),
        pillars,
    )
    quick_wins, qw_warnings = analyse_quick_wins(info, plan.programs, ranked)
    warnings = [*criteria.warnings, *pillars.warnings, *rank_warnings, *qw_warnings]
    return Prioritization(
        plan_id=info.id,
        top=top,
        scale_min=scoring.scale_min,
        scale_max=scoring.scale_max,
        criteria=criteria,
        pillars=pillars,
        programs=ranked,
        quick_wins=quick_wins,
        warnings=tuple(warnings),
    )
