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
from smartplan.cli.localized import LocalizedCommand, LocalizedGroup, speak_for_click
from smartplan.i18n import N_

speak_for_click()

app = typer.Typer(
    name="smartplan",
    cls=LocalizedGroup,
    help=N_("Validate, prioritise and render Indonesian Smart City master plans written as YAML."),
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
            help=N_("Show the version and exit."),
        ),
    ] = False,
    lang: options.LangOption = None,
) -> None:
    """Validate, prioritise and render Indonesian Smart City master plans written as YAML."""
    # every invocation sets it, so one run's --lang never leaks into the next (tests)
    options.root_language = lang.value if lang is not None else None


app.command("validate", cls=LocalizedCommand)(validate_cmd.validate)
app.command("rules", cls=LocalizedCommand)(rules_cmd.rules)
app.command("prioritize", cls=LocalizedCommand)(prioritize_cmd.prioritize)
app.command("render", cls=LocalizedCommand)(render_cmd.render)
app.command("diff", cls=LocalizedCommand)(diff_cmd.diff)
app.command("init", cls=LocalizedCommand)(init_cmd.init)
app.command("schema", cls=LocalizedCommand)(schema_cmd.schema)
app.command("evaluate", cls=LocalizedCommand)(evaluate_cmd.evaluate)
app.add_typer(monitor_cmd.app, name="monitor")
