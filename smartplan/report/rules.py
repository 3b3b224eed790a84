"""rules' reporters: the table of every rule (``list``) and one rule's page (``explain``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from smartplan.i18n import N_, _

if TYPE_CHECKING:
    from smartplan.check.config import RuleConfig
    from smartplan.check.rules.registry import Rule

_STYLES = {"error": "red", "warning": "yellow", "info": "cyan", "off": "dim"}
#: the severity words as the table shows them (smartplan.yaml keeps the English keys)
_LEVELS = {"error": N_("error"), "warning": N_("warning"), "info": N_("info"), "off": N_("off")}


def _said(level: str) -> str:
    """``warning (plan.yaml)`` in the active language: the severity word translated."""
    word, space, rest = level.partition(" ")
    return (_(_LEVELS[word]) if word in _LEVELS else word) + space + rest


def effective_level(rule: Rule, config: RuleConfig | None) -> str:
    """``error``, or with a plan's configuration e.g. ``off (plan.yaml)``."""
    level = rule.severity.value
    if config is not None and rule.code in config.severities:
        effective = config.severities[rule.code]
        level = effective.value if effective is not None else "off"
        level += f" ({config.sources[rule.code]})"
    return level


def write_list(
    rules: Sequence[Rule],
    out: TextIO,
    *,
    config: RuleConfig | None = None,
    plan: str | None = None,
    color: bool = False,
) -> None:
    """A table of ``rules``; with ``config`` (of the plan ``plan``), their effective severity."""
    from rich.table import Table

    from smartplan.report.terminal import make_console

    console = make_console(out, color)
    title = _("smartplan rules for %(plan)s") % {"plan": plan} if plan else _("smartplan rules")
    table = Table(title=title, show_lines=False)
    table.add_column(_("code"), style="bold")
    table.add_column(_("name"))
    table.add_column(_("severity"))
    table.add_column(_("what it finds"))
    for rule in rules:
        level = effective_level(rule, config)
        style = _STYLES[level.split()[0]]
        summary = _(rule.summary) if rule.summary else ""
        table.add_row(rule.code, rule.name, f"[{style}]{_said(level)}[/]", summary)
    console.print(table)
    console.print(_("Explain one rule: smartplan rules CODE"))


def write_explain(rule: Rule, out: TextIO, *, color: bool = False) -> None:
    """One rule: code, name and default severity, then its documentation with examples."""
    from smartplan.report.terminal import make_console

    console = make_console(out, color)
    console.print(
        f"[bold]{rule.code}[/] {rule.name} ([italic]{_said(rule.severity.value)}[/])\n",
        highlight=False,
    )
    console.print(rule.doc, markup=False, highlight=False)


def rules_markdown(rules: Sequence[Rule]) -> str:
    """docs/rules.md: every rule with an anchor per code (SARIF's helpUri points there)."""
    lines = [
        "# smartplan rules",
        "",
        "Generated from the rules' own documentation (`smartplan rules CODE` shows the",
        "same); `tests/test_ci_formats.py` checks that this file is current.",
        "",
        "| code | name | default | what it finds |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} | {r.summary} |"
        for r in rules
    ]
    for rule in rules:
        lines += [
            "",
            f'<a id="{rule.code.lower()}"></a>',
            "",
            f"## {rule.code} {rule.name}",
            "",
            f"Default severity: {rule.severity.value}.",
            "",
            "```text",
            rule.doc.strip("\n"),
            "```",
        ]
    return "\n".join(lines) + "\n"
