"""``smartplan monitor new``: write a year's report files, pre-filled from the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import PlanDirArgument, handle_errors
from smartplan.cli.localized import LocalizedCommand, LocalizedGroup
from smartplan.cli.options import LangOption
from smartplan.i18n import N_, _, ngettext

app = typer.Typer(
    name="monitor",
    cls=LocalizedGroup,
    help=N_("Record each year's actuals under monitoring/<year>/."),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


@app.command("new", cls=LocalizedCommand)
@handle_errors
def new(
    plan_dir: PlanDirArgument = None,
    year: Annotated[
        int, typer.Option("--year", "-y", help=N_("The year to report."), show_default=False)
    ] = ...,  # type: ignore[assignment]
    lang: LangOption = None,
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
            _("cannot write into %(folder)s: %(reason)s")
            % {"folder": folder / "monitoring" / str(year), "reason": exc.strerror or exc},
            _("check the folder's permissions"),
        ) from None
    for rel in result.written:
        typer.echo(_("wrote %(file)s") % {"file": folder / rel})
    if result.skipped:
        count = len(result.skipped)
        typer.echo(
            ngettext(
                "kept %(n)d existing file unchanged", "kept %(n)d existing files unchanged", count
            )
            % {"n": count}
        )
    if not result.written and not result.skipped:
        typer.echo(_("no program is scheduled in %(year)s") % {"year": year})
