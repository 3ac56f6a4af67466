"""Charts as server-side SVG: a line (score trend), bars (per domain, per day) and a calendar heat map.

Every chart is an <svg role="img"> with a title and a description that states its numbers, so a
screen reader hears the figures; pages put a table beside the chart when the figures matter.
Colours come from CSS classes (the theme decides them), never from inline styles, which the
Content-Security-Policy forbids; values are also written as text, never by colour alone.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None


def _svg(width: int, height: int, title: str, desc: str, body: str, *, css: str) -> Markup:
    return Markup(  # noqa: S704 - every interpolated text is escaped where it is built
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" preserveAspectRatio="xMidYMid meet">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>")


def line_chart(points: Sequence[Point], *, title: str, y_max: float = 100, unit: str = "%",
               threshold: float | None = None, threshold_label: str = "") -> Markup:
    """Values over time, left to right, on a 0..y_max scale; an optional dashed line marks a threshold."""
    width, height, pad_l, pad_r, pad_t, pad_b = 640, 240, 40, 16, 16, 36
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    shown = [p for p in points if p.value is not None]
    desc = "; ".join(f"{p.label}: {p.value:.0f}{unit}" for p in shown) or "No data yet."
    parts = []
    for tick in range(0, 101, 25):
        y = pad_t + plot_h - plot_h * tick / 100
        parts.append(f'<line class="grid" x1="{pad_l}" x2="{width - pad_r}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{pad_l - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f"{y_max * tick / 100:.0f}</text>")
    if threshold is not None:
        y = pad_t + plot_h - plot_h * min(threshold / y_max, 1)
        parts.append(f'<line class="threshold" x1="{pad_l}" x2="{width - pad_r}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="axis" x="{width - pad_r}" y="{y - 4:.1f}" text-anchor="end">'
                     f"{escape(threshold_label)}</text>")
    if shown:
        step = plot_w / max(len(shown) - 1, 1)
        coords = [(pad_l + (i * step if len(shown) > 1 else plot_w / 2),
                   pad_t + plot_h - plot_h * min(max(p.value or 0, 0) / y_max, 1)) for i, p in enumerate(shown)]
        parts.append('<polyline class="series" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
        for (x, y), p in zip(coords, shown, strict=True):
            parts.append(f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{escape(p.label)}: '
                         f"{p.value:.0f}{unit}</title></circle>")
        label_every = max(1, len(shown) // 6)
        for i, ((x, _), p) in enumerate(zip(coords, shown, strict=True)):
            if i % label_every == 0 or i == len(shown) - 1:
                parts.append(f'<text class="axis" x="{x:.1f}" y="{height - 12}" text-anchor="middle">'
                             f"{escape(p.label)}</text>")
    else:
        parts.append(f'<text class="empty" x="{width / 2}" y="{height / 2}" text-anchor="middle">No data yet</text>')
    return _svg(width, height, title, desc, "".join(parts), css="line")


def bar_chart(points: Sequence[Point], *, title: str, y_max: float | None = None, unit: str = "") -> Markup:
    """Horizontal bars, one per label, each with its value written at its end."""
    row, pad_l, width = 28, 240, 700
    height = max(row * len(points) + 8, 40)
    top = max([p.value or 0 for p in points] + [y_max or 0, 1])
    desc = "; ".join(f"{p.label}: {_fmt(p.value)}{unit}" for p in points) or "No data yet."
    parts = []
    for i, p in enumerate(points):
        y = 4 + i * row
        w = (width - pad_l - 70) * (p.value or 0) / top
        parts.append(f'<text class="axis" x="{pad_l - 8}" y="{y + 17}" text-anchor="end">{escape(_clip(p.label))}'
                     f'</text><rect class="track" x="{pad_l}" y="{y + 4}" width="{width - pad_l - 70}" height="18" '
                     f'rx="3"/><rect class="bar" x="{pad_l}" y="{y + 4}" width="{w:.1f}" height="18" rx="3"/>'
                     f'<text class="value" x="{pad_l + w + 6:.1f}" y="{y + 17}">{_fmt(p.value)}{escape(unit)}</text>')
    return _svg(width, height, title, desc, "".join(parts), css="bars")


def column_chart(points: Sequence[Point], *, title: str, unit: str = "") -> Markup:
    """Vertical columns over time (e.g. active users per day)."""
    width, height, pad_b, pad_t = 640, 200, 28, 12
    top = max([p.value or 0 for p in points] + [1])
    step = (width - 20) / max(len(points), 1)
    desc = "; ".join(f"{p.label}: {_fmt(p.value)}{unit}" for p in points) or "No data yet."
    parts = []
    label_every = max(1, len(points) // 8)
    for i, p in enumerate(points):
        h = (height - pad_b - pad_t) * (p.value or 0) / top
        x = 10 + i * step
        parts.append(f'<rect class="bar" x="{x + 1:.1f}" y="{height - pad_b - h:.1f}" width="{max(step - 2, 1):.1f}" '
                     f'height="{h:.1f}"><title>{escape(p.label)}: {_fmt(p.value)}{escape(unit)}</title></rect>')
        if i % label_every == 0:
            parts.append(f'<text class="axis" x="{x:.1f}" y="{height - 8}">{escape(p.label)}</text>')
    return _svg(width, height, title, desc, "".join(parts), css="columns")


def heatmap(minutes_by_day: dict[date, int], *, end: date, active: set[date] | None = None, weeks: int = 18,
            title: str = "Activity") -> Markup:
    """A calendar of the last `weeks` weeks, a column per week, darker for more minutes studied.

    Each day's level is also its <title> ("Mon 3 Nov: 25 min"), and the description totals the active
    days, so the picture is never the only way to read it.
    """
    start = end - timedelta(days=end.weekday() + 7 * (weeks - 1))
    cell, gap, pad_l, pad_t = 12, 3, 28, 16
    width, height = pad_l + weeks * (cell + gap), pad_t + 7 * (cell + gap)
    parts = []
    for row, name in ((0, "Mon"), (2, "Wed"), (4, "Fri")):
        parts.append(f'<text class="axis" x="0" y="{pad_t + row * (cell + gap) + 10}">{name}</text>')
    active_days = total = 0
    day = start
    while day <= end:
        week, weekday = (day - start).days // 7, day.weekday()
        minutes = minutes_by_day.get(day, 0)
        was_active = minutes > 0 or day in (active or ())
        active_days += was_active
        total += minutes
        level = 0 if not was_active else 1 if minutes < 15 else 2 if minutes < 30 else 3 if minutes < 60 else 4
        x, y = pad_l + week * (cell + gap), pad_t + weekday * (cell + gap)
        parts.append(f'<rect class="day l{level}" x="{x}" y="{y}" width="{cell}" height="{cell}" rx="2">'
                     f"<title>{day:%a %-d %b}: {minutes} min{' (active)' if was_active else ''}</title></rect>")
        if day.day == 1 or (day == start and day.day <= 14):  # no label crowding the next month's
            parts.append(f'<text class="axis" x="{x}" y="10">{day:%b}</text>')
        day += timedelta(days=1)
    desc = f"{active_days} active days and {total} minutes of study from {start:%-d %b} to {end:%-d %b %Y}."
    return _svg(width, height, title, desc, "".join(parts), css="heatmap")


def _fmt(value: float | None) -> str:
    if value is None:
        return "\u2013"  # an en dash: no value
    return f"{value:.0f}" if float(value).is_integer() or abs(value) >= 10 else f"{value:.1f}"


def _clip(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
