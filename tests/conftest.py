"""Shared fixtures: paths, a copy of a fixture plan, and the CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
KOTIM = ROOT / "plans" / "kotim"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def minimal_plan(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid plan, safe to break."""
    target = tmp_path / "plan"
    shutil.copytree(FIXTURES / "minimal", target)
    return target
