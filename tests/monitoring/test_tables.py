"""The table builder's arithmetic, without a database: the pivot with totals, perturbed by the
cell-key method (monitoring.analysis.disclosure)."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.analysis import pivot
from monitoring.analysis.disclosure import Rule
from monitoring.analysis.pivot import SMALL, Axis
from monitoring.analysis.ptable import Parameters, PTable, Row

K = 5
# A ptable that shows every count as it is: the pivot's arithmetic can be read without noise.
EXACT = Rule(K, PTable(Parameters(0, 0.0, 0), (Row(0, (0,), (1.0,), (256,)), Row(1, (1,), (1.0,), (256,)))))
NOISY = Rule(K)


def frame_of(matrix, *, residents=None, keys=None) -> pd.DataFrame:
    """A long frame as the database gives it: one line per cell that has signals."""
    records = []
    for i, line in enumerate(matrix):
        for j, count in enumerate(line):
            if count:
                extra = residents[i][j] if residents is not None else count
                key = keys[i][j] if keys is not None else 0
                records.append({"row": f"r{i}", "column": f"c{j}", "count": count, "residents": extra, "key_sum": key})
    return pd.DataFrame.from_records(records, columns=["row", "column", "count", "residents", "key_sum"])


def axes(n: int, prefix: str) -> list[Axis]:
    return [Axis(f"{prefix}{i}", f"{prefix.upper()}{i}") for i in range(n)]


def build(matrix, rule: Rule = EXACT, **kwargs) -> pivot.Table:
    rows, columns = len(matrix), len(matrix[0])
    return pivot.build(
        frame_of(matrix, residents=kwargs.pop("residents", None), keys=kwargs.pop("keys", None)),
        rows=axes(rows, "r"),
        columns=axes(columns, "c"),
        corner="Thema",
        rule=rule,
        measure=kwargs.pop("measure", "count"),
        **kwargs,
    )


def texts(table: pivot.Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def values(table: pivot.Table) -> np.ndarray:
    return np.array([[cell.value for cell in row.cells] for row in table.rows])


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
    table = pivot.build(frame_of([]), rows=[], columns=axes(2, "c"), corner="Thema", rule=NOISY, measure="count")
    assert table.is_empty


def test_values_of_indicators_get_no_totals_no_noise_and_a_mean_says_so():
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
        rule=NOISY,
        totals=False,
    )
    assert table.columns == ("2020", "2022") and not table.perturbed
    assert texts(table) == [["3,00", "41,25"], ["–", "–"]]
    assert table.rows[0].cells[1].note == "gemiddelde van 2 waarden"
    assert table.rows[1].cells[0].is_empty


# Perturbation


def test_a_count_of_1_or_2_never_shows_and_zero_stays_zero():
    for key in range(256):
        shown = texts(build([[1, 2, 0], [20, 20, 20]], rule=NOISY, keys=[[key, key, 0], [7, 8, 9]]))
        assert shown[0][0] in ("0", "3", "4") and shown[0][1] in ("0", "3", "4", "5") and shown[0][2] == "0"


def test_residents_are_perturbed_with_their_own_noise():
    counts, residents = [[20, 20]], [[40, 60]]
    shown = [values(build(counts, rule=NOISY, residents=residents, keys=[[k, 3]], measure="residents"))[0, 0]
             for k in range(256)]  # fmt: skip
    assert set(shown) == {37, 38, 39, 40, 41, 42, 43}


@st.composite
def keyed_tables(draw):
    rows, columns = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    cells = st.lists(st.integers(0, 30), min_size=columns, max_size=columns)
    matrix = draw(st.lists(cells, min_size=rows, max_size=rows))
    keys = [[draw(st.integers(0, 255 * count)) for count in line] for line in matrix]
    return matrix, keys


def with_totals(matrix) -> np.ndarray:
    inner = np.array(matrix, dtype=np.int64)
    full = np.zeros((inner.shape[0] + 1, inner.shape[1] + 1), dtype=np.int64)
    full[:-1, :-1] = inner
    full[:-1, -1] = inner.sum(axis=1)
    full[-1, :-1] = inner.sum(axis=0)
    full[-1, -1] = inner.sum()
    return full


@settings(max_examples=300, deadline=None)
@given(keyed_tables())
def test_every_cell_and_every_total_is_its_own_perturbed_cell(case):
    """Totals are perturbed from their own count and key, not added up from perturbed cells."""
    matrix, keys = case
    table = build(matrix, rule=NOISY, keys=keys)
    counts, key_sums = with_totals(matrix), with_totals(keys)
    for i, row in enumerate(table.rows):
        i = len(matrix) if row.total else i
        for j, cell in enumerate(row.cells):
            assert cell.value == NOISY.perturb(counts[i, j], key_sums[i, j])
            assert abs(cell.value - counts[i, j]) <= 3 and cell.value not in (1, 2)
            assert (cell.value == 0) == (counts[i, j] == 0) or counts[i, j] in (1, 2, 3)


@settings(max_examples=100, deadline=None)
@given(keyed_tables())
def test_the_same_cells_give_the_same_table_every_time(case):
    matrix, keys = case
    assert texts(build(matrix, rule=NOISY, keys=keys)) == texts(build(matrix, rule=NOISY, keys=keys))


# The frozen copy and the exports


def test_a_frozen_copy_keeps_the_perturbed_figures_it_showed():
    table = build([[3, 20, 30], [20, 25, 40]], rule=NOISY, keys=[[5, 900, 77], [1, 2, 3]])
    again = pivot.table_from_figures(pivot.figures_of(table))
    assert texts(again) == texts(table) and again.columns == table.columns and again.perturbed


def test_a_frozen_copy_from_before_the_noise_still_shows_its_hidden_marks():
    cells = [{"t": "<5", "v": None, "h": 1}, {"t": "x", "v": None, "h": 2}]
    old = {"corner": "Thema", "columns": ["A", "Totaal"], "k": 5, "rows": [{"label": "R0", "cells": cells}]}
    table = pivot.table_from_figures(old)
    assert texts(table) == [["<5", "x"]] and table.rows[0].cells[0].hidden == SMALL and not table.perturbed


def test_export_rows_carry_numbers_as_numbers_and_text_safe_for_a_spreadsheet():
    lines = pivot.export_rows(build([[3, 20, 30], [20, 25, 40]]), title="=Titel", notes=["-noot"])
    assert lines[0] == ["Thema", "C0", "C1", "C2", "Totaal"]
    assert lines[1] == ["R0", 3, 20, 30, 53]
    assert lines[-2:] == [["'=Titel"], ["'-noot"]]
