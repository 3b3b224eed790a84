"""``smartplan init``: scaffold a new plan that validates clean."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import handle_errors
from smartplan.cli.options import ColorOption, LangOption
from smartplan.i18n import N_, _, ngettext


class RegionType(StrEnum):
    kabupaten = "kabupaten"
    kota = "kota"


class CiService(StrEnum):
    github = "github"
    gitlab = "gitlab"


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return str(path)


@handle_errors
def init(
    plan_dir: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help=N_("Folder to create the plan in (new or empty)."),
            show_default=False,
        ),
    ],
    region: Annotated[
        str,
        typer.Option(
            "--region",
            "-r",
            help=N_(
                'Name of the regency or city as it is written, e.g. "Kotawaringin Timur", '
                '"Kabupaten Kotawaringin Timur", "Kab. Sleman" or "Kota Batu" (the type is '
                "read from the name)."
            ),
            show_default=False,
        ),
    ],
    region_type: Annotated[
        RegionType | None,
        typer.Option(
            "--type",
            "-t",
            help=N_(
                "kabupaten (regency) or kota (city). Default: from the name "
                '("Kota ..." is a city), else kabupaten.'
            ),
            show_default=False,
        ),
    ] = None,
    province: Annotated[
        str | None,
        typer.Option(
            "--province",
            "-p",
            help=N_('Province, e.g. "Kalimantan Tengah". Default: a text to fill in later.'),
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help=N_(
                "First and last year, 5 to 10 years, e.g. 2025-2034. Default: the next ten years."
            ),
            show_default=False,
        ),
    ] = None,
    ci: Annotated[
        CiService | None,
        typer.Option(
            "--ci",
            help=N_(
                "Also write a CI workflow: github (annotations, SARIF code scanning) or "
                "gitlab (Code Quality, JUnit), keeping the rendered plan as an artifact."
            ),
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_("Write into a folder that is not empty. Existing files are never overwritten."),
        ),
    ] = False,
    color: ColorOption = None,
    lang: LangOption = None,
) -> None:
    """Scaffold a new plan that validates clean, ready for an editor, git and pre-commit.

    Writes plan.yaml, the six pillar files, agencies.yaml, readiness.yaml, one
    example program per pillar, the JSON Schemas (.smartplan/schemas/) that every
    YAML file points at for editor completion, .vscode/settings.json, .gitignore
    and .pre-commit-config.yaml.
    """
    from smartplan.scaffold import PROVINCE_PLACEHOLDER, default_period, init_plan, parse_period

    result = init_plan(
        plan_dir,
        region=region,
        type=region_type.value if region_type is not None else None,
        province=province if province is not None else PROVINCE_PLACEHOLDER,
        period=parse_period(period if period is not None else default_period()),
        force=force,
        ci=ci.value if ci is not None else None,
    )
    echo = typer.echo
    echo(
        ngettext("Wrote %(n)d file in %(plan)s:", "Wrote %(n)d files in %(plan)s:", len(result))
        % {"n": len(result), "plan": plan_dir}
    )
    for path in result:
        echo(f"  {_shown(path, plan_dir)}")
    if result.skipped:
        skipped = len(result.skipped)
        echo(
            ngettext(
                "Skipped %(n)d file that already exists (left unchanged):",
                "Skipped %(n)d files that already exist (left unchanged):",
                skipped,
            )
            % {"n": skipped}
        )
        for path in result.skipped:
            echo(f"  {_shown(path, plan_dir)}")

    needs = "  pre-commit install        # " + _("needs: pip install pre-commit")
    echo("\n" + _("Next steps:"))
    if (repo := result.repo) is None:
        echo(f"  cd {plan_dir}\n  git init")
        echo(needs)
        echo("  smartplan validate")
    else:
        rel = _shown(plan_dir.resolve(), repo)
        echo(
            "  "
            + _(
                "%(plan)s is inside the git repository %(repo)s, and pre-commit reads its "
                "configuration from the repository root:"
            )
            % {"plan": plan_dir, "repo": repo}
        )
        echo(
            "  "
            + _(
                "move %(file)s there (or merge it into the one there) and set the hook's args "
                "to [%(plan)s]; then"
            )
            % {"file": _shown(plan_dir / ".pre-commit-config.yaml", Path.cwd()), "plan": rel}
        )
        if ci is not None:
            from smartplan.scaffold.ci import CI_SERVICES

            name = CI_SERVICES[ci.value][1]
            echo(
                "  "
                + _("move %(file)s to %(target)s as well;")
                % {"file": _shown(plan_dir / name, Path.cwd()), "target": f"{repo}/{name}"}
            )
        echo(f"  cd {repo}\n{needs}")
        echo(f"  smartplan validate {rel}")
    echo(
        "\n"
        + _('Then replace every "Isi ..." text and the CONTOH (example) programs with your own.')
    )
    if province is None:
        echo(
            _('The province is still "%(placeholder)s": set region.province in plan.yaml.')
            % {"placeholder": PROVINCE_PLACEHOLDER}
        )
    echo(
        _("Open the folder in VS Code with the YAML extension (redhat.vscode-yaml) for completion.")
    )
