"""smartplan.check.yamlload: YAML 1.2 core values, limits, encodings and positions.

The loader never raises on bad input: every failure is a Finding with a code
(F00x for reading, Y00x for YAML), a 1-based line and column and a message.
Tests that could crash the interpreter if a guard were missing (deep nesting
on libyaml's C stack) run in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from smartplan.check import yamlload
from smartplan.check.yamlload import Finding, Locator, decode, load_text, read_file

ROOT = Path(__file__).resolve().parents[1]


def load(text: str) -> tuple[Any, list[Finding]]:
    findings: list[Finding] = []
    return load_text(text, findings), findings


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def clean(text: str) -> Any:
    data, findings = load(text)
    assert findings == [], findings
    return data


# --------------------------------------------------------------------------
# YAML 1.2 core schema


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        # YAML 1.1 booleans are plain text in 1.2 (as in the VS Code YAML extension)
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("Yes", "Yes"),
        ("NO", "NO"),
        # only true/false are booleans
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        # dates and times stay text
        ("2023-01-01", "2023-01-01"),
        ("2023-01-01T10:00:00Z", "2023-01-01T10:00:00Z"),
        ("12:30", "12:30"),
        # integers: leading zeros are decimal, 0o octal, 0x hex
        ("0755", 755),
        ("0o17", 15),
        ("0x1F", 31),
        ("0x1f", 31),
        ("-12", -12),
        ("+12", 12),
        ("0", 0),
        # not integers in 1.2
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("-0o17", "-0o17"),
        ("1.500.000.000", "1.500.000.000"),
        # floats
        ("1.5", 1.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),
        ("-2.5E-1", -0.25),
        # not-a-number and infinity are text in plan files
        (".nan", ".nan"),
        (".NaN", ".NaN"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        ("+.Inf", "+.Inf"),
        # null
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("", None),
        # quoted values are always text
        ('"true"', "true"),
        ("'0755'", "0755"),
        ('"null"', "null"),
    ],
)
def test_core_schema_resolution(scalar: str, expected: Any) -> None:
    data = clean(f"value: {scalar}\n")
    assert data["value"] == expected
    assert type(data["value"]) is type(expected)


def test_keys_stay_text() -> None:
    """Year mappings come back with string keys, as JSON Schema expects."""
    data = clean("targets: {2023: 10, 2024: 20}\ntrue: 1\nnull: 2\n")
    assert data == {"targets": {"2023": 10, "2024": 20}, "true": 1, "null": 2}


def test_standard_tags_that_are_supported() -> None:
    data = clean("a: !!str 12\nb: !!int '12'\nc: !!float '1.5'\nd: !!bool 'true'\ne: !!null ''\n")
    assert data == {"a": "12", "b": 12, "c": 1.5, "d": True, "e": None}


def test_explicit_tag_with_invalid_value() -> None:
    data, findings = load("a: !!float abc\nb: !!int 1.5\n")
    assert data == {"a": "abc", "b": "1.5"}
    assert [(f.code, f.line, f.column, f.pointer) for f in findings] == [
        ("Y004", 1, 4, "/a"),
        ("Y004", 2, 4, "/b"),
    ]
    assert findings[0].message == "'abc' is not a valid value for tag !!float"


# --------------------------------------------------------------------------
# Duplicate keys and merge keys


def test_duplicate_key_is_located_at_the_second_key() -> None:
    data, findings = load("kind: program\nid: a\nname: x\nid: b\n")
    assert data["id"] == "b"  # the document is still built
    (finding,) = findings
    assert (finding.code, finding.line, finding.column, finding.pointer) == ("Y002", 4, 1, "/id")
    assert finding.message == "duplicate key 'id' (first defined at line 2)"
    assert finding.hint


def test_duplicate_key_nested_and_in_flow_style() -> None:
    _, findings = load("years:\n  start: 1\n  end: 2\nb: {x: 1, y: 2, x: 3}\nyears: 3\n")
    located = [(f.code, f.line, f.column, f.pointer) for f in findings]
    assert located == [("Y002", 4, 17, "/b/x"), ("Y002", 5, 1, "/years")]


def test_duplicate_key_pointer_is_escaped() -> None:
    _, findings = load('"a/b": 1\n"a/b": 2\n')
    assert findings[0].pointer == "/a~1b"


def test_merge_keys_are_not_duplicates() -> None:
    text = """\
    base: &base {start: 2024, end: 2025, fixed: false}
    years:
      <<: *base
      end: 2026
    other:
      end: 2027
      <<: *base
    """
    data = clean(textwrap.dedent(text))
    # an explicit key wins over a merged one, before or after the <<
    assert data["years"] == {"start": 2024, "end": 2026, "fixed": False}
    assert data["other"] == {"start": 2024, "end": 2027, "fixed": False}


def test_merge_of_several_sources_earlier_wins() -> None:
    text = "a: &a {x: 1}\nb: &b {x: 2, y: 3}\nc:\n  <<: [*a, *b]\n  z: 4\n"
    assert clean(text)["c"] == {"x": 1, "y": 3, "z": 4}


def test_two_merge_keys_are_not_duplicates() -> None:
    text = "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n"
    assert clean(text)["c"] == {"x": 1, "y": 2}


def test_merge_key_must_refer_to_mappings() -> None:
    data, findings = load("a: &a [1, 2]\nc:\n  <<: *a\n  z: 1\n")
    assert data["c"] == {"z": 1}
    assert codes(findings) == ["Y004"]
    assert "merge key" in findings[0].message
    assert (findings[0].line, findings[0].column) == (1, 4)  # the aliased list


def test_complex_key_is_refused() -> None:
    data, findings = load("? [a, b]\n: c\nd: 1\n")
    assert data == {"d": 1}
    assert [(f.code, f.line, f.column) for f in findings] == [("Y004", 1, 3)]


# --------------------------------------------------------------------------
# Limits: alias bombs, self reference, nesting


def _bomb(levels: int = 9, width: int = 9) -> str:
    lines = [f"l1: &a1 [{', '.join(['lol'] * width)}]"]
    for level in range(2, levels + 1):
        items = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"l{level}: &a{level} [{items}]")
    return "kind: program\n" + "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    text = _bomb()  # 9^9 = 387,420,489 values when expanded
    started = time.perf_counter()
    data, findings = load(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0
    assert data is None
    assert codes(findings) == ["Y003"]
    assert "200,000" in findings[0].message
    assert findings[0].line >= 2


def test_wide_alias_bomb_in_mappings_is_refused_quickly() -> None:
    text = "a: &a {x1: y, x2: y, x3: y, x4: y, x5: y, x6: y, x7: y, x8: y}\n"
    for level in range(2, 10):
        refs = ", ".join(f"k{i}: *{'a' if level == 2 else f'a{level - 1}'}" for i in range(8))
        text += f"b{level}: &a{level} {{{refs}}}\n"
    started = time.perf_counter()
    data, findings = load(text)
    assert time.perf_counter() - started < 2.0
    assert data is None
    assert codes(findings) == ["Y003"]


def test_node_limit_is_the_module_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "MAX_NODES", 10)
    data, findings = load("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n")
    assert data is None
    assert codes(findings) == ["Y003"]
    assert "10 values" in findings[0].message


def test_reused_aliases_below_the_limit_are_fine() -> None:
    text = "mitra: &m {role: akademisi, name: Politeknik}\npartners: [*m, *m, *m]\n"
    data = clean(text)
    assert data["partners"] == [data["mitra"]] * 3


def test_self_referencing_alias_is_y005() -> None:
    data, findings = load("kind: program\ntags: &t [*t]\n")
    assert data is None
    (finding,) = findings
    assert finding.code == "Y005"
    assert (finding.line, finding.column) == (2, 7)


def test_self_referencing_mapping_is_y005() -> None:
    data, findings = load("a: &a {b: *a}\n")
    assert data is None
    assert codes(findings) == ["Y005"]


def test_nesting_at_the_limit_is_fine_and_one_more_is_not() -> None:
    depth = yamlload.MAX_DEPTH
    ok = "a: " + "[" * depth + "]" * depth + "\n"  # the root is level 0
    assert clean(ok) is not None
    data, findings = load("a: " + "[" * (depth + 1) + "]" * (depth + 1) + "\n")
    assert data is None
    assert [(f.code, f.line, f.column) for f in findings] == [("Y005", 1, 4 + depth)]


def test_nesting_limit_does_not_depend_on_file_length() -> None:
    short = "a: " + "[" * 64 + "]" * 64 + "\nb: [1]\n"
    long = short + "# " + "x" * 10_000 + "\n"
    assert load(short)[1] == []
    assert load(long)[1] == []


_DEEP_SCRIPT = """
import json, sys, time
from smartplan.check.yamlload import load_text
n, style = int(sys.argv[1]), sys.argv[2]
if style == "flow-seq":
    text = "tags: " + "[" * n + "]" * n + "\\n"
elif style == "flow-map":
    text = "a: " + "{a: " * n + "}" * n + "\\n"
elif style == "bare":
    text = "[" * n + "]" * n
else:
    text = "a:\\n" + "- " * n + "x\\n"
findings = []
started = time.perf_counter()
data = load_text(text, findings)
elapsed = time.perf_counter() - started
codes = [f.code for f in findings]
print(json.dumps({"refused": data is None, "codes": codes, "seconds": elapsed}))
"""


@pytest.mark.parametrize(
    ("levels", "style"),
    [
        (4_999, "flow-seq"),  # just under the pre-scan threshold: libyaml composes it
        (10_000, "flow-seq"),
        (100_000, "flow-seq"),  # would overflow libyaml's C stack without the guard
        (100_000, "flow-map"),
        (100_000, "bare"),
        (20_000, "block-seq"),
    ],
)
def test_deep_nesting_is_y005_in_a_subprocess(levels: int, style: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _DEEP_SCRIPT, str(levels), style],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr
    outcome = json.loads(proc.stdout)
    assert outcome["refused"]
    assert outcome["codes"] == ["Y005"]
    assert outcome["seconds"] < 2.0


# --------------------------------------------------------------------------
# Tags are never constructed


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = textwrap.dedent(
        f"""\
        kind: program
        a: !!python/object/apply:os.system ["touch {marker}"]
        b: !!python/object/apply:subprocess.check_call [["touch", "{marker}"]]
        c: !!python/name:os.system
        d: !!python/object/new:os.system ["touch {marker}"]
        e: !!python/module:os
        """
    )
    data, findings = load(text)
    assert not marker.exists()
    assert codes(findings) == ["Y004"] * 5
    assert [f.line for f in findings] == [2, 3, 4, 5, 6]
    assert findings[0].message == "unsupported YAML tag !!python/object/apply:os.system"
    assert findings[0].column == 4 and findings[0].pointer == "/a"
    # the values are built as plain data, never as objects
    assert data["a"] == [f"touch {marker}"]
    assert data["c"] == ""


def test_python_tag_through_read_file_has_no_side_effect(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = tmp_path / "x.yaml"
    path.write_text(f'kind: x\nname: !!python/object/apply:os.system ["touch {marker}"]\n')
    loaded = read_file(path)
    assert not marker.exists()
    assert codes(loaded.findings) == ["Y004"]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !include other.yaml\n", "!include"),
        ("a: !!binary aGVsbG8=\n", "!!binary"),
        ("a: !!timestamp 2023-01-01\n", "!!timestamp"),
        ("a: !!set {x}\n", "!!set"),
        ("a: !!omap [{x: 1}]\n", "!!omap"),
        ("a: !<tag:example.com,2024:thing> x\n", "tag:example.com,2024:thing"),
    ],
)
def test_unsupported_tags(text: str, tag: str) -> None:
    _, findings = load(text)
    assert codes(findings) == ["Y004"]
    assert findings[0].message == f"unsupported YAML tag {tag}"
    assert (findings[0].line, findings[0].column) == (1, 4)


# --------------------------------------------------------------------------
# Documents


def test_two_documents() -> None:
    data, findings = load("kind: program\nid: a\n---\nkind: program\nid: b\n")
    assert data is None
    (finding,) = findings
    assert finding.code == "Y006"
    assert finding.line == 4  # where the second document's content starts
    assert "more than one YAML document" in finding.message


def test_document_markers_around_one_document_are_fine() -> None:
    assert clean("---\nkind: program\n...\n") == {"kind": "program"}
    assert clean("%YAML 1.2\n---\nkind: program\n") == {"kind": "program"}


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# only a comment\n", "# a\n\n# b\n"])
def test_empty_documents(text: str) -> None:
    data, findings = load(text)
    assert data is None
    assert [(f.code, f.line, f.column) for f in findings] == [("Y006", 1, 1)]
    assert "empty" in findings[0].message


def test_document_marker_alone_is_y006() -> None:
    # an empty document after '---' is a null value: refused, if with a less exact message
    data, findings = load("---\n")
    assert data is None
    assert codes(findings) == ["Y006"]


@pytest.mark.parametrize(
    ("text", "what", "where"),
    [
        ("- kind: program\n", "a list", (1, 1)),
        ("# header\n\n[1, 2]\n", "a list", (3, 1)),
        ("just text\n", "a single value", (1, 1)),
        ("42\n", "a single value", (1, 1)),
        ("~\n", "a single value", (1, 1)),
    ],
)
def test_top_level_must_be_a_mapping(text: str, what: str, where: tuple[int, int]) -> None:
    data, findings = load(text)
    assert data is None
    (finding,) = findings
    assert finding.code == "Y006"
    assert finding.message.endswith(f"found {what}")
    assert (finding.line, finding.column) == where


# --------------------------------------------------------------------------
# Syntax errors


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        # a tab before a key
        ("kind: program\nyears:\n\tstart: 2025\n", 3, 1, "tab character"),
        # an unquoted ': ' inside a value: at the second colon
        ("kind: program\ndescription: Tahap 1: pasar\n", 2, 21, "mapping values are not allowed"),
        # bad indentation of a key
        ("kind: program\nyears:\n  start: 2025\n end: 2026\n", 4, 2, "did not find expected key"),
    ],
)
def test_syntax_errors_are_located(text: str, line: int, column: int, words: str) -> None:
    data, findings = load(text)
    assert data is None
    (finding,) = findings
    assert (finding.code, finding.line, finding.column) == ("Y001", line, column)
    assert words in finding.message
    assert finding.message.startswith("YAML syntax error")
    assert finding.hint


def test_unclosed_quote_names_where_it_started() -> None:
    _, findings = load('kind: program\nname: "Pasar digital\nid: x\n')
    (finding,) = findings
    assert finding.code == "Y001"
    assert "(started at line 2, column 7)" in finding.message
    assert finding.hint == "a quote was opened and not closed"


@pytest.mark.parametrize("bracket", ["[", "{"])
def test_unclosed_bracket_names_where_it_started(bracket: str) -> None:
    _, findings = load(f"kind: program\ntags: {bracket}a, b\nid: x\n")
    (finding,) = findings
    assert finding.code == "Y001"
    assert "(started at line 2, column 7)" in finding.message
    assert finding.hint == "a '[' or '{' was opened and not closed"


@pytest.mark.parametrize(
    "marker",
    ["<<<<<<< HEAD", "=======", ">>>>>>> feature/pasar", "||||||| merged common ancestors"],
)
def test_merge_conflict_markers(marker: str) -> None:
    text = f"kind: program\nid: a\n{marker}\nname: x\n"
    data, findings = load(text)
    assert data is None
    (finding,) = findings
    assert (finding.code, finding.line, finding.column) == ("Y001", 3, 1)
    assert finding.message == "leftover git merge-conflict marker"


def test_conflict_marker_lookalikes_are_fine() -> None:
    assert clean("a: '<<<<<<< x'\nb: ======= text\nc: x >>>>>>> y\n")["b"] == "======= text"


# --------------------------------------------------------------------------
# Bytes: encodings, NUL, BOM


def test_utf8_is_decoded() -> None:
    assert decode("name: Sampit – Kotawaringin\n".encode()) == (
        "name: Sampit – Kotawaringin\n",
        None,
    )


def test_utf8_bom_is_allowed() -> None:
    text, problem = decode(b"\xef\xbb\xbfkind: plan\n")
    assert problem is None
    assert text == "kind: plan\n"


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-be", None), ("utf-32", "UTF-32")],
)
def test_utf16_and_utf32_are_refused(encoding: str, name: str | None) -> None:
    raw = "kind: plan\n".encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
        name = "UTF-16"
    text, problem = decode(raw)
    assert text is None
    assert problem is not None
    assert (problem.code, problem.line, problem.column) == ("F003", 1, 1)
    assert problem.message == f"file is encoded as {name}; smartplan reads UTF-8 only"
    assert problem.hint and "UTF-8" in problem.hint


def test_utf16_without_bom_is_a_nul_byte() -> None:
    _, problem = decode("kind: plan\n".encode("utf-16-le"))
    assert problem is not None
    assert (problem.code, problem.line, problem.column) == ("F003", 1, 2)
    assert "NUL byte" in problem.message


def test_nul_byte_is_located() -> None:
    _, problem = decode(b"kind: plan\nid: ab\x00c\n")
    assert problem is not None
    assert (problem.code, problem.line, problem.column) == ("F003", 2, 7)


def test_windows_1252_byte_is_located() -> None:
    raw = "kind: plan\ntitle: Kota “Cerdas”\n".encode("cp1252")
    text, problem = decode(raw)
    assert text is None
    assert problem is not None
    assert (problem.code, problem.line, problem.column) == ("F003", 2, 13)
    assert problem.message == "file is not valid UTF-8 (byte 0x93)"
    assert "Windows-1252" in (problem.hint or "")


def test_latin1_e_acute_is_located_after_a_bom() -> None:
    _, problem = decode(b"\xef\xbb\xbfa: caf\xe9\n")
    assert problem is not None
    assert (problem.line, problem.column, problem.message) == (
        1,
        7,
        "file is not valid UTF-8 (byte 0xE9)",
    )


def test_crlf_line_endings_keep_lines() -> None:
    text = "kind: program\r\nid: a\r\nyears:\r\n  start: 2025\r\n  start: 2026\r\n"
    data, findings = load(text)
    assert data["years"] == {"start": 2026}
    assert [(f.code, f.line, f.column) for f in findings] == [("Y002", 5, 3)]
    locator = Locator(text)
    assert locator.locate("/years/start") == (4, 10)
    assert locator.locate("/id") == (2, 5)


def test_crlf_syntax_error_line() -> None:
    _, findings = load("kind: program\r\nid: a\r\nname: x: y\r\n")
    assert [(f.code, f.line, f.column) for f in findings] == [("Y001", 3, 8)]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("name: éééé\x01\n", (1, 11)),  # libyaml reports a byte offset
        ("a: b\r\rc: d\x01\n", (3, 5)),  # old-Mac line ends
        ("a: b\r\nc: ü\x01\r\n", (2, 5)),
        ('x: "a\u2028b"\n# c \u2029 d\nk: [\x01]\n', (3, 5)),
    ],
)
def test_control_character_is_located_in_characters_and_lines(
    text: str, where: tuple[int, int]
) -> None:
    _, findings = load(text)
    assert [(f.code, f.line, f.column) for f in findings] == [("Y001", *where)]
    assert "control characters" in findings[0].message


# U+0085, U+2028 and U+2029 break lines in YAML 1.1 (libyaml) but not in YAML
# 1.2, editors or yaml-language-server; pasted from a PDF they are common.
@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_yaml11_line_breaks_are_text_and_keep_later_lines(char: str) -> None:
    text = (
        f'vision: "Kabupaten{char}Contoh"\n'
        f"# a comment{char}with it\n"
        f"plain: a{char}b\n"
        f"block: |\n  one{char}two\n"
        "years:\n  start: 2025\n  start: 2026\n"
    )
    data, findings = load(text)
    assert data["vision"] == f"Kabupaten{char}Contoh"
    assert data["plain"] == f"a{char}b"
    assert data["block"] == f"one{char}two\n"
    assert [(f.code, f.line, f.column) for f in findings] == [("Y002", 8, 3)]
    locator = Locator(text)
    assert locator.locate("/years/start") == (7, 10)
    assert locator.lines()[2] == f"plain: a{char}b"


def test_escaped_yaml11_line_break_is_an_unknown_escape_as_in_yaml_12() -> None:
    _, findings = load('a: "x\\\u2028"\n')
    assert [(f.code, f.line, f.column) for f in findings] == [("Y001", 1, 6)]
    assert "unknown escape" in findings[0].message
    assert "\ufdd0" not in findings[0].message  # no stand-in shows


def test_stand_ins_never_clash_with_the_text() -> None:
    # the text holds the first stand-ins, literally and as an escape
    text = 'a: "\ufdd0 \\ufdd1 \u2028"\n'
    data, findings = load(text)
    assert not findings
    assert data["a"] == "\ufdd0 \ufdd1 \u2028"


# --------------------------------------------------------------------------
# read_file


def test_read_file_ok(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(b"\xef\xbb\xbfkind: plan\r\nid: contoh\r\n")
    loaded = read_file(path)
    assert loaded.ok
    assert loaded.data == {"kind": "plan", "id": "contoh"}
    assert loaded.findings == []
    assert loaded.text is not None


def test_read_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "MAX_FILE_BYTES", 16)
    path = tmp_path / "big.yaml"
    path.write_text("kind: program\nid: a-long-id\n")
    loaded = read_file(path)
    assert not loaded.ok
    assert loaded.text is None  # refused before reading
    (finding,) = loaded.findings
    assert finding.code == "F002"
    assert finding.message == "file is 28 bytes, over the 16-byte limit for a plan file"
    assert (finding.line, finding.column) == (0, 0)
    assert finding.hint


def test_read_file_at_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "edge.yaml"
    path.write_text("kind: program\n")
    monkeypatch.setattr(yamlload, "MAX_FILE_BYTES", path.stat().st_size)
    assert read_file(path).ok


def test_read_file_on_a_directory(tmp_path: Path) -> None:
    folder = tmp_path / "eco.yaml"
    folder.mkdir()
    loaded = read_file(folder)
    (finding,) = loaded.findings
    assert finding.code == "F001"
    assert finding.message == "this is a directory, expected a YAML file"


def test_read_file_missing(tmp_path: Path) -> None:
    loaded = read_file(tmp_path / "nope.yaml")
    assert codes(loaded.findings) == ["F001"]
    assert not loaded.ok


def test_read_file_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "agencies.yaml"
    path.write_bytes("kind: agencies\n".encode("utf-16"))
    loaded = read_file(path)
    assert codes(loaded.findings) == ["F003"]
    assert loaded.text is None


# --------------------------------------------------------------------------
# Locator

LOCATED = """\
kind: program
base: &base
  start: 2025
  end: 2026
years:
  <<: *base
  end: 2027
partners:
  - {role: akademisi, name: Politeknik}
  - role: pemerintah
    agency: bappeda
"a/b": slash
"t~x": tilde
targets: {2025: 10, 2026: 20}
"""


@pytest.mark.parametrize(
    ("pointer", "key", "expected"),
    [
        ("", False, (1, 1)),
        ("/kind", False, (1, 7)),
        ("/kind", True, (1, 1)),
        ("/years/end", False, (7, 8)),
        ("/years/end", True, (7, 3)),
        # a merged key is found where the anchor defines it
        ("/years/start", False, (3, 10)),
        ("/years/start", True, (3, 3)),
        # list items, flow and block style
        ("/partners/0", False, (9, 5)),
        ("/partners/0/name", False, (9, 29)),
        ("/partners/1/agency", False, (11, 13)),
        ("/partners/1/agency", True, (11, 5)),
        # RFC 6901 escapes
        ("/a~1b", False, (12, 8)),
        ("/t~0x", False, (13, 8)),
        # year keys are text
        ("/targets/2026", False, (14, 27)),
        ("/targets/2026", True, (14, 21)),
        # missing keys and indices: the deepest existing parent
        ("/years/fixed", False, (6, 3)),
        ("/years/fixed", True, (5, 1)),
        ("/partners/7/agency", False, (9, 3)),
        ("/partners/x", False, (9, 3)),
        ("/nothing/here", False, (1, 1)),
        ("/nothing/here", True, (1, 1)),
    ],
)
def test_locator(pointer: str, key: bool, expected: tuple[int, int]) -> None:
    assert Locator(LOCATED).locate(pointer, key=key) == expected


def test_locator_agrees_with_values() -> None:
    locator = Locator(LOCATED)
    lines = LOCATED.splitlines()
    line, column = locator.locate("/partners/1/agency")
    assert lines[line - 1][column - 1 :].startswith("bappeda")
    line, column = locator.locate("/targets/2026", key=True)
    assert lines[line - 1][column - 1 :].startswith("2026: 20")


def test_locator_of_unparsable_or_missing_text() -> None:
    assert Locator(None).locate("/a") == (1, 1)
    assert Locator("a: [\n").locate("/a") == (1, 1)
    assert Locator("").locate("/a") == (1, 1)


def test_locator_on_a_bomb_is_bounded() -> None:
    """Locating only composes (aliases are shared nodes), so a bomb does not explode here."""
    started = time.perf_counter()
    # l9 -> its first item, the list anchored as a8 -> its first item, the list
    # anchored as a7 (line 8; an anchored node starts at its '&')
    assert Locator(_bomb()).locate("/l9/0/0") == (8, 5)
    assert time.perf_counter() - started < 2.0
