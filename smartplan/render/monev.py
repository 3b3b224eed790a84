"""The yearly monev report: its template context and its rendering.

``render_monev`` renders ``monev.md.j2`` and ``monev.html.j2`` (in the same
template folders as the master plan, so a region overrides them the same
way) from an :class:`~smartplan.monitor.evaluate.Evaluation`, and writes
``monev-<year>-<lang>.<format>`` atomically, like the master plan. The PDF
is that HTML laid out by WeasyPrint through the master plan's own path
(:func:`smartplan.render.pdf.pdf_chunks`): the same page furniture, contents
and lists with page numbers, bookmarks and deterministic bytes.

Every figure reaches the templates already formatted: percentages are
rounded once, half up (:func:`~smartplan.monitor.evaluate.shown`), and
written with the language's separators; rupiah go through the templates'
money filters, each table in one unit (millions, with the decimals of
:func:`money_digits`). Texts in the plan's actuals fall back to Indonesian like
the master plan's, and the fallbacks are reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from markupsafe import Markup

from smartplan.io.atomic import write_atomic_all
from smartplan.logo import embedded_logo
from smartplan.model import Plan, Text
from smartplan.monitor.evaluate import Evaluation, GroupResult, ProgramResult, shown
from smartplan.monitor.model import DIMENSIONS, Band
from smartplan.render import (
    FORMATS,
    RenderResult,
    _plain_file_name,
    document_chunks,
    prepare,
)
from smartplan.render.charts import PILLAR_COLORS
from smartplan.render.environment import make_environment
from smartplan.render.formatting import Formatter
from smartplan.render.i18n import Catalog, Localizer
from smartplan.render.limits import Deadline, memory_limit, resolve_limits
from smartplan.render.monev_charts import PlanActual, plan_actual_chart, quarters_chart, trend_chart
from smartplan.render.units import load_units, unit_in

#: Output formats → the top-level template of the monev report; the PDF is the
#: HTML laid out for print.
TEMPLATES: dict[str, str] = {"md": "monev.md.j2", "html": "monev.html.j2", "pdf": "monev.html.j2"}
QUARTERS = ("I", "II", "III", "IV")


def money_digits(result: Evaluation) -> int:
    """Decimals of a million for the report's money tables: 0 when every amount is whole
    millions (plans usually are), else 2, so one unit serves every table of the report."""
    amounts: list[int] = list(result.quarters)
    for p in result.programs:
        b = p.budget
        amounts += [b.end_target, b.before, b.target, b.realisation, b.cumulative]
        amounts += [q for q in b.quarters if q is not None]
    for g in result.sources:
        amounts += [g.ceiling, g.realisation]
    return 0 if all(a % 1_000_000 == 0 for a in amounts) else 2


def output_name(fmt: str, lang: str, year: int) -> str:
    """The file name of a monev report, e.g. ``monev-2024-id.html``."""
    return f"monev-{year}-{lang}.{fmt}"


class _Build:
    """Turns an evaluation into the template context, in one language."""

    def __init__(
        self,
        plan: Plan,
        result: Evaluation,
        t: Catalog,
        fmt: Formatter,
        units: Mapping[str, str] | None = None,
    ) -> None:
        self.plan, self.result, self.t, self.fmt = plan, result, t, fmt
        self.units = units or {}
        self.local = Localizer(t.lang)

    def unit(self, unit: str, file: str, pointer: str) -> str:
        """An indicator unit in the report's language, from the unit catalog (as in the
        master plan); an English report without an entry shows it as written, a fallback."""
        return unit_in(self.t.lang, self.units, self.local, unit, file, pointer)

    def pct(self, value: Fraction | None, places: int = 1) -> str:
        rounded = shown(value, places)
        if rounded is None:
            return "–"
        return self.fmt.decimal(float(rounded), places) + " %"

    def value(self, value: Fraction | str | None) -> str:
        if value is None:
            return "–"
        if isinstance(value, str):
            return value
        rounded = shown(value, 4)
        assert rounded is not None
        return self.fmt.number(float(rounded), 4)

    def index(self, value: Fraction | None, places: int = 2) -> str:
        rounded = shown(value, places)
        return "–" if rounded is None else self.fmt.decimal(float(rounded), places)

    def band(self, band: Band | None) -> str:
        return band.label.get(self.t.lang) if band else "–"

    def text(self, value: Text | None, file: str, pointer: str) -> str:
        return self.local.text(value, file, pointer)

    def group(self, g: GroupResult) -> dict[str, Any]:
        return {
            "planned": g.planned,
            "active": g.active,
            "active_pct": self.pct(g.active_share),
            "ceiling": g.ceiling,
            "realisation": g.realisation,
            "budget_pct": self.pct(g.budget_pct),
            "progress_pct": self.pct(g.progress),
            "achievement_pct": self.pct(g.achievement),
            "band": self.band(g.band),
        }

    def program(self, p: ProgramResult) -> dict[str, Any]:
        program = self.plan.programs[p.id]
        year = self.plan.monitoring.years.get(self.result.year)
        report = year.programs.get(p.id) if year else None
        file = report.source.file if report else ""
        agency = self.plan.agencies.get(p.agency)
        indicators = []
        pairs = zip(p.indicators, program.indicators, strict=True)
        for index, (row, indicator) in enumerate(pairs):
            indicators.append(
                {
                    "name": self.text(
                        indicator.name, program.source.file, f"/indicators/{index}/name"
                    ),
                    "unit": self.unit(row.unit, program.source.file, f"/indicators/{index}/unit"),
                    "direction": self.t(f"direction.{row.direction}"),
                    "end_target": self.value(row.end_target),
                    "before": self.value(row.before),
                    "target": self.value(row.target),
                    "quarters": [self.value(q) for q in row.quarters],
                    "realisation": self.value(row.realisation),
                    "pct": self.pct(row.achievement.value),
                    "cumulative": self.value(row.cumulative),
                    "cumulative_pct": self.pct(row.cumulative_achievement.value),
                }
            )
        b = p.budget
        return {
            "id": p.id,
            "anchor": f"monev-{p.id}",
            "name": self.text(program.name, program.source.file, "/name"),
            "agency": agency.short if agency else p.agency,
            "quick_win": p.quick_win,
            "status": self.t(f"monev.status.{p.status}"),
            "progress_pct": self.pct(p.progress),
            "achievement_pct": self.pct(p.achievement),
            "band": self.band(p.band),
            "budget": {
                "end_target": b.end_target,
                "before": b.before,
                "target": b.target,
                "quarters": list(b.quarters),
                "realisation": b.realisation,
                "pct": self.pct(b.achievement),
                "cumulative": b.cumulative,
                "cumulative_pct": self.pct(b.cumulative_achievement),
            },
            "indicators": indicators,
            "milestones": [
                {
                    "date": self.fmt.date(m.date),
                    "title": self.text(m.title, file, f"/milestones/{i}/title"),
                }
                for i, m in enumerate(report.milestones if report else ())
            ],
            "evidence": [e.path or e.citation or "" for e in (report.evidence if report else ())],
            "drivers": self.local.texts(report.drivers, file, "/drivers") if report else [],
            "obstacles": self.local.texts(report.obstacles, file, "/obstacles") if report else [],
            "follow_up": [
                self.text(f.action, file, f"/follow_up/{i}")
                for i, f in enumerate(report.follow_up if report else ())
            ],
            "people_served": p.people_served,
            "innovation": self.text(report.innovation, file, "/quick_win/innovation")
            if report
            else "",
        }

    def names(self, ids: Sequence[str]) -> list[str]:
        out = []
        for program_id in ids:
            program = self.plan.programs.get(program_id)
            out.append(
                self.text(program.name, program.source.file, "/name") if program else program_id
            )
        return out

    def context(self) -> dict[str, Any]:
        plan, result, t, fmt = self.plan, self.result, self.t, self.fmt
        info = plan.info
        assert info is not None
        year = result.year
        region_full = t(f"region_name.{info.region.type}", name=info.region.name)
        money = fmt.rupiah_compact
        programs = {p.id: self.program(p) for p in result.programs}
        pillars = []
        for g in result.pillars:
            pillar = plan.pillars.get(g.key)
            name = self.text(pillar.name, pillar.source.file, "/name") if pillar else g.key
            members = [programs[p.id] for p in result.programs if p.pillar == g.key]
            pillars.append(
                {"code": g.key, "name": name, "color": PILLAR_COLORS.get(g.key, "#777777"),
                 "programs": members, **self.group(g)}
            )  # fmt: skip
        chart_bars = [
            PlanActual(p["name"], p["color"], p["ceiling"], p["realisation"]) for p in pillars
        ]
        total = result.total
        assert total is not None
        quarters = []
        running = 0
        for name, amount in zip(QUARTERS, result.quarters, strict=True):
            running += amount
            quarters.append(
                {"name": name, "amount": amount, "cumulative": running,
                 "pct": self.pct(Fraction(running * 100, total.ceiling) if total.ceiling else None)}
            )  # fmt: skip
        index = result.index
        weights = result.config.weights
        weight_sum = sum(weights.values())
        evaluation = None
        if index is not None:
            evaluation = {
                "dimensions": [
                    {"name": t(f"monev.dimension.{d}"),
                     "score": self.index(index.dimensions.get(d)),
                     "weight": self.pct(Fraction(weights[d]) * 100 / Fraction(weight_sum), 0)
                     if weight_sum else "–"}
                    for d in DIMENSIONS
                ],
                "recorded": self.index(index.recorded),
                "computed": self.index(index.computed, 3),
                "matches": index.matches,
                "rank": index.rank,
                "of": index.of,
                "improvement": None if index.improvement is None else (
                    ("+" if index.improvement >= 0 else "") + self.index(index.improvement)
                ),
            }  # fmt: skip
        trend = [(r.year, r.final) for r in result.trend if r.final is not None]
        annual = result.annual
        foundation = []
        if annual is not None:
            for key in ("council", "team", "regulation"):
                decree = annual.foundation.get(key)
                foundation.append(
                    {
                        "name": t(f"monev.foundation.{key}"),
                        "status": t(f"monev.decree.{decree.status if decree else 'none'}"),
                        "number": decree.number if decree and decree.number else "",
                        "date": fmt.date(decree.date) if decree and decree.date else "",
                    }
                )
        spbe = None
        if annual is not None and annual.spbe_index is not None:
            spbe = {"index": self.index(Fraction(annual.spbe_index)),
                    "predicate": annual.spbe_predicate or ""}  # fmt: skip
        config = result.config
        return {
            "lang": t.lang,
            "doc": {
                "title": t("monev.title", region=region_full, year=year),
                "government": t("cover.government", region=region_full),
                "logo": embedded_logo(plan.root, plan.front.logo if plan.front else None),
                "region_full": region_full,
                "year": year,
                "period": fmt.year_range(info.period_start, info.period_end),
                "plan_title": self.text(info.title, info.source.file, "/title"),
            },
            "config": {
                "bands": [
                    {"min": self.fmt.number(float(b.min)), "label": b.label.get(t.lang)}
                    for b in config.bands
                ],
                "bands_source": config.bands_source,
                "rollup": t(f"monev.rollup.{config.rollup}"),
                "zero": t(f"monev.zero.{config.zero_realisation}"),
                "weights": "/".join(fmt.number(float(weights[d])) for d in DIMENSIONS),
                "weights_source": config.weights_source,
                "off_track_below": fmt.number(float(config.off_track_below)),
            },
            "money": {"digits": money_digits(result)},
            "summary": self.group(total),
            "pillars": pillars,
            "programs": list(programs.values()),
            "quick_wins": [p for p in programs.values() if p["quick_win"]],
            "sources": [
                {
                    "name": g.key,
                    "ceiling": g.ceiling,
                    "realisation": g.realisation,
                    "pct": self.pct(g.budget_pct),
                }
                for g in result.sources
            ],
            "agencies": [
                {"name": (a.short if (a := plan.agencies.get(g.key)) else g.key), **self.group(g)}
                for g in result.agencies
            ],
            "quarters": quarters,
            "evaluation": evaluation,
            "trend": [{"year": y, "index": self.index(v)} for y, v in trend],
            "foundation": foundation,
            "spbe": spbe,
            "off_track": self.names(result.off_track),
            "missing_reports": self.names(result.missing_reports),
            "missing_evidence": self.names(result.missing_evidence),
            "carried_over": [
                {"program": self.names([pid])[0], "action": action}
                for pid, action in result.carried_over
            ],
            "unreadable": list(result.unreadable),
            "obstacles": [p for p in programs.values() if p["obstacles"] or p["follow_up"]],
            "charts": {
                "plan_actual": Markup(
                    plan_actual_chart(
                        "chart-monev-pillars",
                        chart_bars,
                        title=t("monev.chart.pillars_title", year=year),
                        desc=t(
                            "monev.chart.pillars_desc",
                            items="; ".join(
                                f"{b.label}: {money(b.actual)} / {money(b.planned)}"
                                for b in chart_bars
                            ),
                        ),
                        plan_label=t("monev.plan"),
                        actual_label=t("monev.actual"),
                        money=money,
                    )
                ),
                "quarters": Markup(
                    quarters_chart(
                        "chart-monev-quarters",
                        QUARTERS,
                        result.quarters,
                        total.ceiling,
                        title=t("monev.chart.quarters_title", year=year),
                        desc=t(
                            "monev.chart.quarters_desc",
                            ceiling=money(total.ceiling),
                            items="; ".join(
                                f"{q['name']}: {money(int(str(q['amount'])))}" for q in quarters
                            ),
                        ),
                        spent_label=t("monev.chart.spent"),
                        cumulative_label=t("monev.chart.cumulative"),
                        money=money,
                    )
                ),
                "trend": Markup(
                    trend_chart(
                        "chart-monev-trend",
                        [(y, float(shown(v, 2) or 0)) for y, v in trend],
                        title=t("monev.chart.trend_title"),
                        desc=t(
                            "monev.chart.trend_desc",
                            items="; ".join(f"{y}: {self.index(v)}" for y, v in trend),
                        ),
                        number=lambda v: fmt.number(v, 2),
                    )
                )
                if trend
                else "",
            },
        }


def render_monev(
    plan: Plan,
    result: Evaluation,
    *,
    formats: Sequence[str] = ("md", "html"),
    lang: str = "id",
    out_dir: Path,
    templates_dir: Path | None = None,
    time_limit: float | None = None,
    memory_limit_bytes: int | None = None,
) -> RenderResult:
    """Render the monev report of ``result`` and write ``monev-<year>-<lang>.<format>``.

    The templates run under the master plan's limits (see :func:`render_plan`).
    """
    limits = resolve_limits(time_limit, memory_limit_bytes)
    chosen, folders, catalog, formatter = prepare(plan, formats, lang, templates_dir)
    units = load_units(folders) if lang != "id" else {}
    build = _Build(plan, result, catalog, formatter, units)
    context = build.context()
    context["t"] = catalog
    env = make_environment(formatter, folders, Deadline(limits.time))
    paths, streams = [], []
    for fmt in chosen:
        assert fmt in FORMATS
        chunks = document_chunks(env, fmt, TEMPLATES[fmt], context, catalog)
        paths.append(out_dir / _plain_file_name(output_name(fmt, lang, result.year)))
        streams.append(chunks)
    with memory_limit(limits.memory):
        write_atomic_all(zip(paths, streams, strict=True))
    return RenderResult(tuple(paths), build.local.sorted_fallbacks(), lang)
