"""Plain-text wording shared by messages and reports: counts, rupiah, "did you mean".

Kept free of Babel on purpose: validate and its reporters must stay quick to
import. Documents use the locale-aware :mod:`smartplan.render.formatting`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

__all__ = ["did_you_mean", "md_cell", "plural", "rupiah"]


def plural(count: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def rupiah(amount: int) -> str:
    """``Rp1.500.000.000``: Indonesian grouping, no minor units; ``-Rp2.500`` below zero."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint naming the closest option, ignoring case, or None when nothing is close."""
    folded = {option.casefold(): option for option in sorted(options)}
    if word.casefold() in folded:
        return f"did you mean {folded[word.casefold()]!r}?"
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)
    return f"did you mean {folded[match[0]]!r}?" if match else None


def md_cell(value: Any, *, escape_gt: bool = False) -> str:
    """Make a value safe inside a Markdown table cell: one line, no bare pipe, no tag.

    Whitespace runs (newlines too) become one space, and backslash, ``|`` and
    ``<`` are escaped. ``escape_gt`` also writes ``>`` as ``&gt;``: ``diff``'s
    Markdown does, the rendered document does not (its golden files fix that),
    so the one escaper keeps both outputs as they were.
    """
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    return text.replace(">", "&gt;") if escape_gt else text
