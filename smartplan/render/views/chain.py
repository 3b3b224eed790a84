"""The analysis chain and the chapters around it, as the templates see them.

Front matter (forewords, adoption sheet, logo), the method of writing the
plan, the regional profile, SWOT and gaps per dimension, strategies per
dimension and element with the traceability table (gap -> strategies ->
programs), institutions, the ICT architecture, the risk register, monitoring
and evaluation, the closing text, and the traceability matrix of the annex.

Every chapter view carries ``written``: False when its file is missing, so
the template prints the "not yet written" note instead of staying silent,
and :func:`unwritten` lists those files for the render command's warning.
"""

from __future__ import annotations

from typing import Any

from smartplan.model import SWOT_KEYS, Analysis, Plan, Text
from smartplan.render.views.cover import logo as cover_logo
from smartplan.render.views.programs import ProgramView, ProgramViews
from smartplan.render.views.scope import Scope

#: the files behind the chapters, in document order (``analysis/`` stands for the folder)
CHAPTER_FILES: tuple[tuple[str, str], ...] = (
    ("front", "front.yaml"),
    ("profile", "profile.yaml"),
    ("analysis", "analysis/"),
    ("institutions", "institutions.yaml"),
    ("architecture", "architecture.yaml"),
    ("risks", "risks.yaml"),
)
_FIGURE_TOPICS = ("geografi", "pemerintahan", "kependudukan", "ekonomi", "sosial", "infrastruktur")


def unwritten(plan: Plan) -> list[str]:
    """The files of the chain that the plan does not have yet, in document order."""
    present = {
        "front.yaml": plan.front is not None,
        "profile.yaml": plan.profile is not None,
        "analysis/": bool(plan.analyses),
        "institutions.yaml": plan.institutions is not None,
        "architecture.yaml": plan.architecture is not None,
        "risks.yaml": bool(plan.risk_register),
    }
    return [file for _, file in CHAPTER_FILES if not present[file]]


def _ref(view: ProgramView) -> dict[str, str]:
    return {"id": view["id"], "name": view["name"], "anchor": view["anchor"]}


def front(s: Scope) -> dict[str, Any]:
    """Forewords, the adoption sheet and the logo (as a data: address)."""
    f = s.plan.front
    if f is None:
        return {"written": False, "logo": "", "forewords": [], "adoption": None}
    adoption = None
    if f.adoption is not None:
        a = f.adoption
        adoption = {
            "type": a.type,
            "type_label": s.label("adoption_type", a.type),
            "status": a.status,
            "status_label": s.label("adoption_status", a.status),
            "number": a.number or "",
            "year": a.year or "",
            "date": s.fmt.date(a.date) if a.date else "",
            "title": s.tx(a.title, f.source.file, "/adoption/title"),
        }
    return {
        "written": True,
        "logo": cover_logo(s),
        "forewords": [
            {
                "by": x.by,
                "position": s.tx(x.position, f.source.file, f"/forewords/{i}/position"),
                "place": x.place or "",
                "date": s.fmt.date(x.date) if x.date else "",
                "text": s.tx(x.text, f.source.file, f"/forewords/{i}/text"),
            }
            for i, x in enumerate(f.forewords)
        ],
        "adoption": adoption,
    }


def method(s: Scope) -> dict[str, Any] | None:
    """How the plan was written (plan.yaml introduction.method), or None."""
    raw = s.info.introduction.get("method")
    if not raw:
        return None
    base = "/introduction/method"
    return {
        "description": s.tx(Text.of(raw["description"]), "plan.yaml", f"{base}/description")
        if raw.get("description")
        else "",
        "stages": [
            {
                "name": s.tx(Text.of(x["name"]), "plan.yaml", f"{base}/stages/{i}/name"),
                "when": x.get("when", ""),
                "description": s.tx(
                    Text.of(x["description"]), "plan.yaml", f"{base}/stages/{i}/description"
                )
                if x.get("description")
                else "",
            }
            for i, x in enumerate(raw.get("stages") or ())
        ],
        "data_collection": s.loc.texts(
            tuple(Text.of(x) for x in raw.get("data_collection") or ()),
            "plan.yaml",
            f"{base}/data_collection",
        ),
        "tools": s.loc.texts(
            tuple(Text.of(x) for x in raw.get("tools") or ()), "plan.yaml", f"{base}/tools"
        ),
    }


def profile(s: Scope) -> dict[str, Any]:
    """Chapter Gambaran umum daerah."""
    p = s.plan.profile
    if p is None:
        return {"written": False}
    file = p.source.file
    groups = []
    for topic in _FIGURE_TOPICS:
        figures = [
            {
                "id": x.id,
                "name": s.tx(x.name, file, f"/figures/{i}/name"),
                "value": x.value,
                "unit": x.unit,
                "year": x.year or "",
                "source": x.source or "",
                "note": s.tx(x.note, file, f"/figures/{i}/note"),
            }
            for i, x in enumerate(p.figures)
            if x.topic == topic
        ]
        if figures:
            groups.append(
                {"topic": topic, "label": s.label("figure_topic", topic), "figures": figures}
            )
    return {
        "written": True,
        "summary": s.tx(p.summary, file, "/summary"),
        "geography": s.tx(p.geography, file, "/geography"),
        "districts": list(p.districts),
        "population": s.tx(p.population, file, "/population"),
        "economy": s.tx(p.economy, file, "/economy"),
        "figure_groups": groups,
        "sectors": [
            {
                "name": s.tx(x.name, file, f"/sectors/{i}/name"),
                "share": x.share,
                "year": x.year or "",
                "source": x.source or "",
                "description": s.tx(x.description, file, f"/sectors/{i}/description"),
            }
            for i, x in enumerate(p.sectors)
        ],
        "potentials": s.loc.texts(p.potentials, file, "/potentials"),
        "issues": [
            {"id": x.id, "text": s.tx(x.text, file, f"/issues/{i}/text")}
            for i, x in enumerate(p.issues)
        ],
    }


def _answering(views: ProgramViews) -> dict[str, list[ProgramView]]:
    """Gap or strategy id -> the programs that answer it, in document order."""
    out: dict[str, list[ProgramView]] = {}
    plan = views.scope.plan
    for view in views.ordered:
        for ref in plan.programs[view["id"]].answers:
            out.setdefault(ref, []).append(view)
    return out


def _subaspect(s: Scope, code: str) -> dict[str, Any]:
    aspect, _, sub = code.partition(".")
    score = None
    readiness = s.plan.readiness
    if readiness is not None:
        for a in readiness.aspects:
            for x in a.subaspects:
                if a.code == aspect and x.code == sub:
                    score = x.score
    return {
        "code": code,
        "label": s.label("readiness.aspect", aspect) + " – " + s.label("readiness.subaspect", sub),
        "score": score,
    }


def _strategy(
    s: Scope, a: Analysis, i: int, answering: dict[str, list[ProgramView]]
) -> dict[str, Any]:
    x = a.strategies[i]
    return {
        "id": x.id,
        "type": x.type,
        "text": s.tx(x.text, a.source.file, f"/strategies/{i}/text"),
        "sources": list(x.sources),
        "element": x.element or "",
        "element_name": s.element_name(x.element) if x.element else "",
        "programs": [_ref(v) for v in answering.get(x.id, [])],
    }


def analysis(s: Scope, views: ProgramViews) -> dict[str, Any]:
    """SWOT, strategies and gaps per dimension, with the programs answering each gap."""
    answering = _answering(views)
    dimensions = []
    for number, code in enumerate(s.pillar_codes, start=1):
        a = s.plan.analyses.get(code)
        if a is None:
            dimensions.append({"code": code, "name": s.pillar_name(code), "written": False})
            continue
        file = a.source.file
        swot = [
            {
                "key": key,
                "letter": letter,
                "label": s.t(f"swot.{key}"),
                "entries": [
                    {"id": item.id, "text": s.tx(item.text, file, f"/swot/{key}/{j}/text")}
                    for j, item in enumerate(a.swot[key])
                ],
            }
            for key, letter in SWOT_KEYS
        ]
        strategies = [_strategy(s, a, i, answering) for i in range(len(a.strategies))]
        gaps = []
        for i, gap in enumerate(a.gaps):
            programs = answering.get(gap.id, [])
            answered = {ref for v in programs for ref in s.plan.programs[v["id"]].answers}
            gaps.append(
                {
                    "id": gap.id,
                    "text": s.tx(gap.text, file, f"/gaps/{i}/text"),
                    "target": s.tx(gap.target, file, f"/gaps/{i}/target"),
                    "subaspect": _subaspect(s, gap.subaspect),
                    "programs": [_ref(v) for v in programs],
                    # the strategies the same programs answer: gap -> strategy -> program
                    "strategies": [x["id"] for x in strategies if x["id"] in answered],
                }
            )
        by_element = []
        pillar = s.plan.pillars.get(code)
        for element in pillar.elements if pillar else ():
            chosen = [x for x in strategies if x["element"] == element]
            by_element.append(
                {"code": element, "name": s.element_name(element), "strategies": chosen}
            )
        dimensions.append(
            {
                "code": code,
                "name": s.pillar_name(code),
                "number": number,
                "written": True,
                "summary": s.tx(a.summary, file, "/summary"),
                "swot": swot,
                "strategies": strategies,
                "general": [x for x in strategies if not x["element"]],
                "by_element": by_element,
                "gaps": gaps,
            }
        )
    return {"written": bool(s.plan.analyses), "dimensions": dimensions}


def matrix(s: Scope, views: ProgramViews, chain: dict[str, Any]) -> list[dict[str, Any]]:
    """Per dimension: its gaps and strategies as columns, the programs answering them as rows."""
    out = []
    plan = s.plan
    for dim in chain["dimensions"]:
        if not dim["written"]:
            continue
        columns = [g["id"] for g in dim["gaps"]] + [x["id"] for x in dim["strategies"]]
        if not columns:
            continue
        wanted = set(columns)
        rows = []
        for view in views.ordered:
            answers = set(plan.programs[view["id"]].answers)
            if view["pillar"] != dim["code"] and not answers & wanted:
                continue
            rows.append({**_ref(view), "cells": [c in answers for c in columns]})
        out.append({"code": dim["code"], "name": dim["name"], "columns": columns, "rows": rows})
    return out


def institutions(s: Scope) -> dict[str, Any]:
    """Chapter Kelembagaan, and the monitoring method and calendar."""
    x = s.plan.institutions
    if x is None:
        return {"written": False, "bodies": [], "method": "", "calendar": []}
    file = x.source.file
    bodies = []
    for b, body in enumerate(x.bodies):
        decree = None
        if body.decree is not None:
            decree = {
                "number": body.decree.number,
                "date": s.fmt.date(body.decree.date) if body.decree.date else "",
                "title": s.tx(body.decree.title, file, f"/bodies/{b}/decree/title"),
            }
        bodies.append(
            {
                "id": body.id,
                "type_label": s.label("body_type", body.type),
                "name": s.tx(body.name, file, f"/bodies/{b}/name"),
                "decree": decree,
                "duties": s.loc.texts(body.duties, file, f"/bodies/{b}/duties"),
                "members": [
                    {
                        "role": s.tx(m.role, file, f"/bodies/{b}/members/{i}/role"),
                        "holder": s.tx(m.holder, file, f"/bodies/{b}/members/{i}/holder"),
                        "agency": s.agency(m.agency)["short"] if m.agency else "",
                    }
                    for i, m in enumerate(body.members)
                ],
            }
        )
    return {
        "written": True,
        "summary": s.tx(x.summary, file, "/summary"),
        "bodies": bodies,
        "method": s.tx(x.method, file, "/monitoring/method"),
        "calendar": [
            {
                "when": s.tx(e.when, file, f"/monitoring/calendar/{i}/when"),
                "activity": s.tx(e.activity, file, f"/monitoring/calendar/{i}/activity"),
                "by": s.tx(e.by, file, f"/monitoring/calendar/{i}/by"),
                "output": s.tx(e.output, file, f"/monitoring/calendar/{i}/output"),
            }
            for i, e in enumerate(x.calendar)
        ],
    }


def architecture(s: Scope, views: ProgramViews) -> dict[str, Any]:
    """Chapter Arsitektur TIK: the layers and the application inventory."""
    x = s.plan.architecture
    if x is None:
        return {"written": False}
    file = x.source.file
    layers = [
        {"key": key, "label": s.t(f"architecture.{key}"), "text": s.tx(value, file, f"/{key}")}
        for key, value in (
            ("integration", x.integration),
            ("network", x.network),
            ("data_centre", x.data_centre),
            ("security", x.security),
        )
        if value is not None
    ]
    return {
        "written": True,
        "summary": s.tx(x.summary, file, "/summary"),
        "layers": layers,
        "applications": [
            {
                "id": a.id,
                # a proper name: shown as written, not reported as a missing translation
                "name": a.name.get(s.lang),
                "agency": s.agency(a.agency)["short"],
                "function": s.tx(a.function, file, f"/applications/{i}/function"),
                "status_label": s.label("app_status", a.status),
                "integrated": a.integrated,
                "program": _ref(views.by_id[a.program]) if a.program in views.by_id else None,
            }
            for i, a in enumerate(x.applications)
        ],
    }


def risks(s: Scope, views: ProgramViews) -> dict[str, Any]:
    """Chapter Manajemen risiko: the register by score, with the programs that refer to it."""
    register = s.plan.risk_register
    if not register:
        return {"written": False, "register": []}
    referring: dict[str, list[ProgramView]] = {}
    for view in views.ordered:
        for r in s.plan.programs[view["id"]].risks:
            if r.ref:
                referring.setdefault(r.ref, []).append(view)
    index = {risk_id: i for i, risk_id in enumerate(register)}
    rows = []
    for risk in sorted(register.values(), key=lambda r: (-r.score, r.id)):
        i = index[risk.id]
        rows.append(
            {
                "id": risk.id,
                "category_label": s.label("risk_category", risk.category),
                "description": s.tx(risk.description, "risks.yaml", f"/risks/{i}/description"),
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "score": risk.score,
                "level": risk.level,
                "level_label": s.label("risk_level", risk.level),
                "owner": s.agency(risk.owner)["short"],
                "mitigation": s.tx(risk.mitigation, "risks.yaml", f"/risks/{i}/mitigation"),
                "programs": [_ref(v) for v in referring.get(risk.id, [])],
            }
        )
    return {"written": True, "register": rows}


def closing(s: Scope) -> str:
    """The closing chapter's text ("" when plan.yaml has none)."""
    return s.tx(s.info.closing, "plan.yaml", "/closing")


def rpjmd_period(s: Scope) -> dict[str, Any] | None:
    """The RPJMD in force, for the introduction."""
    info = s.info
    if info.rpjmd_period is None:
        return None
    start, end = info.rpjmd_period
    return {
        "title": s.tx(info.rpjmd_title, "plan.yaml", "/rpjmd/title"),
        "period": s.fmt.year_range(start, end),
    }


def community(s: Scope) -> dict[str, Any]:
    """Chapter Pengembangan masyarakat dan perubahan pola pikir (plan.yaml ``community``)."""
    info = s.info
    return {
        "written": info.community is not None or bool(info.community_activities),
        "description": s.tx(info.community, "plan.yaml", "/community/description"),
        "activities": s.loc.texts(info.community_activities, "plan.yaml", "/community/activities"),
    }
