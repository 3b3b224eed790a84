"""prioritize's reporters: ``table`` (rich, for a terminal), ``json`` and ``csv``.

* ``table``: the weights (with the AHP consistency ratio), the ranking and the
  quick-win grid, or one program's arithmetic; then stability and roadmap.
* ``json``: one object with the keys ``ranking``, ``explain``, ``sensitivity``
  and ``roadmap`` (``null`` when not asked for); every figure, keys as in the
  ``to_dict`` of the result types in :mod:`smartplan.prioritize.result`.
* ``csv``: one row per program, UTF-8 **with a byte-order mark** so Excel
  recognises the encoding. Style ``standard`` separates with commas and writes
  decimal points; ``excel-id`` separates with semicolons and writes decimal
  commas, which is what Excel expects on a computer set to Indonesian
  regional settings.

Each takes a :class:`~smartplan.prioritize.result.PrioritizeResult` and a text
stream. Rich, csv and Babel are imported only by the reporter that needs them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from smartplan.i18n import N_, _, localize, ngettext
from smartplan.report import CSV_STYLES
from smartplan.text import fixed, inert, round_half_up

if TYPE_CHECKING:
    from rich.console import Console

    from smartplan.model import Plan
    from smartplan.prioritize import (
        Prioritization,
        ProgramScore,
        Roadmap,
        SensitivityResult,
    )
    from smartplan.prioritize.result import PrioritizeResult


QUADRANT_LABELS = {
    "quick_win": N_("quick win"),
    "major_project": N_("major project"),
    "fill_in": N_("fill-in"),
    "thankless_task": N_("thankless task"),
}

#: the ranking table's headers by column key (the keys stay English in the code)
COLUMNS = {
    "#": "#",
    "Before": N_("Before"),
    "Program": N_("Program"),
    "Pillar": N_("Pillar"),
    "Score": N_("Score"),
    "QW": N_("QW"),
    "Lead agency": N_("Lead agency"),
    "Budget": N_("Budget"),
}


def _warning(text: str) -> str:
    return "[yellow]" + _("warning:") + f"[/yellow] {localize(text)}"


# --------------------------------------------------------------------------
# json


def write_json(result: PrioritizeResult, out: TextIO) -> None:
    """Every figure as one JSON object, the lists cut to the programs shown."""
    ranking, rows, explained = result.ranking, result.shown, result.explained
    stability, roadmap = result.sensitivity, result.roadmap
    data = ranking.to_dict()
    shown = {p.id for p in rows}
    data["programs"] = [p.to_dict() for p in rows]
    quick = data["quick_wins"]
    for key in ("placements", "declared_problems", "candidates"):
        quick[key] = [item for item in quick[key] if item["id"] in shown]
    explain_data: dict[str, Any] | None = None
    if explained is not None:
        explain_data = explained.to_dict()
        spot = ranking.quick_wins.placement(explained.id)
        explain_data["grid"] = spot.to_dict() if spot is not None else None
    document = {
        "ranking": data,
        "explain": explain_data,
        "sensitivity": stability.to_dict() if stability is not None else None,
        "roadmap": roadmap.to_dict() if roadmap is not None else None,
    }
    from smartplan.io.jsonout import write_json as dump

    dump(document, out)


# --------------------------------------------------------------------------
# csv


def _csv_number(value: float | int | None, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = repr(round(value, 6))
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", ",") if decimal_comma else text


#: first characters that make a spreadsheet read a cell as a formula (OWASP,
#: "CSV Injection"): ``=HYPERLINK(...)`` in a program name would run on opening
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """A text cell made safe for spreadsheets: a leading formula character gets a ``'``.

    Only text fields pass through here (numbers are written by
    :func:`_csv_number` and stay numbers, ``-5`` included). Newlines inside a
    name are kept; the csv module quotes the cell.
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_csv(result: PrioritizeResult, out: TextIO, *, style: str = "standard") -> None:
    """One row per program shown, with a byte-order mark; ``style`` is one of CSV_STYLES."""
    if style not in CSV_STYLES:
        raise ValueError(f"unknown CSV style {style!r}")
    ranking, rows = result.ranking, result.shown
    stability, roadmap = result.sensitivity, result.roadmap
    decimal_comma = style == "excel-id"
    delimiter = ";" if decimal_comma else ","

    def num(value: float | int | None) -> str:
        return _csv_number(value, decimal_comma)

    criteria = [c.id for c in ranking.criteria.criteria]
    header = [
        "rank",
        "id",
        "name",
        "name_en",
        "pillar",
        "element",
        "lead_agency",
        "quick_win",
        "start",
        "end",
        "total_budget",
    ]
    for c in criteria:
        header += [f"{c}_raw", f"{c}_normalised", f"{c}_weight", f"{c}_points"]
    header += ["base_rank", "base_score", "pillar_factor", "pillar_bonus", "score", "guaranteed"]
    header += ["impact", "effort", "effort_criteria", "effort_budget", "effort_duration"]
    header += ["quadrant"]
    ranges = {r.id: r for r in stability.programs} if stability is not None else {}
    mc = stability.monte_carlo if stability is not None else None
    draws = {d.id: d for d in mc.programs} if mc is not None else {}
    if stability is not None:
        header += ["min_rank", "max_rank"]
    if mc is not None:
        header += ["mc_min_rank", "mc_median_rank", "mc_max_rank", "mc_top_share"]
    placed = {s.id: s for s in roadmap.scheduled} if roadmap is not None else {}
    left_out = {u.id: u for u in roadmap.unscheduled} if roadmap is not None else {}
    if roadmap is not None:
        header += [
            "roadmap_start",
            "roadmap_end",
            "roadmap_shift",
            "roadmap_value",
            "not_scheduled_because",
            "roadmap_moved_because",
        ]

    spots = {g.id: g for g in ranking.quick_wins.placements}
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for p in rows:
        row = [
            str(p.rank),
            csv_text(p.id),
            csv_text(p.name),
            csv_text(p.name_en or ""),
            csv_text(p.pillar),
            csv_text(p.element),
            csv_text(p.lead_agency),
            num(p.quick_win),
            str(p.start),
            str(p.end),
            str(p.total_budget),
        ]
        for part in p.parts:
            row += [num(part.raw), num(part.normalised), num(part.weight), num(part.contribution)]
        spot = spots.get(p.id)
        row += [
            str(p.base_rank),
            num(p.base_score),
            num(p.pillar_factor),
            num(p.pillar_bonus),
            num(p.score),
            num(p.guaranteed),
            num(spot.impact) if spot else "",
            num(spot.effort) if spot else "",
            num(spot.effort_criteria) if spot else "",
            num(spot.effort_budget) if spot else "",
            num(spot.effort_duration) if spot else "",
            csv_text(spot.quadrant) if spot else "",
        ]
        if stability is not None:
            r = ranges[p.id]
            row += [str(r.min_rank), str(r.max_rank)]
        if mc is not None:
            d = draws[p.id]
            row += [str(d.min_rank), num(d.median_rank), str(d.max_rank), num(d.top_share)]
        if roadmap is not None:
            s = placed.get(p.id)
            u = left_out.get(p.id)
            row += [
                str(s.start) if s else "",
                str(s.end) if s else "",
                str(s.shift) if s else "",
                num(s.value) if s else "",
                csv_text(u.reason) if u else "",
                csv_text(s.reason) if s and s.reason else "",
            ]
        writer.writerow(row)
    data = buffer.getvalue().encode("utf-8-sig")
    # bytes straight to the binary stream when there is one: the rows end in
    # CRLF already, and a text stream would translate newlines (on Windows)
    raw = getattr(out, "buffer", None)
    if raw is not None:
        out.flush()
        raw.write(data)
        raw.flush()
    else:
        out.write(data.decode("utf-8"))


# --------------------------------------------------------------------------
# table


def _soft(console: Console) -> bool:
    """Long lines stay whole in a file or pipe; on a terminal they wrap between words."""
    return not console.is_terminal


def _bar(score: float, width: int = 10) -> str:
    """A bar of ``width`` cells for 0..100, in eighths of a cell."""
    eighths = round(max(0.0, min(100.0, score)) / 100 * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + ("▏▎▍▌▋▊▉"[part - 1] if part else "")).ljust(width)


def _pct(value: float) -> str:
    return f"{fixed(value * 100, 1)} %"


def _signed_pct(value: float | None) -> str:
    if value is None:
        return _("never")
    from decimal import Decimal

    shown = round_half_up(Decimal(repr(value)) * 100, 1)
    return f"{'+' if shown >= 0 else ''}{shown} %"


def write_table(
    result: PrioritizeResult, out: TextIO, *, width: int | None = None, color: bool = False
) -> None:
    """Rich tables for a terminal; ``width`` None measures the terminal (or COLUMNS)."""
    from smartplan.render.formatting import Formatter
    from smartplan.report.terminal import make_console

    plan, ranking, rows, explained = result.plan, result.ranking, result.shown, result.explained
    stability, roadmap, pillar = result.sensitivity, result.roadmap, result.pillar
    console = make_console(out, color, width=width)
    assert plan.info is not None
    lang = plan.info.language if plan.info.language in ("id", "en") else "id"
    fmt = Formatter(lang)
    console.print(
        f"[bold]{_safe(plan.info.title.get(lang))}[/bold] — "
        + ngettext("%(n)d program", "%(n)d programs", len(ranking.programs))
        % {"n": len(ranking.programs)},
        soft_wrap=_soft(console),
    )
    _print_weights(console, ranking)
    for warning in ranking.warnings:
        console.print(_warning(warning), soft_wrap=_soft(console))

    if explained is not None:
        _print_explain(console, plan, ranking, explained)
    else:
        _print_ranking(console, plan, ranking, rows, pillar, fmt, lang)
        _print_quick_wins(console, ranking, {p.id for p in rows}, pillar is not None)
    if stability is not None:
        _print_sensitivity(console, stability, rows)
    if roadmap is not None:
        _print_roadmap(console, roadmap, result.planned_by_year, fmt)


def _print_weights(console: Console, ranking: Prioritization) -> None:
    criteria = ranking.criteria
    ahp = criteria.ahp
    method = f"AHP, {ahp.method}" if ahp is not None else _("given, normalised to sum 1")
    weights = ", ".join(f"{c.id} {_pct(c.weight)}" for c in criteria.criteria)
    console.print(
        _("Criteria weights (%(method)s): %(weights)s") % {"method": method, "weights": weights},
        soft_wrap=_soft(console),
    )
    if ahp is not None:
        _print_consistency(console, _("criteria"), ahp)
    pillars = ranking.pillars
    how = {"equal": _("equal"), "direct": _("given"), "ahp": "AHP"}[pillars.method]
    if pillars.priority_pillar:
        how += "; " + _("priority pillar %(pillar)s") % {"pillar": pillars.priority_pillar}
        if pillars.priority_boost != 1:
            how += f" ×{pillars.priority_boost:g}"
    ordered = sorted(pillars.pillars, key=lambda p: (-p.relative, p.pillar))
    if pillars.emphasis == "factor":
        factors = ", ".join(f"{p.pillar} {fixed(p.factor, 2)}" for p in ordered)
        line = _(
            "Pillar emphasis: factor (%(how)s; score × pillar weight ÷ largest): %(factors)s"
        ) % {"how": how, "factors": factors}
    elif pillars.emphasis == "bonus":
        bonuses = ", ".join(f"{p.pillar} +{fixed(p.bonus, 1)}" for p in ordered)
        line = _(
            "Pillar emphasis: bonus (%(how)s; score + %(points)s × pillar weight ÷ largest): "
            "%(bonuses)s"
        ) % {"how": how, "points": f"{pillars.bonus_points:g}", "bonuses": bonuses}
    else:
        weights = ", ".join(f"{p.pillar} {_pct(p.weight)}" for p in ordered)
        line = _("Pillar emphasis: none (weights %(how)s, shown only): %(weights)s") % {
            "how": how,
            "weights": weights,
        }
    console.print(line, soft_wrap=_soft(console))
    if pillars.guarantee_top is not None:
        console.print(
            ngettext(
                "Guaranteed presence: at least %(n)d program of every pillar in the top %(top)d",
                "Guaranteed presence: at least %(n)d programs of every pillar in the top %(top)d",
                pillars.guarantee_per_pillar,
            )
            % {"n": pillars.guarantee_per_pillar, "top": pillars.guarantee_top},
            soft_wrap=_soft(console),
        )
    if pillars.ahp is not None:
        _print_consistency(console, _("pillar"), pillars.ahp)


def _print_consistency(console: Console, what: str, ahp: Any) -> None:
    verdict = (
        "[green]" + _("consistent") + "[/green]"
        if ahp.consistent
        else "[red]" + _("inconsistent") + "[/red]"
    )
    table = "Saaty" if ahp.ri_table == "saaty" else "Donegan–Dodd"
    line = _(
        "AHP consistency (%(what)s): λmax %(lambda_max)s, CI %(ci)s, CR %(cr)s with %(table)s "
        "RI %(ri)s (n = %(n)s) — %(verdict)s, CR ≤ 0.10"
    ) % {
        "what": what,
        "lambda_max": fixed(ahp.lambda_max, 3),
        "ci": fixed(ahp.ci, 4),
        "cr": fixed(ahp.cr, 3),
        "table": table,
        "ri": f"{ahp.ri:g}",
        "n": ahp.n,
        "verdict": verdict,
    }
    if ahp.completed:
        count = len(ahp.completed)
        line += "; " + ngettext(
            "%(n)d missing judgement completed by Harker's method",
            "%(n)d missing judgements completed by Harker's method",
            count,
        ) % {"n": count}
    console.print(line, soft_wrap=_soft(console))


def _print_ranking(
    console: Console,
    plan: Plan,
    ranking: Prioritization,
    rows: tuple[ProgramScore, ...],
    pillar: str | None,
    fmt: Any,
    lang: str,
) -> None:
    from rich.markup import escape
    from rich.table import Table

    from smartplan.prioritize.quickwins import MEETS_RULES

    title = (
        _("Top %(n)d in %(pillar)s") % {"n": len(rows), "pillar": pillar}
        if pillar
        else _("Top %(n)d") % {"n": len(rows)}
    )
    table = Table(title=title, title_justify="left", expand=False)
    ready = {f.id for f in ranking.quick_wins.candidates if f.reasons == (MEETS_RULES,)}
    # the bar shrinks, then goes, on narrow terminals
    bar_width = 10 if console.width >= 110 else 5 if console.width >= 95 else 0
    cells = []
    for p in rows:
        program = plan.programs.get(p.id)
        agency = plan.agencies.get(p.lead_agency)
        cells.append(
            {
                "#": str(p.rank),
                "Before": str(p.base_rank) + ("*" if p.guaranteed else ""),
                "Program": (inert(program.name.get(lang) if program is not None else p.name), p.id),
                "Pillar": p.pillar,
                "Score": f"{fixed(p.score, 1):>5} [cyan]{_bar(p.score, bar_width)}[/cyan]"
                if bar_width
                else f"{fixed(p.score, 1):>5}",
                "QW": "★" if p.quick_win else "☆" if p.id in ready else "",
                "Lead agency": _safe(agency.short) if agency is not None else p.lead_agency,
                "Budget": fmt.rupiah_compact(p.total_budget),
            }
        )
    shown, dropped = _fit_columns(cells, console.width, bar_width)
    for name in shown:
        justify = {"#": "right", "Before": "right", "QW": "center", "Budget": "right"}.get(
            name, "left"
        )
        if name == "Program":
            # never narrower than the longest id: an id is never split, names wrap between words
            widest = max([16, *(len(c["Program"][1]) for c in cells)])
            table.add_column(_(COLUMNS[name]), min_width=widest, overflow="fold")
        else:
            table.add_column(_(COLUMNS[name]), justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for c in cells:
        name, pid = c["Program"]
        row = {**c, "Program": f"{escape(name)}\n[dim]{pid}[/dim]"}
        table.add_row(*(row[n] for n in shown))
    console.print(table)
    if dropped:
        left_out = ", ".join(_(COLUMNS[name]) for name in dropped)
        console.print(
            "[dim]"
            + _("left out at this width: %(columns)s (a wider terminal or --format csv shows them)")
            % {"columns": left_out}
            + "[/dim]"
        )
    console.print(
        "[dim]"
        + _("Before: rank by the criteria alone, before the pillar emphasis")
        + (
            "; " + _("* moved up by the guaranteed presence")
            if any(p.guaranteed for p in rows)
            else ""
        )
        + "[/dim]",
        soft_wrap=_soft(console),
    )
    console.print(
        "[dim]"
        + _(
            "★ declared quick win   ☆ could be one: in the quick-win quadrant and "
            "meets the rules, not declared"
        )
        + "[/dim]"
    )


#: ranking columns left out first when the terminal is narrow, in that order
_DROPPABLE = ("Lead agency", "Pillar")


def _fit_columns(
    cells: list[dict[str, Any]], width: int, bar_width: int
) -> tuple[list[str], list[str]]:
    """The ranking columns that fit ``width`` whole, and those left out (never a split word).

    A rich table with borders takes each column's width plus 3, plus 1; the
    Program column needs at least its longest id (or word of a name).
    """

    def need(name: str) -> int:
        if name == "Program":
            longest = [len(c["Program"][1]) for c in cells]
            longest += [len(w) for c in cells for w in c["Program"][0].split()]
            return max([16, *longest])
        if name == "Score":
            return 5 + (1 + bar_width if bar_width else 0)
        return max([len(_(COLUMNS[name])), *(len(str(c[name])) for c in cells)])

    shown = ["#", "Before", "Program", "Pillar", "Score", "QW", "Lead agency", "Budget"]
    dropped: list[str] = []
    for name in _DROPPABLE:
        if sum(need(n) + 3 for n in shown) + 1 <= width:
            break
        shown.remove(name)
        dropped.append(name)
    return shown, dropped


def _print_quick_wins(
    console: Console, ranking: Prioritization, shown: set[str], filtered: bool
) -> None:
    from smartplan.prioritize.quickwins import MEETS_RULES

    grid = ranking.quick_wins
    console.print()
    if not grid.available:
        console.print(
            _("Quick-win grid: not available (%(why)s)") % {"why": localize(grid.note)},
            soft_wrap=_soft(console),
        )
    else:
        counts = {q: 0 for q in QUADRANT_LABELS}
        for spot in grid.placements:
            counts[spot.quadrant] += 1
        summary = ", ".join(f"{counts[q]} {_(label)}" for q, label in QUADRANT_LABELS.items())
        console.print(
            _("Quick-win grid (impact: %(impact)s; effort: %(effort)s; %(split)s): %(summary)s")
            % {
                "impact": ", ".join(grid.impact_criteria),
                "effort": effort_mix_text(grid),
                "split": split_text(grid),
                "summary": summary,
            },
            soft_wrap=_soft(console),
        )
        console.print(
            _(
                "On the lines: %(impact)s on the impact line (counted low impact), "
                "%(effort)s on the effort line (counted high effort)"
            )
            % {"impact": grid.on_impact_split, "effort": grid.on_effort_split},
            soft_wrap=_soft(console),
        )
        coverage = ", ".join(
            f"{c.pillar} {c.declared}/{c.in_quadrant}/{c.programs}" for c in grid.coverage
        )
        console.print(
            _("Quick wins by pillar (declared / in the quadrant / programs): %(coverage)s")
            % {"coverage": coverage},
            soft_wrap=_soft(console),
        )
        missing = [c.pillar for c in grid.coverage if not c.declared]
        if missing:
            console.print(
                "[yellow]" + _("No declared quick win in:") + "[/yellow] " + ", ".join(missing),
                soft_wrap=_soft(console),
            )
    problems = [f for f in grid.declared_problems if not filtered or f.id in shown]
    if problems:
        console.print("[bold]" + _("Declared quick wins with problems") + "[/bold]")
        for finding in problems:
            console.print(
                f"  #{finding.rank} {finding.id}: " + _reasons(finding.reasons),
                soft_wrap=_soft(console),
            )
    elif any(p.quick_win for p in ranking.programs):
        console.print(_("Every declared quick win meets the quick-win rules."))
    candidates = [f for f in grid.candidates if not filtered or f.id in shown]
    ready = [f for f in candidates if f.reasons == (MEETS_RULES,)]
    if ready:
        console.print(
            "[bold]" + _("Candidates meeting the quick-win rules, not declared") + "[/bold]"
        )
        for finding in ready[: ranking.top]:
            console.print(
                f"  #{finding.rank} {finding.id} ("
                + _("impact %(impact)s, effort %(effort)s")
                % {"impact": fixed(finding.impact, 2), "effort": fixed(finding.effort, 2)}
                + ")",
                soft_wrap=_soft(console),
            )
    others = len(candidates) - len(ready)
    if others:
        console.print(
            ngettext(
                "%(n)d more program sits in the quick-win quadrant but runs longer than a "
                "year, starts after the first year or lacks an indicator (see --format json).",
                "%(n)d more programs sit in the quick-win quadrant but run longer than a "
                "year, start after the first year or lack an indicator (see --format json).",
                others,
            )
            % {"n": others},
            soft_wrap=_soft(console),
        )


def _reasons(reasons: Sequence[str]) -> str:
    """A finding's reasons in the active language, one after the other."""
    return "; ".join(localize(reason) or "" for reason in reasons)


def _print_explain(console: Console, plan: Plan, ranking: Prioritization, p: ProgramScore) -> None:
    from rich.table import Table

    lo, hi = ranking.scale_min, ranking.scale_max
    console.print()
    console.print(
        f"[bold]{p.id}[/bold] — {_safe(p.name)}: "
        + _("rank %(rank)d of %(n)d, score %(score)s")
        % {"rank": p.rank, "n": len(ranking.programs), "score": fixed(p.score, 2)},
        soft_wrap=_soft(console),
    )
    table = Table(show_footer=True)
    table.add_column(_("Criterion"), footer="")
    table.add_column(_("Kind"))
    table.add_column(_("Score"), justify="right")
    table.add_column(_("Normalised"), footer="")
    table.add_column(_("Weight"), justify="right", footer=_("sum"))
    table.add_column(_("Points"), justify="right", footer=f"{fixed(p.base_score, 2)}")
    kinds = {"benefit": _("benefit"), "cost": _("cost")}
    for part in p.parts:
        if part.raw is None:
            formula = _("no score → 0")
            raw = "—"
        else:
            raw = f"{part.raw:g}"
            top = f"{part.raw:g} − {lo:g}" if part.kind == "benefit" else f"{hi:g} − {part.raw:g}"
            formula = f"({top}) / ({hi:g} − {lo:g}) = {fixed(part.normalised, 3)}"
        table.add_row(
            part.criterion,
            kinds.get(part.kind, part.kind),
            raw,
            formula,
            f"{fixed(part.weight, 3)}",
            f"{fixed(part.contribution, 2)}",
        )
    console.print(table)
    console.print(_("Points = 100 × weight × normalised."))
    setup = ranking.pillars
    weights = {w.pillar: w for w in setup.pillars}
    mine = weights.get(p.pillar)
    if mine is not None and setup.emphasis != "none":
        largest = max(w.weight for w in weights.values())
        note = ""
        if setup.priority_pillar == p.pillar and setup.priority_boost != 1:
            note = " (" + _("priority pillar") + f", ×{setup.priority_boost:g})"
        ratio = _("%(pillar)s weight %(weight)s ÷ largest %(largest)s = %(ratio)s") % {
            "pillar": p.pillar,
            "weight": fixed(mine.weight, 3),
            "largest": fixed(largest, 3),
            "ratio": fixed(mine.relative, 3),
        }
        if setup.emphasis == "factor":
            console.print(
                _("Pillar factor: %(ratio)s") % {"ratio": ratio} + note, soft_wrap=_soft(console)
            )
        else:
            bonus = fixed(p.pillar_bonus, 2)
            console.print(
                _("Pillar bonus: %(points)s × (%(ratio)s) = %(bonus)s")
                % {"points": f"{setup.bonus_points:g}", "ratio": ratio, "bonus": bonus}
                + note,
                soft_wrap=_soft(console),
            )
    if setup.emphasis == "factor":
        formula = f"{fixed(p.base_score, 2)} × {fixed(p.pillar_factor, 3)}"
    elif setup.emphasis == "bonus":
        formula = f"{fixed(p.base_score, 2)} + {fixed(p.pillar_bonus, 2)}"
    else:
        formula = f"{fixed(p.base_score, 2)} (" + _("no pillar emphasis") + ")"
    console.print(_("Score") + f" = {formula} = [bold]{fixed(p.score, 2)}[/bold]")
    moved = ""
    if p.guaranteed:
        moved = (
            " ("
            + ngettext(
                "moved up so the top %(top)s holds %(n)d program of %(pillar)s",
                "moved up so the top %(top)s holds %(n)d programs of %(pillar)s",
                setup.guarantee_per_pillar,
            )
            % {"top": setup.guarantee_top, "n": setup.guarantee_per_pillar, "pillar": p.pillar}
            + ")"
        )
    console.print(
        _("Rank %(before)d by the criteria alone, %(rank)d after the pillar emphasis")
        % {"before": p.base_rank, "rank": p.rank}
        + moved,
        soft_wrap=_soft(console),
    )
    spot = ranking.quick_wins.placement(p.id)
    if spot is not None:
        grid = ranking.quick_wins
        mix = dict(grid.effort_mix)
        parts = []
        criteria_word, budget_word, duration_word = _("criteria"), _("budget"), _("duration")
        if spot.effort_criteria is not None and mix["criteria"]:
            parts.append(
                f"{fixed(mix['criteria'], 2)} × {criteria_word} {fixed(spot.effort_criteria, 2)}"
            )
        if mix["budget"]:
            parts.append(
                f"{fixed(mix['budget'], 2)} × {budget_word} {fixed(spot.effort_budget, 2)}"
            )
        if mix["duration"]:
            parts.append(
                f"{fixed(mix['duration'], 2)} × {duration_word} {fixed(spot.effort_duration, 2)}"
            )
        console.print(
            _(
                "Quick-win grid: impact %(impact)s, effort %(parts)s = %(effort)s; "
                "%(split)s → %(quadrant)s"
            )
            % {
                "impact": fixed(spot.impact, 2),
                "parts": " + ".join(parts),
                "effort": fixed(spot.effort, 2),
                "split": split_text(grid),
                "quadrant": _(QUADRANT_LABELS[spot.quadrant]),
            }
            + (" (" + _("declared quick win") + ")" if p.quick_win else ""),
            soft_wrap=_soft(console),
        )
    for finding in ranking.quick_wins.declared_problems:
        if finding.id == p.id:
            console.print(
                _("Quick-win problems: %(reasons)s") % {"reasons": _reasons(finding.reasons)},
                soft_wrap=_soft(console),
            )
    for warning in p.warnings:
        console.print(_warning(warning), soft_wrap=_soft(console))


def _print_sensitivity(
    console: Console, stability: SensitivityResult, rows: tuple[ProgramScore, ...]
) -> None:
    from rich.table import Table

    console.print()
    levels = ", ".join(f"{level * 100:+g} %" for level in stability.levels)
    console.print(
        "[bold]"
        + _("Sensitivity of the top %(n)d") % {"n": stability.top}
        + "[/bold] ("
        + _(
            "each criterion weight, pillar weight and the priority boost moved by %(levels)s, "
            "then renormalised"
        )
        % {"levels": levels}
        + ")",
        soft_wrap=_soft(console),
    )
    table = Table()
    widest = max((len(c.criterion) for c in stability.criteria), default=9)
    table.add_column(_("Criterion"), no_wrap=True, min_width=widest)
    table.add_column(_("Weight"), justify="right")
    for level in stability.levels:
        table.add_column(f"{level * 100:+g} %", justify="center")
    table.add_column(_("Top changes below"), justify="right")
    table.add_column(_("Top changes above"), justify="right")
    for c in stability.criteria:
        marks = []
        for outcome in c.levels:
            if outcome.top_unchanged:
                marks.append("[green]=[/green]")
            else:
                marks.append(f"[red]{_entered(len(outcome.entered))}[/red]")
        table.add_row(
            c.criterion,
            _pct(c.weight),
            *marks,
            _signed_pct(c.breakpoint_down),
            _signed_pct(c.breakpoint_up),
        )
    console.print(table)
    _print_weight_table(console, stability, "pillar", stability.pillars)
    if stability.boost is not None:
        _print_weight_table(console, stability, "boost", (stability.boost,))
    for sentence in stability_sentences(stability):
        console.print(sentence, soft_wrap=_soft(console))
    ranges = {r.id: r for r in stability.programs}
    moving = [ranges[p.id] for p in rows if ranges[p.id].min_rank != ranges[p.id].max_rank]
    if moving:
        console.print(
            _("Rank ranges over the tested levels: %(ranges)s")
            % {"ranges": ", ".join(f"{r.id} {r.rank} ({r.min_rank}–{r.max_rank})" for r in moving)},
            soft_wrap=_soft(console),
        )
    if stability.monte_carlo is not None:
        _print_monte_carlo(console, stability, rows)


def _print_weight_table(
    console: Console, stability: SensitivityResult, what: str, items: Sequence[Any]
) -> None:
    """The levels and breakpoints of the pillar weights or of the boost."""
    from rich.table import Table

    if not items:
        return
    table = Table()
    widest = max(len(c.what) for c in items)
    table.add_column(_("Boost") if what == "boost" else _("Pillar"), no_wrap=True, min_width=widest)
    table.add_column(_("Value") if what == "boost" else _("Weight"), justify="right")
    for level in stability.levels:
        table.add_column(f"{level * 100:+g} %", justify="center")
    table.add_column(_("Top changes below"), justify="right")
    table.add_column(_("Top changes above"), justify="right")
    for c in items:
        marks = [
            "[green]=[/green]" if o.top_unchanged else f"[red]{_entered(len(o.entered))}[/red]"
            for o in c.levels
        ]
        value = f"×{fixed(c.value, 2)}" if what == "boost" else _pct(c.value)
        table.add_row(
            c.what, value, *marks, _signed_pct(c.breakpoint_down), _signed_pct(c.breakpoint_up)
        )
    console.print(table)


def _entered(count: int) -> str:
    """A level's cell: how many programs entered the top N (``2 in``)."""
    return _("%(n)d in") % {"n": count}


def stability_sentences(stability: SensitivityResult) -> list[str]:
    """ "The top N does not change unless …" for criteria, pillar weights and the boost."""
    n = stability.top
    out: list[str] = []
    groups: list[tuple[str, Sequence[Any]]] = [
        ("criterion", stability.criteria),
        ("pillar", stability.pillars),
    ]
    for kind, items in groups:
        if not items:
            continue
        tightest = min(items, key=lambda c: c.stable_within)
        name = tightest.criterion if kind == "criterion" else tightest.what
        if tightest.stable_within >= 1.0:
            if kind == "criterion":
                line = _("The top %(n)d does not change for any criterion weight change tested.")
            else:
                line = _("The top %(n)d does not change for any pillar weight change tested.")
            out.append(line % {"n": n})
        else:
            if all(c.top_unchanged for c in items):
                line = _(
                    "The top %(n)d does not change unless the %(name)s weight moves by more "
                    "than %(pct)s %% (every tested level leaves it as it is)."
                )
            else:
                line = _(
                    "The top %(n)d does not change unless the %(name)s weight moves by more "
                    "than %(pct)s %%."
                )
            out.append(line % {"n": n, "name": name, "pct": fixed(tightest.stable_within * 100, 1)})
    boost = stability.boost
    if boost is not None:
        low = boost.value * (1 + boost.breakpoint_down) if boost.breakpoint_down else None
        high = boost.value * (1 + boost.breakpoint_up) if boost.breakpoint_up else None
        if low is None and high is None:
            out.append(
                _("The top %(n)d does not change for any priority boost between 1 and %(max)s.")
                % {"n": n, "max": fixed(boost.value * 2, 2)}
            )
        else:
            bounds = []
            if low is not None:
                bounds.append(
                    _("falls to %(value)s (%(change)s)")
                    % {"value": fixed(low, 2), "change": _signed_pct(boost.breakpoint_down)}
                )
            if high is not None:
                bounds.append(
                    _("rises to %(value)s (%(change)s)")
                    % {"value": fixed(high, 2), "change": _signed_pct(boost.breakpoint_up)}
                )
            out.append(
                _("The top %(n)d does not change unless the priority boost %(boost)s %(bounds)s.")
                % {"n": n, "boost": fixed(boost.value, 2), "bounds": _(" or ").join(bounds)}
            )
        without = boost.without_boost
        if without is not None:
            if without.top_unchanged:
                line = _("Without the boost (1.0) the top %(n)d stays the same.") % {"n": n}
            else:
                line = _(
                    "Without the boost (1.0) the top %(n)d changes: %(entered)s in, %(left)s out."
                ) % {
                    "n": n,
                    "entered": ", ".join(without.entered),
                    "left": ", ".join(without.left),
                }
            out.append(line)
    return out


def _print_monte_carlo(
    console: Console, stability: SensitivityResult, rows: tuple[ProgramScore, ...]
) -> None:
    from rich.table import Table

    mc = stability.monte_carlo
    assert mc is not None
    n = stability.top
    console.print(
        "[bold]Monte Carlo[/bold]: "
        + _(
            "%(draws)s draws (seed %(seed)s), every weight and the boost × a factor between "
            "%(low)s and %(high)s: the top %(n)d stays the same set in %(share)s of the draws"
        )
        % {
            "draws": f"{mc.draws:,}",
            "seed": mc.seed,
            "low": fixed((1 - mc.spread), 2),
            "high": fixed((1 + mc.spread), 2),
            "n": n,
            "share": _pct(mc.top_unchanged_share),
        },
        soft_wrap=_soft(console),
    )
    table = Table()
    table.add_column("#", justify="right")
    table.add_column(_("Program"), overflow="fold")
    table.add_column(_("Ranks"), justify="right", no_wrap=True)
    table.add_column(_("Median"), justify="right")
    table.add_column(_("In top %(n)d") % {"n": n}, justify="right")
    stats = {s.id: s for s in mc.programs}
    for p in rows:
        s = stats[p.id]
        table.add_row(
            str(s.rank),
            p.id,
            f"{s.min_rank}–{s.max_rank}",
            fixed(s.median_rank, 1).removesuffix(".0"),
            _pct(s.top_share),
        )
    console.print(table)


def _print_roadmap(console: Console, roadmap: Roadmap, planned: dict[int, int], fmt: Any) -> None:
    from rich.table import Table

    from smartplan.report.roadmap import share as ceiling_share
    from smartplan.report.roadmap import solver_line

    console.print()
    share = roadmap.objective / roadmap.upper_bound if roadmap.upper_bound else 1.0
    console.print(
        "[bold]"
        + _("Roadmap %(first)s–%(last)s") % {"first": roadmap.first_year, "last": roadmap.last_year}
        + "[/bold] "
        + _(
            "under the budget ceilings (%(method)s; value %(pct)s %% of everything starting in "
            "%(first)s, %(discount)s per year of delay)"
        )
        % {
            "method": roadmap.method,
            "pct": fixed(share * 100, 1),
            "first": roadmap.first_year,
            "discount": f"{roadmap.discount:g}",
        },
        soft_wrap=_soft(console),
    )
    console.print(solver_line(roadmap), soft_wrap=_soft(console))
    for warning in roadmap.warnings:
        console.print(_warning(warning), soft_wrap=_soft(console))
    years = Table()
    years.add_column(_("Year"))
    years.add_column(_("Ceiling"), justify="right")
    years.add_column(_("As planned"), justify="right")
    years.add_column(_("Roadmap"), justify="right")
    years.add_column(_("Left"), justify="right")
    years.add_column(_("Use"), justify="right")
    for y in roadmap.years:
        years.add_row(
            str(y.year),
            fmt.rupiah_compact(y.ceiling) if y.ceiling is not None else "—",
            fmt.rupiah_compact(planned.get(y.year, 0)),
            fmt.rupiah_compact(y.spent),
            fmt.rupiah_compact(y.left) if y.left is not None else "—",
            ceiling_share(y.spent, y.ceiling),
        )
    console.print(years)
    _print_capacity(console, roadmap, fmt)
    moved = [s for s in roadmap.scheduled if s.shift]
    if moved:
        table = Table(title=_("Programs moved"), title_justify="left")
        table.add_column("#", justify="right")
        table.add_column(_("Program"), overflow="fold")
        table.add_column(_("Planned"))
        table.add_column(_("Roadmap"))
        table.add_column(_("Shift"), justify="right")
        table.add_column(_("Why"), overflow="fold")
        for s in sorted(moved, key=lambda s: s.rank):
            table.add_row(
                str(s.rank),
                s.id,
                f"{s.planned_start}–{s.planned_end}",
                f"{s.start}–{s.end}",
                f"{s.shift:+d}",
                _("moved to %(year)s: %(why)s") % {"year": s.start, "why": localize(s.reason)}
                if s.reason
                else "",
            )
        console.print(table)
    else:
        console.print(_("Every scheduled program keeps its planned years."))
    if roadmap.unscheduled:
        console.print(
            "[bold]" + _("Not scheduled (%(n)d)") % {"n": len(roadmap.unscheduled)} + "[/bold]"
        )
        for u in roadmap.unscheduled:
            console.print(f"  #{u.rank} {u.id}: {localize(u.reason)}", soft_wrap=_soft(console))
    else:
        count = len(roadmap.scheduled)
        console.print(
            ngettext(
                "All %(n)d program fits under the ceilings.",
                "All %(n)d programs fit under the ceilings.",
                count,
            )
            % {"n": count}
        )


def _print_capacity(console: Console, roadmap: Roadmap, fmt: Any) -> None:
    """Funding-source ceilings and agency capacities, when the plan sets any."""
    from rich.table import Table

    from smartplan.report.roadmap import CAPACITY_COLUMNS, capacity_rows

    rows = capacity_rows(roadmap, fmt)
    if not rows:
        return
    table = Table(title=_("Source ceilings and agency capacity"), title_justify="left")
    for i, name in enumerate(CAPACITY_COLUMNS):
        table.add_column(_(name), justify="left" if i < 2 else "right", overflow="fold")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def effort_mix_text(grid: Any) -> str:
    """How effort is made: ``cost 50 %, budget 25 %, duration 25 %``."""
    names = {
        "criteria": ", ".join(grid.effort_criteria) or _("criteria"),
        "budget": _("budget"),
        "duration": _("duration"),
    }
    return ", ".join(
        f"{names.get(part, part)} {_pct(weight)}" for part, weight in grid.effort_mix if weight
    )


def split_text(grid: Any) -> str:
    """Where the axes split: ``split at the median: impact 0.62, effort 0.36``."""
    if grid.impact_split is None:
        return _("split at %(split)s") % {"split": grid.split}
    impact, effort = fixed(grid.impact_split, 2), fixed(grid.effort_split, 2)
    if grid.split == "median":
        line = _("split at the median: impact > %(impact)s, effort < %(effort)s")
    else:
        line = _("split at the threshold: impact > %(impact)s, effort < %(effort)s")
    return line % {"impact": impact, "effort": effort}


def _safe(text: str) -> str:
    """Plan text for a rich console: control characters inert, ``[`` not read as markup."""
    from rich.markup import escape

    return escape(inert(text))
