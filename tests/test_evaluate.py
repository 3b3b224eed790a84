"""``smartplan evaluate``: the arithmetic of achievement and the index, and the real command."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smartplan.check.engine import validate_plan
from smartplan.cli import app
from smartplan.monitor.evaluate import achievement, band_of, evaluate, explain, shown
from smartplan.monitor.model import DEFAULT_BANDS, MonitoringConfig

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
KOTIM = ROOT / "plans" / "kotim"
CONFIG = MonitoringConfig()

REPORT = """\
kind: actuals
program: eco-pasar-digital
year: 2025
status: running
progress: 50
budget:
  - source: APBD
    ceiling: 500000000
    realisation: 400000000
    quarters: {q1: 50000000, q2: 100000000, q3: 100000000, q4: 150000000}
indicators:
  - {id: capaian, realisation: 8}
"""


def _plan(tmp_path: Path, files: dict[str, str]) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    for rel, text in files.items():
        (plan / rel).parent.mkdir(parents=True, exist_ok=True)
        (plan / rel).write_text(text, encoding="utf-8")
    return plan


def _annual(year: int, dims: str, final: str) -> str:
    return (
        f"kind: annual\nyear: {year}\nevaluation:\n  dimensions: {dims}\n  final_index: {final}\n"
    )


KEDIRI = "{baseline: 3.60, output: 3.21, outcome: 3.23, impact: 3.07, quick_win: 3.65}"
JAMBI = "{baseline: 3.84, output: 3.18, outcome: 3.53, impact: 3.63, quick_win: 3.35}"


# --------------------------------------------------------------------------- arithmetic


def test_higher_is_better_is_realisation_over_target() -> None:
    result = achievement(Decimal(10), Decimal(8), "increase", CONFIG)
    assert result.value == 80 and result.how == "ratio"


def test_lower_is_better_is_target_over_realisation() -> None:
    result = achievement(Decimal(25), Decimal(20), "decrease", CONFIG)
    assert result.value == Fraction(125) and result.how == "inverse"
    assert achievement(Decimal(25), Decimal(50), "decrease", CONFIG).value == 50


def test_lower_is_better_with_realisation_zero_follows_the_configuration() -> None:
    full = achievement(Decimal(25), Decimal(0), "decrease", CONFIG)
    assert (full.value, full.how) == (100, "zero-full")
    skip = achievement(
        Decimal(25), Decimal(0), "decrease", MonitoringConfig(zero_realisation="skip")
    )
    assert (skip.value, skip.how) == (None, "zero-skip")


def test_text_and_missing_values_are_reported_not_computed() -> None:
    assert achievement("Perbup ditetapkan", "ditetapkan", "increase", CONFIG).how == "text"
    assert achievement(None, Decimal(3), "increase", CONFIG).how == "no-target"
    assert achievement(Decimal(3), None, "increase", CONFIG).how == "no-realisation"
    assert achievement(Decimal(0), Decimal(3), "increase", CONFIG).how == "zero-target"


def test_percentages_are_rounded_once_half_up() -> None:
    assert shown(Fraction(3315, 1000)) == Decimal("3.32")
    assert shown(Fraction(2675, 1000)) == Decimal("2.68")  # 2.675 as a float rounds down
    assert shown(Fraction(200, 3)) == Decimal("66.67")
    assert shown(Fraction(1, 8), 1) == Decimal("0.1")  # 0.125 → 0.1, one rounding only


@pytest.mark.parametrize(
    ("value", "label"),
    [(100, "Sangat tinggi"), (91, "Sangat tinggi"), (Fraction(181, 2), "Tinggi"),
     (76, "Tinggi"), (75, "Sedang"), (51, "Rendah"), (50, "Sangat rendah"),
     (0, "Sangat rendah"), (140, "Sangat tinggi")],
)  # fmt: skip
def test_default_bands(value: Fraction, label: str) -> None:
    band = band_of(Fraction(value), DEFAULT_BANDS)
    assert band is not None and band.label.id == label


def test_kediri_and_jambi_indexes_recompute_within_the_tolerance(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path,
        {
            "monitoring/2025/_tahun.yaml": _annual(2025, KEDIRI, "3.31"),
            "monitoring/2026/_tahun.yaml": _annual(2026, JAMBI, "3.48"),
        },
    )
    loaded = validate_plan(plan).plan
    kediri = evaluate(loaded, 2025).index
    jambi = evaluate(loaded, 2026).index
    assert kediri is not None and jambi is not None
    assert kediri.computed == Fraction(3315, 1000) and kediri.matches is True
    assert jambi.computed == Fraction(3475, 1000) and jambi.matches is True
    assert jambi.improvement == Fraction(17, 100)  # 3.48 − 3.31


def test_a_plain_average_would_not_match(tmp_path: Path) -> None:
    plan = _plan(tmp_path, {"monitoring/2025/_tahun.yaml": _annual(2025, KEDIRI, "3.31")})
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    equal = (
        "  evaluation:\n    weights: {baseline: 1, output: 1, outcome: 1, impact: 1, quick_win: 1}"
    )
    (plan / "plan.yaml").write_text(text + "monitoring:\n" + equal + "\n", encoding="utf-8")
    result = validate_plan(plan)
    index = evaluate(result.plan, 2025).index
    assert index is not None and index.computed == Fraction(3352, 1000) and not index.matches
    assert sorted(p.code for p in result.problems) == ["M007"] * 4 + ["M011"]


def test_budget_rows_and_quarters(tmp_path: Path) -> None:
    plan = validate_plan(_plan(tmp_path, {"monitoring/2025/eco-pasar-digital.yaml": REPORT})).plan
    result = evaluate(plan, 2025)
    program = result.program("eco-pasar-digital")
    assert program is not None
    assert program.budget.target == 500_000_000 and program.budget.realisation == 400_000_000
    assert program.budget.achievement == 80
    assert result.quarters == (50_000_000, 100_000_000, 100_000_000, 150_000_000)
    assert (
        program.achievement == 80
        and program.band
        and program.band.label.id == "Sangat tinggi"[:0] + "Tinggi"
    )
    assert result.missing_reports == [
        "env-bank-sampah",
        "gov-satu-data",
        "soc-perpustakaan-digital",
    ]
    assert result.missing_evidence == ["eco-pasar-digital"]


@pytest.mark.parametrize(("rollup", "progress"), [("budget", 20), ("equal", 30)])
def test_rollup_by_budget_or_equal(tmp_path: Path, rollup: str, progress: int) -> None:
    other = (
        REPORT.replace("eco-pasar-digital", "env-bank-sampah")
        .replace("indicators:\n  - {id: capaian, realisation: 8}\n", "")
        .replace("progress: 50", "progress: 10")
        .replace("ceiling: 500000000", "ceiling: 1500000000")
    )
    files = {"monitoring/2025/eco-pasar-digital.yaml": REPORT}
    files["monitoring/2025/env-bank-sampah.yaml"] = other
    plan = _plan(tmp_path, files)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(text + f"monitoring:\n  rollup: {rollup}\n", encoding="utf-8")
    result = validate_plan(plan)
    assert not result.errors, result.problems
    total = evaluate(result.plan, 2025).total
    # progress 50 on a 500,000,000 ceiling and 10 on 1,500,000,000
    assert total is not None and total.progress == progress


def test_sum_mode_adds_quarters_and_years(tmp_path: Path) -> None:
    year1 = REPORT.replace(
        "  - {id: capaian, realisation: 8}",
        "  - {id: capaian, mode: sum, quarters: {q1: 1, q2: 2, q3: 3}}",
    )
    plan = validate_plan(_plan(tmp_path, {"monitoring/2025/eco-pasar-digital.yaml": year1})).plan
    row = evaluate(plan, 2025).program("eco-pasar-digital").indicators[0]  # type: ignore[union-attr]
    assert row.realisation == 6 and row.cumulative == 6 and row.achievement.value == 60


def test_explain_writes_out_the_arithmetic(tmp_path: Path) -> None:
    plan = validate_plan(_plan(tmp_path, {"monitoring/2025/eco-pasar-digital.yaml": REPORT})).plan
    steps = {s.what: s for s in explain(evaluate(plan, 2025), "eco-pasar-digital")}
    step = steps["capaian (increase, mode last, unit): achievement 2025"]
    assert step.formula == "realisation 8 ÷ target 10 × 100" and step.value == "80.00 %"
    assert steps["budget realisation"].value == "80.00 %"


# --------------------------------------------------------------------------- the command


def test_kotim_2024_json_has_every_figure() -> None:
    result = CliRunner().invoke(app, ["evaluate", str(KOTIM), "--year", "2024", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == [
        "year", "config", "summary", "pillars", "agencies", "sources", "quarters", "programs",
        "evaluation", "trend", "foundation", "spbe", "off_track", "missing_reports",
        "missing_evidence", "carried_over", "unreadable", "explain",
    ]  # fmt: skip
    assert data["config"]["bands_source"].startswith("smartplan default")
    assert data["evaluation"]["recorded"] == 3.09 and data["evaluation"]["improvement"] == 0.24
    assert [t["year"] for t in data["trend"]] == [2023, 2024]
    assert "eco-perikanan-digital" in data["off_track"]
    statuses = {p["id"]: p["status"] for p in data["programs"]}
    assert statuses["eco-perikanan-digital"] == "cancelled"
    first = data["programs"][0]["indicators"][0]
    assert set(first) >= {
        "end_of_period_target",
        "realisation_before",
        "target",
        "quarters",
        "realisation",
        "achievement",
        "cumulative",
        "cumulative_achievement",
    }


def test_kotim_explain_and_table() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["evaluate", str(KOTIM), "-y", "2024", "--explain", "liv-simrs-murjani"]
    )
    assert result.exit_code == 0, result.output
    assert "lower is better: target 6 ÷ realisation 7.3 × 100 = 82.19 %" in result.stdout
    table = runner.invoke(app, ["evaluate", str(KOTIM), "-y", "2024"])
    assert table.exit_code == 0 and "Off track (6)" in table.stdout


def test_csv_has_a_bom_and_the_permendagri_columns() -> None:
    result = CliRunner().invoke(app, ["evaluate", str(KOTIM), "-y", "2024", "-f", "csv"])
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    header = result.stdout_bytes.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[10:21] == [
        "end_of_period_target", "realisation_before", "target", "q1", "q2", "q3", "q4",
        "realisation", "achievement_pct", "cumulative", "cumulative_achievement_pct",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2040"], "2040 lies outside the plan period 2023–2032"),
        (["--year", "2024", "--explain", "liv-simrs-murjan"], "liv-simrs-murjani"),
    ],
)
def test_usage_errors_are_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["evaluate", str(KOTIM), *args])
    assert result.exit_code == 2 and message in result.stderr


def test_a_broken_year_does_not_stop_the_others(tmp_path: Path) -> None:
    good = REPORT.replace("2025", "2026").replace("capaian, realisation: 8", "capaian")
    plan = _plan(
        tmp_path,
        {
            "monitoring/2025/eco-pasar-digital.yaml": "kind: actuals\nprogram: [\n",
            "monitoring/2026/eco-pasar-digital.yaml": good,
        },
    )
    runner = CliRunner()
    later = runner.invoke(app, ["evaluate", str(plan), "-y", "2026", "-f", "json"])
    assert later.exit_code == 0, later.output
    assert "problem" in later.stderr
    broken = runner.invoke(app, ["evaluate", str(plan), "-y", "2025", "-f", "json"])
    assert broken.exit_code == 0
    assert json.loads(broken.stdout)["unreadable"] == ["monitoring/2025/eco-pasar-digital.yaml"]


def test_plan_errors_refuse_the_evaluation(tmp_path: Path) -> None:
    plan = _plan(tmp_path, {})
    (plan / "agencies.yaml").write_text("kind: agencies\nagencies: 3\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(plan), "-y", "2025"])
    assert result.exit_code == 1 and "has errors" in result.stderr
