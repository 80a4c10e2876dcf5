"""The coverage matrix of the dashboard: a count in every cell of a grid. Pure: plain lists in, SVG out.

Column headings wrap over at most four lines of a width that bold text in a wide font keeps to, so
they never run into each other. On a phone (docs/adr/0012) the columns get a letter, a key above the
grid names them in full, and each row's label stands on a line of its own above its cells."""

from __future__ import annotations

from collections.abc import Sequence
from string import ascii_uppercase

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from monitoring.analysis.charts.bars import BAR_LEFT, HATCH_COLOUR, fit, svg_open, wrap
from monitoring.analysis.charts.figures import number
from monitoring.analysis.charts.lines import BOLD_CHAR_WIDTH, CHAR_WIDTH, RIGHT, WIDTH, _f, is_narrow

MATRIX_COLUMN, MATRIX_ROW, HEADING_LINE, HEADING_LINES = 128, 28, 15, 4
NARROW_LEFT, NARROW_LABEL = 8, 18
# Light to dark blue for 1, 2, 3–4 and 5 or more; the darkest takes white text (class chart-on-dark).
MATRIX_FILLS = [(5, "#08519c"), (3, "#6baed6"), (2, "#c6dbef"), (1, "#eff3ff")]


def coverage_matrix(
    *,
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Sequence[Sequence[int]],
    empty_text: str,
    title: str,
    description: str,
    chart_id: str = "dekking",
    width: int = WIDTH,
) -> SafeString:
    """A grid of rows by columns with a count in every cell; an empty cell says `empty_text` in words,
    on white with a dashed border, so it does not rest on colour. Darker blue: more."""
    if not rows or not columns:
        return mark_safe("")
    if is_narrow(width):
        return _narrow(rows, columns, counts, empty_text, title, description, chart_id, width)
    column = min(MATRIX_COLUMN, (width - BAR_LEFT - RIGHT) // len(columns))
    headings = [wrap(name, (column - 12) // BOLD_CHAR_WIDTH, HEADING_LINES) for name in columns]
    head = max(len(lines) for lines in headings) * HEADING_LINE + 16
    height = head + len(rows) * MATRIX_ROW + 8
    parts = [svg_open(chart_id, width, height, title, description)]
    for c, lines in enumerate(headings):
        parts += _heading(lines, BAR_LEFT + (c + 0.5) * column, head - 10, "middle")
    for r, (label, row) in enumerate(zip(rows, counts, strict=True)):
        y = head + r * MATRIX_ROW
        parts.append(
            format_html(
                '<text class="chart-tick" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
                BAR_LEFT - 8,
                _f(y + MATRIX_ROW / 2),
                fit(label, (BAR_LEFT - 16) // CHAR_WIDTH),
            )
        )
        parts += [_cell(count, BAR_LEFT + c * column, y, column, empty_text) for c, count in enumerate(row)]
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _heading(lines: list[str], x: float, bottom: float, anchor: str) -> list[SafeString]:
    """Lines of a heading that end at `bottom`."""
    return [
        format_html(
            '<text class="chart-label" x="{}" y="{}" text-anchor="{}">{}</text>',
            _f(x),
            _f(bottom - (len(lines) - 1 - i) * HEADING_LINE),
            anchor,
            line,
        )
        for i, line in enumerate(lines)
    ]


def _narrow(rows, columns, counts, empty_text, title, description, chart_id, width) -> SafeString:
    """A key of lettered columns above the grid, then per row its label and a line of cells."""
    letters = [ascii_uppercase[c % 26] for c in range(len(columns))]
    room = (width - NARROW_LEFT - RIGHT - 24) // BOLD_CHAR_WIDTH
    key = [(letter, wrap(name, room, 2)) for letter, name in zip(letters, columns, strict=True)]
    column = (width - NARROW_LEFT - RIGHT) // len(columns)
    parts, y = [], 16
    for letter, lines in key:
        parts.append(format_html('<text class="chart-label" x="{}" y="{}">{}</text>', NARROW_LEFT, _f(y), letter))
        parts += _heading(lines, NARROW_LEFT + 24, y + (len(lines) - 1) * HEADING_LINE, "start")
        y += len(lines) * HEADING_LINE + 4
    y += 8
    for c, letter in enumerate(letters):
        x = NARROW_LEFT + (c + 0.5) * column
        parts.append(
            format_html('<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}</text>', _f(x), _f(y), letter)
        )
    y += 8
    if len(empty_text) * CHAR_WIDTH > column - 8:
        empty_text, empty_text_in_words = "–", empty_text  # the key says what a dash means
        parts.append(_dash_key(y, empty_text_in_words))
        y += MATRIX_ROW
    for label, row in zip(rows, counts, strict=True):
        y += NARROW_LABEL
        label_room = (width - NARROW_LEFT - RIGHT) // CHAR_WIDTH
        parts.append(
            format_html(
                '<text class="chart-tick" x="{}" y="{}">{}</text>', NARROW_LEFT, _f(y - 5), fit(label, label_room)
            )
        )
        parts += [_cell(count, NARROW_LEFT + c * column, y, column, empty_text) for c, count in enumerate(row)]
        y += MATRIX_ROW
    return mark_safe("".join([svg_open(chart_id, width, y + 8, title, description), *parts, "</svg>"]))


def _dash_key(y: float, meaning: str) -> SafeString:
    return format_html(
        '<text class="chart-tick chart-muted" x="{}" y="{}" dominant-baseline="middle">– = {}</text>',
        NARROW_LEFT,
        _f(y + 8),
        meaning,
    )


def _cell(count: int, x: float, y: float, column: float, empty_text: str) -> SafeString:
    centre = format_html(
        'x="{}" y="{}" text-anchor="middle" dominant-baseline="middle"',
        _f(x + column / 2),
        _f(y + MATRIX_ROW / 2),
    )
    box = format_html('x="{}" y="{}" width="{}" height="{}"', _f(x + 2), _f(y + 2), _f(column - 4), MATRIX_ROW - 4)
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
