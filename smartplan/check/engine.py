"""Validate a plan directory: read every file, check schemas, run the rules.

:func:`validate_plan` is the one entry point the commands use. It never
raises for problems in the plan (they come back as :class:`Problem` values);
it raises :class:`PlanNotFoundError` only when there is no plan to read.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from smartplan import model
from smartplan.check.config import (
    BASELINE_FILE,
    CONFIG_FILE,
    Fingerprint,
    RuleConfig,
    is_suppressed,
    read_baseline,
    read_config,
)
from smartplan.check.rules import REGISTRY, Hit, load_all
from smartplan.check.rules.context import PlanContext
from smartplan.check.yamlload import Finding, LoadedFile, Locator, read_file
from smartplan.errors import PlanNotFoundError, UsageError
from smartplan.problem import Problem, Severity

#: Files every plan has, with their kind.
REQUIRED_FILES = {"plan.yaml": "plan", "agencies.yaml": "agencies", "readiness.yaml": "readiness"}
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class ValidationResult:
    """Everything validation learnt about one plan."""

    plan_dir: Path
    plan: model.Plan
    problems: list[Problem] = field(default_factory=list)
    #: plan-relative path of each problem's file, parallel to ``problems``
    relative_files: list[str] = field(default_factory=list)
    #: display paths of every file read
    files: list[str] = field(default_factory=list)
    config: RuleConfig = field(default_factory=RuleConfig)
    suppressed: int = 0
    baselined: int = 0
    #: display paths of files left out of the consistency rules: unreadable,
    #: or breaking the schema (their other problems show once they are fixed)
    unchecked: list[str] = field(default_factory=list)

    @property
    def files_checked(self) -> int:
        return len(self.files)

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

    def fingerprints(self) -> list[Fingerprint]:
        """Line-independent identities of the problems, for a baseline file."""
        return [
            (rel, p.code, p.pointer, p.message)
            for rel, p in zip(self.relative_files, self.problems, strict=True)
        ]


@dataclass
class _PlanFiles:
    """Where each plan file sits: plan-relative path -> (absolute path, kind)."""

    entries: dict[str, tuple[Path, str]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    escaping: list[str] = field(default_factory=list)
    loops: list[str] = field(default_factory=list)


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _outside(path: Path, root: Path) -> str | None:
    """Why a symbolic link at ``path`` may not be followed ("loop", "outside"), or None."""
    try:
        path.resolve().relative_to(root)
    except RuntimeError:  # Python 3.11 raises it for a symlink loop
        return "loop"
    except (ValueError, OSError):
        return "outside"
    return None


def discover(plan_dir: Path) -> _PlanFiles:
    """Find the plan's files and the kind each one must be.

    Symbolic links (to files or to folders) are followed only while they
    stay inside the plan; one that leaves it, or loops, is reported instead.
    Only links are resolved, so a plan of many files costs no extra look-ups.
    """
    found = _PlanFiles()
    root = plan_dir.resolve()

    def add(rel: str, path: Path, kind: str) -> None:
        reason = _outside(path, root) if path.is_symlink() else None
        if reason == "loop":
            found.loops.append(rel)
        elif reason == "outside":
            found.escaping.append(rel)
        else:
            found.entries[rel] = (path, kind)

    for name, kind in REQUIRED_FILES.items():
        path = plan_dir / name
        if path.exists() or path.is_symlink():
            add(name, path, kind)
        else:
            found.missing.append(name)
    for folder, kind in (("pillars", "pillar"), ("programs", "program")):
        base = plan_dir / folder
        if base.is_symlink() and _outside(base, root):
            found.escaping.append(folder)
            continue
        if not base.is_dir():
            continue
        collected: list[tuple[str, Path]] = []
        for current, dirnames, filenames in os.walk(base, followlinks=True):
            here = Path(current)
            for dirname in list(dirnames):
                sub = here / dirname
                if sub.is_symlink() and _outside(sub, root):
                    dirnames.remove(dirname)
                    found.escaping.append(_rel(sub, plan_dir))
            for name in [*filenames, *dirnames]:
                if name.endswith(YAML_SUFFIXES):
                    path = here / name
                    collected.append((_rel(path, plan_dir), path))
        for rel, path in sorted(collected):
            add(rel, path, kind)
    return found


def _display(plan_arg: PurePath, rel: str) -> str:
    return (plan_arg / rel).as_posix()


class _Problems:
    """Collects problems for one plan, locating hits lazily per file."""

    def __init__(self, plan_arg: PurePath, config: RuleConfig) -> None:
        self.plan_arg = plan_arg
        self.config = config
        #: (plan-relative file, problem)
        self.items: list[tuple[str, Problem]] = []
        self.locators: dict[str, Locator] = {}

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
        if code in self.config.severities:
            level = self.config.severities[code]
            if level is None:  # rule turned off
                return
        else:
            rule = REGISTRY.get(code)
            level = severity or (rule.severity if rule else Severity.ERROR)
        rule = REGISTRY.get(code)
        self.items.append(
            (
                rel,
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
                ),
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

    def located(
        self,
        rel: str,
        code: str,
        pointer: str,
        message: str,
        *,
        hint: str | None = None,
        key: bool = False,
        severity: Severity | None = None,
    ) -> None:
        locator = self.locators.get(rel)
        line, column = locator.locate(pointer, key=key) if locator else (0, 0)
        self.add(rel, code, message, line, column, pointer=pointer, hint=hint, severity=severity)

    def hit(self, code: str, hit: Hit) -> None:
        self.located(
            hit.file,
            code,
            hit.pointer,
            hit.message,
            hint=hit.hint,
            key=hit.key,
            severity=hit.severity,
        )

    def drop_suppressed(self) -> int:
        """Remove problems silenced by ``# smartplan: ignore[...]``; return how many."""
        kept: list[tuple[str, Problem]] = []
        dropped = 0
        for rel, problem in self.items:
            locator = self.locators.get(rel)
            if (
                problem.line
                and locator is not None
                and locator.text is not None
                and "smartplan:" in locator.text
                and is_suppressed(problem.code, locator.lines(), problem.line)
            ):
                dropped += 1
                continue
            kept.append((rel, problem))
        self.items = kept
        return dropped

    def drop_baselined(self, baseline: Counter[Fingerprint]) -> int:
        """Remove problems recorded in the baseline (each entry absorbs one); return how many."""
        remaining = Counter(baseline)
        kept: list[tuple[str, Problem]] = []
        for rel, problem in self.items:
            fingerprint = (rel, problem.code, problem.pointer, problem.message)
            if remaining[fingerprint] > 0:
                remaining[fingerprint] -= 1
                continue
            kept.append((rel, problem))
        dropped = len(self.items) - len(kept)
        self.items = kept
        return dropped


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


def _check_plan_dir(plan_arg: PurePath, root: Path) -> None:
    hint = "give the folder that holds plan.yaml, e.g. smartplan validate plans/kotim"
    if not root.exists():
        raise PlanNotFoundError(f"plan directory {plan_arg.as_posix()} does not exist", hint)
    if not root.is_dir():
        raise PlanNotFoundError(f"{plan_arg.as_posix()} is not a directory", hint)
    if not (root / "plan.yaml").exists():
        where = plan_arg.as_posix() if str(plan_arg) != "." else "the current directory"
        raise PlanNotFoundError(
            f"no plan.yaml in {where}",
            "run smartplan in a plan folder, or name one: smartplan validate plans/kotim",
        )


def validate_plan(
    plan_dir: Path | str,
    *,
    baseline: Path | None = None,
    use_baseline: bool = True,
    rules: Iterable[str] | None = None,
) -> ValidationResult:
    """Validate the plan in ``plan_dir``.

    The plan's rule configuration (smartplan.yaml or plan.yaml ``rules:``)
    sets severities; ``# smartplan: ignore[CODE]`` comments and the baseline
    file (``baseline``, default ``<plan>/.smartplan-baseline.json`` when it
    exists, unless ``use_baseline`` is false) hide problems. ``rules`` limits
    the consistency rules run to those codes (for tests and tools).
    """
    from smartplan.check.schemacheck import check_document  # heavy: jsonschema

    load_all()
    plan_arg = PurePath(plan_dir)
    root = Path(plan_dir)
    _check_plan_dir(plan_arg, root)

    files = discover(root)
    # plan.yaml is read first: it may hold the rule configuration.
    loaded: dict[str, LoadedFile] = {}
    if "plan.yaml" in files.entries:
        loaded["plan.yaml"] = read_file(
            files.entries["plan.yaml"][0], _display(plan_arg, "plan.yaml")
        )
    config_file = root / CONFIG_FILE
    config_escapes = config_file.is_symlink() and _outside(config_file, root) is not None
    if config_escapes:
        files.escaping.append(CONFIG_FILE)
    config_loaded = (
        read_file(config_file, _display(plan_arg, CONFIG_FILE))
        if config_file.exists() and not config_escapes
        else None
    )
    plan_loaded = loaded.get("plan.yaml")
    config = read_config(
        plan_loaded.data if plan_loaded else None,
        config_loaded.data if config_loaded else None,
    )

    plan = model.Plan(info=None)
    problems = _Problems(plan_arg, config)
    context = PlanContext(plan, files=set(files.entries))
    if config_loaded is not None:
        for finding in config_loaded.findings:
            problems.finding(CONFIG_FILE, finding)
        problems.locators[CONFIG_FILE] = Locator(config_loaded.text)
    for rel in files.missing:
        problems.add(
            rel,
            "F001",
            f"missing file {rel}",
            0,
            0,
            hint="every plan has plan.yaml, agencies.yaml and readiness.yaml",
        )
    for rel in files.loops:
        problems.add(
            rel,
            "F001",
            "symbolic link loop: the link never reaches a file",
            0,
            0,
            hint="replace the link with the file it should point to",
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

    unchecked: list[str] = []
    for rel, (path, kind) in files.entries.items():
        loaded_file = loaded.pop(rel, None) or read_file(path, _display(plan_arg, rel))
        for finding in loaded_file.findings:
            problems.finding(rel, finding)
        if kind == "program":
            parts = PurePath(rel).parts
            plan.program_folders[rel] = parts[1] if len(parts) == 3 else ""
            if not loaded_file.ok:
                plan.unparsed_program_ids.add(PurePath(rel).stem)
        if not loaded_file.ok:
            unchecked.append(rel)
            continue
        data = loaded_file.data
        problems.locators[rel] = Locator(path=path)
        context.documents[rel] = data
        hits = check_document(kind, data)
        for hit in hits:
            problems.located(rel, hit.code, hit.pointer, hit.message, hint=hit.hint, key=hit.key)
        context.schema_ok[rel] = not hits
        if hits:
            unchecked.append(rel)
            if kind == "program":
                program_id = data.get("id")
                stem = PurePath(rel).stem
                plan.unparsed_program_ids.add(program_id if isinstance(program_id, str) else stem)
            continue
        _build(kind, data, rel, plan)

    for issue in config.issues:
        problems.located(
            issue.file,
            "K001",
            issue.pointer,
            issue.message,
            hint=issue.hint,
            key=bool(issue.pointer),
        )

    selected = set(rules) if rules is not None else None
    for code, rule in REGISTRY.items():
        if rule.check is None or (selected is not None and code not in selected):
            continue
        if code in config.severities and config.severities[code] is None:
            continue
        for hit in rule.check(context):
            problems.hit(code, hit)

    suppressed = problems.drop_suppressed()
    baselined = 0
    baseline_path = baseline if baseline is not None else root / BASELINE_FILE
    if baseline is None and baseline_path.is_symlink() and _outside(baseline_path, root):
        raise UsageError(
            f"the baseline file {baseline_path} links outside the plan directory",
            "copy the baseline into the plan, or name it with --baseline",
        )
    if use_baseline and baseline_path.is_file():
        baselined = problems.drop_baselined(read_baseline(baseline_path))

    ordered = sorted(
        problems.items,
        key=lambda item: (
            _file_order(item[0]),
            item[1].line,
            item[1].column,
            item[1].code,
            item[1].message,
        ),
    )
    display_files = [_display(plan_arg, rel) for rel in files.entries]
    return ValidationResult(
        root,
        plan,
        [p for _, p in ordered],
        [rel for rel, _ in ordered],
        files=display_files,
        config=config,
        suppressed=suppressed,
        baselined=baselined,
        unchecked=[_display(plan_arg, rel) for rel in unchecked],
    )


def _file_order(rel: str) -> tuple[int, str]:
    rank = {"plan.yaml": 0, "smartplan.yaml": 1, "agencies.yaml": 2, "readiness.yaml": 3}.get(rel)
    if rank is None:
        rank = 4 if rel.startswith("pillars/") else 5
    return rank, rel
