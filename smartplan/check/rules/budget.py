"""Budgets: lines inside the program's years, and each year within its ceiling."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.i18n import lazy
from smartplan.problem import Hit, Severity
from smartplan.text import rupiah


@rule("B001", "budget.year")
def line_years(ctx: PlanContext) -> Iterator[Hit]:
    """
    A budget line falls in a year the program does not run.

    Failing:

        years: {start: 2024, end: 2025}
        budget:
          - {year: 2026, amount: 300000000, source: APBD}

    Passing:

        years: {start: 2024, end: 2026}
        budget:
          - {year: 2026, amount: 300000000, source: APBD}
    """
    for program in ctx.programs:
        for index, line in enumerate(program.budget):
            if not program.start <= line.year <= program.end:
                yield Hit(
                    program.source.file,
                    f"/budget/{index}/year",
                    lazy(
                        "budget line for %(year)s lies outside the program's years "
                        "%(start)s–%(end)s",
                        year=line.year,
                        start=program.start,
                        end=program.end,
                    ),
                )


@rule("B002", "budget.ceiling")
def ceilings(ctx: PlanContext) -> Iterator[Hit]:
    """
    The programs of one year need more than that year's budget ceiling.

    plan.yaml may declare budget_ceilings per year; the budget lines of all
    programs in a year must fit under it. The message names the biggest
    spenders of that year.

    Failing:

        budget_ceilings: {2024: 10000000000}
        # while the programs' lines for 2024 add up to Rp12.500.000.000

    Passing:

        budget_ceilings: {2024: 13000000000}
    """
    info = ctx.info
    if info is None or not info.budget_ceilings:
        return
    totals = ctx.plan.planned_budget_by_year()
    spenders: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for program in ctx.programs:
        for year, amount in program.budget_by_year().items():
            spenders[year].append((amount, program.id))
    for year, ceiling in sorted(info.budget_ceilings.items()):
        total = totals.get(year, 0)
        if total > ceiling:
            top = sorted(spenders[year], key=lambda item: (-item[0], item[1]))[:3]
            names = ", ".join(f"{pid} ({rupiah(amount)})" for amount, pid in top)
            yield Hit(
                info.source.file,
                f"/budget_ceilings/{year}",
                lazy(
                    "programs need %(total)s in %(year)s, over the ceiling of %(ceiling)s by "
                    "%(value)s",
                    total=rupiah(total),
                    year=year,
                    ceiling=rupiah(ceiling),
                    value=rupiah(total - ceiling),
                ),
                lazy("largest in %(year)s: %(names)s", year=year, names=names),
            )


@rule("B003", "budget.ceiling-year", Severity.WARNING)
def ceiling_years(ctx: PlanContext) -> Iterator[Hit]:
    """
    A budget ceiling is given for a year outside the plan period.

    Failing: in a 2023–2032 plan

        budget_ceilings: {2033: 20000000000}

    Passing:

        budget_ceilings: {2032: 20000000000}
    """
    info = ctx.info
    if info is None:
        return
    for year in sorted(info.budget_ceilings):
        if not info.period_start <= year <= info.period_end:
            yield Hit(
                info.source.file,
                f"/budget_ceilings/{year}",
                lazy(
                    "ceiling for %(year)s lies outside the plan period "
                    "%(period_start)s–%(period_end)s",
                    year=year,
                    period_start=info.period_start,
                    period_end=info.period_end,
                ),
                key=True,
            )
