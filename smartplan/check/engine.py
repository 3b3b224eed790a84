"""Validate a plan directory: read every file, check schemas, run the rules.

:func:`validate_plan` is the one entry point the commands use, and reads as
its steps: check the folder, discover the files (:func:`discover`), read the
rule configuration, read and schema-check each file and build the typed plan,
run the consistency rules, then hide what suppressions and the baseline hide.
It never raises for problems in the plan (they come back as
:class:`~smartplan.problem.Problem` values); it raises
:class:`PlanNotFoundError` only when there is no plan to read.

Suppressions, the baseline and rules turned off change the *report*, never
the plan: a file that could not be read or broke its schema stays out of the
typed plan whatever hides its problems, and :meth:`ValidationResult.require_usable`
lets prioritize, render and diff refuse such a plan by name instead of
working on a plan with a file silently missing.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath

from smartplan import model
from smartplan.check.config import (
    BASELINE_FILE,
    Fingerprint,
    RuleConfig,
    is_suppressed,
    read_baseline,
    read_config,
)
from smartplan.check.modelines import ModelineCheck
from smartplan.check.modelines import hint as modeline_hint
from smartplan.check.modelines import message as modeline_message
from smartplan.check.rules import REGISTRY, load_all
from smartplan.check.rules.context import PlanContext
from smartplan.check.yamlload import LoadedFile, Locator, read_file
from smartplan.errors import PlanNotFoundError, PlanUnusableError, UsageError
from smartplan.i18n import lazy, lazy_plural, localize
from smartplan.kinds import CONFIG_FILE, FOLDERS, KINDS, FileKind, folder_kind, report_rank
from smartplan.problem import Finding, Hit, Problem, Severity

YAML_SUFFIXES = (".yaml", ".yml")


def is_artefact(name: str) -> bool:
    """Whether a file or folder name is an editor's or system's, never a plan file.

    Dot-names (``.git/``, ``.hidden.yaml``, Emacs locks ``.#x.yaml``, macOS
    ``._x.yaml``), backups (``x.yaml~``) and swap files (``.x.yaml.swp``) are
    left alone: reading them as programs gives false alarms or duplicates.
    """
    return name.startswith(".") or name.endswith(("~", ".swp", ".swo", "#"))


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
    #: problems not reported (suppressed, in the baseline, or of a rule turned
    #: off), kept so a command can say why a file it needs is unusable
    hidden: list[Problem] = field(default_factory=list)
    #: display paths of editor and system files that were not read
    skipped: list[str] = field(default_factory=list)

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

    @property
    def usable(self) -> bool:
        """No errors, and every plan file understood: the plan can be prioritised and rendered."""
        return self.ok and not self.unchecked

    def require_usable(self) -> None:
        """Raise :class:`PlanUnusableError` when errors are hidden in files the plan needs.

        Only reached for a plan whose reported problems are no errors: the
        hidden ones (suppressed, baselined, turned off) still keep their file
        out of the plan, and working on without it would drop its content.
        """
        if not self.unchecked:
            return
        first: dict[str, Problem] = {}
        for problem in self.hidden:
            first.setdefault(problem.file, problem)
        lines = []
        for path in self.unchecked:
            shown = first.get(path)
            where = f"{path}:{shown.line}:{shown.column}" if shown else path
            why = f" {shown.code} {localize(shown.message)}" if shown else ""
            lines.append(f"  {where}{why}")
        raise PlanUnusableError(
            lazy_plural(
                "%(n)d plan file could not be understood, though its problems are hidden by "
                "suppressions, the baseline or the rule configuration:\n%(files)s",
                "%(n)d plan files could not be understood, though their problems are hidden by "
                "suppressions, the baseline or the rule configuration:\n%(files)s",
                len(self.unchecked),
                files="\n".join(lines),
            ),
            lazy(
                "hiding a problem does not make the file usable: fix it, then run the command again"
            ),
        )

    def fingerprints(self) -> list[Fingerprint]:
        """Line-independent identities of the problems, for a baseline file."""
        return [
            (rel, p.code, p.pointer, p.message)
            for rel, p in zip(self.relative_files, self.problems, strict=True)
        ]


@dataclass
class _PlanFiles:
    """Where each plan file sits: plan-relative path -> (absolute path, kind)."""

    entries: dict[str, tuple[Path, FileKind]] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    escaping: list[str] = field(default_factory=list)
    loops: list[str] = field(default_factory=list)
    #: folders that could not be listed (permissions), with the reason
    unlisted: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    #: plan-relative path -> text given instead of the file on disk (``--stdin-filename``)
    texts: dict[str, bytes] = field(default_factory=dict)

    def read(self, rel: str, path: Path) -> LoadedFile:
        """Load one plan file, from the text given for it when there is one."""
        return read_file(path, self.texts.get(rel))


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


def _walk(base: Path, plan_dir: Path, root: Path, found: _PlanFiles) -> Iterator[tuple[str, Path]]:
    """Every ``*.yaml`` under ``base``, following links only to folders not yet read.

    A link to a folder is followed while it stays inside the plan and leads
    to a folder this walk has not read yet; one that leads back (``ln -s .
    a``, ``ln -s .. loop``) is reported as a loop instead of being walked
    again, so a plan of two such links is read once, not without end. The
    walk keeps its own stack, so folder depth costs no recursion.
    """
    seen: set[tuple[int, int]] = set()
    stack = [base]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError as exc:
            found.unlisted.append((_rel(folder, plan_dir), exc.strerror or str(exc)))
            continue
        identity = (info.st_dev, info.st_ino)
        if identity in seen:
            found.loops.append(_rel(folder, plan_dir))
            continue
        seen.add(identity)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            found.unlisted.append((_rel(folder, plan_dir), exc.strerror or str(exc)))
            continue
        subfolders: list[Path] = []
        for entry in entries:
            path = folder / entry.name
            if is_artefact(entry.name):
                found.skipped.append(_rel(path, plan_dir))
                continue
            try:
                is_dir = entry.is_dir()  # follows a link
            except OSError:
                is_dir = False
            if entry.name.endswith(YAML_SUFFIXES):
                yield _rel(path, plan_dir), path
            if not is_dir:
                continue
            if entry.is_symlink():
                reason = _outside(path, root)
                if reason == "outside":
                    found.escaping.append(_rel(path, plan_dir))
                    continue
                if reason == "loop":
                    found.loops.append(_rel(path, plan_dir))
                    continue
            subfolders.append(path)
        stack.extend(reversed(subfolders))


def discover(plan_dir: Path) -> _PlanFiles:
    """Find the plan's files and the kind each one must be (from :data:`~smartplan.kinds.KINDS`).

    Symbolic links (to files or to folders) are followed only while they
    stay inside the plan; one that leaves it, or loops, is reported instead.
    Only links are resolved, so a plan of many files costs no extra look-ups.
    """
    found = _PlanFiles()
    root = plan_dir.resolve()

    def add(rel: str, path: Path, kind: FileKind) -> None:
        reason = _outside(path, root) if path.is_symlink() else None
        if reason == "loop":
            found.loops.append(rel)
        elif reason == "outside":
            found.escaping.append(rel)
        else:
            found.entries[rel] = (path, kind)

    for kind in KINDS:
        if kind.many:
            continue
        path = plan_dir / kind.path
        if path.exists() or path.is_symlink():
            add(kind.path, path, kind)
        elif kind.required:
            found.missing.append(kind.path)
    for folder, kind in FOLDERS.items():
        base = plan_dir / folder
        if base.is_symlink() and _outside(base, root):
            found.escaping.append(folder)
            continue
        if not base.is_dir():
            continue
        for rel, path in sorted(_walk(base, plan_dir, root, found)):
            add(rel, path, folder_kind(folder, path.name) or kind)
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
        #: problems of rules turned off: not reported, kept for require_usable
        self.off: list[Problem] = []
        self.locators: dict[str, Locator] = {}
        #: plan-relative name -> path shown, for a file read from elsewhere (--config)
        self.shown: dict[str, str] = {}

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
        rule = REGISTRY.get(code)
        level = severity or (rule.severity if rule else Severity.ERROR)
        configured = code in self.config.severities
        if configured and self.config.severities[code] is not None:
            level = self.config.severities[code] or level
        problem = Problem(
            file=self.shown.get(rel) or _display(self.plan_arg, rel),
            line=line,
            column=column,
            code=code,
            severity=level,
            message=message,
            pointer=pointer,
            hint=hint,
            rule=rule.name if rule else "",
        )
        if configured and self.config.severities[code] is None:  # rule turned off
            self.off.append(problem)
        else:
            self.items.append((rel, problem))

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

    def hit(self, hit: Hit, *, rel: str | None = None, code: str | None = None) -> None:
        """Add a hit located by pointer, in ``rel`` (default: the hit's own file)."""
        file = rel if rel is not None else hit.file
        locator = self.locators.get(file)
        line, column = locator.locate(hit.pointer, key=hit.key) if locator else (0, 0)
        self.add(
            file,
            code or hit.code,
            hit.message,
            line,
            column,
            pointer=hit.pointer,
            hint=hit.hint,
            severity=hit.severity,
        )

    def drop_suppressed(self) -> list[Problem]:
        """Remove problems silenced by ``# smartplan: ignore[...]``; return them."""
        kept: list[tuple[str, Problem]] = []
        dropped: list[Problem] = []
        for rel, problem in self.items:
            locator = self.locators.get(rel)
            if (
                problem.line
                and locator is not None
                and locator.text is not None
                and "smartplan:" in locator.text
                and is_suppressed(problem.code, locator.lines(), problem.line)
            ):
                dropped.append(problem)
                continue
            kept.append((rel, problem))
        self.items = kept
        return dropped

    def drop_baselined(self, baseline: Counter[Fingerprint]) -> list[Problem]:
        """Remove problems recorded in the baseline (each entry absorbs one); return them."""
        remaining = Counter(baseline)
        kept: list[tuple[str, Problem]] = []
        dropped: list[Problem] = []
        for rel, problem in self.items:
            fingerprint = (rel, problem.code, problem.pointer, problem.message)
            if remaining[fingerprint] > 0:
                remaining[fingerprint] -= 1
                dropped.append(problem)
                continue
            kept.append((rel, problem))
        self.items = kept
        return dropped


def _check_plan_dir(plan_arg: PurePath, root: Path) -> None:
    from smartplan.check.targets import plan_of_file, plans_under

    shown = plan_arg.as_posix()
    create = lazy("smartplan init %(shown)s --region NAME creates a new plan there", shown=shown)
    if not root.exists():
        raise PlanNotFoundError(
            lazy("plan directory %(shown)s does not exist", shown=shown), create
        )
    if not root.is_dir():
        plan = plan_of_file(root)
        hint = (
            lazy("give its plan folder: %(value)s", value=plan.as_posix())
            if plan
            else lazy("give a plan folder")
        )
        raise PlanNotFoundError(lazy("%(shown)s is not a directory", shown=shown), hint)
    if not (root / "plan.yaml").exists():
        where = shown if str(plan_arg) != "." else "the current directory"
        below = [p.as_posix() for p in plans_under(root)]
        hint = (
            lazy(
                "it holds %(n_below)s plan(s); name one, e.g. %(below)s",
                n_below=len(below),
                below=below[0],
            )
            if below
            else lazy("run smartplan in a plan folder or name one; %(create)s", create=create)
        )
        raise PlanNotFoundError(lazy("no plan.yaml in %(where)s", where=where), hint)


def _read_configuration(
    plan_arg: PurePath, root: Path, files: _PlanFiles, given: Path | None = None
) -> tuple[RuleConfig, LoadedFile | None, LoadedFile | None]:
    """Read plan.yaml (it may hold ``rules:``) and smartplan.yaml; build the rule configuration.

    ``given`` (``--config PATH``) is read instead of the plan's smartplan.yaml.
    """
    plan_loaded = None
    if "plan.yaml" in files.entries:
        plan_loaded = files.read("plan.yaml", files.entries["plan.yaml"][0])
    if given is not None:
        if not given.is_file():
            raise UsageError(
                lazy("--config %(value)s: no such file", value=given.as_posix()),
                lazy("give a smartplan.yaml (kind: config) to read the rule configuration from"),
            )
        loaded = read_file(given)
        config = read_config(plan_loaded.data if plan_loaded else None, loaded.data)
        return config, plan_loaded, loaded
    config_file = root / CONFIG_FILE
    config_escapes = config_file.is_symlink() and _outside(config_file, root) is not None
    if config_escapes:
        files.escaping.append(CONFIG_FILE)
    config_loaded = (
        files.read(CONFIG_FILE, config_file)
        if (config_file.exists() or CONFIG_FILE in files.texts) and not config_escapes
        else None
    )
    config = read_config(
        plan_loaded.data if plan_loaded else None,
        config_loaded.data if config_loaded else None,
    )
    return config, plan_loaded, config_loaded


def _report_discovery(files: _PlanFiles, problems: _Problems) -> None:
    """Missing files, links that loop or leave the plan, folders that cannot be listed."""
    *others, last = [kind.path for kind in KINDS if kind.required]
    required = f"{', '.join(others)} and {last}" if others else last
    for rel in files.missing:
        problems.add(
            rel,
            "F001",
            lazy("missing file %(rel)s", rel=rel),
            0,
            0,
            hint=lazy("every plan has %(required)s", required=required),
        )
    for rel in files.loops:
        problems.add(
            rel,
            "F001",
            lazy("symbolic link loop: the link leads back to a folder already read"),
            0,
            0,
            hint=lazy("replace the link with the file it should point to"),
        )
    for rel in files.escaping:
        problems.add(
            rel,
            "F001",
            lazy("symbolic link points outside the plan directory"),
            0,
            0,
            hint=lazy("copy the file into the plan instead of linking to it"),
        )
    for rel, reason in files.unlisted:
        problems.add(
            rel,
            "F001",
            lazy("cannot list the folder: %(reason)s", reason=reason),
            0,
            0,
            hint=lazy("check the folder's permissions: its files were not read"),
        )


def _read_files(
    plan_arg: PurePath,
    files: _PlanFiles,
    first: dict[str, LoadedFile],
    problems: _Problems,
    plan: model.Plan,
    context: PlanContext,
    modelines: ModelineCheck | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Read and schema-check every file; build the plan from the valid ones.

    Returns the plan-relative paths of files left out of the plan (unreadable,
    or breaking their schema).
    """
    from smartplan.check.schemacheck import check_document  # heavy: jsonschema

    unchecked: list[str] = []
    total = len(files.entries)
    for done, (rel, (path, kind)) in enumerate(files.entries.items(), start=1):
        if progress is not None:
            progress(done, total)
        loaded_file = first.pop(rel, None) or files.read(rel, path)
        if modelines is not None:
            modelines.see(rel, path, kind.name, loaded_file.text)
        for finding in loaded_file.findings:
            problems.finding(rel, finding)
        if kind.name == "program":
            parts = PurePath(rel).parts
            plan.program_folders[rel] = parts[1] if len(parts) == 3 else ""
            if not loaded_file.ok:
                plan.unparsed_program_ids.add(PurePath(rel).stem)
        if not loaded_file.ok:
            unchecked.append(rel)
            continue
        data = loaded_file.data
        # a text given in place of the file is located in that text, not on disk
        given = rel in files.texts and loaded_file.text is not None
        problems.locators[rel] = Locator(loaded_file.text) if given else Locator(path=path)
        context.documents[rel] = data
        hits = check_document(kind.name, data)
        for hit in hits:
            problems.hit(hit, rel=rel)
        context.schema_ok[rel] = not hits
        if hits:
            unchecked.append(rel)
            if kind.name == "program":
                program_id = data.get("id")
                stem = PurePath(rel).stem
                plan.unparsed_program_ids.add(program_id if isinstance(program_id, str) else stem)
            continue
        kind.build(data, rel, plan)
    return unchecked


def _run_rules(
    context: PlanContext, config: RuleConfig, problems: _Problems, rules: Iterable[str] | None
) -> None:
    """Run every registered consistency rule (or those in ``rules``) that is not turned off."""
    selected = set(rules) if rules is not None else None
    for code, rule in REGISTRY.items():
        if rule.check is None or (selected is not None and code not in selected):
            continue
        if code in config.severities and config.severities[code] is None:
            continue
        for hit in rule.check(context):
            problems.hit(hit, code=code)


def validate_plan(
    plan_dir: Path | str,
    *,
    baseline: Path | None = None,
    use_baseline: bool = True,
    rules: Iterable[str] | None = None,
    texts: Mapping[str, bytes] | None = None,
    modelines: bool = True,
    progress: Callable[[int, int], None] | None = None,
    config_file: Path | None = None,
) -> ValidationResult:
    """Validate the plan in ``plan_dir``.

    The plan's rule configuration (smartplan.yaml or plan.yaml ``rules:``)
    sets severities; ``# smartplan: ignore[CODE]`` comments and the baseline
    file (``baseline``, default ``<plan>/.smartplan-baseline.json`` when it
    exists, unless ``use_baseline`` is false) hide problems. ``rules`` limits
    the consistency rules run to those codes (for tests and tools).
    ``texts`` gives plan files' contents (plan-relative path -> bytes) to
    check instead of what is on disk, as an editor lints an unsaved buffer.
    ``modelines`` false skips F004 (diff validates git snapshots in a
    temporary folder, where relative schema paths lead nowhere).
    ``progress(done, total)`` is called as each file is read (the CLI shows
    a progress bar from it on a terminal). ``config_file`` is the rule
    configuration to read instead of the plan's own smartplan.yaml.
    """
    load_all()
    plan_arg = PurePath(plan_dir)
    root = Path(plan_dir)
    _check_plan_dir(plan_arg, root)

    files = discover(root)
    files.texts = dict(texts or {})
    config, plan_loaded, config_loaded = _read_configuration(plan_arg, root, files, config_file)
    plan = model.Plan(info=None, root=root)
    problems = _Problems(plan_arg, config)
    if config_file is not None:
        problems.shown[CONFIG_FILE] = config_file.as_posix()
    context = PlanContext(plan, files=set(files.entries), root=root)
    if config_loaded is not None:
        for finding in config_loaded.findings:
            problems.finding(CONFIG_FILE, finding)
        problems.locators[CONFIG_FILE] = Locator(config_loaded.text)
    _report_discovery(files, problems)
    first = {"plan.yaml": plan_loaded} if plan_loaded is not None else {}
    check = ModelineCheck() if modelines else None
    unchecked = _read_files(plan_arg, files, first, problems, plan, context, check, progress)
    for missing in check.missing() if check is not None else ():
        problems.add(
            missing.rel,
            "F004",
            modeline_message(missing),
            missing.line,
            missing.column,
            hint=modeline_hint(missing, plan_arg),
        )
    for issue in config.issues:  # a key of the rules block is placed at the key itself
        problems.hit(replace(issue, key=bool(issue.pointer)), code="K001")
    _run_rules(context, config, problems, rules)

    hidden = [*problems.off, *problems.drop_suppressed()]
    suppressed = len(hidden) - len(problems.off)
    baselined = 0
    baseline_path = baseline if baseline is not None else root / BASELINE_FILE
    if baseline is None and baseline_path.is_symlink() and _outside(baseline_path, root):
        raise UsageError(
            lazy(
                "the baseline file %(baseline_path)s links outside the plan directory",
                baseline_path=baseline_path,
            ),
            lazy("copy the baseline into the plan, or name it with --baseline"),
        )
    if use_baseline and baseline_path.is_file():
        dropped = problems.drop_baselined(read_baseline(baseline_path))
        baselined = len(dropped)
        hidden += dropped

    ordered = sorted(
        problems.items,
        key=lambda item: (
            report_rank(item[0]),
            item[1].line,
            item[1].column,
            item[1].code,
            item[1].message,
        ),
    )
    return ValidationResult(
        root,
        plan,
        [p for _, p in ordered],
        [rel for rel, _ in ordered],
        files=[_display(plan_arg, rel) for rel in files.entries],
        config=config,
        suppressed=suppressed,
        baselined=baselined,
        unchecked=[_display(plan_arg, rel) for rel in unchecked],
        hidden=hidden,
        skipped=[_display(plan_arg, rel) for rel in files.skipped],
    )
