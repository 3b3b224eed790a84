"""Structure of the HTML document, checked without a browser."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from smartplan.render import RenderedDocument
from smartplan.render.charts import GanttRow, mermaid_gantt


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.th_without_scope = 0
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"] or "")
        if tag == "th" and "scope" not in attributes:
            self.th_without_scope += 1


@pytest.fixture(scope="module", params=["id", "en"])
def parsed(
    request: pytest.FixtureRequest, kotim_docs: dict[str, dict[str, RenderedDocument]]
) -> tuple[str, _Collector]:
    text = kotim_docs[request.param]["html"].text
    collector = _Collector()
    collector.feed(text)
    return text, collector


def test_lang_and_charset(parsed: tuple[str, _Collector]) -> None:
    text, _ = parsed
    assert re.match(r'<!DOCTYPE html>\n<html lang="(id|en)">', text)
    assert '<meta charset="utf-8">' in text


def test_ids_are_unique_and_anchors_resolve(parsed: tuple[str, _Collector]) -> None:
    _, doc = parsed
    assert len(doc.ids) == len(set(doc.ids))
    targets = {h[1:] for h in doc.hrefs if h.startswith("#")}
    assert targets <= set(doc.ids)
    assert all(h.startswith("#") for h in doc.hrefs), "links must stay inside the document"


def test_every_header_cell_has_a_scope(parsed: tuple[str, _Collector]) -> None:
    assert parsed[1].th_without_scope == 0


def test_self_contained(parsed: tuple[str, _Collector]) -> None:
    text, doc = parsed
    assert not re.search(r"https?:", text)
    assert "@import" not in text and "url(" not in text
    for tag, attributes in doc.tags:
        # the only source allowed is the logo, embedded as a data: address
        if tag == "img":
            embedded = ("data:image/svg+xml;", "data:image/png;", "data:image/jpeg;")
            assert attributes["src"].startswith(embedded), tag
        else:
            assert "src" not in attributes, tag
        assert not (tag == "link" and attributes.get("rel") == "stylesheet")
    assert "<script" not in text


def test_charts_have_title_and_text_alternative(parsed: tuple[str, _Collector]) -> None:
    text, doc = parsed
    svgs = [a for tag, a in doc.tags if tag == "svg"]
    ids = [a["id"] for a in svgs]
    assert ids == [
        "chart-readiness",
        "chart-roadmap-short-1",
        "chart-roadmap-medium-1",
        "chart-roadmap-medium-2",
        "chart-roadmap-long-1",
        "chart-roadmap-long-2",
        "chart-budget",
    ]
    for attributes in svgs:
        chart = attributes["id"]
        assert attributes["role"] == "img"
        assert attributes["aria-labelledby"] == f"{chart}-title {chart}-desc"
        assert re.search(rf'<title id="{chart}-title">[^<]+</title>', text)
        assert re.search(rf'<desc id="{chart}-desc">[^<]+</desc>', text)


def test_print_css(parsed: tuple[str, _Collector]) -> None:
    text, _ = parsed
    assert "size: A4" in text
    assert "break-before: page" in text


def test_mermaid_gantt_block() -> None:
    block = mermaid_gantt(
        "Roadmap 2023–2027",
        [("Jangka pendek", [GanttRow("Hub: kreatif #1", 2023, 2023, marker=True)]),
         ("Kosong", [])],
    )  # fmt: skip
    assert block.splitlines() == [
        "gantt",
        "    title Roadmap 2023–2027",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y",
        "    section Jangka pendek",
        "    Hub kreatif 1 :crit, 2023-01-01, 2024-01-01",
    ]
