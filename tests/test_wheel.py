"""The built wheel and sdist carry what they must and work outside the checkout.

``python -m build`` makes both as a release does (the wheel from the sdist,
so the sdist is complete); each is installed into a clean virtual environment
and run on a plan copied elsewhere.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from smartplan import __version__

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("SMARTPLAN_SKIP_WHEEL") == "1":
        pytest.skip("SMARTPLAN_SKIP_WHEEL=1")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def _artifact(dist: Path, kind: str) -> Path:
    pattern = "smartplan-*.whl" if kind == "wheel" else "smartplan-*.tar.gz"
    (found,) = dist.glob(pattern)
    return found


def test_wheel_carries_types_licence_and_metadata(dist: Path) -> None:
    with zipfile.ZipFile(_artifact(dist, "wheel")) as wheel:
        names = set(wheel.namelist())
        info = f"smartplan-{__version__}.dist-info"
        metadata = wheel.read(f"{info}/METADATA").decode()
    assert "smartplan/py.typed" in names
    assert f"{info}/licenses/LICENSE" in names
    assert "smartplan/_data/schemas/plan.schema.json" in names
    # the compiled Indonesian messages (smartplan.i18n reads them from the package)
    assert "smartplan/locale/id/LC_MESSAGES/smartplan.mo" in names
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    for label in ("Homepage", "Documentation", "Issues", "Changelog"):
        assert f"Project-URL: {label}, https://" in metadata, label


def test_sdist_carries_the_sources_licence_and_changelog(dist: Path) -> None:
    with tarfile.open(_artifact(dist, "sdist")) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for name in ("LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml", "smartplan/py.typed"):
        assert name in names, name
    assert "schemas/plan.schema.json" in names
    assert "templates/i18n/id.yaml" in names
    # the catalogs and the tool that keeps them current (make messages)
    for name in ("smartplan/locale/smartplan.pot", "smartplan/locale/id/LC_MESSAGES/smartplan.po"):
        assert name in names, name
    assert "tools/messages.py" in names
    assert "hatch_build.py" in names  # the build hook that checks the compiled messages


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_installs_and_runs_outside_checkout(dist: Path, tmp_path: Path, kind: str) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(_artifact(dist, kind))],
        check=True,
    )
    smartplan = str(venv / "bin" / "smartplan")
    outside = tmp_path / "elsewhere"
    plan = outside / "plan"
    shutil.copytree(MINIMAL, plan)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=outside, env={**env, **extra}, capture_output=True, text=True, timeout=300
        )

    where = run(
        str(python),
        "-c",
        "from smartplan.resources import schemas_dir, templates_dir;"
        "print(schemas_dir()); print(templates_dir())",
    ).stdout.split()
    assert len(where) == 2 and all(str(venv) in path for path in where), where
    for flag in ("--version", "-V"):
        version = run(smartplan, flag)
        assert version.stdout == f"smartplan {__version__}\n", version.stderr
    result = run(smartplan, "validate", "plan")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
    # the installed catalog speaks Indonesian under an Indonesian locale
    spoken = run(
        smartplan,
        "validate",
        "plan",
        LANG="id_ID.UTF-8",
        SMARTPLAN_LANG="",
        LC_ALL="",
        LC_MESSAGES="",
    )
    assert "tidak ada masalah" in spoken.stdout, spoken.stdout + spoken.stderr
    rendered = run(smartplan, "render", "plan", "--format", "md")
    assert rendered.returncode == 0, rendered.stderr
    assert (plan / "build" / "masterplan-id.md").is_file()
    broken = run(smartplan, "validate", "missing-plan")
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr
    # shell completion through typer: what bash asks when the user presses Tab
    completion = run(
        smartplan, _SMARTPLAN_COMPLETE="complete_bash", COMP_WORDS="smartplan val", COMP_CWORD="1"
    )
    assert completion.returncode == 0, completion.stderr
    assert "validate" in completion.stdout
    script = run(smartplan, "--show-completion", "bash")
    assert script.returncode == 0 and "_SMARTPLAN_COMPLETE" in script.stdout, script.stderr
