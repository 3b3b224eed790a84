"""Render a plan as the master plan document, in Markdown and HTML.

The core of ``smartplan render``; it imports neither typer nor rich.

    result = render_plan(plan, formats=("md", "html"), lang="id", out_dir=Path("build/kotim"))
    result.paths       # the files written, in format order
    result.fallbacks   # content fields shown in Indonesian in an English rendering

Every document is rendered to memory first and only then written, each file
atomically: a template error leaves all previous output untouched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING

from smartplan.errors import RenderError
from smartplan.model import Plan
from smartplan.render.context import build_context
from smartplan.render.environment import make_environment, markdown_context, render_template
from smartplan.render.formatting import LOCALES, Formatter
from smartplan.render.i18n import Fallback, load_catalog
from smartplan.writer import write_atomic

if TYPE_CHECKING:  # prioritize is only needed when its results are passed in
    from smartplan.prioritize.result import Prioritization, Roadmap

__all__ = [
    "FORMATS",
    "LANGUAGES",
    "Fallback",
    "RenderResult",
    "RenderedDocument",
    "output_name",
    "render_documents",
    "render_plan",
]

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")

#: Output formats → the top-level template of each.
FORMATS: dict[str, str] = {"md": "masterplan.md.j2", "html": "masterplan.html.j2"}
LANGUAGES: tuple[str, ...] = tuple(LOCALES)


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """One rendered document, still in memory."""

    format: str
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What a render wrote, and which content fell back to Indonesian."""

    paths: tuple[Path, ...]
    fallbacks: tuple[Fallback, ...]
    lang: str


def output_name(fmt: str, lang: str) -> str:
    """The file name of a rendering, e.g. ``masterplan-id.html``."""
    return f"masterplan-{lang}.{fmt}"


def _plain_file_name(name: str) -> str:
    """``name`` if it is a bare file name; a path (``../x``, ``/x``, ``a\\b``) is refused.

    Output names never come from plan ids today; this keeps it so: nothing a
    render writes can land outside ``out_dir``.
    """
    if (
        name in ("", ".", "..")
        or "\0" in name
        or any(flavour(name).name != name for flavour in (PurePosixPath, PureWindowsPath))
    ):
        raise RenderError(f"refusing to write {name!r}: an output file name must not be a path")
    return name


def _template_dirs(templates_dir: Path | None) -> list[Path]:
    from smartplan.resources import templates_dir as packaged_templates

    folders: list[Path] = []
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise RenderError(f"template folder {templates_dir} does not exist")
        folders.append(templates_dir)
    try:
        folders.append(packaged_templates())
    except FileNotFoundError as exc:  # pragma: no cover - a broken installation
        raise RenderError(str(exc)) from None
    return folders


def _check_options(formats: Sequence[str], lang: str) -> list[str]:
    if lang not in LANGUAGES:
        raise RenderError(
            f"unsupported language {lang!r}", hint="use one of: " + ", ".join(LANGUAGES)
        )
    chosen: list[str] = []
    for fmt in formats:
        if fmt not in FORMATS:
            raise RenderError(
                f"unsupported format {fmt!r}", hint="use one of: " + ", ".join(FORMATS)
            )
        if fmt not in chosen:
            chosen.append(fmt)
    if not chosen:
        raise RenderError("no output format chosen")
    return chosen


def render_documents(
    plan: Plan,
    *,
    formats: Sequence[str] = ("md", "html"),
    lang: str = "id",
    templates_dir: Path | None = None,
    priorities: Prioritization | None = None,
    schedule: Roadmap | None = None,
) -> tuple[list[RenderedDocument], tuple[Fallback, ...]]:
    """Render ``plan`` in memory: the documents and the content fallbacks."""
    chosen = _check_options(formats, lang)
    if plan.info is None:
        raise RenderError("the plan has no readable plan.yaml; validate it first")
    folders = _template_dirs(templates_dir)
    catalog = load_catalog(lang, folders)
    formatter = Formatter(lang)
    context, localizer = build_context(plan, catalog, formatter, priorities, schedule)
    context["t"] = catalog
    env = make_environment(formatter, folders)
    documents = []
    for fmt in chosen:
        # HTML is autoescaped; Markdown gets its texts made inert beforehand.
        text = render_template(
            env, FORMATS[fmt], markdown_context(context) if fmt == "md" else context
        )
        if fmt == "md":
            # Template whitespace leaves runs of blank lines; one is enough.
            text = _BLANK_LINES.sub("\n\n", text)
        documents.append(RenderedDocument(fmt, output_name(fmt, lang), text))
    return documents, localizer.sorted_fallbacks()


def render_plan(
    plan: Plan,
    *,
    formats: Sequence[str] = ("md", "html"),
    lang: str = "id",
    out_dir: Path,
    templates_dir: Path | None = None,
    priorities: Prioritization | None = None,
    schedule: Roadmap | None = None,
) -> RenderResult:
    """Render ``plan`` and write ``masterplan-<lang>.<format>`` files to ``out_dir``.

    ``priorities`` is the result of :func:`smartplan.prioritize.prioritize`
    (the Prioritas chapter shows its ranking); without it the chapter shows the
    configured method and criteria only. ``schedule`` is the result of
    :func:`smartplan.prioritize.schedule` (the Roadmap chapter then lists the
    start years it suggests under the budget ceilings). ``templates_dir`` is
    searched before the packaged templates. Raises :class:`RenderError` when a template fails
    (then nothing is written: every document is rendered before the first
    write) or a file cannot be written.
    """
    documents, fallbacks = render_documents(
        plan,
        formats=formats,
        lang=lang,
        templates_dir=templates_dir,
        priorities=priorities,
        schedule=schedule,
    )
    # every name is checked before the first write
    paths = [out_dir / _plain_file_name(document.name) for document in documents]
    for path, document in zip(paths, documents, strict=True):
        write_atomic(path, document.text.encode("utf-8"))
    return RenderResult(tuple(paths), fallbacks, lang)
