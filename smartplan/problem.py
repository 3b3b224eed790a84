"""The one problem type every check yields and every reporter prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is. ``error`` fails validation; ``warning`` fails it under --strict."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, order=False)
class Problem:
    """A located problem in a plan file.

    ``file`` is the path as the user should see it (relative to the working
    directory where possible); ``line`` and ``column`` are 1-based (0 when the
    problem concerns a whole file that could not be read at all);
    ``pointer`` is the RFC 6901 JSON pointer of the offending value.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    pointer: str = ""
    hint: str | None = None
    rule: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, object]:
        """Stable, JSON-ready representation (keys never change meaning)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
        }


def pointer_join(*parts: object) -> str:
    """Build an RFC 6901 JSON pointer from path parts."""
    out = []
    for part in parts:
        text = str(part).replace("~", "~0").replace("/", "~1")
        out.append("/" + text)
    return "".join(out)
