"""Monitoring files: discovery of the two kinds, their schemas, and ``smartplan monitor new``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from smartplan.check.engine import discover, validate_plan
from smartplan.check.fastcheck import compile_schema
from smartplan.check.yamlload import load_text
from smartplan.cli import app
from smartplan.kinds import BY_NAME, folder_kind, report_rank

ROOT = Path(__file__).resolve().parents[1]
KOTIM = ROOT / "plans" / "kotim"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
SCHEMAS = ROOT / "schemas"
MONITORING_KINDS = ("actuals", "annual")


def _schema(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def _documents() -> list[tuple[str, Any]]:
    docs = []
    for path in sorted((KOTIM / "monitoring").rglob("*.yaml")):
        kind = "annual" if path.name == "_tahun.yaml" else "actuals"
        docs.append((kind, load_text(path.read_text(encoding="utf-8"), [])))
    return docs


DOCUMENTS = _documents()


def test_a_year_folder_holds_two_kinds() -> None:
    assert folder_kind("monitoring", "_tahun.yaml") is BY_NAME["annual"]
    assert folder_kind("monitoring", "eco-umkm-go-digital.yaml") is BY_NAME["actuals"]
    found = discover(KOTIM)
    kinds = {rel: kind.name for rel, (_, kind) in found.entries.items()}
    assert kinds["monitoring/2024/_tahun.yaml"] == "annual"
    assert kinds["monitoring/2024/liv-simrs-murjani.yaml"] == "actuals"
    assert report_rank("monitoring/2024/_tahun.yaml") > report_rank("programs/a/b.yaml")


def test_kotim_reports_both_years_clean() -> None:
    result = validate_plan(KOTIM)
    assert result.problems == []
    years = result.plan.monitoring.years
    assert sorted(years) == [2023, 2024]
    statuses = {r.status for y in years.values() for r in y.programs.values()}
    assert {"done", "running", "cancelled", "postponed", "not-started"} <= statuses
    assert years[2023].annual is not None and years[2023].annual.evaluation is not None


@pytest.mark.parametrize("kind", MONITORING_KINDS)
def test_fast_check_compiles(kind: str) -> None:
    compile_schema(_schema(kind))


@pytest.mark.parametrize(("kind", "doc"), DOCUMENTS[:20] + DOCUMENTS[-3:])
def test_real_reports_are_valid_both_ways(kind: str, doc: Any) -> None:
    assert compile_schema(_schema(kind))(doc) is True
    assert Draft202012Validator(_schema(kind)).is_valid(doc)


_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(-1, 200, allow_nan=False)
    | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(DOCUMENTS), st.data())
def test_fast_check_agrees_with_jsonschema_on_mutations(case: tuple[str, Any], data: Any) -> None:
    kind, doc = case
    mutated = json.loads(json.dumps(doc))
    node = mutated
    keys = [k for k in node if isinstance(node, dict)]
    key = data.draw(st.sampled_from(keys))
    inner = node[key]
    if isinstance(inner, list) and inner and isinstance(inner[0], dict):
        node, key = inner[0], data.draw(st.sampled_from(sorted(inner[0])))
    node[key] = data.draw(_values)
    fast = compile_schema(_schema(kind))(mutated)
    assert fast == Draft202012Validator(_schema(kind)).is_valid(mutated)


def _copy(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    return plan


def test_monitor_new_writes_the_year_and_validates_clean(tmp_path: Path) -> None:
    plan = _copy(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["monitor", "new", str(plan), "--year", "2025"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (plan / "monitoring" / "2025").iterdir())
    assert written == [
        "_tahun.yaml", "eco-pasar-digital.yaml", "env-bank-sampah.yaml", "gov-satu-data.yaml",
        "soc-perpustakaan-digital.yaml",
    ]  # fmt: skip
    report = (plan / "monitoring" / "2025" / "eco-pasar-digital.yaml").read_text()
    assert "ceiling: 500000000" in report and "target: 10  # unit" in report
    assert "# realisation: 0" in report
    checked = validate_plan(plan)
    assert checked.problems == [], checked.problems
    actuals = checked.plan.monitoring.years[2025].programs["eco-pasar-digital"]
    assert actuals.indicators[0].realisation is None and actuals.budget[0].realisation is None


def test_monitor_new_never_overwrites(tmp_path: Path) -> None:
    plan = _copy(tmp_path)
    mine = plan / "monitoring" / "2025" / "eco-pasar-digital.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("kind: actuals  # mine\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["monitor", "new", str(plan), "-y", "2025"])
    assert result.exit_code == 0, result.output
    assert mine.read_text(encoding="utf-8") == "kind: actuals  # mine\n"
    assert "kept 1 existing file unchanged" in result.stdout
    again = CliRunner().invoke(app, ["monitor", "new", str(plan), "-y", "2025"])
    assert "wrote" not in again.stdout and "kept 5 existing files" in again.stdout


def test_monitor_new_refuses_a_year_outside_the_period(tmp_path: Path) -> None:
    plan = _copy(tmp_path)
    result = CliRunner().invoke(app, ["monitor", "new", str(plan), "-y", "2031"])
    assert result.exit_code == 2 and "outside the plan period 2025–2029" in result.stderr
    assert not (plan / "monitoring").exists()


def test_monitor_new_carries_the_foundation_over(tmp_path: Path) -> None:
    target = tmp_path / "plans" / "kotim"  # as in the repository: its modelines still lead home
    shutil.copytree(KOTIM, target)
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    result = CliRunner().invoke(app, ["monitor", "new", str(target), "-y", "2025"])
    assert result.exit_code == 0, result.output
    annual = (target / "monitoring" / "2025" / "_tahun.yaml").read_text(encoding="utf-8")
    assert annual.startswith("# yaml-language-server: $schema=../../../../schemas/annual.schema")
    assert '"Peraturan Bupati Kotawaringin Timur Nomor 9 Tahun 2024"' in annual
    assert validate_plan(target).problems == []


# --------------------------------------------------------------------------- diff


def _git(cwd: Path, *args: str) -> None:
    import os
    import subprocess

    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false",
         "-c", "init.defaultBranch=main", *args],
        cwd=cwd, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_reports_changed_actuals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    plan = _copy(tmp_path)
    report = plan / "monitoring" / "2025" / "eco-pasar-digital.yaml"
    report.parent.mkdir(parents=True)
    base = (
        "kind: actuals\nprogram: eco-pasar-digital\nyear: 2025\nstatus: running\nprogress: 40\n"
        "budget:\n  - {source: APBD, ceiling: 500000000, realisation: 300000000}\n"
        "indicators:\n  - {id: capaian, realisation: 6}\n"
    )
    report.write_text(base, encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "base")
    report.write_text(
        base.replace("running", "done").replace("300000000", "480000000").replace(": 6}", ": 10}"),
        encoding="utf-8",
    )
    runner = CliRunner()
    text = runner.invoke(app, ["diff", "--plan", str(plan)])
    assert text.exit_code == 0, text.output
    assert "status 2025 eco-pasar-digital: running → done" in text.stdout
    assert "2025 eco-pasar-digital budget.APBD.realisation: 300000000 → 480000000" in text.stdout
    data = json.loads(runner.invoke(app, ["diff", "--plan", str(plan), "-f", "json"]).stdout)
    paths = {c["path"]: (c["old"], c["new"]) for c in data["actuals"]["changes"]}
    assert paths["indicators.capaian.realisation"] == (6, 10)
    assert data["actuals"]["status"] == [
        {"year": 2025, "program": "eco-pasar-digital", "old": "running", "new": "done"}
    ]
    md = runner.invoke(app, ["diff", "--plan", str(plan), "-f", "markdown"]).stdout
    assert "#### Actuals" in md


# --------------------------------------------------------------------------- hostile values

_FULL_REPORT = {
    "kind": "actuals",
    "program": "eco-pasar-digital",
    "year": 2025,
    "status": "running",
    "progress": 50,
    "budget": [{"source": "APBD", "ceiling": 1, "realisation": 1, "quarters": {"q1": 1, "q4": 0}}],
    "indicators": [
        {
            "id": "capaian",
            "target": 1,
            "realisation": 1,
            "quarters": {"q1": 1},
            "mode": "sum",
            "note": "x",
        }
    ],
    "milestones": [{"date": "2025-01-02", "title": "x"}],
    "evidence": [{"path": "plan.yaml", "citation": "x", "title": "x"}],
    "drivers": ["x"],
    "obstacles": ["x"],
    "follow_up": [{"action": "x", "done": False}],
    "quick_win": {"people_served": 1, "innovation": "x"},
    "note": "x",
}


_FULL_ANNUAL = {
    "kind": "annual",
    "year": 2025,
    "foundation": {
        "council": {"status": "enacted", "number": "x", "date": "2025-01-02"},
        "team": {"status": "draft"},
        "regulation": {"status": "none"},
    },
    "evaluation": {
        "dimensions": {"baseline": 3, "output": 3, "outcome": 3, "impact": 3, "quick_win": 3},
        "final_index": 3,
        "rank": 1,
        "of": 2,
        "source": "x",
    },
    "spbe": {"index": 2.5, "predicate": "Baik"},
    "note": "x",
}


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


_CASES = [("actuals", p) for p in _paths(_FULL_REPORT)] + [
    ("annual", p) for p in _paths(_FULL_ANNUAL)
]


@pytest.mark.parametrize(
    ("kind", "path"), _CASES, ids=[f"{k}:{'/'.join(map(str, p))}" for k, p in _CASES]
)
def test_a_wrong_value_anywhere_is_a_located_schema_problem(
    kind: str, path: tuple[Any, ...]
) -> None:
    full = _FULL_REPORT if kind == "actuals" else _FULL_ANNUAL
    doc = json.loads(json.dumps(full))
    assert Draft202012Validator(_schema(kind)).is_valid(doc)
    node = doc
    for key in path[:-1]:
        node = node[key]
    original = node[path[-1]]
    node[path[-1]] = {"x": 1} if not isinstance(original, dict) else ["x"]
    from smartplan.check.schemacheck import check_document

    hits = check_document(kind, doc)
    assert hits, path
    pointer = "/" + "/".join(map(str, path))
    assert any(pointer.startswith(h.pointer) or h.pointer.startswith(pointer) for h in hits)
    assert {h.code for h in hits} <= {"S001", "S002", "S003", "S004"}
