"""The one rich Console every rich reporter writes through, with the colour decided once.

The CLI decides colour (``--color/--no-color``, ``NO_COLOR``, ``TERM=dumb``,
a terminal or not) and hands the reporter a plain bool; rich is told exactly
that, instead of guessing again from the stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def make_console(out: TextIO, color: bool, *, width: int | None = None, **options: Any) -> Console:
    """A Console writing to ``out``: ANSI colour exactly when ``color`` is true."""
    from rich.console import Console

    return Console(
        file=out,
        width=width,
        highlight=False,
        no_color=not color,
        # the 16 standard colours are all the reporters use; "auto" would find
        # none under TERM=dumb even when --color asks for them
        color_system="standard" if color else None,
        # colour asked for on a pipe (--color) still needs the escape codes
        force_terminal=True if color else None,
        **options,
    )
