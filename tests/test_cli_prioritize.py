"""``smartplan prioritize`` on the Kotim example plan and on small tmp plans."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from smartplan.cli import app
from tests.conftest import KOTIM

pytestmark = pytest.mark.skipif(not (KOTIM / "plan.yaml").exists(), reason="no Kotim plan")


def run(runner: CliRunner, *args: str) -> Any:
    return runner.invoke(app, ["prioritize", *args], env={"COLUMNS": "140", "NO_COLOR": "1"})


def edit_plan(plan: Path, change: Any) -> None:
    path = plan / "plan.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --------------------------------------------------------------------------
# Kotim


def test_table_on_kotim(runner: CliRunner) -> None:
    result = run(runner, str(KOTIM))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Criteria weights (AHP, eigenvector)" in out
    assert "AHP consistency (criteria)" in out and "consistent" in out
    assert "Pillar emphasis: bonus" in out and "priority pillar economy" in out
    assert "Guaranteed presence: at least 2 programs of every pillar in the top 20" in out
    assert "Top 10" in out
    assert "Before" in out  # the rank before the pillar emphasis
    assert "Quick-win grid" in out
    # Smart Economy emphasis: the first program is an economy program
    first_row = next(line for line in out.splitlines() if line.startswith("│  1 │"))
    assert "economy" in first_row
    assert "Rp" in first_row


def test_json_on_kotim_round_trips(runner: CliRunner) -> None:
    result = run(runner, str(KOTIM), "--format", "json", "--sensitivity", "--schedule")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["ranking", "explain", "sensitivity", "roadmap"]
    assert json.loads(json.dumps(data)) == data
    ranking = data["ranking"]
    assert ranking["criteria"]["method"] == "ahp"
    assert ranking["criteria"]["ahp"]["cr"] <= 0.10
    assert ranking["criteria"]["ahp"]["ri_table"] == "saaty"
    assert ranking["pillars"]["priority_pillar"] == "economy"
    programs = ranking["programs"]
    assert [p["rank"] for p in programs] == list(range(1, len(programs) + 1))
    assert programs[0]["pillar"] == "economy"
    assert data["explain"] is None
    assert data["sensitivity"]["top"] == 10
    assert set(data["roadmap"]) >= {"scheduled", "unscheduled", "years", "objective"}


def test_json_matches_core_result(runner: CliRunner) -> None:
    from smartplan.check.engine import validate_plan
    from smartplan.prioritize import prioritize

    plan = validate_plan(KOTIM).plan
    expected = prioritize(plan).to_dict()
    result = run(runner, str(KOTIM), "--format", "json")
    assert json.loads(result.stdout)["ranking"] == expected


def test_explain_shows_the_arithmetic(runner: CliRunner) -> None:
    result = run(runner, str(KOTIM), "--explain", "eco-sampit-creative-hub")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "eco-sampit-creative-hub" in out
    assert "Points = 100 × weight × normalised" in out
    assert "Pillar bonus: 10 × (economy weight" in out
    assert "Score = " in out and "Rank " in out and "by the criteria alone" in out
    factor = run(runner, str(KOTIM), "-e", "eco-sampit-creative-hub", "--emphasis", "factor")
    assert "Pillar factor: economy" in factor.stdout
    data = json.loads(
        run(runner, str(KOTIM), "--explain", "eco-sampit-creative-hub", "-f", "json").stdout
    )
    assert data["explain"]["id"] == "eco-sampit-creative-hub"
    assert data["explain"]["grid"]["quadrant"] in {
        "quick_win",
        "major_project",
        "fill_in",
        "thankless_task",
    }


def test_explain_unknown_program(runner: CliRunner) -> None:
    result = run(runner, str(KOTIM), "--explain", "eco-sampit-creative")
    assert result.exit_code == 2
    assert "no program with id 'eco-sampit-creative'" in result.stderr
    assert "eco-sampit-creative-hub" in result.stderr


def test_pillar_filter_keeps_overall_ranks(runner: CliRunner) -> None:
    result = run(runner, str(KOTIM), "--pillar", "governance", "--format", "json")
    assert result.exit_code == 0, result.output
    programs = json.loads(result.stdout)["ranking"]["programs"]
    assert programs and all(p["pillar"] == "governance" for p in programs)
    assert programs[0]["rank"] > 1


def test_sensitivity_and_schedule_tables(runner: CliRunner) -> None:
    result = run(runner, str(KOTIM), "--sensitivity", "--schedule", "--top", "5")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Sensitivity of the top 5" in out
    assert "does not change" in out
    assert "Roadmap 2023–" in out
    assert "Ceiling" in out


def test_ri_table_option(runner: CliRunner) -> None:
    result = run(runner, str(KOTIM), "--ri-table", "donegan-dodd", "--format", "json")
    ahp = json.loads(result.stdout)["ranking"]["criteria"]["ahp"]
    assert ahp["ri_table"] == "donegan-dodd"
    assert ahp["ri"] == pytest.approx(1.0591)
    table = run(runner, str(KOTIM), "--ri-table", "donegan-dodd")
    assert "Donegan–Dodd RI 1.0591" in table.stdout


def test_csv_has_bom_and_every_program(runner: CliRunner) -> None:
    result = run(runner, str(KOTIM), "--format", "csv")
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    json_programs = json.loads(run(runner, str(KOTIM), "-f", "json").stdout)["ranking"]["programs"]
    assert len(rows) == len(json_programs)
    assert rows[0]["rank"] == "1"
    assert float(rows[0]["score"]) == pytest.approx(json_programs[0]["score"], abs=1e-6)
    assert {"impact_raw", "impact_points", "pillar_factor", "quadrant"} <= set(rows[0])


def test_csv_excel_id_style_and_top(runner: CliRunner) -> None:
    result = run(
        runner,
        str(KOTIM),
        "-f",
        "csv",
        "--csv-style",
        "excel-id",
        "--top",
        "3",
        "--schedule",
        "--sensitivity",
    )
    assert result.exit_code == 0, result.output
    text = result.stdout_bytes.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 3
    assert "," in rows[0]["score"] and "." not in rows[0]["score"]
    assert rows[0]["roadmap_start"]
    assert rows[0]["min_rank"]


# --------------------------------------------------------------------------
# small tmp plans


def test_minimal_plan(runner: CliRunner, minimal_plan: Path) -> None:
    result = run(runner, str(minimal_plan), "--schedule")
    assert result.exit_code == 0, result.output
    assert "given, normalised to sum 1" in result.stdout
    assert "Roadmap 2025–2029" in result.stdout


def test_invalid_plan_is_refused(runner: CliRunner, minimal_plan: Path) -> None:
    edit_plan(minimal_plan, lambda d: d.pop("vision"))
    result = run(runner, str(minimal_plan))
    assert result.exit_code == 1
    assert "vision" in result.stderr


def test_inconsistent_ahp_is_refused(runner: CliRunner, minimal_plan: Path) -> None:
    def make_inconsistent(data: dict[str, Any]) -> None:
        for criterion in data["scoring"]["criteria"]:
            criterion.pop("weight", None)
        data["scoring"]["ahp"] = {
            "matrix": [[1, 9, "1/9"], ["1/9", 1, 9], [9, "1/9", 1]],
        }

    edit_plan(minimal_plan, make_inconsistent)
    result = run(runner, str(minimal_plan))
    # refused by validation (or, failing that, by the prioritisation itself)
    assert result.exit_code == 1
    assert "impact vs" in result.stderr


def test_missing_plan_dir(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, str(tmp_path / "nowhere"))
    assert result.exit_code == 2


def test_help_lists_options(runner: CliRunner) -> None:
    result = runner.invoke(app, ["prioritize", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in (
        "--top",
        "--pillar",
        "--explain",
        "--sensitivity",
        "--schedule",
        "--format",
        "--ri-table",
        "--csv-style",
    ):
        assert option in result.stdout


def test_csv_neutralises_formulas_and_keeps_newlines(runner: CliRunner, tmp_path: Path) -> None:
    """OWASP CSV injection: a text cell starting =, +, -, @, tab or CR gets a quote first."""
    import shutil

    plan = tmp_path / "kotim"
    shutil.copytree(KOTIM, plan)
    path = plan / "programs" / "economy" / "eco-bansos-tepat-sasaran.yaml"
    text = path.read_text(encoding="utf-8")
    old = "  id: Bantuan Sosial Tepat Sasaran Berbasis DTKS Digital\n"
    assert old in text
    new = '  id: "=HYPERLINK(\\"http://x.example\\",\\"klik\\")\\nbaris dua"\n'
    text = text.replace(old, new, 1)
    text = text.replace(
        "  en: Well-Targeted Social Assistance on Digital DTKS\n", '  en: "@SUM(1+1)"\n', 1
    )
    path.write_text(text, encoding="utf-8")
    result = run(runner, str(plan), "--format", "csv")
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes.decode("utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw))}
    row = rows["eco-bansos-tepat-sasaran"]
    assert row["name"] == '\'=HYPERLINK("http://x.example","klik")\nbaris dua'
    assert row["name_en"] == "'@SUM(1+1)"
    # numbers stay numbers: no quote before a score or a budget
    assert float(row["score"]) > 0
    assert row["total_budget"].isdigit()
    # every other text cell is unchanged
    assert all(not r["name"].startswith("'") for key, r in rows.items() if key != row["id"])
