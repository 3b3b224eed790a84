"""Option helpers shared by the commands: choice types built from lists, colour."""

from __future__ import annotations

import os
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

import typer

from smartplan.i18n import N_
from smartplan.report import formats

#: ``--color/--no-color`` on every command (init and schema print no colour, but
#: take it, so a script can pass it to any command)
ColorOption = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help=N_(
            "Force colour on or off. Default: colour on a terminal, unless NO_COLOR is "
            "set or TERM is dumb."
        ),
        show_default=False,
    ),
]


def choices(enum_name: str, values: Iterable[str]) -> type[StrEnum]:
    """A typer choice type listing ``values`` in order (``-`` in a name becomes ``_``)."""
    members = {value.replace("-", "_"): value for value in values}
    return StrEnum(enum_name, members)  # type: ignore[return-value]  # the functional API makes a StrEnum subclass


def format_choices(enum_name: str, command: str) -> type[StrEnum]:
    """The ``--format`` choices of ``command``: one per reporter in :mod:`smartplan.report`."""
    return choices(enum_name, formats(command))


def use_color(stream: object, flag: bool | None) -> bool:
    """Colour when asked, else on a terminal unless NO_COLOR is set or TERM is dumb."""
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Language(StrEnum):
    """The languages of ``--lang``."""

    id = "id"
    en = "en"


#: ``--lang`` on every command and on the root: the language of messages, hints and summaries
LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        help=N_(
            "Language of messages, hints and summaries: id or en. Default: SMARTPLAN_LANG, "
            "else the locale (LC_ALL, LC_MESSAGES, LANG), else English."
        ),
        show_default=False,
    ),
]

#: the root's ``smartplan --lang X COMMAND``, for a command given no --lang of its own
root_language: str | None = None


#: ``--quiet``: only what was asked for (problems, documents), no summaries or progress
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help=N_("Print only the results: no summary lines, notes or progress."),
    ),
]
