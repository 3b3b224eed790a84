"""Every smartplan command the README shows runs on plans/kotim and exits as it says.

Each ``sh`` block's ``smartplan ...`` lines run through a shell (globs and
redirections as a user types them) in a fresh copy of a repository laid out
like this one: ``plans/kotim``, ``schemas/`` (where its modelines point), git
with a ``main`` branch, and the ``my-templates/`` folder the README's
template example presupposes. A command that names no plan path runs inside
``plans/kotim``, as "current folder" in the README means; the others at the
repository root. A command exits 0 unless its comment says ``exit N``.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _commands() -> list[str]:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [
        line for block in blocks for line in block.splitlines() if line.startswith("smartplan ")
    ]


COMMANDS = _commands()


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    subprocess.run(
        ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("readme") / "repo"
    shutil.copytree(ROOT / "plans" / "kotim", repo / "plans" / "kotim")
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    (repo / "my-templates").mkdir()
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "plan")
    return repo


@pytest.fixture
def shim(tmp_path: Path) -> dict[str, str]:
    """``smartplan`` on PATH, running this working tree."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    path = bin_dir / "smartplan"
    path.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m smartplan "$@"\n')
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "COLUMNS")}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(ROOT), NO_COLOR="1"
    )
    return env


def test_readme_has_commands() -> None:
    verbs = {line.split()[1] for line in COMMANDS}
    assert {"validate", "prioritize", "render", "diff", "init"} <= verbs


@pytest.mark.parametrize("line", COMMANDS)
def test_readme_command(line: str, template_repo: Path, tmp_path: Path, shim: dict) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(template_repo, repo, symlinks=True)
    command = line.split("  #")[0].strip()
    words = command.split()
    names_a_path = any(w.startswith(("plans", ".")) or w in ("kabupaten-contoh",) for w in words)
    cwd = repo if names_a_path else repo / "plans" / "kotim"
    said = re.search(r"#.*\bexit (\d)", line)
    expected = int(said.group(1)) if said else 0
    result = subprocess.run(
        ["sh", "-c", command], cwd=cwd, env=shim, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == expected, (line, result.stdout[-2000:], result.stderr[-2000:])
    assert "Traceback" not in result.stderr


def test_readme_example_output_is_real(template_repo: Path, tmp_path: Path, shim: dict) -> None:
    """The validate example: the edits the README names give exactly the output it shows."""
    text = README.read_text(encoding="utf-8")
    shown = re.search(r"prints:\n\n```text\n(.*?)```", text, flags=re.S)
    assert shown is not None
    repo = tmp_path / "repo"
    shutil.copytree(template_repo, repo, symlinks=True)
    program = repo / "plans/kotim/programs/economy/eco-pasar-digital-mentaya.yaml"
    edited = program.read_text(encoding="utf-8").replace("\nbudget:", "\nbudjet:")
    program.write_text(edited.replace("\nhorizon: medium\n", "\nhorizon: medium\nquick_win: yes\n"))
    result = subprocess.run(
        ["smartplan", "validate", "plans/kotim"], cwd=repo, env=shim, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout == shown.group(1)


def test_every_kotim_path_in_the_readme_exists() -> None:
    text = README.read_text(encoding="utf-8")
    paths = set(re.findall(r"plans/kotim/[\w./-]+\.ya?ml", text))
    assert paths
    for path in sorted(paths):
        assert (ROOT / path).is_file(), path
