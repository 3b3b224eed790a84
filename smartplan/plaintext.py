"""Plain-text wording shared by messages and reports: counts and rupiah.

Kept free of Babel on purpose: validate and its reporters must stay quick to
import. Documents use the locale-aware :mod:`smartplan.render.formatting`.
"""

from __future__ import annotations

__all__ = ["plural", "rupiah"]


def plural(count: int, word: str) -> str:
    """``1 file``, ``2 files``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def rupiah(amount: int) -> str:
    """``Rp1.500.000.000``: Indonesian grouping, no minor units; ``-Rp2.500`` below zero."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{abs(amount):,}".replace(",", ".")
