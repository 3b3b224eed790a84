"""Plan-specific JSON Schemas: the packaged ones, with the plan's own ids as enums.

The packaged schemas know an agency id only by its pattern, so an editor can
complete the key ``lead_agency`` but not its value. ``smartplan schema --plan
DIR`` writes copies whose reference fields list the plan's agency ids, element
codes, program ids, stakeholder ids, risk ids and the ids of the gaps and
strategies a program can answer: yaml-language-server then completes them and
flags a misspelt one as you type. The copies are a snapshot of the plan; run
the command again after adding an agency, a program or an analysis item
(``validate`` stays the judge either way).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from smartplan.i18n import lazy
from smartplan.model import Plan
from smartplan.resources import schemas_dir

#: schema file -> (path of keys to the reference field, what it refers to)
REFERENCES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "program.schema.json": (
        (("properties", "lead_agency"), "agency"),
        (("properties", "partners", "items", "properties", "agency"), "agency"),
        (("properties", "renstra", "properties", "agency"), "agency"),
        (("properties", "element"), "element"),
        (("properties", "depends_on", "items"), "program"),
        (("properties", "partners", "items", "properties", "stakeholder"), "stakeholder"),
        (("properties", "risks", "items", "properties", "ref"), "risk"),
        (("properties", "answers", "items"), "answer"),
    ),
}

_WHAT = {
    "agency": "OPD di agencies.yaml / agencies in agencies.yaml",
    "element": "elemen di pillars/*.yaml / elements in pillars/*.yaml",
    "program": "program di programs/ / programs in programs/",
    "stakeholder": "pemangku kepentingan di stakeholders.yaml / stakeholders in stakeholders.yaml",
    "risk": "risiko di risks.yaml / risks in risks.yaml",
    "answer": "kesenjangan dan strategi di analysis/ / gaps and strategies in analysis/",
}


def plan_ids(plan: Plan) -> dict[str, list[str]]:
    """The plan's ids of every kind a program refers to, each list sorted."""
    elements = {code for pillar in plan.pillars.values() for code in pillar.elements}
    answers: set[str] = set()
    for analysis in plan.analyses.values():
        answers.update(gap.id for gap in analysis.gaps)
        answers.update(strategy.id for strategy in analysis.strategies)
    return {
        "agency": sorted(plan.agencies),
        "element": sorted(elements),
        "program": sorted(plan.programs),
        "stakeholder": sorted(plan.stakeholders),
        "risk": sorted(plan.risk_register),
        "answer": sorted(answers),
    }


#: how many of the plan's values a message lists before it counts the rest
SHOWN = 20


def error_message(values: list[str], what: str) -> str:
    """The bilingual message the editor shows for a value not in ``values``.

    yaml-language-server would list every value itself; a plan with hundreds
    of programs gets the first :data:`SHOWN` and a count.
    """
    where_id, where_en = _WHAT[what].split(" / ", 1)
    shown = ", ".join(values[:SHOWN])
    rest = len(values) - SHOWN
    more_id = f" (dan {rest} lainnya)" if rest > 0 else ""
    more_en = f" (and {rest} more)" if rest > 0 else ""
    return f"{where_id}: salah satu dari {shown}{more_id} / {where_en}: one of {shown}{more_en}"


def _narrow(node: dict[str, Any], values: list[str], what: str) -> dict[str, Any]:
    """The field with its values listed; its title and description are kept."""
    narrowed: dict[str, Any] = {k: node[k] for k in ("title", "description") if k in node}
    narrowed["type"] = "string"
    narrowed["enum"] = values
    # the editor shows this instead of its own English list of values
    narrowed["errorMessage"] = error_message(values, what)
    note = f"Nilai yang ada di rencana ini / values in this plan: {_WHAT[what]}."
    narrowed["description"] = f"{narrowed.get('description', '')} {note}".strip()
    return narrowed


def plan_schema_texts(plan: Plan) -> dict[str, bytes]:
    """Every packaged schema (file name -> JSON text), narrowed to ``plan``'s ids.

    A kind of id the plan has none of (no programs yet) keeps its pattern.
    """
    ids = plan_ids(plan)
    plan_id = plan.info.id if plan.info is not None else "plan"
    out: dict[str, bytes] = {}
    for source in sorted(schemas_dir().glob("*.schema.json")):
        schema = json.loads(source.read_text(encoding="utf-8"))
        for keys, what in REFERENCES.get(source.name, ()):
            if not ids[what]:
                continue
            parent = schema
            for key in keys[:-1]:
                parent = parent[key]
            parent[keys[-1]] = _narrow(copy.deepcopy(parent[keys[-1]]), ids[what], what)
        if "$id" in schema and source.name in REFERENCES:
            # another identity than the packaged schema's, so a server caching by $id
            # never mixes the two
            schema["$id"] = schema["$id"].replace("/schemas/", f"/schemas/plan/{plan_id}/", 1)
        out[source.name] = (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode()
    return out


def write_plan_schemas(plan: Plan, out_dir: Path) -> list[Path]:
    """Write :func:`plan_schema_texts` into ``out_dir`` atomically and together."""
    from smartplan.errors import OutputError
    from smartplan.io.atomic import write_atomic_all

    texts = plan_schema_texts(plan)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            lazy("%(out_dir)s exists and is not a folder", out_dir=out_dir),
            lazy("give a folder to write to"),
        )
    targets = [out_dir / name for name in texts]
    try:
        write_atomic_all((out_dir / name, (data,)) for name, data in texts.items())
    except OSError as exc:
        raise OutputError(
            lazy(
                "cannot write the schemas to %(out_dir)s: %(value)s",
                out_dir=out_dir,
                value=exc.strerror or exc,
            )
        ) from None
    return targets
