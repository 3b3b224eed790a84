"""Reporters of ``smartplan evaluate``: a terminal table, JSON and CSV.

Plain functions over an :class:`~smartplan.monitor.evaluate.Evaluation`;
each writes to the stream it is given. Percentages are rounded once, half up,
to two decimals (JSON numbers, CSV cells) or one (the table); rupiah stay
whole numbers.

JSON keys (stable): ``year``, ``config``, ``summary``, ``pillars``,
``agencies``, ``sources``, ``quarters``, ``programs``, ``evaluation``,
``trend``, ``foundation``, ``spbe``, ``off_track``, ``missing_reports``,
``missing_evidence``, ``carried_over``, ``unreadable``, ``explain``.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction
from typing import Any, TextIO

from smartplan.i18n import N_, _, localize
from smartplan.io.jsonout import write_json as _write_json
from smartplan.monitor.evaluate import (
    Achievement,
    Evaluation,
    GroupResult,
    IndicatorRow,
    ProgramResult,
    Step,
    explain,
    shown,
)
from smartplan.monitor.model import Band
from smartplan.text import rupiah

QUARTERS = ("I", "II", "III", "IV")

#: the table's headers by column key
COLUMNS = {
    "Pillar": N_("Pillar"),
    "Running": N_("Running"),
    "Ceiling": N_("Ceiling"),
    "Realisation": N_("Realisation"),
    "Budget": N_("Budget"),
    "Progress": N_("Progress"),
    "Achievement": N_("Achievement"),
    "Band": N_("Band"),
    "Program": N_("Program"),
    "Status": N_("Status"),
    "Source": N_("Source"),
    "Agency": N_("Agency"),
}


# --------------------------------------------------------------------------- plain data


def _pct(value: Fraction | None) -> float | None:
    rounded = shown(value)
    return None if rounded is None else float(rounded)


def _value(value: Fraction | str | None) -> int | float | str | None:
    """An indicator value: whole numbers as integers, others to four decimals."""
    if value is None or isinstance(value, str):
        return value
    if value.denominator == 1:
        return value.numerator
    rounded = shown(value, 4)
    assert rounded is not None
    return float(rounded.normalize())


def _band(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {"min": float(band.min), "label": {"id": band.label.id, "en": band.label.en}}


def _achievement(item: Achievement) -> dict[str, Any]:
    return {"pct": _pct(item.value), "rule": item.how}


def _group(group: GroupResult, key: str) -> dict[str, Any]:
    return {
        key: group.key,
        "planned": group.planned,
        "active": group.active,
        "active_pct": _pct(group.active_share),
        "ceiling": group.ceiling,
        "realisation": group.realisation,
        "budget_pct": _pct(group.budget_pct),
        "progress_pct": _pct(group.progress),
        "achievement_pct": _pct(group.achievement),
        "band": _band(group.band),
    }


def _indicator(row: IndicatorRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "unit": row.unit,
        "direction": row.direction,
        "mode": row.mode,
        "end_of_period_target": _value(row.end_target),
        "realisation_before": _value(row.before),
        "target": _value(row.target),
        "quarters": [_value(q) for q in row.quarters],
        "realisation": _value(row.realisation),
        "achievement": _achievement(row.achievement),
        "cumulative": _value(row.cumulative),
        "cumulative_achievement": _achievement(row.cumulative_achievement),
    }


def _program(p: ProgramResult) -> dict[str, Any]:
    b = p.budget
    return {
        "id": p.id,
        "name": p.name,
        "pillar": p.pillar,
        "agency": p.agency,
        "quick_win": p.quick_win,
        "scheduled": p.scheduled,
        "reported": p.reported,
        "status": p.status,
        "progress_pct": _pct(p.progress),
        "achievement_pct": _pct(p.achievement),
        "band": _band(p.band),
        "evidence": p.evidence,
        "people_served": p.people_served,
        "innovation": p.innovation,
        "budget": {
            "end_of_period_target": b.end_target,
            "realisation_before": b.before,
            "target": b.target,
            "quarters": list(b.quarters),
            "realisation": b.realisation,
            "achievement_pct": _pct(b.achievement),
            "cumulative": b.cumulative,
            "cumulative_achievement_pct": _pct(b.cumulative_achievement),
        },
        "by_source": [
            {"source": s, "ceiling": c, "realisation": r, "budget_pct": _pct(_ratio(r, c))}
            for s, (c, r) in p.by_source.items()
        ],
        "indicators": [_indicator(row) for row in p.indicators],
        "obstacles": list(p.obstacles),
        "follow_up": list(p.follow_up),
        "file": p.file,
    }


def _ratio(part: int, whole: int) -> Fraction | None:
    return None if whole == 0 else Fraction(part * 100, whole)


def _dec(value: Decimal | Fraction | None, places: int = 2) -> float | None:
    rounded = shown(value, places)
    return None if rounded is None else float(rounded)


def document(result: Evaluation, explain_id: str | None = None) -> dict[str, Any]:
    """Every figure of ``result`` as plain JSON data with stable keys."""
    config = result.config
    index = result.index
    annual = result.annual
    total_quarters = sum(result.quarters)
    ceiling = result.total.ceiling if result.total else 0
    running = 0
    quarters = []
    for name, amount in zip(QUARTERS, result.quarters, strict=True):
        running += amount
        quarters.append(
            {
                "quarter": name,
                "realisation": amount,
                "cumulative": running,
                "share_pct": _pct(_ratio(amount, total_quarters)),
                "cumulative_of_ceiling_pct": _pct(_ratio(running, ceiling)),
            }
        )
    return {
        "year": result.year,
        "config": {
            "bands": [_band(b) for b in config.bands],
            "bands_source": config.bands_source,
            "off_track_below": float(config.off_track_below),
            "rollup": config.rollup,
            "zero_realisation": config.zero_realisation,
            "achievement_cap": _dec(config.achievement_cap),
            "indicator_mode": config.indicator_mode,
            "weights": {d: float(w) for d, w in config.weights.items()},
            "weights_source": config.weights_source,
            "tolerance": float(config.tolerance),
            "from_plan": list(config.configured),
        },
        "summary": _group(result.total, "scope") if result.total else None,
        "pillars": [_group(g, "pillar") for g in result.pillars],
        "agencies": [_group(g, "agency") for g in result.agencies],
        "sources": [
            {
                "source": g.key,
                "ceiling": g.ceiling,
                "realisation": g.realisation,
                "budget_pct": _pct(g.budget_pct),
            }
            for g in result.sources
        ],
        "quarters": quarters,
        "programs": [_program(p) for p in result.programs],
        "evaluation": None
        if index is None
        else {
            "dimensions": {d: _dec(v) for d, v in index.dimensions.items()},
            "recorded": _dec(index.recorded),
            "computed": _dec(index.computed, 3),
            "matches": index.matches,
            "rank": index.rank,
            "of": index.of,
            "improvement": _dec(index.improvement),
        },
        "trend": [
            {"year": r.year, "final_index": _dec(r.final), "improvement": _dec(r.improvement)}
            for r in result.trend
        ],
        "foundation": None
        if annual is None
        else {
            key: {"status": d.status, "number": d.number, "date": d.date}
            for key, d in annual.foundation.items()
        },
        "spbe": None
        if annual is None or annual.spbe_index is None
        else {"index": _dec(annual.spbe_index), "predicate": annual.spbe_predicate},
        "off_track": list(result.off_track),
        "missing_reports": list(result.missing_reports),
        "missing_evidence": list(result.missing_evidence),
        "carried_over": [{"program": p, "action": a} for p, a in result.carried_over],
        "unreadable": list(result.unreadable),
        "explain": None
        if explain_id is None
        else {
            "program": explain_id,
            "steps": [
                {"what": s.what, "formula": s.formula, "value": s.value}
                for s in explain(result, explain_id)
            ],
        },
    }


def write_json(result: Evaluation, stream: TextIO, explain_id: str | None = None) -> None:
    """The whole evaluation as one JSON object."""
    _write_json(document(result, explain_id), stream)


# --------------------------------------------------------------------------- csv

CSV_HEADER = (
    "year", "pillar", "program", "agency", "status", "row", "indicator", "unit", "direction",
    "mode", "end_of_period_target", "realisation_before", "target", "q1", "q2", "q3", "q4",
    "realisation", "achievement_pct", "cumulative", "cumulative_achievement_pct",
    "program_achievement_pct", "band",
)  # fmt: skip


def _cell(value: Any, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, float):
        text = format(Decimal(repr(value)).normalize(), "f")
    return text.replace(".", ",") if decimal_comma and isinstance(value, float) else text


def write_csv(result: Evaluation, stream: TextIO, *, decimal_comma: bool = False) -> None:
    """The Permendagri 86 table: one row per indicator and one rupiah row per program.

    ``decimal_comma`` writes semicolons and decimal commas (Excel with
    Indonesian regional settings). The caller adds the byte-order mark.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if decimal_comma else ",", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for p in result.programs:
        data = _program(p)
        band = p.band.label.id if p.band else None
        head = [result.year, p.pillar, p.id, p.agency, p.status]
        tail = [data["achievement_pct"], band]
        for row in data["indicators"]:
            cells = [
                "indicator", row["id"], row["unit"], row["direction"], row["mode"],
                row["end_of_period_target"], row["realisation_before"], row["target"],
                *row["quarters"], row["realisation"], row["achievement"]["pct"],
                row["cumulative"], row["cumulative_achievement"]["pct"],
            ]  # fmt: skip
            writer.writerow([_cell(v, decimal_comma) for v in head + cells + tail])
        b = data["budget"]
        cells = [
            "budget", "", "Rp", "", "sum", b["end_of_period_target"], b["realisation_before"],
            b["target"], *b["quarters"], b["realisation"], b["achievement_pct"],
            b["cumulative"], b["cumulative_achievement_pct"],
        ]  # fmt: skip
        writer.writerow([_cell(v, decimal_comma) for v in head + cells + tail])
    stream.write(buffer.getvalue())


# --------------------------------------------------------------------------- table


def _p(value: Fraction | None, places: int = 1) -> str:
    rounded = shown(value, places)
    return "—" if rounded is None else f"{rounded} %"


def _label(band: Band | None, lang: str) -> str:
    return band.label.get(lang) if band else "—"


def write_table(
    result: Evaluation,
    stream: TextIO,
    *,
    lang: str = "id",
    explain_id: str | None = None,
    color: bool | None = None,
) -> None:
    """Rich tables for a terminal: summary, pillars, sources, quarters, index, lists."""
    from rich.console import Console
    from rich.table import Table

    from smartplan.render.formatting import Formatter

    console = Console(file=stream, highlight=False, force_terminal=color, no_color=color is False)
    money = Formatter(lang).rupiah_compact
    config = result.config
    total = result.total
    console.print(
        "[bold]" + _("Monitoring and evaluation %(year)s") % {"year": result.year} + "[/bold]",
        soft_wrap=True,
    )
    if total is not None:
        achieved = (
            _("achievement %(pct)s — %(band)s")
            % {"pct": _p(total.achievement), "band": _label(total.band, lang)}
            if total.achievement is not None
            else _("no indicator realisation reported yet")
        )
        console.print(
            _(
                "%(active)s of %(planned)s planned programs running or done (%(share)s); "
                "budget %(spent)s of %(ceiling)s (%(budget)s); %(achieved)s"
            )
            % {
                "active": total.active,
                "planned": total.planned,
                "share": _p(total.active_share),
                "spent": rupiah(total.realisation),
                "ceiling": rupiah(total.ceiling),
                "budget": _p(total.budget_pct),
                "achieved": achieved,
            },
            soft_wrap=True,
        )
    console.print(
        _(
            "bands: %(bands)s; roll-up: %(rollup)s; zero realisation (lower is better): "
            "%(zero)s; indicators: %(mode)s unless given"
        )
        % {
            "bands": config.bands_source,
            "rollup": config.rollup,
            "zero": config.zero_realisation,
            "mode": config.indicator_mode,
        },
        soft_wrap=True,
    )
    if explain_id is not None:
        _print_explain(console, result, explain_id, lang)
        return
    table = Table(title=_("By pillar"))
    for name in ("Pillar", "Running", "Ceiling", "Realisation", "Budget", "Progress",
                 "Achievement", "Band"):  # fmt: skip
        table.add_column(
            _(COLUMNS[name]), justify="left" if name in ("Pillar", "Band") else "right"
        )
    for g in result.pillars:
        table.add_row(
            g.key,
            f"{g.active}/{g.planned}",
            money(g.ceiling),
            money(g.realisation),
            _p(g.budget_pct),
            _p(g.progress),
            _p(g.achievement),
            _label(g.band, lang),
        )
    console.print(table)
    table = Table(title=_("By program"))
    for name in ("Program", "Status", "Progress", "Budget", "Achievement", "Band"):
        justify = "left" if name in ("Program", "Status", "Band") else "right"
        table.add_column(_(COLUMNS[name]), justify=justify)  # type: ignore[arg-type]
    for p in result.programs:
        table.add_row(
            p.id, p.status, _p(p.progress), _p(p.budget.achievement), _p(p.achievement),
            _label(p.band, lang),
        )  # fmt: skip
    console.print(table)
    table = Table(title=_("By funding source"))
    for name in ("Source", "Ceiling", "Realisation", "Budget"):
        table.add_column(_(COLUMNS[name]), justify="left" if name == "Source" else "right")
    for g in result.sources:
        table.add_row(g.key, money(g.ceiling), money(g.realisation), _p(g.budget_pct))
    console.print(table)
    table = Table(title=_("By agency"))
    for name in ("Agency", "Running", "Ceiling", "Realisation", "Budget", "Achievement"):
        table.add_column(_(COLUMNS[name]), justify="left" if name == "Agency" else "right")
    for g in result.agencies:
        table.add_row(
            g.key, f"{g.active}/{g.planned}", money(g.ceiling), money(g.realisation),
            _p(g.budget_pct), _p(g.achievement),
        )  # fmt: skip
    console.print(table)
    spending = ", ".join(f"{q} {rupiah(v)}" for q, v in zip(QUARTERS, result.quarters, strict=True))
    console.print(_("Spending by quarter: %(quarters)s") % {"quarters": spending}, soft_wrap=True)
    _print_index(console, result)
    for title, items in (
        (_("Off track"), result.off_track),
        (_("No report"), result.missing_reports),
        (_("No evidence"), result.missing_evidence),
        (_("Unreadable"), result.unreadable),
    ):
        if items:
            console.print(f"{title} ({len(items)}): {', '.join(items)}", soft_wrap=True)
    if result.carried_over:
        console.print(_("Follow-ups carried over from %(year)s:") % {"year": result.year - 1})
        for program, action in result.carried_over:
            console.print(f"  {program}: {action}", soft_wrap=True)


def _print_index(console: Any, result: Evaluation) -> None:
    index = result.index
    if index is None:
        console.print(_("Ministry evaluation: not recorded for this year"))
        return
    dims = ", ".join(f"{d} {shown(v)}" for d, v in index.dimensions.items())
    weights = "/".join(format(w.normalize(), "f") for w in result.config.weights.values())
    line = _("Ministry evaluation %(year)s: %(dimensions)s") % {
        "year": result.year,
        "dimensions": dims,
    }
    if index.computed is not None:
        line += "; " + _("recomputed %(index)s (weights %(weights)s)") % {
            "index": shown(index.computed, 3),
            "weights": weights,
        }
    if index.recorded is not None:
        line += "; " + _("recorded %(index)s") % {"index": shown(index.recorded)}
    if index.matches is False:
        line += " [yellow]— " + _("differs from the recomputed index") + "[/yellow]"
    if index.rank is not None:
        if index.of:
            line += "; " + _("rank %(rank)s of %(of)s") % {"rank": index.rank, "of": index.of}
        else:
            line += "; " + _("rank %(rank)s") % {"rank": index.rank}
    if index.improvement is not None:
        line += "; " + _("change on %(year)s: %(change)s") % {
            "year": result.year - 1,
            "change": f"{shown(index.improvement):+}",
        }
    console.print(line, soft_wrap=True)


def _print_explain(console: Any, result: Evaluation, program_id: str, lang: str) -> None:
    program = result.program(program_id)
    assert program is not None
    console.print(
        f"[bold]{program.id}[/bold] — {program.name}: {program.status}, "
        + _("achievement %(pct)s") % {"pct": _p(program.achievement, 2)}
        + f", {_label(program.band, lang)}",
        soft_wrap=True,
    )
    for step in explain(result, program_id):
        console.print(
            f"  {localize(step.what)}: {localize(step.formula)} = [bold]{step.value}[/bold]",
            soft_wrap=True,
        )
    console.print(_("Percentages are computed exactly and rounded once, half up, for display."))


__all__ = ["Step", "document", "write_csv", "write_json", "write_table"]
