"""Server-rendered SVG charts (docs/adr/0005): line charts of an indicator's series, and the
dashboard's bars and coverage matrix. Pure: plain lists in, text and SVG out."""

from monitoring.analysis.charts.bars import STUB_WIDTH, Bar, BarGroup, bar_chart, coverage_matrix, fit, wrap
from monitoring.analysis.charts.lines import (
    MAX_SERIES,
    PALETTE,
    Cell,
    Figures,
    Point,
    Row,
    Series,
    decimals_for,
    extremes,
    figures,
    latest_period,
    line_chart,
    number,
    summary,
    ticks,
)

__all__ = [
    "MAX_SERIES",
    "PALETTE",
    "STUB_WIDTH",
    "Bar",
    "BarGroup",
    "Cell",
    "Figures",
    "Point",
    "Row",
    "Series",
    "bar_chart",
    "coverage_matrix",
    "decimals_for",
    "extremes",
    "figures",
    "fit",
    "latest_period",
    "line_chart",
    "number",
    "summary",
    "ticks",
    "wrap",
]
