"""The compiled fast check gives the same verdict as jsonschema, on real and mutated documents."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartplan.check.fastcheck import UnsupportedSchema, compile_schema
from smartplan.check.schemacheck import KINDS, load_schema, make_validator, quick_check
from smartplan.check.yamlload import load_text

ROOT = Path(__file__).resolve().parents[1]


def _kind_of(path: Path) -> str:
    if path.parent.name == "pillars":
        return "pillar"
    if path.parent.parent.name == "programs":
        return "program"
    return path.stem if path.stem in ("plan", "agencies", "readiness") else ""


def _documents() -> list[tuple[str, Any]]:
    docs = []
    for base in (ROOT / "plans" / "kotim", ROOT / "tests" / "fixtures" / "minimal"):
        for path in sorted(base.rglob("*.yaml")):
            kind = _kind_of(path)
            if kind:
                docs.append((kind, load_text(path.read_text(encoding="utf-8"), [])))
    return docs


DOCUMENTS = _documents()
# the validators validate uses: with a checker for the formats the schemas assert
VALIDATORS = {kind: make_validator(load_schema(kind)) for kind in KINDS}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    # either side of the bounds of weights, scales and indicator values
    | st.sampled_from([10**6, 10**6 + 1, 1e6, 1000000.5, -(10**6), 10**12, 1e12 + 1, -1e12])
    | st.sampled_from(
        [
            "",
            "x",
            "economy",
            "ECO-1",
            "APBD",
            "program",
            "1/3",
            "2025",
            "id",
            "benefit",
            "eco-a",
            "Eco A",
            "2024-10-01",
            "2022-02-30",
            "2024-02-29",
            "2023-02-29",
            "2024-1-01",
            "increase",
            "pemerintah",
        ]
    )
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "en",
                    "name",
                    "x",
                    "2025",
                    "kind",
                    "year",
                    "amount",
                    "source",
                    "start",
                    "end",
                    "role",
                ]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=10,
)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _paths(item, (*prefix, index))
    return out


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Any]:
    kind, doc = draw(st.sampled_from(DOCUMENTS))
    doc = copy.deepcopy(doc)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        if not path:
            continue
        parent = doc
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        last = path[-1]
        if action == "replace":
            parent[last] = draw(json_values)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["budjet", "extra", "2031", "en", "id"]))] = draw(
                json_values
            )
        else:
            parent.append(draw(json_values))
    return kind, doc


@pytest.mark.parametrize("kind", KINDS)
def test_every_schema_compiles(kind: str) -> None:
    compile_schema(load_schema(kind))


@pytest.mark.parametrize(("kind", "doc"), DOCUMENTS[:80])
def test_real_documents_are_valid_both_ways(kind: str, doc: Any) -> None:
    assert quick_check(kind)(doc) is True
    assert VALIDATORS[kind].is_valid(doc)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_verdicts_agree_on_mutated_documents(case: tuple[str, Any]) -> None:
    kind, doc = case
    assert quick_check(kind)(doc) == VALIDATORS[kind].is_valid(doc)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(KINDS), json_values)
def test_verdicts_agree_on_arbitrary_values(kind: str, value: Any) -> None:
    assert quick_check(kind)(value) == VALIDATORS[kind].is_valid(value)


@pytest.mark.parametrize(
    ("schema", "good", "bad"),
    [
        ({"type": "integer"}, [1, 2.0, -5], [True, 1.5, "1", None]),
        ({"type": "number"}, [1, 1.5], [False, "1"]),
        ({"enum": [1, "a"]}, [1, 1.0, "a"], [True, "A", 2]),
        ({"const": False}, [False], [0, None]),
        ({"uniqueItems": True}, [[1, True], [[1], [2]]], [[1, 1.0], [{"a": 1}, {"a": 1}]]),
        ({"pattern": "b"}, ["abc", 5], ["ac"]),
        ({"minLength": 2}, ["ab", 3], ["a"]),
        ({"not": {"required": ["x"]}}, [{}], [{"x": 1}, 3]),
        (
            {"dependentSchemas": {"a": {"required": ["b"]}}},
            [{"a": 1, "b": 2}, {"b": 1}],
            [{"a": 1}],
        ),
        ({"propertyNames": {"pattern": "^[0-9]+$"}}, [{"12": 1}], [{"x": 1}]),
        (
            {"properties": {"a": {"type": "string"}}, "additionalProperties": False},
            [{"a": "x"}, {}],
            [{"a": 1}, {"b": 1}],
        ),
        (
            {"patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": False},
            [{"x1": 1}],
            [{"x1": "a"}, {"y": 1}],
        ),
        ({"anyOf": [{"type": "string"}, {"type": "null"}]}, ["a", None], [1]),
        ({"oneOf": [{"minimum": 0}, {"maximum": 10}]}, [-1, 11], [5]),
        ({"maximum": 10**6}, [10**6, 1e6, -1e300, "x"], [10**6 + 1, 1e6 + 0.5, 1e308]),
        (
            {"format": "date"},
            ["2024-02-29", "2022-09-30", 20240101, None],
            ["2022-02-30", "2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01\n", "x"],
        ),
        (
            {"$defs": {"n": {"type": "integer"}}, "items": {"$ref": "#/$defs/n"}},
            [[1, 2]],
            [[1, "2"]],
        ),
    ],
)
def test_keyword_semantics_match_jsonschema(schema: dict, good: list, bad: list) -> None:
    check = compile_schema(schema)
    reference = make_validator(schema)
    for value in good:
        assert check(value) and reference.is_valid(value), value
    for value in bad:
        assert not check(value) and not reference.is_valid(value), value


def test_unknown_keyword_is_refused_so_jsonschema_is_used() -> None:
    with pytest.raises(UnsupportedSchema):
        compile_schema({"if": {"type": "string"}, "then": {"minLength": 2}})


def test_unknown_format_is_refused_so_jsonschema_is_used() -> None:
    with pytest.raises(UnsupportedSchema):
        compile_schema({"format": "email"})
