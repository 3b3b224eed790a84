"""How long and how large a render may grow: its time limit and memory limit.

A region's template folder is code we did not write. The sandbox keeps it
away from Python internals; these limits keep it from running for ever
(nested loops, ``lipsum(10**7)``) or filling the machine's memory (a string
doubled in a loop, ``'x'|center(10**10)``). Both end the render as one
:class:`~smartplan.errors.RenderError` naming the template, exit code 2.

* The **time limit** is a deadline, checked where a template does work: in
  the sandbox's attribute, item, call and operator hooks, at every few items
  of a ``{% for %}`` loop and in ``range`` and ``lipsum``. A single step
  between checks is bounded by the other limits, so a template overruns its
  deadline by a fraction of a second at most.
* The **memory limit** bounds the address space the process may add while
  the templates run (``RLIMIT_AS``, where the system has it): an allocation
  beyond it fails as a ``MemoryError``, which the render reports. Texts the
  templates build are also bounded in length (:data:`MAX_TEXT`), so the usual
  ways of growing one fail early with a clear message.

Both have generous defaults, far beyond what the example plan needs (about
a second and a hundred megabytes), and can be set per run: the parameters
of :func:`smartplan.render.render_plan`, or the environment variables
``SMARTPLAN_TIME_LIMIT`` (seconds) and ``SMARTPLAN_MEMORY_LIMIT`` (bytes,
or with a unit: ``512M``, ``2G``).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from smartplan.errors import RenderError
from smartplan.i18n import lazy

__all__ = [
    "DEFAULT_MEMORY_LIMIT",
    "DEFAULT_TIME_LIMIT",
    "MAX_TEXT",
    "Deadline",
    "Limits",
    "TimeLimitExceeded",
    "memory_limit",
    "resolve_limits",
]

#: Seconds the templates of one render may run.
DEFAULT_TIME_LIMIT = 60.0
#: Bytes of memory the templates of one render may add.
DEFAULT_MEMORY_LIMIT = 1 << 30
#: Most characters (or items) of one value a template builds by joining
#: (``~``, ``+``) or gets back from a call or a filter. The longest text a
#: plan of 50,000 programs hands a filter (its roadmap diagram) is a few million.
MAX_TEXT = 20_000_000

TIME_ENV = "SMARTPLAN_TIME_LIMIT"
MEMORY_ENV = "SMARTPLAN_MEMORY_LIMIT"

_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
_SIZE = re.compile(r"^\s*(\d+)\s*([KMG]?)(?:i?B)?\s*$", re.IGNORECASE)


class TimeLimitExceeded(Exception):
    """The templates ran past the deadline (turned into a RenderError by the caller)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the templates ran longer than the time limit of {seconds:g} s")
        self.seconds = seconds


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits of one render: seconds, and bytes of memory (``None``: unlimited)."""

    time: float | None
    memory: int | None


def _parse_seconds(text: str, where: str) -> float | None:
    try:
        seconds = float(text)
    except ValueError:
        raise RenderError(
            lazy("%(where)s: %(text)r is not a number of seconds", where=where, text=text),
            hint=lazy("give the time limit in seconds, e.g. 60; 0 means no limit"),
        ) from None
    if not seconds >= 0 or seconds == float("inf"):  # also refuses nan
        raise RenderError(
            lazy("%(where)s: the time limit must be a number of seconds, 0 or more", where=where)
        )
    return seconds or None


def _parse_bytes(text: str, where: str) -> int | None:
    match = _SIZE.match(text)
    if match is None:
        raise RenderError(
            lazy("%(where)s: %(text)r is not an amount of memory", where=where, text=text),
            hint=lazy("give bytes, or a number with K, M or G, e.g. 1G; 0 means no limit"),
        )
    return int(match.group(1)) * _UNITS[match.group(2).upper()] or None


def resolve_limits(
    time_limit: float | None = None,
    memory_limit: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> Limits:
    """The limits of a render: the given ones, else the environment's, else the defaults.

    ``0`` (given or in the environment) turns a limit off.
    """
    env = os.environ if environ is None else environ
    if time_limit is None:
        text = env.get(TIME_ENV, "").strip()
        seconds = _parse_seconds(text, TIME_ENV) if text else DEFAULT_TIME_LIMIT
    else:
        seconds = _parse_seconds(str(time_limit), "time limit")
    if memory_limit is None:
        text = env.get(MEMORY_ENV, "").strip()
        memory = _parse_bytes(text, MEMORY_ENV) if text else DEFAULT_MEMORY_LIMIT
    else:
        if memory_limit < 0:
            raise RenderError(lazy("the memory limit must be a number of bytes, 0 or more"))
        memory = memory_limit or None
    return Limits(seconds, memory)


class Deadline:
    """The moment the templates must have finished by (``seconds=None``: never)."""

    __slots__ = ("_at", "seconds")

    #: How many loop items pass between two looks at the clock.
    EVERY = 256

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._at = float("inf") if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        """Raise :class:`TimeLimitExceeded` once the deadline has passed."""
        if time.monotonic() > self._at:
            assert self.seconds is not None
            raise TimeLimitExceeded(self.seconds)

    def iterate(self, items: Iterable[Any]) -> Iterator[Any]:
        """The items of a template loop, looking at the clock every :data:`EVERY` items."""
        self.check()
        count = 0
        for item in items:
            count += 1
            if count == self.EVERY:
                count = 0
                self.check()
            yield item


def _address_space() -> int | None:
    """Bytes of address space the process uses now (Linux), or None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def memory_limit(extra: int | None) -> Iterator[None]:
    """Let the process grow by at most ``extra`` bytes of address space inside the block.

    Uses ``RLIMIT_AS`` where the system has it (Linux); elsewhere, and when
    ``extra`` is None, the block runs unbounded (the limits on values still
    hold). A lower limit already in force (a container, ``ulimit -v``) stays.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        resource = None  # type: ignore[assignment]
    used = _address_space()
    if extra is None or resource is None or used is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = used + extra
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield  # already bounded at least as tightly
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ValueError, OSError):  # pragma: no cover - refused by the system
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
