"""Load a plan for monitoring: the plan must be sound, its actuals may be partly broken.

A monitoring file that cannot be read, or breaks its schema, stays out of
the typed actuals like any plan file; unlike a program file, it must not stop
the other years (or the rest of its year) from being evaluated, so it is
listed as unreadable instead of refusing the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from smartplan.check.engine import ValidationResult, validate_plan
from smartplan.model import Plan
from smartplan.problem import Problem, Severity

MONITORING = "monitoring/"


@dataclass
class LoadedPlan:
    """A validated plan, with the problems of its actuals set apart."""

    result: ValidationResult
    #: errors outside monitoring/: the plan itself is not usable
    plan_errors: list[Problem] = field(default_factory=list)
    #: problems (errors and warnings) in monitoring files
    monitoring_problems: list[Problem] = field(default_factory=list)
    #: plan-relative monitoring files left out of the actuals
    unreadable: list[str] = field(default_factory=list)

    @property
    def plan(self) -> Plan:
        return self.result.plan


def load_plan(plan_dir: Path) -> LoadedPlan:
    """Validate ``plan_dir`` and split its problems into the plan's and the actuals'.

    Raises :class:`~smartplan.errors.PlanUnusableError` when a plan file outside
    monitoring/ is left out of the plan with its errors hidden.
    """
    result = validate_plan(plan_dir)
    loaded = LoadedPlan(result)
    for rel, problem in zip(result.relative_files, result.problems, strict=True):
        if rel.startswith(MONITORING):
            loaded.monitoring_problems.append(problem)
        elif problem.severity is Severity.ERROR:
            loaded.plan_errors.append(problem)
    prefix = Path(plan_dir).as_posix().rstrip("/") + "/"
    core_unchecked = []
    for display in result.unchecked:
        rel = display.removeprefix(prefix) if display.startswith(prefix) else display
        if rel.startswith(MONITORING):
            loaded.unreadable.append(rel)
        else:
            core_unchecked.append(display)
    if not loaded.plan_errors:
        replace(result, unchecked=core_unchecked).require_usable()
    return loaded
