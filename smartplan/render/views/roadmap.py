"""Chapter Roadmap: programs by horizon, the Gantt chart, and the fit to the ceilings."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from markupsafe import Markup

from smartplan.domain import HORIZONS, PILLARS
from smartplan.render import charts
from smartplan.render.environment import MarkdownSource
from smartplan.render.views.programs import ProgramView, ProgramViews
from smartplan.render.views.scope import Scope

if TYPE_CHECKING:  # prioritize is only needed when its results are passed in
    from smartplan.prioritize.result import Roadmap


class HorizonView(TypedDict):
    code: str
    title: str
    description: str
    programs: list[ProgramView]
    budget_total: int


class FitYear(TypedDict):
    year: int
    ceiling: int | None
    planned: int
    over: bool
    scheduled: int | None


class ShiftedView(TypedDict):
    program: ProgramView
    planned: str
    suggested: str
    shift: int


class UnscheduledView(TypedDict):
    program: ProgramView


class BudgetFitView(TypedDict):
    years: list[FitYear]
    has_ceilings: bool
    any_over: bool
    scheduled: bool
    shifted: list[ShiftedView]
    unscheduled: list[UnscheduledView]


class GanttPart(TypedDict):
    """One printed piece of the roadmap: a horizon's bars (or a page-full of them)."""

    id: str
    horizon: str
    caption: str
    chart: Markup


#: How much of a chart's height (in SVG units, 760 wide) the bars of one part
#: may take: with the year header, the legend and the caption it fits a
#: landscape A4 page under the chapter heading, and a portrait one.
GANTT_PART_BODY = 380.0


class RoadmapView(TypedDict):
    years: list[int]
    horizons: list[HorizonView]
    chart: Markup
    parts: list[GanttPart]
    mermaid: MarkdownSource
    fit: BudgetFitView | None


def roadmap(s: Scope, views: ProgramViews, schedule: Roadmap | None) -> RoadmapView:
    """The programs by horizon, the Gantt chart (SVG and Mermaid) and the budget fit."""
    horizons: list[HorizonView] = []
    gantt_rows: list[charts.GanttRow] = []
    sections: list[tuple[str, list[charts.GanttRow]]] = []
    by_horizon: list[tuple[HorizonView, list[charts.GanttRow]]] = []
    for code in HORIZONS:
        programs = [
            views.of(p) for p in s.programs_sorted(s.plan.programs.values()) if s.horizon(p) == code
        ]
        programs.sort(
            key=lambda v: (
                v["start"],
                v["end"],
                PILLARS.index(v["pillar"]) if v["pillar"] in PILLARS else 99,
                v["id"],
            )
        )
        title = s.t(f"horizon.{code}")
        horizons.append(
            {
                "code": code,
                "title": title,
                "description": s.t(f"horizon_desc.{code}"),
                "programs": programs,
                "budget_total": sum(p["budget_total"] for p in programs),
            }
        )
        rows = [
            charts.GanttRow(
                v["name"],
                v["start"],
                v["end"],
                charts.PILLAR_COLORS.get(v["pillar"], "#777777"),
                v["quick_win"],
            )
            for v in programs
        ]
        if rows:
            gantt_rows.append(charts.GanttRow(title))
            gantt_rows.extend(rows)
        sections.append((title, rows))
        by_horizon.append((horizons[-1], rows))
    years = sorted(
        set(s.years) | {y for p in s.plan.programs.values() for y in range(p.start, p.end + 1)}
    )
    desc = " ".join(
        s.t(
            "chart.roadmap_desc_horizon",
            horizon=h["title"],
            count=str(len(h["programs"])),
            programs="; ".join(f"{p['name']} ({p['years']})" for p in h["programs"]) or "–",
        )
        for h in horizons
    )
    legend = [(s.pillar_name(c), charts.PILLAR_COLORS.get(c, "#777777")) for c in s.pillar_codes]
    chart = charts.gantt_chart(
        "chart-roadmap",
        gantt_rows,
        years,
        title=s.t("chart.roadmap_title", period=s.fmt.year_range(years[0], years[-1])),
        desc=desc,
        legend=legend,
        marker_label=s.t("chart.quick_win_marker"),
    )
    parts = _gantt_parts(s, by_horizon, years, legend)
    fit = budget_fit(s, views, schedule)
    mermaid = MarkdownSource(
        charts.mermaid_gantt(
            s.t("chart.roadmap_title", period=s.fmt.year_range(years[0], years[-1])),
            sections,
        )
    )
    return {
        "years": years,
        "horizons": horizons,
        "chart": Markup(chart),
        "parts": parts,
        "mermaid": mermaid,
        "fit": fit,
    }


def _gantt_parts(
    s: Scope,
    by_horizon: list[tuple[HorizonView, list[charts.GanttRow]]],
    years: list[int],
    legend: list[tuple[str, str]],
) -> list[GanttPart]:
    """The roadmap as printable charts: one per horizon, cut further to fit a page.

    One chart of every program is taller than a page; a browser or WeasyPrint
    would either push it whole to the next page or cut it through a row. Each
    part repeats the year header, and the parts of a horizon say so.
    """
    out: list[GanttPart] = []
    period = s.fmt.year_range(years[0], years[-1])
    for horizon, rows in by_horizon:
        pieces = charts.gantt_parts(rows, GANTT_PART_BODY)
        for number, piece in enumerate(pieces, start=1):
            title = f"{s.t('chart.roadmap_title', period=period)}: {horizon['title']}"
            if len(pieces) > 1:
                title += f" ({s.t('print.part', part=str(number), parts=str(len(pieces)))})"
            chart_id = f"chart-roadmap-{horizon['code']}-{number}"
            desc = "; ".join(
                f"{row.label} ({s.fmt.year_range(row.start or 0, row.end or 0)})" for row in piece
            )
            svg = charts.gantt_chart(
                chart_id,
                piece,
                years,
                title=title,
                desc=desc,
                legend=legend,
                marker_label=s.t("chart.quick_win_marker"),
            )
            out.append(
                {"id": chart_id, "horizon": horizon["code"], "caption": title, "chart": Markup(svg)}
            )
    return out


def budget_fit(s: Scope, views: ProgramViews, schedule: Roadmap | None) -> BudgetFitView | None:
    """The plan's yearly spending against its ceilings, and the schedule's advice."""
    if not s.info.budget_ceilings and schedule is None:
        return None
    planned = s.plan.planned_budget_by_year()
    scheduled = {y.year: y for y in schedule.years} if schedule else {}
    years: list[FitYear] = []
    for year in s.years:
        ceiling = s.info.budget_ceilings.get(year)
        amount = planned.get(year, 0)
        years.append(
            {
                "year": year,
                "ceiling": ceiling,
                "planned": amount,
                "over": ceiling is not None and amount > ceiling,
                "scheduled": scheduled[year].spent if year in scheduled else None,
            }
        )
    shifted: list[ShiftedView] = []
    unscheduled: list[UnscheduledView] = []
    any_over = any(y["over"] for y in years)
    # Rescheduling is advice for a plan that overspends; a plan within its
    # ceilings keeps its planned years.
    if schedule is not None and any_over:
        for item in sorted(schedule.scheduled, key=lambda x: (x.start, x.rank, x.id)):
            if item.shift and item.id in s.plan.programs:
                shifted.append(
                    {
                        "program": views.of(s.plan.programs[item.id]),
                        "planned": s.fmt.year_range(item.planned_start, item.planned_end),
                        "suggested": s.fmt.year_range(item.start, item.end),
                        "shift": item.shift,
                    }
                )
        for left in sorted(schedule.unscheduled, key=lambda x: (x.rank, x.id)):
            if left.id in s.plan.programs:
                unscheduled.append({"program": views.of(s.plan.programs[left.id])})
    return {
        "years": years,
        "has_ceilings": bool(s.info.budget_ceilings),
        "any_over": any_over,
        "scheduled": schedule is not None and any_over,
        "shifted": shifted,
        "unscheduled": unscheduled,
    }
