"""A chart of a table the table builder made: bars, or lines when the rows or columns are periods.

It draws the table as shown, never what lies behind it: a cell's drawn value is the value the table
shows (perturbed by the cell-key method), and its text is the cell's own text. A cell the table does
not show (an old frozen copy's "<5" or "x") is a hatched stub of no size in a bar chart and a gap
in a line; a cell without a figure is a gap. Totals stay in the table only: next to their parts they
would dwarf them. Pure: a table in (monitoring.analysis.pivot.Table), SVG and sentences out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from monitoring.analysis.charts.bars import Bar, BarGroup, bar_chart
from monitoring.analysis.charts.figures import Series
from monitoring.analysis.charts.lines import MAX_SERIES, line_chart
from monitoring.analysis.charts.screens import for_screens

if TYPE_CHECKING:  # pivot imports this package for its numbers
    from monitoring.analysis.pivot import Cell, Table

MAX_BARS = 60  # more bars than a page can hold readably; the table has them all
ROWS, COLUMNS = "rijen", "kolommen"  # which way the periods run, if any


@dataclass(frozen=True)
class TableChart:
    chart: SafeString  # wide and narrow (charts.screens)
    summary: str  # one sentence, also in the chart's description
    notes: list[str]  # what the chart leaves out or draws differently from the table


@dataclass(frozen=True)
class _Grid:
    """The table without its totals, turned so that `across` runs along a bar group or a line."""

    down: list[str]  # a bar group or a line each
    across: list[str]
    cells: list[list[Cell]]
    totals_left_out: bool
    turned: bool = False


def table_chart(table: Table, *, periods: str = "", title: str, chart_id: str = "tabelgrafiek") -> TableChart | None:
    """The chart of `table`; `periods` says whether its ROWS or COLUMNS are periods. None when no cell
    has a figure to draw."""
    grid = _grid(table, turned=periods == ROWS)
    shown = [(d, a, c) for d, row in enumerate(grid.cells) for a, c in enumerate(row) if _drawn(c)]
    if not shown:
        return None
    lines = bool(periods) and len(grid.across) > 1
    down = min(len(grid.down), MAX_SERIES if lines else max(1, MAX_BARS // min(len(grid.across), MAX_SERIES)))
    across = len(grid.across) if lines else min(len(grid.across), MAX_SERIES)
    summary = _summary(grid, [s for s in shown if s[0] < down and s[1] < across])
    notes = _notes(grid, down, across, lines)
    draw = _lines if lines else _bars
    description = " ".join([_kind(lines, grid), summary, _("De tabel onder de grafiek geeft dezelfde cijfers.")])
    chart = for_screens(
        draw, chart_id=chart_id, grid=grid, down=down, across=across, title=title, description=description
    )
    return TableChart(chart, summary, notes)


def _drawn(cell: Cell) -> bool:
    """A figure the table shows: not hidden, not empty."""
    return not (cell.is_small or cell.is_derived) and cell.value is not None


def _grid(table: Table, *, turned: bool) -> _Grid:
    rows = [row for row in table.rows if not row.total]
    keep = [j for j in range(len(table.columns)) if not any(row.cells[j].total for row in rows)]
    labels = [table.columns[j] for j in keep]
    cells = [[row.cells[j] for j in keep] for row in rows]
    totals = len(rows) < len(table.rows) or len(keep) < len(table.columns)
    if turned:
        return _Grid(labels, [row.label for row in rows], [list(c) for c in zip(*cells, strict=True)], totals, True)
    return _Grid([row.label for row in rows], labels, cells, totals)


def _bar(cell: Cell, label: str) -> Bar:
    if _drawn(cell):
        return Bar(cell.value, cell.text, label)
    if cell.is_small or cell.is_derived:
        return Bar(None, cell.text, label)
    return Bar(None, "–", label, empty=True)


def _bars(*, grid: _Grid, down: int, across: int, title: str, description: str, chart_id: str, width: int):
    one = len(grid.across) == 1  # one column: its name is the table's, not each bar's
    groups = [
        BarGroup(label, [_bar(cell, "" if one else grid.across[a]) for a, cell in enumerate(row[:across])])
        for label, row in zip(grid.down[:down], grid.cells[:down], strict=True)
    ]
    note = _("Gearceerd: dit getal toont de tabel niet, om inwoners te beschermen.")
    return bar_chart(groups=groups, title=title, description=description, note=note, chart_id=chart_id, width=width)


def _lines(*, grid: _Grid, down: int, across: int, title: str, description: str, chart_id: str, width: int):
    series = [
        Series(
            label,
            {grid.across[a]: cell.value for a, cell in enumerate(row) if _drawn(cell)},
            {grid.across[a]: cell.text for a, cell in enumerate(row) if _drawn(cell)},
        )
        for label, row in zip(grid.down[:down], grid.cells[:down], strict=True)
    ]
    return line_chart(
        periods=grid.across, series=series, title=title, description=description, chart_id=chart_id, width=width
    )


def _kind(lines: bool, grid: _Grid) -> str:
    if lines:
        return _("Lijngrafiek met een lijn per rij van de tabel.")
    if len(grid.across) == 1:
        return _("Staafgrafiek met een staaf per rij van de tabel.")
    return _("Staafgrafiek met per rij van de tabel een staaf per kolom.")


def _summary(grid: _Grid, shown: list[tuple[int, int, Cell]]) -> str:
    """The highest figure drawn, and where it stands, in one sentence."""
    d, a, cell = max(shown, key=lambda item: item[2].value)
    where = grid.down[d] if len(grid.across) == 1 else f"{grid.down[d]}, {grid.across[a]}"
    return _("Het hoogste getal in de grafiek is %(value)s, bij %(where)s.") % {"value": cell.text, "where": where}


def _notes(grid: _Grid, down: int, across: int, lines: bool) -> list[str]:
    notes = []
    for drawn, labels, turned in ((down, grid.down, grid.turned), (across, grid.across, not grid.turned)):
        if drawn < len(labels):
            text = (
                _("De grafiek toont de eerste %(drawn)s van de %(all)s kolommen. De tabel toont ze allemaal.")
                if turned
                else _("De grafiek toont de eerste %(drawn)s van de %(all)s rijen. De tabel toont ze allemaal.")
            )
            notes.append(text % {"drawn": drawn, "all": len(labels)})
    if grid.totals_left_out:
        notes.append(_("De totalen staan alleen in de tabel."))
    missing = any(not _drawn(cell) for row in grid.cells[:down] for cell in row[:across])
    if lines and missing:
        notes.append(_("Een lijn is onderbroken waar de tabel geen getal toont."))
    return notes
