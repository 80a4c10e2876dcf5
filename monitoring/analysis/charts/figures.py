"""An indicator's figures per period and area: what a chart draws and its table lists, and the
sentences about them. Pure: plain lists in, figures and text out."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Point:
    """One figure: an area's value in a period, with what the source says about it."""

    area: str
    period: str
    value: float
    ci_low: float | None = None
    ci_high: float | None = None
    n: int | None = None
    benchmark: float | None = None


@dataclass(frozen=True)
class Series:
    label: str
    values: dict[str, float] = field(default_factory=dict)  # by period
    texts: dict[str, str] = field(default_factory=dict)  # by period, as a table shows them; else written here

    def text(self, period: str, decimals: int) -> str:
        return self.texts.get(period) or number(self.values[period], decimals)


@dataclass(frozen=True)
class Cell:
    value: str
    ci: str = ""
    n: str = ""

    @property
    def note(self) -> str:
        """The confidence interval and sample size, as far as the source gives them."""
        n = f"n\u00a0=\u00a0{self.n}" if self.n else ""  # a symbol, not a word; no-break spaces keep it whole
        return " · ".join(part for part in (self.ci, n) if part)


@dataclass(frozen=True)
class Row:
    period: str
    cells: list[Cell | None]
    benchmark: str = ""


@dataclass(frozen=True)
class Figures:
    """The figures per period (in order) and area: what the chart draws and the table lists."""

    periods: list[str]
    series: list[Series]
    benchmark: dict[str, float]
    rows: list[Row]
    decimals: int


def decimals_for(values: Sequence[float], most: int = 2) -> int:
    """The fewest decimals that show every value as given (at most `most`)."""
    needed = 0
    for value in values:
        while needed < most and not math.isclose(round(value, needed), value, abs_tol=1e-9):
            needed += 1
    return needed


def number(value: float, decimals: int) -> str:
    """A number as the active language writes it, rounded half up: 1.234,5 in Dutch. (Django's
    number_format cuts the digits off: 73.2591 would show as 73,25.)"""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, force_grouping=True)


def figures(points: Sequence[Point], areas: Sequence[tuple[str, str]]) -> Figures:
    """Pivot points (ordered by period) to a series per area and a row per period.

    `areas` are (key, label) pairs in the order to show them; points of other areas are left out.
    """
    wanted = dict(areas)
    points = [p for p in points if p.area in wanted]
    periods = list(dict.fromkeys(p.period for p in points))
    decimals = decimals_for([p.value for p in points] + [p.benchmark for p in points if p.benchmark is not None])
    by_key = {(p.area, p.period): p for p in points}
    benchmark = {p.period: p.benchmark for p in points if p.benchmark is not None}
    series = [Series(label, {p: by_key[key, p].value for p in periods if (key, p) in by_key}) for key, label in areas]
    rows = [
        Row(
            period,
            [_cell(by_key.get((key, period)), decimals) for key, _label in areas],
            number(benchmark[period], decimals) if period in benchmark else "",
        )
        for period in periods
    ]
    return Figures(periods, series, benchmark, rows, decimals)


@dataclass(frozen=True)
class FiguresTable:
    """The figures as a table: the longer list runs down, so it grows in length, never off the page."""

    corner: str
    columns: list[str]
    rows: list[tuple[str, list[Cell | None]]]


def figures_table(figures: Figures, *, period: str, area: str, benchmark: str) -> FiguresTable:
    """A row per period and a column per area; with more areas than periods, a row per area and a
    column per period. The benchmark is a last column, or a last row. `period`, `area` and `benchmark`
    are their headings."""
    areas = [s.label for s in figures.series]
    marks = [Cell(row.benchmark) if row.benchmark else None for row in figures.rows]
    if len(areas) <= len(figures.periods):
        columns = areas + ([benchmark] if figures.benchmark else [])
        extra = [[mark] for mark in marks] if figures.benchmark else [[] for _row in figures.rows]
        rows = [(row.period, [*row.cells, *more]) for row, more in zip(figures.rows, extra, strict=True)]
        return FiguresTable(period, columns, rows)
    rows = [(label, [row.cells[a] for row in figures.rows]) for a, label in enumerate(areas)]
    return FiguresTable(area, list(figures.periods), rows + ([(benchmark, marks)] if figures.benchmark else []))


def _cell(point: Point | None, decimals: int) -> Cell | None:
    if point is None:
        return None
    ci = ""
    if point.ci_low is not None and point.ci_high is not None:
        ci = f"{number(point.ci_low, decimals)}–{number(point.ci_high, decimals)}"
    return Cell(number(point.value, decimals), ci, number(point.n, 0) if point.n is not None else "")


def latest_period(periods: Sequence[str], series: Sequence[Series]) -> str | None:
    """The last period in which any series has a value."""
    return next((p for p in reversed(periods) if any(p in s.values for s in series)), None)


def extremes(series: Sequence[Series], periods: Sequence[str], count: int) -> list[Series]:
    """The series with the highest and lowest values in the latest period, in their own order."""
    latest = latest_period(periods, series)
    ranked = sorted((s for s in series if latest in s.values), key=lambda s: s.values[latest])
    lowest, highest = count // 2, count - count // 2
    chosen = ranked if len(ranked) <= count else ranked[:lowest] + ranked[len(ranked) - highest :]
    return [s for s in series if s in chosen]


def summary(
    periods: Sequence[str], series: Sequence[Series], *, whole: Series | None, text: Callable[[float], str]
) -> str:
    """One plain sentence or two on the latest period: the whole, then the highest and lowest area."""
    parts = [s for s in series if s is not whole]
    latest = latest_period(periods, [*parts, *([whole] if whole else [])])
    if latest is None:
        return _("Er zijn nog geen cijfers voor deze keuze.")
    sentences = []
    if whole and latest in whole.values:
        sentences.append(
            _("In %(period)s was de waarde voor %(area)s %(value)s.")
            % {"period": latest, "area": whole.label, "value": text(whole.values[latest])}
        )
    ranked = sorted((s for s in parts if latest in s.values), key=lambda s: s.values[latest])
    if len(ranked) == 1:
        only = ranked[0]
        sentences.append(
            _("%(area)s had in %(period)s de waarde %(value)s.")
            % {"area": only.label, "period": latest, "value": text(only.values[latest])}
        )
    elif ranked and ranked[0].values[latest] != ranked[-1].values[latest]:
        low, high = ranked[0], ranked[-1]
        sentences.append(
            _("%(high)s had in %(period)s de hoogste waarde: %(high_value)s. %(low)s had de laagste: %(low_value)s.")
            % {
                "high": high.label,
                "period": latest,
                "high_value": text(high.values[latest]),
                "low": low.label,
                "low_value": text(low.values[latest]),
            }
        )
    elif ranked:
        sentences.append(
            _("In %(period)s hadden alle gebieden dezelfde waarde: %(value)s.")
            % {"period": latest, "value": text(ranked[0].values[latest])}
        )
    return " ".join(sentences)
