"""validate's reporters: text, parsable, json and github (sarif and junit: :mod:`.ci`).

Every reporter takes the problems of one run (any number of plans), a
:class:`RunSummary`, a text stream and the colour flag, and is chosen by name
through :mod:`smartplan.report`. None imports rich: colour is a handful of
ANSI codes, used only when asked for.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from smartplan.i18n import N_, _, localize, ngettext
from smartplan.problem import Problem, Severity

if TYPE_CHECKING:
    from smartplan.check.engine import ValidationResult


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What the run looked at, for the closing line and the file-based formats."""

    plans: int
    files: int
    #: display paths of every file checked (JUnit lists the clean ones too)
    file_list: tuple[str, ...] = ()
    #: problems hidden by inline ``# smartplan: ignore`` comments
    suppressed: int = 0
    #: problems hidden because the baseline file records them
    baselined: int = 0
    #: show at most this many problems in detail, then counts by rule and file
    max_problems: int | None = None
    #: files left out of the consistency rules (unreadable, or breaking the schema)
    unchecked: int = 0
    #: ``--strict``: warnings fail the run, so the CI formats count them as failures
    strict: bool = False
    #: ``--quiet``: the problems only, without the summary line and notes
    quiet: bool = False

    @classmethod
    def of(
        cls,
        results: Sequence[ValidationResult],
        max_problems: int | None = None,
        *,
        strict: bool = False,
        quiet: bool = False,
    ) -> RunSummary:
        """The summary of one run over ``results`` (one per plan)."""
        return cls(
            plans=len(results),
            files=sum(r.files_checked for r in results),
            file_list=tuple(f for r in results for f in r.files),
            suppressed=sum(r.suppressed for r in results),
            baselined=sum(r.baselined for r in results),
            max_problems=max_problems,
            unchecked=sum(len(r.unchecked) for r in results),
            strict=strict,
            quiet=quiet,
        )


Reporter = Callable[[Sequence[Problem], RunSummary, TextIO, bool], None]

_RESET = "\033[0m"
_STYLES = {
    Severity.ERROR: "\033[31m",
    Severity.WARNING: "\033[33m",
    Severity.INFO: "\033[36m",
    "file": "\033[1;4m",
    "dim": "\033[2m",
    "ok": "\033[32m",
    "bold": "\033[1m",
}


def fails(problem: Problem, run: RunSummary) -> bool:
    """Whether ``problem`` fails the run: an error, or a warning under ``--strict``."""
    return problem.severity is Severity.ERROR or (
        run.strict and problem.severity is Severity.WARNING
    )


def _paint(text: str, style: Severity | str, color: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if color else text


def counts(problems: Sequence[Problem]) -> dict[Severity, int]:
    out = dict.fromkeys(Severity, 0)
    for problem in problems:
        out[problem.severity] += 1
    return out


#: the severity words of the text reporter (the codes and the machine formats keep "error")
LEVELS = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}


def summary_line(problems: Sequence[Problem], run: RunSummary) -> str:
    """One line: how many errors and warnings in how many files."""
    tally = counts(problems)
    files_with = len({p.file for p in problems})
    checked = ngettext("%(n)d file checked", "%(n)d files checked", run.files) % {"n": run.files}
    if run.plans > 1:
        checked = _("%(checked)s in %(n)d plans") % {"checked": checked, "n": run.plans}
    hidden = []
    if run.suppressed:
        hidden.append(_("%(n)d suppressed inline") % {"n": run.suppressed})
    if run.baselined:
        hidden.append(_("%(n)d in the baseline") % {"n": run.baselined})
    extra = f"; {', '.join(hidden)}" if hidden else ""
    if not problems:
        return _("no problems (%(checked)s)") % {"checked": checked + extra}
    parts = [
        ngettext("%(n)d error", "%(n)d errors", tally[Severity.ERROR])
        % {"n": tally[Severity.ERROR]},
        ngettext("%(n)d warning", "%(n)d warnings", tally[Severity.WARNING])
        % {"n": tally[Severity.WARNING]},
    ]
    if tally[Severity.INFO]:
        parts.append(
            ngettext("%(n)d note", "%(n)d notes", tally[Severity.INFO])
            % {"n": tally[Severity.INFO]}
        )
    return _("%(counts)s in %(files)s (%(checked)s)") % {
        "counts": ", ".join(parts),
        "files": ngettext("%(n)d file", "%(n)d files", files_with) % {"n": files_with},
        "checked": checked + extra,
    }


def _capped_summary(problems: Sequence[Problem], shown: int, out: TextIO, color: bool) -> None:
    """Counts by rule and by file, for the problems past the detail cap."""
    rest = len(problems) - shown
    line = ngettext(
        "... and %(n)d more problem not shown (--max-problems %(cap)d)",
        "... and %(n)d more problems not shown (--max-problems %(cap)d)",
        rest,
    ) % {"n": rest, "cap": shown}
    out.write(_paint(line, "bold", color) + "\n")
    by_rule = Counter((p.code, p.rule) for p in problems)
    by_file = Counter(p.file for p in problems)
    out.write("\n" + _("all problems by rule:") + "\n")
    for (code, name), count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
        out.write(f"  {count:>6}  {code} {name}\n")
    out.write("\n" + _("all problems by file:") + "\n")
    for file, count in sorted(by_file.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        out.write(f"  {count:>6}  {file}\n")
    if len(by_file) > 20:
        more = len(by_file) - 20
        out.write(
            "  "
            + ngettext("... and %(n)d more file", "... and %(n)d more files", more) % {"n": more}
            + "\n"
        )
    out.write("\n")


def terminal_width(out: TextIO) -> int | None:
    """The width of the terminal ``out`` writes to (COLUMNS wins), or None for a file or pipe."""
    isatty = getattr(out, "isatty", None)
    if not (isatty and isatty()):
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _wrapped(text: str, indent: int, columns: int | None, hang: int = 0) -> list[str]:
    """``text`` in lines that fit ``columns`` after ``indent`` (between words).

    Lines after the first get ``hang`` more spaces (a hint's text stays to the
    right of its ``hint:``).
    """
    if columns is None or columns - indent < 20:
        return [text]
    import textwrap

    return textwrap.wrap(
        text,
        width=columns - indent,
        subsequent_indent=" " * hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [text]


def text(problems: Sequence[Problem], run: RunSummary, out: TextIO, color: bool) -> None:
    """Problems grouped by file, aligned, with hints; a summary line last.

    On a terminal, messages and hints wrap between words and stay indented
    under their own column instead of running back to column 0.
    """
    cap = run.max_problems if run.max_problems is not None else len(problems)
    columns = terminal_width(out)
    levels = {severity: _(word) for severity, word in LEVELS.items()}
    level_width = max(len(word) for word in levels.values())
    hint_label = _("hint:")
    for file, group in groupby(problems[:cap], key=lambda p: p.file):
        items = list(group)
        out.write(_paint(file, "file", color) + "\n")
        width = max(len(f"{p.line}:{p.column}") for p in items)
        indent = width + 6 + level_width
        pad = " " * indent
        for problem in items:
            where = f"{problem.line}:{problem.column}".ljust(width)
            level = _paint(levels[problem.severity].ljust(level_width), problem.severity, color)
            rule = f"{problem.code} {problem.rule}".rstrip()
            lines = _wrapped(f"{localize(problem.message)}  {rule}", indent, columns)
            last = lines[-1]
            if last.endswith(rule):  # the rule stays dim wherever the wrap put it
                lines[-1] = last[: len(last) - len(rule)] + _paint(rule, "dim", color)
            else:
                lines.append(_paint(rule, "dim", color))
            out.write(f"  {where}  {level}  {lines[0]}\n")
            for line in lines[1:]:
                out.write(pad + line + "\n")
            if problem.hint:
                hinted = f"{hint_label} {localize(problem.hint)}"
                for line in _wrapped(hinted, indent, columns, hang=len(hint_label) + 1):
                    out.write(pad + _paint(line, "dim", color) + "\n")
        out.write("\n")
    if cap < len(problems):
        _capped_summary(problems, cap, out, color)
    if run.quiet:
        return
    tally = counts(problems)
    mark = "✖" if tally[Severity.ERROR] else ("!" if problems else "✓")
    style: Severity | str = (
        Severity.ERROR if tally[Severity.ERROR] else Severity.WARNING if problems else "ok"
    )
    out.write(_paint(f"{mark} {summary_line(problems, run)}", style, color) + "\n")
    if run.unchecked:
        out.write(_paint(unchecked_note(run.unchecked), "dim", color) + "\n")


def unchecked_note(count: int) -> str:
    """Why fixing the files with errors may bring more problems to light."""
    return "  " + ngettext(
        "note: %(n)s file with read, syntax or schema errors was not checked for references, "
        "years, budgets or dependencies; validate again once it is fixed",
        "note: %(n)s files with read, syntax or schema errors were not checked for references, "
        "years, budgets or dependencies; validate again once they are fixed",
        count,
    ) % {"n": f"{count:,}"}


def parsable(problems: Sequence[Problem], run: RunSummary, out: TextIO, color: bool) -> None:
    """One line per problem, ``file:line:col: [level] message (CODE)``, for editors and grep."""
    for p in problems:
        message = localize(p.message)
        out.write(f"{p.file}:{p.line}:{p.column}: [{p.severity.value}] {message} ({p.code})\n")


def json_report(problems: Sequence[Problem], run: RunSummary, out: TextIO, color: bool) -> None:
    """A JSON list of problem objects with stable keys."""
    json.dump([p.to_dict() for p in problems], out, ensure_ascii=False, indent=2)
    out.write("\n")


def _gh_escape(value: str, *, prop: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github(problems: Sequence[Problem], run: RunSummary, out: TextIO, color: bool) -> None:
    """GitHub Actions workflow commands: each problem becomes an annotation on the diff."""
    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for p in problems:
        props = [f"file={_gh_escape(p.file, prop=True)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_gh_escape(f'{p.code} {p.rule}'.strip(), prop=True)}")
        message = localize(p.message) or ""
        if p.hint:
            message += " (" + _("hint: %(hint)s") % {"hint": localize(p.hint)} + ")"
        out.write(f"::{levels[p.severity]} {','.join(props)}::{_gh_escape(message)}\n")
    if not run.quiet:
        out.write(summary_line(problems, run) + "\n")
