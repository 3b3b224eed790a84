"""Typed yearly actuals (``monitoring/<year>/``) and the monitoring configuration.

Numbers from YAML arrive as ``int`` or ``float``; every measured value is
turned into a :class:`~decimal.Decimal` through its decimal text here
(``3.6`` stays 3.6, not 3.599…), so the evaluation's exact arithmetic starts
from the figures people wrote. Rupiah stay integers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from smartplan.model import Plan, Source, Text

#: Program statuses, in the order reports list them.
STATUSES = ("not-started", "running", "done", "postponed", "cancelled")
#: The ministry's five evaluation dimensions.
DIMENSIONS = ("baseline", "output", "outcome", "impact", "quick_win")
#: The file name of the plan-level file in each year folder.
ANNUAL_FILE = "_tahun.yaml"

Value = Decimal | str | None


def number(raw: Any) -> Decimal | None:
    """A YAML number as a Decimal of the text it was written as (None stays None)."""
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    return Decimal(repr(float(raw)))


def value(raw: Any) -> Value:
    """A number (as Decimal), a text (stripped), or None."""
    if isinstance(raw, str):
        return raw.strip()
    return number(raw)


def _quarters(raw: Any, convert: Any) -> tuple[Any, ...] | None:
    if not raw:
        return None
    return tuple(None if raw.get(q) is None else convert(raw[q]) for q in ("q1", "q2", "q3", "q4"))


def _opt_text(raw: Any) -> Text | None:
    return None if raw is None else Text.of(raw)


@dataclass(frozen=True, slots=True)
class BudgetActual:
    """Ceiling and realisation of one funding source in one year."""

    source: str
    ceiling: int | None
    realisation: int | None
    #: quarters I–IV, None where not reported; None when not given by quarter
    quarters: tuple[int | None, ...] | None
    index: int

    @property
    def spent(self) -> int | None:
        """This year's realisation: as written, else the sum of the quarters."""
        if self.realisation is not None:
            return self.realisation
        if self.quarters is not None and any(q is not None for q in self.quarters):
            return sum(q for q in self.quarters if q is not None)
        return None


@dataclass(frozen=True, slots=True)
class IndicatorActual:
    """Target and realisation of one indicator of the program in one year."""

    id: str
    target: Value
    realisation: Value
    quarters: tuple[Decimal | None, ...] | None
    mode: str | None
    note: Text | None
    index: int


@dataclass(frozen=True, slots=True)
class Milestone:
    date: str
    title: Text


@dataclass(frozen=True, slots=True)
class Evidence:
    """A document backing the report: a plan-relative path or a citation (never fetched)."""

    path: str | None
    citation: str | None
    title: Text | None
    index: int


@dataclass(frozen=True, slots=True)
class FollowUp:
    action: Text
    done: bool = False


@dataclass(frozen=True, slots=True)
class ProgramActuals:
    """What one program did and spent in one year (``monitoring/<year>/<id>.yaml``)."""

    program: str
    year: int
    status: str
    progress: Decimal | None
    budget: tuple[BudgetActual, ...] = ()
    indicators: tuple[IndicatorActual, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    drivers: tuple[Text, ...] = ()
    obstacles: tuple[Text, ...] = ()
    follow_up: tuple[FollowUp, ...] = ()
    people_served: int | None = None
    innovation: Text | None = None
    note: Text | None = None
    source: Source = field(default_factory=lambda: Source(""))

    def indicator(self, indicator_id: str) -> IndicatorActual | None:
        """The realisation of one indicator, or None when not reported."""
        for item in self.indicators:
            if item.id == indicator_id:
                return item
        return None


@dataclass(frozen=True, slots=True)
class Decree:
    """A foundation document: none, draft or enacted, with its number."""

    status: str
    number: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class MinistryEvaluation:
    """The ministry's yearly evaluation result as recorded."""

    dimensions: dict[str, Decimal]
    final_index: Decimal | None
    rank: int | None = None
    of: int | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class AnnualReport:
    """The plan-level file of a year (``monitoring/<year>/_tahun.yaml``)."""

    year: int
    foundation: dict[str, Decree] = field(default_factory=dict)
    evaluation: MinistryEvaluation | None = None
    spbe_index: Decimal | None = None
    spbe_predicate: str | None = None
    note: Text | None = None
    source: Source = field(default_factory=lambda: Source(""))


@dataclass(slots=True)
class YearActuals:
    """Everything recorded for one year."""

    year: int
    programs: dict[str, ProgramActuals] = field(default_factory=dict)
    annual: AnnualReport | None = None


@dataclass(frozen=True, slots=True)
class Band:
    min: Decimal
    label: Text


#: The default band table (regional performance reports after Permendagri 86/2017).
DEFAULT_BANDS: tuple[Band, ...] = (
    Band(Decimal(91), Text("Sangat tinggi", "Very high")),
    Band(Decimal(76), Text("Tinggi", "High")),
    Band(Decimal(66), Text("Sedang", "Medium")),
    Band(Decimal(51), Text("Rendah", "Low")),
    Band(Decimal(0), Text("Sangat rendah", "Very low")),
)
DEFAULT_BANDS_SOURCE = "smartplan default: 91–100 / 76–90 / 66–75 / 51–65 / ≤ 50"
#: Weights found to reproduce two published results (Kediri 2022, Kota Jambi 2024).
DEFAULT_WEIGHTS: dict[str, Decimal] = {
    "baseline": Decimal(10),
    "output": Decimal(20),
    "outcome": Decimal(30),
    "impact": Decimal(20),
    "quick_win": Decimal(20),
}
DEFAULT_WEIGHTS_SOURCE = "smartplan default: 10/20/30/20/20"


@dataclass(frozen=True, slots=True)
class MonitoringConfig:
    """How achievement and the evaluation are computed (plan.yaml ``monitoring:``)."""

    bands: tuple[Band, ...] = DEFAULT_BANDS
    bands_source: str = DEFAULT_BANDS_SOURCE
    off_track_below: Decimal = Decimal(66)
    rollup: str = "budget"
    zero_realisation: str = "full"
    achievement_cap: Decimal | None = None
    indicator_mode: str = "last"
    weights: dict[str, Decimal] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    weights_source: str = DEFAULT_WEIGHTS_SOURCE
    tolerance: Decimal = Decimal("0.01")
    #: which keys plan.yaml set (the rest are defaults), for the output
    configured: tuple[str, ...] = ()


@dataclass(slots=True)
class Monitoring:
    """The monitoring part of a plan: configuration and the years recorded."""

    config: MonitoringConfig = field(default_factory=MonitoringConfig)
    years: dict[int, YearActuals] = field(default_factory=dict)
    #: plan-relative paths of monitoring files that did not pass their schema
    unreadable: list[str] = field(default_factory=list)

    def year(self, year: int) -> YearActuals:
        """The actuals of ``year``, created empty on first use."""
        found = self.years.get(year)
        if found is None:
            found = self.years[year] = YearActuals(year)
        return found


def folder_year(rel: str) -> int | None:
    """The year of a file at ``monitoring/<year>/<name>.yaml``, or None elsewhere."""
    parts = PurePosixPath(rel).parts
    if len(parts) == 3 and parts[1].isdigit() and len(parts[1]) == 4:
        return int(parts[1])
    return None


def build_config(raw: dict[str, Any] | None) -> MonitoringConfig:
    """The configuration from plan.yaml's ``monitoring:`` block (schema-valid), with defaults."""
    raw = raw or {}
    kwargs: dict[str, Any] = {}
    bands = raw.get("bands")
    if bands:
        levels = sorted(
            (Band(number(b["min"]) or Decimal(0), Text.of(b["label"])) for b in bands["levels"]),
            key=lambda band: -band.min,
        )
        kwargs["bands"] = tuple(levels)
        kwargs["bands_source"] = bands.get("source", "plan.yaml monitoring.bands")
    for key in ("off_track_below", "achievement_cap"):
        if raw.get(key) is not None:
            kwargs[key] = number(raw[key])
    for key in ("rollup", "zero_realisation", "indicator_mode"):
        if raw.get(key) is not None:
            kwargs[key] = raw[key]
    evaluation = raw.get("evaluation") or {}
    if evaluation.get("weights"):
        kwargs["weights"] = {
            d: number(evaluation["weights"].get(d, 0)) or Decimal(0) for d in DIMENSIONS
        }
        kwargs["weights_source"] = evaluation.get("source", "plan.yaml monitoring.evaluation")
    elif evaluation.get("source"):
        kwargs["weights_source"] = evaluation["source"]
    if evaluation.get("tolerance") is not None:
        kwargs["tolerance"] = number(evaluation["tolerance"])
    return MonitoringConfig(**kwargs, configured=tuple(sorted(raw)))


def build_actuals(raw: dict[str, Any], file: str) -> ProgramActuals:
    """One program's actuals from a schema-valid document."""
    quick_win = raw.get("quick_win") or {}
    return ProgramActuals(
        program=raw["program"],
        year=raw["year"],
        status=raw["status"],
        progress=number(raw.get("progress")),
        budget=tuple(
            BudgetActual(
                b["source"],
                b.get("ceiling"),
                b.get("realisation"),
                _quarters(b.get("quarters"), int),
                index,
            )
            for index, b in enumerate(raw.get("budget", ()))
        ),
        indicators=tuple(
            IndicatorActual(
                i["id"],
                value(i.get("target")),
                value(i.get("realisation")),
                _quarters(i.get("quarters"), number),
                i.get("mode"),
                _opt_text(i.get("note")),
                index,
            )
            for index, i in enumerate(raw.get("indicators", ()))
        ),
        milestones=tuple(
            Milestone(m["date"], Text.of(m["title"])) for m in raw.get("milestones", ())
        ),
        evidence=tuple(
            Evidence(e.get("path"), e.get("citation"), _opt_text(e.get("title")), index)
            for index, e in enumerate(raw.get("evidence", ()))
        ),
        drivers=tuple(Text.of(t) for t in raw.get("drivers", ())),
        obstacles=tuple(Text.of(t) for t in raw.get("obstacles", ())),
        follow_up=tuple(
            FollowUp(Text.of(f["action"]), bool(f.get("done", False)))
            for f in raw.get("follow_up", ())
        ),
        people_served=quick_win.get("people_served"),
        innovation=_opt_text(quick_win.get("innovation")),
        note=_opt_text(raw.get("note")),
        source=Source(file),
    )


def build_annual(raw: dict[str, Any], file: str) -> AnnualReport:
    """A year's plan-level report from a schema-valid document."""
    evaluation = None
    if raw.get("evaluation"):
        ev = raw["evaluation"]
        evaluation = MinistryEvaluation(
            dimensions={
                d: v
                for d in DIMENSIONS
                if (v := number((ev.get("dimensions") or {}).get(d))) is not None
            },
            final_index=number(ev.get("final_index")),
            rank=ev.get("rank"),
            of=ev.get("of"),
            source=ev.get("source"),
        )
    spbe = raw.get("spbe") or {}
    return AnnualReport(
        year=raw["year"],
        foundation={
            key: Decree(d["status"], d.get("number"), d.get("date"))
            for key, d in (raw.get("foundation") or {}).items()
        },
        evaluation=evaluation,
        spbe_index=number(spbe.get("index")),
        spbe_predicate=spbe.get("predicate"),
        note=_opt_text(raw.get("note")),
        source=Source(file),
    )


def add_actuals(plan: Plan, raw: dict[str, Any], file: str) -> None:
    """Join one program's actuals to the plan (the first file of a program and year wins)."""
    actuals = build_actuals(raw, file)
    plan.monitoring.year(actuals.year).programs.setdefault(actuals.program, actuals)


def add_annual(plan: Plan, raw: dict[str, Any], file: str) -> None:
    """Join a year's plan-level report to the plan."""
    report = build_annual(raw, file)
    year = plan.monitoring.year(report.year)
    if year.annual is None:
        year.annual = report
