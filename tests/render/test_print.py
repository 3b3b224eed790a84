"""Print pieces that need no PDF library: rounding, table units, lists, units, the Gantt parts.

And what happens where the PDF cannot be made: one line naming the system
package, exit 2, nothing written.
"""

from __future__ import annotations

import importlib.abc
import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from smartplan.cli import app
from smartplan.errors import RenderError
from smartplan.render import charts, pdf
from smartplan.render.formatting import MILLION, Formatter, apportion, round_half_up
from smartplan.render.units import load_units
from tests.render.conftest import MINIMAL, Prepared

ID = Formatter("id")
EN = Formatter("en")


def test_round_half_up_never_to_even() -> None:
    assert round_half_up(Decimal("0.5")) == 1
    assert round_half_up(Decimal("2.5")) == 3
    assert round_half_up(Decimal("-2.5")) == -3
    assert round_half_up(2.675, 2) == Decimal("2.68")  # the decimal a reader sees, not the binary
    assert ID.rupiah_compact(304_850_000_000, 1) == "Rp304,9\u00a0M"  # half-to-even gave 304,8


def test_one_total_one_text() -> None:
    # Governance: "Rp54 M" in one chapter and "Rp53,95 M" in another, no more
    assert ID.rupiah_compact(53_950_000_000) == "Rp53,95\u00a0M"
    assert ID.million(53_950_000_000) == "53.950"
    assert EN.million(53_950_000_000) == "53,950"
    assert ID.million(1_250_000, 2) == "1,25"


def test_largest_remainder_parts_add_up_to_the_shown_total() -> None:
    # 1.4 + 1.4 + 1.2 = 4: rounded one by one they would show 1 + 1 + 1
    parts, total = apportion([1_400_000, 1_400_000, 1_200_000], MILLION)
    assert (parts, total) == ([2, 1, 1], 4)
    # a tie goes to the earlier part, so the result does not depend on anything else
    assert apportion([500_000, 500_000], MILLION) == ([1, 0], 1)
    assert apportion([], MILLION) == ([], 0)


@given(st.lists(st.integers(min_value=0, max_value=10**13), max_size=30), st.sampled_from([0, 2]))
def test_apportioned_parts_always_sum_and_stay_close(amounts: list[int], digits: int) -> None:
    parts, total = apportion(amounts, MILLION, digits)
    assert sum(parts, Decimal(0)) == total
    assert total == round_half_up(Decimal(sum(amounts)) / MILLION, digits)
    step = Decimal(1).scaleb(-digits)
    for amount, part in zip(amounts, parts, strict=True):
        assert abs(part - Decimal(amount) / MILLION) < step


def test_money_tables_in_the_html_add_up(minimal: Prepared) -> None:
    html = minimal.render("id", formats=("html",))["html"].text
    assert "(dalam juta rupiah)" in html
    assert "<tfoot>" not in html  # a total is the table's last row, printed once
    assert '<tr class="total">' in html


def _html(body: str) -> str:
    return f"<html><body><nav>toc</nav>\n{pdf.LISTS_MARK}\n<main>{body}</main></body></html>"


def test_lists_of_tables_and_figures_link_every_caption() -> None:
    body = (
        '<table class="wide">\n<caption>Anggaran <span class="caption-unit">(x)</span></caption>'
        "</table><figure><svg><title>t</title></svg><figcaption>Gantt &amp; co</figcaption>"
        '</figure><table id="own"><caption>Dua</caption></table>'
        '<section id="lampiran"><table><caption>Lembar</caption></table></section>'
    )
    out = pdf.add_lists(_html(body), pdf.ListTitles("Daftar tabel & <b>", "Daftar gambar"))
    assert "Daftar tabel &amp; &lt;b&gt;</h2>" in out  # a region's label is text, not markup
    assert pdf.LISTS_MARK not in out
    assert '<table class="wide" id="tabel-1">' in out and '<table id="own">' in out
    assert '<figure id="gambar-1">' in out
    assert '<li><a href="#tabel-1">Anggaran (x)</a></li>' in out
    assert '<li><a href="#own">Dua</a></li>' in out
    assert '<li><a href="#gambar-1">Gantt &amp; co</a></li>' in out
    assert "Lembar</a>" not in out  # program sheets' tables are not listed
    # a document without the mark (a region's own master template) is left alone
    assert pdf.add_lists("<p>x</p>", pdf.ListTitles("a", "b")) == "<p>x</p>"


def test_gantt_parts_never_exceed_the_height_and_keep_every_row() -> None:
    rows = [charts.GanttRow(f"Program {i} " + "panjang " * (i % 9), 2023, 2025) for i in range(60)]
    parts = charts.gantt_parts(rows, 380.0)
    assert [r for part in parts for r in part] == rows
    assert len(parts) > 3
    for part in parts:
        heights = [10.0 + 14.0 * len(charts._gantt_lines(r)) for r in part]
        assert sum(heights) <= 380.0
    # a row taller than a part still gets one
    assert charts.gantt_parts(rows[:1], 1.0) == [rows[:1]]


def test_unit_catalog_is_merged_region_first(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "units.yaml").write_text("orang: persons\nekor: head of cattle\n")
    from smartplan.resources import templates_dir

    units = load_units([tmp_path, templates_dir()])
    assert units["orang"] == "persons" and units["ekor"] == "head of cattle"
    assert units["persen"] == "percent"
    (tmp_path / "i18n" / "units.yaml").write_text("orang: [1, 2]\n")
    with pytest.raises(RenderError, match="must map to a text"):
        load_units([tmp_path])


def test_english_units_and_the_fallback_of_a_unit_without_one(minimal: Prepared) -> None:
    import dataclasses

    program_id = sorted(minimal.plan.programs)[0]
    program = minimal.plan.programs[program_id]
    indicator = dataclasses.replace(program.indicators[0], unit="ekor sapi")
    plan = dataclasses.replace(minimal.plan, programs=dict(minimal.plan.programs))
    plan.programs[program_id] = dataclasses.replace(program, indicators=(indicator,))
    from smartplan.render import render_documents

    docs, fallbacks = render_documents(plan, formats=("html",), lang="en")
    assert "ekor sapi" in str(docs[0].text)
    assert any(f.pointer == "/indicators/0/unit" for f in fallbacks)
    _, fallbacks_id = render_documents(plan, formats=("html",), lang="id")
    assert not any(f.pointer.endswith("/unit") for f in fallbacks_id)


class _NoPango(importlib.abc.MetaPathFinder):
    """Makes ``import weasyprint`` fail as it does on a machine without Pango."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': No such file or directory")
        return None


@pytest.fixture
def no_pango(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    pdf._weasyprint.cache_clear()
    yield
    pdf._weasyprint.cache_clear()


def test_without_pango_one_line_names_the_package_and_exit_2(
    no_pango: None, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", str(MINIMAL), "--format", "all", "-o", str(out)])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert any("libpango-1.0-0" in line for line in lines), result.stderr
    assert "Traceback" not in result.output
    assert len(lines) <= 2  # the error and its hint
    assert not out.exists()  # nothing written, not even the Markdown of --format all


def test_without_weasyprint_the_message_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    pdf._weasyprint.cache_clear()
    try:
        with pytest.raises(RenderError, match="weasyprint"):
            pdf.check_pdf_support()
    finally:
        pdf._weasyprint.cache_clear()


def test_render_default_writes_markdown_and_html_only(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(MINIMAL), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["masterplan-id.html", "masterplan-id.md"]
    assert re.search(r"pdf", CliRunner().invoke(app, ["render", "--help"]).output)
