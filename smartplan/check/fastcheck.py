"""A fast yes/no check of a document against a JSON Schema.

jsonschema explains *why* a document is invalid, which validate needs for
the few documents that are; for the many that are valid, that machinery is
most of validate's time. This module compiles a schema once into nested
Python closures that only answer "valid or not", and
:mod:`smartplan.schemacheck` asks jsonschema for the explanation only when
the answer is no.

Only the keywords smartplan's schemas use are compiled; any other keyword
makes :func:`compile_schema` raise :class:`UnsupportedSchema`, and the
caller falls back to jsonschema for everything. The semantics follow draft
2020-12 (an integer-valued float is an integer; booleans are never numbers
and never equal to them; ``pattern`` searches, it does not anchor; ``format``
is asserted, for the formats in :data:`FORMATS` only).
``tests/test_fastcheck.py`` checks the verdicts agree with jsonschema's.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Sized
from typing import Any

Check = Callable[[Any], bool]

#: Keywords that never affect validity.
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "title",
        "description",
        "examples",
        "default",
        "$defs",
        "deprecated",
        "readOnly",
        "writeOnly",
        "markdownDescription",
        # the messages yaml-language-server shows instead of its own
        "errorMessage",
        "patternErrorMessage",
    }
)


class UnsupportedSchema(Exception):
    """The schema uses a keyword this compiler does not implement."""


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": _is_integer,
    "number": _is_number,
}


def _canonical(value: Any) -> Any:
    """A hashable form in which equal JSON values, and only those, are equal."""
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("num", value)
    if isinstance(value, str):
        return ("str", value)
    if value is None:
        return ("null",)
    if isinstance(value, list):
        return ("list", tuple(_canonical(v) for v in value))
    if isinstance(value, dict):
        return ("dict", frozenset((k, _canonical(v)) for k, v in value.items()))
    return ("other", repr(value))


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if pointer in self.refs:
            return self.refs[pointer]
        if not pointer.startswith("#/"):
            raise UnsupportedSchema(f"$ref {pointer!r} is not local")
        target: Any = self.root
        for part in pointer[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        compiled: list[Check] = []
        # Register an indirection first so recursive references terminate.
        self.refs[pointer] = lambda v: compiled[0](v)
        compiled.append(self.compile(target))
        self.refs[pointer] = compiled[0]
        return compiled[0]

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise UnsupportedSchema(f"schema must be an object, found {schema!r}")
        checks: list[Check] = []
        object_keys_done = False
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS:
                continue
            if keyword == "$ref":
                checks.append(self.ref(value))
            elif keyword == "type":
                names = [value] if isinstance(value, str) else list(value)
                tests = [_TYPES[name] for name in names]
                checks.append(lambda v, tests=tests: any(t(v) for t in tests))
            elif keyword == "enum":
                allowed = {_canonical(item) for item in value}
                checks.append(lambda v, allowed=allowed: _canonical(v) in allowed)
            elif keyword == "const":
                expected = _canonical(value)
                checks.append(lambda v, expected=expected: _canonical(v) == expected)
            elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                checks.append(_bound(keyword, value))
            elif keyword in ("minLength", "maxLength"):
                checks.append(_length(keyword, value, str))
            elif keyword in ("minItems", "maxItems"):
                checks.append(_length(keyword, value, list))
            elif keyword in ("minProperties", "maxProperties"):
                checks.append(_length(keyword, value, dict))
            elif keyword == "format":
                checks.append(_format(value))
            elif keyword == "pattern":
                search = re.compile(value).search
                checks.append(lambda v, s=search: not isinstance(v, str) or s(v) is not None)
            elif keyword == "uniqueItems":
                if value:
                    checks.append(_unique)
            elif keyword == "items":
                item = self.compile(value)
                checks.append(_each_item(item))
            elif keyword == "required":
                required = tuple(value)
                checks.append(
                    lambda v, names=required: not isinstance(v, dict) or all(n in v for n in names)
                )
            elif keyword in ("properties", "patternProperties", "additionalProperties"):
                if not object_keys_done:  # the three are checked in one pass over the keys
                    checks.append(self.properties(schema))
                    object_keys_done = True
            elif keyword == "propertyNames":
                name_check = self.compile(value)
                checks.append(
                    lambda v, c=name_check: not isinstance(v, dict) or all(c(k) for k in v)
                )
            elif keyword == "dependentSchemas":
                deps = [(name, self.compile(sub)) for name, sub in value.items()]
                checks.append(
                    lambda v, deps=deps: (
                        not isinstance(v, dict)
                        or all(check(v) for name, check in deps if name in v)
                    )
                )
            elif keyword == "anyOf":
                options = [self.compile(sub) for sub in value]
                checks.append(lambda v, options=options: any(o(v) for o in options))
            elif keyword == "allOf":
                parts = [self.compile(sub) for sub in value]
                checks.append(lambda v, parts=parts: all(p(v) for p in parts))
            elif keyword == "oneOf":
                options = [self.compile(sub) for sub in value]
                checks.append(lambda v, options=options: sum(1 for o in options if o(v)) == 1)
            elif keyword == "not":
                inner = self.compile(value)
                checks.append(lambda v, inner=inner: not inner(v))
            else:
                raise UnsupportedSchema(f"keyword {keyword!r} is not compiled")
        return _all_of(checks)

    def properties(self, schema: dict[str, Any]) -> Check:
        """properties + additionalProperties (+ patternProperties) as one pass over the keys."""
        props = {name: self.compile(sub) for name, sub in schema.get("properties", {}).items()}
        patterns = [
            (re.compile(p).search, self.compile(sub))
            for p, sub in schema.get("patternProperties", {}).items()
        ]
        extra_schema = schema.get("additionalProperties", True)
        extra = None if extra_schema is True else self.compile(extra_schema)

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for key, item in value.items():
                known = props.get(key)
                matched = False
                if known is not None:
                    if not known(item):
                        return False
                    matched = True
                for search, sub in patterns:
                    if search(key) is not None:
                        matched = True
                        if not sub(item):
                            return False
                if not matched and extra is not None and not extra(item):
                    return False
            return True

        return check


def _all_of(checks: list[Check]) -> Check:
    """One check that passes when all pass (unrolled for the common short lists)."""
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda v: a(v) and b(v)
    if len(checks) == 3:
        a, b, c = checks
        return lambda v: a(v) and b(v) and c(v)
    head, rest = checks[0], _all_of(checks[1:])
    return lambda v: head(v) and rest(v)


def _bound(keyword: str, limit: float) -> Check:
    if keyword == "minimum":
        return lambda v: not _is_number(v) or v >= limit
    if keyword == "maximum":
        return lambda v: not _is_number(v) or v <= limit
    if keyword == "exclusiveMinimum":
        return lambda v: not _is_number(v) or v > limit
    return lambda v: not _is_number(v) or v < limit


#: A calendar date as JSON Schema's ``format: date`` has it (RFC 3339 full-date).
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(value: Any) -> bool:
    """Whether ``value`` is a real ``YYYY-MM-DD`` date (not 2022-02-30); non-text passes."""
    if not isinstance(value, str):
        return True
    if _DATE.fullmatch(value) is None:
        return False
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


#: The formats the schemas assert (validators are built with a format checker
#: for exactly these, see :func:`smartplan.check.schemacheck.validator`).
FORMATS: dict[str, Check] = {"date": is_date}


def _format(name: str) -> Check:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnsupportedSchema(f"format {name!r} is not compiled") from None


def _length(keyword: str, limit: int, kind: type[Sized]) -> Check:
    if keyword.startswith("min"):
        return lambda v: not isinstance(v, kind) or len(v) >= limit
    return lambda v: not isinstance(v, kind) or len(v) <= limit


def _each_item(item: Check) -> Check:
    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        for element in value:  # noqa: SIM110 - no generator object on this hot path
            if not item(element):
                return False
        return True

    return check


def _unique(value: Any) -> bool:
    if not isinstance(value, list):
        return True
    seen = {_canonical(item) for item in value}
    return len(seen) == len(value)


def compile_schema(schema: dict[str, Any]) -> Check:
    """Compile ``schema`` into a function that tells whether an instance is valid."""
    return _Compiler(schema).compile(schema)
