"""``smartplan rules``: list every rule, or explain one with its examples."""

from __future__ import annotations

from typing import Annotated

import typer

from smartplan.cli.common import fail, handle_errors


@handle_errors
def rules(
    code: Annotated[
        str | None,
        typer.Argument(
            help="A rule code (e.g. R002) or name (references.agency) to explain.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List the validation rules, or explain one with a failing and a passing example."""
    from rich.console import Console
    from rich.table import Table

    from smartplan.rules import all_rules, get_rule

    console = Console()
    if code is None:
        table = Table(title="smartplan rules", show_lines=False)
        table.add_column("code", style="bold")
        table.add_column("name")
        table.add_column("severity")
        table.add_column("what it finds")
        for rule in all_rules():
            style = "red" if rule.severity.value == "error" else "yellow"
            table.add_row(rule.code, rule.name, f"[{style}]{rule.severity.value}[/]", rule.summary)
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
