"""The roadmap under budget ceilings, and its gap to an exhaustive search."""

from __future__ import annotations

import json
import random
import time

import pytest

from smartplan.model import Plan
from smartplan.prioritize import Prioritization, PrioritizationError, prioritize, schedule
from smartplan.text import rupiah
from tests.test_prioritize import DEFAULT_CRITERIA, make_info, make_plan, prog

HIGH = {"impact": 5, "urgency": 5, "feasibility": 5, "cost": 1}
MID = {"impact": 4, "urgency": 3, "feasibility": 3, "cost": 3}
LOW = {"impact": 2, "urgency": 2, "feasibility": 2, "cost": 4}


def by_id(roadmap, program_id):  # type: ignore[no-untyped-def]
    for item in roadmap.scheduled:
        if item.id == program_id:
            return item
    for item in roadmap.unscheduled:
        if item.id == program_id:
            return item
    raise KeyError(program_id)


def assert_valid(plan: Plan, roadmap) -> None:  # type: ignore[no-untyped-def]
    """Every constraint of the roadmap holds."""
    info = plan.info
    assert info is not None
    spent: dict[int, int] = {}
    starts = {s.id: s.start for s in roadmap.scheduled}
    for item in roadmap.scheduled:
        program = plan.programs[item.id]
        assert item.end - item.start == program.end - program.start
        assert item.shift == item.start - program.start
        if program.fixed:
            assert item.start == program.start
        else:
            assert info.period_start <= item.start and item.end <= info.period_end
        if program.quick_win and not program.fixed:
            assert item.start == info.period_start
        for dep in program.depends_on:
            assert dep in starts and starts[dep] <= item.start
        assert sum(b.amount for b in item.budget) == program.total_budget
        for line in item.budget:
            spent[line.year] = spent.get(line.year, 0) + line.amount
    for year, ceiling in info.budget_ceilings.items():
        assert spent.get(year, 0) <= ceiling
    for year in roadmap.years:
        assert year.spent == spent.get(year.year, 0)
    scheduled = set(starts)
    for item in roadmap.unscheduled:
        assert item.id not in scheduled and item.reason
    assert len(scheduled) + len(roadmap.unscheduled) == len(plan.programs)


# --------------------------------------------------------------------------
# behaviour


def test_rupiah_grouping() -> None:
    assert rupiah(1_500_000_000) == "Rp1.500.000.000"
    assert rupiah(0) == "Rp0"
    assert rupiah(-2500) == "-Rp2.500"


def test_without_ceilings_everything_starts_first_year() -> None:
    plan = make_plan(
        make_info(),
        [
            prog("later", MID, start=2025, end=2026, budget=[(2025, 100), (2026, 200)]),
            prog("pinned", MID, start=2024, end=2025, fixed=True, budget=[(2024, 50)]),
        ],
    )
    roadmap = schedule(plan)
    assert_valid(plan, roadmap)
    later = by_id(roadmap, "later")
    assert (later.start, later.end, later.shift) == (2023, 2024, -2)
    assert [(b.year, b.amount) for b in later.budget] == [(2023, 100), (2024, 200)]
    pinned = by_id(roadmap, "pinned")
    assert (pinned.start, pinned.end, pinned.shift) == (2024, 2025, 0)
    assert any("no budget_ceilings" in w for w in roadmap.warnings)
    assert roadmap.unscheduled == ()
    assert all(y.ceiling is None and y.left is None for y in roadmap.years)


def test_ceiling_pushes_lower_priority_later() -> None:
    ceilings = {y: 1000 for y in range(2023, 2028)}
    plan = make_plan(
        make_info(ceilings=ceilings),
        [
            prog("first", HIGH, budget=[(2023, 600)]),
            prog("second", MID, budget=[(2023, 600)]),
            prog("third", LOW, budget=[(2023, 300)]),
        ],
    )
    ranking = prioritize(plan)
    roadmap = schedule(plan, ranking)
    assert_valid(plan, roadmap)
    assert by_id(roadmap, "first").start == 2023
    assert by_id(roadmap, "third").start == 2023
    second = by_id(roadmap, "second")
    assert second.start == 2024
    assert second.value == pytest.approx(ranking.get("second").score * 0.9)  # type: ignore[union-attr]
    assert roadmap.years[0].spent == 900 and roadmap.years[0].left == 100
    assert roadmap.objective == pytest.approx(sum(s.value for s in roadmap.scheduled))
    assert roadmap.upper_bound == pytest.approx(sum(p.score for p in ranking.programs))


def test_discount_changes_value() -> None:
    plan = make_plan(make_info(ceilings={2023: 0}), [prog("a", HIGH, budget=[(2023, 10)])])
    roadmap = schedule(plan, discount=0.5)
    item = by_id(roadmap, "a")
    assert item.start == 2024
    assert item.value == pytest.approx(50.0)
    with pytest.raises(PrioritizationError):
        schedule(plan, discount=0)


def test_dependency_starts_no_earlier_than_prerequisite() -> None:
    plan = make_plan(
        make_info(),
        [
            prog("portal", HIGH, depends_on=["network"]),
            prog("network", LOW, start=2025, fixed=True),
        ],
    )
    roadmap = schedule(plan)
    assert_valid(plan, roadmap)
    assert by_id(roadmap, "network").start == 2025
    assert by_id(roadmap, "portal").start == 2025


def test_unscheduled_prerequisite_blocks_dependent() -> None:
    ceilings = {y: 1000 for y in range(2023, 2028)}
    plan = make_plan(
        make_info(ceilings=ceilings),
        [
            prog("huge", LOW, budget=[(2023, 5000)]),
            prog("needs-huge", HIGH, depends_on=["huge"], budget=[(2023, 10)]),
        ],
    )
    roadmap = schedule(plan)
    assert_valid(plan, roadmap)
    assert "huge" in {u.id for u in roadmap.unscheduled}
    assert by_id(roadmap, "needs-huge").reason == "its prerequisite huge is not scheduled"
    reason = by_id(roadmap, "huge").reason
    assert "no start year from 2023 to 2027" in reason
    assert "Rp1.000 left of the Rp5.000" in reason


def test_fixed_and_quick_win_that_do_not_fit_are_reported() -> None:
    plan = make_plan(
        make_info(ceilings={2023: 100, 2024: 100}),
        [
            prog("pinned", MID, start=2024, fixed=True, budget=[(2024, 500)]),
            prog("qw", HIGH, quick_win=True, budget=[(2023, 500)]),
        ],
    )
    roadmap = schedule(plan)
    assert_valid(plan, roadmap)
    assert by_id(roadmap, "pinned").reason.startswith("fixed to 2024–2024, but the 2024 ceiling")
    assert by_id(roadmap, "qw").reason.startswith("a quick win must start in the first year")


def test_quick_win_goes_to_first_year() -> None:
    plan = make_plan(make_info(), [prog("qw", LOW, quick_win=True, start=2025)])
    roadmap = schedule(plan)
    assert by_id(roadmap, "qw").start == 2023


def test_quick_win_after_its_prerequisite_is_impossible() -> None:
    plan = make_plan(
        make_info(),
        [
            prog("base", MID, start=2024, fixed=True),
            prog("qw", HIGH, quick_win=True, depends_on=["base"]),
        ],
    )
    roadmap = schedule(plan)
    assert_valid(plan, roadmap)
    assert "prerequisite base starts in 2024" in by_id(roadmap, "qw").reason


def test_too_long_and_cyclic_programs() -> None:
    plan = make_plan(
        make_info(),
        [
            prog("decade", MID, start=2023, end=2032),
            prog("a", MID, depends_on=["b"]),
            prog("b", MID, depends_on=["a"]),
            prog("c", MID, depends_on=["a"]),
            prog("ok", MID),
        ],
    )
    roadmap = schedule(plan)
    assert_valid(plan, roadmap)
    assert "longer than the plan period" in by_id(roadmap, "decade").reason
    assert by_id(roadmap, "a").reason == "it is on a dependency cycle"
    assert by_id(roadmap, "b").reason == "it is on a dependency cycle"
    assert by_id(roadmap, "c").reason == "its prerequisite a is not scheduled"
    assert by_id(roadmap, "ok").start == 2023


def test_unknown_dependency_is_ignored_with_warning() -> None:
    plan = make_plan(make_info(), [prog("a", MID, depends_on=["ghost"])])
    roadmap = schedule(plan)
    assert by_id(roadmap, "a").start == 2023
    assert any("ghost" in w for w in roadmap.warnings)


def test_partial_ceilings_warn() -> None:
    plan = make_plan(make_info(ceilings={2023: 10}), [prog("a", MID, budget=[(2023, 20)])])
    roadmap = schedule(plan)
    assert by_id(roadmap, "a").start == 2024
    assert any("no budget ceiling for 2024" in w for w in roadmap.warnings)


def test_roadmap_round_trips_through_json() -> None:
    plan = random_plan(random.Random(3))
    data = schedule(plan).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert list(data) == [
        "first_year",
        "last_year",
        "discount",
        "method",
        "objective",
        "upper_bound",
        "years",
        "scheduled",
        "unscheduled",
        "warnings",
        "solver",
        "status",
        "gap",
        "objective_mode",
        "dependency",
        "solver_objective",
        "solver_bound",
        "capacity",
    ]


# --------------------------------------------------------------------------
# greedy versus exhaustive search


def random_plan(rng: random.Random, n: int = 6, years: int = 4) -> Plan:
    first = 2023
    last = first + years - 1
    programs = []
    for k in range(n):
        duration = rng.choice([1, 1, 2, 2, 3])
        start = rng.randint(first, last - duration + 1)
        budget = [(start + o, rng.randint(1, 10) * 100) for o in range(duration)]
        deps = [f"p{j}" for j in range(k) if rng.random() < 0.15]
        roll = rng.random()
        fixed = roll < 0.1
        quick_win = not fixed and duration == 1 and roll < 0.2
        scores = {c.id: rng.randint(1, 5) for c in DEFAULT_CRITERIA}
        programs.append(
            prog(
                f"p{k}",
                scores,
                start=start,
                end=start + duration - 1,
                budget=budget,
                fixed=fixed,
                quick_win=quick_win,
                depends_on=deps,
            )
        )
    ceilings = {y: rng.randint(3, 14) * 100 for y in range(first, last + 1)}
    return make_plan(make_info(ceilings=ceilings, period=(first, last)), programs)


def exhaustive(plan: Plan, ranking: Prioritization, discount: float = 0.9) -> float:
    """The optimal objective, by trying every start year (or none) for every program."""
    info = plan.info
    assert info is not None
    first, last = info.period_start, info.period_end
    score = {p.id: p.score for p in ranking.programs}
    order: list[str] = []
    seen: set[str] = set()

    def visit(pid: str) -> None:
        if pid not in seen:
            seen.add(pid)
            for dep in plan.programs[pid].depends_on:
                visit(dep)
            order.append(pid)

    for pid in sorted(plan.programs):
        visit(pid)
    caps = dict(info.budget_ceilings)
    used = dict.fromkeys(caps, 0)
    starts: dict[str, int] = {}
    best = 0.0

    def options(pid: str) -> list[int]:
        p = plan.programs[pid]
        if p.fixed:
            return [p.start]
        if p.quick_win:
            return [first]
        return list(range(first, last - (p.end - p.start) + 1))

    def search(i: int, value: float) -> None:
        nonlocal best
        if i == len(order):
            best = max(best, value)
            return
        pid = order[i]
        p = plan.programs[pid]
        search(i + 1, value)  # leave it out
        if any(d not in starts for d in p.depends_on):
            return
        low = max((starts[d] for d in p.depends_on), default=first - 100)
        for s in options(pid):
            if s < low:
                continue
            shift = s - p.start
            lines = [(b.year + shift, b.amount) for b in p.budget]
            if any(y in caps and used[y] + a > caps[y] for y, a in _merge(lines)):
                continue
            for y, a in lines:
                if y in used:
                    used[y] += a
            starts[pid] = s
            search(i + 1, value + score[pid] * discount ** (s - first))
            del starts[pid]
            for y, a in lines:
                if y in used:
                    used[y] -= a

    search(0, 0.0)
    return best


def _merge(lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: dict[int, int] = {}
    for y, a in lines:
        merged[y] = merged.get(y, 0) + a
    return list(merged.items())


@pytest.mark.parametrize(
    ("local_search", "worst_bound", "mean_bound"),
    [(True, 0.60, 0.98), (False, 0.50, 0.95)],
)
def test_gap_to_exhaustive_search(
    local_search: bool, worst_bound: float, mean_bound: float
) -> None:
    """The bound stated in smartplan/prioritize/roadmap.py holds on a seeded sample."""
    rng = random.Random(20240501)
    ratios = []
    for _ in range(300):
        plan = random_plan(rng)
        ranking = prioritize(plan)
        roadmap = schedule(plan, ranking, local_search=local_search)
        assert_valid(plan, roadmap)
        optimum = exhaustive(plan, ranking)
        assert roadmap.objective <= optimum + 1e-9
        ratios.append(roadmap.objective / optimum if optimum else 1.0)
    assert min(ratios) >= worst_bound
    assert sum(ratios) / len(ratios) >= mean_bound


def test_large_plan_stays_fast() -> None:
    rng = random.Random(9)
    first, last = 2023, 2030
    programs = []
    for k in range(3000):
        duration = rng.choice([1, 1, 2, 3, 5])
        start = rng.randint(first, last - duration + 1)
        programs.append(
            prog(
                f"p{k}",
                {c.id: rng.randint(1, 5) for c in DEFAULT_CRITERIA},
                start=start,
                end=start + duration - 1,
                budget=[(start + o, rng.randint(1, 100) * 10**7) for o in range(duration)],
                depends_on=[f"p{rng.randrange(k)}"] if k and rng.random() < 0.2 else [],
                fixed=rng.random() < 0.05,
            )
        )
    total = sum(p.total_budget for p in programs)
    ceilings = {y: total // 12 for y in range(first, last + 1)}
    plan = make_plan(make_info(ceilings=ceilings, period=(first, last)), programs)
    ranking = prioritize(plan)
    began = time.perf_counter()
    roadmap = schedule(plan, ranking)
    elapsed = time.perf_counter() - began
    assert_valid(plan, roadmap)
    assert roadmap.method == "greedy + repair + local search"  # within its work budget
    assert roadmap.unscheduled  # the ceilings bite
    assert elapsed < 30


def test_local_search_cost_has_no_cliff_at_its_old_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work budget, not a size limit, bounds the local search: 399 and 401 cost alike."""
    from smartplan.prioritize import roadmap as roadmap_module

    trials: list[int] = []
    original = roadmap_module._Work.take

    def counting(work: roadmap_module._Work) -> bool:
        paid = original(work)
        trials[-1] += paid  # trials actually run
        return paid

    monkeypatch.setattr(roadmap_module._Work, "take", counting)
    for n in (399, 401):
        rng = random.Random(9)
        programs = [
            prog(
                f"p{k}",
                {c.id: rng.randint(1, 5) for c in DEFAULT_CRITERIA},
                start=2023,
                end=2024,
                budget=[(2023, rng.randint(1, 100) * 10**7), (2024, rng.randint(1, 100) * 10**7)],
            )
            for k in range(n)
        ]
        total = sum(p.total_budget for p in programs)
        ceilings = {y: total // 20 for y in range(2023, 2031)}
        plan = make_plan(make_info(ceilings=ceilings, period=(2023, 2030)), programs)
        trials.append(0)
        result = schedule(plan, prioritize(plan))
        assert "local search" in result.method
    assert trials[0] and trials[1], trials
    assert 0.5 < trials[1] / trials[0] < 2, trials  # the same search on both sides of 400
    assert max(trials) * 399 <= roadmap_module.LOCAL_SEARCH_WORK
