"""``smartplan validate``: check plans and report every problem at its place."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import EXIT_OK, EXIT_PROBLEMS, default_plan_dirs, handle_errors


class OutputFormat(StrEnum):
    text = "text"
    parsable = "parsable"
    json = "json"
    github = "github"


def use_color(stream: object, flag: bool | None) -> bool:
    """Colour when asked, else when writing to a terminal and NO_COLOR is unset."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@handle_errors
def validate(
    plan_dirs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PLAN_DIR]...",
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
    from smartplan.reporters import REPORTERS, RunSummary
    from smartplan.validate import validate_plan

    if output is None:
        github_actions = os.environ.get("GITHUB_ACTIONS") == "true"
        output = OutputFormat.github if github_actions else OutputFormat.text
    results = [validate_plan(plan_dir) for plan_dir in default_plan_dirs(plan_dirs)]
    problems = [p for result in results for p in result.problems]
    run = RunSummary(plans=len(results), files=sum(r.files_checked for r in results))
    REPORTERS[output.value](problems, run, sys.stdout, use_color(sys.stdout, color))
    failed = any(not r.ok for r in results) or (strict and any(r.warnings for r in results))
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
