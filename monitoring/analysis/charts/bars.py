"""Horizontal bars: the dashboard's, one period of an indicator, and a table's. Pure: plain lists in,
SVG out; every text escaped by format_html, no style attributes (the strict CSP), see docs/adr/0005.

Wide, a group's label stands left of its bars; narrow (a phone, docs/adr/0012) it stands above them,
so the bars keep their length and the text its size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from monitoring.analysis.charts.lines import (
    BENCHMARK_COLOUR,
    BENCHMARK_DASH,
    CHAR_WIDTH,
    LEGEND_ROW,
    PALETTE,
    RIGHT,
    TOP,
    WIDTH,
    _f,
    is_narrow,
)

BAR_LEFT, BAR_ROOM_RIGHT = 200, 112  # room for the group labels, and for the value written after a bar
NARROW_LEFT, LABEL_ROW = 8, 18  # narrow: bars from the left edge, each group's label on a line above
BAR_HEIGHT, BAR_GAP, GROUP_GAP = 18, 4, 14
STUB_WIDTH = 10  # a hidden value: a hatched stub, never its true length
HATCH_COLOUR = "#595959"


@dataclass(frozen=True)
class Bar:
    """One bar. `value` None: the figure may not be shown (small-cell protection), only `text` such as "<5";
    with `empty` there is no figure at all, and no stub either."""

    value: float | None
    text: str
    label: str = ""  # what the bar stands for in its group, such as a year; empty for one bar per group
    empty: bool = False


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: list[Bar]


@dataclass(frozen=True)
class Reference:
    """A value to hold the bars against, such as a benchmark: a dashed line across them, named at the top."""

    value: float
    text: str  # the value as written
    name: str = ""


def fit(text: str, room: int) -> str:
    """Text cut to `room` characters, with an ellipsis when cut."""
    return text if len(text) <= room else text[: max(room - 1, 0)] + "…"


def wrap(text: str, room: int, lines: int = 3) -> list[str]:
    """Words on lines of at most `room` characters, at most `lines` lines; the last one cut if need be.
    A word longer than a line is broken with a hyphen, so it never runs into its neighbour."""
    result: list[str] = []
    for word in text.split():
        while len(word) > room > 1:
            result.append(word[: room - 1] + "-")
            word = word[room - 1 :]
        if result and not result[-1].endswith("-") and len(result[-1]) + 1 + len(word) <= room:
            result[-1] += " " + word
        else:
            result.append(word)
    if len(result) > lines:
        result = [*result[: lines - 1], fit(" ".join(result[lines - 1 :]), room)]
    return [fit(line, room) for line in result]


def svg_open(chart_id: str, width: float, height: float, title: str, description: str) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<defs><pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="{hatch}" stroke-width="3"/></pattern></defs>',
        w=_f(width),
        h=_f(height),
        id=chart_id,
        title=title,
        desc=description,
        hatch=HATCH_COLOUR,
    )


@dataclass(frozen=True)
class _Layout:
    """Where the bars go: from `zero` (the zero line), `scale` units per unit of value."""

    width: int
    left: int
    zero: float
    scale: float

    @property
    def narrow(self) -> bool:
        return is_narrow(self.width)

    def x(self, value: float) -> float:
        return self.zero + value * self.scale


def _layout(groups: Sequence[BarGroup], reference: Reference | None, width: int) -> _Layout:
    left = NARROW_LEFT if is_narrow(width) else BAR_LEFT
    values = [b.value for g in groups for b in g.bars if b.value is not None]
    values += [reference.value] if reference else []
    low, high = min([0.0, *values]), max([0.0, *values])
    room = width - left - BAR_ROOM_RIGHT - (BAR_ROOM_RIGHT if low < 0 else 0)
    scale = room / ((high - low) or 1)
    return _Layout(width, left, left + (BAR_ROOM_RIGHT if low < 0 else 0) - low * scale, scale)


def bar_chart(
    *,
    groups: Sequence[BarGroup],
    title: str,
    description: str,
    note: str = "",
    chart_id: str = "staafgrafiek",
    width: int = WIDTH,
    reference: Reference | None = None,
    value_label: str = "",
) -> SafeString:
    """Horizontal bars from zero, a group per label, each bar with its value written after it.

    Bars in a group differ by colour and by the label written with the value, so colour is not the
    only difference. A hidden value is a hatched stub; `note` explains it under the bars."""
    groups = [g for g in groups if g.bars]
    if not groups:
        return mark_safe("")
    layout = _layout(groups, reference, width)
    label_row = LABEL_ROW if layout.narrow else 0
    top = TOP + (LABEL_ROW if reference else 0)
    hidden = any(b.value is None and not b.empty for g in groups for b in g.bars)
    bars = sum(len(g.bars) for g in groups)
    bottom = top + bars * (BAR_HEIGHT + BAR_GAP) + len(groups) * label_row + (len(groups) - 1) * GROUP_GAP
    note_lines = _note_lines(note, layout) if hidden and note else []
    height = bottom + 16 + len(note_lines) * LEGEND_ROW
    parts, y = [svg_open(chart_id, width, height, title, description)], top
    if value_label:  # what the numbers are, such as "percentage", over the bars
        parts.append(
            format_html('<text class="chart-label" x="{}" y="{}">{}</text>', layout.left, TOP - 16, value_label)
        )
    for group in groups:
        y += label_row
        parts.append(_group_label(group, y, layout))
        for index, bar in enumerate(group.bars):
            parts.append(_bar(bar, index, y, layout, chart_id))
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    axis = '<line class="chart-axis" x1="{x}" x2="{x}" y1="{}" y2="{}"/>'
    parts.append(format_html(axis, top - 4, bottom, x=_f(layout.zero)))
    if reference:
        parts.append(_reference(reference, layout, top, bottom))
    if note_lines:
        parts.append(_hatch_note(note_lines, bottom + LEGEND_ROW, chart_id, layout))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _group_label(group: BarGroup, y: float, layout: _Layout) -> SafeString:
    """Wide: right-aligned left of the bars, in the middle of the group; narrow: on the line above them."""
    if layout.narrow:
        return format_html(
            '<text class="chart-tick chart-label" x="{}" y="{}">{}</text>',
            layout.left,
            _f(y - 6),
            fit(group.label, (layout.width - layout.left - RIGHT) // (CHAR_WIDTH + 1)),
        )
    size = len(group.bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    return format_html(
        '<text class="chart-tick" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
        BAR_LEFT - 8,
        _f(y + size / 2),
        fit(group.label, (BAR_LEFT - 16) // CHAR_WIDTH),
    )


def _bar(bar: Bar, index: int, y: float, layout: _Layout, chart_id: str) -> SafeString:
    colour = PALETTE[1 + index % (len(PALETTE) - 1)]  # no black: it reads as an axis
    room = BAR_ROOM_RIGHT // CHAR_WIDTH - len(bar.text) - 2  # the figure is written whole; a long label is cut
    text = f"{fit(bar.label, max(room, 4))}: {bar.text}" if bar.label else bar.text
    start = end = layout.zero
    shape = mark_safe("")
    if bar.value is None and not bar.empty:
        shape = format_html(
            '<rect class="chart-hidden" x="{}" y="{}" width="{}" height="{}" fill="url(#{}-hatch)" stroke="{}"/>',
            _f(layout.zero),
            _f(y),
            STUB_WIDTH,
            BAR_HEIGHT,
            chart_id,
            colour,
        )
        end = layout.zero + STUB_WIDTH
    elif bar.value:
        start, end = sorted((layout.zero, layout.x(bar.value)))
        shape = format_html(
            '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            _f(start),
            _f(y),
            _f(end - start),
            BAR_HEIGHT,
            colour,
        )
    negative = bar.value is not None and bar.value < 0
    return format_html(
        '<g class="chart-series">{}<text class="chart-tick" x="{}" y="{}"{} dominant-baseline="middle">{}</text></g>',
        shape,
        _f(start - 6 if negative else end + 6),
        _f(y + BAR_HEIGHT / 2),
        mark_safe(' text-anchor="end"') if negative else "",
        text,
    )


def _reference(reference: Reference, layout: _Layout, top: float, bottom: float) -> SafeString:
    """A dashed line across the bars at the reference value, its name and value above it."""
    x = layout.x(reference.value)
    room = (layout.width - RIGHT - layout.left) // CHAR_WIDTH - len(reference.text) - 2
    text = f"{fit(reference.name, max(room, 4))}: {reference.text}" if reference.name else reference.text
    # Keep the words on the chart: start at the line, or end there when they would run off the right edge.
    anchor = "end" if x + len(text) * CHAR_WIDTH > layout.width - RIGHT else "start"
    if anchor == "end" and x - len(text) * CHAR_WIDTH < 0:
        x_text, anchor = layout.left, "start"
    else:
        x_text = x
    return format_html(
        '<g class="chart-reference"><line class="chart-benchmark" x1="{x}" x2="{x}" y1="{}" y2="{}" stroke="{}" '
        'stroke-width="2" stroke-dasharray="{}"/>'
        '<text class="chart-tick" x="{}" y="{}" text-anchor="{}">{}</text></g>',
        _f(top - 8),
        _f(bottom),
        BENCHMARK_COLOUR,
        BENCHMARK_DASH,
        _f(x_text),
        _f(top - 12),
        anchor,
        text,
        x=_f(x),
    )


def _note_lines(note: str, layout: _Layout) -> list[str]:
    return wrap(note, (layout.width - layout.left - STUB_WIDTH - 8 - RIGHT) // CHAR_WIDTH)


def _hatch_note(lines: list[str], y: float, chart_id: str, layout: _Layout) -> SafeString:
    """A hatched sample, then what it means, on as many lines as it takes."""
    texts = format_html_join(
        "",
        '<text class="chart-tick" x="{}" y="{}" dominant-baseline="middle">{}</text>',
        ((layout.left + STUB_WIDTH + 8, _f(y + i * LEGEND_ROW), line) for i, line in enumerate(lines)),
    )
    return format_html(
        '<g class="chart-legend"><rect x="{x}" y="{top}" width="{w}" height="12" fill="url(#{id}-hatch)" '
        'stroke="{colour}"/>{texts}</g>',
        x=layout.left,
        top=_f(y - 6),
        w=STUB_WIDTH,
        id=chart_id,
        colour=HATCH_COLOUR,
        texts=texts,
    )
