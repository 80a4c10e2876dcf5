"""Server-rendered SVG charts (docs/adr/0005, 0012): line charts of an indicator's series, bars, the
dashboard's coverage matrix and a chart of a built table. Pure: plain lists in, text and SVG out.
Pages draw each chart for wide and narrow screens with `for_screens`."""

from monitoring.analysis.charts.bars import STUB_WIDTH, Bar, BarGroup, Reference, bar_chart, fit, wrap
from monitoring.analysis.charts.figures import (
    Cell,
    Figures,
    FiguresTable,
    Point,
    Row,
    Series,
    decimals_for,
    extremes,
    figures,
    figures_table,
    latest_period,
    number,
    summary,
)
from monitoring.analysis.charts.lines import MAX_SERIES, NARROW, PALETTE, WIDTH, line_chart, ticks
from monitoring.analysis.charts.matrix import coverage_matrix
from monitoring.analysis.charts.screens import for_screens
from monitoring.analysis.charts.series import series_chart
from monitoring.analysis.charts.tables import COLUMNS, ROWS, TableChart, table_chart

__all__ = [
    "COLUMNS",
    "MAX_SERIES",
    "NARROW",
    "PALETTE",
    "ROWS",
    "STUB_WIDTH",
    "WIDTH",
    "Bar",
    "BarGroup",
    "Cell",
    "Figures",
    "FiguresTable",
    "Point",
    "Reference",
    "Row",
    "Series",
    "TableChart",
    "bar_chart",
    "coverage_matrix",
    "decimals_for",
    "extremes",
    "figures",
    "figures_table",
    "fit",
    "for_screens",
    "latest_period",
    "line_chart",
    "number",
    "series_chart",
    "summary",
    "table_chart",
    "ticks",
    "wrap",
]
