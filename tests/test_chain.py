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
    assert [(p.code, p.severity.value) for p in result.problems] == [("A001", "warning")]
    problem = result.problems[0]
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
    assert nomenclature.known_name("2.16.02") == (
        "program",
        "Program Informasi dan Komunikasi Publik",
    )
    assert nomenclature.known_name("2.16.03") == ("program", "Program Aplikasi Informatika")
    assert nomenclature.bidang_name("2.16.03.2.02") == "Komunikasi dan Informatika"
    assert nomenclature.level_of("2.16.03.2.02") == "kegiatan"


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
