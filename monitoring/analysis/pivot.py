"""The table builder's arithmetic: a pivot with totals, and small-cell protection. Pure: frames in,
a display table out. No ORM in here (monitoring/services/tables.py aggregates in the database).

Input is one long frame, already aggregated: a row key, a column key, the figure to show and
``count``, the number of signals behind it (for observations: how many values were averaged).

Small-cell protection, on a grid that holds its totals (last row and last column):

- **primary**: a cell, or a total, with 1 to k-1 signals is hidden and shows as "<k";
- **secondary**: each row and each column, with its total, is a line whose cells add up to the
  total. A line with exactly one hidden cell would give it away (total minus the others), so one
  more cell of that line is hidden: the smallest non-zero cell, else the total, else a zero. A
  zero comes last because a hidden zero beside a hidden 1 gives the 1 away. Repeat until stable.
- Lines with two hidden cells can still give one away when the hidden cells hang together by a
  single cell (a *bridge* between two groups, see `_bridge`); such a cell is tied into a cycle by
  hiding one more cell. After that, every hidden cell can change (with others) without changing
  any figure shown, so no hidden cell can be worked out from the table.

Secondary cells show as "x": they may be large, so "<k" would not be true of them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from config.spreadsheets import spreadsheet_safe
from monitoring.analysis.charts import decimals_for, number

TOTAL = "__totaal__"
SHOWN, SMALL, DERIVED = 0, 1, 2
HIDDEN_TEXT = "x"


@dataclass(frozen=True)
class Axis:
    """A row or column of the table: its key in the frame and the label to show."""

    key: object
    label: str


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None  # None when hidden or empty: a hidden figure never leaves this module
    hidden: int = SHOWN
    total: bool = False
    note: str = ""

    @property
    def is_small(self) -> bool:
        return self.hidden == SMALL

    @property
    def is_derived(self) -> bool:
        return self.hidden == DERIVED

    @property
    def is_empty(self) -> bool:
        return self.hidden == SHOWN and self.value is None


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    total: bool = False


@dataclass(frozen=True)
class Table:
    corner: str  # the header above the row labels
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    k: int
    mask: pd.DataFrame | None = field(default=None, compare=False)  # True: hidden (totals included)

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def body(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if not row.total)

    @property
    def total_rows(self) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if row.total)

    @property
    def small(self) -> int:
        return sum(cell.hidden == SMALL for row in self.rows for cell in row.cells)

    @property
    def derived(self) -> int:
        return sum(cell.hidden == DERIVED for row in self.rows for cell in row.cells)

    @property
    def averaged(self) -> bool:
        return any(cell.note for row in self.rows for cell in row.cells)

    @property
    def small_text(self) -> str:
        return f"<{self.k}"


def grid(frame: pd.DataFrame, *, rows: Sequence[Axis], columns: Sequence[Axis], measure: str) -> pd.DataFrame:
    """The sum of `measure` per row and column key, in the given order, zeros where nothing is,
    with a total column and a total row (both keyed TOTAL)."""
    row_keys, column_keys = [a.key for a in rows], [a.key for a in columns]
    if len(frame):
        summed = frame.groupby(["row", "column"], sort=False)[measure].sum().unstack(fill_value=0)
        inner = summed.reindex(index=row_keys, columns=column_keys, fill_value=0).astype(float)
    else:
        inner = pd.DataFrame(0.0, index=row_keys, columns=column_keys)
    inner[TOTAL] = inner.sum(axis=1)
    inner.loc[TOTAL] = inner.sum(axis=0)
    return inner


def protect(counts: np.ndarray, values: np.ndarray, *, k: int) -> np.ndarray:
    """SHOWN, SMALL or DERIVED per cell of a grid with totals in its last row and column.

    `counts` decides what is small; `values` (what the table shows) decides which cell is the
    cheapest to hide next. Both have the same shape."""
    reason = np.where((counts >= 1) & (counts < k), SMALL, SHOWN).astype(np.int8)
    while _hide_one_more(reason, values) or _hide_for_bounds(reason, counts, values, k):
        pass
    return reason


def _hide_for_bounds(reason: np.ndarray, counts: np.ndarray, values: np.ndarray, k: int) -> bool:
    """Hide one more cell in a line whose hidden cells are pinned by what they can be.

    A small cell lies between 1 and k-1, a second hidden cell is at least 0. When the hidden
    cells of a line add up (total minus the cells shown) to the least or the most they could,
    each is known: "<5, <5, 20, total 22" makes both small cells 1."""
    line = _line_pinned_by_bounds(reason, counts, k)
    if line is None:
        return False
    candidates = [cell for cell in line if reason[cell] == SHOWN]
    reason[min(candidates, key=lambda cell: _cost(cell, values))] = DERIVED
    return True


def _line_pinned_by_bounds(reason: np.ndarray, counts: np.ndarray, k: int) -> list[tuple[int, int]] | None:
    height, width = reason.shape
    lines = [[(i, j) for j in range(width)] for i in range(height)]
    lines += [[(i, j) for i in range(height)] for j in range(width)]
    for line in lines:
        *cells, total = line
        hidden = [cell for cell in cells if reason[cell] != SHOWN]
        if not hidden or reason[total] != SHOWN:
            continue
        known_sum = sum(counts[cell] for cell in hidden)
        least = sum(1 if reason[cell] == SMALL else 0 for cell in hidden)
        most = sum(k - 1 for cell in hidden) if all(reason[cell] == SMALL for cell in hidden) else None
        if known_sum in (least, most):
            return line
    return None


def _hide_one_more(reason: np.ndarray, values: np.ndarray) -> bool:
    hidden = reason != SHOWN
    line = _line_with_one_hidden(hidden)
    if line is not None:
        candidates = [cell for cell in line if not hidden[cell]]
    else:
        bridge = _bridge(hidden)
        if bridge is None:
            return False
        candidates = _cells_across(hidden, bridge)
    reason[min(candidates, key=lambda cell: _cost(cell, values))] = DERIVED
    return True


def _cost(cell: tuple[int, int], values: np.ndarray) -> tuple:
    """Hide the smallest non-zero cell first, then a total, and a zero last."""
    is_total = cell[0] == values.shape[0] - 1 or cell[1] == values.shape[1] - 1
    value = values[cell]
    return (value == 0, is_total, value, cell)


def _line_with_one_hidden(hidden: np.ndarray) -> list[tuple[int, int]] | None:
    height, width = hidden.shape
    for i in range(height):
        if hidden[i].sum() == 1:
            return [(i, j) for j in range(width)]
    for j in range(width):
        if hidden[:, j].sum() == 1:
            return [(i, j) for i in range(height)]
    return None


def _bridge(hidden: np.ndarray) -> tuple[int, int] | None:
    """A hidden cell that alone ties two groups of hidden cells together, or None.

    Rows and columns are the nodes of a graph, hidden cells its edges. A hidden cell on a cycle can
    move up and down with the others on that cycle while every row and column keeps its sum; a
    bridge lies on no cycle, so adding up the lines on one side of it gives its value away."""
    height, _width = hidden.shape
    edges = [(int(i), height + int(j)) for i, j in zip(*np.nonzero(hidden), strict=True)]
    neighbours: dict[int, list[tuple[int, int]]] = {}
    for index, (a, b) in enumerate(edges):
        neighbours.setdefault(a, []).append((b, index))
        neighbours.setdefault(b, []).append((a, index))
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    for start in sorted(neighbours):
        if start in order:
            continue
        found = _bridge_from(start, neighbours, order, low)
        if found is not None:
            i, j = edges[found]
            return (i, j - height)
    return None


def _bridge_from(start: int, neighbours: dict, order: dict, low: dict) -> int | None:
    """Tarjan's bridge search (iterative) from one node; the index of a bridge edge, or None."""
    order[start] = low[start] = len(order)
    stack = [(start, -1, iter(neighbours[start]))]
    while stack:
        node, via, todo = stack[-1]
        step = next(todo, None)
        if step is None:
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    return via
            continue
        other, edge = step
        if edge == via:
            continue
        if other in order:
            low[node] = min(low[node], order[other])
        else:
            order[other] = low[other] = len(order)
            stack.append((other, edge, iter(neighbours[other])))
    return None


def _cells_across(hidden: np.ndarray, bridge: tuple[int, int]) -> list[tuple[int, int]]:
    """Shown cells that join the two sides of a bridge; hiding one puts the bridge on a cycle."""
    without = hidden.copy()
    without[bridge] = False
    rows_a, columns_a = _reach(without, row=bridge[0])
    rows_b, columns_b = _reach(without, column=bridge[1])
    cells = [(i, j) for i in rows_a for j in columns_b] + [(i, j) for i in rows_b for j in columns_a]
    return [cell for cell in cells if not hidden[cell]]


def _reach(hidden: np.ndarray, *, row: int | None = None, column: int | None = None) -> tuple[set[int], set[int]]:
    """The rows and columns connected to one row or column through hidden cells."""
    rows: set[int] = set() if row is None else {row}
    columns: set[int] = set() if column is None else {column}
    todo = [("r", row)] if row is not None else [("c", column)]
    while todo:
        kind, index = todo.pop()
        line = hidden[index] if kind == "r" else hidden[:, index]
        seen, mark = (columns, "c") if kind == "r" else (rows, "r")
        for other in map(int, np.nonzero(line)[0]):
            if other not in seen:
                seen.add(other)
                todo.append((mark, other))
    return rows, columns


def build(
    frame: pd.DataFrame,
    *,
    rows: Sequence[Axis],
    columns: Sequence[Axis],
    corner: str,
    k: int,
    measure: str = "value",
    totals: bool = True,
) -> Table:
    """The display table of counts or residents, protected; totals on the right and at the bottom.

    With one column (or one row) the total column (or row) repeats it and is left out."""
    corner = str(corner)
    if not rows:
        return Table(corner, tuple(str(a.label) for a in columns), (), k)
    if not totals:
        return _plain(frame, rows=rows, columns=columns, corner=corner, k=k, measure=measure)
    values = grid(frame, rows=rows, columns=columns, measure=measure)
    counts = grid(frame, rows=rows, columns=columns, measure="count")
    reason = protect(counts.to_numpy(), values.to_numpy(), k=k)
    mask = pd.DataFrame(reason != SHOWN, index=values.index, columns=values.columns)
    show_total_column, show_total_row = len(columns) > 1, len(rows) > 1
    labels = [str(a.label) for a in columns] + ([_("Totaal")] if show_total_column else [])
    body = []
    for i, label in enumerate([str(a.label) for a in rows] + [_("Totaal")]):
        is_total_row = i == len(rows)
        if is_total_row and not show_total_row:
            continue
        cells = [
            _count_cell(values.iat[i, j], reason[i, j], k=k, total=is_total_row or j == len(columns))
            for j in range(len(columns) + (1 if show_total_column else 0))
        ]
        body.append(Row(label, tuple(cells), total=is_total_row))
    return Table(corner, tuple(labels), tuple(body), k, mask)


def _count_cell(value: float, reason: int, *, k: int, total: bool) -> Cell:
    if reason == SMALL:
        return Cell(f"<{k}", None, SMALL, total)
    if reason == DERIVED:
        return Cell(HIDDEN_TEXT, None, DERIVED, total)
    return Cell(number(value, 0), int(value), SHOWN, total)


def _plain(
    frame: pd.DataFrame, *, rows: Sequence[Axis], columns: Sequence[Axis], corner: str, k: int, measure: str
) -> Table:
    """Values of indicators: no totals (percentages do not add up), the mean where several fall in a cell."""
    by_key = {(r.row, r.column): (getattr(r, measure), r.count) for r in frame.itertuples(index=False)}
    decimals = decimals_for([value for value, _n in by_key.values() if not _missing(value)])
    body = []
    for row in rows:
        cells = [_value_cell(by_key.get((row.key, column.key)), decimals) for column in columns]
        body.append(Row(str(row.label), tuple(cells)))
    return Table(corner, tuple(str(a.label) for a in columns), tuple(body), k)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _value_cell(found: tuple[float, int] | None, decimals: int) -> Cell:
    if found is None or _missing(found[0]):
        return Cell("–")
    value, n = found
    note = _("gemiddelde van %(n)s waarden") % {"n": n} if n > 1 else ""
    return Cell(number(value, decimals), float(value), note=note)


def figures_of(table: Table) -> dict:
    """The table as shown (hidden cells without their figure), to store as a frozen copy."""
    return {
        "corner": table.corner,
        "columns": list(table.columns),
        "k": table.k,
        "rows": [
            {
                "label": row.label,
                "total": row.total,
                "cells": [
                    {"t": c.text, "v": c.value, "h": c.hidden, "total": c.total, "note": c.note} for c in row.cells
                ],
            }
            for row in table.rows
        ],
    }


def table_from_figures(figures: dict) -> Table:
    """A frozen copy back as a table to show; the texts are those shown when it was saved."""
    rows = tuple(
        Row(
            str(row.get("label", "")),
            tuple(
                Cell(str(c.get("t", "")), c.get("v"), int(c.get("h", SHOWN)), bool(c.get("total")), c.get("note", ""))
                for c in row.get("cells", [])
            ),
            bool(row.get("total")),
        )
        for row in figures.get("rows", [])
    )
    return Table(str(figures.get("corner", "")), tuple(figures.get("columns", [])), rows, int(figures.get("k", 5)))


def export_rows(table: Table, *, title: str, notes: Sequence[str] = ()) -> list[list]:
    """The table as a spreadsheet shows it: a header row, then the rows (hidden cells as their mark,
    numbers as numbers), then an empty row and the title and notes. Every text is made formula-safe."""
    lines: list[list] = [[table.corner, *table.columns]]
    for row in table.rows:
        lines.append([row.label, *(c.text if c.value is None else c.value for c in row.cells)])
    lines += [[], [title], *([note] for note in notes)]
    return [[spreadsheet_safe(v) for v in line] for line in lines]
