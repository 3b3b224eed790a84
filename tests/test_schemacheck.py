"""smartplan.check.schemacheck: one short, placed message per schema problem.

Each test breaks one value of a fixture document (loaded the way validate
loads it, so year keys are text) and checks the code (S001 type, S002
unknown key, S003 required, S004 value), the JSON pointer, whether the key or
the value is meant, the message and the hint.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from smartplan.check.schemacheck import check_document, schema_hit
from smartplan.check.yamlload import load_text
from smartplan.problem import Hit

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


def _load(rel: str) -> dict[str, Any]:
    findings: list = []
    data = load_text((MINIMAL / rel).read_text(encoding="utf-8"), findings)
    assert not findings
    return data


PLAN = _load("plan.yaml")
PROGRAM = _load("programs/economy/eco-pasar-digital.yaml")
AGENCIES = _load("agencies.yaml")
PILLAR = _load("pillars/economy.yaml")
READINESS = _load("readiness.yaml")


def broken(kind: str, base: dict[str, Any], edit: Callable[[dict[str, Any]], Any]) -> list[Hit]:
    doc = copy.deepcopy(base)
    edit(doc)
    return check_document(kind, doc)


def only(hits: list[Hit]) -> Hit:
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    ("kind", "doc"),
    [
        ("plan", PLAN),
        ("program", PROGRAM),
        ("agencies", AGENCIES),
        ("pillar", PILLAR),
        ("readiness", READINESS),
    ],
)
def test_fixture_documents_are_clean(kind: str, doc: dict[str, Any]) -> None:
    assert check_document(kind, doc) == []


# --------------------------------------------------------------------------
# S002 unknown keys


def test_unknown_key_suggests_the_nearest() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("budjet", d.pop("budget"))))
    assert hit == schema_hit(
        "S002", "/budjet", "unknown key 'budjet'", "did you mean 'budget'?", True
    )


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("lead_agensi", "lead_agency"), ("indikator", "indicators"), ("Scores", "scores")],
)
def test_unknown_key_suggestions(wrong: str, right: str) -> None:
    hits = broken("program", PROGRAM, lambda d: d.__setitem__(wrong, d.pop(right)))
    unknown = [h for h in hits if h.code == "S002"]
    assert [(h.pointer, h.hint, h.key) for h in unknown] == [
        (f"/{wrong}", f"did you mean {right!r}?", True)
    ]
    # a misspelt required key is also missing (reported at the mapping)
    missing = [h.message for h in hits if h.code == "S003"]
    assert missing == ([f"missing required key {right!r}"] if right != "indicators" else [])


def test_unknown_key_without_a_near_one_lists_the_allowed_keys() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d["years"].__setitem__("tetap", True)))
    assert (hit.code, hit.pointer, hit.key) == ("S002", "/years/tetap", True)
    assert hit.hint == "allowed keys here: start, end, fixed"


def test_each_unknown_key_is_reported_once() -> None:
    hits = broken("program", PROGRAM, lambda d: d.update({"catatan": "x", "anggaran": 1}))
    assert [(h.code, h.pointer) for h in hits] == [("S002", "/catatan"), ("S002", "/anggaran")]


def test_unknown_key_pointer_is_escaped() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("a/b~c", 1)))
    assert hit.pointer == "/a~1b~0c"


# --------------------------------------------------------------------------
# S003 required keys


def test_missing_required_key_is_reported_at_its_mapping() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.pop("lead_agency")))
    assert hit == schema_hit("S003", "", "missing required key 'lead_agency'")


def test_each_missing_key_is_its_own_problem() -> None:
    hits = broken("program", PROGRAM, lambda d: [d.pop("name"), d.pop("scores")])
    assert sorted(h.message for h in hits) == [
        "missing required key 'name'",
        "missing required key 'scores'",
    ]
    assert {h.code for h in hits} == {"S003"}


def test_missing_nested_key() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d["budget"][0].pop("source")))
    assert (hit.code, hit.pointer, hit.message) == (
        "S003",
        "/budget/0",
        "missing required key 'source'",
    )


def test_text_mapping_without_id() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("name", {"en": "Digital"})))
    assert (hit.code, hit.pointer, hit.message) == ("S003", "/name", "missing required key 'id'")


# --------------------------------------------------------------------------
# S004 enums and other values


def test_enum_suggestion() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("pillar", "ekonomi")))
    assert hit.code == "S004"
    assert hit.pointer == "/pillar"
    assert hit.message == (
        "text 'ekonomi' is not one of: governance, branding, economy, living, society, environment"
    )
    assert hit.hint == "did you mean 'economy'?"


@pytest.mark.parametrize(
    ("path", "value", "hint"),
    [
        (("partners",), [{"role": "akademik", "name": "Politeknik"}], "did you mean 'akademisi'?"),
        (("innovation_type",), "teknology", "did you mean 'teknologi'?"),
        (("budget", 0, "source"), "APBDD", "did you mean 'APBD'?"),
        (("status",), {"stage": "implementasi"}, "did you mean 'implementation'?"),
    ],
)
def test_enum_suggestions(path: tuple[Any, ...], value: Any, hint: str) -> None:
    def edit(doc: dict[str, Any]) -> None:
        target = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    hit = only(broken("program", PROGRAM, edit))
    assert (hit.code, hit.hint) == ("S004", hint)


def test_enum_suggestion_ignores_case() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d["budget"][0].__setitem__("source", "apbd")))
    assert hit.hint == "did you mean 'APBD'?"


def test_enum_without_a_near_option_has_no_hint() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("status", {"stage": "selesai"})))
    assert hit.pointer == "/status/stage"
    assert hit.hint is None
    assert hit.message.startswith("text 'selesai' is not one of: problem_formulation, idea")


def test_kind_is_a_constant() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("kind", "programme")))
    assert (hit.code, hit.pointer, hit.message) == (
        "S004",
        "/kind",
        "this file must hold a program, found kind 'programme'",
    )


@pytest.mark.parametrize(
    ("edit", "pointer", "message"),
    [
        (
            lambda d: d["years"].__setitem__("start", 1999),
            "/years/start",
            "integer 1999 is below the minimum 2000",
        ),
        (
            lambda d: d["budget"][0].__setitem__("amount", -5),
            "/budget/0/amount",
            "integer -5 is below the minimum 0",
        ),
        (
            lambda d: d.__setitem__("status", {"stage": "idea", "progress": 120}),
            "/status/progress",
            "integer 120 is above the maximum 100",
        ),
        (lambda d: d.__setitem__("name", ""), "/name", "must not be empty"),
        (
            lambda d: d.__setitem__("id", "Pasar Digital"),
            "/id",
            "text 'Pasar Digital' is not a valid id",
        ),
    ],
)
def test_value_messages(edit: Callable[[dict[str, Any]], Any], pointer: str, message: str) -> None:
    hit = only(broken("program", PROGRAM, edit))
    assert (hit.code, hit.pointer, hit.message) == ("S004", pointer, message)


def test_invalid_id_hint_explains_ids() -> None:
    hit = only(
        broken("agencies", AGENCIES, lambda d: d["agencies"][2].__setitem__("id", "Dinas LH"))
    )
    assert hit.pointer == "/agencies/2/id"
    assert hit.hint and "lowercase letters, digits and '-'" in hit.hint


def test_min_items() -> None:
    hit = only(broken("plan", PLAN, lambda d: d.__setitem__("missions", [])))
    assert (hit.code, hit.pointer, hit.message) == ("S004", "/missions", "needs at least 1 item")


def test_unique_items_points_at_the_repeat() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["scoring"]["pillar_weights"] = {
            "ahp": {"order": ["economy", "living", "economy"], "matrix": [[1]]}
        }

    hit = only(broken("plan", PLAN, edit))
    assert (hit.code, hit.pointer, hit.message) == (
        "S004",
        "/scoring/pillar_weights/ahp/order/2",
        "text 'economy' is listed twice",
    )


def test_pillar_weights_and_ahp_together() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["scoring"]["pillar_weights"] = {
            "weights": {"economy": 0.5, "governance": 0.5},
            "ahp": {"order": ["economy", "governance"], "matrix": [[1, 2], ["1/2", 1]]},
        }

    hit = only(broken("plan", PLAN, edit))
    assert hit == schema_hit(
        "S004",
        "/scoring/pillar_weights/ahp",
        "'ahp' cannot be given together with the keys beside it",
        "give only one of the alternatives",
        key=True,
    )


@pytest.mark.parametrize("alone", ["weights", "ahp"])
def test_pillar_weights_either_alone_is_fine(alone: str) -> None:
    blocks = {
        "weights": {"economy": 0.5, "governance": 0.5},
        "ahp": {"order": ["economy", "governance"], "matrix": [[1, 2], ["1/2", 1]]},
    }
    hits = broken(
        "plan", PLAN, lambda d: d["scoring"].__setitem__("pillar_weights", {alone: blocks[alone]})
    )
    assert hits == []


# --------------------------------------------------------------------------
# S001 types


@pytest.mark.parametrize(
    ("value", "found", "hint"),
    [
        (2025, "integer 2025", "put the value in quotes if it is meant as text"),
        (True, "boolean true", "put the value in quotes if it is meant as text"),
        (1.5, "number 1.5", "put the value in quotes if it is meant as text"),
        (None, "nothing (null)", None),
        (["Pasar"], "a list", None),
    ],
)
def test_text_field_type_message(value: Any, found: str, hint: str | None) -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("name", value)))
    assert hit.code == "S001"
    assert hit.pointer == "/name"
    assert hit.message == f"expected text or a mapping {{id: ..., en: ...}}, found {found}"
    assert hit.hint == hint


def test_text_mapping_with_an_unknown_language() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("name", {"id": "x", "fr": "y"})))
    assert (hit.code, hit.pointer, hit.hint) == ("S002", "/name/fr", "allowed keys here: id, en")


def test_text_in_a_nested_list() -> None:
    hits = broken(
        "plan",
        PLAN,
        lambda d: d.__setitem__("introduction", {"background": 5, "legal_basis": "UU 23/2014"}),
    )
    assert [(h.code, h.pointer, h.message) for h in hits] == [
        (
            "S001",
            "/introduction/background",
            "expected text or a mapping {id: ..., en: ...}, found integer 5",
        ),
        ("S001", "/introduction/legal_basis", "expected a list, found text 'UU 23/2014'"),
    ]


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("yes", "plan files follow YAML 1.2, where yes/no/on/off are text: write true or false"),
        ("no", "plan files follow YAML 1.2, where yes/no/on/off are text: write true or false"),
        ("On", "plan files follow YAML 1.2, where yes/no/on/off are text: write true or false"),
        ("ya", None),
    ],
)
def test_boolean_hints(value: str, hint: str | None) -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("quick_win", value)))
    assert hit.code == "S001"
    assert hit.message == f"expected true or false, found text {value!r}"
    assert hit.hint == hint


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("1.500.000.000", "write numbers without thousands separators, e.g. 1500000000"),
        ("1.500.000.000,50", "write numbers without thousands separators, e.g. 1500000000"),
        ("500 000 000", "write numbers without thousands separators, e.g. 500000000"),
        ("1_000", "write numbers without thousands separators, e.g. 1000"),
        ("Rp 500.000", "write the amount as a plain number of rupiah, without 'Rp'"),
        ("rp500000", "write the amount as a plain number of rupiah, without 'Rp'"),
        (".nan", "not-a-number and infinity are not allowed; write a real figure"),
        ("-.inf", "not-a-number and infinity are not allowed; write a real figure"),
        (1500000000.5, "write a whole number (rupiah have no decimals here)"),
        ("lima ratus juta", None),
    ],
)
def test_amount_hints(value: Any, hint: str | None) -> None:
    hit = only(broken("program", PROGRAM, lambda d: d["budget"][0].__setitem__("amount", value)))
    assert (hit.code, hit.pointer) == ("S001", "/budget/0/amount")
    assert hit.message.startswith("expected a whole number, found ")
    assert hit.hint == hint


def test_amount_hint_with_comma_grouping() -> None:
    hit = only(
        broken("program", PROGRAM, lambda d: d["budget"][0].__setitem__("amount", "1,500,000"))
    )
    assert hit.hint == "write numbers without thousands separators, e.g. 1500000"


def test_score_written_as_text() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d["scores"].__setitem__("impact", "4")))
    assert (hit.code, hit.pointer, hit.message) == (
        "S001",
        "/scores/impact",
        "expected a number, found text '4'",
    )


def test_long_text_values_are_shortened() -> None:
    hit = only(broken("program", PROGRAM, lambda d: d.__setitem__("quick_win", "x" * 200)))
    assert len(hit.message) < 100
    assert "..." in hit.message


# --------------------------------------------------------------------------
# Year mappings


def test_year_mapping_value_type() -> None:
    hit = only(
        broken(
            "program", PROGRAM, lambda d: d["indicators"][0].__setitem__("targets", {"2025": "10"})
        )
    )
    assert (hit.code, hit.pointer, hit.message) == (
        "S001",
        "/indicators/0/targets/2025",
        "expected a number, found text '10'",
    )


def test_year_mapping_that_is_a_list() -> None:
    hit = only(broken("plan", PLAN, lambda d: d.__setitem__("budget_ceilings", [5000000000])))
    assert (hit.code, hit.pointer, hit.message) == (
        "S001",
        "/budget_ceilings",
        "expected a mapping, found a list",
    )


def test_year_mapping_key_error_is_one_s004_naming_the_key() -> None:
    hit = only(
        broken(
            "program", PROGRAM, lambda d: d["indicators"][0].__setitem__("targets", {"th2025": 10})
        )
    )
    assert hit.code == "S004"
    assert "th2025" in hit.message


@pytest.mark.parametrize(
    ("kind", "base", "edit", "pointer"),
    [
        (
            "program",
            PROGRAM,
            lambda d: d["indicators"][0].__setitem__("targets", {"2025": 10, "th2025": 10}),
            "/indicators/0/targets/th2025",
        ),
        (
            "plan",
            PLAN,
            lambda d: d["budget_ceilings"].__setitem__("2025a", 1),
            "/budget_ceilings/2025a",
        ),
    ],
)
def test_year_mapping_key_message(
    kind: str, base: dict[str, Any], edit: Callable[[dict[str, Any]], Any], pointer: str
) -> None:
    hit = only(broken(kind, base, edit))
    key = pointer.rsplit("/", 1)[1]
    assert hit == schema_hit(
        "S004",
        pointer,
        f"key {key!r} is not allowed here",
        "keys here are four-digit years, e.g. 2025",
        key=True,
    )


# --------------------------------------------------------------------------
# anyOf / oneOf: one problem per place, no walls of text


def _judgement_matrix(doc: dict[str, Any], row: list[Any]) -> None:
    doc["scoring"]["ahp"] = {"matrix": [row, [1, 1, 1], [1, 1, 1]]}


@pytest.mark.parametrize(
    ("entry", "code", "message"),
    [
        (True, "S001", "expected a number or text or nothing (null), found boolean true"),
        ([3], "S001", "expected a number or text or nothing (null), found a list"),
        (-3, "S004", "integer -3 is below the minimum 0.000001"),
        (0, "S004", "integer 0 is below the minimum 0.000001"),
        (10**7, "S004", "integer 10000000 is above the maximum 1000000"),
    ],
)
def test_judgement_alternatives_give_one_message(entry: Any, code: str, message: str) -> None:
    hit = only(broken("plan", PLAN, lambda d: _judgement_matrix(d, [1, entry, 1])))
    assert (hit.code, hit.pointer, hit.message) == (code, "/scoring/ahp/matrix/0/1", message)


@pytest.mark.parametrize("entry", ["1/3", "3", "0.5", "01/03", None, 2.5])
def test_judgement_forms_that_are_fine(entry: Any) -> None:
    assert broken("plan", PLAN, lambda d: _judgement_matrix(d, [1, entry, 1])) == []


def test_judgement_text_message_is_readable() -> None:
    hit = only(broken("plan", PLAN, lambda d: _judgement_matrix(d, [1, "tiga", 1])))
    assert "^(?:" not in hit.message


def test_one_problem_per_place_for_many_broken_alternatives() -> None:
    """A document full of anyOf/oneOf mistakes: never two problems at one pointer."""

    def edit(doc: dict[str, Any]) -> None:
        doc["name"] = {"en": 5, "xx": 1}  # text: a mapping that is wrong in several ways
        doc["description"] = 7
        doc["partners"] = [{"role": "pemerintah"}, {"role": "x", "name": 5}, "bappeda", 3]
        doc["risks"] = [{"description": 1, "level": "tinggi"}]
        doc["sustainability"] = {"regulation": [1]}
        doc["indicators"][0]["name"] = False
        doc["rpjmd"] = {"program": None}

    hits = broken("program", PROGRAM, edit)
    per_place = Counter(h.pointer for h in hits)
    assert hits
    assert max(per_place.values()) == 1, hits
    assert all(len(h.message) <= 160 for h in hits), [h.message for h in hits]
    assert all("\n" not in h.message for h in hits)


def test_one_problem_per_place_in_the_plan_scoring() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["title"] = ["x"]
        doc["vision"] = {"id": ""}
        doc["missions"] = [1, {"en": "x"}]
        doc["scoring"]["criteria"][0]["name"] = 5
        doc["scoring"]["ahp"] = {"matrix": [[1, True, "x"], "row", [None]]}

    hits = broken("plan", PLAN, edit)
    per_place = Counter(h.pointer for h in hits)
    assert max(per_place.values()) == 1, hits


def test_results_are_deduplicated_and_in_document_order() -> None:
    def edit(doc: dict[str, Any]) -> None:
        doc["name"] = 1
        doc["pillar"] = "ekonomi"
        doc["budget"][0]["amount"] = "1.000"

    hits = broken("program", PROGRAM, edit)
    assert [h.pointer for h in hits] == ["/name", "/pillar", "/budget/0/amount"]
    assert len(set(hits)) == len(hits)
