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


# --------------------------------------------------------------------------
# GitLab Code Quality, several formats in one run, path bases, --strict

#: GitLab's documented Code Quality severities
GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _warn_lead(plan: Path) -> None:
    """The R002 of _break_lead, configured as a warning."""
    _break_lead(plan)
    (plan / "smartplan.yaml").write_text("kind: config\nrules:\n  R002: warning\n")


def _assert_gitlab_issue(issue: dict) -> None:
    """The fields GitLab's Code Quality report documents, with their types."""
    assert isinstance(issue["description"], str) and issue["description"]
    assert isinstance(issue["check_name"], str) and issue["check_name"]
    assert isinstance(issue["fingerprint"], str) and len(issue["fingerprint"]) == 64
    assert issue["severity"] in GITLAB_SEVERITIES
    assert isinstance(issue["location"]["path"], str)
    assert isinstance(issue["location"]["lines"]["begin"], int)
    assert issue["location"]["lines"]["begin"] >= 1


def test_gitlab_code_quality_fields_and_stable_fingerprints(minimal_plan: Path) -> None:
    _break_lead(minimal_plan)
    code, out = _run("--format", "gitlab", str(minimal_plan))
    assert code == 1
    issues = json.loads(out)
    assert [i["check_name"] for i in issues] == ["R002 references.agency"]
    for issue in issues:
        _assert_gitlab_issue(issue)
    assert {i["severity"] for i in issues} == {"major"}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    # same plan, same fingerprints; and a line inserted above keeps them
    assert json.loads(_run("--format", "gitlab", str(minimal_plan))[1]) == issues
    path = minimal_plan / PROGRAM
    path.write_text(path.read_text().replace("kind: program\n", "kind: program\n# catatan\n"))
    moved = json.loads(_run("--format", "gitlab", str(minimal_plan))[1])
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]
    assert moved[0]["location"]["lines"]["begin"] == issues[0]["location"]["lines"]["begin"] + 1
    (minimal_plan / "agencies.yaml").unlink()  # a problem without a line: line 1
    (gone,) = json.loads(_run("--format", "gitlab", str(minimal_plan))[1])
    _assert_gitlab_issue(gone)
    assert gone["location"]["lines"]["begin"] == 1


def test_strict_makes_warnings_failures_in_junit_sarif_and_gitlab(minimal_plan: Path) -> None:
    _warn_lead(minimal_plan)
    code, out = _run("--format", "junit", str(minimal_plan))
    assert code == 0
    assert ET.fromstring(out.encode()).get("failures") == "0"
    code, out = _run("--strict", "--format", "junit", str(minimal_plan))
    assert code == 1
    root = ET.fromstring(out.encode())
    assert root.get("failures") == "1"
    assert root.find(".//failure").get("type") == "warning"

    code, out = _run("--format", "sarif", str(minimal_plan))
    assert [r["level"] for r in json.loads(out)["runs"][0]["results"]] == ["warning"]
    code, out = _run("--strict", "--format", "sarif", str(minimal_plan))
    log = json.loads(out)
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    assert [r["level"] for r in log["runs"][0]["results"]] == ["error"]

    _, out = _run("--format", "gitlab", str(minimal_plan))
    assert [i["severity"] for i in json.loads(out)] == ["minor"]
    _, out = _run("--strict", "--format", "gitlab", str(minimal_plan))
    assert [i["severity"] for i in json.loads(out)] == ["major"]


def test_sarif_names_the_tool_home_and_a_help_page_per_rule(minimal_plan: Path) -> None:
    _, out = _run("--format", "sarif", str(minimal_plan))
    log = json.loads(out)
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    uris = [rule["helpUri"] for rule in driver["rules"]]
    assert all(uri.startswith(driver["informationUri"]) for uri in uris)
    assert len(set(uris)) == len(uris)
    assert driver["rules"][0]["helpUri"].endswith("#" + driver["rules"][0]["id"].lower())


def test_several_formats_in_one_run_and_output_file(minimal_plan: Path, tmp_path: Path) -> None:
    _break_lead(minimal_plan)
    sarif_file, junit_file, text_file = (
        tmp_path / "out.sarif",
        tmp_path / "r.xml",
        tmp_path / "t.txt",
    )
    code, out = _run(
        "-f",
        "parsable",
        "-f",
        f"sarif:{sarif_file}",
        "--format",
        f"junit:{junit_file}",
        str(minimal_plan),
    )
    assert code == 1
    assert out.count("\n") == 1 and "(R002)" in out
    assert json.loads(sarif_file.read_text())["runs"][0]["results"][0]["ruleId"] == "R002"
    assert ET.fromstring(junit_file.read_bytes()).get("failures") == "1"
    code, out = _run("-o", str(text_file), str(minimal_plan))
    assert code == 1 and out == ""
    assert "R002" in text_file.read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "text", "-f", "json"],  # both to standard output
        ["-f", "sarif:x.sarif", "-f", "junit:x.sarif"],
        ["-f", "nope"],
        ["-f", "sarif:"],
    ],
)
def test_bad_format_specs_are_one_line(minimal_plan: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["validate", *args, str(minimal_plan)])
    assert result.exit_code == 2
    assert result.stderr.startswith("smartplan: error: ")
    assert "Traceback" not in result.output


def test_ci_paths_are_relative_to_the_git_root(
    minimal_plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil
    import subprocess

    repo = tmp_path / "repo"
    plan = repo / "plans" / "contoh"
    shutil.copytree(minimal_plan, plan)
    _break_lead(plan)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    monkeypatch.chdir(repo / "plans")  # as a job with working-directory: plans
    want = f"plans/contoh/{PROGRAM}"
    _, out = _run("--format", "github", "contoh")
    assert f"file={want}," in out
    _, out = _run("--format", "sarif", "contoh")
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert uri["artifactLocation"]["uri"] == want
    _, out = _run("--format", "gitlab", "contoh")
    assert json.loads(out)[0]["location"]["path"] == want
    # text keeps the path as typed; --path-base chooses for every format
    _, out = _run("contoh")
    assert out.startswith(f"contoh/{PROGRAM}\n")
    _, out = _run("--format", "github", "--path-base", "cwd", "contoh")
    assert f"file=contoh/{PROGRAM}," in out
    _, out = _run("--format", "json", "--path-base", "git", "contoh")
    assert json.loads(out)[0]["file"] == want
    _, out = _run("--format", "json", "--path-base", str(plan), "contoh")
    assert json.loads(out)[0]["file"] == PROGRAM


def test_docs_rules_md_is_current() -> None:
    """SARIF's helpUri points at docs/rules.md#<code>: every rule must have its anchor there."""
    import os

    from smartplan.check.rules import all_rules
    from smartplan.report.rules import rules_markdown

    path = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    expected = rules_markdown(all_rules())
    if os.environ.get("SMARTPLAN_UPDATE_GOLDEN"):
        path.write_text(expected, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == expected, "run: make golden"
    for rule in all_rules():
        assert f'<a id="{rule.code.lower()}"></a>' in expected


def test_config_path_replaces_the_plans_smartplan_yaml(minimal_plan: Path, tmp_path: Path) -> None:
    _break_lead(minimal_plan)
    (minimal_plan / "smartplan.yaml").write_text("kind: config\nrules:\n  R002: error\n")
    shared = tmp_path / "shared-rules.yaml"
    shared.write_text("kind: config\nrules:\n  R002: warning\n")
    code, out = _run("--format", "json", "--config", str(shared), str(minimal_plan))
    assert code == 0
    assert [p["severity"] for p in json.loads(out)] == ["warning"]
    assert _run(str(minimal_plan))[0] == 1  # without it, the plan's own file rules
    # a mistake in the shared file is reported at that file, not inside the plan
    shared.write_text("kind: config\nrules:\n  R02: off\n")
    code, out = _run("--format", "json", "--config", str(shared), str(minimal_plan))
    problems = json.loads(out)
    assert code == 1
    assert [(p["code"], p["file"], p["line"]) for p in problems if p["code"] == "K001"] == [
        ("K001", shared.as_posix(), 3)
    ]
    missing = CliRunner().invoke(
        app, ["validate", "--config", str(tmp_path / "none.yaml"), str(minimal_plan)]
    )
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr
