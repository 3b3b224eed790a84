"""SARIF, JUnit, baseline, inline suppression, rule configuration and --max-problems."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from smartplan.cli import app

SARIF_SCHEMA = (
    Path(__file__).resolve().parents[2] / "shared" / "reference" / "sarif-schema-2.1.0.json"
)
PROGRAM = "programs/economy/eco-pasar-digital.yaml"


def _break_lead(plan: Path, value: str = "dinas-tidak-ada") -> None:
    path = plan / PROGRAM
    path.write_text(path.read_text().replace("lead_agency: diskominfo", f"lead_agency: {value}"))


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", *args])
    return result.exit_code, result.stdout


def _sarif_schema() -> dict:
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA}")
    return json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))


def test_sarif_is_valid_against_the_official_schema(minimal_plan: Path) -> None:
    _break_lead(minimal_plan)
    (minimal_plan / "agencies.yaml").unlink()  # a problem without a line
    code, out = _run("--format", "sarif", str(minimal_plan))
    assert code == 1
    log = json.loads(out)
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"F001"}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results[0]["ruleIndex"]]["id"] == results[0]["ruleId"]


def test_sarif_locates_results(minimal_plan: Path) -> None:
    _break_lead(minimal_plan)
    _, out = _run("--format", "sarif", str(minimal_plan))
    log = json.loads(out)
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    (result,) = log["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith(PROGRAM)
    assert location["region"] == {"startLine": 7, "startColumn": 14}
    assert result["level"] == "error"


def test_sarif_clean_plan_has_no_results(minimal_plan: Path) -> None:
    code, out = _run("--format", "sarif", str(minimal_plan))
    assert code == 0
    assert json.loads(out)["runs"][0]["results"] == []


def test_junit_has_a_case_per_file_and_a_failure_per_broken_file(minimal_plan: Path) -> None:
    _break_lead(minimal_plan)
    code, out = _run("--format", "junit", str(minimal_plan))
    assert code == 1
    root = ET.fromstring(out.encode())
    cases = root.findall(".//testcase")
    assert len(cases) == 15
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == [f"{minimal_plan.as_posix()}/{PROGRAM}"]
    assert "R002" in failed[0].find("failure").text
    assert root.get("failures") == "1"


def test_inline_suppression_on_the_line_and_above(minimal_plan: Path) -> None:
    path = minimal_plan / PROGRAM
    text = path.read_text().replace(
        "lead_agency: diskominfo", "lead_agency: nope  # smartplan: ignore[R002]"
    )
    path.write_text(text)
    code, out = _run(str(minimal_plan))
    assert code == 0 and "1 suppressed inline" in out
    path.write_text(
        text.replace(
            "lead_agency: nope  # smartplan: ignore[R002]",
            "# smartplan: ignore[references.agency]\nlead_agency: nope",
        )
    )
    assert _run(str(minimal_plan))[0] == 0
    # A suppression of another code does not hide this one.
    path.write_text(text.replace("ignore[R002]", "ignore[R003]"))
    assert _run(str(minimal_plan))[0] == 1


def test_baseline_hides_known_problems_and_reports_new_ones(minimal_plan: Path) -> None:
    _break_lead(minimal_plan)
    result = CliRunner().invoke(app, ["validate", "--write-baseline", str(minimal_plan)])
    assert result.exit_code == 0
    baseline = minimal_plan / ".smartplan-baseline.json"
    recorded = json.loads(baseline.read_text())["problems"]
    assert [p["code"] for p in recorded] == ["R002"]
    code, out = _run(str(minimal_plan))
    assert code == 0 and "1 in the baseline" in out
    assert _run("--no-baseline", str(minimal_plan))[0] == 1
    other = minimal_plan / "programs/branding/bra-festival-digital.yaml"
    other.write_text(other.read_text().replace("lead_agency: bappeda", "lead_agency: lain"))
    code, out = _run("--format", "json", str(minimal_plan))
    assert code == 1
    assert [p["file"].rsplit("/", 1)[1] for p in json.loads(out)] == ["bra-festival-digital.yaml"]


def test_rule_configuration_in_smartplan_yaml(minimal_plan: Path) -> None:
    _break_lead(minimal_plan)
    (minimal_plan / "smartplan.yaml").write_text("kind: config\nrules:\n  R002: warning\n")
    code, out = _run("--format", "json", str(minimal_plan))
    assert code == 0
    assert [p["severity"] for p in json.loads(out)] == ["warning"]
    assert _run("--strict", str(minimal_plan))[0] == 1
    (minimal_plan / "smartplan.yaml").write_text("kind: config\nrules:\n  references.agency: off\n")
    assert _run(str(minimal_plan))[0] == 0


def test_rule_configuration_in_plan_yaml(minimal_plan: Path) -> None:
    _break_lead(minimal_plan)
    with (minimal_plan / "plan.yaml").open("a") as handle:
        handle.write("rules:\n  R002: off\n")
    assert _run(str(minimal_plan))[0] == 0


def test_unknown_rule_or_severity_is_an_error(minimal_plan: Path) -> None:
    (minimal_plan / "smartplan.yaml").write_text(
        "kind: config\nrules:\n  R02: off\n  B003: silent\nrulez: {}\n"
    )
    code, out = _run("--format", "json", str(minimal_plan))
    assert code == 1
    problems = json.loads(out)
    assert [(p["code"], p["line"]) for p in problems] == [("K001", 3), ("K001", 4), ("K001", 5)]
    assert problems[0]["hint"] == "did you mean 'R002'?"


def test_max_problems_caps_detail_and_counts_the_rest(minimal_plan: Path) -> None:
    for path in (minimal_plan / "programs").rglob("*.yaml"):
        path.write_text(
            path.read_text().replace(
                "innovation_type: teknologi", "innovation_type: teknologi\nbudjet: 1"
            )
        )
    code, out = _run("--max-problems", "2", str(minimal_plan))
    assert code == 1
    assert out.count("unknown key 'budjet'") == 2
    assert "... and 4 more problems not shown" in out
    assert "6  S002 schema.unknown-key" in out
