"""Inline SVG charts and the Mermaid roadmap, built as text.

Every chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
(the text alternative, referenced by ``aria-labelledby``), and the same data is
always also printed as a table next to it. Output is deterministic: the
inputs are ordered lists, and every coordinate is printed with a fixed number
of decimals. The SVGs carry no ``xmlns`` (HTML5 parses inline SVG without it),
so the HTML holds no URL at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

__all__ = [
    "PILLAR_COLORS",
    "BarSeries",
    "GanttRow",
    "ReadinessBar",
    "budget_chart",
    "gantt_chart",
    "gantt_parts",
    "mermaid_gantt",
    "readiness_chart",
]

#: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies
#: and in greyscale print by their lightness.
PILLAR_COLORS: dict[str, str] = {
    "governance": "#0072B2",
    "branding": "#CC79A7",
    "economy": "#E69F00",
    "living": "#D55E00",
    "society": "#56B4E9",
    "environment": "#009E73",
}
_DEFAULT_COLOR = "#777777"
_INK = "#1a1a1a"
_GRID = "#c8c8c8"
_MUTED = "#555555"
_FONT = 'font-family="inherit"'


def _n(value: float) -> str:
    """A coordinate with one decimal, ``-0.0`` normalised."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def _esc(text: str) -> str:
    return escape(text, quote=True)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int, max_lines: int = 2) -> list[str]:
    """Break ``text`` at spaces into at most ``max_lines`` lines of ``width`` characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], _clip(rest, width)]
    return [_clip(line, width) for line in lines] or [""]


def _text_lines(x: float, y: float, lines: list[str], line_h: float, attrs: str = "") -> str:
    """A ``<text>`` with one ``<tspan>`` per line, the first baseline at ``y``."""
    if len(lines) == 1:
        return f'<text x="{_n(x)}" y="{_n(y)}"{attrs}>{_esc(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(y + i * line_h)}">{_esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text{attrs}>{spans}</text>"


def _open(chart_id: str, width: float, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg class="chart" id="{chart_id}" role="img" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" {_FONT} font-size="12">',
        f'<title id="{chart_id}-title">{_esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{_esc(desc)}</desc>',
    ]


def _legend(
    items: Sequence[tuple[str, str, bool]], x0: float, y0: float, width: float
) -> tuple[list[str], float]:
    """Legend swatches (label, colour, outlined) left to right, wrapping.

    Returns the SVG parts and the height used.
    """
    parts: list[str] = ['<g class="legend">']
    x, y = x0, y0
    for label, color, outlined in items:
        stroke = f' stroke="{_INK}" stroke-width="2"' if outlined else ""
        item_w = 22 + 6.6 * len(label)
        if x > x0 and x + item_w > x0 + width:
            x, y = x0, y + 20
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="12" height="12" fill="{color}"{stroke}/>'
            f'<text x="{_n(x + 17)}" y="{_n(y + 10.5)}" fill="{_INK}">{_esc(label)}</text>'
        )
        x += item_w + 12
    parts.append("</g>")
    return parts, y - y0 + 20


# --------------------------------------------------------------------------
# Gantt roadmap


@dataclass(frozen=True, slots=True)
class GanttRow:
    """One bar of the roadmap, or a section heading when ``start`` is None."""

    label: str
    start: int | None = None
    end: int | None = None
    color: str = _DEFAULT_COLOR
    marker: bool = False  # quick win: drawn with a dark outline


_GANTT_LINE_H = 14.0
_GANTT_LABEL_CHARS = 44


def _gantt_lines(row: GanttRow) -> list[str]:
    return _wrap(row.label, _GANTT_LABEL_CHARS, 1 if row.start is None else 2)


def gantt_parts(rows: Sequence[GanttRow], max_body: float) -> list[list[GanttRow]]:
    """``rows`` cut into consecutive parts whose bars take at most ``max_body`` units each.

    A printed page holds a chart of limited height; each part becomes a chart
    of its own, with its own year header, so no page cuts through a row. A
    single row taller than ``max_body`` still gets a part (never an endless loop).
    """
    parts: list[list[GanttRow]] = []
    current: list[GanttRow] = []
    used = 0.0
    for row in rows:
        height = 10.0 + _GANTT_LINE_H * len(_gantt_lines(row))
        if current and used + height > max_body:
            parts.append(current)
            current, used = [], 0.0
        current.append(row)
        used += height
    if current:
        parts.append(current)
    return parts


def gantt_chart(
    chart_id: str,
    rows: Sequence[GanttRow],
    years: Sequence[int],
    *,
    title: str,
    desc: str,
    legend: Sequence[tuple[str, str]] = (),
    marker_label: str = "",
) -> str:
    """A Gantt chart: one row per program, one column per year."""
    width, label_w, top, line_h = 760.0, 290.0, 30.0, _GANTT_LINE_H
    col_w = (width - label_w - 4) / max(len(years), 1)
    wrapped = [_gantt_lines(row) for row in rows]
    heights = [10.0 + line_h * len(lines) for lines in wrapped]
    body_h = sum(heights)
    height = top + body_h + 12
    legend_items = [(label, color, False) for label, color in legend]
    if marker_label:
        legend_items.append((marker_label, "#ffffff", True))
    legend_parts, legend_h = _legend(legend_items, 4, height, width - 8)
    parts = _open(chart_id, width, height + legend_h + 4, title, desc)
    for i, year in enumerate(years):
        x = label_w + i * col_w
        fill = "#f1f1f1" if i % 2 == 0 else "#ffffff"
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(top - 4)}" width="{_n(col_w)}" '
            f'height="{_n(body_h + 8)}" fill="{fill}"/>'
            f'<text x="{_n(x + col_w / 2)}" y="{_n(top - 10)}" text-anchor="middle" '
            f'font-weight="bold" fill="{_INK}">{year}</text>'
        )
    first = years[0] if years else 0
    y = top
    for row, lines, row_h in zip(rows, wrapped, heights, strict=True):
        baseline = y + 5 + line_h - 3
        if row.start is None or row.end is None:
            parts.append(
                _text_lines(4, baseline, lines, line_h, f' font-weight="bold" fill="{_INK}"')
                + f'<line x1="0" y1="{_n(y + row_h - 0.5)}" x2="{_n(width)}" '
                f'y2="{_n(y + row_h - 0.5)}" stroke="{_GRID}"/>'
            )
            y += row_h
            continue
        x = label_w + (row.start - first) * col_w + 2
        w = (row.end - row.start + 1) * col_w - 4
        stroke = f' stroke="{_INK}" stroke-width="2"' if row.marker else ""
        bar_h = 12.0
        parts.append(
            f"<g><title>{_esc(row.label)} ({row.start}–{row.end})</title>"
            + _text_lines(12, baseline, lines, line_h, f' fill="{_INK}"')
            + f'<rect x="{_n(x)}" y="{_n(y + (row_h - bar_h) / 2)}" width="{_n(w)}" '
            f'height="{_n(bar_h)}" rx="3" fill="{row.color}"{stroke}/></g>'
        )
        y += row_h
    if legend_items:
        parts.extend(legend_parts)
    parts.append("</svg>")
    return "\n".join(parts)


def _mermaid_text(text: str) -> str:
    # Mermaid reads ':' '#' ';' as syntax inside a task line, and a label is
    # no place for markup.
    cleaned = "".join(" " if ch in ":#;<>\n\r" else ch for ch in text)
    return " ".join(cleaned.split())


def mermaid_gantt(title: str, sections: Sequence[tuple[str, Sequence[GanttRow]]]) -> str:
    """The roadmap as a Mermaid ``gantt`` block body (GitHub draws it)."""
    lines = [
        "gantt",
        f"    title {_mermaid_text(title)}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y",
    ]
    for name, rows in sections:
        if not rows:
            continue
        lines.append(f"    section {_mermaid_text(name)}")
        for row in rows:
            if row.start is None or row.end is None:
                continue
            tag = "crit, " if row.marker else ""
            lines.append(
                f"    {_mermaid_text(row.label)} :{tag}{row.start}-01-01, {row.end + 1}-01-01"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Budget by pillar and year (stacked columns)


@dataclass(frozen=True, slots=True)
class BarSeries:
    """One stacked series: a label, a colour and one value per year."""

    label: str
    color: str
    values: tuple[int, ...]


def _nice_step(maximum: float, ticks: int = 5) -> float:
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    magnitude = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def budget_chart(
    chart_id: str,
    years: Sequence[int],
    series: Sequence[BarSeries],
    *,
    title: str,
    desc: str,
    money: Callable[[float], str],
) -> str:
    """Stacked columns: one column per year, one segment per series."""
    width, height = 760.0, 300.0
    left, right, top, bottom = 80.0, 10.0, 20.0, 30.0
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(s.values[i] for s in series) for i in range(len(years))]
    step = _nice_step(max(totals, default=0))
    top_value = step * max(1, math.ceil(max(totals, default=0) / step))
    legend_parts, legend_h = _legend(
        [(s.label, s.color, False) for s in series], left, height + 4, plot_w
    )
    parts = _open(chart_id, width, height + legend_h + 8, title, desc)
    tick = 0.0
    while tick <= top_value + step / 2:
        y = top + plot_h - plot_h * tick / top_value
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(width - right)}" y2="{_n(y)}" '
            f'stroke="{_GRID}"/>'
            f'<text x="{_n(left - 6)}" y="{_n(y + 4)}" text-anchor="end" fill="{_MUTED}">'
            f"{_esc(money(tick))}</text>"
        )
        tick += step
    slot = plot_w / max(len(years), 1)
    bar_w = min(60.0, slot * 0.6)
    for i, year in enumerate(years):
        x = left + i * slot + (slot - bar_w) / 2
        base = top + plot_h
        for s in series:
            value = s.values[i]
            if value <= 0:
                continue
            h = plot_h * value / top_value
            base -= h
            parts.append(
                f'<rect x="{_n(x)}" y="{_n(base)}" width="{_n(bar_w)}" height="{_n(h)}" '
                f'fill="{s.color}"><title>{_esc(s.label)} {year}: {_esc(money(value))}</title>'
                "</rect>"
            )
        parts.append(
            f'<text x="{_n(x + bar_w / 2)}" y="{_n(height - bottom + 18)}" text-anchor="middle" '
            f'fill="{_INK}">{year}</text>'
        )
        if totals[i] > 0:
            parts.append(
                f'<text x="{_n(x + bar_w / 2)}" y="{_n(base - 5)}" text-anchor="middle" '
                f'font-size="11" fill="{_INK}">{_esc(money(totals[i]))}</text>'
            )
    parts.append(
        f'<line x1="{_n(left)}" y1="{_n(top + plot_h)}" x2="{_n(width - right)}" '
        f'y2="{_n(top + plot_h)}" stroke="{_INK}"/>'
    )
    parts.extend(legend_parts)
    parts.append("</svg>")
    return "\n".join(parts)


# --------------------------------------------------------------------------
# Readiness per aspect and sub-aspect (horizontal bars)


@dataclass(frozen=True, slots=True)
class ReadinessBar:
    """A sub-aspect score, or an aspect heading when ``score`` is None."""

    label: str
    score: float | None = None
    color: str = "#0072B2"


def readiness_chart(
    chart_id: str,
    bars: Sequence[ReadinessBar],
    *,
    scale_min: float,
    scale_max: float,
    title: str,
    desc: str,
    number: Callable[[float], str],
) -> str:
    """Horizontal bars on the readiness scale, grouped by aspect."""
    width, label_w, row_h, top = 760.0, 200.0, 22.0, 26.0
    plot_w = width - label_w - 40
    height = top + row_h * len(bars) + 8
    span = (scale_max - scale_min) or 1.0
    parts = _open(chart_id, width, height, title, desc)
    steps = round(span) if float(span).is_integer() and span <= 10 else 4
    for k in range(steps + 1):
        value = scale_min + span * k / steps
        x = label_w + plot_w * k / steps
        parts.append(
            f'<line x1="{_n(x)}" y1="{_n(top - 4)}" x2="{_n(x)}" y2="{_n(height - 8)}" '
            f'stroke="{_GRID}"/>'
            f'<text x="{_n(x)}" y="{_n(top - 9)}" text-anchor="middle" fill="{_MUTED}">'
            f"{_esc(number(value))}</text>"
        )
    for r, bar in enumerate(bars):
        y = top + r * row_h
        if bar.score is None:
            parts.append(
                f'<text x="4" y="{_n(y + 16)}" font-weight="bold" fill="{_INK}">'
                f"{_esc(_clip(bar.label, 40))}</text>"
            )
            continue
        w = plot_w * (bar.score - scale_min) / span
        parts.append(
            f'<text x="16" y="{_n(y + 16)}" fill="{_INK}">{_esc(_clip(bar.label, 38))}</text>'
            f'<rect x="{_n(label_w)}" y="{_n(y + 5)}" width="{_n(max(w, 1.0))}" '
            f'height="{_n(row_h - 10)}" fill="{bar.color}"/>'
            f'<text x="{_n(label_w + max(w, 1.0) + 6)}" y="{_n(y + 16)}" fill="{_INK}">'
            f"{_esc(number(bar.score))}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
