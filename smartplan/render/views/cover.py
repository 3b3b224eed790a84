"""The cover, the table of contents, the introduction and the vision."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from smartplan.logo import embedded_logo
from smartplan.model import Text
from smartplan.render.views.scope import Scope, opt_text

if TYPE_CHECKING:
    from smartplan.render.views.pillars import PillarView

_INTRO = ("background", "purpose", "scope")

#: Chapter anchors; Indonesian, like the document's own headings.
_ANCHORS = {
    "introduction": "pendahuluan",
    "readiness": "analisis-kesiapan",
    "vision": "visi-misi",
    "pillars": "strategi-program",
    "priorities": "prioritas",
    "quick_wins": "quick-win",
    "roadmap": "roadmap",
    "budget": "anggaran",
    "indicators": "indikator",
    "governance": "tata-kelola",
    "profile": "gambaran-umum",
    "analysis": "analisis-swot-kesenjangan",
    "strategy": "strategi",
    "institutions": "kelembagaan",
    "architecture": "arsitektur-tik",
    "risks": "manajemen-risiko",
    "monitoring": "monitoring-evaluasi",
    "community": "pengembangan-masyarakat",
    "closing": "penutup",
}


def roman(number: int) -> str:
    """``4`` → ``IV`` (chapter numbers of Indonesian government documents)."""
    out = []
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


class DocumentView(TypedDict):
    """The cover: title, region, period, version."""

    plan_id: str
    title: str
    title_has_period: bool
    government: str
    logo: str
    region_name: str
    region_type: str
    region_full: str
    province: str
    capital: str
    period_start: int
    period_end: int
    period: str
    version: str
    date: str
    date_iso: str
    priority_pillar: str
    priority_pillar_name: str


class IntroductionView(TypedDict):
    background: str
    purpose: str
    scope: str
    legal_basis: list[str]


class TocEntry(TypedDict):
    anchor: str
    number: str
    title: str


class ChapterView(TypedDict):
    """One entry of the table of contents."""

    id: str
    anchor: str
    number: int | None
    roman: str
    title: str
    children: list[TocEntry]


def logo(s: Scope) -> str:
    """The region's coat of arms (front.yaml ``logo``) as a ``data:`` URI, or ``""``.

    Embedded, so the document stays self-contained and its PDF fetches
    nothing; a logo the rule L001 refuses is left out (:func:`embedded_logo`).
    """
    front = s.plan.front
    return embedded_logo(s.plan.root, front.logo if front is not None else None)


def document(s: Scope) -> DocumentView:
    """The cover of the document."""
    info = s.info
    title = s.tx(info.title, "plan.yaml", "/title")
    return {
        "plan_id": info.id,
        "title": title,
        # the period is shown once: most titles already end with it
        "title_has_period": str(info.period_start) in title and str(info.period_end) in title,
        "government": s.t(
            "cover.government",
            region=s.t(f"region_name.{info.region.type}", name=info.region.name),
        ),
        "logo": logo(s),
        "region_name": info.region.name,
        "region_type": s.t(f"region_type.{info.region.type}"),
        "region_full": s.t(f"region_name.{info.region.type}", name=info.region.name),
        "province": info.region.province,
        "capital": info.region.capital or "",
        "period_start": info.period_start,
        "period_end": info.period_end,
        "period": s.fmt.year_range(info.period_start, info.period_end),
        "version": info.version or "",
        "date": s.fmt.date(info.date),
        "date_iso": info.date or "",
        "priority_pillar": info.priority_pillar or "",
        "priority_pillar_name": s.pillar_name(info.priority_pillar) if info.priority_pillar else "",
    }


def introduction(s: Scope) -> IntroductionView:
    """Chapter Pendahuluan: background, purpose, scope and legal basis."""
    intro = s.info.introduction
    texts = {
        key: s.tx(opt_text(intro.get(key)), "plan.yaml", f"/introduction/{key}") for key in _INTRO
    }
    return {
        "background": texts["background"],
        "purpose": texts["purpose"],
        "scope": texts["scope"],
        "legal_basis": s.loc.texts(
            tuple(Text.of(x) for x in intro.get("legal_basis") or ()),
            "plan.yaml",
            "/introduction/legal_basis",
        ),
    }


def vision(s: Scope) -> str:
    """The plan's vision."""
    return s.tx(s.info.vision, "plan.yaml", "/vision")


def missions(s: Scope) -> list[str]:
    """The plan's missions, in order."""
    return s.loc.texts(s.info.missions, "plan.yaml", "/missions")


def chapters(s: Scope, pillars: list[PillarView], has_readiness: bool) -> list[ChapterView]:
    """The table of contents: numbered chapters (pillars as sections), then the appendix."""
    # the order real master plans use (Panduan Penyusunan Masterplan Smart City, 2021)
    ids = ["introduction", "profile"]
    if has_readiness:
        ids.append("readiness")
    ids += ["analysis", "vision", "strategy", "pillars", "priorities", "quick_wins", "roadmap",
            "budget", "governance", "institutions", "community", "architecture", "risks",
            "indicators", "monitoring", "closing"]  # fmt: skip
    out: list[ChapterView] = []
    for number, chapter_id in enumerate(ids, start=1):
        children: list[TocEntry] = []
        if chapter_id == "pillars":
            children = [
                {"anchor": p["anchor"], "number": f"{number}.{p['number']}", "title": p["name"]}
                for p in pillars
            ]
        out.append(
            {
                "id": chapter_id,
                "anchor": _ANCHORS[chapter_id],
                "number": number,
                "roman": roman(number),
                "title": s.t(f"chapter.{chapter_id}"),
                "children": children,
            }
        )
    out.append(
        {
            "id": "appendix",
            "anchor": "lampiran",
            "number": None,
            "roman": "",
            "title": s.t("chapter.appendix"),
            "children": [],
        }
    )
    return out
