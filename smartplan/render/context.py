"""Build the template context: the whole document as plain, ordered data.

Templates receive only lists, dicts, strings and numbers (and the SVG charts
as ready markup), never model objects: what a region's template can reach is
exactly what is listed here and in the chapter views of
:mod:`smartplan.render.views`, and every list is in an explicit order, so the
output does not depend on dict or set order. Content texts are resolved in the
output language there, through :class:`Localizer`, which records fallbacks.
Amounts stay numbers; templates format them with the ``rupiah``,
``rupiah_compact``, ``num``, ``pct`` and ``dec`` filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from smartplan.model import Plan
from smartplan.render.formatting import Formatter
from smartplan.render.i18n import Catalog, Localizer
from smartplan.render.views import chain
from smartplan.render.views.budget import budget
from smartplan.render.views.cover import chapters, document, introduction, missions, roman, vision
from smartplan.render.views.governance import governance
from smartplan.render.views.indicators import indicators
from smartplan.render.views.pillars import pillars
from smartplan.render.views.priorities import prioritization
from smartplan.render.views.programs import ProgramViews, ranking_of
from smartplan.render.views.quickwins import quick_wins
from smartplan.render.views.readiness import readiness
from smartplan.render.views.roadmap import roadmap
from smartplan.render.views.scope import Scope

if TYPE_CHECKING:  # prioritize is only needed when its results are passed in
    from smartplan.prioritize.result import Prioritization, Roadmap

__all__ = ["MoneyUnit", "Totals", "build_context", "money_unit", "roman"]


class Totals(TypedDict):
    """The plan in four numbers (cover and summary)."""

    programs: int
    quick_wins: int
    budget: int
    agencies: int


class MoneyUnit(TypedDict):
    """The one unit of every money table: millions of rupiah, with ``digits`` decimals."""

    digits: int


def money_unit(plan: Plan) -> MoneyUnit:
    """Whole millions when every amount of the plan is one (the usual case), else two decimals.

    One choice for the whole document, so a figure reads the same in every table.
    """
    amounts = [line.amount for p in plan.programs.values() for line in p.budget]
    if plan.info is not None:
        amounts.extend(plan.info.budget_ceilings.values())
    return {"digits": 0 if all(a % 1_000_000 == 0 for a in amounts) else 2}


def build_context(
    plan: Plan,
    t: Catalog,
    fmt: Formatter,
    priorities: Prioritization | None = None,
    schedule: Roadmap | None = None,
    units: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], Localizer]:
    """The template context for ``plan`` in the catalog's language.

    ``priorities`` is the result of :func:`smartplan.prioritize.prioritize`;
    without it the Prioritas chapter shows the configured method and criteria
    only, and quick wins are not placed on the impact/effort grid.
    ``schedule`` is the result of :func:`smartplan.prioritize.schedule`; with
    it the Roadmap chapter lists the start years it suggests under the budget
    ceilings. ``units`` maps indicator units to their English forms
    (:func:`smartplan.render.units.load_units`).

    The context's top-level names (``lang``, ``doc``, ``chapters``, …) are the
    variables the templates see; ``templates/README.md`` documents them.
    """
    info = plan.info
    if info is None:
        raise ValueError("a plan without plan.yaml cannot be rendered")
    scope = Scope(plan, info, t, fmt, units)
    # Every program view first, with its rank: the chapters below only read them.
    views = ProgramViews(scope, ranking_of(plan, priorities))
    programs = views.ordered
    pillar_views = pillars(scope, views)
    readiness_view = readiness(scope)
    totals: Totals = {
        "programs": len(programs),
        "quick_wins": sum(1 for p in programs if p["quick_win"]),
        "budget": sum(p["budget_total"] for p in programs),
        "agencies": len({p["lead"]["id"] for p in programs}),
    }
    analysis_view = chain.analysis(scope, views)
    context: dict[str, Any] = {
        "lang": t.lang,
        "doc": document(scope),
        "chapters": chapters(scope, pillar_views, readiness_view is not None),
        "introduction": introduction(scope),
        # the analysis chain and the chapters around it (views/chain.py)
        "front": chain.front(scope),
        "method": chain.method(scope),
        "rpjmd": chain.rpjmd_period(scope),
        "profile": chain.profile(scope),
        "analysis": analysis_view,
        "institutions": chain.institutions(scope),
        "architecture": chain.architecture(scope, views),
        "risks": chain.risks(scope, views),
        "community": chain.community(scope),
        "closing": chain.closing(scope),
        "matrix": chain.matrix(scope, views, analysis_view),
        "unwritten": chain.unwritten(plan),
        "readiness": readiness_view,
        "vision": vision(scope),
        "missions": missions(scope),
        "pillars": pillar_views,
        "priorities": prioritization(scope, views, priorities),
        "quick_wins": quick_wins(scope, views, priorities),
        "roadmap": roadmap(scope, views, schedule),
        "budget": budget(scope),
        "indicators": indicators(pillar_views),
        "governance": governance(scope, programs),
        "programs": programs,
        "totals": totals,
        "money": money_unit(plan),
    }
    return context, scope.loc
