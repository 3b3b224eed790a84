"""The rule configuration's own rule (K001), found by :mod:`smartplan.check.config`.

Declared here with the other rules, so the registry is complete without
importing the configuration reader, which sits above the rules.
"""

from __future__ import annotations

from smartplan.check.rules.registry import declare

declare(
    "K001",
    "config.rules",
    """
    The rule configuration names an unknown rule, severity or key.

    Rules are configured by code or name in smartplan.yaml (kind: config)
    or in a rules: block of plan.yaml, with the severity off, error,
    warning or info. A typo here would silently keep a rule on, so it is an
    error.

    Failing:

        kind: config
        rules:
          V02: off            # no such rule
          B003: silent        # no such severity

    Passing:

        kind: config
        rules:
          V002: off
          B003: error
    """,
)
