"""Typed view of a plan, built from documents that passed their schema.

The loader gives plain dicts and lists; the ``build_*`` functions below
(:func:`build_plan_info`, :func:`build_pillar`, :func:`build_program`,
:func:`build_agencies`, :func:`build_readiness`) turn the schema-valid ones
into these frozen dataclasses, which ``check.engine`` collects into a
:class:`Plan` and the consistency rules, the prioritisation and the renderer
all read. Nothing here reads files.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smartplan.monitor.model import Monitoring


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Indonesian with an optional English rendering."""

    id: str
    en: str | None = None

    @classmethod
    def of(cls, raw: Any) -> Text:
        """Build from a plain string or a ``{id, en}`` mapping."""
        if isinstance(raw, Text):
            return raw
        if isinstance(raw, dict):
            return cls(str(raw.get("id", "")), raw.get("en"))
        return cls(str(raw))

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to Indonesian."""
        if lang == "en" and self.en:
            return self.en
        return self.id

    def has(self, lang: str) -> bool:
        """Whether the text exists in ``lang`` without falling back."""
        return lang == "id" or (lang == "en" and bool(self.en))

    def __str__(self) -> str:
        return self.id


def _opt_text(raw: Any) -> Text | None:
    return None if raw is None else Text.of(raw)


def _texts(raw: Any) -> tuple[Text, ...]:
    return tuple(Text.of(item) for item in raw or ())


@dataclass(frozen=True, slots=True)
class Source:
    """Where a model object came from: plan-relative file path and JSON pointer."""

    file: str
    pointer: str = ""


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    type: str
    province: str
    capital: str | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    name: Text
    kind: str  # "benefit" or "cost"
    weight: float | None = None
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class AhpSetup:
    """A pairwise comparison matrix; ``None`` marks a missing judgement."""

    matrix: tuple[tuple[float | None, ...], ...]
    ri_table: str = "saaty"
    order: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PillarGuarantee:
    """At least ``per_pillar`` programs of every pillar among the ``top`` first."""

    top: int
    per_pillar: int = 1


@dataclass(frozen=True, slots=True)
class PillarWeights:
    """plan.yaml ``scoring.pillar_weights``: the weights and how they enter the score.

    ``emphasis`` is ``factor`` (multiply), ``bonus`` (add ``bonus`` points
    times the pillar's factor) or ``none`` (weights shown, not used).
    """

    weights: dict[str, float] | None = None
    ahp: AhpSetup | None = None
    priority_boost: float = 1.0
    emphasis: str = "factor"
    bonus: float = 10.0
    guarantee: PillarGuarantee | None = None


#: The parts of a program's effort on the quick-win grid, and their default weights.
EFFORT_PARTS: tuple[str, ...] = ("criteria", "budget", "duration")
DEFAULT_EFFORT_MIX: dict[str, float] = {"criteria": 0.5, "budget": 0.25, "duration": 0.25}


@dataclass(frozen=True, slots=True)
class QuickWinSetup:
    """plan.yaml ``scoring.quick_win``: the axes of the grid and where they split.

    ``split`` is ``median`` (the plan's median on each axis) or ``threshold``
    (the fixed ``threshold``); ``effort_mix`` weighs the effort criteria, the
    budget and the duration.
    """

    impact: tuple[str, ...] = ()
    effort: tuple[str, ...] = ()
    threshold: float = 0.5
    split: str = "median"
    effort_mix: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_EFFORT_MIX))


@dataclass(frozen=True, slots=True)
class Scoring:
    scale_min: float
    scale_max: float
    criteria: tuple[Criterion, ...]
    ahp: AhpSetup | None = None
    pillar_weights: PillarWeights | None = None
    quick_win: QuickWinSetup | None = None

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.criteria)


@dataclass(frozen=True, slots=True)
class RoadmapSetup:
    """plan.yaml ``roadmap``: how ``prioritize --schedule`` builds the roadmap.

    ``objective`` is ``early`` (value delivered early) or ``level`` (even use
    of the ceilings); ``dependency`` is ``same_year``, ``next_year`` or
    ``after_end`` (how soon a dependent may start after its prerequisite);
    ``solver`` is ``auto``, ``exact`` or ``heuristic``; ``time_limit`` is the
    exact solver's budget in seconds, ``node_limit`` in branch-and-bound
    nodes (the deterministic one); ``exact_limit`` the largest plan (in
    programs) that ``auto`` gives to the exact solver.
    """

    objective: str = "early"
    dependency: str = "same_year"
    solver: str = "auto"
    time_limit: float = 30.0
    node_limit: int = 200
    exact_limit: int = 300
    discount: float = 0.9
    inherit_urgency: bool = True


@dataclass(frozen=True, slots=True)
class PlanInfo:
    id: str
    region: Region
    title: Text
    period_start: int
    period_end: int
    vision: Text
    missions: tuple[Text, ...]
    scoring: Scoring
    version: str | None = None
    date: str | None = None
    language: str = "id"
    introduction: dict[str, Any] = field(default_factory=dict)
    priority_pillar: str | None = None
    budget_ceilings: dict[int, int] = field(default_factory=dict)
    #: the RPJMD in force: its title and period (None when plan.yaml does not say)
    rpjmd_title: Text | None = None
    rpjmd_period: tuple[int, int] | None = None
    closing: Text | None = None
    #: community development and mindset change: overview and activities
    community: Text | None = None
    community_activities: tuple[Text, ...] = ()
    source: Source = Source("plan.yaml")
    # funding source -> year -> rupiah (plan.yaml ``budget_ceilings_by_source``)
    source_ceilings: dict[str, dict[int, int]] = field(default_factory=dict)
    roadmap: RoadmapSetup = RoadmapSetup()

    @property
    def years(self) -> range:
        return range(self.period_start, self.period_end + 1)


@dataclass(frozen=True, slots=True)
class Pillar:
    code: str
    name: Text
    description: Text
    elements: tuple[str, ...]
    goals: tuple[Text, ...] = ()
    strategies: tuple[Text, ...] = ()
    tags: tuple[str, ...] = ()
    source: Source = Source("")


@dataclass(frozen=True, slots=True)
class Partner:
    role: str
    agency: str | None = None
    name: str | None = None
    #: id in stakeholders.yaml
    stakeholder: str | None = None


@dataclass(frozen=True, slots=True)
class BudgetLine:
    year: int
    amount: int
    source: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    name: Text
    type: str
    unit: str
    direction: str
    baseline_year: int | None
    baseline_value: float | None
    targets: dict[int, float]


@dataclass(frozen=True, slots=True)
class Risk:
    """A program risk, described in place or referring to the plan's register."""

    description: Text | None
    level: str | None
    mitigation: Text | None = None
    #: id in risks.yaml
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Program:
    id: str
    name: Text
    description: Text
    pillar: str
    element: str
    lead_agency: str
    innovation_type: str
    start: int
    end: int
    scores: dict[str, float]
    fixed: bool = False
    horizon: str | None = None
    quick_win: bool = False
    tags: tuple[str, ...] = ()
    partners: tuple[Partner, ...] = ()
    stage: str | None = None
    progress: float | None = None
    budget: tuple[BudgetLine, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    depends_on: tuple[str, ...] = ()
    #: ids of the gaps and strategies (analysis/) the program answers
    answers: tuple[str, ...] = ()
    rpjmd: dict[str, Any] = field(default_factory=dict)
    renstra: dict[str, Any] = field(default_factory=dict)
    risks: tuple[Risk, ...] = ()
    sustainability: dict[str, Text] = field(default_factory=dict)
    source: Source = Source("")

    @property
    def total_budget(self) -> int:
        return sum(line.amount for line in self.budget)

    def budget_by_year(self) -> dict[int, int]:
        """The program's budget lines summed per year, in year order."""
        by_year: dict[int, int] = {}
        for line in sorted(self.budget, key=lambda b: b.year):
            by_year[line.year] = by_year.get(line.year, 0) + line.amount
        return by_year

    @property
    def duration(self) -> int:
        return self.end - self.start + 1


@dataclass(frozen=True, slots=True)
class QuickWinCheck:
    """How a program measures against the quick-win rule (see :func:`check_quick_win`)."""

    #: it starts and ends in the same year
    one_year: bool
    #: it starts in the plan's first year
    starts_first_year: bool
    #: it has at least one indicator to show its effect
    has_indicator: bool

    @property
    def within_first_year(self) -> bool:
        """It runs within the plan's first year only."""
        return self.one_year and self.starts_first_year

    @property
    def ok(self) -> bool:
        """It meets the whole rule."""
        return self.within_first_year and self.has_indicator


def check_quick_win(program: Program, first_year: int) -> QuickWinCheck:
    """The quick-win rule: delivered within the plan's first year, and measured.

    Kominfo counts as quick wins the programs delivered within one fiscal
    year, the plan's first, with an indicator that shows the effect
    (DOMAIN.md). The rules Q001/Q002, the prioritisation's quick-win findings
    and the Quick Win chapter all read this one check.
    """
    return QuickWinCheck(
        one_year=program.start == program.end,
        starts_first_year=program.start == first_year,
        has_indicator=bool(program.indicators),
    )


@dataclass(frozen=True, slots=True)
class Agency:
    id: str
    name: Text
    short: str
    description: Text | None = None
    # agencies.yaml ``capacity``: at most this many programs running / rupiah spent a year
    capacity_programs: int | None = None
    capacity_rupiah: int | None = None


@dataclass(frozen=True, slots=True)
class SubAspect:
    code: str
    score: float
    description: Text
    evidence: tuple[Text, ...] = ()


@dataclass(frozen=True, slots=True)
class Aspect:
    code: str
    subaspects: tuple[SubAspect, ...]
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Readiness:
    scale_min: float
    scale_max: float
    aspects: tuple[Aspect, ...]
    swot: dict[str, tuple[Text, ...]]
    gaps: tuple[Text, ...] = ()


# --------------------------------------------------------------------------
# The analysis chain and the chapters around it (profile.yaml, analysis/,
# institutions.yaml, stakeholders.yaml, risks.yaml, architecture.yaml, front.yaml)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure of the regional profile; source and year say where it comes from."""

    id: str
    topic: str
    name: Text
    value: float
    unit: str
    year: int | None = None
    source: str | None = None
    note: Text | None = None


@dataclass(frozen=True, slots=True)
class Sector:
    name: Text
    share: float | None = None
    year: int | None = None
    source: str | None = None
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """An identified item: a SWOT item, a strategic issue."""

    id: str
    text: Text


@dataclass(frozen=True, slots=True)
class Profile:
    summary: Text | None
    geography: Text | None
    districts: tuple[str, ...]
    population: Text | None
    economy: Text | None
    figures: tuple[Figure, ...]
    sectors: tuple[Sector, ...]
    potentials: tuple[Text, ...]
    issues: tuple[Item, ...]
    source: Source = Source("profile.yaml")


@dataclass(frozen=True, slots=True)
class Strategy:
    id: str
    type: str  # SO, WO, ST, WT
    sources: tuple[str, ...]
    text: Text
    element: str | None = None


@dataclass(frozen=True, slots=True)
class Gap:
    id: str
    subaspect: str  # "aspect.subaspect"
    text: Text
    target: Text | None = None


#: SWOT quadrant keys, in document order, with the letter strategies use.
SWOT_KEYS: tuple[tuple[str, str], ...] = (
    ("strengths", "S"),
    ("weaknesses", "W"),
    ("opportunities", "O"),
    ("threats", "T"),
)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One dimension's SWOT, strategies and gaps (analysis/<pillar>.yaml)."""

    pillar: str
    summary: Text | None
    swot: dict[str, tuple[Item, ...]]
    strategies: tuple[Strategy, ...]
    gaps: tuple[Gap, ...]
    source: Source = Source("")

    def swot_letter(self, item_id: str) -> str | None:
        """S, W, O or T for an item of this analysis, else None."""
        for key, letter in SWOT_KEYS:
            if any(item.id == item_id for item in self.swot.get(key, ())):
                return letter
        return None


@dataclass(frozen=True, slots=True)
class Member:
    role: Text
    holder: Text
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class Decree:
    number: str
    date: str | None = None
    title: Text | None = None


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    type: str
    name: Text
    decree: Decree | None
    duties: tuple[Text, ...]
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    when: Text
    activity: Text
    by: Text
    output: Text | None = None


@dataclass(frozen=True, slots=True)
class Institutions:
    summary: Text | None
    bodies: tuple[Body, ...]
    method: Text | None
    calendar: tuple[CalendarEvent, ...]
    source: Source = Source("institutions.yaml")


@dataclass(frozen=True, slots=True)
class Stakeholder:
    id: str
    name: Text
    role: str
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class RegisterRisk:
    """A risk of the plan-level register; its level is likelihood × impact."""

    id: str
    category: str
    description: Text
    likelihood: int
    impact: int
    owner: str
    mitigation: Text

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """low (1–4), medium (5–12) or high (15–25), the usual 5×5 matrix bands."""
        if self.score >= 15:
            return "high"
        return "medium" if self.score >= 5 else "low"


@dataclass(frozen=True, slots=True)
class Application:
    id: str
    name: Text
    agency: str
    status: str
    function: Text | None = None
    integrated: bool = False
    program: str | None = None


@dataclass(frozen=True, slots=True)
class Architecture:
    summary: Text | None
    integration: Text | None
    network: Text | None
    data_centre: Text | None
    security: Text | None
    applications: tuple[Application, ...]
    source: Source = Source("architecture.yaml")


@dataclass(frozen=True, slots=True)
class Foreword:
    by: str
    position: Text
    text: Text
    place: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Adoption:
    type: str
    status: str
    title: Text
    number: str | None = None
    year: int | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Front:
    logo: str | None
    forewords: tuple[Foreword, ...]
    adoption: Adoption | None
    source: Source = Source("front.yaml")


@dataclass(slots=True)
class Plan:
    """A whole plan: what every command after loading works on."""

    info: PlanInfo | None
    pillars: dict[str, Pillar] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    readiness: Readiness | None = None
    profile: Profile | None = None
    #: pillar code -> that dimension's analysis (analysis/<pillar>.yaml)
    analyses: dict[str, Analysis] = field(default_factory=dict)
    institutions: Institutions | None = None
    #: stakeholders.yaml, by id
    stakeholders: dict[str, Stakeholder] = field(default_factory=dict)
    #: risks.yaml, by id
    risk_register: dict[str, RegisterRisk] = field(default_factory=dict)
    architecture: Architecture | None = None
    front: Front | None = None
    #: plan-relative files of the single-file kinds that loaded
    present: set[str] = field(default_factory=set)
    #: the plan folder it was read from (the renderer embeds the logo from there)
    root: Path | None = None
    #: ids of programs whose files exist but did not pass their schema; the
    #: consistency rules treat references to them as resolved, so one broken
    #: file does not cascade into many problems elsewhere.
    unparsed_program_ids: set[str] = field(default_factory=set)
    #: pillar folder of every program file, parsed or not (for coverage).
    program_folders: dict[str, str] = field(default_factory=dict)
    #: the yearly actuals under monitoring/ and the monitoring configuration
    monitoring: Monitoring = field(default_factory=lambda: _monitoring())

    def planned_budget_by_year(self) -> dict[int, int]:
        """What the programs plan to spend per year (every budget line), in year order.

        The one sum behind the budget-ceiling rule, the Anggaran chapter's
        fit table and the prioritisation's ceiling check.
        """
        planned: dict[int, int] = {}
        for program in self.programs.values():
            for year, amount in program.budget_by_year().items():
                planned[year] = planned.get(year, 0) + amount
        return dict(sorted(planned.items()))


def _monitoring() -> Monitoring:
    from smartplan.monitor.model import Monitoring

    return Monitoring()


# --------------------------------------------------------------------------
# Building from plain data (already checked against the schemas)


def parse_judgement(raw: Any) -> float | None:
    """A pairwise judgement: number, ``"a/b"`` fraction string, or ``None``."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return float(Fraction(raw.strip()))
    return float(raw)


def _plain_number(value: float) -> str:
    # three significant digits say enough about an implied judgement
    # ("1.13"); whole numbers of any size stay whole ("12", "1000")
    if math.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return f"{value:.3g}"


def format_judgement(value: float | None, number: Callable[[float], str] = _plain_number) -> str:
    """A pairwise judgement as a planner writes it: ``3``, ``1/5``, ``0.4``; ``–`` when missing.

    The inverse of :func:`parse_judgement` for Saaty's scale: a whole
    reciprocal is written as the fraction, anything else as a number, through
    ``number`` (the renderer passes its locale's number formatter). Every
    message and every document prints judgements through this one function.
    """
    if value is None:
        return "–"
    if value >= 1:
        return number(value)
    inverse = 1.0 / value
    if abs(inverse - round(inverse)) < 1e-9:
        return f"1/{round(inverse)}"
    return number(value)


def _ahp(raw: dict[str, Any] | None) -> AhpSetup | None:
    if not raw:
        return None
    matrix = tuple(tuple(parse_judgement(v) for v in row) for row in raw.get("matrix", ()))
    return AhpSetup(matrix, raw.get("ri_table", "saaty"), tuple(raw.get("order", ())))


def _guarantee(raw: Any) -> PillarGuarantee | None:
    if not isinstance(raw, dict) or "top" not in raw:
        return None
    return PillarGuarantee(int(raw["top"]), int(raw.get("per_pillar", 1)))


def _effort_mix(raw: Any) -> dict[str, float]:
    """The effort weights as given (parts left out weigh 0), or the defaults."""
    if not isinstance(raw, dict) or not raw:
        return dict(DEFAULT_EFFORT_MIX)
    return {part: float(raw.get(part, 0.0)) for part in EFFORT_PARTS}


def build_scoring(raw: dict[str, Any]) -> Scoring:
    criteria = tuple(
        Criterion(
            id=c["id"],
            name=Text.of(c["name"]),
            kind=c["kind"],
            weight=c.get("weight"),
            description=_opt_text(c.get("description")),
        )
        for c in raw["criteria"]
    )
    pw_raw = raw.get("pillar_weights")
    pillar_weights = None
    if pw_raw:
        pillar_weights = PillarWeights(
            weights=dict(pw_raw["weights"]) if pw_raw.get("weights") else None,
            ahp=_ahp(pw_raw.get("ahp")),
            priority_boost=float(pw_raw.get("priority_boost", 1.0)),
            emphasis=str(pw_raw.get("emphasis", "factor")),
            bonus=float(pw_raw.get("bonus", 10.0)),
            guarantee=_guarantee(pw_raw.get("guarantee")),
        )
    qw_raw = raw.get("quick_win")
    quick_win = None
    if qw_raw:
        quick_win = QuickWinSetup(
            impact=tuple(qw_raw.get("impact", ())),
            effort=tuple(qw_raw.get("effort", ())),
            threshold=float(qw_raw.get("threshold", 0.5)),
            # a plan that sets only a threshold keeps the fixed split it asked for
            split=str(qw_raw.get("split", "threshold" if "threshold" in qw_raw else "median")),
            effort_mix=_effort_mix(qw_raw.get("effort_mix")),
        )
    return Scoring(
        scale_min=raw["scale"]["min"],
        scale_max=raw["scale"]["max"],
        criteria=criteria,
        ahp=_ahp(raw.get("ahp")),
        pillar_weights=pillar_weights,
        quick_win=quick_win,
    )


def build_plan_info(raw: dict[str, Any], file: str = "plan.yaml") -> PlanInfo:
    region = raw["region"]
    return PlanInfo(
        id=raw["id"],
        region=Region(region["name"], region["type"], region["province"], region.get("capital")),
        title=Text.of(raw["title"]),
        period_start=raw["period"]["start"],
        period_end=raw["period"]["end"],
        vision=Text.of(raw["vision"]),
        missions=_texts(raw["missions"]),
        scoring=build_scoring(raw["scoring"]),
        version=raw.get("version"),
        date=raw.get("date"),
        language=raw.get("language", "id"),
        introduction=dict(raw.get("introduction") or {}),
        priority_pillar=raw.get("priority_pillar"),
        budget_ceilings={int(y): int(a) for y, a in (raw.get("budget_ceilings") or {}).items()},
        rpjmd_title=_opt_text((raw.get("rpjmd") or {}).get("title")),
        rpjmd_period=(
            (raw["rpjmd"]["period"]["start"], raw["rpjmd"]["period"]["end"])
            if raw.get("rpjmd")
            else None
        ),
        closing=_opt_text(raw.get("closing")),
        community=_opt_text((raw.get("community") or {}).get("description")),
        community_activities=_texts((raw.get("community") or {}).get("activities")),
        source=Source(file),
        source_ceilings={
            str(src): {int(y): int(a) for y, a in (years or {}).items()}
            for src, years in (raw.get("budget_ceilings_by_source") or {}).items()
        },
        roadmap=_roadmap_setup(raw.get("roadmap") or {}),
    )


def _roadmap_setup(raw: dict[str, Any]) -> RoadmapSetup:
    default = RoadmapSetup()
    return RoadmapSetup(
        objective=str(raw.get("objective", default.objective)),
        dependency=str(raw.get("dependency", default.dependency)),
        solver=str(raw.get("solver", default.solver)),
        time_limit=float(raw.get("time_limit", default.time_limit)),
        node_limit=int(raw.get("node_limit", default.node_limit)),
        exact_limit=int(raw.get("exact_limit", default.exact_limit)),
        discount=float(raw.get("discount", default.discount)),
        inherit_urgency=bool(raw.get("inherit_urgency", default.inherit_urgency)),
    )


def build_pillar(raw: dict[str, Any], file: str) -> Pillar:
    return Pillar(
        code=raw["code"],
        name=Text.of(raw["name"]),
        description=Text.of(raw["description"]),
        elements=tuple(raw["elements"]),
        goals=_texts(raw.get("goals")),
        strategies=_texts(raw.get("strategies")),
        tags=tuple(raw.get("tags", ())),
        source=Source(file),
    )


def build_program(raw: dict[str, Any], file: str) -> Program:
    status = raw.get("status") or {}
    indicators = tuple(
        Indicator(
            id=i["id"],
            name=Text.of(i["name"]),
            type=i["type"],
            unit=i["unit"],
            direction=i["direction"],
            baseline_year=(i.get("baseline") or {}).get("year"),
            baseline_value=(i.get("baseline") or {}).get("value"),
            targets={int(y): v for y, v in (i.get("targets") or {}).items()},
        )
        for i in raw.get("indicators", ())
    )
    return Program(
        id=raw["id"],
        name=Text.of(raw["name"]),
        description=Text.of(raw["description"]),
        pillar=raw["pillar"],
        element=raw["element"],
        lead_agency=raw["lead_agency"],
        innovation_type=raw["innovation_type"],
        start=raw["years"]["start"],
        end=raw["years"]["end"],
        fixed=bool(raw["years"].get("fixed", False)),
        scores=dict(raw["scores"]),
        horizon=raw.get("horizon"),
        quick_win=bool(raw.get("quick_win", False)),
        tags=tuple(raw.get("tags", ())),
        partners=tuple(
            Partner(p["role"], p.get("agency"), p.get("name"), p.get("stakeholder"))
            for p in raw.get("partners", ())
        ),
        stage=status.get("stage"),
        progress=status.get("progress"),
        budget=tuple(
            BudgetLine(b["year"], int(b["amount"]), b["source"], b.get("note"))
            for b in raw.get("budget", ())
        ),
        indicators=indicators,
        depends_on=tuple(raw.get("depends_on", ())),
        answers=tuple(raw.get("answers", ())),
        rpjmd=dict(raw.get("rpjmd") or {}),
        renstra=dict(raw.get("renstra") or {}),
        risks=tuple(
            Risk(
                _opt_text(r.get("description")),
                r.get("level"),
                _opt_text(r.get("mitigation")),
                r.get("ref"),
            )
            for r in raw.get("risks", ())
        ),
        sustainability={k: Text.of(v) for k, v in (raw.get("sustainability") or {}).items()},
        source=Source(file),
    )


def build_agencies(raw: dict[str, Any]) -> dict[str, Agency]:
    return {
        a["id"]: Agency(
            a["id"],
            Text.of(a["name"]),
            a["short"],
            _opt_text(a.get("description")),
            capacity_programs=(a.get("capacity") or {}).get("programs"),
            capacity_rupiah=(a.get("capacity") or {}).get("rupiah"),
        )
        for a in raw["agencies"]
    }


def build_readiness(raw: dict[str, Any]) -> Readiness:
    aspects = []
    for code, aspect in raw["aspects"].items():
        subs = tuple(
            SubAspect(
                sub_code,
                sub["score"],
                Text.of(sub["description"]),
                _texts(sub.get("evidence")),
            )
            for sub_code, sub in aspect["subaspects"].items()
        )
        aspects.append(Aspect(code, subs, _opt_text(aspect.get("description"))))
    return Readiness(
        scale_min=raw["scale"]["min"],
        scale_max=raw["scale"]["max"],
        aspects=tuple(aspects),
        swot={k: _texts(v) for k, v in raw["swot"].items()},
        gaps=_texts(raw.get("gaps")),
    )


def _items(raw: Any) -> tuple[Item, ...]:
    return tuple(Item(i["id"], Text.of(i["text"])) for i in raw or ())


def build_profile(raw: dict[str, Any], file: str = "profile.yaml") -> Profile:
    """The regional profile from profile.yaml."""
    return Profile(
        summary=_opt_text(raw.get("summary")),
        geography=_opt_text(raw.get("geography")),
        districts=tuple(raw.get("districts", ())),
        population=_opt_text(raw.get("population")),
        economy=_opt_text(raw.get("economy")),
        figures=tuple(
            Figure(
                f["id"],
                f["topic"],
                Text.of(f["name"]),
                f["value"],
                f["unit"],
                f.get("year"),
                f.get("source"),
                _opt_text(f.get("note")),
            )
            for f in raw.get("figures", ())
        ),
        sectors=tuple(
            Sector(
                Text.of(x["name"]),
                x.get("share"),
                x.get("year"),
                x.get("source"),
                _opt_text(x.get("description")),
            )
            for x in raw.get("sectors", ())
        ),
        potentials=_texts(raw.get("potentials")),
        issues=_items(raw.get("issues")),
        source=Source(file),
    )


def build_analysis(raw: dict[str, Any], file: str) -> Analysis:
    """One dimension's analysis from analysis/<pillar>.yaml."""
    swot = raw.get("swot") or {}
    return Analysis(
        pillar=raw["pillar"],
        summary=_opt_text(raw.get("summary")),
        swot={key: _items(swot.get(key)) for key, _ in SWOT_KEYS},
        strategies=tuple(
            Strategy(x["id"], x["type"], tuple(x["from"]), Text.of(x["text"]), x.get("element"))
            for x in raw.get("strategies", ())
        ),
        gaps=tuple(
            Gap(g["id"], g["subaspect"], Text.of(g["text"]), _opt_text(g.get("target")))
            for g in raw.get("gaps", ())
        ),
        source=Source(file),
    )


def _decree(raw: Any) -> Decree | None:
    if not raw:
        return None
    return Decree(raw["number"], raw.get("date"), _opt_text(raw.get("title")))


def build_institutions(raw: dict[str, Any], file: str = "institutions.yaml") -> Institutions:
    """The smart city bodies and the monitoring calendar from institutions.yaml."""
    monitoring = raw.get("monitoring") or {}
    return Institutions(
        summary=_opt_text(raw.get("summary")),
        bodies=tuple(
            Body(
                b["id"],
                b["type"],
                Text.of(b["name"]),
                _decree(b.get("decree")),
                _texts(b.get("duties")),
                tuple(
                    Member(Text.of(m["role"]), Text.of(m["holder"]), m.get("agency"))
                    for m in b.get("members", ())
                ),
            )
            for b in raw["bodies"]
        ),
        method=_opt_text(monitoring.get("method")),
        calendar=tuple(
            CalendarEvent(
                Text.of(e["when"]),
                Text.of(e["activity"]),
                Text.of(e["by"]),
                _opt_text(e.get("output")),
            )
            for e in monitoring.get("calendar", ())
        ),
        source=Source(file),
    )


def build_stakeholders(raw: dict[str, Any]) -> dict[str, Stakeholder]:
    """The stakeholder registry from stakeholders.yaml, by id (the first of a repeated id)."""
    out: dict[str, Stakeholder] = {}
    for x in raw["stakeholders"]:
        out.setdefault(
            x["id"],
            Stakeholder(x["id"], Text.of(x["name"]), x["role"], _opt_text(x.get("description"))),
        )
    return out


def build_risk_register(raw: dict[str, Any]) -> dict[str, RegisterRisk]:
    """The plan-level risk register from risks.yaml, by id."""
    out: dict[str, RegisterRisk] = {}
    for r in raw["risks"]:
        out.setdefault(
            r["id"],
            RegisterRisk(
                r["id"],
                r["category"],
                Text.of(r["description"]),
                r["likelihood"],
                r["impact"],
                r["owner"],
                Text.of(r["mitigation"]),
            ),
        )
    return out


def build_architecture(raw: dict[str, Any], file: str = "architecture.yaml") -> Architecture:
    """The ICT architecture and application inventory from architecture.yaml."""
    return Architecture(
        summary=_opt_text(raw.get("summary")),
        integration=_opt_text(raw.get("integration")),
        network=_opt_text(raw.get("network")),
        data_centre=_opt_text(raw.get("data_centre")),
        security=_opt_text(raw.get("security")),
        applications=tuple(
            Application(
                a["id"],
                Text.of(a["name"]),
                a["agency"],
                a["status"],
                _opt_text(a.get("function")),
                bool(a.get("integrated", False)),
                a.get("program"),
            )
            for a in raw.get("applications", ())
        ),
        source=Source(file),
    )


def build_front(raw: dict[str, Any], file: str = "front.yaml") -> Front:
    """Forewords, the adoption act and the logo from front.yaml."""
    adoption = raw.get("adoption")
    return Front(
        logo=raw.get("logo"),
        forewords=tuple(
            Foreword(
                f["by"], Text.of(f["position"]), Text.of(f["text"]), f.get("place"), f.get("date")
            )
            for f in raw.get("forewords", ())
        ),
        adoption=(
            Adoption(
                adoption["type"],
                adoption["status"],
                Text.of(adoption["title"]),
                adoption.get("number"),
                adoption.get("year"),
                adoption.get("date"),
            )
            if adoption
            else None
        ),
        source=Source(file),
    )
