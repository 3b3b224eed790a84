"""Plain-text wording shared by messages and reports: counts, rupiah, "did you mean".

Kept free of Babel on purpose: validate and its reporters must stay quick to
import. Documents use the locale-aware :mod:`smartplan.render.formatting`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from smartplan.i18n import lazy

__all__ = ["did_you_mean", "fixed", "md_cell", "plural", "round_half_up", "rupiah"]


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
        return lazy("did you mean %(folded)r?", folded=folded[word.casefold()])
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)
    return lazy("did you mean %(folded)r?", folded=folded[match[0]]) if match else None


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


#: C0 controls but tab and newline, DEL, and C1 controls (ESC starts terminal
#: sequences that clear the screen or make hyperlinks; U+009B is CSI alone).
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def inert(text: str) -> str:
    r"""Plan text made safe for a terminal: control characters shown as ``\x1b``, not obeyed."""
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


#: Characters that start Markdown constructs able to run or load something or
#: to make a link: raw HTML and autolinks (``<``), links, images and reference
#: definitions (``[`` ``]``), code spans and fences (the backtick), backslash escapes,
#: and ``&`` (a character reference in the plan must show as typed). ``"``
#: cannot end an attribute of the anchors the templates write. A numeric
#: character reference shows the character itself in every CommonMark viewer
#: but is never read as syntax.
_MD_INERT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", '"': "&quot;", "[": "&#91;", "]": "&#93;",
     "`": "&#96;", "\\": "&#92;"}
)  # fmt: skip


def md_inert(text: str) -> str:
    """Plan text that shows as typed in Markdown: no link, image, HTML or code it did not mean."""
    return text.translate(_MD_INERT)


def round_half_up(value: Decimal | int | float, digits: int = 0) -> Decimal:
    """``value`` rounded to ``digits`` decimals, halves away from zero (never half-to-even).

    A float goes through its shortest decimal form (``repr``), so ``2.675``
    rounds to ``2.68`` as a reader expects, not to ``2.67`` as its binary value would.
    """
    exact = (
        value
        if isinstance(value, Decimal)
        else Decimal(repr(value) if isinstance(value, float) else value)
    )
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def fixed(value: float, digits: int = 2) -> str:
    """``value`` with ``digits`` decimals, rounded half up once (``0.625`` → ``0.63``)."""
    return str(round_half_up(value, digits))


def above(value: float, limit: float, digits: int = 3) -> str:
    """``value`` shown with enough decimals to be seen above ``limit`` (0.1004, not 0.100)."""
    while digits < 12 and float(f"{value:.{digits}f}") <= limit < value:
        digits += 1
    return f"{value:.{digits}f}"
