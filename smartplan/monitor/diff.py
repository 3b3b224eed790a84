"""What changed in the actuals between two versions of a plan.

For ``smartplan diff``: reports added or removed (program, year) reports,
programs whose status changed, and every realisation, target, ceiling or
progress figure that changed, as dotted paths (``budget.APBD.realisation``,
``indicators.umkm-onboarding.q3``); and the same for each year's
plan-level file (``evaluation.final_index``, ``foundation.regulation.status``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from smartplan.io.jsonout import JsonResult
from smartplan.model import Plan
from smartplan.monitor.model import AnnualReport, ProgramActuals

QUARTER_KEYS = ("q1", "q2", "q3", "q4")


@dataclass(frozen=True, slots=True)
class ActualChange(JsonResult):
    """One figure that differs in one report; ``None`` where it is absent."""

    year: int
    program: str  # "" for the year's plan-level file
    path: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class StatusChange(JsonResult):
    year: int
    program: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class ReportRef(JsonResult):
    year: int
    program: str


@dataclass(frozen=True, slots=True)
class ActualsDiff(JsonResult):
    """Changes in monitoring/ between two versions."""

    added: tuple[ReportRef, ...] = ()
    removed: tuple[ReportRef, ...] = ()
    status: tuple[StatusChange, ...] = ()
    changes: tuple[ActualChange, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.status or self.changes)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _report_fields(report: ProgramActuals) -> dict[str, Any]:
    out: dict[str, Any] = {"progress": report.progress}
    for line in report.budget:
        base = f"budget.{line.source}"
        out[f"{base}.ceiling"] = line.ceiling
        out[f"{base}.realisation"] = line.spent
        for key, value in zip(QUARTER_KEYS, line.quarters or (None,) * 4, strict=True):
            out[f"{base}.{key}"] = value
    for item in report.indicators:
        base = f"indicators.{item.id}"
        out[f"{base}.target"] = item.target
        out[f"{base}.realisation"] = item.realisation
        for key, amount in zip(QUARTER_KEYS, item.quarters or (None,) * 4, strict=True):
            out[f"{base}.{key}"] = amount
    out["quick_win.people_served"] = report.people_served
    return {k: _plain(v) for k, v in out.items()}


def _annual_fields(report: AnnualReport) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, decree in report.foundation.items():
        out[f"foundation.{key}.status"] = decree.status
        out[f"foundation.{key}.number"] = decree.number
    if report.evaluation is not None:
        for dimension, score in report.evaluation.dimensions.items():
            out[f"evaluation.dimensions.{dimension}"] = score
        out["evaluation.final_index"] = report.evaluation.final_index
        out["evaluation.rank"] = report.evaluation.rank
    out["spbe.index"] = report.spbe_index
    return {k: _plain(v) for k, v in out.items()}


def _changes(year: int, program: str, a: dict[str, Any], b: dict[str, Any]) -> list[ActualChange]:
    return [
        ActualChange(year, program, path, a.get(path), b.get(path))
        for path in sorted(set(a) | set(b))
        if a.get(path) != b.get(path)
    ]


def diff_actuals(old: Plan, new: Plan) -> ActualsDiff:
    """Compare the actuals of ``old`` with those of ``new``."""
    added, removed, status, changes = [], [], [], []
    for year in sorted(set(old.monitoring.years) | set(new.monitoring.years)):
        a = old.monitoring.years.get(year)
        b = new.monitoring.years.get(year)
        a_programs = a.programs if a else {}
        b_programs = b.programs if b else {}
        for program in sorted(set(a_programs) | set(b_programs)):
            before, after = a_programs.get(program), b_programs.get(program)
            if before is None:
                added.append(ReportRef(year, program))
            elif after is None:
                removed.append(ReportRef(year, program))
            else:
                if before.status != after.status:
                    status.append(StatusChange(year, program, before.status, after.status))
                changes += _changes(year, program, _report_fields(before), _report_fields(after))
        a_annual = a.annual if a else None
        b_annual = b.annual if b else None
        if a_annual is not None or b_annual is not None:
            changes += _changes(
                year,
                "",
                _annual_fields(a_annual) if a_annual else {},
                _annual_fields(b_annual) if b_annual else {},
            )
    return ActualsDiff(tuple(added), tuple(removed), tuple(status), tuple(changes))


def describe(diff: ActualsDiff) -> list[str]:
    """The changes as plain lines, for the text and Markdown reports of ``diff``."""
    lines = [f"+ report {r.year} {r.program}" for r in diff.added]
    lines += [f"− report {r.year} {r.program}" for r in diff.removed]
    lines += [f"status {s.year} {s.program}: {s.old} → {s.new}" for s in diff.status]
    for c in diff.changes:
        where = f"{c.year} {c.program}" if c.program else f"{c.year} (_tahun.yaml)"
        old = "—" if c.old is None else c.old
        new = "—" if c.new is None else c.new
        lines.append(f"{where} {c.path}: {old} → {new}")
    return lines
