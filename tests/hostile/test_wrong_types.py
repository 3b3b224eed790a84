"""A wrong-typed value in every field of every file kind, generated from the JSON Schemas.

For each property path the schemas describe (through nested mappings, list
items, year mappings and score mappings), the value at that path in a copy of
the minimal plan is replaced by a value of a type the schema does not allow.
The whole plan is then validated in-process: validation must not raise, and
must report S001 (wrong type) or S004 (wrong value) at exactly that place.

The hostile corpus (test_hostile.py) runs a handful of these through the real
command; this test covers every field cheaply.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from smartplan.check.engine import validate_plan
from smartplan.check.schemacheck import KINDS, load_schema
from smartplan.problem import pointer_join

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINIMAL = FIXTURES / "minimal"

FILES = {
    "plan": "plan.yaml",
    "agencies": "agencies.yaml",
    "readiness": "readiness.yaml",
    "pillar": "pillars/economy.yaml",
    "program": "programs/economy/eco-pasar-digital.yaml",
    "front": "front.yaml",
    "profile": "profile.yaml",
    "stakeholders": "stakeholders.yaml",
    "institutions": "institutions.yaml",
    "risks": "risks.yaml",
    "architecture": "architecture.yaml",
    "analysis": "analysis/economy.yaml",
    "actuals": "monitoring/2025/eco-pasar-digital.yaml",
    "annual": "monitoring/2025/_tahun.yaml",
}
#: Smallest valid documents of the optional kinds the minimal plan does not have.
OPTIONAL_DOCS: dict[str, dict[str, Any]] = {
    "actuals": {
        "kind": "actuals",
        "program": "eco-pasar-digital",
        "year": 2025,
        "status": "running",
    },
    "annual": {"kind": "annual", "year": 2025},
    "front": {"kind": "front"},
    "profile": {"kind": "profile"},
    "stakeholders": {
        "kind": "stakeholders",
        "stakeholders": [{"id": "unda", "name": "Universitas Darwan Ali", "role": "akademisi"}],
    },
    "institutions": {
        "kind": "institutions",
        "bodies": [{"id": "tim", "type": "tim_pelaksana", "name": "Tim Pelaksana"}],
    },
    "risks": {
        "kind": "risks",
        "risks": [
            {
                "id": "rsk-siber",
                "category": "teknologi",
                "description": "Serangan siber",
                "likelihood": 3,
                "impact": 4,
                "owner": "diskominfo",
                "mitigation": "CSIRT daerah",
            }
        ],
    },
    "architecture": {"kind": "architecture"},
    "analysis": {"kind": "analysis", "pillar": "economy"},
}

#: A value of each JSON type, in the order they are tried as the wrong one.
SAMPLES: dict[str, Any] = {
    "array": ["satu", "dua"],
    "object": {"x": 1},
    "boolean": True,
    "string": "teks",
    "integer": 7,
    "number": 7.5,
    "null": None,
}
#: Example keys for mappings whose keys are free (by propertyNames pattern).
YEAR_KEY = "2025"
ID_KEY = "impact"
RULE_KEY = "B003"  # rules: a real rule code, so its severity is read

#: Paths where the wrong value exposes a known bug in smartplan (strict xfail).
KNOWN_BUGS: dict[str, tuple[str, type[BaseException]]] = {
    # "plan:/rules/B003": ("bug: ...", TypeError),  -- fixed in c9c1f69
}


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 20:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        merged = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **merged}
        seen += 1
    return schema


def _types(schema: dict[str, Any], root: dict[str, Any]) -> set[str]:
    """Every JSON type some branch of ``schema`` accepts (empty: unknown)."""
    schema = _resolve(schema, root)
    kind = schema.get("type")
    if isinstance(kind, str):
        out = {kind}
    elif isinstance(kind, list):
        out = set(kind)
    else:
        out = set()
    for key in ("anyOf", "oneOf"):
        for sub in schema.get(key, ()):
            out |= _types(sub, root)
    for value in [schema["const"]] if "const" in schema else schema.get("enum", []):
        out.add(
            "string"
            if isinstance(value, str)
            else "boolean"
            if isinstance(value, bool)
            else "number"
            if isinstance(value, int | float)
            else "null"
        )
    if "integer" in out:
        out.add("number")  # 7.5 is wrong for an integer, but 7 is right for a number
    if "number" in out:
        out.add("integer")
    return out


def _free_key(schema: dict[str, Any], root: dict[str, Any], path: tuple[Any, ...]) -> str:
    if path and path[-1] == "rules":
        return RULE_KEY
    names = _resolve(schema.get("propertyNames", {}), root)
    pattern = names.get("pattern", "")
    return YEAR_KEY if "20" in pattern else ID_KEY


def _paths(
    schema: dict[str, Any], root: dict[str, Any], path: tuple[Any, ...] = (), depth: int = 0
) -> Iterator[tuple[tuple[Any, ...], set[str]]]:
    schema = _resolve(schema, root)
    if path:
        yield path, _types(schema, root)
    if depth > 8:
        return
    branches = [schema]
    for key in ("anyOf", "oneOf"):
        branches += [_resolve(sub, root) for sub in schema.get(key, ())]
    for branch in branches:
        for key, sub in branch.get("properties", {}).items():
            yield from _paths(sub, root, (*path, key), depth + 1)
        items = branch.get("items")
        if isinstance(items, dict):
            yield from _paths(items, root, (*path, 0), depth + 1)
        extra = branch.get("additionalProperties")
        if isinstance(extra, dict):
            yield from _paths(extra, root, (*path, _free_key(branch, root, path)), depth + 1)
        for sub in branch.get("patternProperties", {}).values():
            yield from _paths(sub, root, (*path, _free_key(branch, root, path)), depth + 1)


def _wrong_value(allowed: set[str]) -> Any:
    for name, value in SAMPLES.items():
        if name not in allowed:
            return value
    return None  # pragma: no cover - every type allowed: nothing is wrong


def _cases() -> list[Any]:
    params = []
    for kind in KINDS:
        schema = load_schema(kind)
        seen: set[tuple[Any, ...]] = set()
        for path, allowed in _paths(schema, schema):
            if path in seen or not allowed or len(allowed) >= len(SAMPLES):
                continue
            seen.add(path)
            pointer = pointer_join(*path)
            marks = []
            if f"{kind}:{pointer}" in KNOWN_BUGS:
                reason, raises = KNOWN_BUGS[f"{kind}:{pointer}"]
                marks.append(pytest.mark.xfail(strict=True, raises=raises, reason=reason))
            params.append(
                pytest.param(kind, path, _wrong_value(allowed), id=f"{kind}:{pointer}", marks=marks)
            )
    return params


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    """Put ``value`` at ``path``, creating the mappings and lists on the way."""
    node = document
    for index, part in enumerate(path):
        last = index == len(path) - 1
        nxt = None if last else path[index + 1]
        fresh: Any = value if last else ([] if isinstance(nxt, int) else {})
        if isinstance(part, int):
            if not isinstance(node, list):
                raise AssertionError(f"{path}: expected a list at {path[:index]}")
            if len(node) <= part:
                node.append(fresh)
            elif last:
                node[part] = value
            elif not isinstance(node[part], list | dict):
                node[part] = fresh
        elif (
            last
            or part not in node
            or not isinstance(node[part], list | dict)
            or isinstance(nxt, int) != isinstance(node[part], list)
        ):
            node[part] = fresh
        if not last:
            node = node[part]


ALL_CASES = _cases()


def test_every_kind_has_many_paths() -> None:
    by_kind: dict[str, int] = {}
    for param in ALL_CASES:
        by_kind[param.values[0]] = by_kind.get(param.values[0], 0) + 1
    assert set(by_kind) == set(KINDS), by_kind
    assert sum(by_kind.values()) >= 100, by_kind


@pytest.mark.parametrize(("kind", "path", "wrong"), ALL_CASES)
def test_wrong_type(tmp_path: Path, kind: str, path: tuple[Any, ...], wrong: Any) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    target = plan / FILES[kind]
    if target.exists():
        document = copy.deepcopy(yaml.safe_load(target.read_text(encoding="utf-8")))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        document = copy.deepcopy(OPTIONAL_DOCS[kind])
    _set(document, path, wrong)
    target.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")

    result = validate_plan(plan)  # must not raise

    pointer = pointer_join(*path)
    rel = FILES[kind]
    here = [
        p
        for p in result.problems
        if p.file.endswith(rel) and p.code in ("S001", "S004") and p.pointer == pointer
    ]
    shown = "\n".join(
        f"{p.file}:{p.line}:{p.column} {p.code} {p.pointer} {p.message}" for p in result.problems
    )
    assert here, f"no S001/S004 at {pointer} for {wrong!r}:\n{shown}"
    assert all(p.line > 0 for p in here), shown
    assert not result.ok
