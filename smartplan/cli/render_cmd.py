"""``smartplan render``: write the master plan document in Markdown, HTML and PDF."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import PlanDirArgument, handle_errors


class RenderFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    both = "both"
    all = "all"


#: What each --format writes. Without the option: Markdown and HTML (fast, no
#: system library needed); ``all`` adds the print-ready PDF.
_FORMATS: dict[RenderFormat, tuple[str, ...]] = {
    RenderFormat.md: ("md",),
    RenderFormat.html: ("html",),
    RenderFormat.pdf: ("pdf",),
    RenderFormat.both: ("md", "html"),
    RenderFormat.all: ("md", "html", "pdf"),
}


class RenderLanguage(StrEnum):
    id = "id"
    en = "en"


@handle_errors
def render(
    plan_dir: PlanDirArgument = None,
    output_format: Annotated[
        RenderFormat,
        typer.Option(
            "--format",
            "-f",
            help="Which document to write: md, html, pdf (print-ready, needs Pango), "
            "both (md and html) or all (md, html and pdf).",
        ),
    ] = RenderFormat.both,
    lang: Annotated[
        RenderLanguage | None,
        typer.Option(
            "--lang",
            "-l",
            help="Document language: id or en. Default: the plan's language (id unless set).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Output folder. Default: build/<plan id>/.",
            show_default=False,
            file_okay=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help="Folder of templates (and i18n/<lang>.yaml labels) searched before the "
            "packaged ones; a file there overrides the packaged file of the same name.",
            show_default=False,
            exists=True,
            file_okay=False,
        ),
    ] = None,
) -> None:
    """Render the master plan document (validates the plan first).

    Writes masterplan-<lang>.md and masterplan-<lang>.html, and with --format
    pdf or all the print-ready masterplan-<lang>.pdf. An invalid plan is
    refused with its problems listed (exit 1).
    """
    from smartplan.cli.common import load_valid_plan
    from smartplan.prioritize import prioritize, schedule
    from smartplan.render import render_plan

    folder = plan_dir if plan_dir is not None else Path.cwd()
    plan = load_valid_plan(folder)
    assert plan.info is not None  # a valid plan has its plan.yaml
    language = lang.value if lang is not None else plan.info.language
    formats = _FORMATS[output_format]
    out_dir = out if out is not None else Path("build") / plan.info.id
    ranking = prioritize(plan)
    roadmap = schedule(plan, ranking)
    result = render_plan(
        plan,
        formats=formats,
        lang=language,
        out_dir=out_dir,
        templates_dir=templates,
        priorities=ranking,
        schedule=roadmap,
    )
    for path in result.paths:
        typer.echo(f"wrote {path}")
    if result.fallbacks:
        count = len(result.fallbacks)
        noun = "field has" if count == 1 else "fields have"
        sys.stderr.write(
            f"note: {count} content {noun} no English text and {'is' if count == 1 else 'are'} "
            "shown in Indonesian:\n"
        )
        for fallback in result.fallbacks:
            sys.stderr.write(f"  {folder / fallback.file}#{fallback.pointer}\n")
