"""Chapter Anggaran: spending per pillar and per source, against the ceilings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from markupsafe import Markup

from smartplan.model import BudgetLine, Program
from smartplan.render import charts
from smartplan.render.views.scope import Scope, source_order


class BudgetRow(TypedDict):
    code: str
    label: str
    cells: list[int]
    total: int


class BudgetTable(TypedDict):
    rows: list[BudgetRow]
    totals: list[int]
    grand_total: int


class CeilingsView(TypedDict):
    cells: list[int | None]
    total: int
    over: list[bool]


class BudgetView(TypedDict):
    years: list[int]
    by_pillar: BudgetTable
    by_source: BudgetTable
    ceilings: CeilingsView | None
    chart: Markup


def budget(s: Scope) -> BudgetView:
    """Yearly amounts by pillar and by funding source, the ceilings, and the chart."""
    programs = list(s.plan.programs.values())
    years = sorted(set(s.years) | {b.year for p in programs for b in p.budget})
    index = {y: i for i, y in enumerate(years)}

    def table(
        keys: list[str],
        key_of: Callable[[Program, BudgetLine], str],
        label_of: Callable[[str], str],
    ) -> BudgetTable:
        cells = {k: [0] * len(years) for k in keys}
        for p in programs:
            for line in p.budget:
                k = key_of(p, line)
                if k not in cells:
                    cells[k] = [0] * len(years)
                    keys.append(k)
                cells[k][index[line.year]] += line.amount
        rows: list[BudgetRow] = [
            {"code": k, "label": label_of(k), "cells": cells[k], "total": sum(cells[k])}
            for k in keys
        ]
        totals = [sum(r["cells"][i] for r in rows) for i in range(len(years))]
        return {"rows": rows, "totals": totals, "grand_total": sum(totals)}

    by_pillar = table(list(s.pillar_codes), lambda p, line: p.pillar, s.pillar_name)
    used_sources = sorted({b.source for p in programs for b in p.budget}, key=source_order)
    by_source = table(used_sources, lambda p, line: line.source, s.source_label)
    ceilings: CeilingsView | None = None
    if s.info.budget_ceilings:
        cells = [s.info.budget_ceilings.get(y) for y in years]
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
    desc = s.t(
        "chart.budget_desc",
        total=s.fmt.rupiah_compact(by_pillar["grand_total"]),
        years="; ".join(
            f"{y}: {s.fmt.rupiah_compact(t)}"
            for y, t in zip(years, by_pillar["totals"], strict=True)
        ),
    )
    chart = charts.budget_chart(
        "chart-budget",
        years,
        series,
        title=s.t("chart.budget_title"),
        desc=desc,
        money=s.fmt.rupiah_compact,
    )
    return {
        "years": years,
        "by_pillar": by_pillar,
        "by_source": by_source,
        "ceilings": ceilings,
        "chart": Markup(chart),
    }
