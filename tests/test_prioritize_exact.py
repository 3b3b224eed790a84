"""The exact roadmap (MILP, HiGHS): each option, the optimum against brute force, the fallback."""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from smartplan.cli import app
from smartplan.model import (
    Agency,
    BudgetLine,
    Plan,
    RoadmapSetup,
    Text,
    build_agencies,
    build_plan_info,
)
from smartplan.prioritize import Prioritization, PrioritizationError, exact, prioritize, schedule
from smartplan.prioritize.exact import plan_roadmap
from tests.conftest import KOTIM
from tests.test_prioritize import make_info, make_plan, prog
from tests.test_prioritize_roadmap import exhaustive, random_plan

pytest.importorskip("highspy")

HIGH = {"impact": 5, "urgency": 5, "feasibility": 5, "cost": 1}
MID = {"impact": 4, "urgency": 3, "feasibility": 3, "cost": 3}
LOW = {"impact": 2, "urgency": 2, "feasibility": 2, "cost": 4}
LAGS = {"same_year": None, "next_year": 1, "after_end": "duration"}


def setup(**changes: Any) -> RoadmapSetup:
    return dataclasses.replace(RoadmapSetup(), **changes)


def by_id(roadmap: Any, program_id: str) -> Any:
    for item in (*roadmap.scheduled, *roadmap.unscheduled):
        if item.id == program_id:
            return item
    raise KeyError(program_id)


def agency(agency_id: str, programs: int | None = None, rupiah: int | None = None) -> Agency:
    return Agency(agency_id, Text(agency_id), agency_id.upper(), None, programs, rupiah)


def with_agencies(plan: Plan, agencies: list[Agency], leads: dict[str, str]) -> Plan:
    programs = {
        pid: dataclasses.replace(p, lead_agency=leads.get(pid, p.lead_agency))
        for pid, p in plan.programs.items()
    }
    return dataclasses.replace(plan, programs=programs, agencies={a.id: a for a in agencies})


# --------------------------------------------------------------------------
# an independent check of every constraint, and a brute force over every schedule


def lag(plan: Plan, prerequisite: str, rule: str) -> int:
    p = plan.programs[prerequisite]
    return {"same_year": 0, "next_year": 1}.get(rule, p.end - p.start + 1)


def violations(plan: Plan, starts: dict[str, int], rule: str) -> list[str]:
    """Every broken constraint of the schedule ``starts`` (program -> start year)."""
    info = plan.info
    assert info is not None
    first, last = info.period_start, info.period_end
    out = []
    total: dict[int, int] = {}
    source: dict[tuple[str, int], int] = {}
    agency_rp: dict[tuple[str, int], int] = {}
    agency_n: dict[tuple[str, int], int] = {}
    for pid, s in starts.items():
        p = plan.programs[pid]
        duration = p.end - p.start + 1
        if p.fixed and s != p.start:
            out.append(f"{pid} fixed")
        if not p.fixed and (s < first or s + duration - 1 > last):
            out.append(f"{pid} outside the period")
        if p.quick_win and not p.fixed and s != first:
            out.append(f"{pid} quick win")
        for dep in p.depends_on:
            if dep not in starts or s < starts[dep] + lag(plan, dep, rule):
                out.append(f"{pid} before {dep}")
        for line in p.budget:
            y = line.year - p.start + s
            total[y] = total.get(y, 0) + line.amount
            source[line.source, y] = source.get((line.source, y), 0) + line.amount
            agency_rp[p.lead_agency, y] = agency_rp.get((p.lead_agency, y), 0) + line.amount
        for y in range(s, s + duration):
            agency_n[p.lead_agency, y] = agency_n.get((p.lead_agency, y), 0) + 1
    for y in info.years:
        if y in info.budget_ceilings and total.get(y, 0) > info.budget_ceilings[y]:
            out.append(f"{y} ceiling")
        for src, caps in info.source_ceilings.items():
            if y in caps and source.get((src, y), 0) > caps[y]:
                out.append(f"{y} {src} ceiling")
        for a in plan.agencies.values():
            if a.capacity_rupiah is not None and agency_rp.get((a.id, y), 0) > a.capacity_rupiah:
                out.append(f"{a.id} rupiah {y}")
            if a.capacity_programs is not None and agency_n.get((a.id, y), 0) > (
                a.capacity_programs
            ):
                out.append(f"{a.id} programs {y}")
    return out


def weights(plan: Plan, ranking: Prioritization, inherit: bool) -> dict[str, float]:
    """Each program's score, raised to the highest score of what depends on it."""
    score = {p.id: p.score for p in ranking.programs}
    if not inherit:
        return score
    out = {}
    for pid in plan.programs:
        best, stack, seen = score[pid], [pid], set()
        while stack:
            node = stack.pop()
            for other in plan.programs.values():
                if node in other.depends_on and other.id not in seen:
                    seen.add(other.id)
                    best = max(best, score[other.id])
                    stack.append(other.id)
        out[pid] = best
    return out


def brute_force(
    plan: Plan, ranking: Prioritization, config: RoadmapSetup
) -> tuple[float, list[dict[str, int]]]:
    """The best early-objective value over all schedules, and every schedule reaching it."""
    info = plan.info
    assert info is not None
    first, last = info.period_start, info.period_end
    ids = sorted(plan.programs)
    choices = []
    for pid in ids:
        p = plan.programs[pid]
        if p.fixed:
            options = [p.start]
        elif p.quick_win:
            options = [first]
        else:
            options = list(range(first, last - (p.end - p.start) + 1))
        choices.append([None, *options])
    w = weights(plan, ranking, config.inherit_urgency)
    best, best_starts = -1.0, []
    for combo in itertools.product(*choices):
        starts = {pid: s for pid, s in zip(ids, combo, strict=True) if s is not None}
        if violations(plan, starts, config.dependency):
            continue
        value = math.fsum(w[pid] * config.discount ** (s - first) for pid, s in starts.items())
        if value > best + 1e-9:
            best, best_starts = value, [starts]
        elif abs(value - best) <= 1e-9:
            best_starts.append(starts)
    return best, best_starts


def constrained_plan(rng: random.Random, n: int = 5, years: int = 4) -> Plan:
    """A random small plan with agency capacities, a source ceiling and mixed sources."""
    plan = random_plan(rng, n=n, years=years)
    info = plan.info
    assert info is not None
    programs = {}
    for pid, p in plan.programs.items():
        budget = tuple(BudgetLine(b.year, b.amount, rng.choice(["APBD", "APBN"])) for b in p.budget)
        programs[pid] = dataclasses.replace(
            p, budget=budget, lead_agency=rng.choice(["dinkes", "diskominfo"])
        )
    source = {y: rng.randint(2, 8) * 100 for y in info.years} if rng.random() < 0.5 else {}
    info = dataclasses.replace(info, source_ceilings={"APBD": source} if source else {})
    agencies = [
        agency("dinkes", programs=rng.choice([None, 1, 2])),
        agency("diskominfo", rupiah=rng.choice([None, 500, 900])),
    ]
    return dataclasses.replace(
        plan, info=info, programs=programs, agencies={a.id: a for a in agencies}
    )


def starts_of(roadmap: Any) -> dict[str, int]:
    return {s.id: s.start for s in roadmap.scheduled}


# --------------------------------------------------------------------------
# the optimum


def test_exact_equals_exhaustive_search_on_random_plans() -> None:
    """Without inherited urgency the MILP optimises the heuristic's objective: equal optimum."""
    rng = random.Random(20240501)
    config = setup(inherit_urgency=False, solver="exact")
    for _ in range(60):
        plan = random_plan(rng)
        ranking = prioritize(plan)
        roadmap = plan_roadmap(plan, ranking, setup=config)
        assert roadmap.status == "optimal" and roadmap.gap == 0.0
        assert violations(plan, starts_of(roadmap), "same_year") == []
        assert roadmap.objective == pytest.approx(exhaustive(plan, ranking), abs=1e-6)
        # never worse than the heuristic it started from
        assert roadmap.objective >= schedule(plan, ranking).objective - 1e-9


def test_warm_start_never_hides_a_better_schedule() -> None:
    """Plan 433 of the seeded sample: HiGHS once returned the warm start as 'optimal'."""
    rng = random.Random(20240501)
    for _ in range(433):
        random_plan(rng)
    plan = random_plan(rng)
    ranking = prioritize(plan)
    config = setup(inherit_urgency=False)
    heuristic = schedule(plan, ranking)
    roadmap = plan_roadmap(plan, ranking, setup=config)
    assert heuristic.objective == pytest.approx(222.56)
    assert roadmap.objective == pytest.approx(exhaustive(plan, ranking)) == pytest.approx(225.4)


@pytest.mark.parametrize("rule", ["same_year", "next_year", "after_end"])
@pytest.mark.parametrize("inherit", [True, False])
def test_exact_equals_brute_force_with_every_constraint(rule: str, inherit: bool) -> None:
    rng = random.Random(hash((rule, inherit)) % 1000 + 7)
    config = setup(dependency=rule, inherit_urgency=inherit, solver="exact")
    for _ in range(12):
        plan = constrained_plan(rng)
        ranking = prioritize(plan)
        roadmap = plan_roadmap(plan, ranking, setup=config)
        starts = starts_of(roadmap)
        assert violations(plan, starts, rule) == []
        best, _ = brute_force(plan, ranking, config)
        assert roadmap.status == "optimal"
        assert roadmap.solver_objective == pytest.approx(best, abs=1e-6)
        assert len(starts) + len(roadmap.unscheduled) == len(plan.programs)
        assert all(u.reason for u in roadmap.unscheduled)


def test_level_mode_equals_brute_force_peak() -> None:
    """Level: the most score fits, and no schedule keeping it has a lower peak share."""
    rng = random.Random(11)
    config = setup(objective="level", solver="exact")
    checked = 0
    for _ in range(15):
        plan = random_plan(rng, n=5)
        info = plan.info
        assert info is not None
        ranking = prioritize(plan)
        roadmap = plan_roadmap(plan, ranking, setup=config)
        starts = starts_of(roadmap)
        assert violations(plan, starts, "same_year") == []
        score = {p.id: p.score for p in ranking.programs}
        # brute force: the most score, then the lowest peak share of a ceiling
        best_score, best_peak = -1.0, math.inf
        ids = sorted(plan.programs)
        choices = []
        for pid in ids:
            p = plan.programs[pid]
            options = (
                [p.start]
                if p.fixed
                else [info.period_start]
                if p.quick_win
                else list(range(info.period_start, info.period_end - (p.end - p.start) + 1))
            )
            choices.append([None, *options])
        for combo in itertools.product(*choices):
            chosen = {pid: s for pid, s in zip(ids, combo, strict=True) if s is not None}
            if violations(plan, chosen, "same_year"):
                continue
            total = math.fsum(score[i] for i in chosen)
            spent = {y: 0 for y in info.years}
            for pid, s in chosen.items():
                p = plan.programs[pid]
                for b in p.budget:
                    if b.year - p.start + s in spent:
                        spent[b.year - p.start + s] += b.amount
            peak = max(spent[y] / c for y, c in info.budget_ceilings.items() if c)
            if total > best_score + 1e-9:
                best_score, best_peak = total, peak
            elif abs(total - best_score) <= 1e-9:
                best_peak = min(best_peak, peak)
        got = max(y.spent / y.ceiling for y in roadmap.years if y.ceiling)
        assert math.fsum(score[i] for i in starts) == pytest.approx(best_score)
        assert got <= best_peak + exact.LEVEL_ABS_GAP + 1e-9
        checked += 1
    assert checked == 15


def test_level_spreads_what_early_front_loads() -> None:
    ceilings = {y: 1000 for y in range(2023, 2028)}
    programs = [prog(f"p{k}", MID, start=2025, budget=[(2025, 300)]) for k in range(5)]
    plan = make_plan(make_info(ceilings=ceilings), programs)
    early = plan_roadmap(plan, setup=setup())
    level = plan_roadmap(plan, setup=setup(objective="level"))
    assert [y.spent for y in early.years] == [900, 600, 0, 0, 0]
    assert max(y.spent for y in level.years) == 300
    assert level.objective_mode == "level" and level.status == "optimal"
    assert all(
        s.reason == "evens out the yearly use of the ceilings" for s in level.scheduled if s.shift
    )


# --------------------------------------------------------------------------
# each option


def chain_plan() -> Plan:
    return make_plan(
        make_info(),
        [
            prog("network", LOW, start=2023, end=2024, budget=[(2023, 10), (2024, 10)]),
            prog("portal", HIGH, start=2023, depends_on=["network"], budget=[(2023, 5)]),
        ],
    )


@pytest.mark.parametrize(
    ("rule", "portal_start"), [("same_year", 2023), ("next_year", 2024), ("after_end", 2025)]
)
def test_dependency_rule(rule: str, portal_start: int) -> None:
    roadmap = plan_roadmap(chain_plan(), setup=setup(dependency=rule))
    assert by_id(roadmap, "network").start == 2023
    portal = by_id(roadmap, "portal")
    assert portal.start == portal_start
    assert roadmap.dependency == rule
    if portal_start > 2023:
        assert portal.reason == "its prerequisite network starts in 2023"


def test_agency_capacity_in_programs() -> None:
    plan = make_plan(make_info(), [prog(f"p{k}", HIGH if k == 0 else MID) for k in range(3)])
    plan = with_agencies(plan, [agency("diskominfo", programs=2)], {})
    roadmap = plan_roadmap(plan)
    years = sorted(s.start for s in roadmap.scheduled)
    assert years == [2023, 2023, 2024]
    moved = next(s for s in roadmap.scheduled if s.start == 2024)
    assert moved.reason == "DISKOMINFO already runs 2 programs in 2023"
    assert [(c.kind, c.year, c.limit, c.used) for c in roadmap.capacity][:2] == [
        ("agency-n", 2023, 2, 2),
        ("agency-n", 2024, 2, 1),
    ]


def test_agency_capacity_in_rupiah_and_unset_agency_is_free() -> None:
    programs = [
        prog("a", HIGH, budget=[(2023, 600)]),
        prog("b", MID, budget=[(2023, 600)]),
        prog("c", MID, budget=[(2023, 600)]),
    ]
    plan = with_agencies(
        make_plan(make_info(), programs),
        [agency("dinkes", rupiah=1000), agency("diskominfo")],
        {"a": "dinkes", "b": "dinkes"},
    )
    roadmap = plan_roadmap(plan)
    assert by_id(roadmap, "a").start == 2023
    assert by_id(roadmap, "b").start == 2024
    assert by_id(roadmap, "b").reason == "DINKES's 2023 capacity full"
    assert by_id(roadmap, "c").start == 2023  # diskominfo has no capacity set


def test_source_ceiling() -> None:
    info = dataclasses.replace(make_info(), source_ceilings={"APBD": {2023: 100}})
    plan = make_plan(
        info, [prog("a", HIGH, budget=[(2023, 80)]), prog("b", MID, budget=[(2023, 80)])]
    )
    roadmap = plan_roadmap(plan)
    assert by_id(roadmap, "b").start == 2024
    assert by_id(roadmap, "b").reason == "2023 APBD ceiling full"
    assert ("source", "APBD", 2023, 100, 80) in {
        (c.kind, c.name, c.year, c.limit, c.used) for c in roadmap.capacity
    }


def test_prerequisite_inherits_urgency() -> None:
    """The issue's intranet: without inheritance it waits for a better-scored filler."""
    ceilings = {2023: 100, 2024: 1000, 2025: 1000, 2026: 1000, 2027: 1000}
    plan = make_plan(
        make_info(ceilings=ceilings),
        [
            prog("intranet", LOW, budget=[(2023, 100)]),
            prog("filler", MID, budget=[(2023, 100)]),
            prog(
                "centre", HIGH, start=2024, fixed=True, depends_on=["intranet"], budget=[(2024, 5)]
            ),
        ],
    )
    plain = plan_roadmap(plan, setup=setup(inherit_urgency=False))
    assert (by_id(plain, "intranet").start, by_id(plain, "filler").start) == (2024, 2023)
    urgent = plan_roadmap(plan)
    assert (by_id(urgent, "intranet").start, by_id(urgent, "filler").start) == (2023, 2024)
    assert by_id(urgent, "filler").reason == "2023 ceiling full"
    assert by_id(urgent, "centre").start == 2024


def test_quick_win_fixed_and_period_reasons() -> None:
    plan = make_plan(
        make_info(ceilings={2023: 50}),
        [
            prog("qw", MID, start=2025, quick_win=True, budget=[(2025, 10)]),
            prog("pinned", HIGH, start=2023, fixed=True, budget=[(2023, 100)]),
            prog("late", LOW, start=2030, budget=[(2030, 10)]),
        ],
    )
    roadmap = plan_roadmap(plan)
    assert by_id(roadmap, "qw").start == 2023
    assert by_id(roadmap, "qw").reason == "a quick win starts in the plan's first year"
    assert by_id(roadmap, "pinned").reason.startswith("fixed to 2023–2023, but the 2023 ceiling")
    assert "outside the plan period" in by_id(roadmap, "late").reason


def test_cycles_and_unscheduled_prerequisite() -> None:
    plan = make_plan(
        make_info(ceilings={2023: 10, 2024: 10, 2025: 10, 2026: 10, 2027: 10}),
        [
            prog("a", MID, depends_on=["b"]),
            prog("b", MID, depends_on=["a"]),
            prog("c", MID, depends_on=["a"]),
            prog("huge", LOW, budget=[(2023, 500)]),
            prog("needs-huge", HIGH, depends_on=["huge"]),
        ],
    )
    roadmap = plan_roadmap(plan)
    assert by_id(roadmap, "a").reason == "it is on a dependency cycle"
    assert by_id(roadmap, "c").reason == "its prerequisite a is not scheduled"
    assert by_id(roadmap, "needs-huge").reason == "its prerequisite huge is not scheduled"
    assert "no start year from 2023 to 2027 fits" in by_id(roadmap, "huge").reason


def test_same_plan_same_schedule() -> None:
    plan = constrained_plan(random.Random(5), n=6)
    first = plan_roadmap(plan).to_dict()
    assert json.loads(json.dumps(first)) == first
    assert plan_roadmap(plan).to_dict() == first


def test_bad_settings_are_refused() -> None:
    plan = chain_plan()
    for change in (
        {"objective": "soon"},
        {"dependency": "whenever"},
        {"solver": "cplex"},
        {"discount": 0.0},
        {"time_limit": 0.0},
        {"node_limit": 0},
    ):
        with pytest.raises(PrioritizationError):
            plan_roadmap(plan, setup=setup(**change))


# --------------------------------------------------------------------------
# which solver runs, and the fallback


def test_heuristic_on_request_and_above_exact_limit() -> None:
    plan = chain_plan()
    forced = plan_roadmap(plan, setup=setup(solver="heuristic"))
    assert (forced.solver, forced.status, forced.gap) == ("heuristic", "heuristic", None)
    assert forced.method.startswith("heuristic: greedy")
    large = plan_roadmap(plan, setup=setup(exact_limit=1))
    assert large.solver == "heuristic"
    assert any("more than exact_limit 1" in w for w in large.warnings)
    level = plan_roadmap(plan, setup=setup(solver="heuristic", objective="level"))
    assert any("'level' needs the exact solver" in w for w in level.warnings)


def test_fallback_when_the_solver_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = random_plan(random.Random(3))
    ranking = prioritize(plan)
    monkeypatch.setattr(
        exact, "_solve", lambda *a, **k: exact._Solution({}, "no solution", 0.0, 0.0, 1.0)
    )
    roadmap = plan_roadmap(plan, ranking, setup=setup(time_limit=0.5))
    assert roadmap.solver == "heuristic"
    assert any("no better schedule than the heuristic's within" in w for w in roadmap.warnings)
    assert starts_of(roadmap) == starts_of(schedule(plan, ranking))


def test_fallback_repairs_the_heuristic_for_capacity(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        exact, "_solve", lambda *a, **k: exact._Solution({}, "no solution", 0.0, 0.0, 1.0)
    )
    rng = random.Random(8)
    for _ in range(20):
        plan = constrained_plan(rng, n=6)
        roadmap = plan_roadmap(plan, setup=setup(dependency="after_end"))
        assert roadmap.solver == "heuristic"
        assert violations(plan, starts_of(roadmap), "after_end") == []


def test_heuristic_wins_over_a_worse_incumbent(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = random_plan(random.Random(3))
    ranking = prioritize(plan)
    monkeypatch.setattr(
        exact, "_solve", lambda *a, **k: exact._Solution({}, "time limit", 0.0, 10.0**6, 1.0)
    )
    roadmap = plan_roadmap(plan, ranking)
    assert roadmap.solver == "heuristic"
    assert starts_of(roadmap) == starts_of(schedule(plan, ranking))


def test_time_limit_keeps_best_found_with_its_gap(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = random_plan(random.Random(4))
    real = exact._solve

    def stopped(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        return exact._Solution(
            found.starts, "time limit", found.objective, found.bound * 1.01, 0.01
        )

    monkeypatch.setattr(exact, "_solve", stopped)
    roadmap = plan_roadmap(plan)
    assert (roadmap.solver, roadmap.status, roadmap.gap) == ("highs", "time limit", 0.01)
    assert any("time limit" in w for w in roadmap.warnings)


def test_without_highspy_the_heuristic_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "highspy", None)
    roadmap = plan_roadmap(chain_plan())
    assert roadmap.solver == "heuristic"
    assert any("highspy is not installed" in w for w in roadmap.warnings)


# --------------------------------------------------------------------------
# configuration files and the command


def test_roadmap_settings_and_capacity_are_read() -> None:
    raw = yaml.safe_load((KOTIM / "plan.yaml").read_text(encoding="utf-8"))
    assert build_plan_info(raw).roadmap == RoadmapSetup()
    raw["roadmap"] = {"objective": "level", "dependency": "after_end", "time_limit": 5}
    raw["budget_ceilings_by_source"] = {"APBD": {2023: 10}}
    info = build_plan_info(raw)
    assert info.roadmap == setup(objective="level", dependency="after_end", time_limit=5.0)
    assert info.source_ceilings == {"APBD": {2023: 10}}
    agencies = build_agencies(
        {"agencies": [{"id": "a", "name": "A", "short": "A", "capacity": {"programs": 3}}]}
    )
    assert (agencies["a"].capacity_programs, agencies["a"].capacity_rupiah) == (3, None)


def copy_kotim(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "kotim"
    shutil.copytree(KOTIM, target)
    return target


def test_cli_reports_solver_gap_use_and_reasons(runner: CliRunner) -> None:
    env = {"COLUMNS": "200", "NO_COLOR": "1"}
    result = runner.invoke(app, ["prioritize", str(KOTIM), "--schedule"], env=env)
    assert result.exit_code == 0, result.output
    assert "Exact (HiGHS mixed-integer program): optimal, gap 0 %" in result.stdout
    assert "Use" in result.stdout and "98.9 %" in result.stdout
    assert "moved to 2024: 2023 ceiling full" in result.stdout
    data = json.loads(
        runner.invoke(app, ["prioritize", str(KOTIM), "--schedule", "-f", "json"], env=env).stdout
    )
    assert (data["roadmap"]["solver"], data["roadmap"]["gap"]) == ("highs", 0.0)
    moved = {s["id"]: s["reason"] for s in data["roadmap"]["scheduled"] if s["shift"]}
    assert moved["liv-simrs-murjani"] == "2023 ceiling full"
    starts = {s["id"]: s["start"] for s in data["roadmap"]["scheduled"]}
    # the intranet inherits telemedicine's urgency and is not delayed
    assert starts["gov-jaringan-intra-pemerintah"] == 2023
    csv_out = runner.invoke(
        app, ["prioritize", str(KOTIM), "--schedule", "-f", "csv", "--top", "60"], env=env
    ).stdout
    assert "roadmap_moved_because" in csv_out.splitlines()[0]
    assert "2023 ceiling full" in csv_out


def test_cli_with_capacity_and_level(runner: CliRunner, tmp_path: Path) -> None:
    plan_dir = copy_kotim(tmp_path)
    path = plan_dir / "agencies.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["agencies"][0]["capacity"] = {"programs": 2}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path = plan_dir / "plan.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["roadmap"] = {"dependency": "next_year"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = {"COLUMNS": "200", "NO_COLOR": "1"}
    result = runner.invoke(app, ["prioritize", str(plan_dir), "--schedule", "-f", "json"], env=env)
    assert result.exit_code == 0, result.output
    roadmap = json.loads(result.stdout)["roadmap"]
    assert roadmap["dependency"] == "next_year" and roadmap["status"] == "optimal"
    running = [c for c in roadmap["capacity"] if c["kind"] == "agency-n"]
    assert running and all(c["used"] <= 2 for c in running)
    table = runner.invoke(app, ["prioritize", str(plan_dir), "--schedule"], env=env)
    assert "Source ceilings and agency capacity" in table.stdout
    assert "a dependent starts a year after its prerequisite" in table.stdout


def test_solver_is_imported_only_by_schedule() -> None:
    """Start-up and plain ``prioritize`` never load highspy or numpy."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from smartplan.cli import main\n"
        "sys.argv = ['smartplan', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in ('highspy', 'numpy', 'scipy') if m in sys.modules)\n"
        "sys.stderr.write('LOADED=' + ','.join(loaded) + '\\n')\n"
    )

    def loaded(*args: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False
        )
        return next(line for line in proc.stderr.splitlines() if line.startswith("LOADED="))

    assert loaded("--help") == "LOADED="
    assert loaded("prioritize", str(KOTIM), "-f", "json") == "LOADED="
    assert loaded("prioritize", str(KOTIM), "--schedule", "-f", "json") == "LOADED=highspy,numpy"
