"""The yearly evaluation: achievement, budget realisation, roll-ups and the ministry index.

Everything is computed with :class:`~fractions.Fraction` from the decimal
figures people wrote, and rounded once, half up, only when shown
(:func:`shown`). Nothing here is a constant: the bands, the roll-up mode, the
treatment of a zero realisation and the dimension weights come from the
plan's ``monitoring:`` configuration (:class:`MonitoringConfig`), and the
result names what it used.

Achievement of one indicator in one year, by its direction:

* ``increase`` (and ``maintain``): realisation ÷ target × 100;
* ``decrease`` (lower is better): target ÷ realisation × 100; a realisation
  of 0 counts as 100 % (``zero_realisation: full``) or is left uncomputed
  (``skip``);
* a target or realisation in words is reported, never computed; a target of
  0 for a higher-is-better indicator gives no ratio and is not computed.

An indicator's year adds up one of two ways (``mode``): ``sum`` (flows: the
year is the sum of its quarters, the cumulative the sum of the years, the
end-of-period target the sum of the yearly targets) or ``last`` (final values
and percentages: the last quarter reported is the year, the latest year is
the cumulative, the last yearly target is the end-of-period target).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from smartplan.i18n import lazy
from smartplan.model import Indicator, Plan, Program
from smartplan.monitor.model import (
    DIMENSIONS,
    AnnualReport,
    Band,
    IndicatorActual,
    MonitoringConfig,
    ProgramActuals,
    Value,
)
from smartplan.text import rupiah

HUNDRED = Fraction(100)
#: units read as percentages, whose year is always the last value
PERCENT_UNITS = ("%", "persen", "percent", "per cent")
#: statuses that count as "running" for the share of planned programs
ACTIVE = ("running", "done")


def shown(value: Fraction | Decimal | int | None, places: int = 2) -> Decimal | None:
    """``value`` rounded once, half up, to ``places`` decimals, for display."""
    if value is None:
        return None
    exact = Fraction(value)
    with localcontext() as context:
        # ample precision, so the one rounding is the only one
        context.prec = 60
        quotient = Decimal(exact.numerator) / Decimal(exact.denominator)
        return quotient.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent(part: int | Fraction | None, whole: int | Fraction | None) -> Fraction | None:
    """part ÷ whole × 100, exactly; None when either is missing or whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return Fraction(part) * HUNDRED / Fraction(whole)


@dataclass(frozen=True, slots=True)
class Achievement:
    """One achievement figure with how it was reached."""

    value: Fraction | None
    #: how: "ratio", "inverse", "zero-full", or why not computed: "text",
    #: "no-target", "no-realisation", "zero-target", "zero-skip"
    how: str

    @property
    def computed(self) -> bool:
        return self.value is not None


def achievement(
    target: Value | Fraction,
    realisation: Value | Fraction,
    direction: str,
    config: MonitoringConfig,
) -> Achievement:
    """Achievement % of one realisation against one target, by the indicator's direction."""
    if isinstance(target, str) or isinstance(realisation, str):
        return Achievement(None, "text")
    if target is None:
        return Achievement(None, "no-target")
    if realisation is None:
        return Achievement(None, "no-realisation")
    t, r = Fraction(target), Fraction(realisation)
    if direction == "decrease":
        if r == 0:
            if config.zero_realisation == "full":
                return Achievement(HUNDRED, "zero-full")
            return Achievement(None, "zero-skip")
        return Achievement(t / r * HUNDRED, "inverse")
    if t == 0:
        return Achievement(None, "zero-target")
    return Achievement(r / t * HUNDRED, "ratio")


def band_of(value: Fraction | None, bands: tuple[Band, ...]) -> Band | None:
    """The first band (highest first) whose lower bound ``value`` reaches."""
    if value is None:
        return None
    for band in bands:
        if value >= Fraction(band.min):
            return band
    return bands[-1] if bands else None


def mode_of(indicator: Indicator, actual: IndicatorActual | None, config: MonitoringConfig) -> str:
    """How the indicator's year adds up: the report's mode, "last" for %, else the default."""
    if actual is not None and actual.mode:
        return actual.mode
    if indicator.unit.strip().lower() in PERCENT_UNITS:
        return "last"
    return config.indicator_mode


def year_realisation(actual: IndicatorActual | None, mode: str) -> Value:
    """The year's realisation: as written, else from the quarters (sum, or the last one)."""
    if actual is None:
        return None
    if actual.realisation is not None:
        return actual.realisation
    if actual.quarters is None:
        return None
    given = [q for q in actual.quarters if q is not None]
    if not given:
        return None
    return sum(given, Decimal(0)) if mode == "sum" else given[-1]


def _plain(value: Value) -> Fraction | str | None:
    if value is None or isinstance(value, str):
        return value
    return Fraction(value)


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One line of the Permendagri 86 table, in the indicator's unit."""

    program: str
    id: str
    name: str
    unit: str
    direction: str
    mode: str
    end_target: Fraction | str | None
    before: Fraction | None
    target: Fraction | str | None
    quarters: tuple[Fraction | None, ...]
    realisation: Fraction | str | None
    achievement: Achievement
    cumulative: Fraction | None
    cumulative_achievement: Achievement


@dataclass(frozen=True, slots=True)
class BudgetRow:
    """The same columns in rupiah, for one program."""

    end_target: int
    before: int
    target: int
    quarters: tuple[int | None, ...]
    realisation: int
    achievement: Fraction | None
    cumulative: int
    cumulative_achievement: Fraction | None


@dataclass(frozen=True, slots=True)
class ProgramResult:
    id: str
    name: str
    pillar: str
    agency: str
    quick_win: bool
    scheduled: bool
    reported: bool
    status: str
    progress: Fraction | None
    indicators: tuple[IndicatorRow, ...]
    budget: BudgetRow
    #: funding source -> (ceiling, realisation)
    by_source: dict[str, tuple[int, int]]
    achievement: Fraction | None
    band: Band | None
    evidence: int
    people_served: int | None = None
    innovation: str | None = None
    obstacles: tuple[str, ...] = ()
    follow_up: tuple[str, ...] = ()
    file: str = ""


@dataclass(frozen=True, slots=True)
class GroupResult:
    """Budget and progress of a pillar, an agency or a funding source."""

    key: str
    planned: int
    active: int
    ceiling: int
    realisation: int
    budget_pct: Fraction | None
    progress: Fraction | None = None
    achievement: Fraction | None = None
    band: Band | None = None

    @property
    def active_share(self) -> Fraction | None:
        return percent(self.active, self.planned)


@dataclass(frozen=True, slots=True)
class IndexResult:
    """The ministry's evaluation for one year: recorded and recomputed."""

    year: int
    dimensions: dict[str, Fraction]
    recorded: Fraction | None
    computed: Fraction | None
    rank: int | None
    of: int | None
    improvement: Fraction | None
    matches: bool | None

    @property
    def final(self) -> Fraction | None:
        return self.recorded if self.recorded is not None else self.computed


@dataclass
class Evaluation:
    """Everything ``smartplan evaluate`` reports for one year."""

    year: int
    config: MonitoringConfig
    programs: list[ProgramResult] = field(default_factory=list)
    pillars: list[GroupResult] = field(default_factory=list)
    agencies: list[GroupResult] = field(default_factory=list)
    sources: list[GroupResult] = field(default_factory=list)
    #: quarter I–IV -> rupiah spent in it (programs reported by quarter)
    quarters: tuple[int, int, int, int] = (0, 0, 0, 0)
    total: GroupResult | None = None
    index: IndexResult | None = None
    trend: list[IndexResult] = field(default_factory=list)
    annual: AnnualReport | None = None
    missing_reports: list[str] = field(default_factory=list)
    off_track: list[str] = field(default_factory=list)
    missing_evidence: list[str] = field(default_factory=list)
    #: (program id, follow-up action) not done last year
    carried_over: list[tuple[str, str]] = field(default_factory=list)
    #: plan-relative monitoring files that could not be read or broke their schema
    unreadable: list[str] = field(default_factory=list)

    def program(self, program_id: str) -> ProgramResult | None:
        """One program's result, or None."""
        for program in self.programs:
            if program.id == program_id:
                return program
        return None


def _history(plan: Plan, year: int) -> list[int]:
    return sorted(y for y in plan.monitoring.years if y < year)


def _indicator_row(
    plan: Plan, program: Program, indicator: Indicator, year: int, config: MonitoringConfig
) -> IndicatorRow:
    years = plan.monitoring.years
    this = years.get(year)
    report = this.programs.get(program.id) if this else None
    actual = report.indicator(indicator.id) if report else None
    mode = mode_of(indicator, actual, config)
    target: Value = actual.target if actual and actual.target is not None else None
    if target is None and year in indicator.targets:
        target = Decimal(repr(float(indicator.targets[year])))
    end_target: Fraction | None = None
    if indicator.targets:
        values = [Fraction(Decimal(repr(float(v)))) for _, v in sorted(indicator.targets.items())]
        end_target = sum(values, Fraction(0)) if mode == "sum" else values[-1]
    before_values = []
    for past in _history(plan, year):
        past_report = years[past].programs.get(program.id)
        past_actual = past_report.indicator(indicator.id) if past_report else None
        past_value = year_realisation(past_actual, mode)
        if past_value is not None and not isinstance(past_value, str):
            before_values.append(Fraction(past_value))
    before: Fraction | None = None
    if before_values:
        before = sum(before_values, Fraction(0)) if mode == "sum" else before_values[-1]
    realisation = year_realisation(actual, mode)
    this_value = None if isinstance(realisation, str) else realisation
    cumulative: Fraction | None
    if mode == "sum":
        parts = [v for v in (before, this_value) if v is not None]
        cumulative = sum((Fraction(v) for v in parts), Fraction(0)) if parts else None
    else:
        cumulative = Fraction(this_value) if this_value is not None else before
    quarters = (
        tuple(None if q is None else Fraction(q) for q in (actual.quarters or (None,) * 4))
        if actual
        else (None, None, None, None)
    )
    return IndicatorRow(
        program=program.id,
        id=indicator.id,
        name=indicator.name.id,
        unit=indicator.unit,
        direction=indicator.direction,
        mode=mode,
        end_target=end_target,
        before=before,
        target=_plain(target),
        quarters=quarters,
        realisation=_plain(realisation),
        achievement=achievement(target, realisation, indicator.direction, config),
        cumulative=cumulative,
        cumulative_achievement=achievement(end_target, cumulative, indicator.direction, config),
    )


def _budget(
    plan: Plan, program: Program, report: ProgramActuals | None, year: int
) -> tuple[BudgetRow, dict[str, tuple[int, int]]]:
    planned: dict[str, int] = defaultdict(int)
    for line in program.budget:
        if line.year == year:
            planned[line.source] += line.amount
    by_source: dict[str, list[int]] = {}
    quarters: list[int | None] = [None, None, None, None]
    if report is not None and report.budget:
        for actual in report.budget:
            entry = by_source.setdefault(actual.source, [0, 0])
            entry[0] += (
                actual.ceiling if actual.ceiling is not None else planned.get(actual.source, 0)
            )
            entry[1] += actual.spent or 0
            for i, q in enumerate(actual.quarters or ()):
                if q is not None:
                    quarters[i] = (quarters[i] or 0) + q
    for source, amount in planned.items():
        by_source.setdefault(source, [amount, 0])
    ceiling = sum(c for c, _ in by_source.values())
    spent = sum(s for _, s in by_source.values())
    before = 0
    for past in _history(plan, year):
        past_report = plan.monitoring.years[past].programs.get(program.id)
        if past_report is not None:
            before += sum(line.spent or 0 for line in past_report.budget)
    total = program.total_budget
    row = BudgetRow(
        end_target=total,
        before=before,
        target=ceiling,
        quarters=tuple(quarters),
        realisation=spent,
        achievement=percent(spent, ceiling),
        cumulative=before + spent,
        cumulative_achievement=percent(before + spent, total),
    )
    return row, {k: (v[0], v[1]) for k, v in sorted(by_source.items())}


def _mean(values: list[Fraction], weights: list[Fraction] | None = None) -> Fraction | None:
    if not values:
        return None
    if weights is None or sum(weights) == 0:
        return sum(values, Fraction(0)) / len(values)
    return sum((v * w for v, w in zip(values, weights, strict=True)), Fraction(0)) / sum(weights)


def program_result(plan: Plan, program: Program, year: int) -> ProgramResult:
    """Every figure of one program in one year."""
    config = plan.monitoring.config
    this = plan.monitoring.years.get(year)
    report = this.programs.get(program.id) if this else None
    rows = tuple(_indicator_row(plan, program, i, year, config) for i in program.indicators)
    budget, by_source = _budget(plan, program, report, year)
    cap = Fraction(config.achievement_cap) if config.achievement_cap is not None else None
    values = [
        min(r.achievement.value, cap) if cap is not None else r.achievement.value
        for r in rows
        if r.achievement.value is not None
    ]
    score = _mean(values)
    return ProgramResult(
        id=program.id,
        name=program.name.id,
        pillar=program.pillar,
        agency=program.lead_agency,
        quick_win=program.quick_win,
        scheduled=program.start <= year <= program.end,
        reported=report is not None,
        status=report.status if report else "no-report",
        progress=Fraction(report.progress) if report and report.progress is not None else None,
        indicators=rows,
        budget=budget,
        by_source=by_source,
        achievement=score,
        band=band_of(score, config.bands),
        evidence=len(report.evidence) if report else 0,
        people_served=report.people_served if report else None,
        innovation=report.innovation.id if report and report.innovation else None,
        obstacles=tuple(t.id for t in report.obstacles) if report else (),
        follow_up=tuple(f.action.id for f in report.follow_up) if report else (),
        file=report.source.file if report else "",
    )


def _group(key: str, members: list[ProgramResult], config: MonitoringConfig) -> GroupResult:
    planned = [m for m in members if m.scheduled]
    ceiling = sum(m.budget.target for m in members)
    spent = sum(m.budget.realisation for m in members)
    weighted = config.rollup == "budget"

    def roll(attr: str) -> Fraction | None:
        pairs = [(getattr(m, attr), Fraction(m.budget.target)) for m in members]
        pairs = [(v, w) for v, w in pairs if v is not None]
        if not pairs:
            return None
        values = [v for v, _ in pairs]
        return _mean(values, [w for _, w in pairs] if weighted else None)

    score = roll("achievement")
    return GroupResult(
        key=key,
        planned=len(planned),
        active=sum(1 for m in planned if m.status in ACTIVE),
        ceiling=ceiling,
        realisation=spent,
        budget_pct=percent(spent, ceiling),
        progress=roll("progress"),
        achievement=score,
        band=band_of(score, config.bands),
    )


def index_result(plan: Plan, year: int) -> IndexResult | None:
    """The ministry's evaluation of ``year`` (None when not recorded)."""
    config = plan.monitoring.config
    actuals = plan.monitoring.years.get(year)
    annual = actuals.annual if actuals else None
    if annual is None or annual.evaluation is None:
        return None
    ev = annual.evaluation
    dims = {d: Fraction(v) for d, v in ev.dimensions.items()}
    computed = None
    if dims and all(d in dims for d in DIMENSIONS):
        weights = {d: Fraction(config.weights.get(d, Decimal(0))) for d in DIMENSIONS}
        total = sum(weights.values(), Fraction(0))
        if total:
            computed = sum((dims[d] * weights[d] for d in DIMENSIONS), Fraction(0)) / total
    recorded = Fraction(ev.final_index) if ev.final_index is not None else None
    matches = None
    if computed is not None and recorded is not None:
        matches = abs(computed - recorded) <= Fraction(config.tolerance)
    final = recorded if recorded is not None else computed
    improvement = None
    previous = [y for y in _history(plan, year) if y == year - 1]
    if previous and final is not None:
        last = index_result(plan, previous[0])
        if last is not None and last.final is not None:
            improvement = final - last.final
    return IndexResult(year, dims, recorded, computed, ev.rank, ev.of, improvement, matches)


def evaluate(plan: Plan, year: int, unreadable: list[str] | None = None) -> Evaluation:
    """Evaluate ``year``: every program scheduled or reported, rolled up, and the index."""
    config = plan.monitoring.config
    this = plan.monitoring.years.get(year)
    reported = set(this.programs) if this else set()
    result = Evaluation(year, config, unreadable=sorted(unreadable or ()))
    result.annual = this.annual if this else None
    for program in plan.programs.values():
        if program.start <= year <= program.end or program.id in reported:
            result.programs.append(program_result(plan, program, year))
    result.programs.sort(key=lambda p: (p.pillar, p.id))
    groups: dict[str, dict[str, list[ProgramResult]]] = {
        "pillar": defaultdict(list),
        "agency": defaultdict(list),
    }
    sources: dict[str, list[int]] = {}
    quarters = [0, 0, 0, 0]
    for p in result.programs:
        groups["pillar"][p.pillar].append(p)
        groups["agency"][p.agency].append(p)
        for source, (ceiling, spent) in p.by_source.items():
            entry = sources.setdefault(source, [0, 0])
            entry[0] += ceiling
            entry[1] += spent
        for i, q in enumerate(p.budget.quarters):
            quarters[i] += q or 0
    order = {code: i for i, code in enumerate(plan.pillars)}
    result.pillars = [
        _group(key, members, config)
        for key, members in sorted(
            groups["pillar"].items(), key=lambda kv: (order.get(kv[0], 99), kv[0])
        )
    ]
    result.agencies = [_group(k, m, config) for k, m in sorted(groups["agency"].items())]
    result.sources = [
        GroupResult(k, 0, 0, c, s, percent(s, c)) for k, (c, s) in sorted(sources.items())
    ]
    result.quarters = (quarters[0], quarters[1], quarters[2], quarters[3])
    result.total = _group("total", result.programs, config)
    result.index = index_result(plan, year)
    result.trend = [
        r for y in sorted(plan.monitoring.years) if y <= year and (r := index_result(plan, y))
    ]
    threshold = Fraction(config.off_track_below)
    for p in result.programs:
        if p.scheduled and not p.reported:
            result.missing_reports.append(p.id)
        stopped = p.reported and p.status in ("postponed", "cancelled")
        if stopped or (p.achievement is not None and p.achievement < threshold):
            result.off_track.append(p.id)
        if p.reported and p.status in ACTIVE and p.evidence == 0:
            result.missing_evidence.append(p.id)
    last = plan.monitoring.years.get(year - 1)
    if last is not None:
        for program_id, report in sorted(last.programs.items()):
            for item in report.follow_up:
                if not item.done:
                    result.carried_over.append((program_id, item.action.id))
    return result


@dataclass(frozen=True, slots=True)
class Step:
    """One line of ``--explain``: what, the arithmetic written out, and the result."""

    what: str
    formula: str
    value: str


def _n(value: Fraction | Decimal | int | str | None, places: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    exact = Fraction(value)
    if exact.denominator == 1:
        return str(exact.numerator)
    text = format(shown(exact, 4), "f").rstrip("0").rstrip(".")
    return text


def _pct(value: Fraction | None) -> str:
    return "—" if value is None else f"{shown(value)} %"


def _achievement_formula(
    target: object, realisation: object, how: str, config: MonitoringConfig
) -> str:
    t, r = _n(target), _n(realisation)  # type: ignore[arg-type]
    zero = lazy("zero_realisation: %(zero_realisation)s", zero_realisation=config.zero_realisation)
    return {
        "ratio": lazy("realisation %(r)s ÷ target %(t)s × 100", r=r, t=t),
        "inverse": lazy("lower is better: target %(t)s ÷ realisation %(r)s × 100", t=t, r=r),
        "zero-full": lazy(
            "lower is better, realisation 0: counted as 100 %% (%(zero)s)", zero=zero
        ),
        "zero-skip": lazy("lower is better, realisation 0: not computed (%(zero)s)", zero=zero),
        "text": lazy("target %(t)s, realisation %(r)s: text, reported, not computed", t=t, r=r),
        "no-target": lazy("no target for the year: not computed"),
        "no-realisation": lazy("target %(t)s, no realisation reported: not computed", t=t),
        "zero-target": lazy("target 0: no ratio, not computed"),
    }[how]


def explain(result: Evaluation, program_id: str) -> list[Step]:
    """The arithmetic behind one program's figures in ``result``, step by step."""
    program = result.program(program_id)
    if program is None:
        return []
    config = result.config
    steps: list[Step] = []
    for row in program.indicators:
        label = lazy(
            "%(id)s (%(direction)s, mode %(mode)s, %(unit)s)",
            id=row.id,
            direction=row.direction,
            mode=row.mode,
            unit=row.unit,
        )
        if any(q is not None for q in row.quarters) and not isinstance(row.realisation, str):
            given = [_n(q) for q in row.quarters if q is not None]
            joined = " + ".join(given) if row.mode == "sum" else f"last of {', '.join(given)}"
            steps.append(Step(lazy("%(id)s: year", id=row.id), joined, _n(row.realisation)))
        steps.append(
            Step(
                lazy("%(label)s: achievement %(year)s", label=label, year=result.year),
                _achievement_formula(row.target, row.realisation, row.achievement.how, config),
                _pct(row.achievement.value),
            )
        )
        how = "+" if row.mode == "sum" else "latest of"
        steps.append(
            Step(
                lazy("%(id)s: cumulative", id=row.id),
                f"up to {result.year - 1}: {_n(row.before)}, {how} {result.year}: "
                f"{_n(row.realisation)} → {_n(row.cumulative)}; "
                + _achievement_formula(
                    row.end_target, row.cumulative, row.cumulative_achievement.how, config
                ).replace("target", "end-of-period target", 1),
                _pct(row.cumulative_achievement.value),
            )
        )
    computed = [r for r in program.indicators if r.achievement.value is not None]
    cap = config.achievement_cap
    if computed:
        parts = " + ".join(_pct(r.achievement.value).removesuffix(" %") for r in computed)
        capped = f", each capped at {cap} %" if cap is not None else ""
        steps.append(
            Step(
                lazy("program achievement"),
                lazy(
                    "mean of (%(parts)s) over %(n_computed)s indicator(s)%(capped)s",
                    parts=parts,
                    n_computed=len(computed),
                    capped=capped,
                ),
                _pct(program.achievement),
            )
        )
    else:
        steps.append(Step(lazy("program achievement"), lazy("no indicator could be computed"), "—"))
    band = program.band.label.id if program.band else "—"
    steps.append(
        Step(
            lazy("rating band"),
            lazy(
                "first band whose lower bound the achievement reaches (%(bands_source)s)",
                bands_source=result.config.bands_source,
            ),
            band,
        )
    )
    b = program.budget
    for source, (ceiling, spent) in program.by_source.items():
        steps.append(
            Step(
                lazy("budget %(source)s", source=source),
                lazy(
                    "realisation %(spent)s ÷ ceiling %(ceiling)s × 100",
                    spent=rupiah(spent),
                    ceiling=rupiah(ceiling),
                ),
                _pct(percent(spent, ceiling)),
            )
        )
    if any(q is not None for q in b.quarters):
        steps.append(
            Step(
                lazy("budget by quarter"),
                " + ".join(
                    f"{name} {rupiah(q or 0)}"
                    for name, q in zip(("I", "II", "III", "IV"), b.quarters, strict=True)
                ),
                rupiah(sum(q or 0 for q in b.quarters)),
            )
        )
    steps.append(
        Step(
            lazy("budget realisation"),
            lazy(
                "realisation %(realisation)s ÷ ceiling %(target)s × 100",
                realisation=rupiah(b.realisation),
                target=rupiah(b.target),
            ),
            _pct(b.achievement),
        )
    )
    steps.append(
        Step(
            lazy("budget cumulative"),
            lazy(
                "up to %(value)s: %(before)s + %(year)s: %(realisation)s = %(cumulative)s; ÷ "
                "planned total %(end_target)s × 100",
                value=result.year - 1,
                before=rupiah(b.before),
                year=result.year,
                realisation=rupiah(b.realisation),
                cumulative=rupiah(b.cumulative),
                end_target=rupiah(b.end_target),
            ),
            _pct(b.cumulative_achievement),
        )
    )
    pillar = next((p for p in result.pillars if p.key == program.pillar), None)
    if pillar is not None:
        if config.rollup == "budget":
            share = f"weight: ceiling {rupiah(b.target)} of the pillar's {rupiah(pillar.ceiling)}"
        else:
            share = f"equal weight among the pillar's {pillar.planned} planned programs"
        steps.append(
            Step(
                lazy("roll-up to %(pillar)s", pillar=program.pillar),
                lazy("%(share)s (rollup: %(rollup)s)", share=share, rollup=config.rollup),
                _pct(pillar.achievement),
            )
        )
    return steps
