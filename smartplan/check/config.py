"""Per-plan rule configuration, inline suppressions and the baseline file.

A plan turns rules off or changes their severity in ``smartplan.yaml``
beside plan.yaml (``kind: config``) or in a ``rules:`` block of plan.yaml;
smartplan.yaml wins where both name a rule. Unknown rule codes, severities
and keys are problems (K001), never ignored.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartplan.check.rules.registry import REGISTRY
from smartplan.errors import UsageError
from smartplan.i18n import lazy
from smartplan.problem import Hit, Severity

CONFIG_FILE = "smartplan.yaml"
BASELINE_FILE = ".smartplan-baseline.json"
SEVERITY_WORDS: dict[str, Severity | None] = {
    "off": None,
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "info": Severity.INFO,
}
_CONFIG_KEYS = {"kind", "rules"}


@dataclass
class RuleConfig:
    """Effective severity overrides (``None`` = off) and where each came from."""

    severities: dict[str, Severity | None] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    issues: list[Hit] = field(default_factory=list)


def _rule_code(key: str) -> str | None:
    upper = key.upper()
    if upper in REGISTRY:
        return upper
    for code, rule in REGISTRY.items():
        if rule.name == key:
            return code
    return None


def _read_rules(block: Any, file: str, base: str, config: RuleConfig) -> None:
    if block is None:
        return
    if not isinstance(block, dict):
        config.issues.append(
            Hit(file, base, lazy("rules must be a mapping of rule code to severity"))
        )
        return
    for key, value in block.items():
        pointer = f"{base}/{key}"
        code = _rule_code(str(key))
        if code is None:
            from smartplan.text import did_you_mean

            options = [*REGISTRY, *(r.name for r in REGISTRY.values())]
            hint = did_you_mean(str(key), options, cutoff=0.5)
            config.issues.append(
                Hit(
                    file,
                    pointer,
                    lazy("unknown rule %(key)r", key=key),
                    hint or lazy("see smartplan rules"),
                )
            )
            continue
        word = value.lower() if isinstance(value, str) else None
        if value is False:  # `B003: false` in YAML means off
            word = "off"
        if word not in SEVERITY_WORDS:  # also a list, mapping or number given as severity
            config.issues.append(
                Hit(
                    file,
                    pointer,
                    lazy("unknown severity %(value)r for %(code)s", value=value, code=code),
                    lazy("use off, error, warning or info"),
                )
            )
            continue
        if code[0] in "FY" and word != "error":
            config.issues.append(
                Hit(
                    file,
                    pointer,
                    lazy(
                        "%(code)s cannot be turned off or lowered: the file would be skipped "
                        "silently",
                        code=code,
                    ),
                    lazy("fix the file instead, or suppress other rules"),
                )
            )
            continue
        config.severities[code] = SEVERITY_WORDS[word]
        config.sources[code] = file


def read_config(plan_data: Any, config_data: Any | None) -> RuleConfig:
    """Build the rule configuration from plan.yaml's data and smartplan.yaml's data."""
    config = RuleConfig()
    if isinstance(plan_data, dict):
        _read_rules(plan_data.get("rules"), "plan.yaml", "/rules", config)
    if config_data is not None:
        if not isinstance(config_data, dict):
            config.issues.append(Hit(CONFIG_FILE, "", lazy("smartplan.yaml must be a mapping")))
            return config
        for key in config_data:
            if key not in _CONFIG_KEYS:
                config.issues.append(
                    Hit(
                        CONFIG_FILE,
                        f"/{key}",
                        lazy("unknown key %(key)r in smartplan.yaml", key=key),
                        lazy("smartplan.yaml holds kind: config and rules:"),
                    )
                )
        if config_data.get("kind") != "config":
            config.issues.append(
                Hit(
                    CONFIG_FILE,
                    "/kind" if "kind" in config_data else "",
                    lazy("smartplan.yaml must say kind: config"),
                )
            )
        _read_rules(config_data.get("rules"), CONFIG_FILE, "/rules", config)
    return config


# --------------------------------------------------------------------------
# Inline suppressions

_IGNORE = re.compile(r"#\s*smartplan:\s*ignore(?:\[([A-Za-z0-9_.,\s-]*)\])?")


def suppressed_codes(line_text: str) -> set[str] | None:
    """Codes suppressed by a ``# smartplan: ignore[...]`` comment; empty set = all."""
    match = _IGNORE.search(line_text)
    if match is None:
        return None
    if match.group(1) is None:
        return set()
    return {
        (_rule_code(part.strip()) or part.strip().upper()) for part in match.group(1).split(",")
    }


def is_suppressed(code: str, lines: list[str], line: int) -> bool:
    """Whether ``code`` at 1-based ``line`` is suppressed on that line or a comment line above."""
    candidates = []
    if 1 <= line <= len(lines):
        candidates.append(lines[line - 1])
    if 2 <= line <= len(lines) + 1 and lines[line - 2].lstrip().startswith("#"):
        candidates.append(lines[line - 2])
    for text in candidates:
        codes = suppressed_codes(text)
        if codes is not None and (not codes or code in codes):
            return True
    return False


# --------------------------------------------------------------------------
# Baseline


Fingerprint = tuple[str, str, str, str]


def read_baseline(path: Path) -> Counter[Fingerprint]:
    """Fingerprints (file, code, pointer, message) recorded in a baseline file.

    A baseline that cannot be read (a merge conflict, not JSON, not UTF-8, the
    wrong shape) stops validation with one clear line rather than hiding or
    showing problems by accident.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc).splitlines()[0][:120]
        raise UsageError(
            lazy("cannot read the baseline file %(path)s: %(reason)s", path=path, reason=reason),
            lazy(
                "fix it, delete it and run smartplan validate --write-baseline, or use "
                "--no-baseline"
            ),
        ) from None
    entries = data.get("problems") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UsageError(
            lazy("the baseline file %(path)s has no list of problems", path=path),
            lazy("rewrite it with smartplan validate --write-baseline"),
        )
    return Counter(
        (
            str(e.get("file", "")),
            str(e.get("code", "")),
            str(e.get("pointer", "")),
            str(e.get("message", "")),
        )
        for e in entries
        if isinstance(e, dict)
    )


def baseline_document(fingerprints: Iterable[Fingerprint]) -> str:
    """The baseline file's text: sorted, stable, one problem per entry (line numbers left out)."""
    entries = [
        {"file": f, "code": c, "pointer": p, "message": m} for f, c, p, m in sorted(fingerprints)
    ]
    doc = {"version": 1, "tool": "smartplan", "problems": entries}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
