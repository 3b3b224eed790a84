"""Label catalogs per language, and the record of content that fell back.

Labels (chapter titles, table headings, names of codes) live in YAML catalogs,
``i18n/<lang>.yaml`` in the packaged template folder. A region's template
folder may carry its own ``i18n/<lang>.yaml`` with only the labels it wants to
change; its keys replace the packaged ones. Templates look labels up with
``t("chapter.introduction")``; a missing key is a :class:`RenderError`, never
an empty string, so a typo in a template cannot slip into a signed document.

Content written in the plan is a :class:`~smartplan.model.Text`; where an
English rendering lacks an English text, the Indonesian one is used and the
field is recorded as a :class:`Fallback`, which the command reports.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from smartplan.check.yamlload import read_file
from smartplan.errors import RenderError
from smartplan.i18n import lazy
from smartplan.model import Text

__all__ = ["Catalog", "Fallback", "Localizer", "load_catalog"]

_FORMATTER = string.Formatter()


@dataclass(frozen=True, slots=True, order=True)
class Fallback:
    """A content field shown in Indonesian because its English text is missing."""

    file: str
    pointer: str

    def __str__(self) -> str:
        return f"{self.file}#{self.pointer}" if self.pointer else self.file


def _flatten(data: Any, prefix: str, out: dict[str, str], where: str) -> None:
    if not isinstance(data, Mapping):
        raise RenderError(
            lazy("%(where)s: a label catalog must be a mapping of keys to texts", where=where)
        )
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            _flatten(value, name + ".", out, where)
        elif isinstance(value, str):
            out[name] = value
        else:
            raise RenderError(
                lazy(
                    "%(where)s: label %(name)r must be a text, not %(name2)s",
                    where=where,
                    name=name,
                    name2=type(value).__name__,
                ),
                hint=lazy("quote the value in the catalog"),
            )


def _read_catalog(path: Path) -> dict[str, str]:
    loaded = read_file(path)
    if not loaded.ok or loaded.findings:
        first = loaded.findings[0] if loaded.findings else None
        detail = f":{first.line}:{first.column}: {first.message}" if first else ""
        raise RenderError(
            lazy("cannot read the label catalog %(path)s%(detail)s", path=path, detail=detail)
        )
    out: dict[str, str] = {}
    _flatten(loaded.data, "", out, str(path))
    return out


def load_catalog(lang: str, folders: list[Path]) -> Catalog:
    """Merge ``i18n/<lang>.yaml`` from ``folders``, the first folder winning.

    The last folder is the packaged one, which must have the catalog.
    """
    labels: dict[str, str] = {}
    found = False
    for folder in reversed(folders):
        path = folder / "i18n" / f"{lang}.yaml"
        if path.is_file():
            if not path.resolve().is_relative_to(folder.resolve()):
                raise RenderError(
                    lazy(
                        "%(path)s: the label catalog is a link to %(value)s, outside the template "
                        "folder",
                        path=path,
                        value=path.resolve(),
                    )
                )
            labels.update(_read_catalog(path))
            found = True
    if not found:
        raise RenderError(
            lazy("no label catalog for language %(lang)r", lang=lang),
            hint=lazy("add i18n/%(lang)s.yaml to the template folder", lang=lang),
        )
    return Catalog(lang, dict(sorted(labels.items())))


@dataclass(frozen=True, slots=True)
class Catalog:
    """Labels of one language, looked up by dotted key."""

    lang: str
    labels: dict[str, str]

    def __call__(self, key: str, /, **values: Any) -> str:
        """The label ``key``, with ``{name}`` placeholders filled from ``values``."""
        try:
            label = self.labels[key]
        except KeyError:
            raise RenderError(
                lazy("missing label %(key)r in the %(lang)r catalog", key=key, lang=self.lang),
                hint=lazy("add it to i18n/%(lang)s.yaml", lang=self.lang),
            ) from None
        if not values:
            return label
        return _fill(key, self.lang, label, values)

    def placeholders(self, key: str) -> list[str]:
        """Names of the ``{placeholders}`` in the label ``key`` (for tests)."""
        return sorted({f for _, f, _, _ in _FORMATTER.parse(self.labels[key]) if f})

    def has(self, key: str) -> bool:
        """Whether the catalog has the label ``key``."""
        return key in self.labels


#: What a template may pass to a label: plain values, never objects. A label
#: comes from a region's catalog (code we did not write), and a placeholder
#: given an object would reach through its attributes past the sandbox.
_PLAIN = (str, int, float, Decimal)


def _fill(key: str, lang: str, label: str, values: Mapping[str, Any]) -> str:
    """``label`` with each ``{name}`` replaced by the text of ``values[name]``.

    Not ``str.format``: its field syntax (``{f.__globals__[os]}``) walks
    attributes and items of the values outside the sandbox. Here a placeholder
    is a bare name, and a value is turned into text before it is placed.
    """
    where = f"label {key!r} in the {lang!r} catalog"
    texts: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, jinja2.Undefined):
            str(value)  # StrictUndefined: the template's own undefined error
        if not isinstance(value, _PLAIN):
            raise RenderError(
                lazy(
                    "%(where)s: the value of %(name)r is a %(name2)s, not a text or a number",
                    where=where,
                    name=name,
                    name2=type(value).__name__,
                ),
                hint=lazy("templates pass labels plain values: texts and numbers"),
            )
        texts[name] = str(value)
    out: list[str] = []
    try:
        parsed = list(_FORMATTER.parse(label))
    except ValueError as exc:  # a lone "{" or "}"
        raise RenderError(
            lazy("%(where)s cannot be filled: %(exc)s", where=where, exc=exc),
            hint=lazy("write {{ and }} for braces in a label"),
        ) from None
    for literal, field_name, spec, conversion in parsed:
        out.append(literal)
        if field_name is None:
            continue
        if not field_name.isidentifier() or spec or conversion:
            shown = (
                field_name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            )
            raise RenderError(
                lazy(
                    "%(where)s: placeholder {%(shown)s} is not a plain {name}",
                    where=where,
                    shown=shown,
                ),
                hint=lazy("placeholders in labels are {name} with a name the template passes"),
            )
        try:
            out.append(texts[field_name])
        except KeyError:
            raise RenderError(
                lazy(
                    "%(where)s cannot be filled: no value for {%(field_name)s}",
                    where=where,
                    field_name=field_name,
                ),
                hint=lazy("placeholders in labels are {name} with a name the template passes"),
            ) from None
    return "".join(out)


@dataclass(slots=True)
class Localizer:
    """Picks the text of the output language and records where it fell back."""

    lang: str
    fallbacks: set[Fallback] = field(default_factory=set)

    def text(self, value: Text | str | None, file: str, pointer: str) -> str:
        """The text in the output language (``""`` for ``None``)."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if not value.has(self.lang):
            self.fallbacks.add(Fallback(file, pointer))
        return value.get(self.lang)

    def texts(self, values: tuple[Text, ...], file: str, pointer: str) -> list[str]:
        """Each text of a list, recording fallbacks as ``pointer/index``."""
        return [self.text(v, file, f"{pointer}/{i}") for i, v in enumerate(values)]

    def sorted_fallbacks(self) -> tuple[Fallback, ...]:
        """The fallbacks in a stable order: by file, then pointer."""
        return tuple(sorted(self.fallbacks, key=_fallback_key))


def _fallback_key(fb: Fallback) -> tuple[str, tuple[tuple[int, int | str], ...]]:
    # Sort pointer parts numerically where they are indexes: /goals/2 before /goals/10.
    parts = tuple((0, int(p)) if p.isdigit() else (1, p) for p in fb.pointer.split("/"))
    return fb.file, parts
