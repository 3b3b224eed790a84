"""Fixtures for the render tests: the example plan rendered once per language."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from smartplan.check.engine import validate_plan
from smartplan.model import Plan
from smartplan.prioritize import prioritize, schedule
from smartplan.prioritize.result import Prioritization, Roadmap
from smartplan.render import RenderedDocument, render_documents

ROOT = Path(__file__).resolve().parents[2]
KOTIM = ROOT / "plans" / "kotim"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
GOLDEN = Path(__file__).resolve().parent / "golden"

#: Set to 1 to rewrite the golden files (and docs/screenshot.png) from the
#: current templates: SMARTPLAN_UPDATE_GOLDEN=1 python -m pytest tests/render
UPDATE = os.environ.get("SMARTPLAN_UPDATE_GOLDEN") == "1"


@dataclass(frozen=True)
class Prepared:
    """A validated plan with its prioritisation, as ``smartplan render`` prepares it."""

    plan: Plan
    priorities: Prioritization
    schedule: Roadmap

    def render(self, lang: str, **kwargs: object) -> dict[str, RenderedDocument]:
        documents, _ = render_documents(
            self.plan,
            lang=lang,
            priorities=self.priorities,
            schedule=self.schedule,
            **kwargs,  # type: ignore[arg-type]
        )
        return {d.format: d for d in documents}


def prepare(plan_dir: Path) -> Prepared:
    result = validate_plan(plan_dir)
    assert result.ok, [p.message for p in result.problems]
    ranking = prioritize(result.plan)
    return Prepared(result.plan, ranking, schedule(result.plan, ranking))


@pytest.fixture(scope="session")
def kotim() -> Prepared:
    return prepare(KOTIM)


@pytest.fixture(scope="session")
def kotim_docs(kotim: Prepared) -> dict[str, dict[str, RenderedDocument]]:
    """``{lang: {format: document}}`` for the example plan."""
    return {lang: kotim.render(lang) for lang in ("id", "en")}


@pytest.fixture(scope="session")
def minimal() -> Prepared:
    return prepare(MINIMAL)


def with_program_name(prepared: Prepared, program_id: str, name: str) -> Prepared:
    """A copy of ``prepared`` where one program has another name."""
    from smartplan.model import Text

    plan = dataclasses.replace(prepared.plan, programs=dict(prepared.plan.programs))
    plan.programs[program_id] = dataclasses.replace(plan.programs[program_id], name=Text(name))
    return Prepared(plan, prepared.priorities, prepared.schedule)
