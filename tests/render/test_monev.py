"""The yearly monev report: golden files in both languages, structure, determinism, CLI."""

from __future__ import annotations

import difflib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smartplan.check.engine import validate_plan
from smartplan.cli import app
from smartplan.monitor.evaluate import evaluate
from smartplan.render.monev import render_monev
from tests.render.conftest import GOLDEN, KOTIM, UPDATE

CASES = [(lang, fmt) for lang in ("id", "en") for fmt in ("md", "html")]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    plan = validate_plan(KOTIM).plan
    result = evaluate(plan, 2024)
    out = tmp_path_factory.mktemp("monev")
    texts = {}
    for lang in ("id", "en"):
        written = render_monev(plan, result, lang=lang, out_dir=out)
        assert written.fallbacks == ()
        for path in written.paths:
            texts[(lang, path.suffix[1:])] = path.read_text(encoding="utf-8")
    return texts


@pytest.mark.parametrize(("lang", "fmt"), CASES, ids=[f"{lang}-{fmt}" for lang, fmt in CASES])
def test_kotim_2024_matches_golden(
    rendered: dict[tuple[str, str], str], lang: str, fmt: str
) -> None:
    text = rendered[(lang, fmt)]
    golden = GOLDEN / f"kotim-monev-2024-{lang}.{fmt}"
    if UPDATE:
        golden.write_text(text, encoding="utf-8", newline="\n")
    expected = golden.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(
            list(difflib.unified_diff(expected.splitlines(True), text.splitlines(True)))[:60]
        )
        pytest.fail(f"the monev report differs from golden/{golden.name}:\n{diff}")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.th_without_scope = 0
        self.svgs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"] or "")
        if tag == "th" and "scope" not in attributes:
            self.th_without_scope += 1
        if tag == "svg":
            self.svgs.append(attributes)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_html_is_self_contained_and_accessible(
    rendered: dict[tuple[str, str], str], lang: str
) -> None:
    text = rendered[(lang, "html")]
    doc = _Collector()
    doc.feed(text)
    assert text.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    assert len(doc.ids) == len(set(doc.ids))
    assert {h[1:] for h in doc.hrefs} <= set(doc.ids)
    assert doc.th_without_scope == 0
    assert not re.search(r"https?:", text) and "<script" not in text
    assert [s["id"] for s in doc.svgs] == [
        "chart-monev-pillars", "chart-monev-quarters", "chart-monev-trend",
    ]  # fmt: skip
    for svg in doc.svgs:
        assert svg["role"] == "img"
        assert svg["aria-labelledby"] == f"{svg['id']}-title {svg['id']}-desc"
    assert "&lt;svg" not in text


def test_report_holds_the_figures(rendered: dict[tuple[str, str], str]) -> None:
    md = rendered[("id", "md")]
    assert "34/36" in md and "80,2 %" in md  # Indonesian decimal comma
    assert "Peraturan Bupati Kotawaringin Timur Nomor 9 Tahun 2024" in md
    assert "| **Indeks akhir** | **3,09** | hitung ulang 3,089 |" in md
    en = rendered[("en", "md")]
    assert "Programs off track" in en and "Mentaya Digital Fisheries" in en


def test_render_command_writes_both_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["render", str(KOTIM), "--report", "monev", "--year", "2024", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["monev-2024-id.html", "monev-2024-id.md"]
    again = runner.invoke(
        app, ["render", str(KOTIM), "--report", "monev", "--year", "2024", "-o", str(tmp_path)]
    )
    assert again.exit_code == 0
    no_year = runner.invoke(app, ["render", str(KOTIM), "--report", "monev", "-o", str(tmp_path)])
    assert no_year.exit_code == 2 and "needs a year" in no_year.stderr
