"""``smartplan rules``: list every rule, or explain one with its examples."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from smartplan.cli.common import fail, handle_errors

if TYPE_CHECKING:
    from smartplan.check.config import RuleConfig


@handle_errors
def rules(
    code: Annotated[
        str | None,
        typer.Argument(
            help="A rule code (e.g. R002) or name (references.agency) to explain.",
            show_default=False,
        ),
    ] = None,
    plan_dir: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            metavar="PLAN_DIR",
            help="Show the effective severity for this plan (its rule configuration).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List the validation rules, or explain one with a failing and a passing example."""
    from rich.console import Console
    from rich.table import Table

    from smartplan.check.rules import all_rules, get_rule

    console = Console()
    config = _plan_config(plan_dir) if plan_dir is not None else None
    if code is None:
        title = "smartplan rules" + (f" for {plan_dir}" if plan_dir is not None else "")
        table = Table(title=title, show_lines=False)
        table.add_column("code", style="bold")
        table.add_column("name")
        table.add_column("severity")
        table.add_column("what it finds")
        styles = {"error": "red", "warning": "yellow", "info": "cyan", "off": "dim"}
        for rule in all_rules():
            level = rule.severity.value
            if config is not None and rule.code in config.severities:
                effective = config.severities[rule.code]
                level = effective.value if effective is not None else "off"
                level += f" ({config.sources[rule.code]})"
            word = level.split()[0]
            table.add_row(rule.code, rule.name, f"[{styles[word]}]{level}[/]", rule.summary)
        console.print(table)
        console.print("Explain one rule: smartplan rules CODE")
        return
    rule = get_rule(code) or next((r for r in all_rules() if r.name == code), None)
    if rule is None:
        known = ", ".join(r.code for r in all_rules())
        raise fail(f"unknown rule {code!r}", f"known codes: {known}")
    console.print(
        f"[bold]{rule.code}[/] {rule.name} ([italic]{rule.severity.value}[/])\n", highlight=False
    )
    console.print(rule.doc, markup=False, highlight=False)


def _plan_config(plan_dir: Path) -> RuleConfig:
    """The plan's rule configuration; its own mistakes are reported by validate (K001)."""
    from smartplan.check.engine import validate_plan

    return validate_plan(plan_dir, use_baseline=False).config
