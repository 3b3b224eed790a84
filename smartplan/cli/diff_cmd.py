"""``smartplan diff``: what changed in a plan between two git revisions."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from smartplan.cli.common import EXIT_OK, handle_errors, loading
from smartplan.cli.options import ColorOption, LangOption, format_choices, use_color
from smartplan.errors import UsageError
from smartplan.i18n import N_, _

# The choices are built at run time from the registry and the domain lists;
# to the type checker each is a StrEnum (typer reads the real members).
if TYPE_CHECKING:
    DiffFormat = StrEnum
else:
    DiffFormat = format_choices("DiffFormat", "diff")
_DEFAULT_FORMAT = DiffFormat("text")


def split_arguments(args: list[str], plan: Path | None) -> tuple[str | None, str | None, Path]:
    """``[REV_A [REV_B]] [PLAN_DIR]`` → (old revision, new revision or None, plan dir).

    Without ``--plan``, a last argument that is an existing directory is the
    plan directory; everything before it is a revision.
    """
    positional = list(args)
    if plan is None and positional and Path(positional[-1]).is_dir():
        plan = Path(positional.pop())
    if len(positional) > 2:
        extra = " ".join(positional[2:])
        raise UsageError(
            _("too many arguments: %(args)s (give at most two revisions, then the plan folder)")
            % {"args": extra}
        )
    old = positional[0] if positional else "HEAD"
    new = positional[1] if len(positional) > 1 else None
    return old, new, plan if plan is not None else Path.cwd()


@handle_errors
def diff(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="REV_A [REV_B] [PLAN_DIR]",
            help=(
                N_(
                    "Revisions to compare (default: HEAD against the working tree), "
                    "optionally followed by the plan folder."
                )
            ),
            show_default=False,
        ),
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            "-p",
            metavar="PLAN_DIR",
            help=N_("The plan folder (holding plan.yaml). Default: the current folder."),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help=N_("Output format.")),
    ] = _DEFAULT_FORMAT,
    color: ColorOption = None,
    lang: LangOption = None,
) -> None:
    """Show what changed in a plan between two git revisions.

    Reports programs added, removed and renamed, changed fields, budget
    totals by pillar and year, priority rank changes, quick-win changes and
    new or fixed validate problems. --format markdown is ready to paste as a
    pull-request comment.

    \b
    smartplan diff                  HEAD against the working tree
    smartplan diff main             main against the working tree
    smartplan diff main HEAD        main against HEAD
    smartplan diff main plans/kotim the plan in plans/kotim

    A last argument that is an existing folder is the plan folder; every other
    argument is a git revision. When a folder and a revision share a name,
    give the folder with --plan (then every argument is a revision).

    Exit code 0 whatever changed (the diff is informational); 2 outside a git
    repository, for an unknown revision, or when the plan is missing at a
    revision.
    """
    from smartplan.diff.compare import diff_revisions
    from smartplan.report import get_reporter

    old, new, plan_dir = split_arguments(args or [], plan)
    with loading():  # two whole plans are read
        result = diff_revisions(plan_dir, old, new)
    options = {"color": use_color(sys.stdout, color)} if output.value == "text" else {}
    get_reporter("diff", output.value)(result, sys.stdout, **options)
    raise typer.Exit(EXIT_OK)
