"""Golden files: the example plan rendered in both languages, both formats.

After an intended change to the templates, catalogs or the example plan,
rewrite the golden files and review the diff like any other change:

    SMARTPLAN_UPDATE_GOLDEN=1 python -m pytest tests/render
"""

from __future__ import annotations

import difflib
import re

import pytest

from smartplan.render import RenderedDocument, output_name
from tests.render.conftest import GOLDEN, UPDATE

CASES = [(lang, fmt) for lang in ("id", "en") for fmt in ("md", "html")]


@pytest.mark.parametrize(("lang", "fmt"), CASES, ids=[f"{lang}-{fmt}" for lang, fmt in CASES])
def test_kotim_matches_golden(
    kotim_docs: dict[str, dict[str, RenderedDocument]], lang: str, fmt: str
) -> None:
    rendered = kotim_docs[lang][fmt].text
    golden = GOLDEN / f"kotim-{output_name(fmt, lang)}"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8", newline="\n")
    assert golden.exists(), (
        f"{golden.name} is missing; create it with SMARTPLAN_UPDATE_GOLDEN=1 python -m pytest "
        "tests/render"
    )
    expected = golden.read_text(encoding="utf-8")
    if rendered != expected:
        diff = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(keepends=True),
                    rendered.splitlines(keepends=True),
                    fromfile=f"golden/{golden.name}",
                    tofile="rendered",
                )
            )[:80]
        )
        pytest.fail(
            f"the rendering differs from golden/{golden.name} (if intended, update with "
            f"SMARTPLAN_UPDATE_GOLDEN=1 python -m pytest tests/render):\n{diff}"
        )


def test_every_chapter_is_in_both_languages(
    kotim_docs: dict[str, dict[str, RenderedDocument]],
) -> None:
    anchors = [
        "sampul", "daftar-isi", "pendahuluan", "analisis-kesiapan", "visi-misi",
        "strategi-program", "pilar-economy", "prioritas", "quick-win", "roadmap", "anggaran",
        "indikator", "tata-kelola", "lampiran", "program-eco-sampit-creative-hub",
    ]  # fmt: skip
    for lang in ("id", "en"):
        for fmt in ("md", "html"):
            text = kotim_docs[lang][fmt].text
            for anchor in anchors:
                assert f'id="{anchor}"' in text, (lang, fmt, anchor)


def test_chapter_order(kotim_docs: dict[str, dict[str, RenderedDocument]]) -> None:
    html = kotim_docs["id"]["html"].text
    # the order of real master plans: front matter, the analysis chain, programs, then
    # the chapters on institutions, architecture, risk, monitoring and the closing
    order = [
        "Lembar penetapan", "Kata sambutan dan kata pengantar", "Daftar isi",
        "Pendahuluan", "Gambaran umum daerah", "Analisis kesiapan daerah",
        "Analisis SWOT dan kesenjangan per dimensi", "Visi dan misi",
        "Strategi per dimensi dan elemen", "Strategi dan program per dimensi",
        "Prioritas program", "Quick win", "Roadmap", "Anggaran",
        "Tata kelola dan peran pemangku kepentingan", "Kelembagaan",
        "Pengembangan masyarakat dan perubahan pola pikir", "Arsitektur TIK",
        "Manajemen risiko", "Indikator kinerja", "Monitoring dan evaluasi", "Penutup",
        "Lampiran: lembar program",
    ]  # fmt: skip
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    titles = [re.sub(r"<[^>]+>", "", h).strip() for h in headings]
    positions = [next(i for i, t in enumerate(titles) if t.endswith(title)) for title in order]
    assert positions == sorted(positions)


def test_kotim_content_is_filled(kotim_docs: dict[str, dict[str, RenderedDocument]]) -> None:
    md = kotim_docs["id"]["md"].text
    assert "# Masterplan Smart City" in md
    assert "Kabupaten Kotawaringin Timur" in md
    assert "Sampit Creative Hub" in md
    assert "```mermaid\ngantt" in md
    assert "Smart Economy **(Prioritas)**" in md
    en = kotim_docs["en"]["html"].text
    assert '<html lang="en">' in en
    assert "Regional readiness analysis" in en
    assert "IDR\u00a0" in en
