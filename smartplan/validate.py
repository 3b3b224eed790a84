"""Validate a plan directory: read every file, check schemas, run the rules.

:func:`validate_plan` is the one entry point the commands use. It never
raises for problems in the plan (they come back as :class:`Problem` values);
it raises :class:`PlanNotFoundError` only when there is no plan to read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from smartplan import model
from smartplan.errors import PlanNotFoundError
from smartplan.problem import Problem, Severity
from smartplan.rules import REGISTRY, Hit, load_all
from smartplan.rules.context import PlanContext
from smartplan.yamlload import Finding, LoadedFile, Locator, read_file

#: Files every plan has, with their kind.
REQUIRED_FILES = {"plan.yaml": "plan", "agencies.yaml": "agencies", "readiness.yaml": "readiness"}
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class ValidationResult:
    """Everything validation learnt about one plan."""

    plan_dir: Path
    plan: model.Plan
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """No errors (warnings allowed)."""
        return not self.errors


@dataclass
class _PlanFiles:
    """Where each plan file sits: plan-relative path -> (absolute path, kind)."""

    entries: dict[str, tuple[Path, str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    escaping: list[str] = field(default_factory=list)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def discover(plan_dir: Path) -> _PlanFiles:
    """Find the plan's files and the kind each one must be."""
    found = _PlanFiles()
    for name, kind in REQUIRED_FILES.items():
        path = plan_dir / name
        if path.exists() or path.is_symlink():
            found.entries[name] = (path, kind)
        else:
            found.missing.append(name)
    for folder, kind in (("pillars", "pillar"), ("programs", "program")):
        base = plan_dir / folder
        if not base.is_dir():
            continue
        paths = [p for p in base.rglob("*") if p.name.endswith(YAML_SUFFIXES)]
        for path in sorted(paths, key=lambda p: _rel(p, plan_dir)):
            found.entries[_rel(path, plan_dir)] = (path, kind)
    root = plan_dir.resolve()
    for rel, (path, _kind) in list(found.entries.items()):
        if path.is_symlink():
            try:
                path.resolve().relative_to(root)
            except (ValueError, OSError, RuntimeError):
                found.escaping.append(rel)
                del found.entries[rel]
    return found


def _display(plan_arg: PurePath, rel: str) -> str:
    return (plan_arg / rel).as_posix()


class _Problems:
    """Collects problems for one plan, locating hits lazily per file."""

    def __init__(self, plan_arg: PurePath, severities: dict[str, Severity | None]) -> None:
        self.plan_arg = plan_arg
        self.severities = severities
        self.items: list[Problem] = []
        self.locators: dict[str, Locator] = {}

    def _severity(self, code: str, override: Severity | None = None) -> Severity | None:
        if code in self.severities:
            return self.severities[code]
        if override is not None:
            return override
        rule = REGISTRY.get(code)
        return rule.severity if rule else Severity.ERROR

    def add(
        self,
        rel: str,
        code: str,
        message: str,
        line: int,
        column: int,
        *,
        pointer: str = "",
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        level = self._severity(code, severity)
        if level is None:  # rule turned off
            return
        rule = REGISTRY.get(code)
        self.items.append(
            Problem(
                file=_display(self.plan_arg, rel),
                line=line,
                column=column,
                code=code,
                severity=level,
                message=message,
                pointer=pointer,
                hint=hint,
                rule=rule.name if rule else "",
            )
        )

    def finding(self, rel: str, finding: Finding) -> None:
        self.add(
            rel,
            finding.code,
            finding.message,
            finding.line,
            finding.column,
            pointer=finding.pointer,
            hint=finding.hint,
        )

    def hit(self, code: str, hit: Hit) -> None:
        locator = self.locators.get(hit.file)
        line, column = locator.locate(hit.pointer, key=hit.key) if locator else (0, 0)
        self.add(
            hit.file,
            code,
            hit.message,
            line,
            column,
            pointer=hit.pointer,
            hint=hit.hint,
            severity=hit.severity,
        )


def _build(kind: str, data: dict[str, Any], rel: str, plan: model.Plan) -> None:
    if kind == "plan":
        plan.info = model.build_plan_info(data, rel)
    elif kind == "pillar":
        pillar = model.build_pillar(data, rel)
        plan.pillars.setdefault(pillar.code, pillar)
    elif kind == "program":
        program = model.build_program(data, rel)
        plan.programs.setdefault(program.id, program)
    elif kind == "agencies":
        for agency_id, agency in model.build_agencies(data).items():
            plan.agencies.setdefault(agency_id, agency)
    elif kind == "readiness":
        plan.readiness = model.build_readiness(data)


def validate_plan(
    plan_dir: Path | str,
    *,
    severities: dict[str, Severity | None] | None = None,
    rules: Iterable[str] | None = None,
) -> ValidationResult:
    """Validate the plan in ``plan_dir``.

    ``severities`` overrides a rule's severity by code (``None`` turns it
    off); ``rules`` limits the consistency rules run to those codes.
    """
    from smartplan.schemacheck import check_document  # heavy: jsonschema

    load_all()
    plan_arg = PurePath(plan_dir)
    root = Path(plan_dir)
    if not root.exists():
        raise PlanNotFoundError(
            f"plan directory {plan_arg.as_posix()} does not exist",
            "give the folder that holds plan.yaml, e.g. smartplan validate plans/kotim",
        )
    if not root.is_dir():
        raise PlanNotFoundError(
            f"{plan_arg.as_posix()} is not a directory",
            "give the folder that holds plan.yaml, e.g. smartplan validate plans/kotim",
        )
    if not (root / "plan.yaml").exists():
        where = plan_arg.as_posix() if str(plan_arg) != "." else "the current directory"
        raise PlanNotFoundError(
            f"no plan.yaml in {where}",
            "run smartplan in a plan folder, or name one: smartplan validate plans/kotim",
        )

    plan = model.Plan(info=None)
    problems = _Problems(plan_arg, severities or {})
    context = PlanContext(plan)
    files = discover(root)
    for rel in files.missing:
        problems.add(
            rel,
            "F001",
            f"missing file {rel}",
            0,
            0,
            hint="every plan has plan.yaml, agencies.yaml and readiness.yaml",
        )
    for rel in files.escaping:
        problems.add(
            rel,
            "F001",
            "symbolic link points outside the plan directory",
            0,
            0,
            hint="copy the file into the plan instead of linking to it",
        )

    for rel, (path, kind) in files.entries.items():
        loaded: LoadedFile = read_file(path, _display(plan_arg, rel))
        for finding in loaded.findings:
            problems.finding(rel, finding)
        if kind == "program":
            parts = PurePath(rel).parts
            plan.program_folders[rel] = parts[1] if len(parts) == 3 else ""
            stem_id = PurePath(rel).stem
            if not loaded.ok:
                plan.unparsed_program_ids.add(stem_id)
        if not loaded.ok:
            continue
        problems.locators[rel] = Locator(loaded.text)
        context.documents[rel] = loaded.data
        hits = check_document(kind, loaded.data)
        for hit in hits:
            line, column = problems.locators[rel].locate(hit.pointer, key=hit.key)
            problems.add(
                rel, hit.code, hit.message, line, column, pointer=hit.pointer, hint=hit.hint
            )
        context.schema_ok[rel] = not hits
        if hits:
            if kind == "program":
                program_id = loaded.data.get("id")
                plan.unparsed_program_ids.add(
                    program_id if isinstance(program_id, str) else stem_id
                )
            continue
        _build(kind, loaded.data, rel, plan)

    selected = set(rules) if rules is not None else None
    for code, rule in REGISTRY.items():
        if rule.check is None or (selected is not None and code not in selected):
            continue
        if problems.severities.get(code, rule.severity) is None:
            continue
        for hit in rule.check(context):
            problems.hit(code, hit)

    ordered = sorted(
        problems.items, key=lambda p: (_file_order(p.file, plan_arg), p.line, p.column, p.code)
    )
    return ValidationResult(root, plan, ordered, files_checked=len(files.entries))


def _file_order(display: str, plan_arg: PurePath) -> tuple[int, str]:
    rel = (
        PurePath(display).relative_to(plan_arg).as_posix()
        if display.startswith(plan_arg.as_posix())
        else display
    )
    rank = {"plan.yaml": 0, "agencies.yaml": 1, "readiness.yaml": 2}.get(rel)
    if rank is None:
        rank = 3 if rel.startswith("pillars/") else 4
    return rank, rel
