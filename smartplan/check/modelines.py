"""F004: editor modelines that point at a schema that is not there.

``# yaml-language-server: $schema=../../schemas/plan.schema.json`` gives an
editor completion and checks, offline. A plan copied out of this repository
(or a schema folder deleted) leaves the path pointing nowhere, and the editor
says nothing: it simply stops helping. validate says so, once per missing
schema, with the command that writes the schemas into the plan and the
modeline to use.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from smartplan.i18n import lazy, lazy_plural
from smartplan.kinds import KINDS

MODELINE = "# yaml-language-server:"
_SCHEMA = "$schema="
#: where ``smartplan init`` and ``smartplan schema --plan`` put the schemas
SCHEMA_FOLDER = ".smartplan/schemas"
_SCHEMA_OF_KIND = {kind.name: kind.schema_file for kind in KINDS}


@dataclass(frozen=True, slots=True)
class MissingSchema:
    """One missing schema: where it is first named, and how many files name it."""

    rel: str
    line: int
    column: int
    value: str
    kind: str
    others: int


def find_schema(text: str) -> tuple[int, int, str] | None:
    """Line, column (1-based) and value of the ``$schema=`` modeline among the leading comments."""
    for number, line in enumerate(text.splitlines()[:20], start=1):
        stripped = line.lstrip("\ufeff")
        if not stripped.startswith("#"):
            return None
        if stripped.startswith(MODELINE) and _SCHEMA in stripped:
            start = stripped.index(_SCHEMA) + len(_SCHEMA)
            value = stripped[start:].split()[0] if stripped[start:].split() else ""
            return number, start + 1 + (len(line) - len(stripped)), value
    return None


@dataclass
class ModelineCheck:
    """Collects the modelines of a plan's files as they are read; reports the missing schemas."""

    #: normalised target -> exists (each distinct schema path is looked up once)
    _exists: dict[str, bool] = field(default_factory=dict)
    _missing: dict[str, list[tuple[str, int, int, str, str]]] = field(default_factory=dict)

    def see(self, rel: str, path: Path, kind: str, text: str | None) -> None:
        """Look at one file's text (``None`` for a file that could not be read)."""
        if not text or not text.startswith((MODELINE, "\ufeff" + MODELINE, "#")):
            return
        found = find_schema(text)
        if found is None:
            return
        line, column, value = found
        if not value or "://" in value or value.startswith("#"):
            return  # a URL or an in-file reference: nothing to look up offline
        target = os.path.normpath(os.path.join(path.parent, value))
        if target not in self._exists:
            self._exists[target] = os.path.isfile(target)
        if not self._exists[target]:
            self._missing.setdefault(target, []).append((rel, line, column, value, kind))

    def missing(self) -> list[MissingSchema]:
        """One entry per missing schema, at the first file (in plan order) that names it."""
        out = []
        for uses in self._missing.values():
            rel, line, column, value, kind = min(uses)
            out.append(MissingSchema(rel, line, column, value, kind, len(uses) - 1))
        return sorted(out, key=lambda m: m.rel)


def message(missing: MissingSchema) -> str:
    """What F004 says about one missing schema."""
    also = ""
    if missing.others:
        also = lazy_plural(
            "; %(n)d other file of the plan points at it too",
            "; %(n)d other files of the plan point at it too",
            missing.others,
        )
    return lazy(
        "the editor schema %(value)s does not exist, so editors give no completion or checks for "
        "this file%(also)s",
        value=missing.value,
        also=also,
    )


def hint(missing: MissingSchema, plan_arg: PurePath) -> str:
    """The fix: write the schemas into the plan, and the modeline that points there."""
    schema = _SCHEMA_OF_KIND.get(missing.kind, posixpath.basename(missing.value))
    folder = posixpath.dirname(missing.rel) or "."
    target = posixpath.relpath(f"{SCHEMA_FOLDER}/{schema}", folder)
    plan = plan_arg.as_posix()
    return lazy(
        "write the schemas into the plan with `smartplan schema --plan %(plan)s` (or `smartplan "
        "schema --out %(plan)s/%(schema_folder)s`), then start the file with `%(modeline)s "
        "%(schema)s%(target)s`",
        plan=plan,
        schema_folder=SCHEMA_FOLDER,
        modeline=MODELINE,
        schema=_SCHEMA,
        target=target,
    )
