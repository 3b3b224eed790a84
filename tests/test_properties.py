"""Property tests: any text loads without raising; any plan validates, ranks and renders.

* Arbitrary text (control characters included), arbitrary bytes, and
  YAML-looking text from a small grammar (keys, values, indentation, flow
  brackets, anchors, aliases, merge keys, tags, document markers, tabs) go
  through :func:`smartplan.yamlload.load_text`: it returns data or findings,
  never raises.
* Generated plans — loosely following the schemas, with random wrong types,
  missing keys, odd numbers and references — are written to a folder and run
  through :func:`smartplan.check.engine.validate_plan`; valid ones then through
  ``prioritize``, ``schedule``, ``sensitivity`` and ``render_documents``.
  Nothing may raise except :class:`smartplan.errors.SmartplanError`.

Profiles: ``ci`` (default; a few dozen examples per test, the file runs in
well under a minute) and ``fuzz`` (thousands of examples), chosen with
``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_properties.py``.

Known bugs are kept out of the generators (and are hostile-corpus cases with
strict xfail instead): integers beyond float range (OverflowError), and rule
severities that are lists or mappings (TypeError in config).
"""

from __future__ import annotations

import os
import shutil
import string
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from smartplan.check.engine import validate_plan
from smartplan.check.yamlload import MAX_DEPTH, Finding, decode, load_text
from smartplan.errors import SmartplanError
from smartplan.prioritize import prioritize, schedule, sensitivity
from smartplan.render import render_documents

FIXTURES = Path(__file__).resolve().parent / "fixtures"

_COMMON = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
}
settings.register_profile("ci", max_examples=60, **_COMMON)
settings.register_profile("fuzz", max_examples=5000, **_COMMON)
_NAME = os.environ.get("HYPOTHESIS_PROFILE", "ci")
#: The profile of this module's tests (applied per test: other modules keep theirs).
PROFILE = settings.get_profile(_NAME if _NAME in ("ci", "fuzz") else "ci")
#: Plan tests do much more work per example: a fifth of the examples.
PLAN_PROFILE = settings(PROFILE, max_examples=max(12, PROFILE.max_examples // 5))

LOAD_CODES = {"Y001", "Y002", "Y003", "Y004", "Y005", "Y006"}


def _check_loaded(text: str) -> None:
    findings: list[Finding] = []
    data = load_text(text, findings)
    assert data is None or isinstance(data, dict)
    if data is None:
        assert findings, "no data and no finding"
    for finding in findings:
        assert finding.code in LOAD_CODES, finding
        assert finding.line >= 1 and finding.column >= 1, finding
        assert finding.message and "Traceback" not in finding.message


# --------------------------------------------------------------------------
# (a) text


@PROFILE
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_any_text_loads_without_raising(text: str) -> None:
    _check_loaded(text)


@PROFILE
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=500))
def test_any_ascii_including_control_characters_loads(text: str) -> None:
    _check_loaded(text)


@PROFILE
@given(st.binary(max_size=2000))
def test_any_bytes_decode_then_load(raw: bytes) -> None:
    text, problem = decode(raw)
    if text is None:
        assert problem is not None and problem.code == "F003"
        assert problem.line >= 1 and problem.column >= 1
        return
    _check_loaded(text)


_WORD = st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=1, max_size=8)
_KEYS = st.one_of(
    st.sampled_from(["kind", "id", "name", "scores", "years", "<<", "2025", "? a", "- a", ""]),
    _WORD,
)
_SCALARS = st.one_of(
    _WORD,
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "off",
            "~",
            "null",
            "true",
            "False",
            ".nan",
            "-.inf",
            "0755",
            "0o17",
            "0x1F",
            "1:30",
            "2024-10-01",
            "1e400",
            "1_000",
            "1.500.000",
            "''",
            '""',
            "'it''s'",
            '"\\u00e9"',
            '"\\x00"',
            '"\\ud800"',
            "|",
            ">-",
            "!!str 5",
            "!!int x",
            "!!python/object/apply:os.system ['true']",
            "!!python/name:os.system",
            "!Ref x",
            "!e!x y",
            "*a",
            "*b",
            "&a x",
            "&b",
            "<<",
            "-",
            "?",
            ":",
            "#",
            "%",
            "@",
            "`",
            "\t",
            "'",
            '"',
            "[",
            "]",
            "{",
            "}",
            ",",
            "&",
            "*",
            "!",
            "|-",
            "---",
            "...",
        ]
    ),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
)


def _flow(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(children, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(_KEYS, children), max_size=4).map(
            lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"
        ),
        st.tuples(st.sampled_from(["&a ", "&b ", "!!map ", "!!seq ", "!x ", ""]), children).map(
            "".join
        ),
    )


_FLOW = st.recursive(_SCALARS, _flow, max_leaves=12)


@st.composite
def _block(draw: st.DrawFn, indent: int = 0, depth: int = 0) -> str:
    """Block-style lines: mappings and sequences, nested by indentation."""
    lines = []
    pad = " " * indent
    for _ in range(draw(st.integers(1, 4))):
        form = draw(st.sampled_from(["kv", "kv", "seq", "nested", "nested-seq", "merge", "junk"]))
        if form == "kv":
            lines.append(f"{pad}{draw(_KEYS)}: {draw(_FLOW)}")
        elif form == "seq":
            lines.append(f"{pad}- {draw(_FLOW)}")
        elif form in ("nested", "nested-seq") and depth < 4:
            step = draw(st.sampled_from([1, 2, 2, 4]))
            lead = f"{pad}{draw(_KEYS)}:" if form == "nested" else f"{pad}-"
            anchor = draw(st.sampled_from(["", "", " &a", " &b", " !!map"]))
            lines.append(lead + anchor)
            lines.append(draw(_block(indent + step, depth + 1)))
        elif form == "merge":
            lines.append(
                f"{pad}<<: {draw(st.sampled_from(['*a', '*b', '[*a, *b]', '{x: 1}', '5']))}"
            )
        else:
            lines.append(
                pad
                + draw(
                    st.sampled_from(
                        [
                            "# komentar",
                            "\tkey: v",
                            "---",
                            "...",
                            "<<<<<<< HEAD",
                            "=======",
                            "%YAML 1.2",
                            "key: 'open",
                            'key: "open',
                            "key: [open",
                            "key: {open",
                            "  bad: indent",
                            "? complex",
                            ": value",
                            "- - - x",
                            "\ufeffk: v",
                            "k: v\r",
                            "k: |\n  literal\n  block",
                        ]
                    )
                )
            )
    return "\n".join(lines)


@PROFILE
@given(_block(), st.sampled_from(["", "\n", "\r\n", "\n---\n", "\n...\n"]))
def test_yaml_like_text_loads_without_raising(text: str, ending: str) -> None:
    note(text)
    _check_loaded(text + ending)


#: NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR (line breaks in YAML 1.1 only),
#: each with a non-ASCII letter: text to YAML, never part of a number,
#: boolean, anchor name or tag, just like them
_YAML11_TEXT = {"\x85": "é", "\u2028": "ü", "\u2029": "ñ"}


@PROFILE
@given(_block(), st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(list(_YAML11_TEXT)))))
def test_yaml11_line_breaks_read_like_ordinary_letters(
    text: str, inserts: list[tuple[int, str]]
) -> None:
    # As in YAML 1.2 and editors: NEL, U+2028 and U+2029 are text, so the
    # file reads exactly like one with a letter in their place.
    assume(not set(text) & set(_YAML11_TEXT.values()))
    for at, char in inserts:
        at %= len(text) + 1
        text = text[:at] + char + text[at:]
    note(repr(text))
    with_letters = text.translate(str.maketrans(_YAML11_TEXT))
    found: list[Finding] = []
    expected: list[Finding] = []
    data = load_text(text, found)
    plain = load_text(with_letters, expected)
    assert [(f.code, f.line, f.column) for f in found] == [
        (f.code, f.line, f.column) for f in expected
    ]
    assert _with_letters(data) == plain


def _with_letters(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(str.maketrans(_YAML11_TEXT))
    if isinstance(value, dict):
        return {_with_letters(k): _with_letters(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_letters(item) for item in value]
    return value


@PROFILE
@given(
    st.integers(0, 3 * MAX_DEPTH),
    st.sampled_from(["[", "{a: ", "- ", "[{a: "]),
    st.booleans(),
    st.integers(0, 20_000),
)
def test_nesting_near_and_over_the_limit(depth: int, opener: str, closed: bool, pad: int) -> None:
    closers = {"[": "]", "{a: ": "}", "- ": "", "[{a: ": "}]"}
    body = opener * depth + "x" + (closers[opener] * depth if closed else "")
    # padding moves the text over the length at which the depth pre-scan starts
    text = "# " + "p" * pad + "\nk: " + body + "\n"
    findings: list[Finding] = []
    data = load_text(text, findings)
    if data is None:
        assert findings
    _check_loaded(text)


# --------------------------------------------------------------------------
# (b) plans

PILLARS = {
    "governance": ["GOV-1", "GOV-2", "GOV-3"],
    "branding": ["BRA-1", "BRA-2", "BRA-3"],
    "economy": ["ECO-1", "ECO-2", "ECO-3"],
    "living": ["LIV-1", "LIV-2", "LIV-3"],
    "society": ["SOC-1", "SOC-2", "SOC-3"],
    "environment": ["ENV-1", "ENV-2", "ENV-3"],
}
AGENCIES = ["diskominfo", "bappeda", "dlh"]
CRITERIA = ["impact", "urgency", "cost", "feasibility"]
SOURCES = ["APBD", "APBN", "DAK", "CSR", "KPBU", "LAINNYA"]

#: Values of any type, bounded: integers beyond float range are a known bug.
_ANY = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**18), 10**18),
        st.floats(allow_nan=False, allow_infinity=False, width=64),
        st.text(max_size=20),
        st.sampled_from(["", "economy", "ECO-1", "diskominfo", "2025", "1/3", "yes", "APBD"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
#: Text a plan may hold that output must keep inert: control characters,
#: Markdown links and images, HTML, template syntax, rich markup.
_HOSTILE_TEXT = st.sampled_from(
    [
        "Hub\x1b[2J\x07",
        "Hub ![px](https://evil.example/p.png) [login](https://evil.example/login)",
        "<script>alert(1)</script> & <b>tebal</b>",
        "{{ cycler.__init__ }} {% raw %}",
        "[bold red]merah[/] | pipa | `kode`",
        "baris\nbaru\u2028\x85akhir",
        '=HYPERLINK("https://evil.example")',
    ]
)
_TEXT = st.one_of(
    _HOSTILE_TEXT,
    st.text(min_size=1, max_size=30),
    st.fixed_dictionaries(
        {"id": st.text(min_size=1, max_size=20)}, optional={"en": st.text(min_size=1, max_size=20)}
    ),
)
#: Indicator values, up to the schema's bounds (|x| <= 10^12).
_NUMBER = st.one_of(
    st.integers(-5, 10),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False),
    st.just(0),
    st.sampled_from([10**12, -(10**12), 1e12, 999_999_999_999.5]),
)
#: A weight anywhere in the schema's range (0 < w <= 10^6), the ends included.
_WEIGHT = st.one_of(st.floats(0.01, 1.0), st.sampled_from([1e-6, 1e6, 999_999.0]))
_YEAR = st.integers(1998, 2102)


def _corrupt(draw: st.DrawFn, document: Any, rounds: int) -> Any:
    """Replace, delete or add values at random places of ``document``."""
    for _ in range(rounds):
        node, key = _random_slot(draw, document)
        if node is None:
            return draw(_ANY)
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        if action == "delete" and isinstance(node, dict) and key in node:
            del node[key]
        elif action == "delete" and isinstance(node, list) and node:
            node.pop(key)
        elif action == "add" and isinstance(node, dict):
            node[draw(st.text(max_size=8))] = draw(_ANY)
        elif isinstance(node, dict | list) and (isinstance(node, dict) or node):
            node[key] = draw(_ANY)
    return document


def _random_slot(draw: st.DrawFn, document: Any) -> tuple[Any, Any]:
    node, key = None, None
    current = document
    for _ in range(draw(st.integers(1, 5))):
        if isinstance(current, dict) and current:
            k = draw(st.sampled_from(sorted(current, key=str)))
        elif isinstance(current, list) and current:
            k = draw(st.integers(0, len(current) - 1))
        else:
            break
        node, key = current, k
        current = current[k]
    return node, key


@st.composite
def plan_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A plan folder's documents: rel path -> data.

    Half the plans are *tidy* (built to pass validation, so prioritize and
    render run on them); the others draw freely (years outside the period,
    scores off the scale, unknown agencies, cycles...). Any plan may then get
    random damage: values of any type, deleted and added keys.
    """
    tidy = draw(st.sampled_from([True, False]))
    start = draw(st.integers(2020, 2030))
    end = start + (draw(st.integers(4, 9)) if tidy else draw(st.integers(3, 10)))
    criteria = draw(st.lists(st.sampled_from(CRITERIA), min_size=1, max_size=4, unique=True))
    use_ahp = draw(st.booleans())
    scale = (
        {"min": 1, "max": 5}
        if tidy
        else {"min": draw(st.sampled_from([0, 1, 2])), "max": draw(st.sampled_from([5, 10, 1]))}
    )
    scoring: dict[str, Any] = {
        "scale": scale,
        "criteria": [
            {
                "id": c,
                "name": draw(_TEXT),
                "kind": draw(st.sampled_from(["benefit", "benefit", "cost"])),
                **({} if use_ahp else {"weight": draw(_WEIGHT)}),
            }
            for c in criteria
        ],
    }
    if use_ahp:
        if tidy:  # a consistent matrix: a_ij = w_i / w_j
            weights = [draw(st.integers(1, 9)) for _ in criteria]
            matrix: list[list[Any]] = [
                [1 if i == j else f"{wi}/{wj}" for j, wj in enumerate(weights)]
                for i, wi in enumerate(weights)
            ]
        else:
            judgements = st.one_of(
                st.integers(1, 9), st.sampled_from(["1/3", "1/5", "1/9", "2", "0.5"]), st.none()
            )
            matrix = [
                [1 if i == j else draw(judgements) for j in range(len(criteria))]
                for i in range(len(criteria))
            ]
        scoring["ahp"] = {"matrix": matrix}
        if draw(st.booleans()):
            scoring["ahp"]["ri_table"] = draw(st.sampled_from(["saaty", "donegan-dodd"]))
    if draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(list(PILLARS)), min_size=1, unique=True))
        if tidy:
            chosen = list(PILLARS)
        scoring["pillar_weights"] = {"weights": {p: draw(_WEIGHT) for p in chosen}}
        if draw(st.booleans()):
            boost = st.one_of(st.floats(1, 3), st.sampled_from([1e6, 999_999.0]))
            scoring["pillar_weights"]["priority_boost"] = draw(boost)
    if draw(st.booleans()):
        scoring["quick_win"] = {
            "impact": draw(st.lists(st.sampled_from(criteria), min_size=1, unique=True)),
            "effort": draw(st.lists(st.sampled_from(criteria), min_size=1, unique=True)),
            "threshold": draw(st.floats(0, 1)),
        }
    plan: dict[str, Any] = {
        "kind": "plan",
        "id": "contoh",
        "region": {
            "name": "Contoh",
            "type": draw(st.sampled_from(["kabupaten", "kota"])),
            "province": "Kalimantan Tengah",
        },
        "title": draw(_TEXT),
        "period": {"start": start, "end": end},
        "vision": draw(_TEXT),
        "missions": draw(st.lists(_TEXT, min_size=1, max_size=3)),
        "scoring": scoring,
    }
    if draw(st.booleans()):
        plan["priority_pillar"] = draw(st.sampled_from(list(PILLARS)))
    if draw(st.booleans()):
        low = 10**12 if tidy else 0
        plan["budget_ceilings"] = {
            str(y): draw(st.one_of(st.integers(low, 10**13), st.just(10**16)))
            for y in range(start, start + draw(st.integers(1, 6)))
        }
    if draw(st.booleans()):
        plan["language"] = draw(st.sampled_from(["id", "en"]))

    docs: dict[str, Any] = {"plan.yaml": plan}
    for rel in ("agencies.yaml", "readiness.yaml", *(f"pillars/{p}.yaml" for p in PILLARS)):
        docs[rel] = yaml.safe_load((FIXTURES / "minimal" / rel).read_text(encoding="utf-8"))

    n_programs = draw(st.integers(6, 9)) if tidy else draw(st.integers(1, 9))
    ids = [f"p{index}" for index in range(n_programs)]
    starts: dict[str, int] = {}
    for index, program_id in enumerate(ids):
        if tidy or draw(st.booleans()):
            pillar = list(PILLARS)[index % 6]
        else:
            pillar = draw(st.sampled_from(list(PILLARS)))
        if tidy:
            p_start = draw(st.integers(start, end))
            p_end = draw(st.integers(p_start, end))
        else:
            p_start = draw(st.integers(start - 1, end))
            p_end = p_start + draw(st.integers(-1, 5))
        starts[program_id] = p_start
        score = st.integers(1, 5) if tidy else _NUMBER
        program: dict[str, Any] = {
            "kind": "program",
            "id": program_id,
            "name": draw(_TEXT),
            "description": draw(_TEXT),
            "pillar": pillar,
            "element": draw(st.sampled_from(PILLARS[pillar])),
            "lead_agency": draw(st.sampled_from(AGENCIES if tidy else [*AGENCIES, "entah"])),
            "innovation_type": "teknologi",
            "years": {"start": p_start, "end": p_end},
            "scores": {c: draw(score) for c in criteria},
        }
        if draw(st.booleans()):
            program["years"]["fixed"] = draw(st.booleans())
        if not tidy and draw(st.booleans()):
            program["quick_win"] = draw(st.booleans())
        if not tidy and draw(st.booleans()):
            program["horizon"] = draw(st.sampled_from(["short", "medium", "long"]))
        if draw(st.booleans()):
            years = st.integers(p_start, p_end) if tidy else st.integers(p_start - 1, p_end + 1)
            program["budget"] = [
                {
                    "year": draw(years),
                    "amount": draw(
                        st.one_of(st.integers(0, 10**11 if tidy else 10**13), st.just(10**15))
                    ),
                    "source": draw(st.sampled_from(SOURCES)),
                }
                for _ in range(draw(st.integers(0, 3)))
            ]
        if not tidy and draw(st.booleans()):
            program["indicators"] = [
                {
                    "id": f"i{k}",
                    "name": draw(_TEXT),
                    "type": draw(st.sampled_from(["output", "outcome"])),
                    "unit": "unit",
                    "direction": draw(st.sampled_from(["increase", "decrease", "maintain"])),
                    "baseline": {"year": draw(_YEAR), "value": draw(_NUMBER)},
                    "targets": {
                        str(draw(_YEAR)): draw(_NUMBER) for _ in range(draw(st.integers(0, 3)))
                    },
                }
                for k in range(draw(st.integers(0, 2)))
            ]
        if draw(st.booleans()):
            if tidy:  # only programs that start earlier: no cycle, right order
                earlier = [i for i in ids[:index] if starts[i] < p_start]
                if earlier:
                    program["depends_on"] = draw(
                        st.lists(st.sampled_from(earlier), max_size=2, unique=True)
                    )
            else:
                program["depends_on"] = draw(st.lists(st.sampled_from(ids), max_size=3))
        if draw(st.booleans()):
            program["partners"] = [
                draw(
                    st.sampled_from(
                        [
                            {"role": "pemerintah", "agency": "bappeda"},
                            {"role": "akademisi", "name": "Universitas"},
                            {"role": "media", "agency": "dlh", "name": "Radio"},
                        ][: 2 if tidy else 3]
                    )
                )
            ]
        docs[f"programs/{pillar}/{program_id}.yaml"] = program

    # Break a few things, sometimes (sampled_from prefers its first entry).
    chances = [False] * (30 if tidy else 8) + [True]
    for rel in list(docs):
        if draw(st.sampled_from(chances)):
            docs[rel] = _corrupt(draw, docs[rel], draw(st.integers(1, 3)))
    return docs


def _write(folder: Path, docs: dict[str, Any]) -> None:
    for rel, data in docs.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _run_everything(folder: Path, lang: str = "id") -> str:
    """Validate; if valid, rank, schedule, check sensitivity and render. Returns how far it got."""
    result = validate_plan(folder)
    for problem in result.problems:
        assert problem.code and problem.message, problem
    if not result.ok:
        return "invalid"
    if not result.usable:
        return "unusable"
    plan = result.plan
    try:
        ranking = prioritize(plan, top=3)
        roadmap = schedule(plan, ranking)
        sensitivity(ranking)
        documents, _ = render_documents(plan, lang=lang, priorities=ranking, schedule=roadmap)
    except SmartplanError:
        return "refused"
    # validate clean => every program is ranked and has its sheet in the document
    assert {p.id for p in ranking.programs} == set(plan.programs)
    html = next(d.text for d in documents if d.format == "html")
    markdown = next(d.text for d in documents if d.format == "md")
    for program_id in plan.programs:
        assert f'id="program-{program_id}"' in html, program_id
        assert program_id in markdown, program_id
    assert "\x1b" not in markdown and "<script>" not in markdown and "<script>" not in html
    assert "](https://evil.example" not in markdown
    return "rendered"


@PLAN_PROFILE
@given(plan_documents(), st.sampled_from(["id", "en"]))
def test_generated_plans_never_crash(docs: dict[str, Any], lang: str) -> None:
    with tempfile.TemporaryDirectory(prefix="smartplan-prop-") as tmp:
        folder = Path(tmp) / "plan"
        _write(folder, docs)
        outcome = _run_everything(folder, lang)
        note(f"outcome: {outcome}")


@PLAN_PROFILE
@given(
    st.sampled_from(
        [
            "plan.yaml",
            "agencies.yaml",
            "readiness.yaml",
            "pillars/economy.yaml",
            "programs/economy/eco-pasar-digital.yaml",
            "programs/living/liv-telemedisin.yaml",
        ]
    ),
    st.integers(1, 4),
    st.data(),
)
def test_minimal_plan_with_random_damage(rel: str, rounds: int, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory(prefix="smartplan-prop-") as tmp:
        folder = Path(tmp) / "plan"
        shutil.copytree(FIXTURES / "minimal", folder)
        document = yaml.safe_load((folder / rel).read_text(encoding="utf-8"))
        damaged = _corrupt(data.draw, document, rounds)
        (folder / rel).write_text(
            yaml.safe_dump(damaged, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        note(f"outcome: {_run_everything(folder)}")


def test_profiles_are_registered() -> None:
    assert settings.get_profile("ci").max_examples < settings.get_profile("fuzz").max_examples
    assert settings.get_profile("ci").deadline is None


def test_plan_generator_reaches_every_stage() -> None:
    """The generator yields valid plans often enough to exercise prioritize and render."""
    outcomes: dict[str, int] = {}

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(plan_documents())
    def probe(docs: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory(prefix="smartplan-prop-") as tmp:
            folder = Path(tmp) / "plan"
            _write(folder, docs)
            outcome = "valid" if validate_plan(folder).ok else "invalid"
            outcomes[outcome] = outcomes.get(outcome, 0) + 1

    probe()
    assert outcomes.get("invalid", 0) > 0, outcomes
    assert outcomes.get("valid", 0) > 0, outcomes
