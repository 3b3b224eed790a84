"""``smartplan monitor new``: write a year's report files, pre-filled from the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import PlanDirArgument, handle_errors

app = typer.Typer(
    name="monitor",
    help="Record each year's actuals under monitoring/<year>/.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.command("new")
@handle_errors
def new(
    plan_dir: PlanDirArgument = None,
    year: Annotated[
        int, typer.Option("--year", "-y", help="The year to report.", show_default=False)
    ] = ...,  # type: ignore[assignment]
) -> None:
    """Write monitoring/<year>/<program-id>.yaml for every program scheduled that year.

    Each file holds the year's ceilings and targets and leaves the
    realisations to fill in; _tahun.yaml carries the foundation over from
    last year. Existing files are never overwritten (they are listed as kept).
    """
    from smartplan.cli.monitoring import load_monitored
    from smartplan.errors import UsageError
    from smartplan.monitor.scaffold import new_year

    folder = plan_dir if plan_dir is not None else Path.cwd()
    loaded = load_monitored(folder, year)
    try:
        result = new_year(loaded.plan, folder, year)
    except OSError as exc:
        raise UsageError(
            f"cannot write into {folder / 'monitoring' / str(year)}: {exc.strerror or exc}",
            "check the folder's permissions",
        ) from None
    for rel in result.written:
        typer.echo(f"wrote {folder / rel}")
    if result.skipped:
        count = len(result.skipped)
        typer.echo(f"kept {count} existing file{'s' if count != 1 else ''} unchanged")
    if not result.written and not result.skipped:
        typer.echo(f"no program is scheduled in {year}")
