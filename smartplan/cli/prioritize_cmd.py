"""``smartplan prioritize``: rank programs, check quick wins, test stability, fit the budget.

Its output formats (table, json, csv) live in :mod:`smartplan.report.prioritize`.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from smartplan.cli.common import PlanDirArgument, handle_errors
from smartplan.cli.localized import formatted_help
from smartplan.cli.options import (
    ColorOption,
    LangOption,
    QuietOption,
    choices,
    format_choices,
    use_color,
)
from smartplan.domain import (
    EMPHASIS_MODES,
    MONTE_CARLO_DRAWS,
    MONTE_CARLO_SEED,
    MONTE_CARLO_SPREAD,
    PILLARS,
    RI_TABLES,
)
from smartplan.i18n import N_, lazy, ngettext
from smartplan.report import CSV_STYLES, formats

# The choices are built at run time from the registry and the domain lists;
# to the type checker each is a StrEnum (typer reads the real members).
if TYPE_CHECKING:
    PrioritizeFormat = StrEnum
    PillarChoice = StrEnum
    RiTableChoice = StrEnum
    CsvStyle = StrEnum
    EmphasisChoice = StrEnum
else:
    PrioritizeFormat = format_choices("PrioritizeFormat", "prioritize")
    PillarChoice = choices("PillarChoice", PILLARS)
    RiTableChoice = choices("RiTableChoice", RI_TABLES)
    CsvStyle = choices("CsvStyle", CSV_STYLES)
    EmphasisChoice = choices("EmphasisChoice", EMPHASIS_MODES)
_DEFAULT_FORMAT = PrioritizeFormat("table")
_DEFAULT_CSV_STYLE = CsvStyle("standard")
_FORMATS = ", ".join(formats("prioritize")[:-1]) + " or " + formats("prioritize")[-1]

DEFAULT_TOP = 10


@handle_errors
def prioritize(
    plan_dir: PlanDirArgument = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            "-n",
            min=1,
            metavar="N",
            help=formatted_help(
                lazy(
                    "Size of the shortlist: rows shown, and the top N the sensitivity check "
                    "watches. Default: %(top)s (json and csv then list every program).",
                    top=DEFAULT_TOP,
                )
            ),
            show_default=False,
        ),
    ] = None,
    pillar: Annotated[
        PillarChoice | None,
        typer.Option(
            "--pillar",
            "-p",
            help=N_("Show only this pillar's programs (ranks stay those of the whole plan)."),
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            "-e",
            metavar="PROGRAM_ID",
            help=N_("Show the arithmetic behind one program's score."),
            show_default=False,
        ),
    ] = None,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help=N_(
                "Move every criterion weight, pillar weight and the priority boost by ±10 % "
                "and ±20 % and report how stable the top N is, with the change at which it first "
                "moves; then a seeded Monte Carlo over all weights at once."
            ),
        ),
    ] = False,
    draws: Annotated[
        int,
        typer.Option(
            "--draws",
            min=0,
            max=1_000_000,
            metavar="N",
            help=N_("Monte Carlo draws of --sensitivity (0: none)."),
        ),
    ] = MONTE_CARLO_DRAWS,
    seed: Annotated[
        int,
        typer.Option(
            "--seed", metavar="N", help=N_("Seed of the Monte Carlo draws (reproducible).")
        ),
    ] = MONTE_CARLO_SEED,
    spread: Annotated[
        float,
        typer.Option(
            "--spread",
            min=0.0,
            max=99.0,
            metavar="PERCENT",
            help=N_("How far each Monte Carlo draw moves every weight, in per cent either way."),
        ),
    ] = MONTE_CARLO_SPREAD * 100,
    emphasis: Annotated[
        EmphasisChoice | None,
        typer.Option(
            "--emphasis",
            help=N_(
                "Pillar emphasis instead of the plan's: factor (score × pillar weight ÷ "
                "largest), bonus (score + points × that) or none."
            ),
            show_default=False,
        ),
    ] = None,
    schedule: Annotated[
        bool,
        typer.Option(
            "--schedule",
            help=N_("Choose start years under the plan's yearly budget ceilings."),
        ),
    ] = False,
    output_format: Annotated[
        PrioritizeFormat,
        typer.Option(
            "--format",
            "-f",
            help=formatted_help(lazy("Output format: %(formats)s.", formats=_FORMATS)),
        ),
    ] = _DEFAULT_FORMAT,
    ri_table: Annotated[
        RiTableChoice | None,
        typer.Option(
            "--ri-table",
            help=N_("AHP random-index table, overriding the plan's: saaty or donegan-dodd."),
            show_default=False,
        ),
    ] = None,
    csv_style: Annotated[
        CsvStyle,
        typer.Option(
            "--csv-style",
            help=N_(
                "standard: commas and decimal points; excel-id: semicolons and decimal "
                "commas, for Excel with Indonesian regional settings. Both UTF-8 with BOM."
            ),
        ),
    ] = _DEFAULT_CSV_STYLE,
    color: ColorOption = None,
    quiet: QuietOption = False,
    lang: LangOption = None,
) -> None:
    """Rank the plan's programs by the scoring setup in plan.yaml (validates the plan first).

    Shows the criteria and pillar weights (with the AHP consistency ratio),
    the ranking, and the quick-win grid; --explain, --sensitivity and
    --schedule add the arithmetic of one score, the stability of the top N,
    and a roadmap under the budget ceilings. An invalid plan is refused with
    its problems listed (exit 1), as is an AHP matrix with CR > 0.10.
    """
    from smartplan.cli.common import load_valid_plan
    from smartplan.cli.progress import Activity
    from smartplan.prioritize import prioritize as rank_plan
    from smartplan.prioritize import sensitivity as weigh_stability
    from smartplan.prioritize.exact import plan_roadmap
    from smartplan.prioritize.result import PrioritizeResult, find_program, shown_programs
    from smartplan.report import get_reporter

    folder = plan_dir if plan_dir is not None else Path.cwd()
    plan = load_valid_plan(folder, quiet=quiet, color=color)
    n_top = top if top is not None else DEFAULT_TOP
    count = len(plan.programs)
    if schedule:
        work = ngettext("scheduling: %(n)s program", "scheduling: %(n)s programs", count)
    elif sensitivity:
        work = ngettext(
            "testing the weights: %(n)s program", "testing the weights: %(n)s programs", count
        )
    else:
        work = ngettext("ranking: %(n)s program", "ranking: %(n)s programs", count)
    busy = Activity(work % {"n": f"{count:,}"}, quiet=quiet)
    ranking = rank_plan(
        plan,
        top=n_top,
        ri_table=ri_table.value if ri_table else None,
        emphasis=emphasis.value if emphasis else None,
    )
    explained = find_program(ranking, explain, str(folder)) if explain is not None else None
    # the table lists the shortlist; json and csv every program unless --top is given
    limit = n_top if output_format == "table" else top
    result = PrioritizeResult(
        plan=plan,
        ranking=ranking,
        shown=shown_programs(ranking, pillar.value if pillar else None, limit),
        explained=explained,
        sensitivity=weigh_stability(ranking, draws=draws, seed=seed, spread=spread / 100)
        if sensitivity
        else None,
        roadmap=plan_roadmap(plan, ranking) if schedule else None,
        pillar=pillar.value if pillar else None,
    )
    busy.stop()
    options: dict[str, object] = {"style": csv_style.value} if output_format == "csv" else {}
    if output_format == "table":
        options["color"] = use_color(sys.stdout, color)
    get_reporter("prioritize", output_format.value)(result, sys.stdout, **options)
