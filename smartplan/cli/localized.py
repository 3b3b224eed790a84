"""``--help`` in the user's language.

The help texts are msgids like every other message: each option's ``help=``
is marked with ``N_`` and each command's docstring is extracted by
``tools/messages.py``. They are translated when the help is shown, in the
language chosen as for any command (``--lang`` anywhere on the command line,
``SMARTPLAN_LANG``, the locale), and the command objects are left as they
were afterwards.

typer prints a few words of its own through the stdlib's ``gettext``
("Options", "Commands", "Arguments", "default: ..."); its module's ``_`` is
pointed at :func:`smartplan.i18n._` so those follow the same choice. The
copy of click that typer carries has its words written in ("Error:", "No
such option", "Try ... for help."): those stay English.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator, Sequence
from typing import Any

from typer.core import TyperCommand, TyperGroup

from smartplan import i18n
from smartplan.i18n import N_, _

#: click's and typer's own words smartplan shows, as msgids (the same strings
#: they pass to gettext), so the catalog holds them
THEIR_WORDS = (
    N_("Usage: "),
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)

#: the modules whose ``_`` is the stdlib's gettext
_THEIR_MODULES = ("typer.core",)


#: help texts with values filled in at import (the format lists), by their English text
_FORMATTED: dict[str, i18n.Message] = {}


def formatted_help(message: str) -> str:
    """A help text built with :func:`smartplan.i18n.lazy`, translatable when shown.

    typer keeps only the text of a help; this remembers which message made it.
    """
    if isinstance(message, i18n.Message):
        _FORMATTED[str(message)] = message
    return message


def _say(text: str) -> str:
    known = _FORMATTED.get(text)
    return known.localized() if known is not None else _(text)


def speak_for_click() -> None:
    """Point typer's ``_`` at smartplan's active language."""
    for name in _THEIR_MODULES:
        with contextlib.suppress(ImportError):
            module = importlib.import_module(name)
            if hasattr(module, "_"):
                module._ = _  # type: ignore[attr-defined]


def argv_language(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` on a command line (root's or command's), if any."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def _help_language(ctx: Any) -> str:
    import sys

    from smartplan.cli import options

    explicit = (
        ctx.params.get("lang")
        or argv_language(ctx.args)
        or argv_language(sys.argv[1:])
        or options.root_language
    )
    return i18n.choose(getattr(explicit, "value", explicit))


@contextlib.contextmanager
def _translated(command: Any, ctx: Any = None) -> Iterator[None]:
    """The command's and its options' help in the active language, restored afterwards."""
    params = list(command.params)
    if ctx is not None and (helper := command.get_help_option(ctx)) is not None:
        params.append(helper)
    saved: list[tuple[Any, str | None]] = [(command, command.help)]
    saved += [(param, getattr(param, "help", None)) for param in params]
    try:
        for thing, text in saved:
            if text:
                thing.help = _say(text)
        yield
    finally:
        for thing, text in saved:
            thing.help = text


class _Localized:
    """Help in the user's language: the texts, the usage line's prefix, the summaries."""

    _in_help = False

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with i18n.speaking(_help_language(ctx)), _translated(self, ctx):
            self._in_help = True
            try:
                super().format_help(ctx, formatter)  # type: ignore[misc]
            finally:
                self._in_help = False

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        if not self._in_help:  # a usage error: typer's English words around it
            super().format_usage(ctx, formatter)  # type: ignore[misc]
            return
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)  # type: ignore[misc,no-any-return]


class LocalizedCommand(_Localized, TyperCommand):
    """A typer command whose help is shown in the user's language."""


class LocalizedGroup(_Localized, TyperGroup):
    """A typer group whose help, and its commands' one-line summaries, are translated."""
