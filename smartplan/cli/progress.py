"""Progress on standard error for long work, through rich's progress bars.

Shown only when standard error is a terminal (and not ``--quiet``): a CI log,
a pipe or an editor plugin gets silence, never a stream of control codes. The
core reports ``(done, total)`` through a plain callback and knows nothing of
rich; the bar is drawn at most ten times a second, so a plan of 50,000 files
pays a few microseconds per file for it.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

#: below this many steps the work is over before a bar would be worth drawing
MIN_STEPS = 200

Callback = Callable[[int, int], None]


def wanted(quiet: bool = False) -> bool:
    """Whether to draw progress: stderr is a terminal, TERM is not dumb, not --quiet."""
    import os

    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb" and not quiet


@contextlib.contextmanager
def progress_bar(description: str, *, quiet: bool = False) -> Iterator[Callback | None]:
    """Yield a ``(done, total)`` callback drawing a transient bar, or None when not wanted."""
    if not wanted(quiet):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
    )
    task = bar.add_task(description, total=None)
    last = 0.0

    def update(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if total < MIN_STEPS or (now - last < 0.1 and done < total):
            return
        last = now
        if not bar.live.is_started:
            bar.start()
        bar.update(task, completed=done, total=total)
        bar.refresh()

    try:
        yield update
    finally:
        if bar.live.is_started:
            bar.stop()


class Activity:
    """A spinner with the elapsed time on standard error, for work that reports no counts.

    Ranking, scheduling and rendering the documents give no ``(done, total)``:
    rich redraws the spinner from a thread of its own, so the work itself is
    not touched. :meth:`stop` ends it; it also ends when the process does, so
    an error on the way never leaves the terminal's cursor hidden.
    """

    def __init__(self, description: str, *, quiet: bool = False) -> None:
        self._bar: Any = None
        if not wanted(quiet):
            return
        import atexit

        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TimeElapsedColumn

        self._bar = Progress(
            SpinnerColumn(),
            "[progress.description]{task.description}",
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
            refresh_per_second=8,
        )
        self._bar.add_task(description, total=None)
        self._bar.start()
        atexit.register(self.stop)

    def stop(self) -> None:
        """Remove the spinner (again: harmless)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
