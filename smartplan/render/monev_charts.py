"""Inline SVG charts of the monev report, built from the shared pieces of :mod:`charts`.

Plan against actual per pillar (paired columns), spending over the quarters
(columns with the cumulative line), and the evaluation index over the years
(a line). Like every chart smartplan draws, each is an ``<svg role="img">``
with a title and a text alternative, its data is also printed as a table,
and every coordinate is printed with one decimal, so output is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from smartplan.render.charts import (
    _GRID,
    _INK,
    _MUTED,
    _esc,
    _legend,
    _n,
    _nice_step,
    _open,
)

_PLAN = "#c8d6e5"


@dataclass(frozen=True, slots=True)
class PlanActual:
    """One pillar's planned and actual amount."""

    label: str
    color: str
    planned: int
    actual: int


def _axis(
    parts: list[str], top_value: float, step: float, geometry: tuple[float, float, float, float],
    label: Callable[[float], str],
) -> None:  # fmt: skip
    left, top, plot_h, right_x = geometry
    tick = 0.0
    while tick <= top_value + step / 2:
        y = top + plot_h - plot_h * tick / top_value
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right_x)}" y2="{_n(y)}" '
            f'stroke="{_GRID}"/>'
            f'<text x="{_n(left - 6)}" y="{_n(y + 4)}" text-anchor="end" fill="{_MUTED}">'
            f"{_esc(label(tick))}</text>"
        )
        tick += step


def plan_actual_chart(
    chart_id: str,
    bars: Sequence[PlanActual],
    *,
    title: str,
    desc: str,
    plan_label: str,
    actual_label: str,
    money: Callable[[float], str],
) -> str:
    """Paired columns per pillar: the plan (light) and the actual (the pillar's colour)."""
    width, height = 760.0, 300.0
    left, right, top, bottom = 80.0, 10.0, 20.0, 46.0
    plot_w, plot_h = width - left - right, height - top - bottom
    highest = max([b.planned for b in bars] + [b.actual for b in bars], default=0)
    step = _nice_step(highest)
    top_value = step * max(1, math.ceil(highest / step))
    legend, legend_h = _legend(
        [(plan_label, _PLAN, True), (actual_label, _INK, False)], left, height + 4, plot_w
    )
    parts = _open(chart_id, width, height + legend_h + 8, title, desc)
    _axis(parts, top_value, step, (left, top, plot_h, width - right), money)
    slot = plot_w / max(len(bars), 1)
    bar_w = min(40.0, slot * 0.35)
    base = top + plot_h
    for i, bar in enumerate(bars):
        x = left + i * slot + slot / 2 - bar_w
        for offset, value, color, name in (
            (0.0, bar.planned, _PLAN, plan_label),
            (bar_w, bar.actual, bar.color, actual_label),
        ):
            h = plot_h * value / top_value
            stroke = f' stroke="{_INK}" stroke-width="1"' if color == _PLAN else ""
            parts.append(
                f'<rect x="{_n(x + offset)}" y="{_n(base - h)}" width="{_n(bar_w)}" '
                f'height="{_n(h)}" fill="{color}"{stroke}><title>{_esc(bar.label)}, '
                f"{_esc(name)}: {_esc(money(value))}</title></rect>"
            )
        parts.append(
            f'<text x="{_n(x + bar_w)}" y="{_n(base + 18)}" text-anchor="middle" '
            f'fill="{_INK}">{_esc(bar.label)}</text>'
        )
        if bar.planned:
            share = f"{(200 * bar.actual + bar.planned) // (2 * bar.planned)} %"  # half up
            parts.append(
                f'<text x="{_n(x + bar_w)}" y="{_n(base + 34)}" text-anchor="middle" '
                f'font-size="11" fill="{_MUTED}">{share}</text>'
            )
    parts.append(
        f'<line x1="{_n(left)}" y1="{_n(base)}" x2="{_n(width - right)}" y2="{_n(base)}" '
        f'stroke="{_INK}"/>'
    )
    parts.extend(legend)
    parts.append("</svg>")
    return "\n".join(parts)


def quarters_chart(
    chart_id: str,
    labels: Sequence[str],
    amounts: Sequence[int],
    ceiling: int,
    *,
    title: str,
    desc: str,
    spent_label: str,
    cumulative_label: str,
    money: Callable[[float], str],
) -> str:
    """Columns of each quarter's spending and the cumulative line, against the year's ceiling."""
    width, height = 760.0, 280.0
    left, right, top, bottom = 80.0, 10.0, 20.0, 30.0
    plot_w, plot_h = width - left - right, height - top - bottom
    cumulative = []
    running = 0
    for amount in amounts:
        running += amount
        cumulative.append(running)
    highest = max([ceiling, *cumulative], default=0)
    step = _nice_step(highest)
    top_value = step * max(1, math.ceil(highest / step))
    legend, legend_h = _legend(
        [(spent_label, "#0072B2", False), (cumulative_label, "#E69F00", False)],
        left, height + 4, plot_w,
    )  # fmt: skip
    parts = _open(chart_id, width, height + legend_h + 8, title, desc)
    _axis(parts, top_value, step, (left, top, plot_h, width - right), money)
    base = top + plot_h
    if ceiling:
        y = base - plot_h * ceiling / top_value
        parts.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(width - right)}" y2="{_n(y)}" '
            f'stroke="{_INK}" stroke-dasharray="6 4"><title>{_esc(money(ceiling))}</title></line>'
        )
    slot = plot_w / max(len(labels), 1)
    bar_w = min(60.0, slot * 0.5)
    points = []
    for i, (label, amount) in enumerate(zip(labels, amounts, strict=True)):
        x = left + i * slot + (slot - bar_w) / 2
        h = plot_h * amount / top_value
        parts.append(
            f'<rect x="{_n(x)}" y="{_n(base - h)}" width="{_n(bar_w)}" height="{_n(h)}" '
            f'fill="#0072B2"><title>{_esc(label)}: {_esc(money(amount))}</title></rect>'
            f'<text x="{_n(x + bar_w / 2)}" y="{_n(base + 18)}" text-anchor="middle" '
            f'fill="{_INK}">{_esc(label)}</text>'
        )
        points.append((x + bar_w / 2, base - plot_h * cumulative[i] / top_value))
    if points:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#E69F00" stroke-width="3"/>')
        for (x, y), value in zip(points, cumulative, strict=True):
            parts.append(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="4" fill="#E69F00"><title>'
                f"{_esc(money(value))}</title></circle>"
            )
    parts.append(
        f'<line x1="{_n(left)}" y1="{_n(base)}" x2="{_n(width - right)}" y2="{_n(base)}" '
        f'stroke="{_INK}"/>'
    )
    parts.extend(legend)
    parts.append("</svg>")
    return "\n".join(parts)


def trend_chart(
    chart_id: str,
    points: Sequence[tuple[int, float]],
    *,
    title: str,
    desc: str,
    number: Callable[[float], str],
    scale_max: float = 5.0,
) -> str:
    """The final index year by year, on a 0 to ``scale_max`` scale."""
    width, height = 760.0, 240.0
    left, right, top, bottom = 60.0, 30.0, 20.0, 30.0
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = _open(chart_id, width, height, title, desc)
    _axis(parts, scale_max, 1.0, (left, top, plot_h, width - right), number)
    base = top + plot_h
    slot = plot_w / max(len(points), 1)
    coords = [
        (left + slot * (i + 0.5), base - plot_h * value / scale_max)
        for i, (_, value) in enumerate(points)
    ]
    if len(coords) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0072B2" stroke-width="3"/>')
    for (x, y), (year, value) in zip(coords, points, strict=True):
        parts.append(
            f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5" fill="#0072B2"/>'
            f'<text x="{_n(x)}" y="{_n(y - 10)}" text-anchor="middle" fill="{_INK}">'
            f"{_esc(number(value))}</text>"
            f'<text x="{_n(x)}" y="{_n(base + 18)}" text-anchor="middle" fill="{_INK}">'
            f"{year}</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts)
