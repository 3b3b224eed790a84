"""The typer application: every command registered on one app.

Each command lives in its own module and imports its heavy modules inside the
function body, so ``smartplan --help`` stays quick.
"""

from __future__ import annotations

from typing import Annotated

import typer

from smartplan import __version__
from smartplan.cli import (
    diff_cmd,
    evaluate_cmd,
    init_cmd,
    monitor_cmd,
    options,
    prioritize_cmd,
    render_cmd,
    rules_cmd,
    schema_cmd,
    validate_cmd,
)

app = typer.Typer(
    name="smartplan",
    help="Validate, prioritise and render Indonesian Smart City master plans written as YAML.",
    no_args_is_help=True,
    # --install-completion / --show-completion for bash, zsh, fish and PowerShell
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"smartplan {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Show the version and exit.",
        ),
    ] = False,
    lang: options.LangOption = None,
) -> None:
    """Validate, prioritise and render Indonesian Smart City master plans written as YAML."""
    # every invocation sets it, so one run's --lang never leaks into the next (tests)
    options.root_language = lang.value if lang is not None else None


app.command("validate")(validate_cmd.validate)
app.command("rules")(rules_cmd.rules)
app.command("prioritize")(prioritize_cmd.prioritize)
app.command("render")(render_cmd.render)
app.command("diff")(diff_cmd.diff)
app.command("init")(init_cmd.init)
app.command("schema")(schema_cmd.schema)
app.command("evaluate")(evaluate_cmd.evaluate)
app.add_typer(monitor_cmd.app, name="monitor")
