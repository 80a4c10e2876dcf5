"""Small-count protection: the one place that decides how a count of signals may leave a page.

Pure: counts in, what may be shown out. The threshold ``k`` is an argument (a ``Rule``); the services
read the setting once (``monitoring.services.disclosure.disclosure_rule``). Every page, export and
explanation that shows a count of signals asks a ``Rule``: the dashboard, the comparison (its rows
and the engine's sentences), the table builder's pivot and the follow-up inquiries. Changing the
method of protection means changing this module only.

The rule today:

- a count from 1 to k-1 is *small* and shows as "<k"; zero and counts of k or more show as they are;
- a total over cells never gives a small cell away (``total_text``);
- in a grid with totals (the table builder), hiding small cells is not enough: a line with one hidden
  cell gives it away (total minus the others). ``Rule.grid`` hides more cells (*secondary*
  suppression, shown as "x") until no hidden cell follows from what is shown:

  - each row and each column, with its total, is a line whose cells add up to the total. A line with
    exactly one hidden cell would give it away, so one more cell of that line is hidden: the
    smallest non-zero cell, else the total, else a zero. A zero comes last because a hidden zero
    beside a hidden 1 gives the 1 away. Repeat until stable.
  - lines with two hidden cells can still give one away when the hidden cells hang together by a
    single cell (a *bridge* between two groups, see ``_bridge``); such a cell is tied into a cycle by
    hiding one more cell.
  - a line whose hidden cells add up to the least or the most they could be (small cells lie
    between 1 and k-1, a second hidden cell is at least 0) pins them: one more is hidden.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import gettext as _

RECORD_KEYS = 256  # record keys are 0..255; a cell's key is the sum of its records' keys modulo this
SHOWN, SMALL, DERIVED = 0, 1, 2  # why a cell of a grid shows, or why it is hidden
HIDDEN_TEXT = "x"  # a cell hidden so that another cannot be worked out: it may be large, so not "<k"


def cell_key(key_sum: int) -> int:
    """A cell's key: the sum of its records' keys, modulo the key range."""
    return int(key_sum) % RECORD_KEYS


def new_record_key() -> int:
    """A signal's record key, drawn once at random when it is made."""
    return secrets.randbelow(RECORD_KEYS)


@dataclass(frozen=True)
class Rule:
    """Small-count protection with threshold ``k``: counts from 1 to k-1 are not shown."""

    k: int

    @property
    def small_text(self) -> str:
        return f"<{self.k}"

    def perturb(self, count: int, key: int) -> int:
        """The count as every page shows it, for a cell with this cell key (see ``cell_key``)."""
        return int(count)

    def is_small(self, count: float) -> bool:
        return 0 < count < self.k

    def text(self, count: int) -> str:
        """A count as it may be shown: "<k" for a small one, else the number as the language writes it."""
        return self.small_text if self.is_small(count) else number_format(count, force_grouping=True)

    def drawn(self, count: int) -> int | None:
        """The height a chart may draw: None (a hatched stub) for a small count."""
        return None if self.is_small(count) else count

    def visible_total(self, counts: Iterable[int]) -> int:
        """The sum of the counts that may be shown: ordering rows by it gives nothing away about hidden ones."""
        return sum(count for count in counts if count >= self.k)

    def total_text(self, cells: list[int]) -> str:
        """The total of the cells, shown so that it never gives away a hidden cell.

        With no hidden cell (1..k-1) it is exact. Otherwise it says no more than the cells already say
        ("minstens" the visible cells plus one per hidden cell), except that a total of k or more may
        say "minstens k", and a small total "<k", as long as that does not pin down a hidden cell: with
        k-1 hidden cells a total under k would mean each is 1, so then it says "minstens" too.
        """
        hidden = [c for c in cells if self.is_small(c)]
        total = sum(cells)
        if not hidden:
            return self.text(total)
        lower = total - sum(hidden) + len(hidden)
        if total >= self.k:
            return _("minstens %(count)s") % {"count": number_format(max(lower, self.k), force_grouping=True)}
        if len(hidden) < self.k - 1:
            return self.small_text
        return _("minstens %(count)s") % {"count": number_format(lower, force_grouping=True)}

    def grid(self, counts: np.ndarray, values: np.ndarray) -> np.ndarray:
        """SHOWN, SMALL or DERIVED per cell of a grid with totals in its last row and column.

        ``counts`` decides what is small; ``values`` (what the table shows) decides which cell is the
        cheapest to hide next. Both have the same shape."""
        reason = np.where((counts >= 1) & (counts < self.k), SMALL, SHOWN).astype(np.int8)
        while _hide_one_more(reason, values) or _hide_for_bounds(reason, counts, values, self.k):
            pass
        return reason

    def comparison_rows(self, table: pd.DataFrame) -> pd.DataFrame:
        """The comparison's rows with what they may show: ``shown_signals`` and ``shown_residents`` as text
        ("<k" and "–" for a small count), ``shown_share`` (None when small), and sort keys under which all
        small counts tie, so that the order gives none of them away."""
        if not len(table):
            return table.assign(shown_signals=[], shown_residents=[], shown_share=[], signals_order=[], share_order=[])
        small = table["signals"].map(self.is_small)
        return table.assign(
            shown_signals=[self.small_text if s else int(n) for s, n in zip(small, table["signals"], strict=True)],
            shown_residents=["–" if s else int(n) for s, n in zip(small, table["residents"], strict=True)],
            shown_share=[None if s else float(v) for s, v in zip(small, table["share"], strict=True)],
            signals_order=table["signals"].where(~small, 1),
            share_order=table["share"].where(~small, 0.0),
        )


# Secondary suppression in a grid with totals


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
