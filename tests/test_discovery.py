"""Plan discovery and the promise that a plan validating clean can be used.

Discovery reads each folder once, whatever links point back into the plan,
and leaves editor and system files alone; hiding a problem (inline, baseline,
rule off) never makes a file that could not be understood disappear from the
plan in silence: prioritize and render refuse it by name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from smartplan.check.engine import discover, is_artefact, validate_plan


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in a subprocess with a time limit (a runaway walk fails the test)."""
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )


def codes(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return [(p["code"], Path(p["file"]).name) for p in json.loads(result.stdout)]


def test_two_links_back_to_their_own_folder_are_read_once(minimal_plan: Path) -> None:
    economy = minimal_plan / "programs" / "economy"
    (economy / "a").symlink_to(".")
    (economy / "b").symlink_to(".")
    result = run("validate", str(minimal_plan), "-f", "json")
    assert result.returncode == 1, result.stderr
    assert sorted(codes(result)) == [("F001", "a"), ("F001", "b")]
    assert "leads back to a folder already read" in result.stdout


def test_a_link_to_the_parent_folder_is_a_loop_not_thousands_of_files(minimal_plan: Path) -> None:
    before = set(discover(minimal_plan).entries)
    (minimal_plan / "programs" / "economy" / "loop").symlink_to("..")
    found = discover(minimal_plan)
    assert found.loops == ["programs/economy/loop"]
    assert set(found.entries) == before  # each program once, none through the loop


def test_a_link_to_a_sibling_folder_inside_the_plan_is_still_followed(minimal_plan: Path) -> None:
    shared = minimal_plan / "shared"
    shared.mkdir()
    source = minimal_plan / "programs" / "economy" / "eco-pasar-digital.yaml"
    source.rename(shared / source.name)
    (minimal_plan / "programs" / "economy" / "more").symlink_to(shared)
    found = discover(minimal_plan)
    assert "programs/economy/more/eco-pasar-digital.yaml" in found.entries
    assert found.loops == []


@pytest.mark.parametrize(
    "name",
    [".#eco-a.yaml", "._eco-a.yaml", ".hidden.yaml", "eco-a.yaml~", ".eco-a.yaml.swp"],
)
def test_editor_and_system_files_are_not_plan_files(minimal_plan: Path, name: str) -> None:
    assert is_artefact(name)
    (minimal_plan / "programs" / "economy" / name).write_bytes(b"\xff\xfe not yaml: [")
    result = validate_plan(minimal_plan)
    assert result.ok, result.problems
    assert result.skipped == [f"{minimal_plan.as_posix()}/programs/economy/{name}"]


def test_a_git_folder_inside_programs_is_not_read(minimal_plan: Path) -> None:
    git = minimal_plan / "programs" / ".git"
    git.mkdir()
    (git / "x.yaml").write_text("kind: program\n", encoding="utf-8")
    assert validate_plan(minimal_plan).ok


def test_ordinary_names_are_not_artefacts() -> None:
    assert not is_artefact("eco-pasar-digital.yaml")
    assert not is_artefact("economy")


SUPPRESSED_PLAN_ERROR = ("  start: 2025", "  start: 1999  # smartplan: ignore")


def _suppress_plan_error(plan: Path) -> None:
    path = plan / "plan.yaml"
    old, new = SUPPRESSED_PLAN_ERROR
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_suppressed_schema_error_passes_validate(minimal_plan: Path) -> None:
    _suppress_plan_error(minimal_plan)
    result = validate_plan(minimal_plan)
    assert result.ok and result.suppressed >= 1
    assert not result.usable
    assert [Path(p).name for p in result.unchecked] == ["plan.yaml"]


@pytest.mark.parametrize("command", ["prioritize", "render"])
def test_a_suppressed_error_is_refused_by_name_not_a_crash(
    minimal_plan: Path, tmp_path: Path, command: str
) -> None:
    _suppress_plan_error(minimal_plan)
    extra = ["-o", str(tmp_path / "out")] if command == "render" else []
    result = run(command, str(minimal_plan), *extra)
    assert result.returncode == 1, result.stderr
    assert "could not be understood" in result.stderr
    assert "plan.yaml:" in result.stderr and "suppress" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_program_hidden_by_the_baseline_is_refused_not_dropped(minimal_plan: Path) -> None:
    program = minimal_plan / "programs" / "economy" / "eco-pasar-digital.yaml"
    program.write_text(
        program.read_text(encoding="utf-8").replace("budget:", "budjet:", 1), encoding="utf-8"
    )
    assert run("validate", str(minimal_plan), "--write-baseline").returncode == 0
    assert run("validate", str(minimal_plan)).returncode == 0
    result = run("prioritize", str(minimal_plan))
    assert result.returncode == 1
    assert "eco-pasar-digital.yaml:" in result.stderr
    assert "S002" in result.stderr


def test_a_plan_with_nothing_hidden_is_usable(minimal_plan: Path) -> None:
    result = validate_plan(minimal_plan)
    assert result.usable
    result.require_usable()  # does not raise
