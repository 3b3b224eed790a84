"""Check documents against the JSON Schemas and explain failures like a person would.

jsonschema's own messages name a JSON path and dump values; this module turns
each error into one short message with a rule code (S001 to S004), the JSON
pointer of the offending value and, where it helps, a hint ("did you mean
'budget'?", "write true or false").
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from smartplan.check.fastcheck import FORMATS, UnsupportedSchema, compile_schema
from smartplan.i18n import Bilingual, joined, lazy, lazy_plural
from smartplan.kinds import BY_NAME
from smartplan.kinds import KINDS as FILE_KINDS
from smartplan.problem import Hit, pointer_join
from smartplan.resources import schemas_dir
from smartplan.text import did_you_mean

if TYPE_CHECKING:  # jsonschema is imported only when a document is invalid
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

#: every kind of plan file with a schema, from smartplan/kinds.py
KINDS = tuple(kind.name for kind in FILE_KINDS)


def schema_hit(
    code: str, pointer: str, message: str, hint: str | None = None, key: bool = False
) -> Hit:
    """A schema problem in the document being checked (the engine knows its file)."""
    return Hit("", pointer, message, hint, key, code=code)


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, as a dict."""
    path = schemas_dir() / BY_NAME[kind].schema_file
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


@cache
def validator(kind: str) -> Draft202012Validator:
    """A jsonschema validator for one file kind (cached for the process)."""
    return make_validator(load_schema(kind))


def make_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A jsonschema validator that asserts the formats smartplan's schemas use.

    jsonschema treats ``format`` as an annotation unless given a checker; the
    checker here knows the same formats as the fast check, with the same code.
    """
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return Draft202012Validator(schema, format_checker=checker)


@cache
def quick_check(kind: str) -> Callable[[Any], bool]:
    """A fast valid/invalid answer for one file kind; jsonschema's own where it cannot compile."""
    try:
        return compile_schema(load_schema(kind))
    except UnsupportedSchema:
        return validator(kind).is_valid


def check_document(kind: str, data: Any) -> list[Hit]:
    """Every schema problem of one document, in document order."""
    declared = data.get("kind") if isinstance(data, dict) else None
    if isinstance(declared, str) and declared != kind:
        where = {
            "plan": "plan.yaml",
            "agencies": "agencies.yaml",
            "readiness": "readiness.yaml",
            "pillar": "pillars/<code>.yaml",
            "program": "programs/<pillar>/<id>.yaml",
        }
        hint = (
            lazy("a %(declared)s belongs in %(where)s", declared=declared, where=where[declared])
            if declared in where
            else lazy("this file must say kind: %(kind)s", kind=kind)
        )
        return [
            schema_hit(
                "S004",
                "/kind",
                lazy(
                    "this file must hold a %(kind)s, found kind %(declared)r",
                    kind=kind,
                    declared=declared,
                ),
                hint,
            )
        ]
    if quick_check(kind)(data):
        return []
    hits: list[Hit] = []
    for error in validator(kind).iter_errors(data):
        hits.extend(_explain(error))
    # One message per place and code is enough (anyOf branches repeat themselves).
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for hit in hits:
        marker = (hit.code, hit.pointer, hit.message)
        if marker not in seen:
            seen.add(marker)
            unique.append(hit)
    return unique


# --------------------------------------------------------------------------


def _pointer(error: ValidationError) -> str:
    return pointer_join(*error.absolute_path)


def _type_name(value: Any) -> str:
    if value is None:
        return lazy("nothing (null)")
    if isinstance(value, bool):
        return lazy("boolean %(value)s", value=str(value).lower())
    if isinstance(value, int):
        digits = str(value)
        return lazy("integer %(value)s", value=digits if len(digits) <= 24 else digits[:21] + "...")
    if isinstance(value, float):
        return lazy("number %(value)s", value=f"{value:g}")
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return lazy("text %(shown)r", shown=shown)
    if isinstance(value, list):
        return lazy("a list")
    if isinstance(value, dict):
        return lazy("a mapping")
    return type(value).__name__


def _plain_number(value: Any) -> str:
    """A bound as a person writes it: ``0.000001``, not ``1e-06``."""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    return str(value)


_TYPE_WORDS = {
    "string": lazy("text"),
    "integer": lazy("a whole number"),
    "number": lazy("a number"),
    "boolean": lazy("true or false"),
    "object": lazy("a mapping"),
    "array": lazy("a list"),
    "null": lazy("nothing (null)"),
}

_GROUPED_NUMBER = re.compile(r"^[-+]?\d{1,3}(?:([.,_ ])\d{3})(?:\1\d{3})*(?:[.,]\d+)?$")
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}


def _type_hint(expected: list[str], value: Any) -> str | None:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if "boolean" in expected and lowered in _YAML11_BOOLS:
            return lazy(
                "plan files follow YAML 1.2, where yes/no/on/off are text: write true or false"
            )
        if {"integer", "number"} & set(expected):
            grouped = _GROUPED_NUMBER.match(value.strip())
            if grouped or "_" in value:
                whole = value.strip()
                separator = grouped.group(1) if grouped else "_"
                if separator in ".,":  # the other mark, if any, starts the decimals
                    whole = whole.split("," if separator == "." else ".")[0]
                digits = re.sub(r"[^0-9]", "", whole)
                return lazy(
                    "write numbers without thousands separators, e.g. %(digits)s", digits=digits
                )
            if lowered.lstrip("+-") in {".nan", ".inf", "nan", "inf"}:
                return lazy("not-a-number and infinity are not allowed; write a real figure")
            if lowered.startswith("rp"):
                return lazy("write the amount as a plain number of rupiah, without 'Rp'")
    if "integer" in expected and isinstance(value, float):
        return lazy("write a whole number (rupiah have no decimals here)")
    if "string" in expected and isinstance(value, bool | int | float):
        return lazy("put the value in quotes if it is meant as text")
    return None


def _expected_types(schema: Any) -> list[str]:
    if not isinstance(schema, dict):
        return []
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return list(kind)
    out: list[str] = []
    for key in ("anyOf", "oneOf"):
        for sub in schema.get(key, ()):
            for name in _expected_types(sub):
                if name not in out:
                    out.append(name)
    if "const" in schema or "enum" in schema:
        out.append("string")
    return out


def _describe_expected(types: list[str], schema: dict[str, Any]) -> str:
    words = []
    for name in types:
        word = _TYPE_WORDS.get(name, name)
        if name == "object" and _is_text_schema(schema):
            word = lazy("a mapping {id: ..., en: ...}")
        if word not in words:
            words.append(word)
    if len(words) == 1:
        return words[0]
    return lazy("%(choices)s or %(last)s", choices=joined(" or ", words[:-1]), last=words[-1])


def _is_text_schema(schema: dict[str, Any]) -> bool:
    for sub in [*schema.get("anyOf", []), *schema.get("oneOf", [])]:
        if isinstance(sub, dict) and "id" in sub.get("properties", {}):
            return True
    return False


def _explain(error: ValidationError) -> Iterator[Hit]:
    keyword = error.validator
    value = error.instance
    pointer = _pointer(error)
    schema = error.schema if isinstance(error.schema, dict) else {}

    if keyword in ("anyOf", "oneOf"):
        yield from _explain_alternatives(error)
        return
    if "propertyNames" in error.relative_schema_path:
        # jsonschema reports a bad key with the keyword that failed inside
        # propertyNames ("pattern"), at the mapping; point at the key itself.
        key = str(value)
        pattern = schema.get("pattern", "")
        hint = lazy("keys here are four-digit years, e.g. 2025") if "20" in pattern else None
        yield schema_hit(
            "S004",
            pointer_join(*error.absolute_path, key),
            lazy("key %(key)r is not allowed here", key=key),
            hint,
            key=True,
        )
        return
    if keyword == "additionalProperties" and isinstance(value, dict):
        known = list(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        for key in value:
            if key in known or any(p.search(key) for p in patterns):
                continue
            hint = did_you_mean(key, known) or (
                f"allowed keys here: {', '.join(known)}" if known else None
            )
            shown = key if len(key) <= 60 else key[:57] + "..."
            yield schema_hit(
                "S002",
                pointer_join(*error.absolute_path, key),
                lazy("unknown key %(shown)r", shown=shown),
                hint,
                key=True,
            )
        return
    if keyword == "required" and isinstance(value, dict):
        for key in cast(list[str], error.validator_value):
            if key not in value:
                yield schema_hit("S003", pointer, lazy("missing required key %(key)r", key=key))
        return
    if keyword == "type":
        expected = _expected_types(schema)
        message = lazy(
            "expected %(value)s, found %(value2)s",
            value=_describe_expected(expected, schema),
            value2=_type_name(value),
        )
        yield schema_hit("S001", pointer, message, _type_hint(expected, value))
        return
    if keyword == "const":
        yield schema_hit(
            "S004",
            pointer,
            lazy(
                "must be %(validator_value)r, found %(value)s",
                validator_value=error.validator_value,
                value=_type_name(value),
            ),
        )
        return
    if keyword == "enum":
        options = [str(o) for o in cast(list[Any], error.validator_value)]
        shown = ", ".join(options) if len(options) <= 20 else ", ".join(options[:20]) + ", ..."
        hint = did_you_mean(str(value), options) if isinstance(value, str) else None
        yield schema_hit(
            "S004",
            pointer,
            lazy("%(value)s is not one of: %(shown)s", value=_type_name(value), shown=shown),
            hint,
        )
        return
    if keyword in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {
            "minimum": lazy("below the minimum"),
            "exclusiveMinimum": lazy("not above"),
            "maximum": lazy("above the maximum"),
            "exclusiveMaximum": lazy("not below"),
        }[keyword]
        limit = _plain_number(error.validator_value)
        yield schema_hit(
            "S004",
            pointer,
            lazy(
                "%(value)s is %(words)s %(limit)s",
                value=_type_name(value),
                words=words,
                limit=limit,
            ),
        )
        return
    if keyword == "pattern":
        yield schema_hit("S004", pointer, _pattern_message(error), _pattern_hint(error))
        return
    if keyword == "format" and error.validator_value == "date":
        yield _date_hit(pointer, value)
        return
    if keyword == "minItems":
        count = error.validator_value
        yield schema_hit(
            "S004",
            pointer,
            lazy_plural(
                "needs at least %(n)s item", "needs at least %(n)s items", cast(int, count)
            ),
        )
        return
    if keyword == "maxItems":
        yield schema_hit(
            "S004",
            pointer,
            lazy(
                "holds more than %(validator_value)s items", validator_value=error.validator_value
            ),
        )
        return
    if keyword == "uniqueItems" and isinstance(value, list):
        seen: set[str] = set()
        for index, item in enumerate(value):
            marker = json.dumps(item, sort_keys=True, default=str)
            if marker in seen:
                yield schema_hit(
                    "S004",
                    pointer_join(*error.absolute_path, index),
                    lazy("%(value)s is listed twice", value=_type_name(item)),
                )
            seen.add(marker)
        return
    if keyword == "minLength":
        yield schema_hit(
            "S004",
            pointer,
            lazy("must not be empty")
            if error.validator_value == 1
            else lazy(
                "must be at least %(validator_value)s characters long",
                validator_value=error.validator_value,
            ),
        )
        return
    if keyword == "maxLength":
        yield schema_hit(
            "S004",
            pointer,
            lazy(
                "is longer than %(validator_value)s characters",
                validator_value=error.validator_value,
            ),
        )
        return
    if keyword == "not" and isinstance(error.validator_value, dict):
        banned = error.validator_value.get("required")
        if banned:
            path = list(error.absolute_path)
            yield schema_hit(
                "S004",
                pointer_join(*path, banned[0]),
                lazy(
                    "%(banned)r cannot be given together with the keys beside it", banned=banned[0]
                ),
                lazy("give only one of the alternatives"),
                key=True,
            )
            return
    if keyword in ("minProperties", "maxProperties"):
        yield schema_hit("S004", pointer, error.message)
        return
    yield schema_hit("S004", pointer, error.message)


_DATE_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$"

_PATTERN_WORDS = {
    "^[a-z0-9][a-z0-9-]{0,63}$": (
        lazy("is not a valid id"),
        lazy(
            "ids use lowercase letters, digits and '-', start with a letter or digit, "
            "at most 64 characters"
        ),
    ),
    "^(?:0*[1-9][0-9]{0,5}/0*[1-9][0-9]{0,5}|0*[1-9][0-9]{0,5}(?:\\.[0-9]+)?"
    "|0+\\.0{0,5}[1-9][0-9]*)$": (
        lazy("is not a pairwise judgement"),
        lazy(
            'write a positive number such as 3 or 0.5, or a fraction such as "1/3", '
            "from 1/999999 to 999999"
        ),
    ),
    _DATE_PATTERN: (lazy("is not a date"), lazy("write the date as YYYY-MM-DD, e.g. 2024-10-01")),
}


def _date_hit(pointer: str, value: Any) -> Hit:
    """``2022-02-30``: shaped like a date, but no such day."""
    words, hint = _PATTERN_WORDS[_DATE_PATTERN]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value, re.ASCII):
        try:
            datetime.date.fromisoformat(value)
        except ValueError as exc:
            return schema_hit(
                "S004",
                pointer,
                lazy("%(value)s is not a real date: %(exc)s", value=_type_name(value), exc=exc),
                hint,
            )
    # not even shaped like one: the same message as the pattern's (one is kept)
    return schema_hit(
        "S004", pointer, lazy("%(value)s %(words)s", value=_type_name(value), words=words), hint
    )


def _pattern_message(error: ValidationError) -> str:
    words = _PATTERN_WORDS.get(cast(str, error.validator_value))
    if words:
        return lazy("%(value)s %(words)s", value=_type_name(error.instance), words=words[0])
    # the schema's editor message ("Indonesian / English"): better than a regex; each
    # language shows its own half
    schema = error.schema if isinstance(error.schema, dict) else {}
    shown = schema.get("patternErrorMessage")
    if isinstance(shown, str) and " / " in shown:
        indonesian, english = shown.split(" / ", 1)
        return lazy(
            "%(value)s does not fit (%(rule)s)",
            value=_type_name(error.instance),
            rule=Bilingual(indonesian, english),
        )
    return lazy(
        "%(value)s does not match the pattern %(pattern)s",
        value=_type_name(error.instance),
        pattern=error.validator_value,
    )


def _pattern_hint(error: ValidationError) -> str | None:
    words = _PATTERN_WORDS.get(cast(str, error.validator_value))
    if words:
        return words[1]
    if isinstance(error.instance, str) and error.instance.lower() != error.instance:
        return lazy("ids and codes are written in lowercase")
    return None


def _explain_alternatives(error: ValidationError) -> Iterator[Hit]:
    """Pick the most relevant cause of an anyOf/oneOf failure."""
    context = list(error.context or ())
    schema = error.schema if isinstance(error.schema, dict) else {}
    if not context:
        yield schema_hit("S004", _pointer(error), error.message)
        return
    # Errors at the alternative's own root that are type mismatches mean "this
    # branch is the wrong kind of value"; if every branch failed that way, the
    # value simply has the wrong type.
    branches: dict[int | str, list[ValidationError]] = {}
    for sub in context:
        branches.setdefault(sub.schema_path[0] if sub.schema_path else 0, []).append(sub)
    matching = {
        idx: errs
        for idx, errs in branches.items()
        if not any(e.validator in ("type", "const", "enum") and not e.relative_path for e in errs)
    }
    if not matching:
        value = error.instance
        expected = _expected_types(schema)
        if expected:
            message = lazy(
                "expected %(value)s, found %(value2)s",
                value=_describe_expected(expected, schema),
                value2=_type_name(value),
            )
            yield schema_hit("S001", _pointer(error), message, _type_hint(expected, value))
        else:
            from jsonschema.exceptions import best_match

            best = best_match(context)
            yield from _explain(best) if best is not None else iter(())
        return
    if len(matching) == 1:
        for sub in next(iter(matching.values())):
            yield from _explain(sub)
        return
    from jsonschema.exceptions import best_match

    best = best_match([e for errs in matching.values() for e in errs])
    if best is not None:
        yield from _explain(best)
