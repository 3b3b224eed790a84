"""Quick wins: delivered within the first year, owned by one agency, measured."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.i18n import lazy
from smartplan.model import check_quick_win
from smartplan.problem import Hit, Severity


@rule("Q001", "quickwin.first-year")
def first_year(ctx: PlanContext) -> Iterator[Hit]:
    """
    A quick win does not run within one fiscal year, the plan's first.

    Kominfo counts as quick wins the programs delivered within the first
    year of the plan ("big impact in a short time").

    Failing: in a 2023–2032 plan

        quick_win: true
        years: {start: 2023, end: 2024}

    Passing:

        quick_win: true
        years: {start: 2023, end: 2023}
    """
    info = ctx.info
    if info is None:
        return
    first = info.period_start
    for program in ctx.programs:
        if program.quick_win and not check_quick_win(program, first).within_first_year:
            yield Hit(
                program.source.file,
                "/years",
                lazy(
                    "a quick win runs within %(first)s only; this one runs %(start)s–%(end)s",
                    first=first,
                    start=program.start,
                    end=program.end,
                ),
                lazy(
                    "set years to {start: %(first)s, end: %(first)s} or drop quick_win", first=first
                ),
                key=True,
            )


@rule("Q002", "quickwin.indicator")
def indicator(ctx: PlanContext) -> Iterator[Hit]:
    """
    A quick win has no indicator, so nobody can show it was delivered.

    Failing:

        quick_win: true
        indicators: []

    Passing:

        quick_win: true
        indicators:
          - id: titik-wifi
            name: Titik wifi publik aktif
            type: output
            unit: titik
            direction: increase
            targets: {2023: 10}
    """
    # Whether it is measured does not depend on the period, so Q002 runs even
    # when plan.yaml is broken; the year passed then is never compared.
    info = ctx.info
    first = info.period_start if info is not None else 0
    for program in ctx.programs:
        if program.quick_win and not check_quick_win(program, first).has_indicator:
            yield Hit(
                program.source.file,
                "/quick_win",
                lazy("a quick win needs at least one indicator"),
                lazy("add an output indicator with a target for the first year"),
                key=True,
            )


@rule("Q003", "quickwin.owner")
def owner(ctx: PlanContext) -> Iterator[Hit]:
    """
    A quick win names its lead agency again among its partners, so ownership is blurred.

    A quick win is owned by exactly one agency: lead_agency. The same
    agency listed as a partner reads as a shared lead.

    Failing:

        quick_win: true
        lead_agency: diskominfo
        partners:
          - {role: pemerintah, agency: diskominfo}

    Passing:

        quick_win: true
        lead_agency: diskominfo
        partners:
          - {role: pemerintah, agency: bappeda}
    """
    for program in ctx.programs:
        if not program.quick_win:
            continue
        for index, partner in enumerate(program.partners):
            if partner.agency == program.lead_agency:
                yield Hit(
                    program.source.file,
                    f"/partners/{index}/agency",
                    lazy(
                        "the lead agency %(lead_agency)r is also listed as a partner",
                        lead_agency=program.lead_agency,
                    ),
                    lazy("a quick win has one owner; remove it from partners"),
                )


@rule("Q004", "quickwin.per-pillar", Severity.WARNING)
def per_pillar(ctx: PlanContext) -> Iterator[Hit]:
    """
    A pillar has no quick win, so the first year shows nothing in that dimension.

    Kominfo's guide expects about one quick win per dimension. The rule runs
    once the plan has its per-dimension analysis (analysis/), the part of the
    document that asks for each dimension's first answer; turn it off or
    raise it in smartplan.yaml (``rules: {Q004: off}``).

    Failing: no program of the environment pillar has quick_win: true

    Passing: in programs/environment/env-bank-sampah.yaml

        quick_win: true
        years: {start: 2023, end: 2023}
    """
    # an unparsed program may be the pillar's quick win
    if not ctx.plan.analyses or ctx.plan.unparsed_program_ids:
        return
    with_quick_win = {p.pillar for p in ctx.programs if p.quick_win}
    folders = set(ctx.plan.program_folders.values())
    for code, pillar in sorted(ctx.plan.pillars.items()):
        if code not in with_quick_win and code in folders:
            yield Hit(
                pillar.source.file,
                "/code",
                lazy("pillar %(code)s has no quick win", code=code),
                lazy("mark one program delivered in the plan's first year as quick_win: true"),
            )
