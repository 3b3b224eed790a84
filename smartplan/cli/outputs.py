"""validate's outputs: several ``--format NAME[:FILE]`` in one run, ``-o FILE``, path bases.

One run feeds a terminal, code scanning and a test report (as Spectral does); a
format without a file goes to ``-o FILE`` or stdout, and two never share one.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from smartplan.cli.common import fail
from smartplan.cli.localized import formatted_help
from smartplan.i18n import N_, _, lazy
from smartplan.report import formats

if TYPE_CHECKING:
    from smartplan.problem import Problem
    from smartplan.report.validate import RunSummary

#: formats read by CI services, which locate files from the repository root
CI_FORMATS = frozenset({"github", "sarif", "gitlab", "junit"})
_FORMATS = ", ".join(formats("validate"))

FormatsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--format",
        "-f",
        metavar="NAME[:FILE]",
        help=formatted_help(
            lazy(
                "Output format (%(formats)s), to FILE when given; repeat for several in one "
                "run. Default: text, or github inside GitHub Actions.",
                formats=_FORMATS,
            )
        ),
        show_default=False,
    ),
]
OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        dir_okay=False,
        help=N_("Write the report (of the format given without a file) to FILE."),
        show_default=False,
    ),
]
PathBaseOption = Annotated[
    str | None,
    typer.Option(
        "--path-base",
        metavar="git|cwd|DIR",
        help=N_(
            "Show file paths relative to the git repository root, to the current "
            "folder, or to DIR. Default: git for github, sarif, gitlab and junit "
            "(CI services locate files from the repository root), cwd for the others."
        ),
        show_default=False,
    ),
]


@dataclass(frozen=True, slots=True)
class Output:
    """One format and where it goes (``None``: standard output)."""

    name: str
    file: Path | None


def parse_outputs(specs: Sequence[str] | None, output: Path | None) -> list[Output]:
    """``--format`` values (``NAME`` or ``NAME:FILE``) and ``-o`` as a list of outputs."""
    known = formats("validate")
    if not specs:
        github_actions = os.environ.get("GITHUB_ACTIONS") == "true"
        specs = ["github" if github_actions else "text"]
    outputs = []
    for spec in specs:
        name, sep, file = spec.partition(":")
        if name not in known:
            raise fail(
                _("unknown format %(name)r") % {"name": name},
                _("choose from %(choices)s") % {"choices": ", ".join(known)},
            )
        if sep and not file:
            raise fail(
                _("--format %(spec)r names no file") % {"spec": spec},
                _("write --format %(name)s:FILE") % {"name": name},
            )
        outputs.append(Output(name, Path(file) if file else output))
    streams = [o.file for o in outputs]
    if len(streams) != len(set(streams)):
        raise fail(
            _("two formats would write to the same place"),
            _("give each format its own file: --format sarif:s.sarif --format junit:report.xml"),
        )
    return outputs


def path_base(choice: str | None, name: str) -> Path | None:
    """The folder paths are shown relative to, for format ``name`` (None: as given).

    ``git`` is the repository root (the working directory outside git),
    ``cwd`` keeps paths as given, anything else is a folder. By default the
    CI formats use ``git`` and the others keep paths as given.
    """
    choice = choice if choice is not None else ("git" if name in CI_FORMATS else "cwd")
    if choice == "cwd":
        return None
    if choice == "git":
        from smartplan.io.paths import git_root

        return git_root(Path.cwd())
    folder = Path(choice)
    if not folder.is_dir():
        raise fail(
            _("--path-base %(folder)s: no such folder") % {"folder": choice},
            _("give git, cwd or a folder"),
        )
    return folder


def rebased(
    problems: Sequence[Problem], run: RunSummary, base: Path | None
) -> tuple[list[Problem], RunSummary]:
    """The problems and summary with every file path relative to ``base``."""
    if base is None:
        return list(problems), run
    from smartplan.io.paths import rebase

    cwd = Path.cwd()
    moved = [replace(p, file=rebase(p.file, base, cwd)) for p in problems]
    files = tuple(rebase(f, base, cwd) for f in run.file_list)
    return moved, replace(run, file_list=files)


def write_outputs(
    outputs: Sequence[Output],
    problems: Sequence[Problem],
    run: RunSummary,
    base_choice: str | None,
    color: bool | None,
) -> None:
    """Write every output; a file gets its whole report at once, or none of it."""
    from smartplan.cli.options import use_color
    from smartplan.io.atomic import write_atomic
    from smartplan.report import get_reporter

    for out in outputs:
        shown, summary = rebased(problems, run, path_base(base_choice, out.name))
        report = get_reporter("validate", out.name)
        if out.file is None:
            report(shown, summary, sys.stdout, use_color(sys.stdout, color))
            continue
        buffer = io.StringIO()
        report(shown, summary, buffer, bool(color))
        write_atomic(out.file, buffer.getvalue())
