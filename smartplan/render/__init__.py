"""Render a plan as the master plan document, in Markdown, HTML and PDF.

The core of ``smartplan render``; it imports neither typer nor rich.

    result = render_plan(plan, formats=("md", "html"), lang="id", out_dir=Path("build/kotim"))
    result.paths       # the files written, in format order
    result.fallbacks   # content fields shown in Indonesian in an English rendering

Each document is streamed into a temporary file beside its final name, never
held whole in memory; only when every document is complete are they renamed
into place. A template error half-way leaves all previous output untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from smartplan.errors import RenderError
from smartplan.i18n import lazy
from smartplan.io.atomic import write_atomic_all
from smartplan.io.chunks import BATCH, batched
from smartplan.model import Plan
from smartplan.render.context import build_context
from smartplan.render.environment import make_environment, markdown_context, stream_template
from smartplan.render.formatting import LOCALES, Formatter
from smartplan.render.i18n import Catalog, Fallback, Localizer, load_catalog
from smartplan.render.limits import Deadline, Limits, memory_limit, resolve_limits
from smartplan.render.units import load_units
from smartplan.render.views import chain as chain_views

if TYPE_CHECKING:  # prioritize is only needed when its results are passed in
    from jinja2.sandbox import SandboxedEnvironment

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

#: Output formats → the top-level template of each. The PDF is the HTML
#: document laid out for print (:mod:`smartplan.render.pdf`).
FORMATS: dict[str, str] = {
    "md": "masterplan.md.j2",
    "html": "masterplan.html.j2",
    "pdf": "masterplan.html.j2",
}
LANGUAGES: tuple[str, ...] = tuple(LOCALES)
#: The PDF's paged-media rules that browsers do not know, given to WeasyPrint
#: beside the HTML (so the HTML stays valid CSS for the Nu HTML Checker).
PAGED_CSS = "html/paged.css.j2"


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """One rendered document, still in memory (a PDF as bytes, the others as text)."""

    format: str
    name: str
    text: str | bytes


@dataclass(frozen=True, slots=True)
class RenderResult:
    """What a render wrote, and which content fell back to Indonesian."""

    paths: tuple[Path, ...]
    fallbacks: tuple[Fallback, ...]
    lang: str
    #: plan files of chapters the plan does not have yet (shown as "not yet written")
    unwritten: tuple[str, ...] = ()


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
        raise RenderError(
            lazy("refusing to write %(name)r: an output file name must not be a path", name=name)
        )
    return name


def _template_dirs(templates_dir: Path | None) -> list[Path]:
    from smartplan.resources import templates_dir as packaged_templates

    folders: list[Path] = []
    if templates_dir is not None:
        if not templates_dir.is_dir():
            raise RenderError(
                lazy(
                    "template folder %(templates_dir)s does not exist", templates_dir=templates_dir
                )
            )
        folders.append(templates_dir)
    try:
        folders.append(packaged_templates())
    except FileNotFoundError as exc:  # pragma: no cover - a broken installation
        raise RenderError(str(exc)) from None
    return folders


def _check_options(formats: Sequence[str], lang: str) -> list[str]:
    if lang not in LANGUAGES:
        raise RenderError(
            lazy("unsupported language %(lang)r", lang=lang),
            hint=lazy("use one of: %(choices)s", choices=", ".join(LANGUAGES)),
        )
    chosen: list[str] = []
    for fmt in formats:
        if fmt not in FORMATS:
            raise RenderError(
                lazy("unsupported format %(fmt)r", fmt=fmt),
                hint=lazy("use one of: %(choices)s", choices=", ".join(FORMATS)),
            )
        if fmt not in chosen:
            chosen.append(fmt)
    if not chosen:
        raise RenderError(lazy("no output format chosen"))
    if "pdf" in chosen:
        from smartplan.render.pdf import check_pdf_support

        check_pdf_support()  # before any template runs: a missing Pango is one clear line
    return chosen


@dataclass(frozen=True, slots=True)
class _Stream:
    """One document on its way out: its format, file name and text pieces."""

    format: str
    name: str
    chunks: Iterator[str] | Iterator[bytes]


_SPACE = " \t\n"


def collapse_blank_lines(chunks: Iterable[str], batch: int = BATCH) -> Iterator[str]:
    """Runs of blank lines in the text of ``chunks`` made one, streaming.

    The same as ``_BLANK_LINES.sub("\\n\\n", "".join(chunks))``: a match consists
    of spaces, tabs and newlines only, so any other character is a border no
    match crosses. Each batch is cleaned up to its last such character; the
    whitespace after it waits for the next batch.
    """
    carry = ""
    for piece in batched(chunks, batch):
        text = carry + piece
        cut = len(text.rstrip(_SPACE))
        if cut == 0:
            carry = text
            continue
        yield _BLANK_LINES.sub("\n\n", text[:cut])
        carry = text[cut:]
    if carry:
        yield _BLANK_LINES.sub("\n\n", carry)


def _streams(
    plan: Plan,
    formats: Sequence[str],
    lang: str,
    templates_dir: Path | None,
    priorities: Prioritization | None,
    schedule: Roadmap | None,
    limits: Limits,
) -> tuple[list[_Stream], Localizer]:
    chosen, folders, catalog, formatter = prepare(plan, formats, lang, templates_dir)
    units = load_units(folders) if lang != "id" else {}
    context, localizer = build_context(plan, catalog, formatter, priorities, schedule, units)
    context["t"] = catalog
    # the time limit counts from here: the templates run as the streams are read
    env = make_environment(formatter, folders, Deadline(limits.time))
    streams = []
    for fmt in chosen:
        chunks = document_chunks(env, fmt, FORMATS[fmt], context, catalog)
        streams.append(_Stream(fmt, output_name(fmt, lang), chunks))
    return streams, localizer


def document_chunks(
    env: SandboxedEnvironment, fmt: str, template: str, context: dict[str, Any], catalog: Catalog
) -> Iterator[str] | Iterator[bytes]:
    """The chunks of one document in ``fmt`` from ``template`` (the master plan and the
    monev report alike): Markdown with its texts made inert beforehand (HTML is
    autoescaped) and runs of blank lines collapsed, the PDF laid out from the HTML with
    the paged-media stylesheet, HTML in batches."""
    if fmt == "md":
        return collapse_blank_lines(stream_template(env, template, markdown_context(context)))
    if fmt == "pdf":
        from smartplan.render.pdf import ListTitles, pdf_chunks

        titles = ListTitles(catalog("print.tables"), catalog("print.figures"))
        return pdf_chunks(
            stream_template(env, template, context),
            titles,
            stream_template(env, PAGED_CSS, context),
        )
    return batched(stream_template(env, template, context))


def prepare(
    plan: Plan, formats: Sequence[str], lang: str, templates_dir: Path | None
) -> tuple[list[str], list[Path], Catalog, Formatter]:
    """What every document needs first: the formats checked, the template folders, the
    label catalog and the formatter of ``lang`` (the master plan and the monev report)."""
    chosen = _check_options(formats, lang)
    if plan.info is None:
        raise RenderError(lazy("the plan has no readable plan.yaml; validate it first"))
    folders = _template_dirs(templates_dir)
    return chosen, folders, load_catalog(lang, folders), Formatter(lang)


def render_documents(
    plan: Plan,
    *,
    formats: Sequence[str] = ("md", "html"),
    lang: str = "id",
    templates_dir: Path | None = None,
    priorities: Prioritization | None = None,
    schedule: Roadmap | None = None,
    time_limit: float | None = None,
    memory_limit_bytes: int | None = None,
) -> tuple[list[RenderedDocument], tuple[Fallback, ...]]:
    """Render ``plan`` in memory: the documents and the content fallbacks.

    The limits are those of :func:`render_plan`.
    """
    limits = resolve_limits(time_limit, memory_limit_bytes)
    streams, localizer = _streams(plan, formats, lang, templates_dir, priorities, schedule, limits)
    with memory_limit(limits.memory):
        documents = [
            RenderedDocument(
                stream.format,
                stream.name,
                b"".join(stream.chunks)  # type: ignore[arg-type]  # a PDF streams bytes
                if stream.format == "pdf"
                else "".join(stream.chunks),  # type: ignore[arg-type]  # the others text
            )
            for stream in streams
        ]
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
    time_limit: float | None = None,
    memory_limit_bytes: int | None = None,
) -> RenderResult:
    """Render ``plan`` and write ``masterplan-<lang>.<format>`` files to ``out_dir``.

    ``priorities`` is the result of :func:`smartplan.prioritize.prioritize`
    (the Prioritas chapter shows its ranking); without it the chapter shows the
    configured method and criteria only. ``schedule`` is the result of
    :func:`smartplan.prioritize.schedule` (the Roadmap chapter then lists the
    start years it suggests under the budget ceilings). ``templates_dir`` is
    searched before the packaged templates. Raises :class:`RenderError` when a
    template fails (then nothing is written under a final name: the documents
    are streamed to temporary files, renamed only when all are complete) and
    :class:`OutputError` when a file cannot be written.

    The templates run under a time limit (``time_limit`` seconds) and may grow
    the process by at most ``memory_limit_bytes``; past either, the render
    stops with a RenderError naming the template. ``None`` takes the value of
    ``SMARTPLAN_TIME_LIMIT`` / ``SMARTPLAN_MEMORY_LIMIT``, else the defaults
    (60 s, 1 GiB); ``0`` turns a limit off. See :mod:`smartplan.render.limits`.
    """
    limits = resolve_limits(time_limit, memory_limit_bytes)
    streams, localizer = _streams(plan, formats, lang, templates_dir, priorities, schedule, limits)
    # every name is checked before the first write
    paths = [out_dir / _plain_file_name(stream.name) for stream in streams]
    with memory_limit(limits.memory):
        write_atomic_all(zip(paths, (stream.chunks for stream in streams), strict=True))
    # fallbacks are collected as the templates run, so only now are they complete
    return RenderResult(
        tuple(paths), localizer.sorted_fallbacks(), lang, tuple(chain_views.unwritten(plan))
    )
