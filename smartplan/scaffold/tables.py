"""The tables behind ``smartplan init``, read from the YAML files in ``data/``.

Agencies, scoring criteria, example programs, readiness hints and the legal
basis are data, kept beside the code in ``smartplan/scaffold/data/`` and
shipped inside the package; :mod:`smartplan.synth` reads the same files. The
loaded tables are cached and shared: treat them as read-only.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_text(name: str) -> str:
    """The text of the data file ``name`` (UTF-8)."""
    return files("smartplan.scaffold").joinpath("data", name).read_text(encoding="utf-8")


@cache
def _table(name: str) -> Any:
    return yaml.load(data_text(f"{name}.yaml"), Loader=_LOADER)  # _LOADER is a safe loader


def agencies() -> list[dict[str, Any]]:
    """The usual agencies (OPD): ``id``, ``name`` (``id``/``en``), ``short``, and maybe
    ``compact`` and ``regency_only``; in the order init writes them."""
    value: list[dict[str, Any]] = _table("agencies")["agencies"]
    return value


def criteria() -> list[dict[str, Any]]:
    """The scoring criteria: ``id``, ``name``, ``kind``, ``weight`` (text), ``description``."""
    value: list[dict[str, Any]] = _table("criteria")["criteria"]
    return value


def criterion_ids() -> tuple[str, ...]:
    """The criteria ids, in order."""
    return tuple(criterion["id"] for criterion in criteria())


def examples() -> list[dict[str, Any]]:
    """One example program per pillar (see the comment at the top of ``examples.yaml``)."""
    value: list[dict[str, Any]] = _table("examples")["examples"]
    return value


def description_template() -> dict[str, str]:
    """The example programs' description, ``id`` and ``en``, with a ``{what}`` to fill."""
    value: dict[str, str] = _table("examples")["description_template"]
    return value


def subaspect_hints() -> dict[str, dict[str, str]]:
    """Readiness subaspect -> ``label`` and ``detail`` (with a ``{perkada}`` to fill)."""
    value: dict[str, dict[str, str]] = _table("readiness")["subaspects"]
    return value


def legal_basis() -> list[str]:
    """The national regulations a new plan lists in its legal basis."""
    value: list[str] = _table("legal_basis")["legal_basis"]
    return value
