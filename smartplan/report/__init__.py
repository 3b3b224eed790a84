"""Every output format of every command, registered by name.

A reporter takes a command's result object and a text stream (plus the few
options its format needs, such as colour, width or CSV style) and writes the
output; it decides nothing about the exit code. The registry holds only
``module:function`` paths, so importing this package costs nothing: the CLI
builds its ``--format`` choices from :func:`formats` at start-up, and a
reporter's module (rich, csv, json) is imported only when it is chosen.

The layering is ``cli -> report -> pipelines``: a reporter may import rich
and the core, never typer; the core never imports a reporter.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

__all__ = ["CSV_STYLES", "commands", "formats", "get_reporter", "reporters_for"]

#: prioritize's CSV styles (``--csv-style``), here so the CLI need not import
#: the reporter module to list them.
CSV_STYLES: tuple[str, ...] = ("standard", "excel-id")

_V = "smartplan.report.validate"
_CI = "smartplan.report.ci"
_P = "smartplan.report.prioritize"
_D = "smartplan.report.diff"
_R = "smartplan.report.rules"

#: command -> format name -> "module:function"; the first name is the default
#: where a command has no other rule (dict order is the order --help lists).
_REGISTRY: dict[str, dict[str, str]] = {
    "validate": {
        "text": f"{_V}:text",
        "parsable": f"{_V}:parsable",
        "json": f"{_V}:json_report",
        "github": f"{_V}:github",
        "sarif": f"{_CI}:sarif",
        "junit": f"{_CI}:junit",
        "gitlab": f"{_CI}:gitlab",
    },
    "prioritize": {
        "table": f"{_P}:write_table",
        "json": f"{_P}:write_json",
        "csv": f"{_P}:write_csv",
    },
    "diff": {
        "text": f"{_D}:write_text",
        "markdown": f"{_D}:write_markdown",
        "json": f"{_D}:write_json",
    },
    "rules": {
        "list": f"{_R}:write_list",
        "explain": f"{_R}:write_explain",
    },
}


def commands() -> tuple[str, ...]:
    """The commands that have reporters."""
    return tuple(_REGISTRY)


def formats(command: str) -> tuple[str, ...]:
    """The format names of ``command``, in the order ``--help`` lists them."""
    return tuple(_table(command))


def get_reporter(command: str, name: str) -> Callable[..., Any]:
    """The reporter ``name`` of ``command``, importing its module now."""
    table = _table(command)
    if name not in table:
        known = ", ".join(table)
        raise KeyError(f"{command} has no {name!r} format (known: {known})")
    module, _, attribute = table[name].partition(":")
    return getattr(import_module(module), attribute)  # type: ignore[no-any-return]  # a reporter is found by name at run time


def reporters_for(command: str) -> dict[str, Callable[..., Any]]:
    """Every reporter of ``command`` by name (imports all their modules)."""
    return {name: get_reporter(command, name) for name in _table(command)}


def _table(command: str) -> dict[str, str]:
    try:
        return _REGISTRY[command]
    except KeyError:
        raise KeyError(f"no reporters for command {command!r}") from None
