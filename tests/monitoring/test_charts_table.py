"""A chart for every table: the chart draws the table as shown, never what lies behind it.

An attacker who may read a table but not the exact counts behind it must learn nothing more from its
chart: every number the chart writes (in its texts, tooltips and description) is the text of the cell
it stands for, every bar is as long as the shown value, and a cell the table does not show is a
stub of no size or a gap. No database: tables are built by the pivot as the table builder does."""

import re
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from monitoring.analysis import pivot
from monitoring.analysis.charts import COLUMNS, ROWS, STUB_WIDTH, table_chart
from monitoring.analysis.disclosure import Rule
from monitoring.analysis.pivot import SHOWN, SMALL, Axis

SVG = "{http://www.w3.org/2000/svg}"
NOISY = Rule(5)


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def perturbed_table(counts: list[list[int]], keys: list[list[int]], columns: list[str]) -> pivot.Table:
    """Counts of signals per theme (rows) and column, perturbed by the cell-key method, with totals."""
    records = [
        {"row": f"t{i}", "column": columns[j], "count": n, "residents": n, "key_sum": keys[i][j]}
        for i, line in enumerate(counts)
        for j, n in enumerate(line)
        if n
    ]
    frame = pd.DataFrame.from_records(records, columns=["row", "column", "count", "residents", "key_sum"])
    return pivot.build(
        frame,
        rows=[Axis(f"t{i}", f"Thema {chr(65 + i)}") for i in range(len(counts))],
        columns=[Axis(c, c) for c in columns],
        corner="Thema",
        rule=NOISY,
        measure="count",
    )


def frozen_table(cells: list[list[dict]], columns: list[str]) -> pivot.Table:
    """A saved copy as stored: cells as shown ("t"), their value ("v") and how they show ("h")."""
    rows = [{"label": f"Thema {chr(65 + i)}", "cells": line} for i, line in enumerate(cells)]
    return pivot.table_from_figures({"corner": "Thema", "columns": columns, "k": 5, "rows": rows})


def drawings(chart) -> list[ET.Element]:
    """The wide and the narrow SVG of a chart, parsed."""
    return [ET.fromstring(svg) for svg in re.findall(r"<svg.*?</svg>", str(chart), flags=re.S)]


def bars_drawn(svg: ET.Element) -> dict[tuple[str, str], tuple[str, float, str]]:
    """Per (group, bar label): the text written after the bar, its width and its kind (bar or hidden stub)."""
    found, group = {}, ""
    for element in svg:  # the group labels and the bars stand side by side, in drawing order
        wide_label = element.get("class") == "chart-tick" and element.get("text-anchor") == "end"
        if element.tag == f"{SVG}text" and (wide_label or element.get("class") == "chart-tick chart-label"):
            group = element.text
        if element.tag == f"{SVG}g" and element.get("class") == "chart-series":
            rect = element.find(f"{SVG}rect")
            written = element.find(f"{SVG}text").text
            label, _sep, text = written.rpartition(": ")
            kind = rect.get("class") if rect is not None else "none"
            found[group, label] = (text, float(rect.get("width")) if rect is not None else 0.0, kind)
    return found


def markers_drawn(svg: ET.Element) -> dict[tuple[str, str], str]:
    """Per (line, period): the text of its marker's tooltip, "Thema 0, 2025: 12"."""
    found = {}
    for title in svg.iter(f"{SVG}title"):
        match = re.fullmatch(r"(.+), (.+): (.+)", title.text or "")
        if match:
            found[match.group(1), match.group(2)] = match.group(3)
    return found


def on_one_scale(drawn: dict, shown: dict) -> bool:
    """Each bar's width is its shown value times one scale (coordinates are written to 0.1 unit)."""
    bars = [(width, shown[key].value) for key, (_text, width, kind) in drawn.items() if kind == "chart-bar"]
    if not bars:
        return True
    longest, value = max(bars)
    return all(abs(width - v * longest / value) <= 0.1 for width, v in bars)


def shown_cells(table: pivot.Table) -> dict[tuple[str, str], pivot.Cell]:
    """The table's cells by (row, column), totals left out."""
    return {
        (row.label, column): cell
        for row in table.rows
        if not row.total
        for column, cell in zip(table.columns, row.cells, strict=True)
        if not cell.total
    }


# The attack: perturbed counts


def test_the_bars_write_and_measure_the_perturbed_figures_never_the_counts_behind_them():
    counts = [[3, 7, 1], [12, 2, 9]]
    keys = [[11, 222, 3], [97, 40, 1000]]
    table = perturbed_table(counts, keys, ["telefoon", "spreekuur", "huisbezoek"])
    shown = shown_cells(table)
    exact = {(f"Thema {chr(65 + i)}", table.columns[j]): n for i, line in enumerate(counts) for j, n in enumerate(line)}
    assert any(shown[key].value != n for key, n in exact.items())  # the noise changed some figures
    chart = table_chart(table, title="Aantal signalen per thema en kanaal")
    for svg in drawings(chart.chart):
        drawn = bars_drawn(svg)
        assert set(drawn) == set(shown)  # every cell of the table, and nothing else: no totals
        for key, (text, _width, kind) in drawn.items():
            assert text == shown[key].text and kind == ("chart-bar" if shown[key].value else "none")
        assert on_one_scale(drawn, shown)  # every bar as long as its shown value
        numbers = {n for text in svg.itertext() for n in re.findall(r"\d+", text)}
        allowed = {n for cell in shown.values() for n in re.findall(r"\d+", cell.text)} | {"0"}
        assert numbers <= allowed  # no other number anywhere: title, description, labels
    assert "De totalen staan alleen in de tabel." in chart.notes


def test_lines_along_periods_carry_the_perturbed_figures_in_their_tooltips():
    table = perturbed_table([[3, 7, 1], [12, 2, 9]], [[11, 222, 3], [97, 40, 1000]], ["2023", "2024", "2025"])
    chart = table_chart(table, periods=COLUMNS, title="Aantal signalen per thema en jaar")
    for svg in drawings(chart.chart):
        assert "chart-line" in ET.tostring(svg, encoding="unicode")
        assert markers_drawn(svg) == {key: cell.text for key, cell in shown_cells(table).items()}


def test_periods_in_the_rows_draw_a_line_per_column():
    table = perturbed_table([[3, 7], [12, 2], [5, 5]], [[1, 2], [3, 4], [5, 6]], ["telefoon", "spreekuur"])
    table = pivot.Table(
        "Jaar", table.columns, tuple(pivot.Row(str(2023 + i), r.cells, r.total) for i, r in enumerate(table.rows)), 5
    )
    chart = table_chart(table, periods=ROWS, title="Per jaar en kanaal")
    shown = shown_cells(table)
    for svg in drawings(chart.chart):
        assert markers_drawn(svg) == {(column, row): cell.text for (row, column), cell in shown.items()}


# The attack: suppressed cells of an old saved copy


def test_a_suppressed_cell_is_a_stub_of_no_size_with_its_mark_and_a_note_even_if_a_value_was_stored():
    cells = [
        [{"t": "<5", "v": 3, "h": SMALL}, {"t": "40", "v": 40, "h": SHOWN}],  # a value stored by mistake
        [{"t": "x", "v": None, "h": 2}, {"t": "12", "v": 12, "h": SHOWN}],
    ]
    table = frozen_table(cells, ["2024", "2025"])
    chart = table_chart(table, title="Aantal signalen per thema en jaar")  # no periods: bars
    for svg in drawings(chart.chart):
        drawn = bars_drawn(svg)
        assert drawn["Thema A", "2024"] == ("<5", STUB_WIDTH, "chart-hidden")
        assert drawn["Thema B", "2024"] == ("x", STUB_WIDTH, "chart-hidden")
        assert drawn["Thema A", "2025"][0] == "40" and drawn["Thema B", "2025"][0] == "12"
        text = " ".join(svg.itertext())
        assert "Gearceerd" in text and not re.search(r"\b3\b", text)  # the stored 3 is never written
    assert "40" in chart.summary and "Thema A, 2025" in chart.summary


def test_a_suppressed_cell_is_a_gap_in_its_line_and_a_note_says_so():
    cells = [[{"t": "8", "v": 8, "h": SHOWN}, {"t": "<5", "v": 2, "h": SMALL}, {"t": "9", "v": 9, "h": SHOWN}]]
    table = frozen_table(cells, ["2023", "2024", "2025"])
    chart = table_chart(table, periods=COLUMNS, title="Per jaar")
    for svg in drawings(chart.chart):
        assert markers_drawn(svg) == {("Thema A", "2023"): "8", ("Thema A", "2025"): "9"}
        [line] = [p.get("d") for p in svg.iter(f"{SVG}path") if p.get("class") == "chart-line"]
        assert line.count("M") == 2  # the line breaks at 2024
    assert "Een lijn is onderbroken waar de tabel geen getal toont." in chart.notes


def test_a_cell_without_a_figure_is_no_bar_and_no_stub():
    cells = [[{"t": "–", "v": None, "h": SHOWN}, {"t": "41,5", "v": 41.5, "h": SHOWN}]]
    chart = table_chart(frozen_table(cells, ["Delft", "Buitenhof"]), title="Waarde per indicator en gebied")
    drawn = bars_drawn(drawings(chart.chart)[0])
    assert drawn["Thema A", "Delft"] == ("–", 0.0, "none") and drawn["Thema A", "Buitenhof"][0] == "41,5"


def test_a_table_without_any_figure_to_draw_has_no_chart():
    cells = [[{"t": "<5", "v": None, "h": SMALL}, {"t": "–", "v": None, "h": SHOWN}]]
    assert table_chart(frozen_table(cells, ["2024", "2025"]), title="t") is None
    assert table_chart(frozen_table([], ["2024"]), title="t") is None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.integers(0, 500), st.sampled_from([SHOWN, SHOWN, SHOWN, SMALL, 2])), min_size=3, max_size=3
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_table_is_drawn_exactly_as_shown(grid):
    cells = [[{"t": str(v) if h == SHOWN else "<5", "v": v, "h": h} for v, h in line] for line in grid]
    table = frozen_table(cells, ["a", "b", "c"])
    chart = table_chart(table, title="t")
    shown = shown_cells(table)
    if not any(h == SHOWN for line in grid for _v, h in line):
        assert chart is None
        return
    for svg in drawings(chart.chart):
        drawn = bars_drawn(svg)
        assert {key: text for key, (text, _w, _k) in drawn.items()} == {key: c.text for key, c in shown.items()}
        for key, (_text, width, kind) in drawn.items():
            if shown[key].hidden:
                assert (width, kind) == (STUB_WIDTH, "chart-hidden")
        assert on_one_scale(drawn, shown)


# What a large table's chart leaves to the table


def test_a_long_table_draws_its_first_rows_and_says_so():
    cells = [[{"t": str(i), "v": i, "h": SHOWN}, {"t": "1", "v": 1, "h": SHOWN}] for i in range(1, 41)]
    chart = table_chart(frozen_table(cells, ["2024", "2025"]), periods=COLUMNS, title="t")
    assert len(markers_drawn(drawings(chart.chart)[0])) == 8 * 2  # eight lines can be told apart
    assert "De grafiek toont de eerste 8 van de 40 rijen. De tabel toont ze allemaal." in chart.notes


def test_every_text_in_the_table_chart_is_escaped():
    evil = '<script>alert("x")</script>'
    cells = [[{"t": "3", "v": 3, "h": SHOWN}]]
    table = pivot.table_from_figures(
        {"corner": evil, "columns": [evil], "k": 5, "rows": [{"label": evil, "cells": cells[0]}]}
    )
    chart = str(table_chart(table, title=evil).chart)
    assert "<script" not in chart and "style=" not in chart and "&lt;script&gt;" in chart
