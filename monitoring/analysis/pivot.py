"""The table builder's arithmetic: a pivot with totals, protected against disclosure. Pure: frames in,
a display table out. No ORM in here (monitoring/services/tables.py aggregates in the database).

Input is one long frame, already aggregated: a row key, a column key, the figure to show and
``count``, the number of signals behind it (for observations: how many values were averaged).

Counts of signals and residents are perturbed by the disclosure rule (monitoring.analysis.disclosure,
the cell-key method): the frame carries ``key_sum``, the sum of the record keys behind each figure,
and every cell and every total is perturbed as a cell of its own. Frozen copies saved before the
cell-key method may still hold cells shown as "<k" (small) or "x" (hidden); they show as they were.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from django.utils.translation import gettext as _

from config.spreadsheets import spreadsheet_safe
from monitoring.analysis.charts import decimals_for, number
from monitoring.analysis.disclosure import Rule

TOTAL = "__totaal__"
SHOWN, SMALL, DERIVED = 0, 1, 2  # how a cell shows; SMALL and DERIVED occur only in old frozen copies


@dataclass(frozen=True)
class Axis:
    """A row or column of the table: its key in the frame and the label to show."""

    key: object
    label: str


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | None = None  # None when empty (or hidden, in an old frozen copy)
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
    perturbed: bool = False  # counts of signals, perturbed by the cell-key method

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def averaged(self) -> bool:
        return any(cell.note for row in self.rows for cell in row.cells)


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


def build(
    frame: pd.DataFrame,
    *,
    rows: Sequence[Axis],
    columns: Sequence[Axis],
    corner: str,
    rule: Rule,
    measure: str = "value",
    totals: bool = True,
) -> Table:
    """The display table of counts or residents, perturbed; totals on the right and at the bottom.

    Each cell and each total is perturbed with its own cell key (the frame's ``key_sum`` added up over
    the same records). With one column (or one row) the total column (or row) repeats it and is left out."""
    corner = str(corner)
    if not rows:
        return Table(corner, tuple(str(a.label) for a in columns), (), rule.k)
    if not totals:
        return _plain(frame, rows=rows, columns=columns, corner=corner, k=rule.k, measure=measure)
    exact = grid(frame, rows=rows, columns=columns, measure=measure).to_numpy()
    keys = grid(frame, rows=rows, columns=columns, measure="key_sum").to_numpy().astype("int64")
    perturb = rule.perturb_residents_many if measure == "residents" else rule.perturb_many
    shown = perturb(exact.astype("int64"), keys)
    show_total_column, show_total_row = len(columns) > 1, len(rows) > 1
    labels = [str(a.label) for a in columns] + ([_("Totaal")] if show_total_column else [])
    body = []
    for i, label in enumerate([str(a.label) for a in rows] + [_("Totaal")]):
        is_total_row = i == len(rows)
        if is_total_row and not show_total_row:
            continue
        cells = [
            Cell(number(shown[i, j], 0), int(shown[i, j]), total=is_total_row or j == len(columns))
            for j in range(len(columns) + (1 if show_total_column else 0))
        ]
        body.append(Row(label, tuple(cells), total=is_total_row))
    return Table(corner, tuple(labels), tuple(body), rule.k, perturbed=True)


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
        "perturbed": table.perturbed,
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
    return Table(
        str(figures.get("corner", "")),
        tuple(figures.get("columns", [])),
        rows,
        int(figures.get("k", 5)),
        perturbed=bool(figures.get("perturbed")),
    )


def export_rows(table: Table, *, title: str, notes: Sequence[str] = ()) -> list[list]:
    """The table as a spreadsheet shows it: a header row, then the rows (hidden cells as their mark,
    numbers as numbers), then an empty row and the title and notes. Every text is made formula-safe."""
    lines: list[list] = [[table.corner, *table.columns]]
    for row in table.rows:
        lines.append([row.label, *(c.text if c.value is None else c.value for c in row.cells)])
    lines += [[], [title], *([note] for note in notes)]
    return [[spreadsheet_safe(v) for v in line] for line in lines]
