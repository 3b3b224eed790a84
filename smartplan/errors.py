"""The small tree of exceptions smartplan raises where work cannot go on.

Problems in a plan are *collected* as :class:`smartplan.problem.Problem`
values, never raised. These exceptions are for the rest: a plan directory that
does not exist, an output folder that cannot be written, a broken template.
The CLI turns each into one clear line on stderr and exit code 2.
"""

from __future__ import annotations

from pathlib import Path


class SmartplanError(Exception):
    """Base class of every error smartplan raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class PlanNotFoundError(SmartplanError):
    """The plan directory, or its plan.yaml, does not exist."""


class UsageError(SmartplanError):
    """An option or argument the user gave cannot be used."""


class OutputError(SmartplanError):
    """A file or folder could not be written.

    :attr:`path` is the file that was being written and :attr:`reason` the
    system's word for why (``"Permission denied"``), when known, so that a
    caller can say it in its own terms.
    """

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        path: Path | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(message, hint)
        self.path = path
        self.reason = reason


class RenderError(SmartplanError):
    """A template failed, or output could not be written."""


class GitError(SmartplanError):
    """A git revision or repository could not be read."""


class PlanUnusableError(SmartplanError):
    """A plan file could not be understood, though its problems are hidden from the report.

    Exits 1, like an invalid plan: the fix is in the plan's files.
    """

    exit_code = 1
