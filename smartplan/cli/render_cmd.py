"""``smartplan render``: write the master plan document in Markdown, HTML and PDF."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from smartplan.cli.common import PlanDirArgument, handle_errors
from smartplan.cli.options import ColorOption, QuietOption
from smartplan.i18n import N_, _, ngettext

#: fallback fields listed after an English render; the count says how many in all
FALLBACKS_SHOWN = 10


class RenderFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    both = "both"
    all = "all"


class RenderReport(StrEnum):
    masterplan = "masterplan"
    monev = "monev"


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
            help=N_(
                "Which document to write: md, html, pdf (print-ready, needs Pango), "
                "both (md and html) or all (md, html and pdf)."
            ),
        ),
    ] = RenderFormat.both,
    lang: Annotated[
        RenderLanguage | None,
        typer.Option(
            "--lang",
            "-l",
            help=N_(
                "Language of the document, and of the messages too: id or en. Default: the "
                "plan's language for the document (id unless set), the messages' as for any "
                "command."
            ),
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help=N_("Output folder. Default: build/ inside the plan folder (PLAN_DIR/build/)."),
            show_default=False,
            file_okay=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            help=N_(
                "Folder of templates (and i18n/<lang>.yaml labels) searched before the "
                "packaged ones; a file there overrides the packaged file of the same name."
            ),
            show_default=False,
            exists=True,
            file_okay=False,
        ),
    ] = None,
    report: Annotated[
        RenderReport,
        typer.Option("--report", help=N_("masterplan, or monev: the yearly report of --year.")),
    ] = RenderReport.masterplan,
    year: Annotated[
        int | None,
        typer.Option("--year", help=N_("Year of the monev report."), show_default=False),
    ] = None,
    quiet: QuietOption = False,
    color: ColorOption = None,
) -> None:
    """Render the master plan document (validates the plan first).

    Writes masterplan-<lang>.md and masterplan-<lang>.html, and with --format
    pdf or all the print-ready masterplan-<lang>.pdf; with --report monev
    --year Y the yearly monev report monev-<Y>-<lang>.<format> instead. An
    invalid plan is refused with its problems listed (exit 1).
    """
    from smartplan.cli.common import load_valid_plan
    from smartplan.cli.progress import Activity
    from smartplan.prioritize import prioritize, schedule
    from smartplan.render import render_plan

    folder = plan_dir if plan_dir is not None else Path.cwd()
    if report is RenderReport.monev:
        from smartplan.cli.monitoring import render_monev_report

        render_monev_report(
            folder, year, _FORMATS[output_format], lang.value if lang else None, out, templates
        )
        return
    plan = load_valid_plan(folder, quiet=quiet, color=color)
    assert plan.info is not None  # a valid plan has its plan.yaml
    language = lang.value if lang is not None else plan.info.language
    formats = _FORMATS[output_format]
    # beside the plan, as mkdocs writes site/ beside mkdocs.yml: the plan's own
    # .gitignore lists build/, and the output no longer depends on the cwd
    out_dir = out if out is not None else folder / "build"
    count = len(plan.programs)
    busy = Activity(
        ngettext("rendering %(n)s program", "rendering %(n)s programs", count)
        % {"n": f"{count:,}"},
        quiet=quiet,
    )
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
    busy.stop()
    for path in result.paths if not quiet else ():
        typer.echo(_("wrote %(file)s") % {"file": path})
    if result.unwritten:
        missing = len(result.unwritten)
        sys.stderr.write(
            ngettext(
                "warning: %(n)d chapter file not yet written; the document says so where it "
                "belongs: %(files)s",
                "warning: %(n)d chapter files not yet written; the document says so where they "
                "belong: %(files)s",
                missing,
            )
            % {"n": missing, "files": ", ".join(result.unwritten)}
            + "\n"
        )
    if result.fallbacks and not quiet:
        count = len(result.fallbacks)
        sys.stderr.write(
            ngettext(
                "note: %(n)d content field has no English text and is shown in Indonesian:",
                "note: %(n)d content fields have no English text and are shown in Indonesian:",
                count,
            )
            % {"n": count}
            + "\n"
        )
        for fallback in result.fallbacks[:FALLBACKS_SHOWN]:
            sys.stderr.write(f"  {folder / fallback.file}#{fallback.pointer}\n")
        if count > FALLBACKS_SHOWN:
            sys.stderr.write("  " + _("... and %(n)d more") % {"n": count - FALLBACKS_SHOWN} + "\n")
