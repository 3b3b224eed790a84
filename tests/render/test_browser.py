"""The HTML in headless Chromium: key text visible, no request leaves, no console error.

Also prints it to PDF (A4, a page per chapter at least) and takes the
screenshot the README shows: written to docs/screenshot.png when
SMARTPLAN_UPDATE_GOLDEN=1. Skips with a reason without Chromium, unless
SMARTPLAN_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smartplan.render import RenderedDocument
from tests.render.browser import Browser, find_chromium
from tests.render.conftest import ROOT, UPDATE
from tests.render.external import unavailable

pytestmark = pytest.mark.slow

KEY_TEXT = {
    "id": ["Dokumen Masterplan Smart City", "Kabupaten Kotawaringin Timur", "Daftar isi",
           "Analisis kesiapan daerah", "Sampit Creative Hub", "Roadmap", "Anggaran"],
    "en": ["Smart City Master Plan", "Kotawaringin Timur Regency", "Contents",
           "Regional readiness analysis", "Sampit Creative Hub", "Roadmap", "Budget"],
}  # fmt: skip


@pytest.fixture(scope="module")
def chromium() -> str:
    executable = find_chromium()
    if executable is None:
        unavailable("chromium is not installed (apt-get install chromium)")
    assert executable is not None
    return executable


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_in_headless_chromium(
    chromium: str,
    tmp_path: Path,
    lang: str,
    kotim_docs: dict[str, dict[str, RenderedDocument]],
) -> None:
    html = tmp_path / f"masterplan-{lang}.html"
    html.write_text(kotim_docs[lang]["html"].text, encoding="utf-8")
    with Browser(chromium) as browser:
        browser.open(html.as_uri(), width=1280, height=1000)

        # nothing but the document itself is requested
        # the page itself, and the logo, embedded as a data: address (no network)
        requests = browser.requests()
        assert requests[0] == html.as_uri()
        assert all(r.startswith("data:image/") for r in requests[1:]), requests
        assert browser.console_errors() == []

        # innerText is what a reader sees (the cover kicker is upper-cased by CSS)
        visible = browser.evaluate("document.body.innerText").casefold()
        for text in KEY_TEXT[lang]:
            assert text.casefold() in visible, text
        assert browser.evaluate("document.documentElement.lang") == lang

        # the charts are drawn: each SVG has a size on the page
        sizes = browser.evaluate(
            "[...document.querySelectorAll('svg.chart')].map(s => {"
            "const r = s.getBoundingClientRect(); return [s.id, r.width, r.height]; })"
        )
        ids = [s[0] for s in sizes]
        # the roadmap comes in parts (one per horizon, cut to fit a printed page)
        assert ids[0] == "chart-readiness" and ids[-1] == "chart-budget", ids
        assert len(ids) > 3 and all(i.startswith("chart-roadmap-") for i in ids[1:-1]), ids
        assert all(w > 300 and h > 100 for _, w, h in sizes), sizes

        # every table-of-contents link leads to an element of the page
        broken = browser.evaluate(
            "[...document.querySelectorAll('nav.toc a')]"
            ".filter(a => !document.getElementById(a.getAttribute('href').slice(1)))"
            ".map(a => a.getAttribute('href'))"
        )
        assert broken == []

        # the README's picture: the budget chapter, with its chart and table
        browser.evaluate("document.getElementById('anggaran').scrollIntoView()")
        shot = tmp_path / "screenshot.png"
        browser.screenshot(shot)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        if UPDATE and lang == "id":
            shutil.copyfile(shot, ROOT / "docs" / "screenshot.png")

        pdf = tmp_path / "masterplan.pdf"
        browser.pdf(pdf)
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF")
        pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
        chapters = browser.evaluate("document.querySelectorAll('.chapter, .sheet').length")
        assert pages >= chapters  # a page break before each chapter and program sheet
