"""Indicators: targets inside the program's years, moving the declared way."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.i18n import lazy
from smartplan.problem import Hit

#: the directions as the message says them ("does not increase from the baseline")
_DIRECTIONS = {
    "increase": lazy("increase"),
    "decrease": lazy("decrease"),
    "maintain": lazy("stay level"),
}


@rule("I001", "indicators.years")
def target_years(ctx: PlanContext) -> Iterator[Hit]:
    """
    An indicator target lies outside the program's years, or the baseline comes after the start.

    Failing:

        years: {start: 2024, end: 2025}
        indicators:
          - id: umkm-digital
            baseline: {year: 2023, value: 50}
            targets: {2024: 100, 2027: 300}

    Passing:

        years: {start: 2024, end: 2027}
        indicators:
          - id: umkm-digital
            baseline: {year: 2023, value: 50}
            targets: {2024: 100, 2027: 300}
    """
    for program in ctx.programs:
        for index, indicator in enumerate(program.indicators):
            base = f"/indicators/{index}"
            for year in sorted(indicator.targets):
                if not program.start <= year <= program.end:
                    yield Hit(
                        program.source.file,
                        f"{base}/targets/{year}",
                        lazy(
                            "target for %(year)s lies outside the program's years "
                            "%(start)s–%(end)s",
                            year=year,
                            start=program.start,
                            end=program.end,
                        ),
                        key=True,
                    )
            if indicator.baseline_year is not None and indicator.baseline_year > program.start:
                yield Hit(
                    program.source.file,
                    f"{base}/baseline/year",
                    lazy(
                        "baseline year %(baseline_year)s comes after the program starts in "
                        "%(start)s",
                        baseline_year=indicator.baseline_year,
                        start=program.start,
                    ),
                    lazy("the baseline is the situation before the program"),
                )


@rule("I002", "indicators.direction")
def direction(ctx: PlanContext) -> Iterator[Hit]:
    """
    An indicator's targets do not move in its declared direction from the baseline.

    increase: each target ≥ the baseline and the target before it;
    decrease: each ≤; maintain: each equal to the baseline.

    Failing:

        direction: decrease
        baseline: {year: 2023, value: 120}
        targets: {2024: 100, 2025: 130}

    Passing:

        direction: decrease
        baseline: {year: 2023, value: 120}
        targets: {2024: 100, 2025: 80}
    """
    for program in ctx.programs:
        for index, indicator in enumerate(program.indicators):
            previous = indicator.baseline_value
            label = lazy("the baseline")
            for year in sorted(indicator.targets):
                value = indicator.targets[year]
                if previous is not None:
                    bad = (
                        (indicator.direction == "increase" and value < previous)
                        or (indicator.direction == "decrease" and value > previous)
                        or (indicator.direction == "maintain" and value != previous)
                    )
                    if bad:
                        yield Hit(
                            program.source.file,
                            f"/indicators/{index}/targets/{year}",
                            lazy(
                                "target %(value)s for %(year)s does not %(direction)s from "
                                "%(label)s (%(previous)s)",
                                value=f"{value:g}",
                                year=year,
                                direction=_DIRECTIONS.get(indicator.direction, indicator.direction),
                                label=label,
                                previous=f"{previous:g}",
                            ),
                            lazy("check the value, or the indicator's direction"),
                        )
                previous, label = value, lazy("the %(year)s target", year=year)
