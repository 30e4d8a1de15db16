"""Small inline-SVG charts (no JS, no libraries): line chart by year, box plot with points, diverging bars.

Text is drawn with the page's CJK font stack, so Chinese labels render wherever a CJK font is installed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from orchestration.reports.page import FONT_STACK, esc

PALETTE = ["#2f6fb3", "#d9480f", "#2b8a3e", "#862e9c", "#c92a2a", "#1098ad", "#e67700", "#5c940d",
           "#495057", "#a61e4d"]
Number = float | int


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if math.isclose(low, high):
        low, high = (low - 1, high + 1) if low == 0 else (low * 0.9, high * 1.1)
        if low > high:
            low, high = high, low
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _svg_open(width: int, height: int, title: str) -> str:
    return (f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{esc(title)}" font-family="{esc(FONT_STACK)}" font-size="12">'
            f"<title>{esc(title)}</title>"
            f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="15" font-weight="bold">{esc(title)}</text>')


def _short(text: str, limit: int = 16) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _y_axis(parts: list[str], ticks, scale_y, left: int, right: int, fmt) -> None:
    for tick in ticks:
        y = scale_y(tick)
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e7eb"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#52606d">{esc(fmt(tick))}</text>')


def line_chart(series: Sequence[tuple[str, Sequence[tuple[int, Number | None]]]], *, title: str,
               x_values: Sequence[int], value_format: Callable[[float], str], y_label: str = "",
               y_range: tuple[float, float] | None = None, width: int = 660, height: int = 340) -> str:
    """One line per series over the years in x_values; None values leave a gap."""
    left, right, top = 64, width - 20, 40
    legend_rows = math.ceil(len(series) / 2)
    bottom = height - 40 - 18 * legend_rows
    values = [v for _, points in series for _, v in points if v is not None]
    low, high = (y_range if y_range else (min(values, default=0), max(values, default=1)))
    if not y_range and values:
        pad = (high - low) * 0.1 or abs(high) * 0.05 or 1
        low, high = low - pad, high + pad
    ticks = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    xs = list(x_values)

    def scale_x(year):
        if len(xs) == 1:
            return (left + right) / 2
        return left + 20 + (right - left - 40) * xs.index(year) / (len(xs) - 1)

    def scale_y(value):
        return bottom - (bottom - top) * (value - low) / ((high - low) or 1)

    parts = [_svg_open(width, height, title)]
    _y_axis(parts, ticks, scale_y, left, right, value_format)
    parts.append(f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#9aa5b1"/>')
    for year in xs:
        parts.append(f'<text x="{scale_x(year):.1f}" y="{bottom + 18}" text-anchor="middle" fill="#52606d">{year}年</text>')
    if y_label:
        parts.append(f'<text x="14" y="{(top + bottom) / 2:.1f}" transform="rotate(-90 14 {(top + bottom) / 2:.1f})" '
                     f'text-anchor="middle" fill="#52606d">{esc(y_label)}</text>')
    for index, (name, points) in enumerate(series):
        color = PALETTE[index % len(PALETTE)]
        segments, current = [], []
        for year, value in sorted(points):
            if value is None:
                if current:
                    segments.append(current)
                current = []
                continue
            current.append((scale_x(year), scale_y(value), year, value))
        if current:
            segments.append(current)
        for segment in segments:
            if len(segment) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in segment)
                parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
            for x, y, year, value in segment:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}">'
                             f"<title>{esc(name)} {year}年：{esc(value_format(value))}</title></circle>")
                if len(series) <= 3:
                    parts.append(f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" font-size="11" '
                                 f'fill="{color}">{esc(value_format(value))}</text>')
        column, row = index % 2, index // 2
        lx, ly = left + column * (right - left) / 2, bottom + 40 + row * 18
        parts.append(f'<line x1="{lx:.1f}" x2="{lx + 18:.1f}" y1="{ly - 4}" y2="{ly - 4}" stroke="{color}" stroke-width="3"/>'
                     f'<text x="{lx + 24:.1f}" y="{ly}">{esc(_short(name, 24))}<title>{esc(name)}</title></text>')
    parts.append("</svg>")
    return "".join(parts)


def box_plot(groups: Sequence[tuple[str, dict]], *, title: str, value_format: Callable[[float], str],
             y_label: str = "", width: int = 660, height: int = 340) -> str:
    """Per group: box (quartiles), whiskers (min/max), median line, and the values as points when given.

    groups: (label, stats) with stats {"n", "low", "q1", "median", "q3", "high", "points" (sorted values
    or None)}, computed by the caller (in SQL); n = 0 draws an empty slot."""
    left, right, top, bottom = 64, width - 20, 40, height - 44
    present = [stats for _, stats in groups if stats.get("n")]
    low = min((stats["low"] for stats in present), default=0)
    high = max((stats["high"] for stats in present), default=100)
    pad = (high - low) * 0.08 or 1
    ticks = nice_ticks(low - pad, min(high + pad, 100) if high <= 100 else high + pad)
    low, high = ticks[0], ticks[-1]

    def scale_y(value):
        return bottom - (bottom - top) * (value - low) / ((high - low) or 1)

    parts = [_svg_open(width, height, title)]
    _y_axis(parts, ticks, scale_y, left, right, value_format)
    if y_label:
        parts.append(f'<text x="14" y="{(top + bottom) / 2:.1f}" transform="rotate(-90 14 {(top + bottom) / 2:.1f})" '
                     f'text-anchor="middle" fill="#52606d">{esc(y_label)}</text>')
    slot = (right - left) / max(len(groups), 1)
    for index, (label, stats) in enumerate(groups):
        center = left + slot * (index + 0.5)
        color = PALETTE[0]
        count = stats.get("n") or 0
        parts.append(f'<text x="{center:.1f}" y="{bottom + 18}" text-anchor="middle" fill="#52606d">{esc(label)}</text>'
                     f'<text x="{center:.1f}" y="{bottom + 33}" text-anchor="middle" font-size="11" fill="#7b8794">n={count}</text>')
        if not count:
            continue
        lowest, q1, median, q3, highest = (stats[key] for key in ("low", "q1", "median", "q3", "high"))
        half = min(slot * 0.25, 40)
        parts.append(f'<line x1="{center:.1f}" x2="{center:.1f}" y1="{scale_y(lowest):.1f}" y2="{scale_y(highest):.1f}" stroke="#52606d"/>')
        for end in (lowest, highest):
            parts.append(f'<line x1="{center - half / 2:.1f}" x2="{center + half / 2:.1f}" y1="{scale_y(end):.1f}" y2="{scale_y(end):.1f}" stroke="#52606d"/>')
        parts.append(f'<rect x="{center - half:.1f}" y="{scale_y(q3):.1f}" width="{2 * half:.1f}" '
                     f'height="{max(scale_y(q1) - scale_y(q3), 1):.1f}" fill="{color}" fill-opacity="0.18" stroke="{color}">'
                     f"<title>{esc(label)}：最低 {esc(value_format(lowest))}，下四分位 {esc(value_format(q1))}，"
                     f"中位数 {esc(value_format(median))}，上四分位 {esc(value_format(q3))}，最高 {esc(value_format(highest))}</title></rect>")
        parts.append(f'<line x1="{center - half:.1f}" x2="{center + half:.1f}" y1="{scale_y(median):.1f}" y2="{scale_y(median):.1f}" stroke="{color}" stroke-width="3"/>')
        for position, value in enumerate(stats.get("points") or []):
            jitter = ((position * 7919) % 11 - 5) / 5 * half * 0.8
            parts.append(f'<circle cx="{center + jitter:.1f}" cy="{scale_y(value):.1f}" r="3" fill="#d9480f" fill-opacity="0.7">'
                         f"<title>{esc(value_format(value))}</title></circle>")
    parts.append("</svg>")
    return "".join(parts)


def diverging_bars(items: Sequence[tuple[str, Number]], *, title: str, value_format: Callable[[float], str],
                   width: int = 660, bar_height: int = 22) -> str:
    """Horizontal bars left (negative) and right (positive) of zero, one per labelled item; the labels in
    a column on the left, the values in a column on the right."""
    label_width, value_width, top = max(260, width // 2 - 40), 100, 40
    height = top + bar_height * len(items) + 16
    left, right = label_width + 10, width - value_width
    extent = max((abs(v) for _, v in items), default=1) or 1
    zero = (left + right) / 2

    def scale(value):
        return (right - left) / 2 * value / extent

    parts = [_svg_open(width, height, title),
             f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top - 6}" y2="{height - 10}" stroke="#9aa5b1"/>']
    for index, (label, value) in enumerate(items):
        y = top + index * bar_height
        length = scale(value)
        x = zero if length >= 0 else zero + length
        color = "#2b8a3e" if value >= 0 else "#c92a2a"
        baseline = y + bar_height * 0.65
        parts.append(f'<text x="{label_width}" y="{baseline:.1f}" text-anchor="end">'
                     f"{esc(_short(label, max(int(label_width / 12), 8)))}<title>{esc(label)}</title></text>")
        parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{max(abs(length), 1):.1f}" height="{bar_height - 6}" fill="{color}">'
                     f"<title>{esc(label)}：{esc(value_format(value))}</title></rect>")
        parts.append(f'<text x="{width - 8}" y="{baseline:.1f}" text-anchor="end" fill="{color}">'
                     f"{esc(value_format(value))}</text>")
    parts.append("</svg>")
    return "".join(parts)
