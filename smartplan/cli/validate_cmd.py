"""``smartplan validate``: check plans and report every problem at its place."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from smartplan.check.engine import ValidationResult

from smartplan.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    default_plan_dirs,
    fail,
    handle_errors,
    loading,
)
from smartplan.cli.options import format_choices, use_color

# The choices are built at run time from the registry and the domain lists;
# to the type checker each is a StrEnum (typer reads the real members).
if TYPE_CHECKING:
    OutputFormat = StrEnum
else:
    OutputFormat = format_choices("OutputFormat", "validate")


@handle_errors
def validate(
    plan_dirs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PLAN_DIR",
            help="Plan folders (each holding plan.yaml). Default: the current folder.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: text, or github inside GitHub Actions.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (exit 1) on warnings too.")
    ] = False,
    max_problems: Annotated[
        int | None,
        typer.Option(
            "--max-problems",
            min=0,
            metavar="N",
            help="Show at most N problems in detail, then counts by rule and file.",
            show_default=False,
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            dir_okay=False,
            help="Baseline file of known problems to hide. "
            "Default: PLAN_DIR/.smartplan-baseline.json when it exists.",
            show_default=False,
        ),
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help="Report every problem, ignoring the baseline.")
    ] = False,
    write_baseline: Annotated[
        bool,
        typer.Option(
            "--write-baseline",
            help="Record the current problems in the baseline file (one per plan) "
            "so later runs report only new ones; exits 0.",
        ),
    ] = False,
    color: Annotated[
        bool | None,
        typer.Option(
            "--color/--no-color",
            help="Force colour on or off (NO_COLOR is respected).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check plan files against the schemas and the consistency rules.

    Exit code 0 when there is no error (warnings allowed), 1 when there are
    errors (or warnings with --strict), 2 when a plan cannot be read at all.
    """
    from smartplan.check.engine import validate_plan
    from smartplan.report import get_reporter
    from smartplan.report.validate import RunSummary

    if output is None:
        github_actions = os.environ.get("GITHUB_ACTIONS") == "true"
        output = OutputFormat("github" if github_actions else "text")
    dirs = default_plan_dirs(plan_dirs)
    if baseline is not None and len(dirs) > 1:
        raise fail("--baseline names one file; give one plan folder with it")
    use_baseline = not (no_baseline or write_baseline)
    with loading():
        results = [validate_plan(d, baseline=baseline, use_baseline=use_baseline) for d in dirs]
    if write_baseline:
        _write_baselines(results, baseline)
        raise typer.Exit(EXIT_OK)
    problems = [p for result in results for p in result.problems]
    run = RunSummary.of(results, max_problems)
    report = get_reporter("validate", output.value)
    report(problems, run, sys.stdout, use_color(sys.stdout, color))
    failed = any(not r.ok for r in results) or (strict and any(r.warnings for r in results))
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)


def _write_baselines(results: list[ValidationResult], baseline: Path | None) -> None:
    from smartplan.check.config import BASELINE_FILE, baseline_document
    from smartplan.io.atomic import write_atomic

    for result in results:
        target = baseline if baseline is not None else result.plan_dir / BASELINE_FILE
        write_atomic(target, baseline_document(result.fingerprints()))
        sys.stderr.write(
            f"wrote {target} with {len(result.problems)} known problem(s); "
            "validate now reports only new ones\n"
        )
