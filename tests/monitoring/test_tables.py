"""The table builder's arithmetic, without a database: the pivot with totals and small-cell protection."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.analysis import pivot
from monitoring.analysis.disclosure import DERIVED, SHOWN, SMALL, Rule
from monitoring.analysis.pivot import Axis

K = 5


def frame_of(matrix, *, residents=None) -> pd.DataFrame:
    """A long frame as the database gives it: one line per cell that has signals."""
    records = []
    for i, line in enumerate(matrix):
        for j, count in enumerate(line):
            if count:
                extra = residents[i][j] if residents is not None else count
                records.append({"row": f"r{i}", "column": f"c{j}", "count": count, "residents": extra})
    return pd.DataFrame.from_records(records, columns=["row", "column", "count", "residents"])


def axes(n: int, prefix: str) -> list[Axis]:
    return [Axis(f"{prefix}{i}", f"{prefix.upper()}{i}") for i in range(n)]


def build(matrix, k: int = K, **kwargs) -> pivot.Table:
    rows, columns = len(matrix), len(matrix[0])
    return pivot.build(
        frame_of(matrix, residents=kwargs.pop("residents", None)),
        rows=axes(rows, "r"),
        columns=axes(columns, "c"),
        corner="Thema",
        k=k,
        measure=kwargs.pop("measure", "count"),
        **kwargs,
    )


def texts(table: pivot.Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def with_totals(matrix) -> np.ndarray:
    inner = np.array(matrix, dtype=float)
    full = np.zeros((inner.shape[0] + 1, inner.shape[1] + 1))
    full[:-1, :-1] = inner
    full[:-1, -1] = inner.sum(axis=1)
    full[-1, :-1] = inner.sum(axis=0)
    full[-1, -1] = inner.sum()
    return full


def determined_cells(hidden: np.ndarray) -> list[tuple[int, int]]:
    """Hidden cells whose value follows from the shown figures: every row and column (totals included)
    adds up to its total, so a hidden cell is given away when its unit vector lies in the span of
    those equations restricted to the hidden cells."""
    height, width = hidden.shape
    cells = list(zip(*np.nonzero(hidden), strict=True))
    if not cells:
        return []
    index = {cell: n for n, cell in enumerate(cells)}
    equations = np.zeros((height + width, len(cells)))
    for (i, j), n in index.items():
        equations[i, n] = -1 if j == width - 1 else 1
        equations[height + j, n] = -1 if i == height - 1 else 1
    rank = np.linalg.matrix_rank(equations)
    given_away = []
    for cell, n in index.items():
        unit = np.zeros(len(cells))
        unit[n] = 1
        if np.linalg.matrix_rank(np.vstack([equations, unit])) == rank:
            given_away.append(cell)
    return given_away


# The pivot


def test_the_pivot_has_row_and_column_totals_in_the_given_order():
    table = build([[10, 20], [30, 40]])
    assert table.columns == ("C0", "C1", "Totaal")
    assert [row.label for row in table.rows] == ["R0", "R1", "Totaal"]
    assert texts(table) == [["10", "20", "30"], ["30", "40", "70"], ["40", "60", "100"]]
    assert table.rows[-1].total and all(cell.total for cell in table.rows[-1].cells)


def test_cells_without_signals_show_zero_and_large_numbers_are_grouped_in_dutch():
    table = build([[1200, 0], [0, 30]])
    assert texts(table)[0] == ["1.200", "0", "1.200"]


def test_with_one_column_the_total_column_is_left_out_as_it_would_repeat_it():
    table = build([[10], [20]])
    assert table.columns == ("C0",)
    assert texts(table) == [["10"], ["20"], ["30"]]


def test_an_empty_table_has_no_rows():
    table = pivot.build(frame_of([]), rows=[], columns=axes(2, "c"), corner="Thema", k=K, measure="count")
    assert table.is_empty


# Small cells


def test_a_cell_with_1_to_4_signals_shows_as_less_than_5_and_zero_stays_zero():
    table = build([[3, 20, 0], [20, 20, 20]])
    assert texts(table)[0][0] == "<5"
    assert table.rows[0].cells[0].value is None
    assert texts(table)[0][2] == "0"


def test_a_second_cell_in_the_row_and_column_is_hidden_so_the_total_cannot_give_it_away():
    table = build([[3, 20, 30], [20, 25, 40]])
    shown = texts(table)
    assert shown[0][:3] == ["<5", "x", "30"]  # the smallest other cell of the row
    assert shown[1][:2] == ["x", "x"]  # then the column of each, and the row that closes the square
    assert shown[0][3] == "53" and shown[2] == ["23", "45", "70", "138"]


def test_a_zero_is_hidden_only_when_nothing_else_can_be():
    """A hidden zero beside a hidden 1 would give the 1 away (total minus the shown cells is 1)."""
    table = build([[1, 0, 40], [20, 30, 40]])
    assert texts(table)[0][:3] == ["<5", "0", "x"]


def test_a_total_of_1_to_4_is_hidden_too():
    table = build([[2, 0], [0, 0], [30, 40]])
    shown = texts(table)
    assert shown[0][2] == "<5"  # the row total is 2
    assert shown[0][0] == "<5"


def test_a_cell_that_alone_ties_two_groups_of_hidden_cells_is_tied_into_a_cycle():
    """Each line has two hidden cells, yet one cell can be worked out by adding up lines: caught."""
    matrix = [[20, 28, 19, 0], [0, 4, 20, 0], [3, 0, 0, 12]]
    table = build(matrix, k=9)
    assert determined_cells(table.mask.to_numpy()) == []


def test_residents_are_hidden_where_the_signals_behind_them_are_few():
    table = build([[2, 20], [20, 20]], residents=[[40, 60], [25, 30]], measure="residents")
    # 2 signals standing for 40 residents: hidden, and the cells that would give it away too.
    assert texts(table) == [["<5", "x", "100"], ["x", "x", "55"], ["65", "90", "155"]]


def test_the_small_mark_follows_the_setting():
    assert texts(build([[7, 20], [20, 20]], k=10))[0][0] == "<10"


def test_values_of_indicators_get_no_totals_no_protection_and_a_mean_says_so():
    frame = pd.DataFrame.from_records(
        [
            {"row": "eenzaam", "column": "2020", "value": 3.0, "count": 1},
            {"row": "eenzaam", "column": "2022", "value": 41.25, "count": 2},
        ]
    )
    table = pivot.build(
        frame,
        rows=[Axis("eenzaam", "Eenzaam"), Axis("armoede", "Armoede")],
        columns=[Axis("2020", "2020"), Axis("2022", "2022")],
        corner="Indicator",
        k=K,
        totals=False,
    )
    assert table.columns == ("2020", "2022")
    assert texts(table) == [["3,00", "41,25"], ["–", "–"]]
    assert table.rows[0].cells[1].note == "gemiddelde van 2 waarden"
    assert table.rows[1].cells[0].is_empty


# The frozen copy and the exports


def test_a_frozen_copy_keeps_what_was_shown_and_no_hidden_figure():
    table = build([[3, 20, 30], [20, 25, 40]])
    figures = pivot.figures_of(table)
    assert all(cell["v"] is None for row in figures["rows"] for cell in row["cells"] if cell["h"] != SHOWN)
    again = pivot.table_from_figures(figures)
    assert texts(again) == texts(table) and again.columns == table.columns and again.k == K


def test_export_rows_carry_numbers_as_numbers_and_hidden_cells_as_their_mark():
    lines = pivot.export_rows(build([[3, 20, 30], [20, 25, 40]]), title="=Titel", notes=["-noot"])
    assert lines[0] == ["Thema", "C0", "C1", "C2", "Totaal"]
    assert lines[1] == ["R0", "<5", "x", 30, 53]
    assert lines[-2:] == [["'=Titel"], ["'-noot"]]


# Properties: for any table, no hidden cell can be worked out from what is shown


@st.composite
def count_tables(draw):
    rows = draw(st.integers(1, 6))
    columns = draw(st.integers(1, 6))
    matrix = draw(
        st.lists(st.lists(st.integers(0, 30), min_size=columns, max_size=columns), min_size=rows, max_size=rows)
    )
    return matrix, draw(st.integers(2, 10))


@settings(max_examples=300, deadline=None)
@given(count_tables())
def test_every_line_with_its_total_has_no_hidden_cell_or_at_least_two(case):
    matrix, k = case
    hidden = Rule(k).grid(with_totals(matrix), with_totals(matrix)) != SHOWN
    for line in [*hidden, *hidden.T]:
        assert line.sum() != 1


@settings(max_examples=300, deadline=None)
@given(count_tables())
def test_no_shown_cell_or_total_is_from_1_to_k_minus_1(case):
    matrix, k = case
    full = with_totals(matrix)
    reason = Rule(k).grid(full, full)
    small = (full >= 1) & (full < k)
    assert (reason[small] == SMALL).all()
    assert set(np.unique(reason)) <= {SHOWN, SMALL, DERIVED}


@settings(max_examples=300, deadline=None)
@given(count_tables())
def test_shown_totals_are_the_true_sums_and_hidden_cells_carry_no_figure(case):
    matrix, k = case
    table = build(matrix, k=k)
    full = with_totals(matrix)
    for i, row in enumerate(table.rows):
        i = len(matrix) if row.total else i
        for j, cell in enumerate(row.cells):
            if cell.hidden == SHOWN:
                assert cell.value == full[i, j]
            else:
                assert cell.value is None and cell.text in (f"<{k}", "x")


@settings(max_examples=300, deadline=None)
@given(count_tables())
def test_no_hidden_cell_can_be_worked_out_from_the_totals_shown(case):
    matrix, k = case
    full = with_totals(matrix)
    hidden = Rule(k).grid(full, full) != SHOWN
    assert determined_cells(hidden) == []


def test_small_cells_that_add_up_to_their_least_get_a_third_cell_hidden():
    # "<5, <5, 20, total 22" would make both small cells 1: one more cell must go.
    table = build([[1, 1, 20], [30, 30, 30]])
    shown = texts(table)[0]
    assert shown[:2] == ["<5", "<5"] and shown[2] == "x" and shown[3] == "22"


@settings(max_examples=300, deadline=None)
@given(count_tables())
def test_no_line_pins_its_hidden_cells_by_what_they_can_be(case):
    """Per row and column with its total shown: the hidden cells' sum lies strictly between the
    least (1 per small cell, 0 per other) and the most they could add up to (k-1 per small cell)."""
    matrix, k = case
    full = with_totals(matrix)
    reason = Rule(k).grid(full, full)
    lines = [[(i, j) for j in range(full.shape[1])] for i in range(full.shape[0])]
    lines += [[(i, j) for i in range(full.shape[0])] for j in range(full.shape[1])]
    for *cells, total in lines:
        hidden = [c for c in cells if reason[c] != SHOWN]
        if not hidden or reason[total] != SHOWN:
            continue
        hidden_sum = sum(full[c] for c in hidden)
        least = sum(1 for c in hidden if reason[c] == SMALL)
        most = (k - 1) * len(hidden) if all(reason[c] == SMALL for c in hidden) else float("inf")
        assert least < hidden_sum < most, (matrix, k, cells)
