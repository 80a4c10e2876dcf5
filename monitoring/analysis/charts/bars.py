"""Bars and the coverage matrix of the dashboard. Pure: plain lists in, SVG out; every text
escaped by format_html, no style attributes (the strict CSP), see docs/adr/0005."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from monitoring.analysis.charts.lines import CHAR_WIDTH, LEGEND_ROW, PALETTE, RIGHT, TOP, WIDTH, _f, number

BAR_LEFT, BAR_ROOM_RIGHT = 200, 112  # room for the group labels, and for the value written after a bar
BAR_HEIGHT, BAR_GAP, GROUP_GAP = 18, 4, 14
STUB_WIDTH = 10  # a hidden value: a hatched stub, never its true length
HATCH_COLOUR = "#595959"
MATRIX_COLUMN, MATRIX_ROW, MATRIX_HEAD = 128, 28, 56
# Light to dark blue for 1, 2, 3–4 and 5 or more; the darkest takes white text (class chart-on-dark).
MATRIX_FILLS = [(5, "#08519c"), (3, "#6baed6"), (2, "#c6dbef"), (1, "#eff3ff")]


@dataclass(frozen=True)
class Bar:
    """One bar. `value` None: the figure may not be shown (small-cell protection), only `text` such as "<5"."""

    value: float | None
    text: str
    label: str = ""  # what the bar stands for in its group, such as a year; empty for one bar per group


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: list[Bar]


def fit(text: str, room: int) -> str:
    """Text cut to `room` characters, with an ellipsis when cut."""
    return text if len(text) <= room else text[: max(room - 1, 0)] + "…"


def _svg_open(chart_id: str, width: float, height: float, title: str, description: str) -> SafeString:
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


def bar_chart(
    *, groups: Sequence[BarGroup], title: str, description: str, note: str = "", chart_id: str = "staafgrafiek"
) -> SafeString:
    """Horizontal bars from zero, a group per label, each bar with its value written after it.

    Bars in a group differ by colour and by the label written with the value, so colour is not the
    only difference. A hidden value is a hatched stub; `note` explains it under the bars."""
    groups = [g for g in groups if g.bars]
    if not groups:
        return mark_safe("")
    longest = max([b.value for g in groups for b in g.bars if b.value is not None] + [0]) or 1
    room = WIDTH - BAR_LEFT - BAR_ROOM_RIGHT
    hidden = any(b.value is None for g in groups for b in g.bars)
    bars = sum(len(g.bars) for g in groups)
    bottom = TOP + bars * (BAR_HEIGHT + BAR_GAP) + (len(groups) - 1) * GROUP_GAP
    height = bottom + (LEGEND_ROW + 16 if hidden and note else 16)
    parts, y = [_svg_open(chart_id, WIDTH, height, title, description)], TOP
    for group in groups:
        size = len(group.bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        parts.append(
            format_html(
                '<text class="chart-tick" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
                BAR_LEFT - 8,
                _f(y + size / 2),
                fit(group.label, (BAR_LEFT - 16) // CHAR_WIDTH),
            )
        )
        for index, bar in enumerate(group.bars):
            parts.append(_bar(bar, index, y, (bar.value or 0) / longest * room, chart_id))
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    parts.append(
        format_html('<line class="chart-axis" x1="{x}" x2="{x}" y1="{}" y2="{}"/>', TOP - 4, bottom, x=BAR_LEFT)
    )
    if hidden and note:
        parts.append(_hatch_note(note, bottom + LEGEND_ROW, chart_id))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _bar(bar: Bar, index: int, y: float, length: float, chart_id: str) -> SafeString:
    colour = PALETTE[1 + index % (len(PALETTE) - 1)]  # no black: it reads as an axis
    text = f"{bar.label}: {bar.text}" if bar.label else bar.text
    if bar.value is None:
        shape = format_html(
            '<rect class="chart-hidden" x="{}" y="{}" width="{}" height="{}" fill="url(#{}-hatch)" stroke="{}"/>',
            BAR_LEFT,
            _f(y),
            STUB_WIDTH,
            BAR_HEIGHT,
            chart_id,
            colour,
        )
        length = STUB_WIDTH
    elif length > 0:
        shape = format_html(
            '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            BAR_LEFT,
            _f(y),
            _f(length),
            BAR_HEIGHT,
            colour,
        )
    else:
        shape = mark_safe("")
    return format_html(
        '<g class="chart-series">{}<text class="chart-tick" x="{}" y="{}" dominant-baseline="middle">{}</text></g>',
        shape,
        _f(BAR_LEFT + length + 6),
        _f(y + BAR_HEIGHT / 2),
        text,
    )


def _hatch_note(note: str, y: float, chart_id: str) -> SafeString:
    return format_html(
        '<g class="chart-legend"><rect x="{x}" y="{top}" width="{w}" height="12" fill="url(#{id}-hatch)" '
        'stroke="{colour}"/><text class="chart-tick" x="{text_x}" y="{y}" dominant-baseline="middle">{note}</text></g>',
        x=BAR_LEFT,
        top=_f(y - 6),
        w=STUB_WIDTH,
        id=chart_id,
        colour=HATCH_COLOUR,
        text_x=BAR_LEFT + STUB_WIDTH + 8,
        y=_f(y),
        note=fit(note, (WIDTH - BAR_LEFT - STUB_WIDTH - 8 - RIGHT) // CHAR_WIDTH),
    )


def wrap(text: str, room: int, lines: int = 3) -> list[str]:
    """Words on lines of at most `room` characters, at most `lines` lines; the last one cut if need be."""
    result: list[str] = []
    for word in text.split():
        if result and len(result[-1]) + 1 + len(word) <= room:
            result[-1] += " " + word
        else:
            result.append(word)
    if len(result) > lines:
        result = [*result[: lines - 1], fit(" ".join(result[lines - 1 :]), room)]
    return [fit(line, room) for line in result]


def coverage_matrix(
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    empty_text: str,
    title: str,
    description: str,
    chart_id: str = "dekking",
) -> SafeString:
    """A grid of rows by columns with a count in every cell; an empty cell says `empty_text` in words,
    on white with a dashed border, so it does not rest on colour. Darker blue: more."""
    if not rows or not columns:
        return mark_safe("")
    width = max(WIDTH, BAR_LEFT + len(columns) * MATRIX_COLUMN + RIGHT)
    height = MATRIX_HEAD + len(rows) * MATRIX_ROW + 8
    parts = [_svg_open(chart_id, width, height, title, description)]
    room = (MATRIX_COLUMN - 8) // CHAR_WIDTH
    for c, column in enumerate(columns):
        lines = wrap(column, room)
        for i, line in enumerate(lines):
            parts.append(
                format_html(
                    '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>',
                    _f(BAR_LEFT + (c + 0.5) * MATRIX_COLUMN),
                    MATRIX_HEAD - 8 - (len(lines) - 1 - i) * 14,
                    line,
                )
            )
    for r, (label, row) in enumerate(zip(rows, counts, strict=True)):
        y = MATRIX_HEAD + r * MATRIX_ROW
        parts.append(
            format_html(
                '<text class="chart-tick" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
                BAR_LEFT - 8,
                _f(y + MATRIX_ROW / 2),
                fit(label, (BAR_LEFT - 16) // CHAR_WIDTH),
            )
        )
        parts += [_matrix_cell(count, BAR_LEFT + c * MATRIX_COLUMN, y, empty_text) for c, count in enumerate(row)]
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _matrix_cell(count: int, x: float, y: float, empty_text: str) -> SafeString:
    centre = format_html(
        'x="{}" y="{}" text-anchor="middle" dominant-baseline="middle"',
        _f(x + MATRIX_COLUMN / 2),
        _f(y + MATRIX_ROW / 2),
    )
    box = format_html('x="{}" y="{}" width="{}" height="{}"', _f(x + 2), _f(y + 2), MATRIX_COLUMN - 4, MATRIX_ROW - 4)
    if not count:
        return format_html(
            '<rect class="chart-empty" {} fill="#ffffff" stroke="{}" stroke-dasharray="3 3"/>'
            '<text class="chart-tick chart-muted" {}>{}</text>',
            box,
            HATCH_COLOUR,
            centre,
            empty_text,
        )
    fill = next(colour for least, colour in MATRIX_FILLS if count >= least)
    dark = " chart-on-dark" if count >= MATRIX_FILLS[0][0] else ""
    return format_html(
        '<rect class="chart-cell" {} fill="{}"/><text class="chart-label{}" {}>{}</text>',
        box,
        fill,
        dark,
        centre,
        number(count, 0),
    )
