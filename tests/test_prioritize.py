"""Weights, scores, tie-breaks and the quick-win grid, on plans built in code."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence

import pytest

from smartplan.model import (
    AhpSetup,
    BudgetLine,
    Criterion,
    Indicator,
    PillarWeights,
    Plan,
    PlanInfo,
    Program,
    QuickWinSetup,
    Region,
    Scoring,
    Text,
)
from smartplan.prioritize import (
    Prioritization,
    PrioritizationError,
    criteria_weights,
    pillar_weights,
    prioritize,
)
from smartplan.prioritize.quickwins import (
    FILL_IN,
    MAJOR_PROJECT,
    QUICK_WIN,
    THANKLESS_TASK,
    quadrant,
)
from smartplan.prioritize.scoring import normalise

# --------------------------------------------------------------------------
# builders


def crit(cid: str, kind: str = "benefit", weight: float | None = None) -> Criterion:
    return Criterion(cid, Text(cid.title()), kind, weight)


DEFAULT_CRITERIA = (
    crit("impact", weight=0.4),
    crit("urgency", weight=0.2),
    crit("feasibility", weight=0.2),
    crit("cost", "cost", 0.2),
)


def make_info(
    criteria: Sequence[Criterion] = DEFAULT_CRITERIA,
    *,
    ahp: AhpSetup | None = None,
    pillars: PillarWeights | None = None,
    quick_win: QuickWinSetup | None = None,
    priority_pillar: str | None = None,
    ceilings: dict[int, int] | None = None,
    period: tuple[int, int] = (2023, 2027),
    scale: tuple[float, float] = (1, 5),
) -> PlanInfo:
    return PlanInfo(
        id="test",
        region=Region("Kotawaringin Timur", "kabupaten", "Kalimantan Tengah", "Sampit"),
        title=Text("Masterplan"),
        period_start=period[0],
        period_end=period[1],
        vision=Text("Visi"),
        missions=(Text("Misi"),),
        scoring=Scoring(scale[0], scale[1], tuple(criteria), ahp, pillars, quick_win),
        priority_pillar=priority_pillar,
        budget_ceilings=dict(ceilings or {}),
    )


def indicator() -> Indicator:
    return Indicator("ind", Text("Indikator"), "output", "unit", "increase", 2022, 0, {2023: 1})


def prog(
    pid: str,
    scores: dict[str, float] | None = None,
    *,
    pillar: str = "economy",
    start: int = 2023,
    end: int | None = None,
    budget: Sequence[tuple[int, int]] = (),
    quick_win: bool = False,
    fixed: bool = False,
    depends_on: Sequence[str] = (),
    indicators: bool = True,
) -> Program:
    return Program(
        id=pid,
        name=Text(pid.replace("-", " ").title(), f"{pid} (en)"),
        description=Text("Deskripsi"),
        pillar=pillar,
        element="ECO-1",
        lead_agency="diskominfo",
        innovation_type="program",
        start=start,
        end=start if end is None else end,
        scores=dict(scores or {"impact": 3, "urgency": 3, "feasibility": 3, "cost": 3}),
        fixed=fixed,
        quick_win=quick_win,
        budget=tuple(BudgetLine(y, a, "APBD") for y, a in budget),
        indicators=(indicator(),) if indicators else (),
        depends_on=tuple(depends_on),
    )


def make_plan(info: PlanInfo, programs: Sequence[Program]) -> Plan:
    return Plan(info=info, programs={p.id: p for p in programs})


def roundtrip(data: object) -> object:
    return json.loads(json.dumps(data))


# --------------------------------------------------------------------------
# criteria weights


def test_direct_weights_are_normalised_with_warning() -> None:
    criteria = (crit("impact", weight=3), crit("cost", "cost", 1))
    weighting = criteria_weights(make_info(criteria).scoring)
    assert weighting.method == "direct"
    assert weighting.weight("impact") == pytest.approx(0.75)
    assert weighting.weight("cost") == pytest.approx(0.25)
    assert weighting.criteria[0].given == 3
    assert any("sum to 4" in w for w in weighting.warnings)
    assert weighting.ahp is None


def test_direct_weights_summing_to_one_give_no_warning() -> None:
    weighting = criteria_weights(make_info().scoring)
    assert weighting.warnings == ()
    assert sum(c.weight for c in weighting.criteria) == pytest.approx(1.0)


def test_missing_weight_is_refused() -> None:
    criteria = (crit("impact", weight=1), crit("cost", "cost"))
    with pytest.raises(PrioritizationError, match="cost"):
        criteria_weights(make_info(criteria).scoring)


def test_ahp_weights_domain_example() -> None:
    criteria = (crit("impact", weight=0.5), crit("urgency"), crit("cost", "cost"))
    ahp = AhpSetup(((1, 3, 5), (1 / 3, 1, 3), (1 / 5, 1 / 3, 1)))
    weighting = criteria_weights(make_info(criteria, ahp=ahp).scoring)
    assert weighting.method == "ahp"
    assert [round(c.weight, 3) for c in weighting.criteria] == [0.637, 0.258, 0.105]
    assert weighting.ahp is not None
    assert weighting.ahp.cr == pytest.approx(0.033, abs=5e-4)
    assert weighting.ahp.ri_table == "saaty"
    assert weighting.ahp.labels == ("impact", "urgency", "cost")
    assert weighting.ahp.consistent
    assert any("ignored" in w and "impact" in w for w in weighting.warnings)
    dd = criteria_weights(make_info(criteria, ahp=ahp).scoring, ri_table="donegan-dodd")
    assert dd.ahp is not None and dd.ahp.ri == 0.4914


HOUSE = (
    (1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4),
    (1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7),
    (1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5),
    (1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8),
    (1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6),
    (1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6),
    (3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2),
    (4, 7, 5, 8, 6, 6, 2, 1),
)
HOUSE_IDS = (
    "size",
    "transport",
    "neighbourhood",
    "age",
    "yard",
    "facilities",
    "condition",
    "financing",
)


def test_inconsistent_ahp_is_refused_with_judgements_named() -> None:
    criteria = tuple(crit(c) for c in HOUSE_IDS)
    info = make_info(criteria, ahp=AhpSetup(HOUSE))
    with pytest.raises(PrioritizationError) as caught:
        criteria_weights(info.scoring)
    message = caught.value.message
    assert "CR = 0.169" in message
    assert "neighbourhood vs condition is 6" in message
    assert "imply 1.13" in message
    assert caught.value.exit_code == 1


def test_incomplete_ahp_is_completed_and_reported() -> None:
    criteria = (crit("impact"), crit("urgency"), crit("cost", "cost"))
    ahp = AhpSetup(((1, 2, None), (0.5, 1, 2), (None, 0.5, 1)))
    weighting = criteria_weights(make_info(criteria, ahp=ahp).scoring)
    assert weighting.ahp is not None
    assert weighting.ahp.method == "eigenvector (Harker completion)"
    assert len(weighting.ahp.completed) == 1
    entry = weighting.ahp.completed[0]
    assert (entry.row, entry.col) == ("impact", "cost")
    assert entry.value == pytest.approx(4.0)
    assert any("Harker" in w for w in weighting.warnings)


def test_disconnected_ahp_names_criteria() -> None:
    criteria = (crit("a"), crit("b"), crit("c"), crit("d"))
    ahp = AhpSetup(
        ((1, 2, None, None), (0.5, 1, None, None), (None, None, 1, 3), (None, None, 1 / 3, 1))
    )
    with pytest.raises(PrioritizationError, match=r"\{a, b\} \| \{c, d\}"):
        criteria_weights(make_info(criteria, ahp=ahp).scoring)


def test_ahp_matrix_of_wrong_size_and_invalid_entries() -> None:
    criteria = (crit("a"), crit("b"))
    with pytest.raises(PrioritizationError, match="3 rows"):
        criteria_weights(make_info(criteria, ahp=AhpSetup(((1, 1, 1),) * 3)).scoring)
    with pytest.raises(PrioritizationError, match="reciprocal"):
        criteria_weights(make_info(criteria, ahp=AhpSetup(((1, 3), (3, 1)))).scoring)


# --------------------------------------------------------------------------
# pillar weights


def test_equal_pillars_give_factor_one() -> None:
    weighting = pillar_weights(make_info().scoring, None)
    assert weighting.method == "equal"
    assert all(p.factor == pytest.approx(1.0) for p in weighting.pillars)
    assert sum(p.weight for p in weighting.pillars) == pytest.approx(1.0)


def test_priority_boost_on_equal_weights() -> None:
    info = make_info(pillars=PillarWeights(priority_boost=1.5), priority_pillar="economy")
    weighting = pillar_weights(info.scoring, info.priority_pillar)
    assert weighting.factor("economy") == pytest.approx(1.0)
    assert weighting.factor("governance") == pytest.approx(1 / 1.5)
    assert sum(p.weight for p in weighting.pillars) == pytest.approx(1.0)
    assert weighting.pillars[2].base_weight == pytest.approx(1 / 6)
    assert weighting.pillars[2].weight == pytest.approx(1.5 / 6.5)


def test_direct_pillar_weights_with_missing_pillar() -> None:
    given = {"governance": 2, "branding": 1, "economy": 3, "living": 2, "society": 2}
    info = make_info(pillars=PillarWeights(weights=given))
    weighting = pillar_weights(info.scoring, None)
    assert weighting.method == "direct"
    assert weighting.factor("economy") == pytest.approx(1.0)
    assert weighting.factor("branding") == pytest.approx(1 / 3)
    assert weighting.factor("environment") == pytest.approx(2 / 3)  # mean of the others: 2
    assert any("environment" in w for w in weighting.warnings)


def test_pillar_ahp() -> None:
    order = ("economy", "governance", "living", "branding", "society", "environment")
    matrix = tuple(tuple(w1 / w2 for w2 in (6, 3, 3, 2, 2, 1)) for w1 in (6, 3, 3, 2, 2, 1))
    info = make_info(
        pillars=PillarWeights(ahp=AhpSetup(matrix, "saaty", order), priority_boost=2.0),
        priority_pillar="environment",
    )
    weighting = pillar_weights(info.scoring, info.priority_pillar)
    assert weighting.method == "ahp"
    assert weighting.ahp is not None and weighting.ahp.cr == pytest.approx(0, abs=1e-12)
    assert weighting.factor("economy") == pytest.approx(1.0)
    assert weighting.factor("environment") == pytest.approx(2 / 6)
    assert weighting.factor("branding") == pytest.approx(2 / 6)


def test_boost_without_priority_pillar_warns() -> None:
    info = make_info(pillars=PillarWeights(priority_boost=2.0))
    weighting = pillar_weights(info.scoring, None)
    assert any("priority_pillar" in w for w in weighting.warnings)


# --------------------------------------------------------------------------
# scores


def test_normalise_benefit_and_cost() -> None:
    assert normalise(5, "benefit", 1, 5) == 1.0
    assert normalise(1, "benefit", 1, 5) == 0.0
    assert normalise(2, "cost", 1, 5) == pytest.approx(0.75)
    assert normalise(9, "benefit", 1, 5) == 1.0  # clamped


def test_score_arithmetic_is_explained() -> None:
    criteria = (crit("impact", weight=0.5), crit("cost", "cost", 0.5))
    info = make_info(criteria, pillars=PillarWeights(priority_boost=2.0), priority_pillar="economy")
    plan = make_plan(
        info,
        [
            prog("eco-hub", {"impact": 5, "cost": 2}),
            prog("gov-portal", {"impact": 5, "cost": 2}, pillar="governance"),
        ],
    )
    result = prioritize(plan)
    hub = result.get("eco-hub")
    assert hub is not None
    assert [p.normalised for p in hub.parts] == [1.0, 0.75]
    assert [p.contribution for p in hub.parts] == [50.0, 37.5]
    assert hub.base_score == pytest.approx(87.5)
    assert hub.pillar_factor == 1.0
    assert hub.score == pytest.approx(87.5)
    portal = result.get("gov-portal")
    assert portal is not None
    assert portal.pillar_factor == pytest.approx(0.5)
    assert portal.score == pytest.approx(43.75)
    assert [p.id for p in result.programs] == ["eco-hub", "gov-portal"]
    assert [p.rank for p in result.programs] == [1, 2]
    assert result.get("nothing") is None


def test_scores_stay_within_0_and_100() -> None:
    rng = random.Random(7)
    info = make_info(pillars=PillarWeights(priority_boost=3.0), priority_pillar="living")
    programs = [
        prog(
            f"p{k}",
            {c.id: rng.randint(1, 5) for c in DEFAULT_CRITERIA},
            pillar=rng.choice(["economy", "living", "society"]),
        )
        for k in range(60)
    ]
    programs.append(
        prog("best", {"impact": 5, "urgency": 5, "feasibility": 5, "cost": 1}, pillar="living")
    )
    programs.append(prog("worst", {"impact": 1, "urgency": 1, "feasibility": 1, "cost": 5}))
    result = prioritize(make_plan(info, programs))
    assert all(0.0 <= p.score <= 100.0 for p in result.programs)
    assert result.programs[0].id == "best" and result.programs[0].score == pytest.approx(100)
    assert result.get("worst").score == 0.0  # type: ignore[union-attr]
    scores = [p.score for p in result.programs]
    assert scores == sorted(scores, reverse=True)


def test_tie_break_is_deterministic() -> None:
    same = {"impact": 4, "urgency": 3, "feasibility": 3, "cost": 2}
    programs = [
        prog("zeta", same, budget=[(2023, 100)]),
        prog("alpha", same, budget=[(2023, 100)]),
        prog("cheap", same, budget=[(2023, 50)]),
        prog("declared", same, budget=[(2023, 900)], quick_win=True),
    ]
    plan = make_plan(make_info(), programs)
    first = [p.id for p in prioritize(plan).programs]
    assert first == ["declared", "cheap", "alpha", "zeta"]
    plan_reversed = make_plan(make_info(), list(reversed(programs)))
    assert [p.id for p in prioritize(plan_reversed).programs] == first


def test_missing_score_counts_zero_with_warning() -> None:
    plan = make_plan(make_info(), [prog("p", {"impact": 5, "urgency": 5, "feasibility": 5})])
    item = prioritize(plan).programs[0]
    assert item.parts[3].raw is None and item.parts[3].normalised == 0.0
    assert any("cost" in w for w in item.warnings)
    assert item.score == pytest.approx(80.0)


def test_prioritize_refuses_bad_input() -> None:
    with pytest.raises(PrioritizationError):
        prioritize(Plan(info=None))
    with pytest.raises(PrioritizationError):
        prioritize(make_plan(make_info(), []), top=0)


# --------------------------------------------------------------------------
# quick-win grid


@pytest.mark.parametrize(
    ("impact", "effort", "expected"),
    [
        (0.9, 0.1, QUICK_WIN),
        (0.9, 0.9, MAJOR_PROJECT),
        (0.1, 0.1, FILL_IN),
        (0.1, 0.9, THANKLESS_TASK),
        # on a line is no benefit of the doubt: not high impact, not low effort
        (0.5, 0.1, FILL_IN),
        (0.9, 0.5, MAJOR_PROJECT),
        (0.5, 0.5, THANKLESS_TASK),
        (0.51, 0.49, QUICK_WIN),
        (0.49, 0.51, THANKLESS_TASK),
    ],
)
def test_quadrants(impact: float, effort: float, expected: str) -> None:
    assert quadrant(impact, effort, 0.5, 0.5) == expected


def test_quadrants_split_each_axis_at_its_own_line() -> None:
    assert quadrant(0.7, 0.3, 0.6, 0.4) == QUICK_WIN
    assert quadrant(0.7, 0.45, 0.6, 0.4) == MAJOR_PROJECT
    assert quadrant(0.55, 0.3, 0.6, 0.4) == FILL_IN


def quick_win_plan() -> Plan:
    """A grid split at a fixed 0.5 on the criteria alone, so each program's place is obvious."""
    setup = QuickWinSetup(
        impact=("impact", "urgency"),
        effort=("cost", "feasibility"),
        split="threshold",
        effort_mix={"criteria": 1.0},
    )
    info = make_info(quick_win=setup)
    high_low = {"impact": 5, "urgency": 5, "feasibility": 5, "cost": 1}
    high_high = {"impact": 5, "urgency": 4, "feasibility": 1, "cost": 5}
    low_low = {"impact": 1, "urgency": 2, "feasibility": 5, "cost": 1}
    low_high = {"impact": 1, "urgency": 1, "feasibility": 1, "cost": 5}
    return make_plan(
        info,
        [
            prog("good-qw", high_low, quick_win=True),
            prog("long-qw", high_low, quick_win=True, end=2025),
            prog("late-qw", high_low, quick_win=True, start=2024),
            prog("bare-qw", high_low, quick_win=True, indicators=False),
            prog("heavy-qw", high_high, quick_win=True),
            prog("candidate", high_low),
            prog("candidate-long", high_low, start=2024, end=2026),
            prog("major", high_high),
            prog("fill", low_low),
            prog("thankless", low_high),
        ],
    )


def test_quick_win_grid_and_findings() -> None:
    result = prioritize(quick_win_plan())
    grid = result.quick_wins
    assert grid.available
    assert grid.impact_criteria == ("impact", "urgency")
    assert grid.effort_criteria == ("cost", "feasibility")
    place = {p.id: p for p in grid.placements}
    assert place["good-qw"].impact == 1.0 and place["good-qw"].effort == 0.0
    assert place["major"].quadrant == MAJOR_PROJECT
    assert place["major"].effort == 1.0
    assert place["fill"].quadrant == FILL_IN
    assert place["thankless"].quadrant == THANKLESS_TASK
    assert grid.placement("candidate") is place["candidate"]

    problems = {f.id: f.reasons for f in grid.declared_problems}
    assert "good-qw" not in problems
    assert any("within one year" in r for r in problems["long-qw"])
    assert any("first year 2023" in r for r in problems["late-qw"])
    assert any("indicator" in r for r in problems["bare-qw"])
    assert any("major project quadrant" in r for r in problems["heavy-qw"])

    candidates = [c.id for c in grid.candidates]
    assert candidates == ["candidate", "candidate-long"]
    assert grid.candidates[0].reasons == ("meets the quick-win rules",)
    assert any("within one year" in r for r in grid.candidates[1].reasons)


def test_quick_win_defaults_to_benefit_and_cost_criteria() -> None:
    plan = make_plan(make_info(), [prog("p")])
    grid = prioritize(plan).quick_wins
    assert grid.impact_criteria == ("impact", "urgency", "feasibility")
    assert grid.effort_criteria == ("cost",)
    assert grid.split == "median"
    assert grid.effort_mix == (("criteria", 0.5), ("budget", 0.25), ("duration", 0.25))


def test_quick_win_grid_unavailable_without_effort() -> None:
    criteria = (crit("impact", weight=1),)
    setup = QuickWinSetup(effort_mix={"criteria": 1.0})
    plan = make_plan(
        make_info(criteria, quick_win=setup), [prog("p", {"impact": 3}, quick_win=True, end=2024)]
    )
    grid = prioritize(plan).quick_wins
    assert not grid.available
    assert grid.note is not None and "effort" in grid.note
    assert grid.placements == ()
    # the rules are still checked
    assert grid.declared_problems[0].id == "p"


def test_quick_win_unknown_criteria_warn() -> None:
    setup = QuickWinSetup(impact=("impact", "reach"), effort=("cost",))
    result = prioritize(make_plan(make_info(quick_win=setup), [prog("p")]))
    assert any("reach" in w for w in result.warnings)
    assert result.quick_wins.impact_criteria == ("impact",)


# --------------------------------------------------------------------------
# JSON


def test_prioritization_round_trips_through_json() -> None:
    criteria = (crit("impact"), crit("urgency"), crit("cost", "cost"))
    ahp = AhpSetup(((1, 3, None), (1 / 3, 1, 3), (None, 1 / 3, 1)))
    plan = quick_win_plan()
    plan.info = make_info(
        criteria,
        ahp=ahp,
        pillars=PillarWeights(priority_boost=1.5),
        priority_pillar="economy",
        quick_win=QuickWinSetup(impact=("impact",), effort=("cost",)),
    )
    result = prioritize(plan)
    data = result.to_dict()
    assert roundtrip(data) == data
    assert list(data) == [
        "plan_id",
        "top",
        "scale_min",
        "scale_max",
        "criteria",
        "pillars",
        "programs",
        "quick_wins",
        "warnings",
    ]
    first = data["programs"][0]
    assert {"rank", "id", "score", "base_score", "pillar_factor", "parts"} <= set(first)
    assert isinstance(result, Prioritization)
