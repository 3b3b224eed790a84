"""The built wheel carries its schemas and templates and works outside the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@pytest.mark.slow
def test_wheel_installs_and_validates_outside_checkout(tmp_path: Path) -> None:
    if os.environ.get("SMARTPLAN_SKIP_WHEEL") == "1":
        pytest.skip("SMARTPLAN_SKIP_WHEEL=1")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(ROOT)],
        check=True,
    )
    wheels = list(dist.glob("smartplan-*.whl"))
    assert len(wheels) == 1
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheels[0])],
        check=True,
    )
    plan = tmp_path / "elsewhere" / "plan"
    shutil.copytree(MINIMAL, plan)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    outside = tmp_path / "elsewhere"
    where = subprocess.run(
        [
            str(python),
            "-c",
            "from smartplan.resources import schemas_dir, templates_dir;"
            "print(schemas_dir()); print(templates_dir())",
        ],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(str(venv) in path for path in where), where
    result = subprocess.run(
        [str(venv / "bin" / "smartplan"), "validate", "plan"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout
    broken = subprocess.run(
        [str(venv / "bin" / "smartplan"), "validate", "missing-plan"],
        cwd=outside,
        env=env,
        capture_output=True,
        text=True,
    )
    assert broken.returncode == 2
    assert "Traceback" not in broken.stderr
