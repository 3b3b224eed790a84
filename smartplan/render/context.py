"""Build the template context: the whole document as plain, ordered data.

Templates receive only lists, dicts, strings and numbers (and the SVG charts
as ready markup), never model objects: what a region's template can reach is
exactly what is listed here, and every list is in an explicit order, so the
output does not depend on dict or set order. Content texts are resolved in the
output language here, through :class:`Localizer`, which records fallbacks.
Amounts stay numbers; templates format them with the ``rupiah``,
``rupiah_compact``, ``num``, ``pct`` and ``dec`` filters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from smartplan.domain import (
    ELEMENTS,
    FUNDING_SOURCES,
    HORIZONS,
    PENTAHELIX_ROLES,
    PILLAR_NAMES,
    PILLARS,
    READINESS_ASPECTS,
    horizon_for,
)
from smartplan.model import (
    AhpSetup,
    Plan,
    PlanInfo,
    Program,
    Text,
    check_quick_win,
    format_judgement,
)
from smartplan.render import charts
from smartplan.render.environment import MarkdownSource
from smartplan.render.formatting import Formatter
from smartplan.render.i18n import Catalog, Localizer

if TYPE_CHECKING:  # prioritize is only needed when its results are passed in
    from smartplan.prioritize.result import AhpReport, Prioritization, Roadmap

__all__ = ["build_context", "roman"]

_SWOT = ("strengths", "weaknesses", "opportunities", "threats")
_SUSTAINABILITY = ("regulation", "institution", "resources", "business_model")
_INTRO = ("background", "purpose", "scope")
_READINESS_COLORS = {"struktur": "#0072B2", "infrastruktur": "#E69F00", "suprastruktur": "#009E73"}


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


def _casefold_key(text: str) -> str:
    return text.casefold()


class _Builder:
    """Holds what every part of the context needs; one instance per render."""

    def __init__(
        self,
        plan: Plan,
        info: PlanInfo,
        t: Catalog,
        fmt: Formatter,
        priorities: Prioritization | None,
        schedule: Roadmap | None,
    ) -> None:
        self.plan = plan
        self.info = info
        self.t = t
        self.fmt = fmt
        self.lang = t.lang
        self.loc = Localizer(t.lang)
        self.priorities = priorities
        self.schedule = schedule
        self.years = list(info.years)
        self.pillar_codes = [code for code in PILLARS if code in plan.pillars]
        self.rank: dict[str, int] = {}
        self.score: dict[str, float] = {}
        self._programs: dict[str, dict[str, Any]] = {}
        # agencies.yaml holds a list; fallbacks point at the entry's index
        self._agency_index = {agency_id: i for i, agency_id in enumerate(plan.agencies)}

    # ------------------------------------------------------------------ helpers

    def tx(self, value: Text | str | None, file: str, pointer: str) -> str:
        return self.loc.text(value, file, pointer)

    def pillar_name(self, code: str) -> str:
        pillar = self.plan.pillars.get(code)
        if pillar is not None:
            return self.tx(pillar.name, pillar.source.file or f"pillars/{code}.yaml", "/name")
        names = PILLAR_NAMES.get(code)
        return names[self.lang] if names else code

    def element_name(self, code: str) -> str:
        key = f"element.{code}"
        if self.t.has(key):
            return self.t(key)
        element = ELEMENTS.get(code)
        if element is None:
            return code
        return element[2] if self.lang == "en" else element[1]

    def label(self, group: str, code: str | None) -> str:
        """The catalog label ``group.code``, or the code itself when none exists."""
        if code is None:
            return ""
        key = f"{group}.{code}"
        return self.t(key) if self.t.has(key) else code

    def source_label(self, code: str) -> str:
        key = f"source.{code}"
        if self.t.has(key):
            return self.t(key)
        names = FUNDING_SOURCES.get(code)
        return names[self.lang] if names else code

    def agency(self, agency_id: str | None) -> dict[str, str]:
        if agency_id is None:
            return {"id": "", "short": "", "name": ""}
        agency = self.plan.agencies.get(agency_id)
        if agency is None:
            return {"id": agency_id, "short": agency_id, "name": agency_id}
        return {
            "id": agency.id,
            "short": agency.short,
            "name": self.tx(
                agency.name, "agencies.yaml", f"/agencies/{self._agency_index[agency.id]}/name"
            ),
        }

    def horizon(self, program: Program) -> str:
        return program.horizon or horizon_for(program.end, self.info.period_start)

    def programs_sorted(self, programs: Iterable[Program]) -> list[Program]:
        """Document order: pillar order, then start year, end year, id."""
        order = {code: i for i, code in enumerate(PILLARS)}
        return sorted(
            programs, key=lambda p: (order.get(p.pillar, len(order)), p.start, p.end, p.id)
        )

    # ------------------------------------------------------------------ programs

    def program(self, p: Program) -> dict[str, Any]:
        """Everything about one program, resolved; cached so chapters share it."""
        cached = self._programs.get(p.id)
        if cached is not None:
            return cached
        file = p.source.file or f"programs/{p.pillar}/{p.id}.yaml"
        lead = self.agency(p.lead_agency)
        partners = []
        for partner in sorted(
            p.partners,
            key=lambda x: (
                PENTAHELIX_ROLES.index(x.role) if x.role in PENTAHELIX_ROLES else 99,
                x.agency or "",
                x.name or "",
            ),
        ):
            name = self.agency(partner.agency)["short"] if partner.agency else (partner.name or "")
            partners.append(
                {"role": partner.role, "role_label": self.label("role", partner.role), "name": name}
            )
        budget_lines = [
            {
                "year": line.year,
                "amount": line.amount,
                "source": line.source,
                "source_label": self.source_label(line.source),
                "note": line.note or "",
            }
            for line in sorted(
                p.budget, key=lambda b: (b.year, _source_order(b.source), b.amount, b.note or "")
            )
        ]
        by_year = p.budget_by_year()
        indicators = []
        for i, ind in enumerate(p.indicators):
            indicators.append(
                {
                    "id": ind.id,
                    "name": self.tx(ind.name, file, f"/indicators/{i}/name"),
                    "type": ind.type,
                    "type_label": self.label("indicator_type", ind.type),
                    "unit": ind.unit,
                    "direction": ind.direction,
                    "direction_label": self.label("direction", ind.direction),
                    "baseline_year": ind.baseline_year,
                    "baseline": ind.baseline_value,
                    "targets": [
                        {"year": year, "value": ind.targets[year]} for year in sorted(ind.targets)
                    ],
                    "target_map": {str(year): ind.targets[year] for year in sorted(ind.targets)},
                }
            )
        risks = [
            {
                "description": self.tx(r.description, file, f"/risks/{i}/description"),
                "level": r.level,
                "level_label": self.label("risk_level", r.level),
                "mitigation": self.tx(r.mitigation, file, f"/risks/{i}/mitigation"),
            }
            for i, r in enumerate(p.risks)
        ]
        sustainability = [
            {
                "key": key,
                "label": self.t(f"sustainability.{key}"),
                "text": self.tx(p.sustainability[key], file, f"/sustainability/{key}"),
            }
            for key in _SUSTAINABILITY
            if key in p.sustainability
        ]
        rpjmd = {
            "code": str(p.rpjmd.get("code") or ""),
            "program": self.tx(_opt_text(p.rpjmd.get("program")), file, "/rpjmd/program"),
        }
        renstra = {
            "agency": self.agency(p.renstra.get("agency"))["short"]
            if p.renstra.get("agency")
            else "",
            "code": str(p.renstra.get("code") or ""),
            "program": self.tx(_opt_text(p.renstra.get("program")), file, "/renstra/program"),
        }
        horizon = self.horizon(p)
        view: dict[str, Any] = {
            "id": p.id,
            "anchor": f"program-{p.id}",
            "name": self.tx(p.name, file, "/name"),
            "description": self.tx(p.description, file, "/description"),
            "pillar": p.pillar,
            "pillar_name": self.pillar_name(p.pillar),
            "element": p.element,
            "element_name": self.element_name(p.element),
            "tags": sorted(p.tags),
            "lead": lead,
            "partners": partners,
            "partners_text": ", ".join(x["name"] for x in partners),
            "innovation_type": p.innovation_type,
            "innovation_type_label": self.label("innovation_type", p.innovation_type),
            "stage": p.stage or "",
            "stage_label": self.label("stage", p.stage),
            "progress": p.progress,
            "start": p.start,
            "end": p.end,
            "years": self.fmt.year_range(p.start, p.end),
            "fixed": p.fixed,
            "horizon": horizon,
            "horizon_label": self.t(f"horizon.{horizon}"),
            "quick_win": p.quick_win,
            "budget_total": p.total_budget,
            "budget_lines": budget_lines,
            "budget_by_year": [{"year": y, "amount": by_year[y]} for y in sorted(by_year)],
            "first_year_budget": by_year.get(self.info.period_start, 0),
            "indicators": indicators,
            "depends_on": [],  # filled once every program exists (names may fall back)
            "sheet_number": 0,  # its number in the appendix, filled with depends_on
            "rpjmd": rpjmd,
            "renstra": renstra,
            "risks": risks,
            "sustainability": sustainability,
            "rank": self.rank.get(p.id),
            "score": self.score.get(p.id),
        }
        self._programs[p.id] = view
        return view

    def all_programs(self) -> list[dict[str, Any]]:
        views = [self.program(p) for p in self.programs_sorted(self.plan.programs.values())]
        for number, view in enumerate(views, start=1):
            view["sheet_number"] = number
            deps = self.plan.programs[view["id"]].depends_on
            view["depends_on"] = [
                {
                    "id": dep,
                    "anchor": f"program-{dep}",
                    "name": self._programs[dep]["name"] if dep in self._programs else dep,
                    "known": dep in self._programs,
                }
                for dep in sorted(deps)
            ]
        return views

    # ------------------------------------------------------------------ chapters

    def document(self) -> dict[str, Any]:
        info = self.info
        region_type = self.t(f"region_type.{info.region.type}")
        return {
            "plan_id": info.id,
            "title": self.tx(info.title, "plan.yaml", "/title"),
            "region_name": info.region.name,
            "region_type": region_type,
            "region_full": self.t(f"region_name.{info.region.type}", name=info.region.name),
            "province": info.region.province,
            "capital": info.region.capital or "",
            "period_start": info.period_start,
            "period_end": info.period_end,
            "period": self.fmt.year_range(info.period_start, info.period_end),
            "version": info.version or "",
            "date": self.fmt.date(info.date),
            "date_iso": info.date or "",
            "priority_pillar": info.priority_pillar or "",
            "priority_pillar_name": (
                self.pillar_name(info.priority_pillar) if info.priority_pillar else ""
            ),
        }

    def introduction(self) -> dict[str, Any]:
        intro = self.info.introduction
        out: dict[str, Any] = {}
        for key in _INTRO:
            out[key] = self.tx(_opt_text(intro.get(key)), "plan.yaml", f"/introduction/{key}")
        out["legal_basis"] = self.loc.texts(
            tuple(Text.of(x) for x in intro.get("legal_basis") or ()),
            "plan.yaml",
            "/introduction/legal_basis",
        )
        return out

    def readiness(self) -> dict[str, Any] | None:
        readiness = self.plan.readiness
        if readiness is None:
            return None
        by_code = {a.code: a for a in readiness.aspects}
        aspects = []
        bars: list[charts.ReadinessBar] = []
        all_scores: list[float] = []
        for code in READINESS_ASPECTS:
            aspect = by_code.get(code)
            if aspect is None:
                continue
            subs_by_code = {s.code: s for s in aspect.subaspects}
            order = list(READINESS_ASPECTS[code]) + sorted(
                c for c in subs_by_code if c not in READINESS_ASPECTS[code]
            )
            subs = []
            name = self.t(f"readiness.aspect.{code}")
            bars.append(charts.ReadinessBar(name))
            for sub_code in order:
                sub = subs_by_code.get(sub_code)
                if sub is None:
                    continue
                pointer = f"/aspects/{code}/subaspects/{sub_code}"
                sub_name = self.label("readiness.subaspect", sub_code)
                subs.append(
                    {
                        "code": sub_code,
                        "name": sub_name,
                        "score": sub.score,
                        "description": self.tx(
                            sub.description, "readiness.yaml", f"{pointer}/description"
                        ),
                        "evidence": self.loc.texts(
                            sub.evidence, "readiness.yaml", f"{pointer}/evidence"
                        ),
                    }
                )
                bars.append(
                    charts.ReadinessBar(sub_name, sub.score, _READINESS_COLORS.get(code, "#0072B2"))
                )
                all_scores.append(sub.score)
            scores = [s["score"] for s in subs]
            aspects.append(
                {
                    "code": code,
                    "name": name,
                    "description": self.tx(
                        aspect.description, "readiness.yaml", f"/aspects/{code}/description"
                    ),
                    "average": sum(scores) / len(scores) if scores else None,
                    "subaspects": subs,
                }
            )
        average = sum(all_scores) / len(all_scores) if all_scores else None
        swot = [
            {
                "key": key,
                "title": self.t(f"swot.{key}"),
                "points": self.loc.texts(
                    readiness.swot.get(key, ()), "readiness.yaml", f"/swot/{key}"
                ),
            }
            for key in _SWOT
        ]
        desc_parts = [
            self.t(
                "chart.readiness_desc",
                min=self.fmt.number(readiness.scale_min),
                max=self.fmt.number(readiness.scale_max),
            )
        ]
        for aspect in aspects:
            desc_parts.append(
                f"{aspect['name']}: "
                + ", ".join(
                    f"{s['name']} {self.fmt.number(s['score'])}" for s in aspect["subaspects"]
                )
                + "."
            )
        chart = charts.readiness_chart(
            "chart-readiness",
            bars,
            scale_min=readiness.scale_min,
            scale_max=readiness.scale_max,
            title=self.t("chart.readiness_title"),
            desc=" ".join(desc_parts),
            number=self.fmt.number,
        )
        return {
            "scale_min": readiness.scale_min,
            "scale_max": readiness.scale_max,
            "average": average,
            "aspects": aspects,
            "swot": swot,
            "gaps": self.loc.texts(readiness.gaps, "readiness.yaml", "/gaps"),
            "chart": Markup(chart),
        }

    def pillars(self) -> list[dict[str, Any]]:
        out = []
        for number, code in enumerate(self.pillar_codes, start=1):
            pillar = self.plan.pillars[code]
            file = pillar.source.file or f"pillars/{code}.yaml"
            programs = [
                self.program(p)
                for p in self.programs_sorted(
                    x for x in self.plan.programs.values() if x.pillar == code
                )
            ]
            counts: dict[str, int] = {}
            for p in programs:
                counts[p["element"]] = counts.get(p["element"], 0) + 1
            elements = [
                {"code": e, "name": self.element_name(e), "programs": counts.get(e, 0)}
                for e in pillar.elements
            ]
            out.append(
                {
                    "code": code,
                    "anchor": f"pilar-{code}",
                    "number": number,
                    "name": self.pillar_name(code),
                    "color": charts.PILLAR_COLORS.get(code, "#777777"),
                    "description": self.tx(pillar.description, file, "/description"),
                    "is_priority": code == self.info.priority_pillar,
                    "elements": elements,
                    "tags": sorted(pillar.tags),
                    "goals": self.loc.texts(pillar.goals, file, "/goals"),
                    "strategies": self.loc.texts(pillar.strategies, file, "/strategies"),
                    "programs": programs,
                    "budget_total": sum(p["budget_total"] for p in programs),
                }
            )
        return out

    def prioritization(self) -> dict[str, Any]:
        """Method, weights, AHP consistency and ranking (from ``prioritize`` if given)."""
        scoring = self.info.scoring
        result: Prioritization | None = self.priorities
        computed = {c.id: c for c in result.criteria.criteria} if result else {}
        criteria = []
        for i, c in enumerate(scoring.criteria):
            weight = computed[c.id].weight if c.id in computed else c.weight
            criteria.append(
                {
                    "id": c.id,
                    "name": self.tx(c.name, "plan.yaml", f"/scoring/criteria/{i}/name"),
                    "kind": c.kind,
                    "kind_label": self.t(f"criterion_kind.{c.kind}"),
                    "weight": weight if (result or scoring.ahp is None) else None,
                    "description": self.tx(
                        c.description, "plan.yaml", f"/scoring/criteria/{i}/description"
                    ),
                }
            )
        if result is None:
            # Show the configured weights normalised, as prioritize would.
            given = [c["weight"] for c in criteria]
            if given and all(w is not None for w in given) and sum(given) > 0:
                total = sum(given)
                for c in criteria:
                    c["weight"] = c["weight"] / total
        method = result.criteria.method if result else ("ahp" if scoring.ahp else "direct")
        view: dict[str, Any] = {
            "available": result is not None,
            "method": method,
            "method_label": self.t(f"priorities.method_{method}"),
            "scale_min": scoring.scale_min,
            "scale_max": scoring.scale_max,
            "criteria": criteria,
            "ahp": None,
            "pillar_method": "",
            "pillar_method_label": "",
            "pillar_boost_label": "",
            "priority_boost": None,
            "pillar_weights": [],
            "pillar_ahp": None,
            "ranking": [],
        }
        if result is None:
            return view
        view["ahp"] = self._ahp(result.criteria.ahp, scoring.ahp, [c["name"] for c in criteria])
        pillars = result.pillars
        view["pillar_method"] = pillars.method
        view["pillar_method_label"] = self.t(f"priorities.pillar_method_{pillars.method}")
        if pillars.priority_pillar and pillars.priority_boost != 1:
            view["pillar_boost_label"] = self.t(
                "priorities.pillar_boost",
                pillar=self.pillar_name(pillars.priority_pillar),
                boost=self.fmt.number(pillars.priority_boost),
            )
        else:
            view["pillar_boost_label"] = self.t("priorities.pillar_factor_note")
        view["priority_boost"] = pillars.priority_boost
        by_pillar = {w.pillar: w for w in pillars.pillars}
        view["pillar_weights"] = [
            {
                "code": code,
                "name": self.pillar_name(code),
                "base_weight": by_pillar[code].base_weight,
                "weight": by_pillar[code].weight,
                "factor": by_pillar[code].factor,
                "is_priority": code == pillars.priority_pillar,
            }
            for code in PILLARS
            if code in by_pillar
        ]
        pillar_setup = scoring.pillar_weights.ahp if scoring.pillar_weights else None
        view["pillar_ahp"] = self._ahp(
            pillars.ahp,
            pillar_setup,
            [self.pillar_name(code) for code in (pillar_setup.order if pillar_setup else ())],
        )
        grid = {g.id: g for g in result.quick_wins.placements}
        ranking = []
        for item in sorted(result.programs, key=lambda x: (x.rank, x.id)):
            program = self.plan.programs.get(item.id)
            if program is None:
                continue
            self.rank[item.id] = item.rank
            self.score[item.id] = item.score
            placement = grid.get(item.id)
            ranking.append(
                {
                    "rank": item.rank,
                    "id": item.id,
                    "score": item.score,
                    "base_score": item.base_score,
                    "pillar_factor": item.pillar_factor,
                    "quadrant": placement.quadrant if placement else "",
                    "quadrant_label": self.label("quadrant", placement.quadrant)
                    if placement
                    else "",
                }
            )
        for row in ranking:
            row["program"] = self.program(self.plan.programs[row["id"]])
        view["ranking"] = ranking
        return view

    def _ahp(
        self, report: AhpReport | None, setup: AhpSetup | None, labels: list[str]
    ) -> dict[str, Any] | None:
        """The AHP figures, with the plan's comparison matrix when its size fits the labels."""
        if report is None:
            return None
        matrix = []
        if setup is not None and len(setup.matrix) == len(labels):
            matrix = [
                {"label": label, "cells": [format_judgement(v, self.fmt.number) for v in row]}
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
            "ri_table_label": self.label("ri_table", report.ri_table),
            "consistent": report.consistent,
            "completed": len(report.completed),
        }

    def quick_wins(self) -> dict[str, Any]:
        """The declared quick wins, checked against the rules and the impact/effort grid."""
        first = self.info.period_start
        analysis = self.priorities.quick_wins if self.priorities is not None else None
        grid = {g.id: g for g in analysis.placements} if analysis else {}
        order = {code: i for i, code in enumerate(PILLARS)}
        chosen = sorted(
            (p for p in self.plan.programs.values() if p.quick_win),
            key=lambda p: (self.rank.get(p.id, 10**9), order.get(p.pillar, 99), p.id),
        )
        programs = []
        for p in chosen:
            view = self.program(p)
            targets = []
            for ind in view["indicators"]:
                value = ind["target_map"].get(str(first))
                if value is None and ind["targets"]:
                    value = ind["targets"][0]["value"]
                targets.append({"indicator": ind, "value": value})
            placement = grid.get(p.id)
            rule = check_quick_win(p, first)
            checks = {
                "first_year": rule.within_first_year,
                "indicators": rule.has_indicator,
                "quadrant": placement is None or placement.quadrant == "quick_win",
            }
            programs.append(
                {
                    "program": view,
                    "targets": targets,
                    "impact": placement.impact if placement else None,
                    "effort": placement.effort if placement else None,
                    "quadrant_label": self.label("quadrant", placement.quadrant)
                    if placement
                    else "",
                    "checks": checks,
                    "issues": [
                        self.t(f"quick_wins.issue_{k}") for k, ok in checks.items() if not ok
                    ],
                }
            )
        candidates = []
        if analysis is not None:
            for finding in analysis.candidates:
                program = self.plan.programs.get(finding.id)
                if program is None:
                    continue
                candidates.append(
                    {
                        "program": self.program(program),
                        "rank": finding.rank,
                        "impact": finding.impact,
                        "effort": finding.effort,
                    }
                )
        return {
            "year": first,
            "programs": programs,
            "grid": analysis is not None and analysis.available,
            "threshold": analysis.threshold if analysis else None,
            "candidates": candidates,
            "total_budget": sum(p["program"]["first_year_budget"] for p in programs),
            "total_all_years": sum(p["program"]["budget_total"] for p in programs),
        }

    def roadmap(self) -> dict[str, Any]:
        horizons = []
        gantt_rows: list[charts.GanttRow] = []
        sections: list[tuple[str, list[charts.GanttRow]]] = []
        for code in HORIZONS:
            programs = [
                self.program(p)
                for p in self.programs_sorted(self.plan.programs.values())
                if self.horizon(p) == code
            ]
            programs.sort(
                key=lambda v: (
                    v["start"],
                    v["end"],
                    PILLARS.index(v["pillar"]) if v["pillar"] in PILLARS else 99,
                    v["id"],
                )
            )
            title = self.t(f"horizon.{code}")
            horizons.append(
                {
                    "code": code,
                    "title": title,
                    "description": self.t(f"horizon_desc.{code}"),
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
        years = sorted(
            set(self.years)
            | {y for p in self.plan.programs.values() for y in range(p.start, p.end + 1)}
        )
        desc = " ".join(
            self.t(
                "chart.roadmap_desc_horizon",
                horizon=h["title"],
                count=str(len(h["programs"])),
                programs="; ".join(f"{p['name']} ({p['years']})" for p in h["programs"]) or "–",
            )
            for h in horizons
        )
        chart = charts.gantt_chart(
            "chart-roadmap",
            gantt_rows,
            years,
            title=self.t("chart.roadmap_title", period=self.fmt.year_range(years[0], years[-1])),
            desc=desc,
            legend=[
                (self.pillar_name(c), charts.PILLAR_COLORS.get(c, "#777777"))
                for c in self.pillar_codes
            ],
            marker_label=self.t("chart.quick_win_marker"),
        )
        fit = self.budget_fit()
        mermaid = MarkdownSource(
            charts.mermaid_gantt(
                self.t("chart.roadmap_title", period=self.fmt.year_range(years[0], years[-1])),
                sections,
            )
        )
        return {
            "years": years,
            "horizons": horizons,
            "chart": Markup(chart),
            "mermaid": mermaid,
            "fit": fit,
        }

    def budget_fit(self) -> dict[str, Any] | None:
        """The plan's yearly spending against its ceilings, and the schedule's advice."""
        roadmap: Roadmap | None = self.schedule
        if not self.info.budget_ceilings and roadmap is None:
            return None
        planned = self.plan.planned_budget_by_year()
        scheduled = {y.year: y for y in roadmap.years} if roadmap else {}
        years = []
        for year in self.years:
            ceiling = self.info.budget_ceilings.get(year)
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
        shifted = []
        unscheduled = []
        any_over = any(y["over"] for y in years)
        # Rescheduling is advice for a plan that overspends; a plan within its
        # ceilings keeps its planned years.
        if roadmap is not None and any_over:
            for item in sorted(roadmap.scheduled, key=lambda x: (x.start, x.rank, x.id)):
                if item.shift and item.id in self.plan.programs:
                    shifted.append(
                        {
                            "program": self.program(self.plan.programs[item.id]),
                            "planned": self.fmt.year_range(item.planned_start, item.planned_end),
                            "suggested": self.fmt.year_range(item.start, item.end),
                            "shift": item.shift,
                        }
                    )
            for item in sorted(roadmap.unscheduled, key=lambda x: (x.rank, x.id)):
                if item.id in self.plan.programs:
                    unscheduled.append({"program": self.program(self.plan.programs[item.id])})
        return {
            "years": years,
            "has_ceilings": bool(self.info.budget_ceilings),
            "any_over": any_over,
            "scheduled": roadmap is not None and any_over,
            "shifted": shifted,
            "unscheduled": unscheduled,
        }

    def budget(self) -> dict[str, Any]:
        programs = list(self.plan.programs.values())
        years = sorted(set(self.years) | {b.year for p in programs for b in p.budget})
        index = {y: i for i, y in enumerate(years)}

        def table(keys: list[str], key_of: Any, label_of: Any) -> dict[str, Any]:
            cells = {k: [0] * len(years) for k in keys}
            for p in programs:
                for line in p.budget:
                    k = key_of(p, line)
                    if k not in cells:
                        cells[k] = [0] * len(years)
                        keys.append(k)
                    cells[k][index[line.year]] += line.amount
            rows = [
                {"code": k, "label": label_of(k), "cells": cells[k], "total": sum(cells[k])}
                for k in keys
            ]
            totals = [sum(r["cells"][i] for r in rows) for i in range(len(years))]
            return {"rows": rows, "totals": totals, "grand_total": sum(totals)}

        by_pillar = table(list(self.pillar_codes), lambda p, line: p.pillar, self.pillar_name)
        used_sources = sorted({b.source for p in programs for b in p.budget}, key=_source_order)
        by_source = table(used_sources, lambda p, line: line.source, self.source_label)
        ceilings = None
        if self.info.budget_ceilings:
            cells = [self.info.budget_ceilings.get(y) for y in years]
            ceilings = {
                "cells": cells,
                "total": sum(c for c in cells if c is not None),
                "over": [
                    c is not None and total > c
                    for c, total in zip(cells, by_pillar["totals"], strict=True)
                ],
            }
        series = [
            charts.BarSeries(
                row["label"], charts.PILLAR_COLORS.get(row["code"], "#777777"), tuple(row["cells"])
            )
            for row in by_pillar["rows"]
        ]
        desc = self.t(
            "chart.budget_desc",
            total=self.fmt.rupiah_compact(by_pillar["grand_total"]),
            years="; ".join(
                f"{y}: {self.fmt.rupiah_compact(t)}"
                for y, t in zip(years, by_pillar["totals"], strict=True)
            ),
        )
        chart = charts.budget_chart(
            "chart-budget",
            years,
            series,
            title=self.t("chart.budget_title"),
            desc=desc,
            money=self.fmt.rupiah_compact,
        )
        return {
            "years": years,
            "by_pillar": by_pillar,
            "by_source": by_source,
            "ceilings": ceilings,
            "chart": Markup(chart),
        }

    def indicators(self, pillars: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Per pillar: each program's indicators with a target cell per year."""
        out = []
        for pillar in pillars:
            years = sorted(
                {
                    t["year"]
                    for program in pillar["programs"]
                    for ind in program["indicators"]
                    for t in ind["targets"]
                }
            )
            programs = []
            for program in pillar["programs"]:
                rows = [
                    {
                        "indicator": ind,
                        "cells": [ind["target_map"].get(str(y)) for y in years],
                    }
                    for ind in program["indicators"]
                ]
                if rows:
                    programs.append({"program": program, "rows": rows})
            if programs:
                out.append({"pillar": pillar, "years": years, "programs": programs})
        return out

    def governance(self, programs: list[dict[str, Any]]) -> dict[str, Any]:
        lead: dict[str, list[dict[str, Any]]] = {}
        partner: dict[str, list[dict[str, Any]]] = {}
        for view in programs:
            lead.setdefault(view["lead"]["id"], []).append(view)
            program = self.plan.programs[view["id"]]
            for agency_id in sorted({x.agency for x in program.partners if x.agency}):
                if agency_id != view["lead"]["id"]:
                    partner.setdefault(agency_id, []).append(view)
        agency_ids = sorted(
            set(self.plan.agencies) | set(lead) | set(partner),
            key=lambda a: (_casefold_key(self.agency(a)["short"]), a),
        )
        agencies = []
        for agency_id in agency_ids:
            info = self.agency(agency_id)
            agency = self.plan.agencies.get(agency_id)
            agencies.append(
                {
                    **info,
                    "description": self.tx(
                        agency.description if agency else None,
                        "agencies.yaml",
                        f"/agencies/{self._agency_index.get(agency_id, 0)}/description",
                    ),
                    "lead": lead.get(agency_id, []),
                    "partner": partner.get(agency_id, []),
                }
            )
        roles = [{"code": r, "label": self.t(f"role.{r}")} for r in PENTAHELIX_ROLES]
        matrix = []
        for view in programs:
            cells = []
            for role in PENTAHELIX_ROLES:
                names = [x["name"] for x in view["partners"] if x["role"] == role]
                if role == "pemerintah":
                    names = [
                        view["lead"]["short"],
                        *[n for n in names if n != view["lead"]["short"]],
                    ]
                cells.append(names)
            matrix.append({"program": view, "cells": cells})
        role_counts = [
            {
                "code": r["code"],
                "label": r["label"],
                "count": sum(1 for m in matrix if m["cells"][i]),
            }
            for i, r in enumerate(roles)
        ]
        return {"agencies": agencies, "roles": roles, "matrix": matrix, "role_counts": role_counts}

    def chapters(self, pillars: list[dict[str, Any]], has_readiness: bool) -> list[dict[str, Any]]:
        ids = ["introduction"]
        if has_readiness:
            ids.append("readiness")
        ids += ["vision", "pillars", "priorities", "quick_wins", "roadmap", "budget",
                "indicators", "governance"]  # fmt: skip
        anchors = {
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
        }
        out = []
        for number, chapter_id in enumerate(ids, start=1):
            children = []
            if chapter_id == "pillars":
                children = [
                    {"anchor": p["anchor"], "number": f"{number}.{p['number']}", "title": p["name"]}
                    for p in pillars
                ]
            out.append(
                {
                    "id": chapter_id,
                    "anchor": anchors[chapter_id],
                    "number": number,
                    "roman": roman(number),
                    "title": self.t(f"chapter.{chapter_id}"),
                    "children": children,
                }
            )
        out.append(
            {
                "id": "appendix",
                "anchor": "lampiran",
                "number": None,
                "roman": "",
                "title": self.t("chapter.appendix"),
                "children": [],
            }
        )
        return out


def _opt_text(raw: Any) -> Text | None:
    return None if raw is None else Text.of(raw)


def _source_order(code: str) -> tuple[int, str]:
    keys = list(FUNDING_SOURCES)
    return (keys.index(code) if code in keys else len(keys), code)


def build_context(
    plan: Plan,
    t: Catalog,
    fmt: Formatter,
    priorities: Prioritization | None = None,
    schedule: Roadmap | None = None,
) -> tuple[dict[str, Any], Localizer]:
    """The template context for ``plan`` in the catalog's language.

    ``priorities`` is the result of :func:`smartplan.prioritize.prioritize`;
    without it the Prioritas chapter shows the configured method and criteria
    only, and quick wins are not placed on the impact/effort grid.
    ``schedule`` is the result of :func:`smartplan.prioritize.schedule`; with
    it the Roadmap chapter lists the start years it suggests under the budget
    ceilings.
    """
    info = plan.info
    if info is None:
        raise ValueError("a plan without plan.yaml cannot be rendered")
    b = _Builder(plan, info, t, fmt, priorities, schedule)
    document = b.document()
    priorities_view = b.prioritization()
    pillars = b.pillars()
    programs = b.all_programs()
    readiness = b.readiness()
    context: dict[str, Any] = {
        "lang": t.lang,
        "doc": document,
        "chapters": b.chapters(pillars, readiness is not None),
        "introduction": b.introduction(),
        "readiness": readiness,
        "vision": b.tx(info.vision, "plan.yaml", "/vision"),
        "missions": b.loc.texts(info.missions, "plan.yaml", "/missions"),
        "pillars": pillars,
        "priorities": priorities_view,
        "quick_wins": b.quick_wins(),
        "roadmap": b.roadmap(),
        "budget": b.budget(),
        "indicators": b.indicators(pillars),
        "governance": b.governance(programs),
        "programs": programs,
        "totals": {
            "programs": len(programs),
            "quick_wins": sum(1 for p in programs if p["quick_win"]),
            "budget": sum(p["budget_total"] for p in programs),
            "agencies": len({p["lead"]["id"] for p in programs}),
        },
    }
    return context, b.loc
