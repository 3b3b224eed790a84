"""Compare two versions of a plan: what a reviewer wants to know about a change.

:func:`diff_plans` takes the :class:`~smartplan.check.engine.ValidationResult` of
each side ("old" and "new") and reports

* programs **added** and **removed**, and programs **renamed** (the id changed
  but the program stayed: see *Rename detection* below);
* **fields changed** per program, as YAML-like dotted paths (``years.end``,
  ``budget[0].amount``, ``name.en``, ``scores.impact``,
  ``indicators.<id>.targets.2026``) with the old and the new value; text
  longer than :data:`TEXT_LIMIT` characters is shortened with ``…``;
* **budget totals** by pillar, by year and overall, with deltas;
* **priority rank changes**, from :func:`smartplan.prioritize.prioritize` run
  on each side when both sides validate without errors;
* **quick-win changes**: the declared ``quick_win`` flag turned on or off
  (also by adding or removing a declared quick win);
* **validate problems** new or fixed, compared by rule code, plan-relative
  file and message, ignoring line and column (so moving a problem by editing
  lines above it is not a change). A renamed program's old file counts as its
  new file.

Programs whose file does not pass its schema on one side cannot be compared;
they are listed in ``unreadable`` instead of appearing as removed or added,
and their budget is not counted on that side.

Rename detection
----------------
A program only on the old side and one only on the new side are the same
program renamed when they are similar enough. For each such pair:

* ``name`` and ``description`` similarity: :class:`difflib.SequenceMatcher`
  ratio of the Indonesian texts, case-folded with whitespace collapsed;
* ``budget`` similarity: smaller total / larger total (1 when both are 0);
* ``similarity = 0.5 · name + 0.3 · description + 0.2 · budget``.

The pair is a rename when ``similarity ≥ 0.8`` **and** the name or the
description is nearly unchanged (ratio ≥ 0.9). Pairs are matched one to one,
most similar first (ties by old id, then new id). Everything else is added or
removed.

Every list in the result has a fixed order, so the same two plans always give
the same output; :meth:`PlanDiff.to_dict` uses the field names as keys.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from smartplan.domain import PILLARS
from smartplan.i18n import joined, lazy, lazy_plural
from smartplan.io.jsonout import JsonResult
from smartplan.model import SWOT_KEYS, Plan, Program, Text
from smartplan.monitor.diff import ActualsDiff, diff_actuals
from smartplan.problem import Problem
from smartplan.text import rupiah as plain_rupiah

if TYPE_CHECKING:
    from smartplan.check.engine import ValidationResult
    from smartplan.prioritize import Prioritization

#: Text values longer than this are shortened in field changes.
TEXT_LIMIT = 80
#: Rename detection thresholds (see the module documentation).
RENAME_MIN_SIMILARITY = 0.8
RENAME_MIN_TEXT_RATIO = 0.9
RENAME_WEIGHTS = {"name": 0.5, "description": 0.3, "budget": 0.2}


# --------------------------------------------------------------------------
# Result types


@dataclass(frozen=True, slots=True)
class Side(JsonResult):
    """One side of the comparison.

    ``revision`` is what the user named (``None`` for the working tree),
    ``commit`` the full commit id; ``skipped`` lists what could not be taken
    out of git (symbolic links pointing outside the plan, submodules).
    """

    label: str
    revision: str | None
    commit: str | None
    valid: bool
    errors: int
    warnings: int
    programs: int
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProgramRef(JsonResult):
    """A program added or removed."""

    id: str
    name: str
    pillar: str
    file: str
    total_budget: int
    quick_win: bool


@dataclass(frozen=True, slots=True)
class FieldChange(JsonResult):
    """One value that differs; ``None`` on a side where the field is absent."""

    path: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class ProgramChange(JsonResult):
    """The changed fields of a program present on both sides under the same id."""

    id: str
    name: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class Rename(JsonResult):
    """A program whose id changed; ``changes`` are its other changed fields."""

    old_id: str
    new_id: str
    name: str
    old_file: str
    new_file: str
    similarity: float
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class Unreadable(JsonResult):
    """A program that cannot be compared: its file fails its schema on ``side``.

    ``side`` is ``old``, ``new`` or ``both``.
    """

    id: str
    side: str


@dataclass(frozen=True, slots=True)
class BudgetRow(JsonResult):
    """A budget total on each side (rupiah) and ``delta = new − old``."""

    key: str
    old: int
    new: int
    delta: int


@dataclass(frozen=True, slots=True)
class BudgetDiff(JsonResult):
    """Budget totals by pillar (guideline order) and by year, and overall."""

    by_pillar: tuple[BudgetRow, ...]
    by_year: tuple[BudgetRow, ...]
    total: BudgetRow
    note: str | None

    @property
    def changed(self) -> bool:
        return any(row.delta for row in (*self.by_pillar, *self.by_year, self.total))


@dataclass(frozen=True, slots=True)
class RankChange(JsonResult):
    """A program's priority rank on each side.

    ``old_rank`` is ``None`` for a program only on the new side and
    ``new_rank`` for one only on the old side; ``change = old_rank −
    new_rank`` (positive: moved up), ``None`` when a side is missing. ``id``
    is the new id (the old one for a removed program); ``old_id`` differs
    from it for a renamed program.
    """

    id: str
    old_id: str | None
    name: str
    old_rank: int | None
    new_rank: int | None
    change: int | None
    old_score: float | None
    new_score: float | None


@dataclass(frozen=True, slots=True)
class RankDiff(JsonResult):
    """Priority rank changes; ``available`` is false (and ``note`` says why) if not computed."""

    available: bool
    note: str | None
    changes: tuple[RankChange, ...]


@dataclass(frozen=True, slots=True)
class QuickWinChange(JsonResult):
    """The declared quick-win flag turned on (``declared``) or off (``withdrawn``).

    ``program`` says how: ``changed`` (the flag itself), ``renamed``,
    ``added`` or ``removed`` (the whole program).
    """

    id: str
    name: str
    change: str
    program: str


@dataclass(frozen=True, slots=True)
class ChainChange(JsonResult):
    """A change in the analysis chain or the chapters around it.

    ``kind`` is ``gap``, ``strategy``, ``swot``, ``body`` (institutions.yaml),
    ``risk`` (risks.yaml) or ``stakeholder``; ``change`` is ``added``,
    ``removed`` (for a gap: closed), ``changed`` (``detail`` names the
    fields), ``answered`` or ``unanswered`` (a gap that gained its first
    program or lost its last one).
    """

    kind: str
    id: str
    change: str
    text: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ProblemRef(JsonResult):
    """A validate problem; ``file`` is relative to the plan directory."""

    severity: str
    code: str
    file: str
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class ProblemDiff(JsonResult):
    """Validate problems only on the new side (``new``) or only on the old (``fixed``)."""

    new: tuple[ProblemRef, ...]
    fixed: tuple[ProblemRef, ...]


@dataclass(frozen=True, slots=True)
class PlanDiff(JsonResult):
    """Everything that changed between two versions of one plan."""

    plan: str
    plan_id: str | None
    old: Side
    new: Side
    added: tuple[ProgramRef, ...]
    removed: tuple[ProgramRef, ...]
    renamed: tuple[Rename, ...]
    changed: tuple[ProgramChange, ...]
    unreadable: tuple[Unreadable, ...]
    budget: BudgetDiff
    ranks: RankDiff
    quick_wins: tuple[QuickWinChange, ...]
    problems: ProblemDiff
    chain: tuple[ChainChange, ...] = ()
    #: changes in the yearly actuals under monitoring/
    actuals: ActualsDiff = field(default_factory=ActualsDiff)

    @property
    def has_changes(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.renamed
            or self.changed
            or self.unreadable
            or self.budget.changed
            or self.ranks.changes
            or self.quick_wins
            or self.problems.new
            or self.problems.fixed
            or self.actuals.changed
            or self.chain
        )


# --------------------------------------------------------------------------
# Program fields as dotted paths


def shorten(value: str, limit: int = TEXT_LIMIT) -> str:
    """One line of at most ``limit`` characters, ending in ``…`` when cut."""
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _value(value: Any) -> Any:
    """A field value as plain, short JSON data."""
    if isinstance(value, Text):
        return shorten(value.id)
    if isinstance(value, str):
        return shorten(value)
    if isinstance(value, tuple | list):
        return [_value(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class _Fields:
    def __init__(self) -> None:
        self.items: dict[str, Any] = {}

    def put(self, path: str, value: Any) -> None:
        if value is None:
            return
        self.items[path] = _value(value)

    def text(self, path: str, value: Text | None) -> None:
        if value is None:
            return
        self.put(path, value.id)
        self.put(f"{path}.en", value.en)

    def raw(self, path: str, value: Any) -> None:
        """Plain YAML data (mappings, lists, text mappings) under ``path``."""
        if isinstance(value, Mapping):
            if set(value) <= {"id", "en"} and "id" in value:
                self.text(path, Text.of(dict(value)))
                return
            for key in value:
                self.raw(f"{path}.{key}", value[key])
        elif isinstance(value, list | tuple) and any(
            isinstance(item, Mapping | list | tuple) for item in value
        ):
            for index, item in enumerate(value):
                self.raw(f"{path}[{index}]", item)
        else:
            self.put(path, value)


def program_fields(program: Program) -> dict[str, Any]:
    """A program as ``{dotted path: value}``, in the key order of the format."""
    out = _Fields()
    out.put("id", program.id)
    out.text("name", program.name)
    out.text("description", program.description)
    out.put("pillar", program.pillar)
    out.put("element", program.element)
    if program.tags:
        out.put("tags", list(program.tags))
    out.put("lead_agency", program.lead_agency)
    for index, partner in enumerate(program.partners):
        out.put(f"partners[{index}].role", partner.role)
        out.put(f"partners[{index}].agency", partner.agency)
        out.put(f"partners[{index}].name", partner.name)
    out.put("innovation_type", program.innovation_type)
    out.put("status.stage", program.stage)
    out.put("status.progress", program.progress)
    out.put("years.start", program.start)
    out.put("years.end", program.end)
    out.put("years.fixed", program.fixed)
    out.put("horizon", program.horizon)
    out.put("quick_win", program.quick_win)
    for index, line in enumerate(program.budget):
        out.put(f"budget[{index}].year", line.year)
        out.put(f"budget[{index}].amount", line.amount)
        out.put(f"budget[{index}].source", line.source)
        out.put(f"budget[{index}].note", line.note)
    seen: set[str] = set()
    for index, indicator in enumerate(program.indicators):
        base = f"indicators.{indicator.id}"
        if indicator.id in seen:
            base = f"indicators[{index}]"
        seen.add(indicator.id)
        out.text(f"{base}.name", indicator.name)
        out.put(f"{base}.type", indicator.type)
        out.put(f"{base}.unit", indicator.unit)
        out.put(f"{base}.direction", indicator.direction)
        out.put(f"{base}.baseline.year", indicator.baseline_year)
        out.put(f"{base}.baseline.value", indicator.baseline_value)
        for year in sorted(indicator.targets):
            out.put(f"{base}.targets.{year}", indicator.targets[year])
    for criterion in sorted(program.scores):
        out.put(f"scores.{criterion}", program.scores[criterion])
    if program.depends_on:
        out.put("depends_on", list(program.depends_on))
    out.raw("rpjmd", program.rpjmd)
    out.raw("renstra", program.renstra)
    for index, risk in enumerate(program.risks):
        out.text(f"risks[{index}].description", risk.description)
        out.put(f"risks[{index}].level", risk.level)
        out.text(f"risks[{index}].mitigation", risk.mitigation)
    for key in sorted(program.sustainability):
        out.text(f"sustainability.{key}", program.sustainability[key])
    return out.items


def field_changes(
    old: Program, new: Program, *, ignore: Iterable[str] = ()
) -> tuple[FieldChange, ...]:
    """The fields that differ, in the new program's key order, then removed keys."""
    skip = set(ignore)
    before, after = program_fields(old), program_fields(new)
    paths = [*after, *(path for path in before if path not in after)]
    return tuple(
        FieldChange(path, before.get(path), after.get(path))
        for path in paths
        if path not in skip and before.get(path) != after.get(path)
    )


# --------------------------------------------------------------------------
# Rename detection


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _ratio(a: str, b: str) -> float:
    a, b = _norm(a), _norm(b)
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _budget_similarity(a: int, b: int) -> float:
    if a == b:
        return 1.0
    return min(a, b) / max(a, b)


def rename_similarity(old: Program, new: Program) -> float | None:
    """The similarity of two programs, or ``None`` when they are not a rename."""
    name = _ratio(old.name.id, new.name.id)
    description = _ratio(old.description.id, new.description.id)
    budget = _budget_similarity(old.total_budget, new.total_budget)
    score = (
        RENAME_WEIGHTS["name"] * name
        + RENAME_WEIGHTS["description"] * description
        + RENAME_WEIGHTS["budget"] * budget
    )
    if score >= RENAME_MIN_SIMILARITY and max(name, description) >= RENAME_MIN_TEXT_RATIO:
        return round(score, 4)
    return None


def match_renames(
    removed: Mapping[str, Program], added: Mapping[str, Program]
) -> list[tuple[str, str, float]]:
    """One-to-one ``(old id, new id, similarity)`` pairs, most similar first."""
    pairs = []
    for old_id, old in removed.items():
        for new_id, new in added.items():
            score = rename_similarity(old, new)
            if score is not None:
                pairs.append((-score, old_id, new_id))
    pairs.sort()
    used_old: set[str] = set()
    used_new: set[str] = set()
    matched = []
    for neg_score, old_id, new_id in pairs:
        if old_id in used_old or new_id in used_new:
            continue
        used_old.add(old_id)
        used_new.add(new_id)
        matched.append((old_id, new_id, -neg_score))
    return sorted(matched, key=lambda item: (item[1], item[0]))


# --------------------------------------------------------------------------
# Problems


def _display_root(result: ValidationResult) -> str:
    return PurePath(result.plan_dir).as_posix()


def _rel_file(file: str, root: str) -> str:
    if root in ("", "."):
        return file
    if file == root:
        return "."
    return file.removeprefix(root + "/")


def _problem_ref(problem: Problem, root: str) -> ProblemRef:
    message = problem.message
    if root not in ("", "."):
        message = message.replace(root + "/", "")
    return ProblemRef(
        severity=problem.severity.value,
        code=problem.code,
        file=_rel_file(problem.file, root),
        line=problem.line,
        message=message,
    )


def _problem_order(ref: ProblemRef) -> tuple[str, int, str, str]:
    return (ref.file, ref.line, ref.code, ref.message)


def diff_problems(
    old: ValidationResult, new: ValidationResult, renamed_files: Mapping[str, str] | None = None
) -> ProblemDiff:
    """New and fixed problems, compared by code, file and message (not line)."""
    moved = renamed_files or {}
    old_refs = [_problem_ref(p, _display_root(old)) for p in old.problems]
    new_refs = [_problem_ref(p, _display_root(new)) for p in new.problems]

    def key(ref: ProblemRef, *, is_old: bool) -> tuple[str, str, str]:
        file = moved.get(ref.file, ref.file) if is_old else ref.file
        return (ref.code, file, ref.message)

    def only(
        refs: list[ProblemRef], others: list[ProblemRef], *, is_old: bool
    ) -> tuple[ProblemRef, ...]:
        budget = Counter(key(ref, is_old=not is_old) for ref in others)
        out = []
        for ref in refs:
            k = key(ref, is_old=is_old)
            if budget[k] > 0:
                budget[k] -= 1
            else:
                out.append(ref)
        return tuple(sorted(out, key=_problem_order))

    return ProblemDiff(
        new=only(new_refs, old_refs, is_old=False),
        fixed=only(old_refs, new_refs, is_old=True),
    )


# --------------------------------------------------------------------------
# Budget


def _totals(plan: Plan) -> tuple[dict[str, int], dict[int, int]]:
    by_pillar: dict[str, int] = {}
    for program in plan.programs.values():
        by_pillar[program.pillar] = by_pillar.get(program.pillar, 0) + program.total_budget
    return by_pillar, plan.planned_budget_by_year()


def _row(key: str, old: int, new: int) -> BudgetRow:
    return BudgetRow(key, old, new, new - old)


def diff_budget(old: Plan, new: Plan) -> BudgetDiff:
    """Budget totals by pillar and year on each side."""
    old_pillar, old_year = _totals(old)
    new_pillar, new_year = _totals(new)
    pillars = [p for p in PILLARS if p in old_pillar or p in new_pillar]
    pillars += sorted((set(old_pillar) | set(new_pillar)) - set(PILLARS))
    years = sorted(set(old_year) | set(new_year))
    unread = len(old.unparsed_program_ids) + len(new.unparsed_program_ids)
    note = None
    if unread:
        note = lazy(
            "programs whose file fails its schema are not counted (%(n_unparsed_program_ids)s on "
            "the old side, %(n_unparsed_program_ids2)s on the new side)",
            n_unparsed_program_ids=len(old.unparsed_program_ids),
            n_unparsed_program_ids2=len(new.unparsed_program_ids),
        )
    return BudgetDiff(
        by_pillar=tuple(_row(p, old_pillar.get(p, 0), new_pillar.get(p, 0)) for p in pillars),
        by_year=tuple(_row(str(y), old_year.get(y, 0), new_year.get(y, 0)) for y in years),
        total=_row("total", sum(old_pillar.values()), sum(new_pillar.values())),
        note=note,
    )


# --------------------------------------------------------------------------
# Ranks


def _ranking(result: ValidationResult, side: str) -> tuple[Prioritization | None, str | None]:
    from smartplan.prioritize import PrioritizationError, prioritize

    old = side == "old"
    if not result.ok:
        count = len(result.errors)
        if old:
            return None, lazy_plural(
                "the old plan has %(n)d error", "the old plan has %(n)d errors", count
            )
        return None, lazy_plural(
            "the new plan has %(n)d error", "the new plan has %(n)d errors", count
        )
    if not result.usable:  # errors hidden by suppressions: a file is missing from the plan
        count = len(result.unchecked)
        if old:
            return None, lazy_plural(
                "the old plan has %(n)d file not understood",
                "the old plan has %(n)d files not understood",
                count,
            )
        return None, lazy_plural(
            "the new plan has %(n)d file not understood",
            "the new plan has %(n)d files not understood",
            count,
        )
    try:
        return prioritize(result.plan), None
    except PrioritizationError as exc:
        if old:
            return None, lazy("the old plan cannot be prioritised: %(why)s", why=exc.message)
        return None, lazy("the new plan cannot be prioritised: %(why)s", why=exc.message)


def diff_ranks(
    old: ValidationResult, new: ValidationResult, renames: Mapping[str, str]
) -> RankDiff:
    """Rank changes by the prioritisation; ``renames`` maps old id → new id."""
    old_rank, old_note = _ranking(old, "old")
    new_rank, new_note = _ranking(new, "new")
    if old_rank is None or new_rank is None:
        notes = [n for n in (old_note, new_note) if n]
        return RankDiff(
            False, lazy("%(why)s, so ranks are not compared", why=joined("; ", notes)), ()
        )
    before = {item.id: item for item in old_rank.programs}
    back = {new_id: old_id for old_id, new_id in renames.items()}
    changes = []
    seen_old: set[str] = set()
    for item in new_rank.programs:
        old_id = back.get(item.id, item.id)
        prev = before.get(old_id)
        if prev is not None:
            seen_old.add(old_id)
            if prev.rank == item.rank:
                continue
        changes.append(
            RankChange(
                id=item.id,
                old_id=old_id if prev is not None else None,
                name=shorten(item.name),
                old_rank=prev.rank if prev else None,
                new_rank=item.rank,
                change=prev.rank - item.rank if prev else None,
                old_score=round(prev.score, 2) if prev else None,
                new_score=round(item.score, 2),
            )
        )
    for prev in old_rank.programs:
        if prev.id in seen_old:
            continue
        changes.append(
            RankChange(
                id=prev.id,
                old_id=prev.id,
                name=shorten(prev.name),
                old_rank=prev.rank,
                new_rank=None,
                change=None,
                old_score=round(prev.score, 2),
                new_score=None,
            )
        )
    big = 1 << 30
    changes.sort(key=lambda c: (c.new_rank or big, c.old_rank or big, c.id))
    return RankDiff(True, None, tuple(changes))


# --------------------------------------------------------------------------
# The whole comparison


def _ref(program: Program) -> ProgramRef:
    return ProgramRef(
        id=program.id,
        name=shorten(program.name.id),
        pillar=program.pillar,
        file=program.source.file,
        total_budget=program.total_budget,
        quick_win=program.quick_win,
    )


def _side(result: ValidationResult, label: str) -> Side:
    return Side(
        label=label,
        revision=None,
        commit=None,
        valid=result.ok,
        errors=len(result.errors),
        warnings=len(result.warnings),
        programs=len(result.plan.programs),
    )


#: what is compared of each chain item: kind -> item id -> (shown text, compared fields)
_ChainItems = dict[str, dict[str, tuple[str, dict[str, Any]]]]


def _chain_items(plan: Plan) -> _ChainItems:
    answered = {ref for program in plan.programs.values() for ref in program.answers}
    items: _ChainItems = {kind: {} for kind in ("gap", "strategy", "swot", "body", "risk")}
    items["stakeholder"] = {}
    for analysis in plan.analyses.values():
        for gap in analysis.gaps:
            fields = {
                "text": gap.text.id,
                "subaspect": gap.subaspect,
                "answered": gap.id in answered,
            }
            items["gap"][gap.id] = (gap.text.id, fields)
        for x in analysis.strategies:
            fields = {
                "text": x.text.id,
                "type": x.type,
                "from": list(x.sources),
                "element": x.element,
            }
            items["strategy"][x.id] = (x.text.id, fields)
        for key, _ in SWOT_KEYS:
            for item in analysis.swot[key]:
                items["swot"][item.id] = (item.text.id, {"text": item.text.id, "quadrant": key})
    if plan.institutions is not None:
        for body in plan.institutions.bodies:
            fields = {
                "name": body.name.id,
                "type": body.type,
                "decree": body.decree.number if body.decree else None,
                "members": [(m.role.id, m.holder.id) for m in body.members],
                "duties": [d.id for d in body.duties],
            }
            items["body"][body.id] = (body.name.id, fields)
    for risk in plan.risk_register.values():
        fields = {
            "description": risk.description.id,
            "likelihood": risk.likelihood,
            "impact": risk.impact,
            "owner": risk.owner,
            "mitigation": risk.mitigation.id,
        }
        items["risk"][risk.id] = (risk.description.id, fields)
    for holder in plan.stakeholders.values():
        items["stakeholder"][holder.id] = (
            holder.name.id,
            {"name": holder.name.id, "role": holder.role},
        )
    return items


def diff_chain(old: Plan, new: Plan) -> tuple[ChainChange, ...]:
    """What changed in the analysis chain, institutions, risks and stakeholders."""
    a, b = _chain_items(old), _chain_items(new)
    out: list[ChainChange] = []
    for kind in a:
        before, after = a[kind], b[kind]
        for item_id in sorted(set(before) | set(after)):
            if item_id not in before:
                out.append(ChainChange(kind, item_id, "added", shorten(after[item_id][0])))
                continue
            if item_id not in after:
                out.append(ChainChange(kind, item_id, "removed", shorten(before[item_id][0])))
                continue
            fields_a, fields_b = before[item_id][1], after[item_id][1]
            text = shorten(after[item_id][0])
            if kind == "gap" and fields_a["answered"] != fields_b["answered"]:
                change = "answered" if fields_b["answered"] else "unanswered"
                out.append(ChainChange(kind, item_id, change, text))
            moved = [k for k in fields_b if k != "answered" and fields_a.get(k) != fields_b[k]]
            if moved:
                out.append(ChainChange(kind, item_id, "changed", text, ", ".join(moved)))
    return tuple(out)


def diff_plans(
    old: ValidationResult,
    new: ValidationResult,
    *,
    plan: str = "",
    old_label: str = "old",
    new_label: str = "new",
) -> PlanDiff:
    """Compare the plan of ``old`` with that of ``new`` (see the module documentation)."""
    a, b = old.plan, new.plan
    unread_old = set(a.unparsed_program_ids)
    unread_new = set(b.unparsed_program_ids)
    unreadable = []
    for program_id in sorted(unread_old | unread_new):
        if program_id in unread_old and program_id in unread_new:
            unreadable.append(Unreadable(program_id, "both"))
        elif program_id in unread_new and program_id in a.programs:
            unreadable.append(Unreadable(program_id, "new"))
        elif program_id in unread_old and program_id in b.programs:
            unreadable.append(Unreadable(program_id, "old"))
    skip = {u.id for u in unreadable}

    only_old = {k: a.programs[k] for k in sorted(set(a.programs) - set(b.programs) - skip)}
    only_new = {k: b.programs[k] for k in sorted(set(b.programs) - set(a.programs) - skip)}
    matched = match_renames(only_old, only_new)
    renames = {old_id: new_id for old_id, new_id, _ in matched}

    renamed = tuple(
        Rename(
            old_id=old_id,
            new_id=new_id,
            name=shorten(b.programs[new_id].name.id),
            old_file=a.programs[old_id].source.file,
            new_file=b.programs[new_id].source.file,
            similarity=score,
            changes=field_changes(a.programs[old_id], b.programs[new_id], ignore=("id",)),
        )
        for old_id, new_id, score in matched
    )
    added = tuple(_ref(p) for k, p in only_new.items() if k not in renames.values())
    removed = tuple(_ref(p) for k, p in only_old.items() if k not in renames)
    changed = []
    for program_id in sorted(set(a.programs) & set(b.programs)):
        changes = field_changes(a.programs[program_id], b.programs[program_id])
        if changes:
            name = shorten(b.programs[program_id].name.id)
            changed.append(ProgramChange(program_id, name, changes))

    quick_wins = []
    for program_id in sorted(set(a.programs) & set(b.programs)):
        before, after = a.programs[program_id].quick_win, b.programs[program_id].quick_win
        if before != after:
            name = shorten(b.programs[program_id].name.id)
            change = "declared" if after else "withdrawn"
            quick_wins.append(QuickWinChange(program_id, name, change, "changed"))
    for item in renamed:
        before, after = a.programs[item.old_id].quick_win, b.programs[item.new_id].quick_win
        if before != after:
            change = "declared" if after else "withdrawn"
            quick_wins.append(QuickWinChange(item.new_id, item.name, change, "renamed"))
    quick_wins += [QuickWinChange(p.id, p.name, "declared", "added") for p in added if p.quick_win]
    quick_wins += [
        QuickWinChange(p.id, p.name, "withdrawn", "removed") for p in removed if p.quick_win
    ]
    quick_wins.sort(key=lambda q: (q.id, q.change))

    renamed_files = {item.old_file: item.new_file for item in renamed}
    info = b.info or a.info
    return PlanDiff(
        plan=plan,
        plan_id=info.id if info else None,
        old=_side(old, old_label),
        new=_side(new, new_label),
        added=added,
        removed=removed,
        renamed=renamed,
        changed=tuple(changed),
        unreadable=tuple(unreadable),
        budget=diff_budget(a, b),
        ranks=diff_ranks(old, new, renames),
        quick_wins=tuple(quick_wins),
        problems=diff_problems(old, new, renamed_files),
        chain=diff_chain(a, b),
        actuals=diff_actuals(a, b),
    )


def diff_revisions(
    plan_dir: Path | str, old_rev: str | None = "HEAD", new_rev: str | None = None
) -> PlanDiff:
    """Compare the plan in ``plan_dir`` between two git revisions.

    ``None`` stands for the working tree (the default new side). Raises
    :class:`~smartplan.errors.GitError` when git cannot give a side.
    """
    from contextlib import ExitStack

    from smartplan.check.engine import validate_plan
    from smartplan.diff import git as gitplan

    repo = gitplan.locate(plan_dir)
    old_side = gitplan.resolve(repo, old_rev)
    new_side = gitplan.resolve(repo, new_rev)
    with ExitStack() as stack:
        old_snap = stack.enter_context(gitplan.materialize(repo, old_side))
        new_snap = stack.enter_context(gitplan.materialize(repo, new_side))
        # a snapshot sits in a temporary folder, where relative editor schema
        # paths lead nowhere: F004 would differ between the sides for no change
        old_result = validate_plan(old_snap.path, modelines=False)
        new_result = validate_plan(new_snap.path, modelines=False)
        result = diff_plans(
            old_result,
            new_result,
            plan=_plan_label(plan_dir),
            old_label=old_side.label,
            new_label=new_side.label,
        )
    return replace(
        result,
        old=replace(
            result.old,
            revision=old_side.spec,
            commit=old_side.commit,
            skipped=tuple(old_snap.skipped),
        ),
        new=replace(
            result.new,
            revision=new_side.spec,
            commit=new_side.commit,
            skipped=tuple(new_snap.skipped),
        ),
    )


def _plan_label(plan_dir: Path | str) -> str:
    path = Path(plan_dir)
    if path.is_absolute():
        try:
            rel = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_posix()
        return rel.as_posix() if rel.parts else "."
    return path.as_posix()


_AMOUNT = re.compile(r"(^|\.)amount$|(^|\.)total_budget$")


def is_amount(path: str) -> bool:
    """Whether a field path holds rupiah (``budget[0].amount``)."""
    return bool(_AMOUNT.search(path))


def rupiah(amount: int, *, signed: bool = False) -> str:
    """``Rp1.500.000.000``; with ``signed``, ``+Rp…`` / ``−Rp…`` (0 is ``Rp0``)."""
    text = plain_rupiah(abs(amount))
    if amount < 0:
        return "−" + text
    if signed and amount > 0:
        return "+" + text
    return text
