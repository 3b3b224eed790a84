"""Monitoring: the yearly actuals under ``monitoring/<year>/`` against the plan.

These rules read the typed actuals (:mod:`smartplan.monitor.model`) next to
the plan; a monitoring file that broke its schema is not in them, so one bad
file brings its own schema problems and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from pathlib import Path, PurePosixPath

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.i18n import lazy
from smartplan.model import Program
from smartplan.monitor.evaluate import (
    achievement,
    index_result,
    mode_of,
    shown,
    year_realisation,
)
from smartplan.monitor.model import ANNUAL_FILE, ProgramActuals, folder_year
from smartplan.problem import Hit, Severity
from smartplan.text import did_you_mean, rupiah


def _reports(ctx: PlanContext) -> Iterator[ProgramActuals]:
    for year in sorted(ctx.plan.monitoring.years):
        yield from ctx.plan.monitoring.years[year].programs.values()


def _known(ctx: PlanContext, report: ProgramActuals) -> Program | None:
    return ctx.plan.programs.get(report.program)


def _num(value: Decimal | int) -> str:
    return format(Decimal(value).normalize(), "f")


@rule("M001", "monitoring.location")
def location(ctx: PlanContext) -> Iterator[Hit]:
    """
    A monitoring file is not at monitoring/<year>/<program-id>.yaml, or names another year or id.

    Each year has its folder; in it, one file per program named by the
    program's id, and the plan-level _tahun.yaml.

    Failing: monitoring/2024/eco-pasar.yaml holding

        program: eco-pasar-digital
        year: 2025

    Passing: monitoring/2025/eco-pasar-digital.yaml holding

        program: eco-pasar-digital
        year: 2025
    """
    for rel, doc in sorted(ctx.documents.items()):
        if not rel.startswith("monitoring/") or not ctx.schema_ok.get(rel):
            continue
        folder = folder_year(rel)
        if folder is None:
            yield Hit(
                rel,
                "",
                lazy("a monitoring file must sit in a year folder: monitoring/<year>/<file>.yaml"),
                lazy(
                    "move it to monitoring/%(value)s/%(name)s",
                    value=doc.get("year"),
                    name=PurePosixPath(rel).name,
                ),
            )
            continue
        if doc.get("year") != folder:
            yield Hit(
                rel,
                "/year",
                lazy(
                    "the file says %(value)s but sits in the %(folder)s folder",
                    value=doc.get("year"),
                    folder=folder,
                ),
            )
        name = PurePosixPath(rel)
        if name.name != ANNUAL_FILE and doc.get("program") != name.stem:
            yield Hit(
                rel,
                "/program",
                lazy(
                    "the file reports program %(value)r but is named %(name)s",
                    value=doc.get("program"),
                    name=name.name,
                ),
                lazy("name the file %(value)s.yaml", value=doc.get("program")),
            )


@rule("M002", "monitoring.unknown-program")
def unknown_program(ctx: PlanContext) -> Iterator[Hit]:
    """
    A monitoring file reports a program the plan does not have.

    Failing:

        program: eco-pasar-digitl

    Passing:

        program: eco-pasar-digital
    """
    known = ctx.known_program_ids
    for report in _reports(ctx):
        if report.program not in known:
            yield Hit(
                report.source.file,
                "/program",
                lazy("unknown program %(program)r", program=report.program),
                did_you_mean(report.program, known),
            )


@rule("M003", "monitoring.unknown-indicator")
def unknown_indicator(ctx: PlanContext) -> Iterator[Hit]:
    """
    A monitoring file reports an indicator its program does not have.

    Failing: the program's indicator is `capaian`

        indicators:
          - {id: capaian-umkm, realisation: 8}

    Passing:

        indicators:
          - {id: capaian, realisation: 8}
    """
    for report in _reports(ctx):
        program = _known(ctx, report)
        if program is None:
            continue
        ids = [i.id for i in program.indicators]
        for item in report.indicators:
            if item.id not in ids:
                yield Hit(
                    report.source.file,
                    f"/indicators/{item.index}/id",
                    lazy("program %(id)s has no indicator %(id2)r", id=program.id, id2=item.id),
                    did_you_mean(item.id, ids)
                    or lazy("its indicators: %(value)s", value=", ".join(ids) or "none"),
                )


@rule("M004", "monitoring.year")
def year_in_period(ctx: PlanContext) -> Iterator[Hit]:
    """
    A monitoring file reports a year outside the plan period.

    Failing: in a 2025–2029 plan

        year: 2030

    Passing:

        year: 2029
    """
    info = ctx.info
    if info is None:
        return
    for year, actuals in sorted(ctx.plan.monitoring.years.items()):
        if info.period_start <= year <= info.period_end:
            continue
        files = [r.source.file for r in actuals.programs.values()]
        if actuals.annual is not None:
            files.append(actuals.annual.source.file)
        for file in sorted(files):
            yield Hit(
                file,
                "/year",
                lazy(
                    "%(year)s lies outside the plan period %(period_start)s–%(period_end)s",
                    year=year,
                    period_start=info.period_start,
                    period_end=info.period_end,
                ),
            )


@rule("M005", "monitoring.over-ceiling", Severity.WARNING)
def over_ceiling(ctx: PlanContext) -> Iterator[Hit]:
    """
    A funding source spent more than its ceiling in the year.

    Without a ceiling in the line, the program's budget lines for that year
    and source are the ceiling.

    Failing:

        budget:
          - {source: APBD, ceiling: 500000000, realisation: 520000000}

    Passing:

        budget:
          - {source: APBD, ceiling: 500000000, realisation: 480000000}
    """
    for report in _reports(ctx):
        program = _known(ctx, report)
        for line in report.budget:
            ceiling = line.ceiling
            if ceiling is None and program is not None:
                ceiling = sum(
                    b.amount
                    for b in program.budget
                    if b.year == report.year and b.source == line.source
                )
            spent = line.spent
            if ceiling is None or spent is None or spent <= ceiling:
                continue
            field = "realisation" if line.realisation is not None else "quarters"
            yield Hit(
                report.source.file,
                f"/budget/{line.index}/{field}",
                lazy(
                    "%(source)s realisation %(spent)s is over the ceiling %(ceiling)s by %(value)s",
                    source=line.source,
                    spent=rupiah(spent),
                    ceiling=rupiah(ceiling),
                    value=rupiah(spent - ceiling),
                ),
            )


@rule("M006", "monitoring.quarters")
def quarters(ctx: PlanContext) -> Iterator[Hit]:
    """
    The quarters do not add up to the year's realisation.

    Rupiah and `sum` indicators: the year is the sum of its quarters. `last`
    indicators (final values, percentages): the year is the last quarter
    reported.

    Failing:

        budget:
          - source: APBD
            realisation: 400000000
            quarters: {q1: 100000000, q2: 100000000, q3: 100000000, q4: 50000000}

    Passing:

        budget:
          - source: APBD
            realisation: 400000000
            quarters: {q1: 100000000, q2: 100000000, q3: 100000000, q4: 100000000}
    """
    config = ctx.plan.monitoring.config
    for report in _reports(ctx):
        for line in report.budget:
            if line.realisation is None or line.quarters is None:
                continue
            total = sum(q for q in line.quarters if q is not None)
            if total != line.realisation:
                yield Hit(
                    report.source.file,
                    f"/budget/{line.index}/quarters",
                    lazy(
                        "the quarters add up to %(total)s, not the realisation %(realisation)s",
                        total=rupiah(total),
                        realisation=rupiah(line.realisation),
                    ),
                )
        program = _known(ctx, report)
        indicators = {i.id: i for i in program.indicators} if program else {}
        for item in report.indicators:
            if item.quarters is None or item.realisation is None or item.id not in indicators:
                continue
            if isinstance(item.realisation, str):
                continue
            given = [q for q in item.quarters if q is not None]
            if not given:
                continue
            mode = mode_of(indicators[item.id], item, config)
            expected = year_realisation(
                type(item)(item.id, None, None, item.quarters, item.mode, None, 0), mode
            )
            assert expected is not None and not isinstance(expected, str)
            if Fraction(expected) != Fraction(item.realisation):
                how = "add up to" if mode == "sum" else "end at"
                yield Hit(
                    report.source.file,
                    f"/indicators/{item.index}/quarters",
                    lazy(
                        "the quarters %(how)s %(value)s, not the realisation %(value2)s (mode "
                        "%(mode)s)",
                        how=how,
                        value=_num(expected),
                        value2=_num(item.realisation),
                        mode=mode,
                    ),
                )


@rule("M007", "monitoring.missing-report", Severity.WARNING)
def missing_report(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program scheduled in a year being reported has no report for it.

    A year is being reported once its folder monitoring/<year>/ holds a
    file; then every program whose years include it needs its file.

    Failing: monitoring/2025/ exists, the program runs 2025–2026, and
    monitoring/2025/eco-pasar-digital.yaml does not.

    Passing: `smartplan monitor new --year 2025` writes the missing files.
    """
    years = sorted({y for rel in ctx.files if (y := folder_year(rel)) is not None})
    for year in years:
        for program in ctx.programs:
            rel = f"monitoring/{year}/{program.id}.yaml"
            if program.start <= year <= program.end and rel not in ctx.files:
                yield Hit(
                    rel,
                    "",
                    lazy(
                        "program %(id)s runs in %(year)s but has no report for it",
                        id=program.id,
                        year=year,
                    ),
                    lazy(
                        "smartplan monitor new --year %(year)s writes the missing files", year=year
                    ),
                )


@rule("M008", "monitoring.evidence")
def evidence(ctx: PlanContext) -> Iterator[Hit]:
    """
    An evidence path does not exist in the plan folder, or leads out of it.

    Evidence is never fetched: a path names a file inside the plan folder; a
    web address or a document elsewhere goes in `citation`.

    Failing:

        evidence:
          - {path: bukti/sk-tim.pdf}   # no such file

    Passing:

        evidence:
          - {citation: "Keputusan Bupati Nomor 12 Tahun 2025"}
    """
    root = ctx.root
    if root is None:
        return
    resolved_root = root.resolve()
    for report in _reports(ctx):
        for item in report.evidence:
            if item.path is None:
                continue
            pointer = f"/evidence/{item.index}/path"
            if "://" in item.path or item.path.startswith(("/", "\\")) or ":" in item.path[:3]:
                yield Hit(
                    report.source.file,
                    pointer,
                    lazy(
                        "evidence path %(path)r is not a path inside the plan folder",
                        path=item.path,
                    ),
                    lazy("write a web address or an outside document as citation: instead"),
                )
                continue
            target = root / Path(item.path)
            try:
                target.resolve().relative_to(resolved_root)
            except (ValueError, OSError, RuntimeError):
                yield Hit(
                    report.source.file,
                    pointer,
                    lazy("evidence path %(path)r leads outside the plan folder", path=item.path),
                )
                continue
            if not target.is_file():
                yield Hit(
                    report.source.file,
                    pointer,
                    lazy(
                        "evidence file %(path)r does not exist in the plan folder", path=item.path
                    ),
                    lazy("paths are relative to the folder holding plan.yaml"),
                )


@rule("M009", "monitoring.done-below-target", Severity.WARNING)
def done_below_target(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program reported done has an indicator below its target.

    Failing: the target for 2025 is 10

        status: done
        indicators:
          - {id: capaian, realisation: 8}

    Passing:

        status: done
        indicators:
          - {id: capaian, realisation: 10}
    """
    config = ctx.plan.monitoring.config
    for report in _reports(ctx):
        program = _known(ctx, report)
        if program is None or report.status != "done":
            continue
        indicators = {i.id: i for i in program.indicators}
        for item in report.indicators:
            indicator = indicators.get(item.id)
            if indicator is None:
                continue
            target = item.target
            if target is None and report.year in indicator.targets:
                target = Decimal(repr(float(indicator.targets[report.year])))
            mode = mode_of(indicator, item, config)
            reached = achievement(target, year_realisation(item, mode), indicator.direction, config)
            if reached.value is not None and reached.value < 100:
                yield Hit(
                    report.source.file,
                    f"/indicators/{item.index}",
                    lazy(
                        "the program is done but %(id)s reached %(value)s %% of its target",
                        id=item.id,
                        value=shown(reached.value, 1),
                    ),
                    lazy("report the program as running, or explain the shortfall in a note"),
                )


@rule("M010", "monitoring.progress")
def progress(ctx: PlanContext) -> Iterator[Hit]:
    """
    Progress lies outside 0–100 %.

    Failing:

        progress: 120

    Passing:

        progress: 100
    """
    for report in _reports(ctx):
        if report.progress is not None and not 0 <= report.progress <= 100:
            yield Hit(
                report.source.file,
                "/progress",
                lazy("progress %(value)s %% lies outside 0–100", value=_num(report.progress)),
            )


@rule("M011", "monitoring.index", Severity.WARNING)
def index(ctx: PlanContext) -> Iterator[Hit]:
    """
    The recorded final index differs from the one recomputed from its dimension scores.

    The final index is the weighted mean of the five dimension scores, with
    the weights of plan.yaml `monitoring.evaluation` (default 10/20/30/20/20);
    a difference up to the tolerance (default 0.01) is accepted, since the
    published scores are themselves rounded.

    Failing:

        dimensions: {baseline: 3.60, output: 3.21, outcome: 3.23, impact: 3.07, quick_win: 3.65}
        final_index: 3.51

    Passing:

        dimensions: {baseline: 3.60, output: 3.21, outcome: 3.23, impact: 3.07, quick_win: 3.65}
        final_index: 3.31
    """
    config = ctx.plan.monitoring.config
    weights = "/".join(_num(config.weights[d]) for d in config.weights)
    for year, actuals in sorted(ctx.plan.monitoring.years.items()):
        result = index_result(ctx.plan, year)
        if result is None or result.matches is not False or actuals.annual is None:
            continue
        assert result.computed is not None and result.recorded is not None
        yield Hit(
            actuals.annual.source.file,
            "/evaluation/final_index",
            lazy(
                "the recorded final index %(recorded)s differs from %(computed)s recomputed from "
                "the dimension scores (weights %(weights)s, tolerance %(value)s)",
                recorded=shown(result.recorded),
                computed=shown(result.computed, 3),
                weights=weights,
                value=_num(config.tolerance),
            ),
            lazy("check the scores and the weights in plan.yaml monitoring.evaluation"),
        )
