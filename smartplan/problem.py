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


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found while reading a file, located by line and column.

    Reading (encoding, YAML syntax, limits) knows where it stopped in the
    text, not which value it was in; ``pointer`` is set where it is known.
    """

    code: str
    message: str
    line: int = 0
    column: int = 0
    hint: str | None = None
    pointer: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    """A problem located by file and JSON pointer; its line and column come later.

    Schema checks, the rule configuration and the consistency rules all know
    the value they object to, not its position: the engine maps the pointer
    back to a line and column only for files that have problems.
    """

    #: plan-relative file ("" where the caller knows the file, as in schema checks)
    file: str
    pointer: str
    message: str
    hint: str | None = None
    #: point at the key of the mapping entry instead of its value
    key: bool = False
    #: a rule may downgrade one hit (e.g. a weight-sum warning inside an error rule)
    severity: Severity | None = None
    #: the rule code, where the hit does not come from a registered rule's check
    code: str = ""
