"""Line charts of figures over periods. Pure: plain lists in, SVG out.

The chart is an inline SVG drawn on the server (see docs/adr/0005): the page's
strict Content-Security-Policy allows no scripts or inline styles, so it uses
only presentation attributes and classes from meedoen.css. Every text in it
goes through `format_html`, which escapes it. The table next to it is the
text alternative and shows the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from monitoring.analysis.charts.figures import Series, decimals_for, number

MAX_SERIES = 8  # one municipality and seven areas: more lines cannot be told apart

# Okabe–Ito, darkest first and without its yellow (too pale on white), then Tol's wine.
PALETTE = ["#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#882255"]
SHAPES = ["circle", "square", "triangle", "diamond"]  # filled, then the same hollow: 8 markers
BENCHMARK_COLOUR = "#595959"
BENCHMARK_DASH = "6 4"

# A chart is drawn twice (docs/adr/0012): WIDTH wide for screens from 768 px, whose content is 696 px
# wide or more, and NARROW wide for phones (336 px of content at 360 px), so that its 12-unit text
# shows at 12 px or more on both (CSS shows one of them).
WIDTH, NARROW, LEFT, RIGHT, TOP, PLOT_HEIGHT = 680, 320, 64, 16, 32, 240
BOTTOM = TOP + PLOT_HEIGHT
LEGEND_TOP, LEGEND_ROW, LEGEND_COLUMNS = BOTTOM + 48, 22, 2
CHAR_WIDTH = 7  # about, at 12px: enough to keep labels apart
BOLD_CHAR_WIDTH = 8  # a bold label, with room for wide fonts (DejaVu Sans)


def is_narrow(width: int) -> bool:
    return width < WIDTH


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) that span low to high."""
    if high - low < 1e-6:  # equal, or apart by less than any figure shown (at most 2 decimals)
        middle = (low + high) / 2
        pad = abs(middle) * 0.1 if abs(middle) >= 1e-6 else 1.0
        low, high = middle - pad, middle + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    start = math.floor(low / step + 1e-9) * step
    stop = math.ceil(high / step - 1e-9) * step
    return [round(start + i * step, 10) + 0.0 for i in range(round((stop - start) / step) + 1)]


@dataclass(frozen=True)
class _Scale:
    periods: list[str]
    low: float
    high: float
    width: int = WIDTH

    def x(self, period: str) -> float:
        inner = self.width - LEFT - RIGHT - 48
        if len(self.periods) == 1:
            return LEFT + 24 + inner / 2
        return LEFT + 24 + self.periods.index(period) * inner / (len(self.periods) - 1)

    def y(self, value: float) -> float:
        if self.high <= self.low:
            return BOTTOM - PLOT_HEIGHT / 2
        return BOTTOM - (value - self.low) / (self.high - self.low) * PLOT_HEIGHT


def _f(value: float) -> str:
    """A coordinate for an SVG attribute: always with a full stop, whatever the language."""
    return f"{value:.1f}"


def line_chart(
    *,
    periods: Sequence[str],
    series: Sequence[Series],
    benchmark: dict[str, float] | None = None,
    benchmark_label: str = "",
    title: str,
    description: str,
    y_label: str = "",
    decimals: int = 0,
    chart_id: str = "grafiek",
    width: int = WIDTH,
) -> SafeString:
    """An accessible SVG line chart: a line per series, the benchmark dashed. Empty when there is nothing to draw."""
    series = [Series(s.label, {p: v for p, v in s.values.items() if p in periods}, s.texts) for s in series]
    series = [s for s in series if s.values][:MAX_SERIES]
    benchmark = {p: v for p, v in (benchmark or {}).items() if p in periods}
    values = [v for s in series for v in s.values.values()] + list(benchmark.values())
    if not values:
        return mark_safe("")
    tick_values = ticks(min(values), max(values))
    scale = _Scale(list(periods), tick_values[0], tick_values[-1], width)
    columns = 1 if is_narrow(width) else LEGEND_COLUMNS
    height = LEGEND_TOP + math.ceil((len(series) + bool(benchmark)) / columns) * LEGEND_ROW
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" '
            'aria-labelledby="{id}-title {id}-desc" focusable="false">'
            '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
            w=width,
            h=height,
            id=chart_id,
            title=title,
            desc=description,
        ),
        _y_axis(tick_values, scale, y_label),
        _x_axis(scale),
    ]
    if benchmark:
        parts.append(_benchmark_line(benchmark, scale, benchmark_label or _("Vergelijkingswaarde")))
    parts += [_series_line(s, i, scale, decimals) for i, s in enumerate(series)]
    parts += [_legend(series, benchmark_label if benchmark else None, width), mark_safe("</svg>")]
    return mark_safe("".join(parts))


def _y_axis(tick_values: list[float], scale: _Scale, label: str) -> SafeString:
    decimals = decimals_for([tick_values[1] - tick_values[0]], most=4)
    parts = [format_html('<text class="chart-label" x="{}" y="{}">{}</text>', LEFT - 56, TOP - 16, label)]
    for value in tick_values:
        parts.append(
            format_html(
                '<line class="{kind}" x1="{left}" x2="{right}" y1="{y}" y2="{y}"/>'
                '<text class="chart-tick" x="{x}" y="{y}" text-anchor="end" dominant-baseline="middle">{text}</text>',
                kind="chart-zero" if value == 0 else "chart-grid",
                left=LEFT,
                right=scale.width - RIGHT,
                x=LEFT - 8,
                y=_f(scale.y(value)),
                text=number(value, decimals),
            )
        )
    return mark_safe("".join(parts))


def _x_axis(scale: _Scale) -> SafeString:
    """The period labels under the plot; with many periods only every so many, so they do not overlap."""
    periods = scale.periods
    room = max(1, (scale.width - LEFT - RIGHT) // (max(len(p) for p in periods) * CHAR_WIDTH + 12))
    every = math.ceil(len(periods) / room)
    right = scale.width - RIGHT
    parts = [format_html('<line class="chart-axis" x1="{}" x2="{}" y1="{y}" y2="{y}"/>', LEFT, right, y=BOTTOM)]
    parts += [
        format_html(
            '<text class="chart-tick" x="{}" y="{}" text-anchor="middle">{}</text>', _f(scale.x(p)), BOTTOM + 20, p
        )
        for p in periods[::every]
    ]
    return mark_safe("".join(parts))


def _path(points: list[tuple[float, float]], isolated_width: float = 0) -> str:
    """Path data through neighbouring points; a lone point becomes a short level stroke if asked."""
    if len(points) == 1 and isolated_width:
        x, y = points[0]
        return f"M{_f(x - isolated_width)} {_f(y)} H{_f(x + isolated_width)}"
    return " ".join(f"{'L' if i else 'M'}{_f(x)} {_f(y)}" for i, (x, y) in enumerate(points))


def _segments(values: dict[str, float], scale: _Scale, isolated_width: float = 0) -> str:
    """Path data for a series over all periods; missing periods leave a gap."""
    runs: list[list[tuple[float, float]]] = [[]]
    for period in scale.periods:
        if period in values:
            runs[-1].append((scale.x(period), scale.y(values[period])))
        elif runs[-1]:
            runs.append([])
    return " ".join(_path(run, isolated_width) for run in runs if run)


def _series_line(series: Series, index: int, scale: _Scale, decimals: int) -> SafeString:
    markers = [
        _marker(index, scale.x(p), scale.y(v), format_html("{}, {}: {}", series.label, p, series.text(p, decimals)))
        for p, v in series.values.items()
    ]
    return format_html(
        '<g class="chart-series"><path class="chart-line" d="{}" fill="none" stroke="{}" stroke-width="2"/>{}</g>',
        _segments(series.values, scale),
        PALETTE[index % len(PALETTE)],
        mark_safe("".join(markers)),
    )


def _marker(index: int, x: float, y: float, tooltip: str = "") -> SafeString:
    """A marker whose shape and fill differ per series, so colour is not the only difference."""
    colour = PALETTE[index % len(PALETTE)]
    fill = colour if (index // len(SHAPES)) % 2 == 0 else "#ffffff"
    shape = SHAPES[index % len(SHAPES)]
    title = format_html("<title>{}</title>", tooltip) if tooltip else ""
    attrs = format_html('fill="{}" stroke="{}" stroke-width="1.5"', fill, colour)
    if shape == "circle":
        return format_html('<circle cx="{}" cy="{}" r="4.5" {}>{}</circle>', _f(x), _f(y), attrs, title)
    if shape == "square":
        return format_html('<rect x="{}" y="{}" width="8" height="8" {}>{}</rect>', _f(x - 4), _f(y - 4), attrs, title)
    corners = {"triangle": [(0, -5.5), (5, 4), (-5, 4)], "diamond": [(0, -5.5), (5.5, 0), (0, 5.5), (-5.5, 0)]}
    points = " ".join(f"{_f(x + dx)},{_f(y + dy)}" for dx, dy in corners[shape])
    return format_html('<polygon points="{}" {}>{}</polygon>', points, attrs, title)


def _benchmark_line(benchmark: dict[str, float], scale: _Scale, label: str) -> SafeString:
    return format_html(
        '<path class="chart-benchmark" d="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}">'
        "<title>{}</title></path>",
        _segments(benchmark, scale, isolated_width=16),
        BENCHMARK_COLOUR,
        BENCHMARK_DASH,
        label,
    )


def _legend(series: Sequence[Series], benchmark_label: str | None, width: int) -> SafeString:
    """Two columns under the plot (one on a phone): a sample of each line with its marker, then the benchmark."""
    columns = 1 if is_narrow(width) else LEGEND_COLUMNS
    left = 8 if is_narrow(width) else LEFT
    column_width = (width - left - RIGHT) // columns
    room = (column_width - 40) // CHAR_WIDTH
    sample = '<line x1="0" x2="24" y1="0" y2="0" stroke="{}" stroke-width="2"{}/>{}'
    entries = [
        (s.label, format_html(sample, PALETTE[i % len(PALETTE)], "", _marker(i, 12, 0))) for i, s in enumerate(series)
    ]
    if benchmark_label is not None:
        label = _("Vergelijkingswaarde: %(label)s") % {"label": benchmark_label} if benchmark_label else ""
        dashed = format_html(' stroke-dasharray="{}"', BENCHMARK_DASH)
        entries.append((label or _("Vergelijkingswaarde"), format_html(sample, BENCHMARK_COLOUR, dashed, "")))
    parts = [
        format_html(
            '<g transform="translate({} {})">{}'
            '<text class="chart-tick" x="32" y="0" dominant-baseline="middle">{}</text></g>',
            left + (i % columns) * column_width,
            LEGEND_TOP - 12 + (i // columns) * LEGEND_ROW,
            entry,
            label if len(label) <= room else label[: room - 1] + "…",
        )
        for i, (label, entry) in enumerate(entries)
    ]
    return format_html('<g class="chart-legend">{}</g>', mark_safe("".join(parts)))
