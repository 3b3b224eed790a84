"""``smartplan validate``: check plans and report every problem at its place."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    default_plan_dirs,
    fail,
    handle_errors,
    loading,
)
from smartplan.cli.options import ColorOption, LangOption, QuietOption
from smartplan.cli.outputs import FormatsOption, OutputFileOption, PathBaseOption
from smartplan.i18n import N_, _


@handle_errors
def validate(
    plan_dirs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help=N_(
                "Plan folders (holding plan.yaml), folders of plans (each plan under it is "
                "checked), or plan files (their plan is checked, their problems shown first). "
                "Default: the current folder."
            ),
            show_default=False,
        ),
    ] = None,
    stdin_filename: Annotated[
        Path | None,
        typer.Option(
            "--stdin-filename",
            metavar="PATH",
            dir_okay=False,
            help=N_(
                "Read the text of the plan file PATH from standard input (an editor's "
                "unsaved buffer), check its plan with it, and report that file's problems."
            ),
            show_default=False,
        ),
    ] = None,
    output_formats: FormatsOption = None,
    output: OutputFileOption = None,
    path_base: PathBaseOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help=N_("Fail (exit 1) on warnings too."))
    ] = False,
    max_problems: Annotated[
        int | None,
        typer.Option(
            "--max-problems",
            min=0,
            metavar="N",
            help=N_("Show at most N problems in detail, then counts by rule and file."),
            show_default=False,
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            metavar="FILE",
            dir_okay=False,
            help=N_(
                "Baseline file of known problems to hide. "
                "Default: PLAN_DIR/.smartplan-baseline.json when it exists."
            ),
            show_default=False,
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="PATH",
            dir_okay=False,
            help=N_(
                "Rule configuration (kind: config) to use instead of each plan's "
                "smartplan.yaml; plan.yaml's rules: block still applies beneath it."
            ),
            show_default=False,
        ),
    ] = None,
    no_baseline: Annotated[
        bool, typer.Option("--no-baseline", help=N_("Report every problem, ignoring the baseline."))
    ] = False,
    write_baseline: Annotated[
        bool,
        typer.Option(
            "--write-baseline",
            help=N_(
                "Record the current problems in the baseline file (one per plan) "
                "so later runs report only new ones; exits 0."
            ),
        ),
    ] = False,
    color: ColorOption = None,
    quiet: QuietOption = False,
    lang: LangOption = None,
) -> None:
    """Check plan files against the schemas and the consistency rules.

    Exit code 0 when there is no error (warnings allowed), 1 when there are
    errors (or warnings with --strict), 2 when a plan cannot be read at all.
    """
    from smartplan.check.targets import find_targets
    from smartplan.cli.outputs import parse_outputs, write_outputs
    from smartplan.cli.validate_run import check_targets, stdin_target, write_baselines
    from smartplan.problem import Severity
    from smartplan.report.validate import RunSummary

    outputs = parse_outputs(output_formats, output)
    if stdin_filename is not None and plan_dirs:
        raise fail(_("--stdin-filename names the file; give no PATH with it"))
    if stdin_filename is not None:
        targets = stdin_target(stdin_filename)
    else:
        targets = find_targets(default_plan_dirs(plan_dirs))
    if baseline is not None and len(targets) > 1:
        raise fail(_("--baseline names one file; give one plan folder with it"))
    stdin = sys.stdin.buffer.read() if stdin_filename is not None else None
    with loading():
        results, problems = check_targets(
            targets,
            baseline=baseline,
            use_baseline=not (no_baseline or write_baseline),
            stdin=stdin,
            quiet=quiet,
            config=config,
        )
    if write_baseline:
        write_baselines(results, baseline)
        raise typer.Exit(EXIT_OK)
    run = RunSummary.of(results, max_problems, strict=strict, quiet=quiet)
    write_outputs(outputs, problems, run, path_base, color)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    failed = any(p.severity in failing for p in problems)
    raise typer.Exit(EXIT_PROBLEMS if failed else EXIT_OK)
