"""The JSON Schemas in ``schemas/``: well-formed, documented, in step with the domain.

The schemas are what editors (VS Code YAML extension) use to complete and check
plan files, and what the loader validates every document against. These tests
keep them valid draft 2020-12, self-contained, bilingual on hover, equal to the
constants in :mod:`smartplan.domain`, and in agreement with ``docs/format.md``.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from smartplan import domain
from smartplan.kinds import KINDS as FILE_KINDS

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
FORMAT_DOC = ROOT / "docs" / "format.md"

KINDS = tuple(kind.name for kind in FILE_KINDS)
SCHEMA_FILES = sorted(SCHEMAS.glob("*.schema.json"))


def load_schema(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def str_keys(value: Any) -> Any:
    """Convert every mapping key to ``str``, as the loader does (``2023: 1`` -> ``"2023"``)."""
    if isinstance(value, dict):
        return {str(k): str_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [str_keys(v) for v in value]
    return value


def load_yaml(text: str) -> Any:
    return str_keys(yaml.safe_load(text))


def errors(kind: str, instance: Any) -> list[str]:
    """Schema errors as ``"path/to/value: message"`` lines (empty when valid)."""
    validator = Draft202012Validator(load_schema(kind))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(instance)
    ]


def _related(a: str, b: str) -> bool:
    """Whether two instance paths are equal or one lies inside the other."""
    a, b = f"/{a}/".replace("//", "/"), f"/{b}/".replace("//", "/")
    return a.startswith(b) or b.startswith(a)


def assert_fails_at(kind: str, instance: Any, dotted: str) -> None:
    """The instance is invalid, with an error on ``dotted``, inside it or on a parent."""
    found = errors(kind, instance)
    assert found, f"{kind}: no error after changing {dotted}"
    target = dotted.replace(".", "/")
    located = [e for e in found if _related(e.split(": ", 1)[0], target)]
    assert located, f"{kind}: errors {found} are not about {dotted}"


# Keywords whose values are subschemas (directly, in a list, or in a name mapping).
_SCHEMA_KEYWORDS = (
    "items",
    "additionalProperties",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "unevaluatedItems",
    "unevaluatedProperties",
)
_SCHEMA_LIST_KEYWORDS = ("anyOf", "oneOf", "allOf", "prefixItems")
_SCHEMA_MAP_KEYWORDS = ("properties", "$defs", "dependentSchemas", "patternProperties")


def walk(schema: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(json_pointer, subschema)`` for every subschema, the root included."""
    if not isinstance(schema, dict):
        return
    yield path, schema
    for key in _SCHEMA_KEYWORDS:
        if key in schema:
            yield from walk(schema[key], f"{path}/{key}")
    for key in _SCHEMA_LIST_KEYWORDS:
        for i, sub in enumerate(schema.get(key, ())):
            yield from walk(sub, f"{path}/{key}/{i}")
    for key in _SCHEMA_MAP_KEYWORDS:
        for name, sub in schema.get(key, {}).items():
            yield from walk(sub, f"{path}/{key}/{name}")


def properties_of(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(pointer, property_schema)`` for every property at any depth."""
    for path, node in walk(schema):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}/properties/{name}", sub


def schema_params() -> list[Any]:
    return [pytest.param(p, id=p.name) for p in SCHEMA_FILES]


# --------------------------------------------------------------------------
# 1. Well-formed, identified, documented


def test_one_schema_per_kind() -> None:
    assert sorted(p.name for p in SCHEMA_FILES) == sorted(f"{k}.schema.json" for k in KINDS)


@pytest.mark.parametrize("path", schema_params())
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    kind = path.name.removesuffix(".schema.json")
    assert schema["$id"] == f"https://smartplan.dev/schemas/v1/{kind}.schema.json"
    assert isinstance(schema.get("title"), str) and schema["title"].strip()
    assert isinstance(schema.get("description"), str) and schema["description"].strip()


@pytest.mark.parametrize("kind", KINDS)
def test_kind_is_a_required_const(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["type"] == "object"
    assert schema["properties"]["kind"]["const"] == kind
    assert "kind" in schema["required"]


@pytest.mark.parametrize("path", schema_params())
def test_refs_are_local_and_resolve(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    for pointer, node in walk(schema):
        if "$ref" not in node:
            continue
        ref = node["$ref"]
        assert ref.startswith("#/$defs/"), f"{pointer}: non-local $ref {ref!r}"
        assert ref.removeprefix("#/$defs/") in schema.get("$defs", {}), f"{pointer}: {ref}"
    # No other keyword pulls in another document either.
    text = path.read_text(encoding="utf-8")
    assert '"$dynamicRef"' not in text
    # the only format asserted is "date" (validate builds its validators with a checker for it)
    assert text.count('"format"') == text.count('"format": "date"')


# --------------------------------------------------------------------------
# 2. Every property has a bilingual title and description

_BILINGUAL = re.compile(r"\S.* / \S")


@pytest.mark.parametrize("path", schema_params())
def test_every_property_has_bilingual_title_and_description(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for pointer, prop in properties_of(schema):
        for key in ("title", "description"):
            value = prop.get(key)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{pointer}: no {key}")
            elif not _BILINGUAL.search(value):
                problems.append(f"{pointer}: {key} {value!r} is not 'Indonesian / English'")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", schema_params())
def test_every_object_is_closed(path: Path) -> None:
    """Misspelled keys must be caught: objects are closed, maps constrain their keys."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    for pointer, node in walk(schema):
        if "properties" in node:
            if node.get("additionalProperties") is not False:
                problems.append(f"{pointer}: additionalProperties is not false")
        elif node.get("type") == "object" and "propertyNames" not in node:
            problems.append(f"{pointer}: open object without propertyNames")
        if node.get("$ref") == "#/$defs/yearMapping" and not isinstance(
            node.get("additionalProperties"), dict
        ):
            problems.append(f"{pointer}: year mapping without a value schema")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# 3. Enums equal the domain constants

DOMAIN_ENUMS: dict[str, tuple[list[str], tuple[str, ...]]] = {
    # def name: (expected values, kinds whose schema must define it)
    "pillarCode": (list(domain.PILLARS), ("plan", "pillar", "program")),
    "elementCode": (list(domain.ELEMENTS), ("pillar", "program")),
    "fundingSource": (list(domain.FUNDING_SOURCES), ("program",)),
    "pentahelixRole": (list(domain.PENTAHELIX_ROLES), ("program",)),
    "innovationType": (list(domain.INNOVATION_TYPES), ("program",)),
    "statusStage": (list(domain.STATUS_STAGES), ("program",)),
    "horizon": (list(domain.HORIZONS), ("program",)),
    "riTable": (list(domain.RI_TABLES), ("plan",)),
}


@pytest.mark.parametrize("def_name", sorted(DOMAIN_ENUMS))
def test_enum_defs_equal_domain_constants(def_name: str) -> None:
    expected, required_in = DOMAIN_ENUMS[def_name]
    found_in = []
    for kind in KINDS:
        definition = load_schema(kind).get("$defs", {}).get(def_name)
        if definition is None:
            continue
        found_in.append(kind)
        assert definition["enum"] == expected, f"{kind}: $defs/{def_name}"
    assert set(required_in) <= set(found_in)


def test_enums_are_only_defined_once_per_schema() -> None:
    """Domain enums live in $defs; property schemas refer to them instead of copying."""
    domain_values = {tuple(v[0]) for v in DOMAIN_ENUMS.values()}
    for kind in KINDS:
        schema = load_schema(kind)
        for pointer, node in walk(schema):
            if "enum" in node and tuple(node["enum"]) in domain_values:
                assert pointer.startswith("#/$defs/"), f"{kind}: {pointer} copies a domain enum"


def test_readiness_aspects_equal_domain_constants() -> None:
    aspects = load_schema("readiness")["properties"]["aspects"]
    assert list(aspects["properties"]) == list(domain.READINESS_ASPECTS)
    assert aspects["required"] == list(domain.READINESS_ASPECTS)
    for code, subs in domain.READINESS_ASPECTS.items():
        subaspects = aspects["properties"][code]["properties"]["subaspects"]
        assert list(subaspects["properties"]) == list(subs), code
        assert subaspects["required"] == list(subs), code


def test_pillar_weights_keys_equal_pillars() -> None:
    scoring = load_schema("plan")["properties"]["scoring"]
    weights = scoring["properties"]["pillar_weights"]["properties"]["weights"]
    assert list(weights["properties"]) == list(domain.PILLARS)


# --------------------------------------------------------------------------
# 4. Shared definitions are identical across files


def test_shared_defs_are_identical() -> None:
    seen: dict[str, tuple[str, Any]] = {}
    shared = set()
    for kind in KINDS:
        for name, definition in load_schema(kind).get("$defs", {}).items():
            if name in seen:
                first_kind, first = seen[name]
                assert definition == first, f"$defs/{name} differs: {first_kind} vs {kind}"
                shared.add(name)
            else:
                seen[name] = (kind, definition)
    # The common value types really are shared, not just coincidentally present.
    assert {"id", "text", "year", "rupiah", "yearMapping", "pillarCode"} <= shared


# --------------------------------------------------------------------------
# 5. Instances: the documented example passes, broken ones fail


def format_example() -> str:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    start = text.index("A complete example:")
    match = re.compile(r"```yaml\n(.*?)```", re.DOTALL).search(text, start)
    assert match, "no ```yaml block after 'A complete example:' in docs/format.md"
    return match.group(1)


@pytest.fixture
def program_doc() -> dict[str, Any]:
    doc = load_yaml(format_example())
    assert doc["kind"] == "program"
    return doc


def test_format_example_is_valid(program_doc: dict[str, Any]) -> None:
    assert errors("program", program_doc) == []
    # Year-mapping keys arrive as strings; year values inside objects stay integers.
    assert program_doc["indicators"][0]["targets"] == {"2023": 120}
    assert program_doc["years"]["start"] == 2023


def test_minimal_program_is_valid(program_doc: dict[str, Any]) -> None:
    required = load_schema("program")["required"]
    minimal = {k: program_doc[k] for k in required}
    assert errors("program", minimal) == []


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node: Any = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def _del(doc: dict[str, Any], path: str) -> None:
    *parents, last = path.split(".")
    node: Any = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    del node[last]


BAD_PROGRAMS = [
    pytest.param("budjet", [{"year": 2023, "amount": 1, "source": "APBD"}], id="misspelled-key"),
    pytest.param("budget.0.amount", -1, id="negative-amount"),
    pytest.param("budget.0.amount", 1.5, id="decimal-amount"),
    pytest.param("budget.0.amount", "850.000.000", id="amount-as-text"),
    pytest.param("budget.0.source", "APBDes", id="unknown-source"),
    pytest.param("budget.0.year", 1999, id="year-too-early"),
    pytest.param("pillar", "economi", id="unknown-pillar"),
    pytest.param("element", "ECO-4", id="bad-element-code"),
    pytest.param("element", "eco-1", id="lowercase-element-code"),
    pytest.param("kind", "programme", id="wrong-kind"),
    pytest.param("id", "Eco_Hub", id="bad-id"),
    pytest.param("id", "x" * 65, id="id-too-long"),
    pytest.param("name", "", id="empty-name"),
    pytest.param("name", {"id": "Hub", "eng": "Hub"}, id="text-unknown-language"),
    pytest.param("name", {"en": "Hub"}, id="text-without-indonesian"),
    pytest.param("name", "x" * 301, id="name-too-long"),
    pytest.param("tags", ["umkm", "umkm"], id="duplicate-tags"),
    pytest.param("partners.1", {"role": "akademisi"}, id="partner-without-agency-or-name"),
    pytest.param("partners.1.role", "universitas", id="unknown-role"),
    pytest.param("innovation_type", "aplikasi", id="unknown-innovation-type"),
    pytest.param("status.stage", "done", id="unknown-stage"),
    pytest.param("status.progress", 101, id="progress-over-100"),
    pytest.param("years.start", "2023", id="year-as-text"),
    pytest.param("years.fixed", "yes", id="fixed-not-boolean"),
    pytest.param("horizon", "jangka-pendek", id="unknown-horizon"),
    pytest.param("indicators.0.targets", {"23": 120}, id="bad-target-year"),
    pytest.param("indicators.0.targets", {"2023": "banyak"}, id="target-not-number"),
    pytest.param("indicators.0.type", "impact", id="unknown-indicator-type"),
    pytest.param("indicators.0.direction", "up", id="unknown-direction"),
    pytest.param("scores", {}, id="no-scores"),
    pytest.param("scores", {"impact": "high"}, id="score-not-number"),
    pytest.param("scores", {"Impact": 5}, id="score-key-not-id"),
    pytest.param("depends_on", ["eco-hub", "eco-hub"], id="duplicate-dependency"),
    pytest.param("risks.0.level", "critical", id="unknown-risk-level"),
    pytest.param("rpjmd.code", 2.16, id="rpjmd-code-not-quoted"),
    pytest.param("sustainability.funding", "APBD", id="unknown-sustainability-key"),
]


@pytest.mark.parametrize(("path", "value"), BAD_PROGRAMS)
def test_broken_program_fails(program_doc: dict[str, Any], path: str, value: Any) -> None:
    _set(program_doc, path, value)
    assert_fails_at("program", program_doc, path)


@pytest.mark.parametrize(
    "path",
    [
        "kind",
        "id",
        "name",
        "pillar",
        "element",
        "lead_agency",
        "years",
        "scores",
        "years.end",
        "status.stage",
        "budget.0.source",
        "partners.0.role",
    ],
)
def test_program_without_required_key_fails(program_doc: dict[str, Any], path: str) -> None:
    _del(program_doc, path)
    assert_fails_at("program", program_doc, path)


def test_partner_may_give_agency_name_or_both(program_doc: dict[str, Any]) -> None:
    program_doc["partners"] = [
        {"role": "pemerintah", "agency": "bappeda"},
        {"role": "media", "name": "Radar Sampit"},
        {"role": "pemerintah", "agency": "dinkes", "name": "Dinas Kesehatan"},
    ]
    assert errors("program", program_doc) == []


PLAN_YAML = """\
kind: plan
id: kotim
region: {name: Kotawaringin Timur, type: kabupaten, province: Kalimantan Tengah,
         capital: Sampit}
title:
  id: Masterplan Smart City Kabupaten Kotawaringin Timur
  en: Smart City Master Plan of Kotawaringin Timur Regency
version: "1.0"
date: "2022-09-30"
language: id
period: {start: 2023, end: 2032}
introduction:
  background: Latar belakang.
  legal_basis: [Peraturan Presiden Nomor 95 Tahun 2018]
vision: Kotim cerdas dan sejahtera.
missions: [Meningkatkan layanan publik digital]
priority_pillar: economy
budget_ceilings: {2023: 5000000000, 2024: 7500000000}
scoring:
  scale: {min: 1, max: 5}
  criteria:
    - {id: impact, name: Dampak, kind: benefit, weight: 0.4}
    - {id: feasibility, name: Kelayakan, kind: benefit, weight: 0.3}
    - {id: cost, name: {id: Biaya, en: Cost}, kind: cost, weight: 0.3}
  ahp:
    matrix:
      - [1, 3, 5]
      - ["1/3", 1, 3]
      - ["0.2", "1/3", null]
    ri_table: donegan-dodd
  pillar_weights:
    weights: {governance: 1, economy: 2}
    priority_boost: 1.5
  quick_win: {impact: [impact], effort: [cost], threshold: 0.5}
"""


@pytest.fixture
def plan_doc() -> dict[str, Any]:
    return load_yaml(PLAN_YAML)


def test_plan_is_valid(plan_doc: dict[str, Any]) -> None:
    assert errors("plan", plan_doc) == []
    assert "2023" in plan_doc["budget_ceilings"]


def test_plan_with_pillar_ahp_is_valid(plan_doc: dict[str, Any]) -> None:
    plan_doc["scoring"]["pillar_weights"] = {
        "ahp": {"order": ["economy", "governance"], "matrix": [[1, 3], ["1/3", 1]]},
    }
    assert errors("plan", plan_doc) == []


def test_minimal_plan_is_valid(plan_doc: dict[str, Any]) -> None:
    minimal = {k: plan_doc[k] for k in load_schema("plan")["required"]}
    minimal["scoring"] = {
        "scale": {"min": 1, "max": 5},
        "criteria": [{"id": "impact", "name": "Dampak", "kind": "benefit", "weight": 1}],
    }
    assert errors("plan", minimal) == []


@pytest.mark.parametrize(
    "judgement",
    [3, 0.25, "3", "0.5", "1/3", "01/9", None, 10**6, 1e-6, "999999", "1/999999", "0.000001"],
)
def test_ahp_judgement_accepted(plan_doc: dict[str, Any], judgement: Any) -> None:
    plan_doc["scoring"]["ahp"]["matrix"][0][1] = judgement
    assert errors("plan", plan_doc) == []


@pytest.mark.parametrize(
    "judgement",
    [0, -1, "0", "0.0", "1/0", "0/3", "1.5/2", "1 / 3", "abc", "", True, [1],
     # beyond what the eigenvector arithmetic carries (5e-324 made an infinite reciprocal)
     10**6 + 1, 5e-324, 1e-7, "1000000", "1/1000000", "0.0000001", "1/1" + "0" * 300],
)  # fmt: skip
def test_ahp_judgement_refused(plan_doc: dict[str, Any], judgement: Any) -> None:
    plan_doc["scoring"]["ahp"]["matrix"][0][1] = judgement
    assert errors("plan", plan_doc)


BAD_PLANS = [
    pytest.param("scoring.critera", [], id="misspelled-key"),
    pytest.param("region.type", "provinsi", id="unknown-region-type"),
    pytest.param("language", "fr", id="unknown-language"),
    pytest.param("date", "30-09-2022", id="bad-date"),
    pytest.param("version", 1.0, id="version-not-quoted"),
    pytest.param("period.start", 1999, id="year-out-of-range"),
    pytest.param("missions", [], id="no-missions"),
    pytest.param("priority_pillar", "ekonomi", id="unknown-priority-pillar"),
    pytest.param("budget_ceilings", {"2023": -5}, id="negative-ceiling"),
    pytest.param("budget_ceilings", {"FY2023": 5}, id="bad-ceiling-year"),
    pytest.param("scoring.criteria", [], id="no-criteria"),
    pytest.param("scoring.criteria.0.kind", "gain", id="unknown-criterion-kind"),
    pytest.param("scoring.criteria.0.weight", 0, id="zero-weight"),
    pytest.param("scoring.ahp.ri_table", "saaty-1980", id="unknown-ri-table"),
    pytest.param("scoring.ahp.matrix", [], id="empty-matrix"),
    pytest.param("scoring.pillar_weights.weights", {"ekonomi": 1}, id="unknown-weight-pillar"),
    pytest.param("scoring.pillar_weights.weights", {"economy": 0}, id="zero-pillar-weight"),
    pytest.param(
        "scoring.pillar_weights.ahp",
        {"order": ["economy", "governance"], "matrix": [[1, 2], ["1/2", 1]]},
        id="weights-and-ahp",
    ),
    pytest.param("scoring.pillar_weights.priority_boost", 0.5, id="boost-below-1"),
    pytest.param("scoring.quick_win.threshold", 1.5, id="threshold-above-1"),
]


@pytest.mark.parametrize(("path", "value"), BAD_PLANS)
def test_broken_plan_fails(plan_doc: dict[str, Any], path: str, value: Any) -> None:
    _set(plan_doc, path, value)
    assert_fails_at("plan", plan_doc, path)


PILLAR_YAML = """\
kind: pillar
code: economy
name: {id: Smart Economy, en: Smart Economy}
description: Mewujudkan ekosistem ekonomi daerah yang produktif.
goals: [Pemulihan ekonomi pasca Covid-19]
strategies: [{id: Digitalisasi UMKM, en: Digitalising SMEs}]
elements: [ECO-1, ECO-2, ECO-3]
tags: [umkm]
"""


def test_pillar_is_valid() -> None:
    assert errors("pillar", load_yaml(PILLAR_YAML)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param("code", "ekonomi", id="unknown-code"),
        pytest.param("name", "Smart Economy", id="name-not-bilingual"),
        pytest.param("name", {"id": "Smart Economy"}, id="name-without-english"),
        pytest.param("elements", [], id="no-elements"),
        pytest.param("elements", ["ECO-1", "ECO-1"], id="duplicate-element"),
        pytest.param("elements", ["ECO-9"], id="bad-element-code"),
        pytest.param("tags", ["Desa Digital"], id="bad-tag"),
        pytest.param("element", "ECO-1", id="singular-element-key"),
    ],
)
def test_broken_pillar_fails(path: str, value: Any) -> None:
    doc = load_yaml(PILLAR_YAML)
    _set(doc, path, value)
    assert_fails_at("pillar", doc, path)


AGENCIES_YAML = """\
kind: agencies
agencies:
  - id: diskominfo
    name: Dinas Komunikasi, Informatika, Statistik dan Persandian
    short: Diskominfo
  - id: bappeda
    name: {id: Badan Perencanaan Pembangunan Daerah, en: Regional Planning Agency}
    short: Bappeda
    description: Perencanaan pembangunan daerah.
"""


def test_agencies_is_valid() -> None:
    assert errors("agencies", load_yaml(AGENCIES_YAML)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param("agencies", [], id="no-agencies"),
        pytest.param("agencies.0.id", "Diskominfo", id="bad-id"),
        pytest.param("agencies.0.short", "", id="empty-short"),
        pytest.param("agencies.0.singkatan", "Diskominfo", id="unknown-key"),
    ],
)
def test_broken_agencies_fails(path: str, value: Any) -> None:
    doc = load_yaml(AGENCIES_YAML)
    _set(doc, path, value)
    assert_fails_at("agencies", doc, path)


def test_agency_without_short_fails() -> None:
    doc = load_yaml(AGENCIES_YAML)
    _del(doc, "agencies.0.short")
    assert errors("agencies", doc)


def readiness_doc() -> dict[str, Any]:
    sub = {"score": 3, "description": "Cukup.", "evidence": ["Data BPS 2021"]}
    return {
        "kind": "readiness",
        "scale": {"min": 1, "max": 5},
        "aspects": {
            aspect: {
                "description": {"id": f"Aspek {aspect}", "en": f"The {aspect} aspect"},
                "subaspects": {code: copy.deepcopy(sub) for code in subs},
            }
            for aspect, subs in domain.READINESS_ASPECTS.items()
        },
        "swot": {
            "strengths": ["Komitmen pimpinan daerah"],
            "weaknesses": ["SDM TIK terbatas"],
            "opportunities": ["Program Gerakan Menuju 100 Smart City"],
            "threats": ["Kesenjangan akses internet di desa"],
        },
        "gaps": ["Belum ada regulasi satu data"],
    }


def test_readiness_is_valid() -> None:
    assert errors("readiness", readiness_doc()) == []


@pytest.mark.parametrize(
    "path",
    [
        "scale",
        "aspects",
        "swot",
        "aspects.struktur",
        "aspects.infrastruktur.subaspects",
        "aspects.suprastruktur.subaspects.implementasi",
        "aspects.struktur.subaspects.sdm.score",
        "aspects.struktur.subaspects.sdm.description",
        "swot.threats",
    ],
)
def test_readiness_without_required_key_fails(path: str) -> None:
    doc = readiness_doc()
    _del(doc, path)
    assert_fails_at("readiness", doc, path)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        pytest.param("aspects.kultur", {"subaspects": {}}, id="extra-aspect"),
        pytest.param(
            "aspects.struktur.subaspects.digital",
            {"score": 1, "description": "x"},
            id="subaspect-of-other-aspect",
        ),
        pytest.param("aspects.struktur.subaspects.sdm.score", "tinggi", id="score-not-number"),
        pytest.param("swot.strengths", [], id="empty-swot-list"),
        pytest.param("swot.risks", ["x"], id="unknown-swot-key"),
        pytest.param("scale.step", 1, id="unknown-scale-key"),
    ],
)
def test_broken_readiness_fails(path: str, value: Any) -> None:
    doc = readiness_doc()
    _set(doc, path, value)
    assert_fails_at("readiness", doc, path)
