"""One view per program, shared by every chapter that lists it.

The program views are built once, all of them, before any chapter: a
program's rank and score come from the ranking passed in, and its number in
the appendix and its resolved dependencies are known from the start, so no
chapter depends on another having run first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, TypedDict

from smartplan.domain import PENTAHELIX_ROLES
from smartplan.model import Partner, Plan, Program
from smartplan.render.views.scope import AgencyRef, Scope, opt_text, source_order

if TYPE_CHECKING:  # prioritize is only needed when its results are passed in
    from smartplan.prioritize.result import Prioritization

_SUSTAINABILITY = ("regulation", "institution", "resources", "business_model")


class Ranked(NamedTuple):
    """A program's place in the prioritisation."""

    rank: int
    score: float


def ranking_of(plan: Plan, priorities: Prioritization | None) -> dict[str, Ranked]:
    """Rank and score of every ranked program of ``plan`` (empty without a prioritisation)."""
    if priorities is None:
        return {}
    return {
        item.id: Ranked(item.rank, item.score)
        for item in sorted(priorities.programs, key=lambda x: (x.rank, x.id))
        if item.id in plan.programs
    }


class PartnerView(TypedDict):
    role: str
    role_label: str
    name: str


class BudgetLineView(TypedDict):
    year: int
    amount: int
    source: str
    source_label: str
    note: str


class YearAmount(TypedDict):
    year: int
    amount: int


class BudgetSourceView(TypedDict):
    """One funding source of a program: a column of its sheet's budget table."""

    source: str
    source_label: str
    total: int


class BudgetYearView(TypedDict):
    """One year of a program's budget: a row of its sheet's budget table."""

    year: int
    #: the amount of each of the program's sources (``budget_sources`` order), 0 if none
    cells: list[int]
    #: whether the year has a line of that source (a 0 that is planned shows as 0)
    present: list[bool]
    total: int
    #: the notes of the year's lines, each after its source when there are several
    note: str


class TargetView(TypedDict):
    year: int
    value: float


class IndicatorView(TypedDict):
    id: str
    name: str
    type: str
    type_label: str
    unit: str
    direction: str
    direction_label: str
    baseline_year: int | None
    baseline: float | None
    targets: list[TargetView]
    target_map: dict[str, float]


class RiskView(TypedDict):
    description: str
    level: str
    level_label: str
    mitigation: str
    #: id in the plan's risk register, or ""
    ref: str


class SustainabilityView(TypedDict):
    key: str
    label: str
    text: str


class RpjmdView(TypedDict):
    code: str
    #: program, kegiatan or sub_kegiatan ("" when not stated)
    level: str
    level_label: str
    #: the nomenclature name at that code
    name: str
    #: the parent RPJMD program (for a kegiatan or sub-kegiatan code)
    program: str


class RenstraView(TypedDict):
    agency: str
    code: str
    program: str


class DependencyView(TypedDict):
    id: str
    anchor: str
    name: str
    known: bool


class ProgramView(TypedDict):
    """Everything about one program, resolved in the output language."""

    id: str
    anchor: str
    name: str
    description: str
    pillar: str
    pillar_name: str
    element: str
    element_name: str
    tags: list[str]
    lead: AgencyRef
    partners: list[PartnerView]
    partners_text: str
    innovation_type: str
    innovation_type_label: str
    stage: str
    stage_label: str
    progress: float | None
    start: int
    end: int
    years: str
    fixed: bool
    horizon: str
    horizon_label: str
    quick_win: bool
    budget_total: int
    budget_lines: list[BudgetLineView]
    budget_sources: list[BudgetSourceView]
    budget_years: list[BudgetYearView]
    budget_by_year: list[YearAmount]
    first_year_budget: int
    indicators: list[IndicatorView]
    depends_on: list[DependencyView]
    sheet_number: int
    rpjmd: RpjmdView
    renstra: RenstraView
    #: ids of the gaps and strategies the program answers
    answers: list[str]
    risks: list[RiskView]
    sustainability: list[SustainabilityView]
    rank: int | None
    score: float | None


def _budget_table(
    lines: list[BudgetLineView],
) -> tuple[list[BudgetSourceView], list[BudgetYearView]]:
    """A program's budget lines as a table: its sources across, one row per year.

    A row per (year, source) line made a long program's sheet run over a page
    (twenty rows for ten years of two sources); one per year keeps it on one.
    ``lines`` are in (year, source) order already.
    """
    codes: list[str] = sorted({line["source"] for line in lines}, key=source_order)
    labels = {line["source"]: line["source_label"] for line in lines}
    column = {code: i for i, code in enumerate(codes)}
    several = len(codes) > 1
    years: dict[int, BudgetYearView] = {}
    notes: dict[int, list[str]] = {}
    for line in lines:
        row = years.setdefault(
            line["year"],
            {"year": line["year"], "cells": [0] * len(codes), "present": [False] * len(codes),
             "total": 0, "note": ""},
        )  # fmt: skip
        i = column[line["source"]]
        row["cells"][i] += line["amount"]
        row["present"][i] = True
        row["total"] += line["amount"]
        if line["note"]:
            note = f"{line['source_label']}: {line['note']}" if several else line["note"]
            notes.setdefault(line["year"], []).append(note)
    for year, texts in notes.items():
        years[year]["note"] = "; ".join(texts)
    sources: list[BudgetSourceView] = [
        {
            "source": code,
            "source_label": labels[code],
            "total": sum(line["amount"] for line in lines if line["source"] == code),
        }
        for code in codes
    ]
    return sources, [years[year] for year in sorted(years)]


class ProgramViews:
    """The view of every program of the plan, in document order."""

    def __init__(self, scope: Scope, ranking: dict[str, Ranked]) -> None:
        self.scope = scope
        self.ranking = ranking
        plan = scope.plan
        self.ordered: list[ProgramView] = [
            _program(scope, p, ranking.get(p.id))
            for p in scope.programs_sorted(plan.programs.values())
        ]
        self.by_id: dict[str, ProgramView] = {view["id"]: view for view in self.ordered}
        for number, view in enumerate(self.ordered, start=1):
            view["sheet_number"] = number
            view["depends_on"] = [
                {
                    "id": dep,
                    "anchor": f"program-{dep}",
                    "name": self.by_id[dep]["name"] if dep in self.by_id else dep,
                    "known": dep in self.by_id,
                }
                for dep in sorted(plan.programs[view["id"]].depends_on)
            ]

    def of(self, program: Program) -> ProgramView:
        """The view of one program of the plan."""
        return self.by_id[program.id]

    def rank(self, program_id: str) -> int | None:
        """The program's rank, ``None`` when unranked."""
        ranked = self.ranking.get(program_id)
        return ranked.rank if ranked else None


def _program(scope: Scope, p: Program, ranked: Ranked | None) -> ProgramView:
    """Everything about one program, resolved."""
    s = scope
    file = p.source.file or f"programs/{p.pillar}/{p.id}.yaml"
    lead = s.agency(p.lead_agency)
    partners: list[PartnerView] = []

    def partner_name(partner: Partner) -> str:
        if partner.agency:
            return str(s.agency(partner.agency)["short"])
        registered = s.plan.stakeholders.get(partner.stakeholder or "")
        if registered is not None:
            # a proper name: shown as written, not reported as a missing translation
            return registered.name.get(s.lang)
        return partner.name or partner.stakeholder or ""

    for partner in sorted(
        p.partners,
        key=lambda x: (
            PENTAHELIX_ROLES.index(x.role) if x.role in PENTAHELIX_ROLES else 99,
            x.agency or "",
            "" if x.agency else partner_name(x),
        ),
    ):
        name = partner_name(partner)
        partners.append(
            {"role": partner.role, "role_label": s.label("role", partner.role), "name": name}
        )
    budget_lines: list[BudgetLineView] = [
        {
            "year": line.year,
            "amount": line.amount,
            "source": line.source,
            "source_label": s.source_label(line.source),
            "note": line.note or "",
        }
        for line in sorted(
            p.budget, key=lambda b: (b.year, source_order(b.source), b.amount, b.note or "")
        )
    ]
    by_year = p.budget_by_year()
    sources, years = _budget_table(budget_lines)
    indicators: list[IndicatorView] = []
    for i, ind in enumerate(p.indicators):
        indicators.append(
            {
                "id": ind.id,
                "name": s.tx(ind.name, file, f"/indicators/{i}/name"),
                "type": ind.type,
                "type_label": s.label("indicator_type", ind.type),
                "unit": s.unit(ind.unit, file, f"/indicators/{i}/unit"),
                "direction": ind.direction,
                "direction_label": s.label("direction", ind.direction),
                "baseline_year": ind.baseline_year,
                "baseline": ind.baseline_value,
                "targets": [
                    {"year": year, "value": ind.targets[year]} for year in sorted(ind.targets)
                ],
                "target_map": {str(year): ind.targets[year] for year in sorted(ind.targets)},
            }
        )
    risks: list[RiskView] = []
    for i, r in enumerate(p.risks):
        # a risk that refers to the register takes what it leaves out from there
        entry = s.plan.risk_register.get(r.ref or "")
        description = r.description or (entry.description if entry else None)
        level = r.level or (entry.level if entry else "medium")
        mitigation = r.mitigation or (entry.mitigation if entry else None)
        risks.append(
            {
                "description": s.tx(description, file, f"/risks/{i}/description"),
                "level": level,
                "level_label": s.label("risk_level", level),
                "mitigation": s.tx(mitigation, file, f"/risks/{i}/mitigation"),
                "ref": r.ref or "",
            }
        )
    sustainability: list[SustainabilityView] = [
        {
            "key": key,
            "label": s.t(f"sustainability.{key}"),
            "text": s.tx(p.sustainability[key], file, f"/sustainability/{key}"),
        }
        for key in _SUSTAINABILITY
        if key in p.sustainability
    ]
    rpjmd: RpjmdView = {
        "code": str(p.rpjmd.get("code") or ""),
        "level": str(p.rpjmd.get("level") or ""),
        "level_label": s.label("rpjmd_level", p.rpjmd.get("level")),
        "name": s.tx(opt_text(p.rpjmd.get("name")), file, "/rpjmd/name"),
        "program": s.tx(opt_text(p.rpjmd.get("program")), file, "/rpjmd/program"),
    }
    renstra: RenstraView = {
        "agency": s.agency(p.renstra.get("agency"))["short"] if p.renstra.get("agency") else "",
        "code": str(p.renstra.get("code") or ""),
        "program": s.tx(opt_text(p.renstra.get("program")), file, "/renstra/program"),
    }
    horizon = s.horizon(p)
    return {
        "id": p.id,
        "anchor": f"program-{p.id}",
        "name": s.tx(p.name, file, "/name"),
        "description": s.tx(p.description, file, "/description"),
        "pillar": p.pillar,
        "pillar_name": s.pillar_name(p.pillar),
        "element": p.element,
        "element_name": s.element_name(p.element),
        "tags": sorted(p.tags),
        "lead": lead,
        "partners": partners,
        "partners_text": ", ".join(x["name"] for x in partners),
        "innovation_type": p.innovation_type,
        "innovation_type_label": s.label("innovation_type", p.innovation_type),
        "stage": p.stage or "",
        "stage_label": s.label("stage", p.stage),
        "progress": p.progress,
        "start": p.start,
        "end": p.end,
        "years": s.fmt.year_range(p.start, p.end),
        "fixed": p.fixed,
        "horizon": horizon,
        "horizon_label": s.t(f"horizon.{horizon}"),
        "quick_win": p.quick_win,
        "budget_total": p.total_budget,
        "budget_lines": budget_lines,
        "budget_sources": sources,
        "budget_years": years,
        "budget_by_year": [{"year": y, "amount": by_year[y]} for y in sorted(by_year)],
        "first_year_budget": by_year.get(s.info.period_start, 0),
        "indicators": indicators,
        "depends_on": [],  # filled by ProgramViews once every program exists
        "sheet_number": 0,  # its number in the appendix, filled with depends_on
        "rpjmd": rpjmd,
        "renstra": renstra,
        "answers": list(p.answers),
        "risks": risks,
        "sustainability": sustainability,
        "rank": ranked.rank if ranked else None,
        "score": ranked.score if ranked else None,
    }
