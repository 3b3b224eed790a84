"""Chapter Analisis Kesiapan: readiness scores, SWOT and gaps."""

from __future__ import annotations

from typing import TypedDict

from markupsafe import Markup

from smartplan.domain import READINESS_ASPECTS
from smartplan.render import charts
from smartplan.render.views.scope import Scope

_SWOT = ("strengths", "weaknesses", "opportunities", "threats")
_READINESS_COLORS = {"struktur": "#0072B2", "infrastruktur": "#E69F00", "suprastruktur": "#009E73"}


class SubAspectView(TypedDict):
    code: str
    name: str
    score: float
    description: str
    evidence: list[str]


class AspectView(TypedDict):
    code: str
    name: str
    description: str
    average: float | None
    subaspects: list[SubAspectView]


class SwotView(TypedDict):
    key: str
    title: str
    points: list[str]


class ReadinessView(TypedDict):
    scale_min: float
    scale_max: float
    average: float | None
    aspects: list[AspectView]
    swot: list[SwotView]
    gaps: list[str]
    chart: Markup


def readiness(s: Scope) -> ReadinessView | None:
    """The readiness chapter, ``None`` when the plan has no readiness.yaml."""
    readiness = s.plan.readiness
    if readiness is None:
        return None
    by_code = {a.code: a for a in readiness.aspects}
    aspects: list[AspectView] = []
    bars: list[charts.ReadinessBar] = []
    all_scores: list[float] = []
    for code in READINESS_ASPECTS:
        aspect = by_code.get(code)
        if aspect is None:
            continue
        subs_by_code = {sub.code: sub for sub in aspect.subaspects}
        order = list(READINESS_ASPECTS[code]) + sorted(
            c for c in subs_by_code if c not in READINESS_ASPECTS[code]
        )
        subs: list[SubAspectView] = []
        name = s.t(f"readiness.aspect.{code}")
        bars.append(charts.ReadinessBar(name))
        for sub_code in order:
            sub = subs_by_code.get(sub_code)
            if sub is None:
                continue
            pointer = f"/aspects/{code}/subaspects/{sub_code}"
            sub_name = s.label("readiness.subaspect", sub_code)
            subs.append(
                {
                    "code": sub_code,
                    "name": sub_name,
                    "score": sub.score,
                    "description": s.tx(
                        sub.description, "readiness.yaml", f"{pointer}/description"
                    ),
                    "evidence": s.loc.texts(sub.evidence, "readiness.yaml", f"{pointer}/evidence"),
                }
            )
            bars.append(
                charts.ReadinessBar(sub_name, sub.score, _READINESS_COLORS.get(code, "#0072B2"))
            )
            all_scores.append(sub.score)
        scores = [x["score"] for x in subs]
        aspects.append(
            {
                "code": code,
                "name": name,
                "description": s.tx(
                    aspect.description, "readiness.yaml", f"/aspects/{code}/description"
                ),
                "average": sum(scores) / len(scores) if scores else None,
                "subaspects": subs,
            }
        )
    average = sum(all_scores) / len(all_scores) if all_scores else None
    swot: list[SwotView] = [
        {
            "key": key,
            "title": s.t(f"swot.{key}"),
            "points": s.loc.texts(readiness.swot.get(key, ()), "readiness.yaml", f"/swot/{key}"),
        }
        for key in _SWOT
    ]
    desc_parts = [
        s.t(
            "chart.readiness_desc",
            min=s.fmt.number(readiness.scale_min),
            max=s.fmt.number(readiness.scale_max),
        )
    ]
    for view in aspects:
        desc_parts.append(
            f"{view['name']}: "
            + ", ".join(f"{x['name']} {s.fmt.number(x['score'])}" for x in view["subaspects"])
            + "."
        )
    chart = charts.readiness_chart(
        "chart-readiness",
        bars,
        scale_min=readiness.scale_min,
        scale_max=readiness.scale_max,
        title=s.t("chart.readiness_title"),
        desc=" ".join(desc_parts),
        number=s.fmt.number,
    )
    return {
        "scale_min": readiness.scale_min,
        "scale_max": readiness.scale_max,
        "average": average,
        "aspects": aspects,
        "swot": swot,
        "gaps": s.loc.texts(readiness.gaps, "readiness.yaml", "/gaps"),
        "chart": Markup(chart),
    }
