"""The rule registry: every problem smartplan reports has a rule here.

A rule is data: a short code, a readable name, a default severity and a
docstring whose first line is the summary and whose body shows a failing and
a passing example. Consistency rules also carry a ``check`` function that
yields :class:`Hit` values; file, YAML and schema rules are emitted by the
loader and the schema checker, and are registered here so ``smartplan rules``
lists and explains them all.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smartplan.problem import Hit, Severity

if TYPE_CHECKING:
    from smartplan.check.rules.context import PlanContext


CheckFn = Callable[["PlanContext"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    doc: str
    check: CheckFn | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""


REGISTRY: dict[str, Rule] = {}


def _register(rule: Rule) -> Rule:
    if rule.code in REGISTRY:
        raise ValueError(f"rule code {rule.code} registered twice")
    REGISTRY[rule.code] = rule
    return rule


def rule(code: str, name: str, severity: Severity = Severity.ERROR) -> Callable[[CheckFn], CheckFn]:
    """Register a consistency rule; its docstring is its documentation."""

    def decorate(func: CheckFn) -> CheckFn:
        _register(Rule(code, name, severity, inspect.cleandoc(func.__doc__ or ""), func))
        return func

    return decorate


def declare(code: str, name: str, doc: str, severity: Severity = Severity.ERROR) -> None:
    """Register a rule that the loader or schema checker emits."""
    _register(Rule(code, name, severity, inspect.cleandoc(doc)))


def all_rules() -> list[Rule]:
    """Every rule, loading the rule modules on first use, sorted by code."""
    from smartplan.check.rules import load_all

    load_all()
    return sorted(REGISTRY.values(), key=lambda r: r.code)


def get_rule(code: str) -> Rule | None:
    from smartplan.check.rules import load_all

    load_all()
    return REGISTRY.get(code.upper())
