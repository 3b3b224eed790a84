"""Chapter Strategi dan Program: one section per pillar with its programs."""

from __future__ import annotations

from typing import TypedDict

from smartplan.render import charts
from smartplan.render.views.programs import ProgramView, ProgramViews
from smartplan.render.views.scope import Scope


class ElementView(TypedDict):
    code: str
    name: str
    programs: int


class PillarView(TypedDict):
    code: str
    anchor: str
    number: int
    name: str
    color: str
    description: str
    is_priority: bool
    elements: list[ElementView]
    tags: list[str]
    goals: list[str]
    strategies: list[str]
    programs: list[ProgramView]
    budget_total: int


def pillars(s: Scope, views: ProgramViews) -> list[PillarView]:
    """Each pillar of the plan in the guideline's order, its programs in document order."""
    out: list[PillarView] = []
    for number, code in enumerate(s.pillar_codes, start=1):
        pillar = s.plan.pillars[code]
        file = pillar.source.file or f"pillars/{code}.yaml"
        programs = [
            views.of(p)
            for p in s.programs_sorted(x for x in s.plan.programs.values() if x.pillar == code)
        ]
        counts: dict[str, int] = {}
        for p in programs:
            counts[p["element"]] = counts.get(p["element"], 0) + 1
        elements: list[ElementView] = [
            {"code": e, "name": s.element_name(e), "programs": counts.get(e, 0)}
            for e in pillar.elements
        ]
        out.append(
            {
                "code": code,
                "anchor": f"pilar-{code}",
                "number": number,
                "name": s.pillar_name(code),
                "color": charts.PILLAR_COLORS.get(code, "#777777"),
                "description": s.tx(pillar.description, file, "/description"),
                "is_priority": code == s.info.priority_pillar,
                "elements": elements,
                "tags": sorted(pillar.tags),
                "goals": s.loc.texts(pillar.goals, file, "/goals"),
                "strategies": s.loc.texts(pillar.strategies, file, "/strategies"),
                "programs": programs,
                "budget_total": sum(p["budget_total"] for p in programs),
            }
        )
    return out
