"""Years: the plan period is 5 to 10 years and programs stay inside it."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.domain import MAX_PERIOD_YEARS, MIN_PERIOD_YEARS, horizon_for
from smartplan.i18n import lazy
from smartplan.problem import Hit


@rule("T001", "years.period")
def period(ctx: PlanContext) -> Iterator[Hit]:
    """
    The plan period is not 5 to 10 years, or a program's years fall outside it or run backwards.

    A master plan covers 5 to 10 years (both ends counted). Each program
    runs from years.start to years.end inside that period, end ≥ start.

    Failing: in a 2023–2032 plan

        years: {start: 2031, end: 2034}

    Passing:

        years: {start: 2031, end: 2032}
    """
    info = ctx.info
    if info is None:
        return
    length = info.period_end - info.period_start + 1
    if not MIN_PERIOD_YEARS <= length <= MAX_PERIOD_YEARS:
        yield Hit(
            info.source.file,
            "/period",
            lazy(
                "the period %(period_start)s–%(period_end)s covers %(length)s years; a master plan "
                "covers %(min_period_years)s to %(max_period_years)s",
                period_start=info.period_start,
                period_end=info.period_end,
                length=length,
                min_period_years=MIN_PERIOD_YEARS,
                max_period_years=MAX_PERIOD_YEARS,
            ),
        )
    for program in ctx.programs:
        if program.end < program.start:
            yield Hit(
                program.source.file,
                "/years/end",
                lazy(
                    "ends in %(end)s, before it starts in %(start)s",
                    end=program.end,
                    start=program.start,
                ),
            )
            continue
        if program.start < info.period_start or program.start > info.period_end:
            yield Hit(
                program.source.file,
                "/years/start",
                lazy(
                    "starts in %(start)s, outside the plan period %(period_start)s–%(period_end)s",
                    start=program.start,
                    period_start=info.period_start,
                    period_end=info.period_end,
                ),
            )
        if program.end > info.period_end or program.end < info.period_start:
            yield Hit(
                program.source.file,
                "/years/end",
                lazy(
                    "ends in %(end)s, outside the plan period %(period_start)s–%(period_end)s",
                    end=program.end,
                    period_start=info.period_start,
                    period_end=info.period_end,
                ),
            )


@rule("T002", "years.horizon")
def horizon(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program's declared horizon disagrees with its years.

    Counted from the plan's first year by the program's end year: short
    ends in the first year, medium within the first five years, long later.

    Failing: in a 2023–2032 plan

        years: {start: 2023, end: 2026}
        horizon: short

    Passing:

        years: {start: 2023, end: 2026}
        horizon: medium
    """
    info = ctx.info
    if info is None:
        return
    for program in ctx.programs:
        if program.horizon is None or program.end < program.start:
            continue
        expected = horizon_for(program.end, info.period_start)
        if expected != program.horizon:
            yield Hit(
                program.source.file,
                "/horizon",
                lazy(
                    "horizon %(horizon)r disagrees with years %(start)s–%(end)s, which make it "
                    "%(expected)r",
                    horizon=program.horizon,
                    start=program.start,
                    end=program.end,
                    expected=expected,
                ),
                lazy("write horizon: %(expected)s, or change the years", expected=expected),
            )
