"""The messages the editor shows: every pattern and enum says, in Indonesian and English, what fits.

yaml-language-server shows a schema's ``patternErrorMessage`` instead of
``String does not match the pattern of "^[a-z0-9]…"``, and its
``errorMessage`` instead of its own English list of values. These tests walk
every packaged schema and the plan-specific ones ``smartplan schema --plan``
writes, and check that validation (jsonschema and smartplan's own messages)
ignores the new keywords. The real server's diagnostic is checked in
``tests/test_editor.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from smartplan.check.engine import validate_plan
from smartplan.check.fastcheck import compile_schema
from smartplan.check.schemacheck import check_document
from smartplan.scaffold.plan_schemas import SHOWN, error_message, plan_schema_texts
from tests.test_schemas import SCHEMA_FILES, walk

ROOT = Path(__file__).resolve().parents[1]
KOTIM = ROOT / "plans" / "kotim"

#: words that only one of the two languages uses in these messages
_INDONESIAN = re.compile(r"\b(salah satu|dari|huruf|angka|tulis|mis\.|dan|atau|di|sampai)\b")
_ENGLISH = re.compile(r"\b(one of|from|letters|digits|write|e\.g\.|and|or|in|to)\b")


def message_problems(text: Any) -> list[str]:
    """Why ``text`` is not an 'Indonesian / English' message (empty when it is one)."""
    if not isinstance(text, str) or not text.strip():
        return ["no message"]
    halves = text.split(" / ")
    if len(halves) != 2 or not all(h.strip() for h in halves):
        return [f"{text!r} is not 'Indonesian / English'"]
    indonesian, english = halves
    problems = []
    if not _INDONESIAN.search(indonesian) or re.search(r"\b(one of|e\.g\.)", indonesian):
        problems.append(f"{indonesian!r} is not Indonesian")
    if not _ENGLISH.search(english) or re.search(r"\b(salah satu|mis\.)", english):
        problems.append(f"{english!r} is not English")
    return problems


def schema_message_problems(schema: dict[str, Any]) -> list[str]:
    """Every pattern, enum and message of ``schema`` that the editor would show badly."""
    problems = []
    for pointer, node in walk(schema):
        if "pattern" in node and "patternErrorMessage" not in node:
            problems.append(f"{pointer}: pattern {node['pattern']!r} has no patternErrorMessage")
        if "enum" in node and "errorMessage" not in node:
            problems.append(f"{pointer}: enum without errorMessage")
        for key in ("patternErrorMessage", "errorMessage"):
            if key in node:
                problems += [f"{pointer}/{key}: {p}" for p in message_problems(node[key])]
        if "enum" in node and "errorMessage" in node:
            # the message replaces the server's list of values, so it must list them
            missing = [v for v in node["enum"][:SHOWN] if str(v) not in node["errorMessage"]]
            if missing:
                problems.append(f"{pointer}/errorMessage does not list {missing}")
    return problems


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_every_pattern_and_enum_has_a_bilingual_message(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    problems = schema_message_problems(schema)
    assert not problems, "\n".join(problems)


def test_plan_specific_schemas_carry_the_messages_too() -> None:
    plan = validate_plan(KOTIM, use_baseline=False).plan
    assert plan is not None
    texts = plan_schema_texts(plan)
    assert set(texts) == {p.name for p in SCHEMA_FILES}
    for name, data in texts.items():
        problems = schema_message_problems(json.loads(data))
        assert not problems, name + "\n" + "\n".join(problems)
    program = json.loads(texts["program.schema.json"])
    lead = program["properties"]["lead_agency"]
    assert "diskominfo" in lead["enum"] and "diskominfo" in lead["errorMessage"]
    # the narrowed lists still carry the patterns' messages where a pattern is left
    assert program["$defs"]["id"]["patternErrorMessage"].startswith("id: huruf kecil")


def test_a_long_list_of_the_plans_values_is_cut_and_counted() -> None:
    values = [f"prog-{i:03d}" for i in range(SHOWN + 5)]
    text = error_message(values, "program")
    assert not message_problems(text)
    assert "prog-000" in text and f"prog-{SHOWN:03d}" not in text
    assert "(dan 5 lainnya)" in text and "(and 5 more)" in text


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("Tingkat: salah satu dari a, b / Level: one of a, b", False),
        ("Level: one of a, b", True),  # English only
        ("Tingkat: salah satu dari a, b / Tingkat: salah satu dari a, b", True),
        ("Level: one of a, b / Level: one of a, b", True),
        ("a / b / c", True),
    ],
)
def test_the_language_check_can_fail(text: str, bad: bool) -> None:
    assert bool(message_problems(text)) is bad


def test_validation_ignores_the_message_keywords_and_keeps_its_own_words() -> None:
    """jsonschema and the fast check ignore the messages; validate keeps its own words."""
    program = json.loads((ROOT / "schemas" / "program.schema.json").read_text(encoding="utf-8"))
    compile_schema(program)  # no UnsupportedSchema: the keywords are known annotations
    hits = check_document("program", {"kind": "program", "id": "Eco_Pasar"})
    bad_id = [h for h in hits if h.pointer == "/id"]
    assert bad_id, hits
    assert bad_id[0].message == "text 'Eco_Pasar' is not a valid id"
    assert "lowercase letters" in (bad_id[0].hint or "")
    assert all("huruf" not in h.message for h in hits)


def test_validate_says_what_fits_where_it_has_no_words_of_its_own() -> None:
    """A pattern smartplan has no message for: the English half of the schema's, not the regex."""
    hits = check_document(
        "analysis",
        {"kind": "analysis", "gaps": [{"id": "g1", "subaspect": "Struktur.SDM"}]},
    )
    found = [h for h in hits if h.pointer == "/gaps/0/subaspect"]
    assert found, hits
    assert "e.g. struktur.sdm" in found[0].message
    assert "^(struktur" not in found[0].message
