"""Small messages that misled: each states exactly what is wrong and what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from smartplan.errors import UsageError
from smartplan.scaffold.init import check_period
from smartplan.text import above

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("value", "shown"), [(0.1004, "0.1004"), (0.10000004, "0.10000004"), (0.25, "0.250")]
)
def test_a_ratio_just_above_the_limit_is_shown_above_it(value: float, shown: str) -> None:
    assert above(value, 0.1) == shown


def test_one_year_is_one_year() -> None:
    with pytest.raises(UsageError, match="covers 1 year;"):
        check_period((2025, 2025))


def test_rules_plan_refuses_a_configuration_it_cannot_read(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    (plan / "smartplan.yaml").write_text("kind: config\nrules: [1, 2]\n", encoding="utf-8")
    done = run("rules", "--plan", str(plan))
    assert done.returncode == 1
    assert "smartplan.yaml:2:1: rules must be a mapping" in done.stderr
    assert "K001" in done.stderr


def test_a_dangling_output_link_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "out").symlink_to(tmp_path / "nowhere")
    done = run("render", str(MINIMAL), "-o", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "symbolic link" in done.stderr and "does not exist" in done.stderr
    assert "File exists" not in done.stderr


def test_a_shallow_clone_says_why_a_revision_is_unknown(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    shutil.copytree(MINIMAL, origin / "plan")
    subprocess.run(["git", "init", "-q", str(origin)], check=True)
    for message in ("a", "b"):
        (origin / "plan" / "notes.txt").write_text(message, encoding="utf-8")
        subprocess.run([*GIT, "add", "-A"], cwd=origin, check=True)
        subprocess.run([*GIT, "commit", "-q", "-m", message], cwd=origin, check=True)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(clone)], check=True
    )
    done = run("diff", "HEAD~1", "HEAD", "plan", cwd=clone)
    assert done.returncode == 2
    assert "shallow" in done.stderr and "git fetch --unshallow" in done.stderr
