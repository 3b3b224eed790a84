"""Ranking stability when criteria weights move; exact breakpoints checked by brute force."""

from __future__ import annotations

import json
import random

import pytest

from smartplan.model import PillarWeights
from smartplan.prioritize import Prioritization, prioritize, sensitivity
from smartplan.prioritize.scoring import rank_key
from tests.test_prioritize import DEFAULT_CRITERIA, crit, make_info, make_plan, prog


def top_set(result: Prioritization, criterion: int, change: float, top: int) -> set[str]:
    """The top-N ids with one weight changed by ``change``, computed from scratch."""
    weights = [c.weight for c in result.criteria.criteria]
    weights[criterion] *= 1 + change
    total = sum(weights)
    weights = [w / total for w in weights]
    scored = []
    for p in result.programs:
        score = (
            100
            * p.pillar_factor
            * sum(w * part.normalised for w, part in zip(weights, p.parts, strict=True))
        )
        scored.append((rank_key(score, p.quick_win, p.total_budget, p.id), p.id))
    scored.sort()
    return {pid for _, pid in scored[:top]}


def random_ranking(seed: int, n: int = 25, top: int = 5) -> Prioritization:
    rng = random.Random(seed)
    info = make_info(pillars=PillarWeights(priority_boost=1.3), priority_pillar="economy")
    programs = [
        prog(
            f"p{k:02d}",
            {c.id: rng.randint(1, 5) for c in DEFAULT_CRITERIA},
            pillar=rng.choice(["economy", "living", "society"]),
        )
        for k in range(n)
    ]
    return prioritize(make_plan(info, programs), top=top)


def test_levels_and_rank_ranges() -> None:
    result = random_ranking(1)
    report = sensitivity(result)
    assert report.top == 5
    assert report.levels == (-0.2, -0.1, 0.1, 0.2)
    assert report.top_ids == tuple(p.id for p in result.programs[:5])
    assert [c.criterion for c in report.criteria] == [c.id for c in DEFAULT_CRITERIA]
    for crit_report in report.criteria:
        assert [o.change for o in crit_report.levels] == [-0.2, -0.1, 0.1, 0.2]
        for outcome in crit_report.levels:
            index = [c.criterion for c in report.criteria].index(crit_report.criterion)
            expected = top_set(result, index, outcome.change, 5)
            assert outcome.top_unchanged == (expected == set(report.top_ids))
            assert set(outcome.entered) == expected - set(report.top_ids)
            assert set(outcome.left) == set(report.top_ids) - expected
        assert crit_report.top_unchanged == all(o.top_unchanged for o in crit_report.levels)
    for item, program in zip(report.programs, result.programs, strict=True):
        assert item.id == program.id
        assert item.min_rank <= item.rank == program.rank <= item.max_rank
    judgements = [*report.criteria, *report.pillars, *([report.boost] if report.boost else [])]
    assert report.stable == all(c.top_unchanged for c in judgements)


@pytest.mark.parametrize("seed", range(12))
def test_breakpoints_are_exact(seed: int) -> None:
    result = random_ranking(seed)
    report = sensitivity(result)
    base = set(report.top_ids)
    eps = 1e-6
    for index, crit_report in enumerate(report.criteria):
        for bound, sign in ((crit_report.breakpoint_up, 1), (crit_report.breakpoint_down, -1)):
            if bound is None:
                # no change anywhere in that direction (checked on a grid)
                for step in range(1, 101):
                    assert top_set(result, index, sign * step / 100, 5) == base
                continue
            assert sign * bound >= 0
            inside = bound - sign * eps
            if sign * inside > 0:
                for frac in (0.25, 0.5, 0.75, 1.0):
                    assert top_set(result, index, inside * frac, 5) == base
            assert top_set(result, index, bound + sign * eps, 5) != base
        magnitudes = [
            abs(b)
            for b in (crit_report.breakpoint_up, crit_report.breakpoint_down)
            if b is not None
        ]
        assert crit_report.stable_within == (min(magnitudes) if magnitudes else 1.0)
        if crit_report.smallest_change_tested is not None:
            assert crit_report.smallest_change_tested >= crit_report.stable_within - 1e-12
        else:
            assert crit_report.stable_within >= 0.2 - 1e-12 or all(
                o.top_unchanged for o in crit_report.levels
            )
    judgements = [*report.criteria, *report.pillars, *([report.boost] if report.boost else [])]
    assert report.stable_within == min(c.stable_within for c in judgements)


def test_clear_leaders_are_stable() -> None:
    best = {"impact": 5, "urgency": 5, "feasibility": 5, "cost": 1}
    worst = {"impact": 1, "urgency": 1, "feasibility": 1, "cost": 5}
    programs = [prog(f"top{k}", best) for k in range(3)] + [
        prog(f"low{k}", worst) for k in range(5)
    ]
    result = prioritize(make_plan(make_info(), programs), top=3)
    report = sensitivity(result)
    assert report.stable
    assert report.stable_within == 1.0
    assert all(c.breakpoint_up is None and c.breakpoint_down is None for c in report.criteria)
    assert all(c.smallest_change_tested is None for c in report.criteria)


def test_known_breakpoint() -> None:
    """Two criteria 50/50; A = (5, 1), B = (1, 4) on a 1..5 scale: A leads.

    Normalised A = (1, 0), B = (0, 0.75). With impact weight 0.5·(1+p) and
    renormalising, A = 0.5(1+p), B = 0.375: they tie when 0.5(1+p) = 0.375,
    p = −0.25. Up: never.
    """
    criteria = (crit("impact", weight=0.5), crit("reach", weight=0.5))
    programs = [prog("a", {"impact": 5, "reach": 1}), prog("b", {"impact": 1, "reach": 4})]
    result = prioritize(make_plan(make_info(criteria), programs), top=1)
    report = sensitivity(result)
    impact = report.criteria[0]
    assert impact.breakpoint_down == pytest.approx(-0.25)
    assert impact.breakpoint_up is None
    assert impact.stable_within == pytest.approx(0.25)
    assert impact.top_unchanged  # ±20 % does not reach it
    reach = report.criteria[1]
    # reach weight 0.5(1+p): B = 0.375(1+p) vs A = 0.5 → p = 1/3
    assert reach.breakpoint_up == pytest.approx(1 / 3)
    assert report.stable_within == pytest.approx(0.25)


def test_top_larger_than_plan_and_single_criterion() -> None:
    result = random_ranking(2, n=4, top=10)
    report = sensitivity(result)
    assert report.stable
    assert all(c.breakpoint_up is None and c.breakpoint_down is None for c in report.criteria)
    single = prioritize(
        make_plan(
            make_info((crit("impact", weight=1),)),
            [prog("a", {"impact": 3}), prog("b", {"impact": 2})],
        ),
        top=1,
    )
    assert sensitivity(single).stable


def test_custom_levels_and_top_override() -> None:
    result = random_ranking(4)
    report = sensitivity(result, top=3, levels=(-0.5, 0.5))
    assert report.top == 3
    assert len(report.top_ids) == 3
    assert all(len(c.levels) == 2 for c in report.criteria)


def test_sensitivity_round_trips_through_json() -> None:
    data = sensitivity(random_ranking(5)).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert list(data) == [
        "top",
        "levels",
        "top_ids",
        "stable",
        "stable_within",
        "criteria",
        "pillars",
        "boost",
        "monte_carlo",
        "programs",
    ]
