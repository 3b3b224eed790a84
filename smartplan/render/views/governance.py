"""Chapter Tata Kelola: who leads and who partners in what, and the pentahelix matrix."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

from smartplan.domain import PENTAHELIX_ROLES
from smartplan.render.views.programs import ProgramView
from smartplan.render.views.scope import Scope, casefold_key


class AgencyView(TypedDict):
    id: str
    short: str
    name: str
    description: str
    lead: list[ProgramView]
    partner: list[ProgramView]


class RoleView(TypedDict):
    code: str
    label: str


class MatrixRowView(TypedDict):
    program: ProgramView
    cells: list[list[str]]


class RoleCount(TypedDict):
    code: str
    label: str
    count: int


class AgencyBudget(TypedDict):
    """The indicative budget of the programs one agency leads."""

    short: str
    name: str
    programs: int
    amount: int
    #: share of the plan's total, exact and rounded once (half up) to 0.1 %
    share: Decimal


class GovernanceView(TypedDict):
    agencies: list[AgencyView]
    roles: list[RoleView]
    matrix: list[MatrixRowView]
    role_counts: list[RoleCount]
    budget_by_agency: list[AgencyBudget]


def governance(s: Scope, programs: list[ProgramView]) -> GovernanceView:
    """Every agency with the programs it leads and partners in; roles per program."""
    lead: dict[str, list[ProgramView]] = {}
    partner: dict[str, list[ProgramView]] = {}
    for view in programs:
        lead.setdefault(view["lead"]["id"], []).append(view)
        program = s.plan.programs[view["id"]]
        for agency_id in sorted({x.agency for x in program.partners if x.agency}):
            if agency_id != view["lead"]["id"]:
                partner.setdefault(agency_id, []).append(view)
    agency_ids = sorted(
        set(s.plan.agencies) | set(lead) | set(partner),
        key=lambda a: (casefold_key(s.agency(a)["short"]), a),
    )
    agencies: list[AgencyView] = []
    for agency_id in agency_ids:
        info = s.agency(agency_id)
        agency = s.plan.agencies.get(agency_id)
        agencies.append(
            {
                **info,
                "description": s.tx(
                    agency.description if agency else None,
                    "agencies.yaml",
                    f"/agencies/{s.agency_index.get(agency_id, 0)}/description",
                ),
                "lead": lead.get(agency_id, []),
                "partner": partner.get(agency_id, []),
            }
        )
    roles: list[RoleView] = [{"code": r, "label": s.t(f"role.{r}")} for r in PENTAHELIX_ROLES]
    matrix: list[MatrixRowView] = []
    for view in programs:
        cells = []
        for role in PENTAHELIX_ROLES:
            names = [x["name"] for x in view["partners"] if x["role"] == role]
            if role == "pemerintah":
                names = [view["lead"]["short"], *[n for n in names if n != view["lead"]["short"]]]
            cells.append(names)
        matrix.append({"program": view, "cells": cells})
    role_counts: list[RoleCount] = [
        {"code": r["code"], "label": r["label"], "count": sum(1 for m in matrix if m["cells"][i])}
        for i, r in enumerate(roles)
    ]
    total = sum(view["budget_total"] for view in programs)
    by_agency: list[AgencyBudget] = []
    for listed in agencies:
        amount = sum(view["budget_total"] for view in listed["lead"])
        if not listed["lead"]:
            continue
        share = (Decimal(amount) / Decimal(total)) if total else Decimal(0)
        by_agency.append(
            {
                "short": listed["short"],
                "name": listed["name"],
                "programs": len(listed["lead"]),
                "amount": amount,
                "share": share.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP),
            }
        )
    by_agency.sort(key=lambda row: (-row["amount"], casefold_key(row["short"])))
    return {
        "agencies": agencies,
        "roles": roles,
        "matrix": matrix,
        "role_counts": role_counts,
        "budget_by_agency": by_agency,
    }
