"""What a consistency rule sees: the typed plan plus the raw documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from smartplan.model import Plan, PlanInfo, Program


@dataclass
class PlanContext:
    """The plan under check. Rules read it and yield hits; they never mutate it."""

    plan: Plan
    #: plan-relative path -> constructed document, for every file that loaded
    documents: dict[str, Any] = field(default_factory=dict)
    #: plan-relative path -> whether the document passed its schema
    schema_ok: dict[str, bool] = field(default_factory=dict)
    #: plan-relative paths of every plan file found, readable or not
    files: set[str] = field(default_factory=set)
    #: the plan folder, for rules that look at files a plan refers to
    root: Path | None = None

    @property
    def info(self) -> PlanInfo | None:
        return self.plan.info

    @property
    def programs(self) -> list[Program]:
        """Schema-valid programs, in file order."""
        return list(self.plan.programs.values())

    @cached_property
    def known_program_ids(self) -> set[str]:
        """Ids of every program file, valid or not (to avoid cascading reports)."""
        return set(self.plan.programs) | self.plan.unparsed_program_ids

    @property
    def agencies_known(self) -> bool:
        """Whether agencies.yaml loaded well enough to check references against it."""
        return self.schema_ok.get("agencies.yaml", False)

    def loaded(self, rel: str) -> bool:
        """Whether a plan file exists and passed its schema."""
        return self.schema_ok.get(rel, False)

    @property
    def analysis_ok(self) -> bool:
        """Whether every analysis/ file passed its schema (references into them are checkable)."""
        # a file that could not even be read is in ``files`` but not in ``schema_ok``
        return all(self.loaded(rel) for rel in self.files if rel.startswith("analysis/"))

    @cached_property
    def answer_targets(self) -> dict[str, str]:
        """Every gap and strategy id of the analysis files -> "gap" or "strategy"."""
        out: dict[str, str] = {}
        for analysis in self.plan.analyses.values():
            for gap in analysis.gaps:
                out.setdefault(gap.id, "gap")
            for strategy in analysis.strategies:
                out.setdefault(strategy.id, "strategy")
        return out
