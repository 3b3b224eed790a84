"""``smartplan schema``: show where the JSON Schemas are, or write copies of them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import handle_errors
from smartplan.cli.options import ColorOption, LangOption
from smartplan.i18n import N_, _, ngettext


@handle_errors
def schema(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=N_(
                "Folder to write copies of the schemas to (replacing older copies). "
                "With --plan, default: PLAN_DIR/.smartplan/schemas, where init's modelines point."
            ),
            show_default=False,
        ),
    ] = None,
    plan_dir: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            metavar="PLAN_DIR",
            help=N_(
                "Write plan-specific schemas: reference fields list this plan's agency ids, "
                "element codes and program ids, so the editor completes them."
            ),
            show_default=False,
        ),
    ] = None,
    color: ColorOption = None,
    lang: LangOption = None,
) -> None:
    """List the JSON Schemas of the plan files, or write copies with --out.

    Point an editor at them for completion and hover help: VS Code's YAML
    extension reads a first-line comment such as
    `# yaml-language-server: $schema=.smartplan/schemas/plan.schema.json`.
    `smartplan init` writes them into every new plan; refresh a plan's copies
    after upgrading smartplan with `smartplan schema --out .smartplan/schemas`,
    or with `smartplan schema --plan .` for completion of the plan's own ids.
    """
    from smartplan.kinds import BY_NAME
    from smartplan.resources import schemas_dir
    from smartplan.scaffold import schema_files, write_schemas

    if plan_dir is not None:
        _plan_schemas(plan_dir, out)
        return
    if out is None:
        typer.echo(_("JSON Schemas in %(folder)s:") % {"folder": schemas_dir()})
        for path in schema_files():
            kind = path.name.removesuffix(".schema.json")
            pattern = BY_NAME[kind].pattern if kind in BY_NAME else ""
            typer.echo(f"  {path.name:<26} {pattern}".rstrip())
        typer.echo(_("Write copies with: smartplan schema --out DIR"))
        return
    written = write_schemas(out)
    typer.echo(
        ngettext(
            "Wrote %(n)d schema to %(folder)s:", "Wrote %(n)d schemas to %(folder)s:", len(written)
        )
        % {"n": len(written), "folder": out}
    )
    for path in written:
        typer.echo(f"  {path.name}")


def _plan_schemas(plan_dir: Path, out: Path | None) -> None:
    from smartplan.check.engine import validate_plan
    from smartplan.cli.common import loading
    from smartplan.scaffold import SCHEMA_FOLDER
    from smartplan.scaffold.plan_schemas import plan_ids, write_plan_schemas

    with loading():
        plan = validate_plan(plan_dir, use_baseline=False).plan
    target = out if out is not None else plan_dir / SCHEMA_FOLDER
    written = write_plan_schemas(plan, target)
    names = {
        "agency": lambda n: ngettext("%(n)d agency id", "%(n)d agency ids", n),
        "element": lambda n: ngettext("%(n)d element code", "%(n)d element codes", n),
        "program": lambda n: ngettext("%(n)d program id", "%(n)d program ids", n),
        "stakeholder": lambda n: ngettext("%(n)d stakeholder id", "%(n)d stakeholder ids", n),
        "risk": lambda n: ngettext("%(n)d risk id", "%(n)d risk ids", n),
        "answer": lambda n: ngettext("%(n)d gap or strategy id", "%(n)d gap and strategy ids", n),
    }
    counts = ", ".join(names[k](len(v)) % {"n": len(v)} for k, v in plan_ids(plan).items())
    typer.echo(
        ngettext(
            "Wrote %(n)d plan-specific schema to %(folder)s (%(counts)s).",
            "Wrote %(n)d plan-specific schemas to %(folder)s (%(counts)s).",
            len(written),
        )
        % {"n": len(written), "folder": target, "counts": counts}
    )
    typer.echo(
        _(
            "Run this again after adding agencies, elements, programs, stakeholders, risks, "
            "gaps or strategies."
        )
    )
