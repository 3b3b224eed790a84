"""Shared by the monitoring commands: load a plan whose actuals may be partly broken,
and render the yearly monev report for ``smartplan render --report monev``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from smartplan.cli.common import EXIT_PROBLEMS
from smartplan.i18n import _, ngettext

if TYPE_CHECKING:
    from smartplan.monitor.load import LoadedPlan


def load_monitored(folder: Path, year: int | None = None) -> LoadedPlan:
    """Validate ``folder``; refuse it (exit 1) for errors outside monitoring/.

    With ``year``, also refuse a year outside the plan period (exit 2).
    """
    from smartplan.cli.common import loading, plan_has_errors
    from smartplan.errors import UsageError
    from smartplan.monitor.load import load_plan
    from smartplan.report import get_reporter
    from smartplan.report.validate import RunSummary

    with loading():
        loaded = load_plan(folder)
    if loaded.plan_errors:
        sys.stderr.write(plan_has_errors(folder))
        run = RunSummary(plans=1, files=loaded.result.files_checked)
        get_reporter("validate", "text")(loaded.plan_errors, run, sys.stderr, False)
        raise typer.Exit(EXIT_PROBLEMS)
    if loaded.plan.info is None:  # plan.yaml's errors hidden by a suppression: say so
        loaded.result.require_usable()
    info = loaded.plan.info
    assert info is not None  # a plan without errors has its plan.yaml
    if year is not None and not info.period_start <= year <= info.period_end:
        raise UsageError(
            _("%(year)s lies outside the plan period %(start)s–%(end)s")
            % {"year": year, "start": info.period_start, "end": info.period_end},
            _("give a year of the plan period with --year"),
        )
    return loaded


def note_problems(loaded: LoadedPlan, folder: Path) -> None:
    """One line on stderr when the actuals have problems (validate lists them)."""
    count = len(loaded.monitoring_problems)
    if count:
        sys.stderr.write(
            ngettext(
                "note: %(n)d problem in the actuals under monitoring/; "
                "smartplan validate %(plan)s lists it",
                "note: %(n)d problems in the actuals under monitoring/; "
                "smartplan validate %(plan)s lists them",
                count,
            )
            % {"n": count, "plan": folder}
            + "\n"
        )


def render_monev_report(
    folder: Path,
    year: int | None,
    formats: tuple[str, ...],
    lang: str | None,
    out: Path | None,
    templates: Path | None,
) -> None:
    """``smartplan render --report monev --year Y``: write the yearly monev report."""
    from smartplan.errors import UsageError
    from smartplan.monitor.evaluate import evaluate
    from smartplan.render.monev import render_monev

    if year is None:
        raise UsageError(_("the monev report needs a year"), _("add --year, e.g. --year 2024"))
    loaded = load_monitored(folder, year)
    info = loaded.plan.info
    assert info is not None
    language = lang if lang is not None else info.language
    result = evaluate(loaded.plan, year, loaded.unreadable)
    note_problems(loaded, folder)
    written = render_monev(
        loaded.plan,
        result,
        formats=formats,
        lang=language,
        out_dir=out if out is not None else folder / "build",  # beside the plan, like render
        templates_dir=templates,
    )
    for path in written.paths:
        typer.echo(_("wrote %(file)s") % {"file": path})
    if written.fallbacks:
        count = len(written.fallbacks)
        sys.stderr.write(
            ngettext(
                "note: %(n)d text has no English and is shown in Indonesian:",
                "note: %(n)d texts have no English and are shown in Indonesian:",
                count,
            )
            % {"n": count}
            + "\n"
        )
        for fallback in written.fallbacks:
            sys.stderr.write(f"  {folder / fallback.file}#{fallback.pointer}\n")
