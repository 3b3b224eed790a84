"""Safe, bounded YAML loading that remembers where things are.

Design:

* Only the libyaml-backed safe parser composes the node tree (the pure-Python
  one where libyaml is missing); this module constructs Python values itself,
  so it decides which tags exist (the YAML 1.2 core schema: no Python objects,
  no timestamps, ``yes``/``no`` are text), flags duplicate keys, resolves
  merge keys ``<<``, and bounds alias expansion and nesting depth.
* Line and column of a value are not stored while loading (that would slow the
  common, clean case). :class:`Locator` re-composes a file only when a problem
  has to be placed in it, and walks the node tree along a JSON pointer.
* Nothing here raises on bad input: every failure becomes a :class:`Finding`
  with a position, a code and a message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from smartplan.i18n import lazy
from smartplan.problem import Finding

try:  # pragma: no branch - libyaml is present on every supported platform
    from yaml import CSafeLoader as _BaseLoader

    #: libyaml reports reader errors by byte offset, the pure-Python reader by character
    LIBYAML = True
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]  # the same API

    LIBYAML = False

#: Files larger than this are refused before parsing (a plan file is a few kB).
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Deepest nesting a plan document may have (real files stay below 10).
MAX_DEPTH = 64
#: Most values one document may expand to, aliases included ("billion laughs").
MAX_NODES = 200_000
#: Largest integer a plan may hold (far above any rupiah amount; beyond it
#: numbers stop converting to floats, which scores and charts need).
MAX_INTEGER = 10**18
#: Above this many characters a file is scanned for nesting depth before it is
#: composed, because libyaml's composer recurses on the C stack.
_DEPTH_SCAN_CHARS = 10_000

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class _Loader(_BaseLoader):
    """Composes nodes with YAML 1.2 core-schema tag resolution."""


# Plain scalars resolve by the YAML 1.2 core schema. One combined pattern,
# tried only on plain scalars, replaces PyYAML's per-first-character lists.
_PLAIN = re.compile(
    r"(?P<bool>true|True|TRUE|false|False|FALSE)"
    r"|(?P<int>[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)"
    r"|(?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)"
    r"|(?P<null>~|null|Null|NULL)"
    r"|(?P<merge><<)"
)
_PLAIN_TAGS = {"bool": _BOOL, "int": _INT, "float": _FLOAT, "null": _NULL, "merge": _MERGE}


def _resolve(self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    if kind is ScalarNode:
        if implicit[0]:
            if not value:
                return _NULL
            match = _PLAIN.fullmatch(value)
            if match is not None:
                return _PLAIN_TAGS[match.lastgroup]  # type: ignore[index]  # every alternative is a named group
        return _STR
    return _SEQ if kind is SequenceNode else _MAP


# one combined pattern instead of PyYAML's per-tag resolver lists (a measured hot spot)
_Loader.resolve = _resolve  # type: ignore[method-assign]  # replaced once, on our own subclass


@dataclass(slots=True)
class LoadedFile:
    """One plan file after reading: its text, its data (or None) and what went wrong."""

    path: Path
    text: str | None = None
    data: Any = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether a document was constructed (it may still hold duplicate keys)."""
        return self.data is not None


# --------------------------------------------------------------------------
# Reading bytes


_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, not bytes) of a byte offset."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column


def decode(raw: bytes) -> tuple[str | None, Finding | None]:
    """Decode file bytes as UTF-8 (a BOM is allowed); explain anything else."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return None, Finding(
                "F003",
                lazy("file is encoded as %(name)s; smartplan reads UTF-8 only", name=name),
                1,
                1,
                hint=lazy("save the file as UTF-8 (in VS Code: 'Save with Encoding' → UTF-8)"),
            )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul != -1:
        line, col = _line_col(raw, nul)
        return None, Finding(
            "F003",
            lazy("file contains a NUL byte; it looks binary or UTF-16, not UTF-8 text"),
            line,
            col,
            hint=lazy("save the file as UTF-8 text"),
        )
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        byte = raw[exc.start]
        return None, Finding(
            "F003",
            lazy("file is not valid UTF-8 (byte 0x%(byte)s)", byte=f"{byte:02X}"),
            line,
            col,
            hint=lazy(
                "save the file as UTF-8; text pasted from Word or Excel is often Windows-1252"
            ),
        )


def read_file(path: Path, raw: bytes | None = None) -> LoadedFile:
    """Read ``path`` and load its single YAML document, never raising.

    ``raw`` is the file's text given by the caller (an editor's unsaved
    buffer, through ``validate --stdin-filename``), read instead of the disk.
    """
    result = LoadedFile(path)
    try:
        if raw is None:
            if not path.is_file():
                what = "a directory" if path.is_dir() else "not a regular file"
                result.findings.append(
                    Finding("F001", lazy("this is %(what)s, expected a YAML file", what=what))
                )
                return result
            size = path.stat().st_size
        else:
            size = len(raw)
        if size > MAX_FILE_BYTES:
            result.findings.append(
                Finding(
                    "F002",
                    lazy(
                        "file is %(size)s bytes, over the %(max_file_bytes)s-byte limit for a plan "
                        "file",
                        size=f"{size:,}",
                        max_file_bytes=f"{MAX_FILE_BYTES:,}",
                    ),
                    hint=lazy("split the content into several files"),
                )
            )
            return result
        if raw is None:
            raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        result.findings.append(Finding("F001", lazy("cannot read file: %(reason)s", reason=reason)))
        return result
    text, problem = decode(raw)
    if problem:
        result.findings.append(problem)
        return result
    assert text is not None  # decode gives text whenever it finds no problem
    result.text = text
    result.data = load_text(text, result.findings)
    return result


# --------------------------------------------------------------------------
# Parsing text


#: Line breaks as YAML 1.2 and editors count them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _text_line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` in ``text``."""
    line, start = 1, 0
    for match in _LINE_BREAK.finditer(text, 0, offset):
        line, start = line + 1, match.end()
    return line, offset - start + 1


_CONFLICT = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)


_READER_POSITION = re.compile(r'\s*in "<unicode string>", position (\d+)')


def _syntax_finding(exc: yaml.YAMLError, text: str) -> Finding:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    position = _READER_POSITION.search(str(exc)) if mark is None else None
    if position is not None:  # a reader error: a character libyaml refuses
        offset = int(position.group(1))
        if LIBYAML:  # libyaml counts bytes of UTF-8
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        line, col = _text_line_col(text, offset)
        reason = _READER_POSITION.sub("", str(exc)).strip()
        return Finding(
            "Y001",
            lazy("YAML syntax error: %(reason)s", reason=reason),
            line,
            col,
            hint=lazy("remove the control character (often pasted from a PDF or Word)"),
        )
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = (
        lazy("%(context)s, %(problem)s", context=context, problem=problem)
        if context
        else str(problem)
    )
    context_mark = getattr(exc, "context_mark", None)
    if context_mark is not None and mark is not None and context_mark.line != mark.line:
        message += f" (started at line {context_mark.line + 1}, column {context_mark.column + 1})"
    if "maximum nesting depth" in message:  # PyYAML >= 6.0.4 bounds flow nesting itself
        return Finding(
            "Y005", lazy("nesting deeper than %(max_depth)s levels", max_depth=MAX_DEPTH), line, col
        )
    at = mark.index if mark is not None else -1
    hint = None
    if 0 <= at < len(text) and text[at] == "\t":
        message = "YAML syntax error: a tab character cannot indent or start a value"
        return Finding(
            "Y001",
            message,
            line,
            col,
            hint=lazy("YAML does not allow tabs for indentation; use spaces"),
        )
    elif "mapping values are not allowed" in message:
        hint = "a ':' inside a value needs the value in quotes, or the indentation is off"
    elif any(
        marker in message
        for marker in ("expected <block end>", "could not find expected ':'", "expected key")
    ):
        hint = "check the indentation of this line and the one before"
    elif "while scanning a quoted scalar" in message:
        hint = "a quote was opened and not closed"
    elif "flow sequence" in message or "flow mapping" in message:
        hint = "a '[' or '{' was opened and not closed"
    return Finding(
        "Y001", lazy("YAML syntax error: %(message)s", message=message), line, col, hint=hint
    )


def _depth_exceeded(text: str) -> tuple[int, int] | None:
    """Position where nesting first exceeds MAX_DEPTH, scanning events (no recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                # the top-level mapping is depth 0 for the builder, 1 here
                if depth > MAX_DEPTH + 1:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer will report the syntax error itself
    return None


def _needs_depth_scan(text: str) -> bool:
    if len(text) <= _DEPTH_SCAN_CHARS:
        return False
    return (
        text.count("[") + text.count("{") > MAX_DEPTH
        or max(map(len, text.splitlines()), default=0) > 2 * MAX_DEPTH
    )


#: Characters libyaml takes for line breaks (YAML 1.1) that YAML 1.2, editors
#: and yaml-language-server read as ordinary text: NEL, LINE SEPARATOR and
#: PARAGRAPH SEPARATOR, typically pasted from a PDF or Word. Left to libyaml
#: they would shift every later line number by one and break comments.
_YAML11_BREAKS = re.compile("[\x85\u2028\u2029]")
#: Stand-ins for them while libyaml reads the text: Unicode noncharacters,
#: which libyaml takes as printable text and real files do not hold.
_STAND_INS = tuple(chr(code) for code in range(0xFDD0, 0xFDF0))


def _hide_yaml11_breaks(text: str) -> tuple[str, dict[int, str] | None]:
    """``text`` with YAML 1.1-only line breaks swapped for stand-ins; the way back.

    Each stand-in is one character like the one it replaces, so lines and
    columns of everything libyaml reports stay those an editor shows. Stand-ins
    are picked among those neither in the text nor written there as an escape.
    Returns ``(text, None)`` when there is nothing to hide (nearly always).
    """
    if _YAML11_BREAKS.search(text) is None:
        return text, None
    lowered = text.lower()
    free = [c for c in _STAND_INS if c not in text and f"{ord(c):x}" not in lowered]
    if len(free) < 3:  # pragma: no cover - a file written to defeat this
        return text, None
    hide = dict(zip(map(ord, "\x85\u2028\u2029"), free, strict=False))
    back = {ord(stand_in): chr(char) for char, stand_in in hide.items()}
    return text.translate(hide), back


def _restore(root: Node, back: dict[int, str]) -> None:
    """Put the hidden characters back into the scalar values under ``root``."""
    stack: list[Node] = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the same node again
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            node.value = node.value.translate(back)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)


def compose(text: str, findings: list[Finding]) -> Node | None:
    """Compose the single document of ``text``; append findings on failure."""
    match = _CONFLICT.search(text)
    if match:
        line, _ = _text_line_col(text, match.start())
        findings.append(
            Finding(
                "Y001",
                lazy("leftover git merge-conflict marker"),
                line,
                1,
                hint=lazy(
                    "resolve the merge conflict and remove the <<<<<<<, ======= and >>>>>>> lines"
                ),
            )
        )
        return None
    text, back = _hide_yaml11_breaks(text)
    if _needs_depth_scan(text):
        where = _depth_exceeded(text)
        if where:
            findings.append(
                Finding(
                    "Y005",
                    lazy("nesting deeper than %(max_depth)s levels", max_depth=MAX_DEPTH),
                    *where,
                )
            )
            return None
    loader = _Loader(text)
    try:
        if not loader.check_node():
            return None
        node = loader.get_node()
        if loader.check_node():
            extra = loader.get_node()
            line, column = (
                (extra.start_mark.line + 1, extra.start_mark.column + 1) if extra else (1, 1)
            )
            findings.append(
                Finding(
                    "Y006",
                    lazy("file holds more than one YAML document; smartplan reads one per file"),
                    line,
                    column,
                    hint=lazy("remove the '---' line and what follows, or move it to its own file"),
                )
            )
            return None
        if back is not None and node is not None:
            _restore(node, back)
        return node
    except RecursionError:
        findings.append(
            Finding(
                "Y005", lazy("nesting deeper than %(max_depth)s levels", max_depth=MAX_DEPTH), 1, 1
            )
        )
        return None
    except yaml.YAMLError as exc:
        finding = _syntax_finding(exc, text)
        if back is not None:  # a message may quote a stand-in
            finding = replace(finding, message=finding.message.translate(back))
        findings.append(finding)
        return None
    finally:
        loader.dispose()


def load_text(text: str, findings: list[Finding]) -> Any:
    """Load the single document of ``text`` into plain Python values.

    Returns None (with findings) when the text cannot be parsed or its top
    level is not a mapping.
    """
    node = compose(text, findings)
    # No document at all, or a document that is only "---": an empty file.
    empty = node is None and not findings
    if empty or (isinstance(node, ScalarNode) and node.tag == _NULL and node.value == ""):
        findings.append(
            Finding(
                "Y006",
                lazy("file is empty (or holds only comments)"),
                1,
                1,
                hint=lazy("every plan file is a mapping that starts with 'kind:'"),
            )
        )
        return None
    if node is None:
        return None
    if not isinstance(node, MappingNode):
        mark = node.start_mark
        what = "a list" if isinstance(node, SequenceNode) else "a single value"
        findings.append(
            Finding(
                "Y006",
                lazy(
                    "expected a mapping (key: value lines) at the top of the file, found %(what)s",
                    what=what,
                ),
                mark.line + 1,
                mark.column + 1,
            )
        )
        return None
    builder = _Builder(findings)
    try:
        return builder.build(node, 0)
    except _Abort:
        return None


# --------------------------------------------------------------------------
# Constructing values


class _Abort(Exception):
    """Raised inside the builder when a limit is hit; the document is dropped."""


def _at(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


def _escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


class _Builder:
    """Turns a composed node tree into plain values, counting and bounding as it goes.

    The JSON pointer of the current value is kept as a stack of keys and
    only joined into a string when a finding needs it.
    """

    __slots__ = ("count", "findings", "path")

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.count = 0
        self.path: list[str] = []

    @property
    def pointer(self) -> str:
        return "".join("/" + _escape(part) for part in self.path)

    def build(self, node: Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            self.findings.append(
                Finding(
                    "Y003",
                    lazy(
                        "document expands to more than %(max_nodes)s values (alias bomb?)",
                        max_nodes=f"{MAX_NODES:,}",
                    ),
                    *_at(node),
                    hint=lazy("plan files do not need aliases that repeat other aliases"),
                )
            )
            raise _Abort
        if depth > MAX_DEPTH:
            self.findings.append(
                Finding(
                    "Y005",
                    lazy("nesting deeper than %(max_depth)s levels", max_depth=MAX_DEPTH),
                    *_at(node),
                    pointer=self.pointer,
                )
            )
            raise _Abort
        cls = node.__class__
        if cls is ScalarNode:
            return self.scalar(node)  # type: ignore[arg-type]  # the class is tested above (faster than isinstance)
        if node.tag != _MAP and node.tag != _SEQ:
            self.unsupported_tag(node)
        if cls is SequenceNode:
            items = []
            path = self.path
            for index, child in enumerate(node.value):
                path.append(str(index))
                items.append(self.build(child, depth + 1))
                path.pop()
            return items
        return self.mapping(node, depth)  # type: ignore[arg-type]  # the only class left

    def unsupported_tag(self, node: Node) -> None:
        self.findings.append(
            Finding(
                "Y004",
                lazy("unsupported YAML tag %(value)s", value=_short_tag(node.tag)),
                *_at(node),
                hint=lazy("plan files use plain YAML values only; remove the tag"),
                pointer=self.pointer,
            )
        )

    def scalar(self, node: ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag == _STR:
            return value
        try:
            if tag == _INT:
                if value.startswith("0o"):
                    number = int(value[2:], 8)
                elif value.startswith("0x"):
                    number = int(value[2:], 16)
                else:
                    number = int(value)
                if abs(number) > MAX_INTEGER:
                    shown = value if len(value) <= 30 else value[:27] + "..."
                    self.findings.append(
                        Finding(
                            "Y004",
                            lazy("number %(shown)s is too large", shown=shown),
                            *_at(node),
                            hint=lazy(
                                "plan numbers stay below %(max_integer)s",
                                max_integer=f"{MAX_INTEGER:.0e}",
                            ),
                            pointer=self.pointer,
                        )
                    )
                    raise _Abort  # the document is not used: its numbers would overflow
                return number
            if tag == _FLOAT:
                real = float(value)
                if real != real or real in (float("inf"), float("-inf")):
                    raise ValueError(value)
                return real
            if tag == _BOOL:
                return value.lower() == "true"
            if tag == _NULL:
                return None
        except ValueError:
            self.findings.append(
                Finding(
                    "Y004",
                    lazy(
                        "%(value)r is not a valid value for tag %(value2)s",
                        value=value[:60],
                        value2=_short_tag(tag),
                    ),
                    *_at(node),
                    pointer=self.pointer,
                )
            )
            return value
        self.unsupported_tag(node)
        return value

    def mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        merged: list[MappingNode] = []
        path = self.path
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                self.findings.append(
                    Finding(
                        "Y004",
                        lazy("a mapping key must be a plain value, not a list or mapping"),
                        *_at(key_node),
                        pointer=self.pointer,
                    )
                )
                continue
            if key_node.tag == _MERGE:
                merged.extend(self.merge_sources(value_node))
                continue
            key = key_node.value
            path.append(key)
            if key in first_seen:
                self.findings.append(
                    Finding(
                        "Y002",
                        lazy(
                            "duplicate key %(key)r (first defined at line %(first_seen)s)",
                            key=key,
                            first_seen=first_seen[key],
                        ),
                        *_at(key_node),
                        hint=lazy("YAML keeps only one of them; remove or rename the other"),
                        pointer=self.pointer,
                    )
                )
            else:
                first_seen[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, depth + 1)
            path.pop()
        # Merged keys never override explicit ones; earlier sources win.
        for source in merged:
            for key_node, value_node in source.value:
                if key_node.__class__ is ScalarNode and key_node.value not in result:
                    key = key_node.value
                    path.append(key)
                    result[key] = self.build(value_node, depth + 1)
                    path.pop()
        return result

    def merge_sources(self, node: Node) -> list[MappingNode]:
        if isinstance(node, MappingNode):
            return [node]
        if isinstance(node, SequenceNode) and all(isinstance(n, MappingNode) for n in node.value):
            return list(node.value)
        self.findings.append(
            Finding(
                "Y004",
                lazy("a merge key '<<' must refer to a mapping or a list of mappings"),
                *_at(node),
            )
        )
        return []


# --------------------------------------------------------------------------
# Finding positions again


class Locator:
    """Maps JSON pointers of one file's document back to 1-based line and column."""

    __slots__ = ("_lines", "_path", "_root", "_text")

    def __init__(self, text: str | None = None, *, path: Path | None = None) -> None:
        # With a path and no text, the file is read again only if a problem
        # must be placed in it: a clean plan of 50,000 files keeps no text.
        self._text = text
        self._path = path
        self._root: Node | bool | None = False  # False: not composed yet
        self._lines: list[str] | None = None

    @property
    def text(self) -> str | None:
        """The file's text (read again from the path on first use)."""
        if self._text is None and self._path is not None:
            try:
                self._text, _problem = decode(self._path.read_bytes())
            except OSError:
                self._text = None
            self._path = None
        return self._text

    def lines(self) -> list[str]:
        """The file's lines (for inline suppression comments)."""
        if self._lines is None:
            # not str.splitlines: it also breaks at NEL, U+2028, form feeds...
            self._lines = _LINE_BREAK.split(self.text) if self.text is not None else []
        return self._lines

    def _node(self) -> Node | None:
        if self._root is False:
            self._root = compose(self.text, []) if self.text is not None else None
        return self._root  # type: ignore[return-value]  # False only before the first call

    def locate(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``pointer`` (of its key when ``key``).

        Where the pointer leads to something absent (a missing key), the
        position of the deepest existing parent is returned.
        """
        node = self._node()
        if node is None:
            return (1, 1)
        key_node: Node | None = None
        parts = (
            [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
            if pointer
            else []
        )
        for part in parts:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        target = key_node if key and key_node is not None else node
        return _at(target)


def _child(node: Node, part: str) -> tuple[Node | None, Node] | None:
    if isinstance(node, SequenceNode):
        if part.isdigit() and int(part) < len(node.value):
            return None, node.value[int(part)]
        return None
    if isinstance(node, MappingNode):
        merged: list[Node] = []
        found = None
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.tag == _MERGE:
                    merged.append(value_node)
                elif key_node.value == part and found is None:
                    found = (key_node, value_node)
        if found:
            return found
        for source in merged:
            sources = source.value if isinstance(source, SequenceNode) else [source]
            for mapping in sources:
                if isinstance(mapping, MappingNode):
                    hit = _child(mapping, part)
                    if hit:
                        return hit
    return None
