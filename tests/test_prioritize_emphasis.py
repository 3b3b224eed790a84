"""Issue 15, items 1–3: the quick-win grid that splits, pillar emphasis, and the wider sensitivity.

Built plans check each option's arithmetic; brute force checks the guarantee
and the pillar breakpoints; kotim checks what the issue's "done when" asks.
"""

from __future__ import annotations

import itertools
import json
import random
from collections import Counter
from dataclasses import replace

import pytest

from smartplan.check.engine import validate_plan
from smartplan.model import PillarGuarantee, PillarWeights, Plan, QuickWinSetup
from smartplan.prioritize import Prioritization, PrioritizationError, prioritize, sensitivity
from smartplan.prioritize.emphasis import guaranteed_order
from smartplan.prioritize.quickwins import FILL_IN, QUICK_WIN, THANKLESS_TASK
from smartplan.prioritize.sensitivity import Ranker, Weights
from tests.conftest import KOTIM
from tests.test_prioritize import make_info, make_plan, prog

PILLARS3 = ("economy", "living", "environment")


def with_pillars(plan: Plan, **changes: object) -> Plan:
    """``plan`` with its pillar_weights setup changed."""
    assert plan.info is not None
    scoring = plan.info.scoring
    setup = scoring.pillar_weights or PillarWeights()
    new = replace(setup, **changes)  # type: ignore[arg-type]
    info = replace(plan.info, scoring=replace(scoring, pillar_weights=new))
    return replace(plan, info=info)


def random_plan(seed: int, n: int = 18, **pillars: object) -> Plan:
    rng = random.Random(seed)
    setup = PillarWeights(
        weights={"economy": 0.5, "living": 0.3, "environment": 0.2},
        priority_boost=1.3,
        **pillars,  # type: ignore[arg-type]
    )
    info = make_info(pillars=setup, priority_pillar="economy")
    programs = [
        prog(
            f"p{k:02d}",
            {c: rng.randint(1, 5) for c in ("impact", "urgency", "feasibility", "cost")},
            pillar=rng.choice(PILLARS3),
            budget=[(2023, rng.randint(1, 50) * 100_000_000)],
        )
        for k in range(n)
    ]
    return make_plan(info, programs)


# --------------------------------------------------------------------------
# 1. the quick-win grid


def grid_plan(setup: QuickWinSetup) -> Plan:
    """Six one-year programs: impact rises with the id, cost is flat, budgets differ."""
    programs = [
        prog(
            f"g{k}",
            {"impact": 1 + k % 5, "urgency": 3, "feasibility": 3, "cost": 3},
            budget=[(2023, (k + 1) * 100_000_000)],
            end=2023 + (k % 3),
        )
        for k in range(6)
    ]
    return make_plan(make_info(quick_win=setup, period=(2023, 2027)), programs)


def test_effort_mixes_criteria_budget_and_duration() -> None:
    setup = QuickWinSetup(
        impact=("impact",),
        effort=("cost",),
        effort_mix={"criteria": 2.0, "budget": 1.0, "duration": 1.0},
    )
    grid = prioritize(grid_plan(setup)).quick_wins
    assert grid.effort_mix == (("criteria", 0.5), ("budget", 0.25), ("duration", 0.25))
    spot = grid.placement("g2")
    assert spot is not None
    # cost 3 on 1..5 → 0.5; budget 300 of the largest 600 million → 0.5; 3 years of 5 → 2/4
    assert spot.effort_criteria == pytest.approx(0.5)
    assert spot.effort_budget == pytest.approx(0.5)
    assert spot.effort_duration == pytest.approx(0.5)
    assert spot.effort == pytest.approx(0.5)
    one_year = grid.placement("g0")
    assert one_year is not None and one_year.effort_duration == 0.0


def test_median_split_is_strict_and_counts_the_line() -> None:
    grid = prioritize(grid_plan(QuickWinSetup(impact=("impact",), effort=("cost",)))).quick_wins
    assert grid.split == "median"
    impacts = sorted(p.impact for p in grid.placements)
    assert grid.impact_split == pytest.approx((impacts[2] + impacts[3]) / 2)
    for spot in grid.placements:
        high = spot.impact > grid.impact_split + 1e-9
        low = spot.effort < grid.effort_split - 1e-9  # type: ignore[operator]
        assert (spot.quadrant == QUICK_WIN) == (high and low)
    on_line = sum(abs(p.effort - grid.effort_split) <= 1e-9 for p in grid.placements)  # type: ignore[operator]
    assert grid.on_effort_split == on_line


def test_fixed_threshold_gives_no_benefit_of_the_doubt() -> None:
    setup = QuickWinSetup(
        impact=("impact",), effort=("cost",), split="threshold", effort_mix={"criteria": 1}
    )
    # impact 3 → 0.5 and cost 3 → 0.5: exactly on both lines
    plan = make_plan(make_info(quick_win=setup), [prog("mid"), prog("other")])
    grid = prioritize(plan).quick_wins
    assert {p.quadrant for p in grid.placements} == {THANKLESS_TASK}
    assert grid.on_impact_split == grid.on_effort_split == 2


def test_a_plan_giving_only_a_threshold_keeps_a_fixed_split() -> None:
    from smartplan.model import build_scoring

    raw = {
        "scale": {"min": 1, "max": 5},
        "criteria": [{"id": "impact", "name": "Dampak", "kind": "benefit", "weight": 1}],
    }
    assert build_scoring({**raw, "quick_win": {"threshold": 0.4}}).quick_win.split == "threshold"  # type: ignore[union-attr]
    assert build_scoring({**raw, "quick_win": {"impact": ["impact"]}}).quick_win.split == "median"  # type: ignore[union-attr]


def test_grid_without_effort_criteria_still_counts_budget_and_duration() -> None:
    setup = QuickWinSetup(impact=("impact",), effort=())
    info = make_info(quick_win=setup)
    plan = make_plan(info, [prog("a", budget=[(2023, 10**9)]), prog("b", end=2025)])
    grid = prioritize(plan).quick_wins
    assert grid.available
    assert dict(grid.effort_mix)["criteria"] == 0.0
    assert all(p.effort_criteria is None for p in grid.placements)


def test_coverage_counts_declared_and_quadrant_quick_wins_per_pillar() -> None:
    result = prioritize(random_plan(3))
    grid = result.quick_wins
    owned = Counter(p.pillar for p in result.programs)
    placed = Counter(p.pillar for p in grid.placements if p.quadrant == QUICK_WIN)
    assert [c.pillar for c in grid.coverage] == [
        p for p in ("economy", "living", "environment") if owned[p]
    ]
    for row in grid.coverage:
        assert row.programs == owned[row.pillar]
        assert row.in_quadrant == placed[row.pillar]
        assert row.declared == 0


# --------------------------------------------------------------------------
# 2. pillar emphasis


def test_bonus_adds_points_in_proportion_to_the_pillar_weight() -> None:
    result = prioritize(random_plan(1, emphasis="bonus", bonus=12.0))
    setup = result.pillars
    assert setup.emphasis == "bonus"
    top = max(p.weight for p in setup.pillars)
    for weight in setup.pillars:
        assert weight.factor == 1.0
        assert weight.bonus == pytest.approx(12.0 * weight.weight / top)
    for p in result.programs:
        assert p.score == pytest.approx(p.base_score + setup.get(p.pillar).bonus)


def test_none_ranks_by_the_criteria_alone() -> None:
    result = prioritize(random_plan(2, emphasis="none"))
    assert all(p.rank == p.base_rank for p in result.programs)
    assert all(p.score == p.base_score for p in result.programs)


def test_factor_is_the_default_and_base_rank_is_the_criteria_rank() -> None:
    result = prioritize(random_plan(4))
    assert result.pillars.emphasis == "factor"
    by_base = sorted(result.programs, key=lambda p: p.base_rank)
    scores = [p.base_score for p in by_base]
    assert scores == sorted(scores, reverse=True)
    assert sorted(p.base_rank for p in result.programs) == list(range(1, 19))


def test_emphasis_argument_overrides_the_plan() -> None:
    plan = random_plan(5, emphasis="bonus")
    assert prioritize(plan, emphasis="factor").pillars.emphasis == "factor"
    with pytest.raises(PrioritizationError):
        prioritize(plan, emphasis="double")


@pytest.mark.parametrize("seed", range(40))
def test_guarantee_keeps_the_best_top_list_that_meets_it(seed: int) -> None:
    """Brute force: no other top list with k of each pillar has a higher total score."""
    rng = random.Random(seed)
    n, top, per = rng.randint(5, 9), rng.randint(3, 6), rng.randint(1, 2)
    scores = [rng.randint(0, 20) / 2 for _ in range(n)]
    pillars = [rng.choice(PILLARS3) for _ in range(n)]
    order = sorted(range(n), key=lambda k: (-scores[k], k))
    new, moved, unmet = guaranteed_order(order, pillars, top, per)
    assert sorted(new) == list(range(n))
    chosen = new[:top]
    owned = Counter(pillars)
    need = {p: min(per, owned[p]) for p in owned}

    def meets(ids: tuple[int, ...]) -> bool:
        have = Counter(pillars[i] for i in ids)
        return all(have[p] >= need[p] for p in need)

    feasible = [c for c in itertools.combinations(range(n), min(top, n)) if meets(c)]
    if not feasible:
        assert unmet
        return
    assert not unmet and meets(tuple(chosen))
    best = max(sum(scores[i] for i in c) for c in feasible)
    assert sum(scores[i] for i in chosen) == pytest.approx(best)
    # both parts stay in score order, and only programs from outside moved up
    assert chosen == sorted(chosen, key=order.index)
    assert all(order.index(i) >= top for i in moved)


def test_guarantee_marks_and_ranks_the_programs_it_moves() -> None:
    plan = random_plan(6, guarantee=PillarGuarantee(top=4, per_pillar=1))
    result = prioritize(plan)
    head = result.programs[:4]
    assert {p.pillar for p in head} >= {p.pillar for p in result.programs}
    plain = prioritize(random_plan(6))
    for p in result.programs:
        if p.guaranteed:
            assert plain.get(p.id).rank > 4  # type: ignore[union-attr]
            assert p.rank <= 4


def test_guarantee_that_cannot_be_met_warns() -> None:
    result = prioritize(random_plan(7, guarantee=PillarGuarantee(top=2, per_pillar=1)))
    assert any("cannot hold" in w for w in result.warnings)


# --------------------------------------------------------------------------
# 3. sensitivity: pillar weights, boost, Monte Carlo


def pillar_top(result: Prioritization, pillar: str, change: float, top: int) -> set[str]:
    """The top-N ids with one base pillar weight changed, ranked from scratch by the Ranker."""
    ranker = Ranker(result)
    base = dict(ranker.base.pillars)
    base[pillar] *= 1 + change
    total = sum(base.values())
    weights = Weights(
        ranker.base.criteria, {p: v / total for p, v in base.items()}, ranker.base.boost
    )
    return {result.programs[k].id for k in ranker.order(weights)[:top]}


@pytest.mark.parametrize(
    ("seed", "emphasis"), [(s, e) for s in range(6) for e in ("factor", "bonus")]
)
def test_pillar_breakpoints_bound_the_unchanged_range(seed: int, emphasis: str) -> None:
    result = prioritize(random_plan(seed, emphasis=emphasis), top=5)
    report = sensitivity(result, draws=0)
    base = set(report.top_ids)
    assert [p.what for p in report.pillars] == [p.pillar for p in result.pillars.pillars]
    for item in report.pillars:
        for bound, sign in ((item.breakpoint_up, 1), (item.breakpoint_down, -1)):
            if bound is None:
                for step in range(1, 99):
                    assert pillar_top(result, item.what, sign * step / 100, 5) == base
                continue
            assert pillar_top(result, item.what, bound * 0.999, 5) == base
            assert pillar_top(result, item.what, bound + sign * 1e-6, 5) != base


def test_ranker_reproduces_the_ranking() -> None:
    for seed in range(5):
        result = prioritize(random_plan(seed, emphasis="bonus", guarantee=PillarGuarantee(6, 1)))
        ranker = Ranker(result)
        assert ranker.order(ranker.base) == list(range(len(result.programs)))


def test_boost_sensitivity_and_the_ranking_without_it() -> None:
    result = prioritize(random_plan(8), top=5)
    report = sensitivity(result, draws=0)
    boost = report.boost
    assert boost is not None and boost.what == "priority_boost" and boost.value == 1.3
    assert boost.without_boost is not None
    without = prioritize(with_pillars(random_plan(8), priority_boost=1.0), top=5)
    expected = {p.id for p in without.programs[:5]}
    assert boost.without_boost.top_unchanged == (expected == set(report.top_ids))
    if boost.breakpoint_down is not None:
        assert 1.0 / 1.3 - 1 - 1e-12 <= boost.breakpoint_down < 0


def test_no_boost_sensitivity_without_a_priority_pillar() -> None:
    plan = make_plan(make_info(), [prog("a"), prog("b")])
    assert sensitivity(prioritize(plan), draws=0).boost is None


def test_monte_carlo_is_seeded_and_consistent() -> None:
    result = prioritize(random_plan(9), top=5)
    one = sensitivity(result, draws=200, seed=7).monte_carlo
    again = sensitivity(result, draws=200, seed=7).monte_carlo
    other = sensitivity(result, draws=200, seed=8).monte_carlo
    assert one is not None and other is not None
    assert one == again
    assert one.to_dict() != other.to_dict()
    shares = sum(p.top_share for p in one.programs)
    assert shares == pytest.approx(5.0)  # every draw has exactly five in its top 5
    for p in one.programs:
        assert p.min_rank <= p.median_rank <= p.max_rank
        assert 0.0 <= p.top_share <= 1.0
    assert 0.0 <= one.top_unchanged_share <= 1.0


def test_monte_carlo_without_spread_never_moves() -> None:
    result = prioritize(random_plan(10), top=5)
    mc = sensitivity(result, draws=50, spread=0.0).monte_carlo
    assert mc is not None and mc.top_unchanged_share == 1.0
    assert all(p.min_rank == p.max_rank == p.rank for p in mc.programs)


# --------------------------------------------------------------------------
# kotim: the "done when"


@pytest.fixture(scope="module")
def kotim_ranking() -> Prioritization:
    result = validate_plan(KOTIM, use_baseline=False)
    assert result.ok
    return prioritize(result.plan, top=10)


def test_kotim_grid_has_no_quadrant_with_more_than_half(kotim_ranking: Prioritization) -> None:
    counts = Counter(p.quadrant for p in kotim_ranking.quick_wins.placements)
    assert sum(counts.values()) == len(kotim_ranking.programs)
    assert max(counts.values()) <= len(kotim_ranking.programs) / 2
    assert counts[QUICK_WIN] and counts[FILL_IN]


def test_kotim_environment_is_not_buried(kotim_ranking: Prioritization) -> None:
    """The forest-fire early warning answers the plan's first threat: the emphasis keeps it high."""
    fire = kotim_ranking.get("env-karhutla-early-warning")
    assert fire is not None and fire.rank <= 10
    head = Counter(p.pillar for p in kotim_ranking.programs[:20])
    assert all(
        head[p] >= 2
        for p in ("governance", "branding", "economy", "living", "society", "environment")
    )


def test_kotim_sensitivity_covers_every_judgement(kotim_ranking: Prioritization) -> None:
    report = sensitivity(kotim_ranking)
    assert len(report.pillars) == 6 and report.boost is not None
    assert report.monte_carlo is not None and report.monte_carlo.draws == 1000
    data = json.loads(json.dumps(report.to_dict()))
    assert data["monte_carlo"]["seed"] == 1
