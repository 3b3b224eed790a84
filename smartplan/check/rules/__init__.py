"""Consistency rules, one module per theme, registered in :mod:`registry`."""

from __future__ import annotations

import importlib

from smartplan.check.rules.registry import REGISTRY, Rule, all_rules, get_rule, rule
from smartplan.problem import Hit

__all__ = ["REGISTRY", "Hit", "Rule", "all_rules", "get_rule", "load_all", "rule"]

_MODULES = (
    "files",
    "schema",
    "structure",
    "references",
    "dependencies",
    "years",
    "quickwins",
    "budget",
    "indicators",
    "scoring",
    "coverage",
    "configuration",
    "monitoring",
    "chain",
    "rpjmd",
    "document",
)
_loaded = False


def load_all() -> None:
    """Import every rule module once, so the registry is complete."""
    global _loaded
    if _loaded:
        return
    for name in _MODULES:
        importlib.import_module(f"smartplan.check.rules.{name}")
    _loaded = True
