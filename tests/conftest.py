"""Shared fixtures: paths, a copy of a fixture plan, and the CLI runner."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

# The existing tests read English: pin the message language for them and for
# every smartplan they start as a subprocess (tests/test_i18n.py sets its own).
os.environ["SMARTPLAN_LANG"] = "en"

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
