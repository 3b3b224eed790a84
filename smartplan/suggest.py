"""'Did you mean ...?' hints for misspelt keys, ids, codes and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(word: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint naming the closest option, ignoring case, or None when nothing is close."""
    folded = {option.casefold(): option for option in sorted(options)}
    if word.casefold() in folded:
        return f"did you mean {folded[word.casefold()]!r}?"
    match = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=cutoff)
    return f"did you mean {folded[match[0]]!r}?" if match else None
