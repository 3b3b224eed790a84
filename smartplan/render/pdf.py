"""The master plan as a print-ready PDF: the HTML document laid out by WeasyPrint.

Browsers print HTML without page numbers a reader can cite, without a table of
contents that says on which page a chapter starts, and with a table's footer
repeated on every page. WeasyPrint implements CSS paged media: margin boxes
(page x of y, a running header), ``target-counter()`` for the contents and the
lists of tables and figures, named pages (the landscape roadmap), and PDF
bookmarks from the headings. The PDF is made from exactly the HTML that
``--format html`` writes; its print rules live in ``html/style.css.j2``, and
the few that only a paged-media renderer knows (the running chapter title,
the bookmark levels) in ``html/paged.css.j2``, given to WeasyPrint beside the
document so that the HTML stays valid for browsers and the Nu HTML Checker.
Before layout, the lists of tables and figures are made from the captions
(:func:`add_lists`).

WeasyPrint needs the Pango library (a system package). Its absence is found
before any template runs, and reported as one line naming the package.

The PDF is deterministic: its metadata come from the HTML's ``<meta>``
elements (the creation date is the plan's date, never the clock), and
WeasyPrint derives the file identifier and font subset names from the content.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import Any

from smartplan.errors import RenderError
from smartplan.i18n import lazy

__all__ = ["ListTitles", "add_lists", "check_pdf_support", "html_to_pdf", "pdf_chunks"]

#: The Debian/Ubuntu package that brings Pango (and with it HarfBuzz and fontconfig).
PANGO_PACKAGE = "libpango-1.0-0"


@lru_cache(maxsize=1)
def _weasyprint() -> Any:
    """The weasyprint module, imported once; a RenderError saying what is missing."""
    try:
        import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no type hints
    except ImportError:
        raise RenderError(
            lazy("the PDF needs the Python package weasyprint, which is not installed"),
            hint=lazy("pip install weasyprint (it comes with smartplan's own installation)"),
        ) from None
    except OSError as exc:  # weasyprint loads Pango through cffi at import
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RenderError(
            lazy(
                "the PDF needs the Pango library, which this machine lacks (%(detail)s)",
                detail=detail,
            ),
            hint=lazy(
                "install the system package %(pango_package)s (Debian/Ubuntu: apt-get install "
                "%(pango_package)s)",
                pango_package=PANGO_PACKAGE,
            ),
        ) from None
    return weasyprint


def check_pdf_support() -> None:
    """Raise :class:`RenderError` (one line, exit 2) unless a PDF can be made here."""
    _weasyprint()


def _fetcher() -> Any:
    """WeasyPrint's own fetcher, allowed ``data:`` URLs only (the cover's logo).

    The document is self-contained; nothing in it may make the renderer read
    a file or the network (a region's template could try): any other address
    is refused by WeasyPrint and the resource left out.
    """
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]  # no stubs

    return URLFetcher(allowed_protocols={"data"})


@contextlib.contextmanager
def _quiet_loggers() -> Iterator[None]:
    """WeasyPrint and fontTools log every CSS property they skip; the user needs none of it."""
    loggers = [logging.getLogger(name) for name in ("weasyprint", "fontTools")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def html_to_pdf(html: str, stylesheet: str = "") -> bytes:
    """The PDF of the self-contained HTML document ``html``.

    ``stylesheet`` is CSS applied after the document's own: the paged-media
    rules a browser does not know (``html/paged.css.j2``).
    """
    weasyprint = _weasyprint()
    with _quiet_loggers():
        try:
            fetcher = _fetcher()
            sheets = [weasyprint.CSS(string=stylesheet, url_fetcher=fetcher)] if stylesheet else []
            document = weasyprint.HTML(string=html, url_fetcher=fetcher).render(stylesheets=sheets)
            # uncompressed=False (the default) and no pdf_variant: the smallest file;
            # the metadata come from the <meta> elements of the HTML.
            return bytes(document.write_pdf())
        except RecursionError:
            raise RenderError(
                lazy("the document is nested too deeply to lay out as a PDF")
            ) from None


@dataclass(frozen=True, slots=True)
class ListTitles:
    """The headings of the lists of tables and figures, in the document's language."""

    tables: str
    figures: str


#: Where the templates want the lists (html/masterplan.html.j2, after the contents).
LISTS_MARK = "<!-- smartplan:lists -->"
#: The appendix: its program sheets' small tables are not listed.
_APPENDIX = 'id="lampiran"'
_TABLE = re.compile(r"<table(?P<attrs>[^>]*)>\s*<caption>(?P<caption>.*?)</caption>", re.DOTALL)
_FIGURE = re.compile(
    r"<figure(?P<attrs>[^>]*)>(?P<body>(?:(?!</figure>).)*?)<figcaption>(?P<caption>.*?)</figcaption>",
    re.DOTALL,
)
_ID = re.compile(r'\bid="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def _collect(
    html: str, pattern: re.Pattern[str], tag: str, prefix: str
) -> tuple[str, list[tuple[str, str]]]:
    """Give every match of ``pattern`` (a ``<tag ...>`` element) an id.

    Returns the new text and the (id, caption) of each match, in order.
    """
    entries: list[tuple[str, str]] = []

    def name(match: re.Match[str]) -> str:
        attrs = match.group("attrs")
        found = _ID.search(attrs)
        anchor = found.group(1) if found else f"{prefix}-{len(entries) + 1}"
        entries.append((anchor, " ".join(_TAG.sub("", match.group("caption")).split())))
        if found:
            return match.group(0)
        opening = f"<{tag}{attrs}>"
        return f'<{tag}{attrs} id="{anchor}">' + match.group(0)[len(opening) :]

    return pattern.sub(name, html), entries


def _list_section(anchor: str, title: str, entries: list[tuple[str, str]]) -> str:
    # captions are already HTML (escaped text, tags stripped); the title is a catalog label
    title = escape(title)
    items = "\n".join(f'<li><a href="#{a}">{caption}</a></li>' for a, caption in entries)
    return (
        f'<nav class="page lists" id="{anchor}" aria-labelledby="{anchor}-title">\n'
        f'<h2 id="{anchor}-title">{title}</h2>\n<ol>\n{items}\n</ol>\n</nav>\n'
    )


def add_lists(html: str, titles: ListTitles) -> str:
    """``html`` with lists of its tables and figures where the templates marked them.

    Every captioned table and figure before the appendix is listed (a chapter
    a region adds is listed too), each linked by its id (one is given where
    missing), so the PDF can print the page of each with ``target-counter``.
    Without the mark the document is returned unchanged.
    """
    mark = html.find(LISTS_MARK)
    if mark < 0:
        return html
    cut = html.find(_APPENDIX, mark)
    body, rest = (html, "") if cut < 0 else (html[:cut], html[cut:])
    body, tables = _collect(body, _TABLE, "table", "tabel")
    body, figures = _collect(body, _FIGURE, "figure", "gambar")
    lists = ""
    if tables:
        lists += _list_section("daftar-tabel", titles.tables, tables)
    if figures:
        lists += _list_section("daftar-gambar", titles.figures, figures)
    return body.replace(LISTS_MARK, lists, 1) + rest


def pdf_chunks(
    html_chunks: Iterable[str], titles: ListTitles, stylesheet: Iterable[str] = ()
) -> Iterator[bytes]:
    """The PDF of the HTML document streamed as ``html_chunks``, as one chunk.

    ``stylesheet`` is the text of the paged-media stylesheet, in pieces.

    Layout needs the whole document, so the HTML is joined here; the templates
    run only when the writer asks for the first chunk, like the other formats.
    """
    buffer = io.StringIO()
    for chunk in html_chunks:
        buffer.write(chunk)
    yield html_to_pdf(add_lists(buffer.getvalue(), titles), "".join(stylesheet))
