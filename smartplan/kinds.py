"""The kinds of plan file, declared once.

Each kind says where its files sit in a plan folder, which JSON Schema
describes them (``schemas/<name>.schema.json``), how a schema-valid document
joins the typed plan, and where its problems come in a report. Discovery,
schema checking, ``smartplan schema``, ``init``'s editor settings and the
report order all read this table, so a new kind of file is one entry here
(plus its schema and its model builder).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from smartplan import model

#: How a schema-valid document joins the plan: (data, plan-relative path, plan).
Builder = Callable[[dict[str, Any], str, "model.Plan"], None]


def _plan(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    plan.info = model.build_plan_info(data, rel)
    if data.get("monitoring"):
        from smartplan.monitor.model import build_config

        plan.monitoring.config = build_config(data["monitoring"])


def _pillar(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    pillar = model.build_pillar(data, rel)
    plan.pillars.setdefault(pillar.code, pillar)


def _program(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    program = model.build_program(data, rel)
    plan.programs.setdefault(program.id, program)


def _agencies(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    for agency_id, agency in model.build_agencies(data).items():
        plan.agencies.setdefault(agency_id, agency)


def _readiness(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    plan.readiness = model.build_readiness(data)


def _actuals(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    from smartplan.monitor.model import add_actuals

    add_actuals(plan, data, rel)


def _annual(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    from smartplan.monitor.model import add_annual

    add_annual(plan, data, rel)


def _profile(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    plan.profile = model.build_profile(data, rel)
    plan.present.add(rel)


def _analysis(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    analysis = model.build_analysis(data, rel)
    plan.analyses.setdefault(analysis.pillar, analysis)


def _institutions(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    plan.institutions = model.build_institutions(data, rel)
    plan.present.add(rel)


def _stakeholders(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    plan.stakeholders = model.build_stakeholders(data)
    plan.present.add(rel)


def _risks(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    plan.risk_register = model.build_risk_register(data)
    plan.present.add(rel)


def _architecture(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    plan.architecture = model.build_architecture(data, rel)
    plan.present.add(rel)


def _front(data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    plan.front = model.build_front(data, rel)
    plan.present.add(rel)


@dataclass(frozen=True, slots=True)
class FileKind:
    """One kind of plan file."""

    #: the value of the file's ``kind:`` key, and its schema's name
    name: str
    #: plan-relative path of a single file (``plan.yaml``), or the folder that
    #: holds many (``programs``), searched to any depth for ``*.yaml``
    path: str
    #: how people write the path, for listings (``programs/<pillar>/<id>.yaml``)
    pattern: str
    #: editor globs (VS Code ``yaml.schemas``) that select these files
    globs: tuple[str, ...]
    build: Builder
    #: a single file every plan must have
    required: bool = False
    #: many files in a folder, rather than one
    many: bool = False
    #: for a kind that shares its folder with another: the one file name it
    #: takes there (``_tahun.yaml``); the folder's other files are the kind
    #: without a file name
    file_name: str | None = None

    @property
    def schema_file(self) -> str:
        """The file name of this kind's JSON Schema."""
        return f"{self.name}.schema.json"


#: Every kind, in report order: problems in plan.yaml come first, programs last.
KINDS: tuple[FileKind, ...] = (
    FileKind("plan", "plan.yaml", "plan.yaml", ("plan.yaml",), _plan, required=True),
    FileKind("agencies", "agencies.yaml", "agencies.yaml", ("agencies.yaml",), _agencies, True),
    FileKind(
        "readiness", "readiness.yaml", "readiness.yaml", ("readiness.yaml",), _readiness, True
    ),
    # The analysis chain and the chapters around it: optional, one file per concern.
    FileKind("front", "front.yaml", "front.yaml", ("front.yaml",), _front),
    FileKind("profile", "profile.yaml", "profile.yaml", ("profile.yaml",), _profile),
    FileKind(
        "stakeholders",
        "stakeholders.yaml",
        "stakeholders.yaml",
        ("stakeholders.yaml",),
        _stakeholders,
    ),
    FileKind(
        "institutions",
        "institutions.yaml",
        "institutions.yaml",
        ("institutions.yaml",),
        _institutions,
    ),
    FileKind("risks", "risks.yaml", "risks.yaml", ("risks.yaml",), _risks),
    FileKind(
        "architecture",
        "architecture.yaml",
        "architecture.yaml",
        ("architecture.yaml",),
        _architecture,
    ),
    FileKind("pillar", "pillars", "pillars/<code>.yaml", ("pillars/*.yaml",), _pillar, many=True),
    FileKind(
        "analysis",
        "analysis",
        "analysis/<pillar>.yaml",
        ("analysis/*.yaml",),
        _analysis,
        many=True,
    ),
    FileKind(
        "program",
        "programs",
        "programs/<pillar>/<id>.yaml",
        ("programs/**/*.yaml",),
        _program,
        many=True,
    ),
    # Monitoring: one file per program and year, written by its agency, and
    # one plan-level file per year; the leading underscore keeps the latter
    # apart from any program id and first in a folder listing.
    FileKind(
        "actuals",
        "monitoring",
        "monitoring/<year>/<program-id>.yaml",
        ("monitoring/*/[!_]*.yaml",),
        _actuals,
        many=True,
    ),
    FileKind(
        "annual",
        "monitoring",
        "monitoring/<year>/_tahun.yaml",
        ("monitoring/*/_tahun.yaml",),
        _annual,
        many=True,
        file_name="_tahun.yaml",
    ),
)

#: The rule configuration file beside plan.yaml (no schema of its own: its
#: keys are checked by :mod:`smartplan.check.config`, rule K001).
CONFIG_FILE = "smartplan.yaml"

BY_NAME: dict[str, FileKind] = {kind.name: kind for kind in KINDS}
SINGLE_FILES: dict[str, FileKind] = {kind.path: kind for kind in KINDS if not kind.many}
#: folder -> the kind of its files (the one without a file name of its own)
FOLDERS: dict[str, FileKind] = {
    kind.path: kind for kind in KINDS if kind.many and kind.file_name is None
}
#: (folder, file name) -> a kind that takes one file name in a shared folder
NAMED_FILES: dict[tuple[str, str], FileKind] = {
    (kind.path, kind.file_name): kind for kind in KINDS if kind.file_name is not None
}


def folder_kind(folder: str, name: str) -> FileKind | None:
    """The kind of a file called ``name`` found under the many-file ``folder``."""
    return NAMED_FILES.get((folder, name)) or FOLDERS.get(folder)


def report_rank(rel: str) -> tuple[int, str]:
    """Where a plan-relative file comes in a report: by kind, then by path.

    The configuration file sits right after plan.yaml, which may hold the same
    rules block; anything else (a folder link, say) comes with the last kind.
    """
    if rel == CONFIG_FILE:
        return 1, rel
    folder, slash, _ = rel.partition("/")
    kind = SINGLE_FILES.get(rel) or (folder_kind(folder, rel.rpartition("/")[2]) if slash else None)
    index = KINDS.index(kind) if kind is not None else len(KINDS) - 1
    return (index if index == 0 else index + 1), rel
