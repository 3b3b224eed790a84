"""The catalog of indicator units: the plan's Indonesian unit -> its English form.

A plan writes an indicator's unit once, in Indonesian (``orang``, ``persen``).
An English rendering shows the unit's English form from ``i18n/units.yaml``,
merged from the template folders like the label catalogs (a region's own
entries win); a unit the catalog lacks is shown as written and recorded as a
fallback, so the command's note lists it with the content texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from smartplan.check.yamlload import read_file
from smartplan.errors import RenderError
from smartplan.i18n import lazy
from smartplan.render.i18n import Fallback, Localizer

__all__ = ["load_units", "unit_in"]


def unit_in(
    lang: str, units: Mapping[str, str], local: Localizer, unit: str, file: str, pointer: str
) -> str:
    """An indicator unit in ``lang``: as written in Indonesian; in English its catalog
    entry, or, without one, as written with a fallback recorded at ``file#pointer``."""
    if lang == "id":
        return unit
    english = units.get(unit)
    if english is None:
        local.fallbacks.add(Fallback(file, pointer))
        return unit
    return english


def load_units(folders: list[Path]) -> dict[str, str]:
    """Merge ``i18n/units.yaml`` from ``folders``, the first folder winning."""
    units: dict[str, str] = {}
    for folder in reversed(folders):
        path = folder / "i18n" / "units.yaml"
        if not path.is_file():
            continue
        if not path.resolve().is_relative_to(folder.resolve()):
            raise RenderError(
                lazy(
                    "%(path)s: the unit catalog is a link to %(value)s, outside the template "
                    "folder",
                    path=path,
                    value=path.resolve(),
                )
            )
        loaded = read_file(path)
        if not loaded.ok or loaded.findings or not isinstance(loaded.data, dict):
            first = loaded.findings[0] if loaded.findings else None
            detail = f":{first.line}:{first.column}: {first.message}" if first else ""
            raise RenderError(
                lazy("cannot read the unit catalog %(path)s%(detail)s", path=path, detail=detail),
                hint=lazy("it maps each unit as the plan writes it to its English form"),
            )
        for key, value in loaded.data.items():
            if not isinstance(value, str):
                raise RenderError(
                    lazy(
                        "%(path)s: unit %(key)r must map to a text, not %(name)s",
                        path=path,
                        key=key,
                        name=type(value).__name__,
                    ),
                    hint=lazy("quote the value in the catalog"),
                )
            units[str(key)] = value
    return dict(sorted(units.items()))
