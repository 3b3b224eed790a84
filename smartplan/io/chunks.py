"""Text produced piece by piece: joined into batches before it is written.

Jinja's ``generate`` and json's ``iterencode`` yield millions of tiny strings
for a large plan; writing each alone is slow, and joining them all at once
holds the whole document in memory (and the list of pieces besides). Batches
of about 64 k characters keep both small.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

__all__ = ["BATCH", "batched"]

#: Characters per batch, about.
BATCH = 1 << 16


def batched(chunks: Iterable[str], size: int = BATCH) -> Iterator[str]:
    """``chunks`` joined into strings of at least ``size`` characters (the last may be shorter)."""
    pending: list[str] = []
    length = 0
    for chunk in chunks:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield "".join(pending)
            pending.clear()
            length = 0
    if pending:
        yield "".join(pending)
