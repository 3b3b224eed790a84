"""How stable the ranking is when the judgement behind it moves.

Every judgement in the ranking is tested: the criteria weights, the pillar
weights and the priority boost, one at a time at fixed levels (−20 %, −10 %,
+10 %, +20 % by default, then renormalised), and all together in a seeded
Monte Carlo draw.

**Criteria breakpoints** are computed in closed form, not by search: with
the weight of ``c`` changed by ``p``, a program's score is
``100 · (f_k · (B_k + p·w_c·v_kc) + b_k · (1 + p·w_c)) / (1 + p·w_c)``
(``B_k`` the base weighted sum, ``v_kc`` its normalised value on ``c``,
``f_k`` its pillar factor, ``b_k`` its pillar bonus ÷ 100). The denominator
is shared and positive, so the order of two programs changes at most once,
at the root of a linear function of ``p``. The top-N set first changes at the
nearest root, over the pairs (one program inside the top N, one outside), in
each direction within [−100 %, +100 %]: ``O(N · M)`` per criterion for ``M``
programs. With a guaranteed pillar presence the top set is no longer a
plain order, so the breakpoints are found as for the pillar weights.

**Pillar-weight and boost breakpoints** are found by scanning the relative
change in steps of one percentage point and refining the first step that
changes the top N by bisection (to 10⁻⁹): pillar weights from −99 % (a
weight must stay above 0) to +100 %, the boost from no boost (1) to twice
its value.

**Monte Carlo**: each draw multiplies every weight (criteria, pillars, the
boost when there is one) by a factor drawn uniformly from ``[1 − spread,
1 + spread]`` with Python's seeded Mersenne Twister, so the same seed gives
the same figures on every machine.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from statistics import median

from smartplan.domain import MONTE_CARLO_DRAWS, MONTE_CARLO_SEED, MONTE_CARLO_SPREAD
from smartplan.prioritize.emphasis import boosted, emphasised, guaranteed_order, terms
from smartplan.prioritize.result import (
    CriterionSensitivity,
    LevelOutcome,
    MonteCarlo,
    Prioritization,
    ProgramStability,
    RankRange,
    SensitivityResult,
    WeightSensitivity,
)
from smartplan.prioritize.scoring import rank_key

DEFAULT_LEVELS: tuple[float, ...] = (-0.2, -0.1, 0.1, 0.2)
DEFAULT_DRAWS = MONTE_CARLO_DRAWS
DEFAULT_SEED = MONTE_CARLO_SEED
DEFAULT_SPREAD = MONTE_CARLO_SPREAD

#: A crossing this close beyond ±100 % counts as at ±100 % (float noise).
_EDGE = 1e-9
#: The scan step of the pillar-weight and boost breakpoints, and the bisection depth.
_STEP = 0.01
_BISECTIONS = 40
#: How far down a pillar weight is scanned: a weight of 0 is not a weight plan.yaml allows.
_PILLAR_FLOOR = -0.99


@dataclass(frozen=True, slots=True)
class Weights:
    """One setting of every judgement: criteria weights, base pillar weights, the boost."""

    criteria: tuple[float, ...]
    pillars: dict[str, float]
    boost: float


class Ranker:
    """Ranks a prioritisation's programs again under other weights, as :func:`prioritize` does."""

    def __init__(self, result: Prioritization) -> None:
        self.programs = result.programs
        self.setup = result.pillars
        self.values = [[part.normalised for part in p.parts] for p in self.programs]
        self.pillar = [p.pillar for p in self.programs]
        self.ties = [(p.quick_win, p.total_budget, p.id) for p in self.programs]
        self.base = Weights(
            tuple(c.weight for c in result.criteria.criteria),
            {p.pillar: p.base_weight for p in result.pillars.pillars},
            result.pillars.priority_boost,
        )

    def scores(self, weights: Weights) -> list[float]:
        """Every program's score under ``weights`` (the arithmetic of :func:`score_program`)."""
        setup = self.setup
        final = boosted(weights.pillars, setup.priority_pillar, weights.boost)
        effect = terms(final, setup.emphasis, setup.bonus_points)
        out = []
        for k, row in enumerate(self.values):
            base = math.fsum(100 * w * v for w, v in zip(weights.criteria, row, strict=True))
            _, factor, bonus = effect.get(self.pillar[k], (1.0, 1.0, 0.0))
            out.append(emphasised(base, factor, bonus))
        return out

    def order(self, weights: Weights) -> list[int]:
        """Program indices in rank order under ``weights``, the guarantee applied."""
        scores = self.scores(weights)
        order = sorted(range(len(scores)), key=lambda k: rank_key(scores[k], *self.ties[k]))
        setup = self.setup
        if setup.guarantee_top is not None:
            order, _, _ = guaranteed_order(
                order, self.pillar, setup.guarantee_top, setup.guarantee_per_pillar
            )
        return order


def _normalised(values: Sequence[float]) -> tuple[float, ...]:
    total = math.fsum(values)
    return tuple(v / total for v in values) if total > 0 else tuple(values)


def _with_criterion(weights: Weights, c: int, change: float) -> Weights:
    changed = list(weights.criteria)
    changed[c] *= 1.0 + change
    return Weights(_normalised(changed), weights.pillars, weights.boost)


def _with_pillar(weights: Weights, pillar: str, change: float) -> Weights:
    changed = dict(weights.pillars)
    changed[pillar] *= 1.0 + change
    total = math.fsum(changed.values())
    return Weights(weights.criteria, {p: v / total for p, v in changed.items()}, weights.boost)


def _with_boost(weights: Weights, change: float) -> Weights:
    return Weights(weights.criteria, weights.pillars, weights.boost * (1.0 + change))


class _Watch:
    """The top-N set at the base weights, and what a changed setting does to it."""

    def __init__(self, ranker: Ranker, n_top: int) -> None:
        self.ranker = ranker
        self.n_top = n_top
        self.inside = list(range(min(n_top, len(ranker.programs))))
        self.ids = [p.id for p in ranker.programs]
        self.top_set = {self.ids[k] for k in self.inside}
        self.min_rank = [p.rank for p in ranker.programs]
        self.max_rank = [p.rank for p in ranker.programs]

    def moved(self, weights: Weights) -> bool:
        """Whether the top-N set differs under ``weights``."""
        order = self.ranker.order(weights)
        return {self.ids[k] for k in order[: self.n_top]} != self.top_set

    def outcome(self, change: float, value: float, weights: Weights) -> LevelOutcome:
        """The top N under ``weights``; rank ranges are widened as a side effect."""
        order = self.ranker.order(weights)
        for rank, k in enumerate(order, start=1):
            self.min_rank[k] = min(self.min_rank[k], rank)
            self.max_rank[k] = max(self.max_rank[k], rank)
        new_top = [self.ids[k] for k in order[: self.n_top]]
        new_set = set(new_top)
        entered = tuple(i for i in new_top if i not in self.top_set)
        left = tuple(self.ids[k] for k in self.inside if self.ids[k] not in new_set)
        return LevelOutcome(change, value, not entered, entered, left)


def _moves(watch: _Watch, setting: Callable[[float], Weights]) -> Callable[[float], bool]:
    """Whether the top N moves at a relative change ``p`` of one setting."""
    return lambda p: watch.moved(setting(p))


def _scan(moved: Callable[[float], bool], limit: float) -> float | None:
    """The smallest relative change towards ``limit`` (signed) at which ``moved`` turns true."""
    if limit == 0:
        return None
    sign = 1.0 if limit > 0 else -1.0
    steps = math.ceil(abs(limit) / _STEP - 1e-12)
    previous = 0.0
    for i in range(1, steps + 1):
        p = sign * min(i * _STEP, abs(limit))
        if moved(p):
            lo, hi = previous, p
            for _ in range(_BISECTIONS):
                mid = (lo + hi) / 2
                if moved(mid):
                    hi = mid
                else:
                    lo = mid
            return hi
        previous = p
    return None


def _closed_form(
    ranker: Ranker, weights: Sequence[float], c: int, inside: Sequence[int]
) -> tuple[float | None, float | None]:
    """The nearest relative changes (down ≤ 0, up ≥ 0) of weight ``c`` that change the top set."""
    programs = ranker.programs
    outside = range(len(inside), len(programs))
    if not inside or not outside or weights[c] >= 1.0:
        return None, None
    wc = weights[c]
    rows = ranker.values
    # each program's score ÷ 100 at p = 0, and its slope in p (numerator)
    base = [
        p.pillar_factor * math.fsum(w * v for w, v in zip(weights, row, strict=True))
        + p.pillar_bonus / 100
        for p, row in zip(programs, rows, strict=True)
    ]
    slope = [
        p.pillar_factor * wc * row[c] + p.pillar_bonus / 100 * wc
        for p, row in zip(programs, rows, strict=True)
    ]
    down: float | None = None
    up: float | None = None
    for k in inside:
        for other in outside:
            gap = max(0.0, base[k] - base[other])
            s = slope[k] - slope[other]
            if s < 0:
                p = min(1.0, gap / -s) if gap / -s <= 1.0 + _EDGE else None
                if p is not None and (up is None or p < up):
                    up = p
            elif s > 0:
                p = max(-1.0, -gap / s) if -gap / s >= -1.0 - _EDGE else None
                if p is not None and (down is None or p > down):
                    down = p
    return down, up


def _stable_within(down: float | None, up: float | None) -> float:
    magnitudes = [abs(b) for b in (down, up) if b is not None]
    return min(magnitudes) if magnitudes else 1.0


def sensitivity(
    result: Prioritization,
    *,
    top: int | None = None,
    levels: Sequence[float] = DEFAULT_LEVELS,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    spread: float = DEFAULT_SPREAD,
) -> SensitivityResult:
    """Perturb every weight and report how the ranking moves.

    ``top`` defaults to the prioritisation's ``top``. For each criterion,
    each pillar and the boost: the outcome at each level (does the top-N set
    stay the same; who enters and leaves) and the breakpoints (see the module
    docstring). For each program: its rank range over all tested levels.
    ``draws`` (0 for none) random settings within ``± spread`` give the
    Monte Carlo stability, seeded by ``seed``.
    """
    n_top = result.top if top is None else top
    ranker = Ranker(result)
    watch = _Watch(ranker, n_top)
    base = ranker.base
    guaranteed = result.pillars.guarantee_top is not None

    criteria: list[CriterionSensitivity] = []
    for c, criterion in enumerate(result.criteria.criteria):
        outcomes = []
        for change in levels:
            changed = _with_criterion(base, c, change)
            outcomes.append(watch.outcome(change, changed.criteria[c], changed))
        changed_at = [abs(o.change) for o in outcomes if not o.top_unchanged]
        if guaranteed:
            moved = _moves(watch, partial(_with_criterion, base, c))
            down, up = _scan(moved, -1.0), _scan(moved, 1.0)
        else:
            down, up = _closed_form(ranker, base.criteria, c, watch.inside)
        criteria.append(
            CriterionSensitivity(
                criterion=criterion.id,
                weight=criterion.weight,
                levels=tuple(outcomes),
                top_unchanged=not changed_at,
                smallest_change_tested=min(changed_at) if changed_at else None,
                breakpoint_down=down,
                breakpoint_up=up,
                stable_within=_stable_within(down, up),
            )
        )

    pillars: list[WeightSensitivity] = []
    if result.pillars.emphasis != "none":
        for item in result.pillars.pillars:
            name = item.pillar
            outcomes = []
            for change in levels:
                changed = _with_pillar(base, name, change)
                outcomes.append(watch.outcome(change, changed.pillars[name], changed))
            # a pillar weight must stay above 0 (as plan.yaml requires): down to −99 %
            moved = _moves(watch, partial(_with_pillar, base, name))
            down, up = _scan(moved, _PILLAR_FLOOR), _scan(moved, 1.0)
            pillars.append(
                WeightSensitivity(
                    name,
                    item.base_weight,
                    tuple(outcomes),
                    all(o.top_unchanged for o in outcomes),
                    down,
                    up,
                    _stable_within(down, up),
                    None,
                )
            )
    boost = _boost_sensitivity(result, watch, levels)

    monte_carlo = _monte_carlo(ranker, n_top, draws, seed, spread) if draws > 0 else None
    everything: list[CriterionSensitivity | WeightSensitivity] = [*criteria, *pillars]
    if boost is not None:
        everything.append(boost)
    return SensitivityResult(
        top=n_top,
        levels=tuple(levels),
        top_ids=tuple(watch.ids[k] for k in watch.inside),
        stable=all(c.top_unchanged for c in everything),
        stable_within=min((c.stable_within for c in everything), default=1.0),
        criteria=tuple(criteria),
        pillars=tuple(pillars),
        boost=boost,
        monte_carlo=monte_carlo,
        programs=tuple(
            RankRange(p.id, p.rank, watch.min_rank[k], watch.max_rank[k])
            for k, p in enumerate(result.programs)
        ),
    )


def _boost_sensitivity(
    result: Prioritization, watch: _Watch, levels: Sequence[float]
) -> WeightSensitivity | None:
    """The boost's levels, its breakpoints (down to no boost, up to twice it), and no boost."""
    setup = result.pillars
    if setup.priority_pillar is None or setup.emphasis == "none" or setup.priority_boost <= 0:
        return None
    base = watch.ranker.base
    value = setup.priority_boost
    outcomes = []
    for change in levels:
        changed = _with_boost(base, change)
        outcomes.append(watch.outcome(change, changed.boost, changed))
    floor = 1.0 / value - 1.0  # the change that brings the boost down to 1
    moved = _moves(watch, partial(_with_boost, base))
    down = _scan(moved, floor) if floor < 0 else None
    up = _scan(moved, 1.0)
    without = watch.outcome(floor, 1.0, _with_boost(base, floor)) if floor < 0 else None
    return WeightSensitivity(
        "priority_boost",
        value,
        tuple(outcomes),
        all(o.top_unchanged for o in outcomes),
        down,
        up,
        _stable_within(down, up),
        without,
    )


def _monte_carlo(ranker: Ranker, n_top: int, draws: int, seed: int, spread: float) -> MonteCarlo:
    """Rank ``draws`` random settings around the chosen weights and tally each program."""
    rng = random.Random(seed)
    base = ranker.base
    count = len(ranker.programs)
    ranks: list[list[int]] = [[] for _ in range(count)]
    in_top = [0] * count
    same = 0
    top_set = set(range(min(n_top, count)))
    names = sorted(base.pillars)
    draw_boost = ranker.setup.priority_pillar is not None and base.boost != 1.0
    for _ in range(draws):
        criteria = _normalised([w * rng.uniform(1 - spread, 1 + spread) for w in base.criteria])
        drawn = {p: base.pillars[p] * rng.uniform(1 - spread, 1 + spread) for p in names}
        total = math.fsum(drawn.values())
        pillars = {p: v / total for p, v in drawn.items()}
        boost = base.boost * rng.uniform(1 - spread, 1 + spread) if draw_boost else base.boost
        order = ranker.order(Weights(criteria, pillars, boost))
        for rank, k in enumerate(order, start=1):
            ranks[k].append(rank)
        head = order[:n_top]
        for k in head:
            in_top[k] += 1
        same += set(head) == top_set
    programs = []
    for k, p in enumerate(ranker.programs):
        taken = ranks[k]
        programs.append(
            ProgramStability(
                p.id, p.rank, min(taken), float(median(taken)), max(taken), in_top[k] / draws
            )
        )
    return MonteCarlo(draws, seed, spread, same / draws, tuple(programs))
