"""``smartplan evaluate``: one year's achievement, budget realisation and evaluation index."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import PlanDirArgument, handle_errors
from smartplan.cli.options import LangOption
from smartplan.i18n import N_, _


class EvaluateFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class CsvStyle(StrEnum):
    standard = "standard"
    excel_id = "excel-id"


@handle_errors
def evaluate(
    plan_dir: PlanDirArgument = None,
    year: Annotated[
        int, typer.Option("--year", "-y", help=N_("The year to evaluate."), show_default=False)
    ] = ...,  # type: ignore[assignment]
    output_format: Annotated[
        EvaluateFormat,
        typer.Option("--format", "-f", help=N_("Output format: table, json or csv.")),
    ] = EvaluateFormat.table,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            "-e",
            metavar="PROGRAM_ID",
            help=N_("Show the arithmetic behind one program's figures."),
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
    ] = CsvStyle.standard,
    lang: LangOption = None,
) -> None:
    """Evaluate one year of the plan from its actuals in monitoring/<year>/.

    Indicator achievement by direction, the Permendagri 86 columns for
    indicators and rupiah, budget realisation by program, pillar, agency,
    source and quarter, rating bands, and the ministry's index. The plan is
    validated first: errors outside monitoring/ refuse it (exit 1); broken
    monitoring files are left out and listed.
    """
    from smartplan.cli.monitoring import load_monitored, note_problems
    from smartplan.errors import UsageError
    from smartplan.monitor.evaluate import evaluate as evaluate_year
    from smartplan.report import evaluate as reporters
    from smartplan.text import did_you_mean

    folder = plan_dir if plan_dir is not None else Path.cwd()
    loaded = load_monitored(folder, year)
    info = loaded.plan.info
    assert info is not None
    result = evaluate_year(loaded.plan, year, loaded.unreadable)
    if explain is not None and result.program(explain) is None:
        ids = [p.id for p in result.programs]
        raise UsageError(
            _("no program %(id)r is scheduled or reported in %(year)s")
            % {"id": explain, "year": year},
            did_you_mean(explain, ids)
            or _("run smartplan evaluate %(plan)s --year %(year)s")
            % {"plan": folder, "year": year},
        )
    note_problems(loaded, folder)
    if year not in loaded.plan.monitoring.years:
        sys.stderr.write(
            _(
                "note: no actuals recorded for %(year)s (monitoring/%(year)s/); "
                "smartplan monitor new %(plan)s --year %(year)s writes the files to fill in"
            )
            % {"year": year, "plan": folder}
            + "\n"
        )
    if output_format is EvaluateFormat.json:
        reporters.write_json(result, sys.stdout, explain)
    elif output_format is EvaluateFormat.csv:
        buffer = __import__("io").StringIO()
        reporters.write_csv(result, buffer, decimal_comma=csv_style is CsvStyle.excel_id)
        data = buffer.getvalue().encode("utf-8-sig")
        stream = getattr(sys.stdout, "buffer", None)
        if stream is not None:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        else:  # pragma: no cover - text-only stdout
            sys.stdout.write(data.decode("utf-8"))
    else:
        document = info.language if info.language in ("id", "en") else "id"
        reporters.write_table(result, sys.stdout, lang=document, explain_id=explain)
