"""Numbers the schemas allow are numbers the arithmetic carries.

Weights of ``1e308`` overflowed ``math.fsum`` in validate, prioritize, render
and diff; a target of ``1e29`` broke Babel's decimal formatting. The schemas
bound every number (docs/format.md, "Bounds of numbers"), so such values are
S004 problems, located, and the commands after validate never see them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from smartplan.check.engine import validate_plan
from smartplan.check.schemacheck import load_schema
from tests.conftest import FIXTURES
from tests.test_diff import PLAN, app, commit, edit, git, run  # noqa: F401 - app is a fixture

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _numbers(node: object, pointer: str = "") -> list[tuple[str, dict]]:
    out = []
    if isinstance(node, dict):
        kind = node.get("type")
        if kind in ("number", "integer"):
            out.append((pointer, node))
        for key, value in node.items():
            out += _numbers(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _numbers(value, f"{pointer}/{index}")
    return out


@pytest.mark.parametrize("kind", ["plan", "program", "readiness", "pillar", "agencies"])
def test_every_number_in_the_schemas_is_bounded(kind: str) -> None:
    for pointer, node in _numbers(load_schema(kind)):
        low = node.get("minimum", node.get("exclusiveMinimum"))
        high = node.get("maximum", node.get("exclusiveMaximum"))
        assert low is not None and high is not None, f"{kind}{pointer}: {json.dumps(node)}"
        assert -(10**16) <= low < high <= 10**16, f"{kind}{pointer}"


def test_huge_weights_are_schema_problems(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURES / "minimal", plan)
    edit(plan / "plan.yaml", "weight: 0.5}", "weight: 1e308}")
    edit(plan / "plan.yaml", "weight: 0.3}", "weight: 1e308}")
    result = validate_plan(plan)
    found = [(p.code, p.line) for p in result.problems]
    assert found == [("S004", 23), ("S004", 24)], found
    assert "above the maximum 1000000" in result.problems[0].message


def test_diff_with_huge_weights_reports_them(app: object, tmp_path: Path) -> None:  # noqa: F811
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copytree(FIXTURES / "minimal", root / PLAN)
    commit(root, "base")
    edit(root / PLAN / "plan.yaml", "weight: 0.5}", "weight: 1e308}")
    edit(root / PLAN / "plan.yaml", "weight: 0.3}", "weight: 1e308}")
    code, stdout, stderr = run(app, "HEAD", str(root / PLAN), "--format", "json")  # type: ignore[arg-type]
    assert code == 0, stderr
    assert "S004" in stdout and "internal error" not in stderr
