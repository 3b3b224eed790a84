"""``smartplan schema``: show where the JSON Schemas are, or write copies of them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import handle_errors


@handle_errors
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write copies of the schemas to (replacing older copies).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List the JSON Schemas of the plan files, or write copies with --out.

    Point an editor at them for completion and hover help: VS Code's YAML
    extension reads a first-line comment such as
    `# yaml-language-server: $schema=.smartplan/schemas/plan.schema.json`.
    `smartplan init` writes them into every new plan; refresh a plan's copies
    after upgrading smartplan with `smartplan schema --out .smartplan/schemas`.
    """
    from smartplan.kinds import BY_NAME
    from smartplan.resources import schemas_dir
    from smartplan.scaffold import schema_files, write_schemas

    if out is None:
        typer.echo(f"JSON Schemas in {schemas_dir()}:")
        for path in schema_files():
            kind = path.name.removesuffix(".schema.json")
            pattern = BY_NAME[kind].pattern if kind in BY_NAME else ""
            typer.echo(f"  {path.name:<26} {pattern}".rstrip())
        typer.echo("Write copies with: smartplan schema --out DIR")
        return
    written = write_schemas(out)
    typer.echo(f"Wrote {len(written)} schemas to {out}:")
    for path in written:
        typer.echo(f"  {path.name}")
