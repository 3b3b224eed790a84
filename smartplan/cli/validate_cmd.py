"""``smartplan validate``: check plans and report every problem at its place."""

from __future__ import annotations

import sys
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
from smartplan.report import formats

_FORMATS = ", ".join(formats("validate"))


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
    output_formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            metavar="NAME[:FILE]",
            help=f"Output format ({_FORMATS}), to FILE when given; repeat for several "
            "in one run. Default: text, or github inside GitHub Actions.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write the report (of the format given without a file) to FILE.",
            show_default=False,
        ),
    ] = None,
    path_base: Annotated[
        str | None,
        typer.Option(
            "--path-base",
            metavar="git|cwd|DIR",
            help="Show file paths relative to the git repository root, to the current "
            "folder, or to DIR. Default: git for github, sarif, gitlab and junit "
            "(CI services locate files from the repository root), cwd for the others.",
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
    from smartplan.cli.outputs import parse_outputs, write_outputs
    from smartplan.report.validate import RunSummary

    outputs = parse_outputs(output_formats, output)
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
    run = RunSummary.of(results, max_problems, strict=strict)
    write_outputs(outputs, problems, run, path_base, color)
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
