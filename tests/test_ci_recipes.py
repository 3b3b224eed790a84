"""``smartplan init --ci github|gitlab``: the workflows it writes, checked and run.

* Each file is validated against its service's published schema (the GitHub
  workflow and GitLab CI schemas that check-jsonschema vendors, offline).
* Each ``smartplan`` command of the recipe is run, as the job would, in the
  plan made by init: validate must pass and write the reports the recipe
  uploads, render must write the artifact folder.
* The README shows the same recipes, word for word.
"""

from __future__ import annotations

import importlib.util
import json
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from smartplan.cli import app
from smartplan.scaffold.ci import CI_SERVICES, ci_file
from tests.tools import unavailable

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = {"github": "vendor.github-workflows", "gitlab": "vendor.gitlab-ci"}


def _init(tmp_path: Path, service: str) -> Path:
    plan = tmp_path / service
    result = CliRunner().invoke(
        app, ["init", str(plan), "--region", "Kabupaten Contoh", "--ci", service]
    )
    assert result.exit_code == 0, result.output
    assert CI_SERVICES[service][1] in result.output
    return plan


def _commands(service: str, text: str) -> list[list[str]]:
    """The smartplan commands of a recipe, as argument lists."""
    data = yaml.safe_load(text)
    if service == "github":
        steps = data["jobs"]["plan"]["steps"]
        lines = [step["run"] for step in steps if "run" in step]
    else:
        lines = data["smartplan"]["script"]
    return [shlex.split(line) for line in lines if line.startswith("smartplan ")]


def _check_jsonschema() -> list[str]:
    if importlib.util.find_spec("check_jsonschema") is not None:
        return [sys.executable, "-m", "check_jsonschema"]
    found = shutil.which("check-jsonschema")
    if found:
        return [found]
    unavailable(
        "check-jsonschema is not installed (pip install check-jsonschema)",
        "SMARTPLAN_REQUIRE_EDITOR",
    )
    raise AssertionError("unreachable")


@pytest.mark.parametrize("service", sorted(CI_SERVICES))
def test_recipe_matches_the_service_schema(tmp_path: Path, service: str) -> None:
    plan = _init(tmp_path, service)
    path = plan / CI_SERVICES[service][1]
    result = subprocess.run(
        [*_check_jsonschema(), "--builtin-schema", SCHEMAS[service], str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_github_recipe_has_the_permissions_sarif_upload_needs(tmp_path: Path) -> None:
    data = yaml.safe_load(
        (_init(tmp_path, "github") / ".github/workflows/smartplan.yml").read_text()
    )
    job = data["jobs"]["plan"]
    assert job["permissions"] == {"contents": "read", "security-events": "write"}
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    upload = next(s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "smartplan.sarif"
    assert "cancelled()" in upload["if"]  # the upload runs when validate fails too


def test_gitlab_recipe_declares_its_reports(tmp_path: Path) -> None:
    data = yaml.safe_load((_init(tmp_path, "gitlab") / ".gitlab-ci.yml").read_text())
    artifacts = data["smartplan"]["artifacts"]
    assert artifacts["when"] == "always"
    assert artifacts["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "smartplan-junit.xml",
    }


@pytest.mark.parametrize("service", sorted(CI_SERVICES))
def test_recipe_commands_run_in_the_plan(
    tmp_path: Path, service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _init(tmp_path, service)
    subprocess.run(["git", "init", "-q", str(plan)], check=True)
    monkeypatch.chdir(plan)  # a job starts at the repository root
    monkeypatch.setenv("NO_COLOR", "1")
    text = (plan / CI_SERVICES[service][1]).read_text()
    commands = _commands(service, text)
    assert [c[1] for c in commands] == ["validate", "render"]
    for command in commands:
        result = CliRunner().invoke(app, command[1:])
        assert result.exit_code == 0, (command, result.output)
    if service == "github":
        log = json.loads((plan / "smartplan.sarif").read_text())
        # a new plan holds init's placeholders (H001) and no quick win per pillar yet
        # (Q004): warnings, never errors
        assert {r["level"] for r in log["runs"][0]["results"]} <= {"warning"}
    else:
        report = json.loads((plan / "gl-code-quality-report.json").read_text())
        assert {issue["severity"] for issue in report} <= {"minor"}
        assert ET.parse(plan / "smartplan-junit.xml").getroot().get("failures") == "0"
    assert (plan / "masterplan" / "masterplan-id.html").is_file()


def test_recipe_in_a_subfolder_names_the_plan_from_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    result = CliRunner().invoke(
        app, ["init", str(repo / "plans" / "contoh"), "--region", "Contoh", "--ci", "gitlab"]
    )
    assert result.exit_code == 0, result.output
    text = (repo / "plans" / "contoh" / ".gitlab-ci.yml").read_text()
    assert [c[2] for c in _commands("gitlab", text)] == ["plans/contoh", "plans/contoh"]
    assert f"to {repo}/.gitlab-ci.yml" in result.output


@pytest.mark.parametrize("service", sorted(CI_SERVICES))
def test_readme_shows_the_recipe(service: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    _, text = ci_file(service, "plans/kotim")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    assert body in readme, f"README.md lacks the {service} recipe: smartplan init --ci {service}"


def test_unknown_service_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["init", str(tmp_path / "p"), "--region", "X", "--ci", "x"])
    assert result.exit_code == 2
    assert not (tmp_path / "p").exists()
