"""Template safety: sandbox, overrides, strict undefined, autoescape, clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartplan.errors import RenderError
from smartplan.render import render_documents
from smartplan.resources import templates_dir
from tests.render.conftest import Prepared, with_program_name


def _user_templates(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "templates"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_sandbox_refuses_python_internals(minimal: Prepared, tmp_path: Path) -> None:
    folder = _user_templates(tmp_path, {"html/vision.html.j2": "{{ ''.__class__.__mro__ }}"})
    with pytest.raises(RenderError, match="sandbox") as info:
        minimal.render("id", formats=("html",), templates_dir=folder)
    assert "html/vision.html.j2" in info.value.message


@pytest.mark.parametrize(
    "source",
    [
        "{{ t.__init__.__globals__ }}",
        "{{ doc.__class__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{% for x in ().__class__.__base__.__subclasses__() %}{{ x }}{% endfor %}",
    ],
)
def test_sandbox_refuses_escapes(minimal: Prepared, tmp_path: Path, source: str) -> None:
    folder = _user_templates(tmp_path, {"md/vision.md.j2": source})
    with pytest.raises(RenderError):
        minimal.render("id", formats=("md",), templates_dir=folder)


def test_user_folder_overrides_one_chapter(minimal: Prepared, tmp_path: Path) -> None:
    override = (
        '<section class="page chapter" id="{{ chapter.anchor }}">'
        "<h2>{{ chapter.title }}</h2><p>VISI KHUSUS: {{ vision }}</p></section>\n"
    )
    folder = _user_templates(tmp_path, {"html/vision.html.j2": override})
    custom = minimal.render("id", formats=("html",), templates_dir=folder)["html"].text
    packaged = minimal.render("id", formats=("html",))["html"].text
    assert "VISI KHUSUS: Kabupaten Contoh yang cerdas dan sejahtera" in custom
    assert "VISI KHUSUS" not in packaged
    # every other chapter is the packaged one
    marker = 'id="strategi-program"'
    assert packaged[packaged.index(marker) :] == custom[custom.index(marker) :]


def test_user_catalog_overrides_a_label(minimal: Prepared, tmp_path: Path) -> None:
    folder = _user_templates(
        tmp_path, {"i18n/id.yaml": "chapter:\n  vision: Visi dan misi daerah\n"}
    )
    md = minimal.render("id", formats=("md",), templates_dir=folder)["md"].text
    assert "## Bab V · Visi dan misi daerah" in md
    assert "## Bab I · Pendahuluan" in md  # labels not overridden stay


def test_undefined_variable_fails_loudly(minimal: Prepared, tmp_path: Path) -> None:
    folder = _user_templates(tmp_path, {"md/vision.md.j2": "{{ doc.regent_name }}\n"})
    with pytest.raises(RenderError, match="undefined") as info:
        minimal.render("id", formats=("md",), templates_dir=folder)
    assert "md/vision.md.j2:1" in info.value.message
    assert "regent_name" in info.value.message


def test_missing_label_fails_loudly(minimal: Prepared, tmp_path: Path) -> None:
    folder = _user_templates(tmp_path, {"md/vision.md.j2": '{{ t("chapter.nope") }}\n'})
    with pytest.raises(RenderError, match=r"missing label 'chapter\.nope'"):
        minimal.render("id", formats=("md",), templates_dir=folder)


def test_syntax_error_names_file_and_line(minimal: Prepared, tmp_path: Path) -> None:
    folder = _user_templates(tmp_path, {"md/vision.md.j2": "ok\n{% if %}\n"})
    with pytest.raises(RenderError, match=r"vision\.md\.j2:2: template syntax error"):
        minimal.render("id", formats=("md",), templates_dir=folder)


def test_html_is_autoescaped(minimal: Prepared) -> None:
    hostile = with_program_name(minimal, "eco-pasar-digital", "<script>alert(1)</script>")
    html = hostile.render("id", formats=("html",))["html"].text
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_markdown_neutralises_html_in_content(minimal: Prepared) -> None:
    hostile = with_program_name(minimal, "eco-pasar-digital", "<script>alert(1)</script> | x")
    md = hostile.render("id", formats=("md",))["md"].text
    assert "<script>" not in md
    assert "&lt;script>alert(1)&lt;/script> \\| x" in md


def test_hostile_region_name_cannot_leave_the_css_string(minimal: Prepared) -> None:
    import dataclasses

    info = minimal.plan.info
    assert info is not None
    region = dataclasses.replace(info.region, name='X"; } </style><script>alert(1)</script>')
    plan = dataclasses.replace(minimal.plan, info=dataclasses.replace(info, region=region))
    html = Prepared(plan, minimal.priorities, minimal.schedule).render("id", formats=("html",))
    text = html["html"].text
    assert "<script>" not in text
    assert text.count("</style>") == 1


def test_unknown_format_and_language(minimal: Prepared) -> None:
    with pytest.raises(RenderError, match="format"):
        render_documents(minimal.plan, formats=("docx",))
    with pytest.raises(RenderError, match="language"):
        render_documents(minimal.plan, lang="fr")


def test_without_priorities_the_chapter_still_renders(minimal: Prepared) -> None:
    documents, _ = render_documents(minimal.plan, formats=("md",))
    md = documents[0].text
    assert "Peringkat program tidak dihitung" in md
    assert "| Dampak | Manfaat (makin tinggi makin baik) | 50,0% |" in md


def test_packaged_templates_have_no_hard_coded_urls() -> None:
    for path in sorted(templates_dir().rglob("*.j2")):
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, path
