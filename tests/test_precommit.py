"""The pre-commit hooks, run by the real ``pre-commit``.

* ``.pre-commit-hooks.yaml`` (the ``smartplan-validate`` hook this repository
  offers) through ``pre-commit try-repo`` against a sample plan repository.
  try-repo clones a git repository at a commit, so the hook's source is a
  temporary git repository holding a copy of this working tree, committed
  there. pre-commit then installs smartplan from it into a virtualenv of its
  own (``pip install .``, which needs PyPI).
* The ``.pre-commit-config.yaml`` that ``smartplan init`` writes (a local hook
  running the ``smartplan`` on PATH) with ``pre-commit run``.

pre-commit is a PyPI package (``pip install pre-commit``). Without it, or
without git, the tests are skipped, unless ``SMARTPLAN_REQUIRE_EDITOR=1`` (as
in CI), where they fail instead.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from smartplan.scaffold import init_plan
from tests.tools import unavailable

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
#: What pre-commit needs to install smartplan from a copy of the working tree.
PACKAGE_FILES = (
    "pyproject.toml",
    "README.md",
    "LICENSE",
    "CHANGELOG.md",
    ".pre-commit-hooks.yaml",
    "hatch_build.py",  # the build hook that checks the compiled messages
)
PACKAGE_DIRS = ("smartplan", "schemas", "templates")


def _unavailable(reason: str) -> None:
    unavailable(reason, "SMARTPLAN_REQUIRE_EDITOR")


def pre_commit_command() -> list[str]:
    if shutil.which("git") is None:
        _unavailable("git is not installed")
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    if found:
        return [found]
    _unavailable("pre-commit is not installed; install it with: pip install pre-commit")
    raise AssertionError("unreachable")


def _env(home: Path, **extra: str) -> dict[str, str]:
    # The hook must run the smartplan pre-commit installed, not one from PYTHONPATH.
    dropped = ("GIT_", "PRE_COMMIT", "PYTHONPATH", "VIRTUAL_ENV")
    env = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="smartplan tests",
        GIT_AUTHOR_EMAIL="tests@smartplan.invalid",
        GIT_COMMITTER_NAME="smartplan tests",
        GIT_COMMITTER_EMAIL="tests@smartplan.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        NO_COLOR="1",
        **extra,
    )
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )


def _git_repo(folder: Path, env: dict[str, str], *, commit: bool) -> None:
    _git(folder, env, "init", "-q")
    _git(folder, env, "add", "-A")
    if commit:
        _git(folder, env, "commit", "-q", "-m", "snapshot")


def _copy_package(target: Path) -> None:
    target.mkdir(parents=True)
    for name in PACKAGE_FILES:
        shutil.copy2(ROOT / name, target / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PACKAGE_DIRS:
        shutil.copytree(ROOT / name, target / name, ignore=ignore)


@pytest.fixture(scope="module")
def pre_commit() -> list[str]:
    return pre_commit_command()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit store for the module, so the hook's virtualenv is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(
    pre_commit: list[str], pre_commit_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A committed git repository holding this working tree's package and hook definition."""
    repo = tmp_path_factory.mktemp("hook-source") / "smartplan"
    from smartplan import __version__

    _copy_package(repo)
    _git_repo(repo, _env(pre_commit_home), commit=True)
    _git(repo, _env(pre_commit_home), "tag", f"v{__version__}")
    return repo


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _break(plan: Path) -> None:
    """Misspell a key in a program file: schema rule S002."""
    program = plan / "programs" / "economy" / "eco-pasar-digital.yaml"
    text = program.read_text(encoding="utf-8")
    program.write_text(text.replace("\nbudget:", "\nbudjet:"), encoding="utf-8")


@pytest.fixture
def sample_repo(tmp_path: Path, pre_commit_home: Path) -> Path:
    """A plan repository: the minimal plan at the root, files added to git."""
    repo = tmp_path / "sample"
    shutil.copytree(MINIMAL, repo)
    _git_repo(repo, _env(pre_commit_home), commit=False)
    return repo


def _try_repo(
    pre_commit: list[str], hook_repo: Path, sample: Path, home: Path
) -> subprocess.CompletedProcess[str]:
    return _run(
        [*pre_commit, "try-repo", str(hook_repo), "smartplan-validate", "--all-files"],
        sample,
        _env(home),
    )


def test_hook_passes_on_a_good_plan(
    pre_commit: list[str], hook_repo: Path, sample_repo: Path, pre_commit_home: Path
) -> None:
    result = _try_repo(pre_commit, hook_repo, sample_repo, pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "smartplan validate" in output and "Passed" in output


def test_hook_fails_on_a_broken_plan(
    pre_commit: list[str], hook_repo: Path, sample_repo: Path, pre_commit_home: Path
) -> None:
    _break(sample_repo)
    _git(sample_repo, _env(pre_commit_home), "add", "-A")
    result = _try_repo(pre_commit, hook_repo, sample_repo, pre_commit_home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Failed" in output
    assert "budjet" in output and "S002" in output


def test_hook_manifest_is_valid(pre_commit: list[str], pre_commit_home: Path) -> None:
    result = _run(
        [*pre_commit, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        ROOT,
        _env(pre_commit_home),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "smartplan-validate"
    assert hook["entry"] == "smartplan validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for name in ("plan.yaml", "plans/kotim/programs/economy/a.yml"):
        assert files.search(name), name
    for name in ("README.md", "schemas/plan.schema.json", "notes.yaml.bak"):
        assert not files.search(name), name


@pytest.fixture
def smartplan_on_path(tmp_path: Path) -> dict[str, str]:
    """A ``smartplan`` command on PATH that runs this working tree, for ``language: system``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "smartplan"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m smartplan "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {
        "PATH": os.pathsep.join([str(bin_dir), os.environ.get("PATH", "")]),
        "PYTHONPATH": pythonpath,
    }


def _no_smartplan_path() -> str:
    """A PATH with git and sh but no smartplan: what an editor's commit button sees."""
    dirs = []
    for tool in ("git", "sh"):
        found = shutil.which(tool)
        assert found is not None
        dirs.append(str(Path(found).parent))
    path = os.pathsep.join(dict.fromkeys(dirs))
    assert shutil.which("smartplan", path=path) is None, path
    return path


def _init_repo(tmp_path: Path, env: dict[str, str]) -> Path:
    plan = tmp_path / "kab-contoh"
    init_plan(plan, region="Kabupaten Contoh", province="Bali", period=(2025, 2034))
    _git_repo(plan, env, commit=False)
    return plan


def _assert_guards(pre_commit: list[str], plan: Path, env: dict[str, str]) -> None:
    """The hook passes the clean plan, fails a broken one, and skips a commit without YAML."""
    good = _run([*pre_commit, "run", "--all-files"], plan, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout

    program = plan / "programs" / "economy" / "eco-contoh-retribusi-nontunai.yaml"
    text = program.read_text()
    program.write_text(text.replace("\nbudget:", "\nbudjet:"))
    _git(plan, env, "add", "-A")
    bad = _run([*pre_commit, "run", "--all-files"], plan, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "budjet" in bad.stdout and "Failed" in bad.stdout
    program.write_text(text)

    (plan / "NOTES.md").write_text("notes\n")
    _git(plan, env, "add", "-A")
    skipped = _run([*pre_commit, "run", "--files", "NOTES.md"], plan, env)
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "no files to check" in skipped.stdout.lower()


def test_init_config_installs_smartplan_itself(
    pre_commit: list[str], hook_repo: Path, tmp_path: Path, pre_commit_home: Path
) -> None:
    """init's hook is the published one (language: python): no smartplan on PATH needed.

    The project is not published, so the config's repository URL is pointed at
    the local copy of this working tree (tagged as this version); the rest of
    the file is init's own.
    """
    from smartplan import HOMEPAGE, __version__

    env = _env(pre_commit_home, PATH=_no_smartplan_path())
    plan = _init_repo(tmp_path, env)
    config_file = plan / ".pre-commit-config.yaml"
    (repo,) = yaml.safe_load(config_file.read_text())["repos"]
    assert repo["repo"] == HOMEPAGE and repo["rev"] == f"v{__version__}"
    assert [h["id"] for h in repo["hooks"]] == ["smartplan-validate"]
    config_file.write_text(config_file.read_text().replace(HOMEPAGE, str(hook_repo)))
    _git(plan, env, "add", "-A")
    config = _run([*pre_commit, "validate-config", ".pre-commit-config.yaml"], plan, env)
    assert config.returncode == 0, config.stdout + config.stderr
    _assert_guards(pre_commit, plan, env)


def test_offline_variant_uses_smartplan_on_path_and_says_what_to_do_without(
    pre_commit: list[str], tmp_path: Path, pre_commit_home: Path, smartplan_on_path: dict[str, str]
) -> None:
    from smartplan.scaffold.init import offline_precommit_config

    env = _env(pre_commit_home, **smartplan_on_path)
    plan = _init_repo(tmp_path, env)
    (plan / ".pre-commit-config.yaml").write_text(offline_precommit_config())
    _git(plan, env, "add", "-A")
    config = _run([*pre_commit, "validate-config", ".pre-commit-config.yaml"], plan, env)
    assert config.returncode == 0, config.stdout + config.stderr
    _assert_guards(pre_commit, plan, env)

    bare = _env(pre_commit_home, PATH=_no_smartplan_path())
    missing = _run([*pre_commit, "run", "--all-files"], plan, bare)
    assert missing.returncode == 1, missing.stdout + missing.stderr
    assert "smartplan is not on PATH" in missing.stdout
    assert "pipx install smartplan" in missing.stdout
