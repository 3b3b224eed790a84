"""Chapter Prioritas: method, weights, AHP consistency and the ranking."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from smartplan.domain import PILLARS
from smartplan.model import AhpSetup, format_judgement
from smartplan.render.views.programs import ProgramView, ProgramViews
from smartplan.render.views.scope import Scope

if TYPE_CHECKING:  # prioritize is only needed when its results are passed in
    from smartplan.prioritize.result import AhpReport, Prioritization


class CriterionView(TypedDict):
    id: str
    name: str
    kind: str
    kind_label: str
    weight: float | None
    description: str


class MatrixRow(TypedDict):
    label: str
    cells: list[str]


class AhpView(TypedDict):
    labels: list[str]
    matrix: list[MatrixRow]
    n: int
    lambda_max: float
    ci: float
    ri: float
    cr: float
    ri_table: str
    ri_table_label: str
    consistent: bool
    completed: int


class PillarWeightView(TypedDict):
    code: str
    name: str
    base_weight: float
    weight: float
    factor: float
    effect: float
    is_priority: bool


class RankingRow(TypedDict):
    rank: int
    base_rank: int
    guaranteed: bool
    id: str
    score: float
    base_score: float
    pillar_factor: float
    quadrant: str
    quadrant_label: str
    program: ProgramView


class PrioritiesView(TypedDict):
    available: bool
    method: str
    method_label: str
    scale_min: float
    scale_max: float
    criteria: list[CriterionView]
    ahp: AhpView | None
    pillar_method: str
    pillar_method_label: str
    pillar_boost_label: str
    emphasis: str
    emphasis_label: str
    guarantee_label: str
    effect_label: str
    priority_boost: float | None
    pillar_weights: list[PillarWeightView]
    pillar_ahp: AhpView | None
    ranking: list[RankingRow]


def prioritization(s: Scope, views: ProgramViews, result: Prioritization | None) -> PrioritiesView:
    """Method, weights, AHP consistency and ranking (from ``prioritize`` if given)."""
    scoring = s.info.scoring
    computed = {c.id: c for c in result.criteria.criteria} if result else {}
    criteria: list[CriterionView] = []
    for i, c in enumerate(scoring.criteria):
        weight = computed[c.id].weight if c.id in computed else c.weight
        criteria.append(
            {
                "id": c.id,
                "name": s.tx(c.name, "plan.yaml", f"/scoring/criteria/{i}/name"),
                "kind": c.kind,
                "kind_label": s.t(f"criterion_kind.{c.kind}"),
                "weight": weight if (result or scoring.ahp is None) else None,
                "description": s.tx(
                    c.description, "plan.yaml", f"/scoring/criteria/{i}/description"
                ),
            }
        )
    if result is None:
        # Show the configured weights normalised, as prioritize would.
        given = [row["weight"] for row in criteria]
        known = [w for w in given if w is not None]
        if given and len(known) == len(given) and sum(known) > 0:
            total = sum(known)
            for row, weight in zip(criteria, known, strict=True):
                row["weight"] = weight / total
    method = result.criteria.method if result else ("ahp" if scoring.ahp else "direct")
    view: PrioritiesView = {
        "available": result is not None,
        "method": method,
        "method_label": s.t(f"priorities.method_{method}"),
        "scale_min": scoring.scale_min,
        "scale_max": scoring.scale_max,
        "criteria": criteria,
        "ahp": None,
        "pillar_method": "",
        "pillar_method_label": "",
        "pillar_boost_label": "",
        "emphasis": "",
        "emphasis_label": "",
        "guarantee_label": "",
        "effect_label": "",
        "priority_boost": None,
        "pillar_weights": [],
        "pillar_ahp": None,
        "ranking": [],
    }
    if result is None:
        return view
    view["ahp"] = _ahp(s, result.criteria.ahp, scoring.ahp, [c["name"] for c in criteria])
    pillars = result.pillars
    view["pillar_method"] = pillars.method
    view["pillar_method_label"] = s.t(f"priorities.pillar_method_{pillars.method}")
    if pillars.priority_pillar and pillars.priority_boost != 1:
        view["pillar_boost_label"] = s.t(
            "priorities.pillar_boost",
            pillar=s.pillar_name(pillars.priority_pillar),
            boost=s.fmt.number(pillars.priority_boost),
        )
    view["emphasis"] = pillars.emphasis
    view["emphasis_label"] = s.t(
        f"priorities.emphasis_{pillars.emphasis}", points=s.fmt.number(pillars.bonus_points)
    )
    if pillars.guarantee_top is not None:
        view["guarantee_label"] = s.t(
            "priorities.guarantee",
            per_pillar=pillars.guarantee_per_pillar,
            top=pillars.guarantee_top,
        )
    view["effect_label"] = s.t(
        "priorities.col_bonus" if pillars.emphasis == "bonus" else "priorities.col_factor"
    )
    view["priority_boost"] = pillars.priority_boost
    by_pillar = {w.pillar: w for w in pillars.pillars}
    view["pillar_weights"] = [
        {
            "code": code,
            "name": s.pillar_name(code),
            "base_weight": by_pillar[code].base_weight,
            "weight": by_pillar[code].weight,
            "factor": by_pillar[code].factor,
            "effect": by_pillar[code].bonus
            if pillars.emphasis == "bonus"
            else by_pillar[code].factor,
            "is_priority": code == pillars.priority_pillar,
        }
        for code in PILLARS
        if code in by_pillar
    ]
    pillar_setup = scoring.pillar_weights.ahp if scoring.pillar_weights else None
    view["pillar_ahp"] = _ahp(
        s,
        pillars.ahp,
        pillar_setup,
        [s.pillar_name(code) for code in (pillar_setup.order if pillar_setup else ())],
    )
    grid = {g.id: g for g in result.quick_wins.placements}
    ranking: list[RankingRow] = []
    for item in sorted(result.programs, key=lambda x: (x.rank, x.id)):
        program = s.plan.programs.get(item.id)
        if program is None:
            continue
        placement = grid.get(item.id)
        ranking.append(
            {
                "rank": item.rank,
                "base_rank": item.base_rank,
                "guaranteed": item.guaranteed,
                "id": item.id,
                "score": item.score,
                "base_score": item.base_score,
                "pillar_factor": item.pillar_factor,
                "quadrant": placement.quadrant if placement else "",
                "quadrant_label": s.label("quadrant", placement.quadrant) if placement else "",
                "program": views.of(program),
            }
        )
    view["ranking"] = ranking
    return view


def _ahp(
    s: Scope, report: AhpReport | None, setup: AhpSetup | None, labels: list[str]
) -> AhpView | None:
    """The AHP figures, with the plan's comparison matrix when its size fits the labels."""
    if report is None:
        return None
    matrix: list[MatrixRow] = []
    if setup is not None and len(setup.matrix) == len(labels):
        matrix = [
            {"label": label, "cells": [format_judgement(v, s.fmt.number) for v in row]}
            for label, row in zip(labels, setup.matrix, strict=True)
        ]
    return {
        "labels": labels if matrix else [],
        "matrix": matrix,
        "n": report.n,
        "lambda_max": report.lambda_max,
        "ci": report.ci,
        "ri": report.ri,
        "cr": report.cr,
        "ri_table": report.ri_table,
        "ri_table_label": s.label("ri_table", report.ri_table),
        "consistent": report.consistent,
        "completed": len(report.completed),
    }
