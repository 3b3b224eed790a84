"""``smartplan rules``: list every rule, or explain one with its examples."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from smartplan.cli.common import fail, handle_errors
from smartplan.cli.options import ColorOption, LangOption, use_color
from smartplan.i18n import N_, _, localize, ngettext

if TYPE_CHECKING:
    from smartplan.check.config import RuleConfig


@handle_errors
def rules(
    code: Annotated[
        str | None,
        typer.Argument(
            help=N_("A rule code (e.g. R002) or name (references.agency) to explain."),
            show_default=False,
        ),
    ] = None,
    plan_dir: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            metavar="PLAN_DIR",
            help=N_("Show the effective severity for this plan (its rule configuration)."),
            show_default=False,
        ),
    ] = None,
    color: ColorOption = None,
    lang: LangOption = None,
) -> None:
    """List the validation rules, or explain one with a failing and a passing example."""
    from smartplan.check.rules import all_rules, get_rule
    from smartplan.report import get_reporter

    config = _plan_config(plan_dir) if plan_dir is not None else None
    if code is None:
        plan = str(plan_dir) if plan_dir is not None else None
        get_reporter("rules", "list")(
            all_rules(), sys.stdout, config=config, plan=plan, color=use_color(sys.stdout, color)
        )
        return
    rule = get_rule(code) or next((r for r in all_rules() if r.name == code), None)
    if rule is None:
        known = ", ".join(r.code for r in all_rules())
        raise fail(
            _("unknown rule %(code)r") % {"code": code},
            _("known codes: %(codes)s") % {"codes": known},
        )
    get_reporter("rules", "explain")(rule, sys.stdout, color=use_color(sys.stdout, color))


def _plan_config(plan_dir: Path) -> RuleConfig:
    """The plan's rule configuration; one it cannot read is refused with its K001 problems.

    Showing "effective" severities from a configuration that is partly
    ignored would tell the reader the wrong thing.
    """
    from smartplan.check.engine import validate_plan

    result = validate_plan(plan_dir, use_baseline=False)
    broken = [p for p in result.problems if p.code == "K001"]
    if broken:
        for problem in broken:
            sys.stderr.write(
                f"{problem.file}:{problem.line}:{problem.column}: "
                f"{localize(problem.message)} (K001)\n"
            )
        raise fail(
            ngettext(
                "the rule configuration of %(plan)s has %(n)d problem",
                "the rule configuration of %(plan)s has %(n)d problems",
                len(broken),
            )
            % {"plan": plan_dir, "n": len(broken)},
            _("fix them (smartplan validate shows them too); until then it is not applied"),
            1,
        )
    return result.config
