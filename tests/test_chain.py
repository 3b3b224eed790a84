"""The analysis chain end to end: Kotim is complete, one unanswered gap is one warning,
RPJMD codes and logos are judged as documented, missing chapters are announced."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smartplan import nomenclature
from smartplan.check.engine import validate_plan
from smartplan.logo import MAX_BYTES, check_logo
from smartplan.render import render_documents, render_plan

ROOT = Path(__file__).resolve().parents[1]
KOTIM = ROOT / "plans" / "kotim"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


@pytest.fixture
def kotim(tmp_path: Path) -> Path:
    target = tmp_path / "kotim"
    shutil.copytree(KOTIM, target)
    return target


def test_kotim_is_strictly_clean_and_complete() -> None:
    result = validate_plan(KOTIM)
    assert result.problems == []
    plan = result.plan
    assert set(plan.analyses) == set(plan.pillars)
    assert plan.profile and plan.institutions and plan.architecture and plan.front
    assert plan.stakeholders and plan.risk_register
    gaps = {g.id for a in plan.analyses.values() for g in a.gaps}
    answered = {ref for p in plan.programs.values() for ref in p.answers}
    assert gaps <= answered
    assert all(p.answers for p in plan.programs.values())
    # about one quick win per dimension, Smart Environment included
    assert {p.pillar for p in plan.programs.values() if p.quick_win} == set(plan.pillars)


def test_one_unanswered_gap_is_exactly_one_warning_at_its_line(kotim: Path) -> None:
    program = kotim / "programs/environment/env-aduan-lingkungan-online.yaml"
    text = program.read_text(encoding="utf-8")
    program.write_text(text.replace("answers: [env-g2, env-wt1]", "answers: [env-wt1]"), "utf-8")
    result = validate_plan(kotim)
    found = [(p.code, p.severity.value) for p in result.problems if p.code != "F004"]
    assert found == [("A001", "warning")]  # (F004: the copy's modelines lead nowhere)
    problem = next(p for p in result.problems if p.code == "A001")
    lines = (kotim / "analysis/environment.yaml").read_text(encoding="utf-8").splitlines()
    assert problem.file.endswith("analysis/environment.yaml")
    assert lines[problem.line - 1].strip() == "- id: env-g2"
    assert "gap 'env-g2' is answered by no program" in problem.message


@pytest.mark.parametrize(
    ("code", "level", "region", "bad"),
    [
        ("2.16.03", "program", "kabupaten", False),
        ("2.16.03.2.02", "kegiatan", "kabupaten", False),
        ("2.16.03.2.02.0001", "sub_kegiatan", "kota", False),
        ("2.16.03.2.02.01", "sub_kegiatan", "kota", False),
        ("2.16.02.1.01", "kegiatan", "kabupaten", True),  # the province segment
        ("2.16.03.2.02", "program", "kabupaten", True),
        ("2.16", "program", "kabupaten", True),
        ("2.16.3", "program", "kabupaten", True),
    ],
)
def test_code_shapes(code: str, level: str, region: str, bad: bool) -> None:
    assert bool(nomenclature.check_code(code, level, region).problem) is bad


def test_the_table_knows_the_kominfo_programs() -> None:
    informasi = nomenclature.lookup("2.16.02")
    aplikasi = nomenclature.lookup("2.16.03")
    assert informasi is not None and aplikasi is not None
    assert informasi.names[0] == "Program Informasi dan Komunikasi Publik"
    # the 2019 name and the later Kepmendagri's are both accepted
    assert nomenclature.carries(aplikasi, "Program Aplikasi Informatika")
    assert nomenclature.carries(aplikasi, "program pengelolaan  aplikasi informatika")
    assert not nomenclature.carries(informasi, "Program Aplikasi Informatika")
    assert nomenclature.code_of("Program Pengelolaan Aplikasi Informatika", "program") == "2.16.03"
    assert nomenclature.bidang_name("2.16.03.2.02") == "Komunikasi dan Informatika"
    assert nomenclature.level_of("2.16.03.2.02") == "kegiatan"


def test_the_table_knows_kegiatan_and_the_two_corrected_kotim_codes() -> None:
    egov = nomenclature.lookup("2.16.03.2.02")
    assert egov is not None and egov.level == "kegiatan"
    assert nomenclature.carries(
        egov, "Pengelolaan E-government di Lingkup Pemerintah Daerah Kabupaten/ Kota"
    )
    assert nomenclature.code_of("Program Penataan Bangunan Gedung", "program") == "1.03.08"
    assert nomenclature.code_of("Program Penyelenggaraan Penataan Ruang", "program") == "1.03.12"
    # every bidang has a Program Penunjang xx.yy.01: its name points at no one code
    penunjang = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
    assert nomenclature.code_of(penunjang, "program") is None


def test_every_table_entry_names_known_sources_and_fits_its_level() -> None:
    documented = {"P90", "P90K", "BAPPEDA", "PROV24"}
    for table, level in ((nomenclature.PROGRAMS, "program"), (nomenclature.KEGIATAN, "kegiatan")):
        for code, entry in table.items():
            assert entry.code == code and nomenclature.level_of(code) == level == entry.level
            assert entry.sources and set(entry.sources) <= documented, code
            assert entry.names and all(n == n.strip() for n in entry.names), code
    assert nomenclature.__doc__ is not None
    for key in documented:
        assert f"``{key}``" in nomenclature.__doc__


def test_logo_outside_or_too_big_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plan").mkdir()
    (tmp_path / "secret.svg").write_text("<svg></svg>", encoding="utf-8")
    assert "inside the plan folder" in check_logo(tmp_path / "plan", "../secret.svg").problem
    big = tmp_path / "plan" / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * MAX_BYTES)
    assert "KiB" in check_logo(tmp_path / "plan", "big.png").problem
    ok = check_logo(KOTIM, "logo-kotim.svg")
    assert not ok.problem and ok.data_uri().startswith("data:image/svg+xml;base64,")


def test_a_plan_without_the_chain_says_so(tmp_path: Path) -> None:
    result = validate_plan(MINIMAL)
    documents, _ = render_documents(result.plan, formats=("md",), lang="en")
    md = documents[0].text
    for file in ("profile.yaml", "front.yaml", "institutions.yaml", "risks.yaml"):
        assert f"This part is not yet written: fill in {file}." in md
    written = render_plan(result.plan, formats=("md",), lang="id", out_dir=tmp_path)
    assert written.unwritten == (
        "front.yaml",
        "profile.yaml",
        "analysis/",
        "institutions.yaml",
        "architecture.yaml",
        "risks.yaml",
    )


def test_kotim_document_traces_gaps_to_programs() -> None:
    result = validate_plan(KOTIM)
    documents, _ = render_documents(result.plan, formats=("md", "html"), lang="id")
    md, html = (d.text for d in documents)
    for text in (md, html):
        assert "Matriks keterlacakan" in text
        assert "Gambaran umum daerah" in text and "428.895" in text
        assert "belum dijawab program" not in text
    # program sheets: the RPJMD code and its level is the program code
    assert "| Kode program | `2.16.03.2.02` (kegiatan) |" in md


def test_hostile_text_in_the_chain_is_inert(kotim: Path) -> None:
    payload = "<script>window.__pwned=1</script> [x](javascript:alert(1))"
    analysis = kotim / "analysis/economy.yaml"
    text = analysis.read_text(encoding="utf-8")
    old = "id: Pelaku UMKM belum terhubung dengan pasar digital dan pembayaran non-tunai"
    assert old in text
    analysis.write_text(text.replace(old + " secara merata", f'id: "{payload}"', 1), "utf-8")
    stakeholders = kotim / "stakeholders.yaml"
    text = stakeholders.read_text(encoding="utf-8")
    stakeholders.write_text(
        text.replace("name: Universitas Darwan Ali", 'name: "<img src=x>"'), "utf-8"
    )
    result = validate_plan(kotim)
    assert result.ok, [p.message for p in result.problems]
    documents, _ = render_documents(result.plan, formats=("md", "html"), lang="id")
    md, html = (d.text for d in documents)
    assert "<script>window" not in html and "&lt;script&gt;window" in html
    assert "<img src=x>" not in html
    assert "<script>window" not in md and "](javascript:" not in md


def test_render_warns_about_unwritten_chapters(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from smartplan.cli import app

    result = CliRunner().invoke(
        app, ["render", str(MINIMAL), "--format", "md", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "warning: 6 chapter files not yet written" in result.stderr
    assert "profile.yaml" in result.stderr


def test_an_unreadable_analysis_file_does_not_cascade(kotim: Path) -> None:
    (kotim / "analysis/economy.yaml").write_text("kind: analysis\npillar: [economy\n", "utf-8")
    codes = {p.code for p in validate_plan(kotim).problems}
    assert "Y001" in codes
    assert not codes & {"A001", "A002", "A003"}
