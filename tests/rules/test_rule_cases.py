"""Every rule has a failing and a passing example, as data files in cases/.

A case file names a rule, a base fixture plan, and two variants: ``fail``
(edits that must produce the listed problems at the listed places) and
``pass`` (edits of a near miss that must not produce the rule's code).
Each variant runs the real ``smartplan validate --format json`` command.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from smartplan.check.rules import all_rules
from smartplan.cli import app
from tests.planedit import apply_edits

CASES = Path(__file__).resolve().parent / "cases"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            out.append((path.stem, yaml.safe_load(handle)))
    return out


ALL_CASES = _cases()


def _run(tmp_path: Path, case: dict[str, Any], variant: dict[str, Any]) -> tuple[int, list[dict]]:
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURES / case.get("base", "minimal"), plan)
    apply_edits(plan, variant.get("files", {}))
    result = CliRunner().invoke(app, ["validate", "--format", "json", str(plan)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    problems = json.loads(result.stdout) if result.exit_code in (0, 1) else []
    prefix = plan.as_posix() + "/"
    for problem in problems:
        problem["file"] = problem["file"].removeprefix(prefix)
    return result.exit_code, problems


@pytest.mark.parametrize(("name", "case"), ALL_CASES, ids=[n for n, _ in ALL_CASES])
def test_fail_variant(tmp_path: Path, name: str, case: dict[str, Any]) -> None:
    variant = case["fail"]
    code, problems = _run(tmp_path, case, variant)
    assert code == variant.get("exit", 1), problems
    for expected in variant["expect"]:
        matches = [
            p
            for p in problems
            if p["code"] == expected["code"]
            and p["file"] == expected["file"]
            and ("line" not in expected or p["line"] == expected["line"])
            and ("column" not in expected or p["column"] == expected["column"])
            and expected.get("message", "") in p["message"]
            and expected.get("hint", "") in (p["hint"] or "")
        ]
        assert matches, f"expected {expected} among {json.dumps(problems, indent=1)}"
    if variant.get("only"):
        codes = {p["code"] for p in problems}
        assert codes <= {e["code"] for e in variant["expect"]} | set(variant.get("also", [])), codes


@pytest.mark.parametrize(("name", "case"), ALL_CASES, ids=[n for n, _ in ALL_CASES])
def test_pass_variant(tmp_path: Path, name: str, case: dict[str, Any]) -> None:
    variant = case["pass"]
    code, problems = _run(tmp_path, case, variant)
    assert not [p for p in problems if p["code"] == case["rule"]], problems
    assert code == variant.get("exit", 0), problems


def test_every_rule_has_a_case() -> None:
    covered = {case["rule"] for _, case in ALL_CASES}
    missing = [rule.code for rule in all_rules() if rule.code not in covered]
    assert not missing, f"rules without a failing/passing case in {CASES}: {missing}"


def test_every_rule_documents_examples() -> None:
    for rule in all_rules():
        assert "Failing" in rule.doc and "Passing" in rule.doc, rule.code
