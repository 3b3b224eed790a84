"""The result types of the prioritisation, each with a JSON-ready ``to_dict``.

Every ``to_dict`` uses the dataclass field names as keys, in declaration
order; tuples become lists; numbers stay numbers; nothing is ever a NaN or an
infinity. So ``json.loads(json.dumps(x.to_dict())) == x.to_dict()`` holds for
every result, and the keys are part of smartplan's interface: renaming one is
a breaking change.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smartplan.errors import SmartplanError, UsageError
from smartplan.i18n import lazy
from smartplan.io.jsonout import JsonResult, plain
from smartplan.prioritize.ahp import AhpResult

if TYPE_CHECKING:
    from smartplan.model import Plan


class PrioritizationError(SmartplanError):
    """The plan's scoring setup cannot be used (e.g. an inconsistent AHP matrix).

    Exits with code 1, like an invalid plan: the fix is in the plan files.
    """

    exit_code = 1


# --------------------------------------------------------------------------
# Weights


@dataclass(frozen=True, slots=True)
class Judgement(JsonResult):
    """One pairwise judgement that disagrees with the derived weights."""

    row: str
    col: str
    given: float
    implied: float


@dataclass(frozen=True, slots=True)
class CompletedEntry(JsonResult):
    """A missing judgement filled in by the completion method (upper triangle)."""

    row: str
    col: str
    value: float


@dataclass(frozen=True, slots=True)
class AhpReport(JsonResult):
    """The AHP figures behind a set of weights, with labels instead of indices.

    The figures themselves are the :class:`~smartplan.prioritize.ahp.AhpResult`
    of :func:`~smartplan.prioritize.ahp.analyse`, held once in ``figures``;
    this adds the row labels (criterion ids or pillar codes), the completed
    entries and the most inconsistent judgements named by them. Its JSON keys
    are ``labels, weights, lambda_max, ci, cr, ri, ri_table, n, method,
    consistent, completed, inconsistent``.
    """

    labels: tuple[str, ...]
    figures: AhpResult
    inconsistent: tuple[Judgement, ...]

    @property
    def weights(self) -> tuple[float, ...]:
        """The weights, in the order of ``labels``."""
        return self.figures.weights

    @property
    def lambda_max(self) -> float:
        """The principal eigenvalue λmax."""
        return self.figures.lambda_max

    @property
    def ci(self) -> float:
        """The consistency index."""
        return self.figures.ci

    @property
    def cr(self) -> float:
        """The consistency ratio."""
        return self.figures.cr

    @property
    def ri(self) -> float:
        """The random index used."""
        return self.figures.ri

    @property
    def ri_table(self) -> str:
        """The name of the random-index table."""
        return self.figures.ri_table

    @property
    def n(self) -> int:
        """The matrix order."""
        return self.figures.n

    @property
    def method(self) -> str:
        """How the weights were derived."""
        return self.figures.method

    @property
    def consistent(self) -> bool:
        """Whether CR ≤ 0.10."""
        return self.figures.consistent

    @property
    def completed(self) -> tuple[CompletedEntry, ...]:
        """The missing judgements filled in, upper triangle, by label."""
        labels, matrix = self.labels, self.figures.matrix
        return tuple(
            CompletedEntry(labels[i], labels[j], matrix[i][j])
            for i, j in self.figures.completed
            if i < j
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON keys listed above, in that order."""
        keys = ("labels", "weights", "lambda_max", "ci", "cr", "ri", "ri_table", "n", "method",
                "consistent", "completed", "inconsistent")  # fmt: skip
        return {key: plain(getattr(self, key)) for key in keys}


@dataclass(frozen=True, slots=True)
class CriterionWeight(JsonResult):
    """A criterion's weight after normalisation; ``given`` is the plan's raw weight."""

    id: str
    name: str
    kind: str
    weight: float
    given: float | None


@dataclass(frozen=True, slots=True)
class CriteriaWeighting(JsonResult):
    """How the criteria weights were obtained: ``method`` is ``direct`` or ``ahp``."""

    method: str
    criteria: tuple[CriterionWeight, ...]
    ahp: AhpReport | None
    warnings: tuple[str, ...]

    def weight(self, criterion_id: str) -> float:
        """The normalised weight of one criterion."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion.weight
        raise KeyError(criterion_id)


@dataclass(frozen=True, slots=True)
class PillarWeight(JsonResult):
    """A pillar's weight and what it does to its programs' scores.

    ``base_weight`` is normalised before the priority boost, ``weight`` after
    it; ``relative = weight / max(weight)`` (1 for the heaviest pillar).
    A program's score is ``base_score · factor + bonus``: with emphasis
    ``factor``, ``factor = relative`` and ``bonus = 0``; with ``bonus``,
    ``factor = 1`` and ``bonus = points · relative``; with ``none`` they are 1
    and 0.
    """

    pillar: str
    base_weight: float
    weight: float
    relative: float
    factor: float
    bonus: float


@dataclass(frozen=True, slots=True)
class PillarWeighting(JsonResult):
    """How the pillar weights were obtained: ``method`` is ``equal``, ``direct`` or ``ahp``."""

    method: str
    priority_pillar: str | None
    priority_boost: float
    emphasis: str
    bonus_points: float
    guarantee_top: int | None
    guarantee_per_pillar: int
    pillars: tuple[PillarWeight, ...]
    ahp: AhpReport | None
    warnings: tuple[str, ...]

    def get(self, pillar: str) -> PillarWeight:
        """One pillar's weight; ``KeyError`` for a pillar the plan does not know."""
        for item in self.pillars:
            if item.pillar == pillar:
                return item
        raise KeyError(pillar)

    def factor(self, pillar: str) -> float:
        """The score multiplier of a pillar."""
        return self.get(pillar).factor


# --------------------------------------------------------------------------
# Scores


@dataclass(frozen=True, slots=True)
class ScorePart(JsonResult):
    """One criterion's share of a program's score.

    ``normalised`` is in 0..1 with 1 best (a cost criterion is inverted);
    ``contribution = 100 · weight · normalised`` points before the pillar
    factor. ``raw`` is ``None`` when the program gave no score (then
    ``normalised`` is 0).
    """

    criterion: str
    kind: str
    raw: float | None
    normalised: float
    weight: float
    contribution: float


@dataclass(frozen=True, slots=True)
class ProgramScore(JsonResult):
    """A program's place in the ranking and the arithmetic behind it.

    ``score = base_score · pillar_factor + pillar_bonus``, where
    ``base_score`` is the sum of the parts' contributions (0–100).
    ``base_rank`` is the rank by ``base_score`` alone, before any pillar
    emphasis; ``rank`` the rank after it (and after the guaranteed presence
    of every pillar, which ``guaranteed`` marks for a program it moved up).
    """

    rank: int
    base_rank: int
    id: str
    name: str
    name_en: str | None
    pillar: str
    element: str
    lead_agency: str
    quick_win: bool
    start: int
    end: int
    total_budget: int
    parts: tuple[ScorePart, ...]
    base_score: float
    pillar_factor: float
    pillar_bonus: float
    score: float
    guaranteed: bool
    warnings: tuple[str, ...]


# --------------------------------------------------------------------------
# Quick wins


@dataclass(frozen=True, slots=True)
class GridPlacement(JsonResult):
    """A program on the impact/effort grid (both axes 0..1).

    ``effort`` is the mix of ``effort_criteria`` (the effort criteria's
    scores), ``effort_budget`` (budget ÷ largest program budget) and
    ``effort_duration`` ((years − 1) ÷ (period years − 1)).
    """

    id: str
    pillar: str
    impact: float
    effort: float
    effort_criteria: float | None
    effort_budget: float
    effort_duration: float
    quadrant: str


@dataclass(frozen=True, slots=True)
class QuickWinFinding(JsonResult):
    """A declared quick win with problems, or an undeclared candidate, and why."""

    id: str
    rank: int
    score: float
    impact: float
    effort: float
    quadrant: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PillarCoverage(JsonResult):
    """Quick wins of one pillar: declared, in the quick-win quadrant, and its programs."""

    pillar: str
    declared: int
    in_quadrant: int
    programs: int


@dataclass(frozen=True, slots=True)
class QuickWinAnalysis(JsonResult):
    """The impact/effort grid and what it says about the declared quick wins.

    ``available`` is false when the grid cannot be drawn (no impact or no
    effort criteria); ``note`` then says why.
    """

    available: bool
    impact_criteria: tuple[str, ...]
    effort_criteria: tuple[str, ...]
    effort_mix: tuple[tuple[str, float], ...]
    split: str
    threshold: float
    impact_split: float | None
    effort_split: float | None
    on_impact_split: int
    on_effort_split: int
    coverage: tuple[PillarCoverage, ...]
    placements: tuple[GridPlacement, ...]
    declared_problems: tuple[QuickWinFinding, ...]
    candidates: tuple[QuickWinFinding, ...]
    note: str | None

    def placement(self, program_id: str) -> GridPlacement | None:
        """The grid placement of one program, if the grid is available."""
        for item in self.placements:
            if item.id == program_id:
                return item
        return None


@dataclass(frozen=True, slots=True)
class Prioritization(JsonResult):
    """The whole ranking of a plan: weights, scores and the quick-win grid."""

    plan_id: str
    top: int
    scale_min: float
    scale_max: float
    criteria: CriteriaWeighting
    pillars: PillarWeighting
    programs: tuple[ProgramScore, ...]
    quick_wins: QuickWinAnalysis
    warnings: tuple[str, ...]

    def get(self, program_id: str) -> ProgramScore | None:
        """One program's score, or ``None``."""
        for item in self.programs:
            if item.id == program_id:
                return item
        return None


# --------------------------------------------------------------------------
# Sensitivity


@dataclass(frozen=True, slots=True)
class LevelOutcome(JsonResult):
    """The ranking when one criterion weight is changed by ``change`` (−0.2 = −20 %)."""

    change: float
    weight: float
    top_unchanged: bool
    entered: tuple[str, ...]
    left: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CriterionSensitivity(JsonResult):
    """How far one criterion's weight can move before the top N changes.

    ``breakpoint_down`` (≤ 0) and ``breakpoint_up`` (≥ 0) are the exact
    relative changes of the weight at which the top-N set first changes, or
    ``None`` when it does not change anywhere in [−100 %, +100 %].
    ``stable_within`` is the smaller of their magnitudes (1.0 when neither
    exists): "the top N does not change unless this weight moves by more than
    ``stable_within``".
    """

    criterion: str
    weight: float
    levels: tuple[LevelOutcome, ...]
    top_unchanged: bool
    smallest_change_tested: float | None
    breakpoint_down: float | None
    breakpoint_up: float | None
    stable_within: float


@dataclass(frozen=True, slots=True)
class RankRange(JsonResult):
    """A program's rank at the base weights and its range over all perturbations."""

    id: str
    rank: int
    min_rank: int
    max_rank: int


@dataclass(frozen=True, slots=True)
class WeightSensitivity(JsonResult):
    """How far one pillar's weight, or the priority boost, can move before the top N changes.

    ``what`` is a pillar code or ``priority_boost``; ``value`` the weight
    (normalised, before the boost) or the boost. Breakpoints are relative
    changes as in :class:`CriterionSensitivity`, found by scanning in steps
    of one percentage point and refining by bisection. For the boost the
    scan goes down to a boost of 1 (no boost) and up to twice the boost;
    ``without_boost`` is the outcome at a boost of 1.
    """

    what: str
    value: float
    levels: tuple[LevelOutcome, ...]
    top_unchanged: bool
    breakpoint_down: float | None
    breakpoint_up: float | None
    stable_within: float
    without_boost: LevelOutcome | None


@dataclass(frozen=True, slots=True)
class ProgramStability(JsonResult):
    """A program over the Monte Carlo draws: its rank range and how often it stays in the top N."""

    id: str
    rank: int
    min_rank: int
    median_rank: float
    max_rank: int
    top_share: float


@dataclass(frozen=True, slots=True)
class MonteCarlo(JsonResult):
    """Rankings under random weights drawn around the chosen ones (seeded, reproducible).

    Each draw multiplies every criterion weight, every pillar weight and the
    priority boost (when there is one) by a factor drawn uniformly from
    ``[1 − spread, 1 + spread]``, renormalises, and ranks again.
    ``top_unchanged_share`` is the share of draws whose top N is the same set.
    """

    draws: int
    seed: int
    spread: float
    top_unchanged_share: float
    programs: tuple[ProgramStability, ...]


@dataclass(frozen=True, slots=True)
class SensitivityResult(JsonResult):
    """Ranking stability under changes of the criteria weights, pillar weights and boost."""

    top: int
    levels: tuple[float, ...]
    top_ids: tuple[str, ...]
    stable: bool
    stable_within: float
    criteria: tuple[CriterionSensitivity, ...]
    pillars: tuple[WeightSensitivity, ...]
    boost: WeightSensitivity | None
    monte_carlo: MonteCarlo | None
    programs: tuple[RankRange, ...]


# --------------------------------------------------------------------------
# Roadmap


@dataclass(frozen=True, slots=True)
class YearAmount(JsonResult):
    """An amount of rupiah in one year."""

    year: int
    amount: int


@dataclass(frozen=True, slots=True)
class YearBudget(JsonResult):
    """One year of the roadmap: ceiling (``None`` = no ceiling), planned spending, left."""

    year: int
    ceiling: int | None
    spent: int
    left: int | None


@dataclass(frozen=True, slots=True)
class CapacityUse(JsonResult):
    """One limit besides the total ceilings, in one year, and how much the roadmap uses.

    ``kind`` is ``source`` (a funding source's ceiling, rupiah), ``agency-rp``
    (an agency's rupiah a year) or ``agency-n`` (programs an agency runs at
    once); ``name`` the source or agency id.
    """

    kind: str
    name: str
    year: int
    limit: int
    used: int


@dataclass(frozen=True, slots=True)
class ScheduledProgram(JsonResult):
    """A program the roadmap places, with its planned and chosen years."""

    id: str
    rank: int
    score: float
    planned_start: int
    planned_end: int
    start: int
    end: int
    shift: int
    value: float
    fixed: bool
    quick_win: bool
    budget: tuple[YearAmount, ...]
    # why it starts where it does ("" on its planned start); see prioritize.exact
    reason: str = ""


@dataclass(frozen=True, slots=True)
class UnscheduledProgram(JsonResult):
    """A program that does not fit, and why."""

    id: str
    rank: int
    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class Roadmap(JsonResult):
    """Start years chosen under the yearly budget ceilings.

    ``objective`` is the value achieved, ``Σ score · discount^(start −
    first_year)`` over scheduled programs; ``upper_bound`` is the value if
    every program started in the first year.
    """

    first_year: int
    last_year: int
    discount: float
    method: str
    objective: float
    upper_bound: float
    years: tuple[YearBudget, ...]
    scheduled: tuple[ScheduledProgram, ...]
    unscheduled: tuple[UnscheduledProgram, ...]
    warnings: tuple[str, ...]
    # The solver behind the roadmap (prioritize.exact): ``highs`` or ``heuristic``;
    # ``status`` ``optimal``, ``node limit``, ``time limit`` or ``heuristic``;
    # ``gap`` the solver's gap (relative; for ``level``, in shares of a ceiling),
    # 0.0 when proven optimal, ``None`` for the heuristic.
    solver: str = "heuristic"
    status: str = "heuristic"
    gap: float | None = None
    objective_mode: str = "early"
    dependency: str = "same_year"
    solver_objective: float | None = None
    solver_bound: float | None = None
    capacity: tuple[CapacityUse, ...] = ()


# --------------------------------------------------------------------------
# One run of ``smartplan prioritize``


def find_program(ranking: Prioritization, program_id: str, where: str) -> ProgramScore:
    """The score of ``program_id``; an unknown id is a usage error naming close ids."""
    found = ranking.get(program_id)
    if found is None:
        close = difflib.get_close_matches(program_id, [p.id for p in ranking.programs], n=3)
        raise UsageError(
            lazy(
                "no program with id %(program_id)r in %(where)s", program_id=program_id, where=where
            ),
            hint=lazy("did you mean: %(value)s?", value=", ".join(close))
            if close
            else lazy("see the ranking's ids"),
        )
    return found


def shown_programs(
    ranking: Prioritization, pillar: str | None, limit: int | None
) -> tuple[ProgramScore, ...]:
    """The programs a report lists: ``pillar``'s only (ranks kept), at most ``limit``."""
    rows = [p for p in ranking.programs if pillar is None or p.pillar == pillar]
    return tuple(rows if limit is None else rows[:limit])


@dataclass(frozen=True, slots=True)
class PrioritizeResult:
    """What one ``smartplan prioritize`` run computed, for its reporters.

    ``shown`` are the programs listed (after ``--pillar`` and ``--top``);
    ``explained``, ``sensitivity`` and ``roadmap`` are ``None`` unless asked for.
    """

    plan: Plan
    ranking: Prioritization
    shown: tuple[ProgramScore, ...]
    explained: ProgramScore | None = None
    sensitivity: SensitivityResult | None = None
    roadmap: Roadmap | None = None
    pillar: str | None = None

    @property
    def planned_by_year(self) -> dict[int, int]:
        """The plan's budget per year as written (see :meth:`Plan.planned_budget_by_year`)."""
        return self.plan.planned_budget_by_year()
