"""Which months a comparison counts, and the counts in them. Pure: monthly counts in, counts per theme out.

A period (a year) counts only from the month in which anyone first logged a signal, and the current
year only up to today. Earlier years count the same months, so a trend compares like with like. Every
count comes with the sum of its records' keys over the same rows (the cell-key method needs it, see
monitoring.analysis.disclosure).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

ALL_THEMES = 0  # the row that counts every signal once: the denominator of each share
COUNT_COLUMNS = ["signals", "residents", "key_sum"]


@dataclass(frozen=True)
class Window:
    """The months of the period that count, and the earlier years held against it."""

    period: int
    first_logged: date  # the first day (month) anyone logged a signal
    today: date
    previous_years: int = 3

    @property
    def first_month(self) -> int:
        return self.first_logged.month if self.period == self.first_logged.year else 1

    @property
    def last_month(self) -> int:
        return self.today.month if self.period == self.today.year else 12

    @property
    def partial_start(self) -> bool:
        return self.first_month > 1

    @property
    def partial_end(self) -> bool:
        return self.period == self.today.year

    @property
    def start(self) -> date:
        """The first day counted: 1 January, or the first of the month logging began."""
        return date(self.period, self.first_month, 1)

    @property
    def end(self) -> date:
        """The last day counted: 31 December, or today."""
        return self.today if self.partial_end else date(self.period, 12, 31)

    @property
    def earlier_years(self) -> list[int]:
        """Earlier years in which any of the window's months were logged (none before the first signal)."""
        start = max(self.period - self.previous_years, self.first_logged.year)
        return [
            year
            for year in range(start, self.period)
            if (year, self.last_month) >= (self.first_logged.year, self.first_logged.month)
        ]

    def in_period(self, year: np.ndarray, month: np.ndarray) -> np.ndarray:
        return (year == self.period) & (month >= self.first_month) & (month <= self.last_month)

    def in_earlier(self, year: np.ndarray, month: np.ndarray) -> np.ndarray:
        """The same months in the earlier years, from the month logging began."""
        logged = year * 12 + month >= self.first_logged.year * 12 + self.first_logged.month
        same_months = (month >= self.first_month) & (month <= self.last_month)
        return np.isin(year, self.earlier_years) & same_months & logged


def window_sums(monthly: pd.DataFrame, window: Window, themes) -> dict[str, np.ndarray]:
    """Per theme in ``themes`` and then for theme 0 (the last element): signals, residents and key sum in
    the period's months, and ``earlier``, ``earlier_key_sum`` for the same months of the earlier years."""
    size = len(themes) + 1
    if not len(monthly):
        zero = np.zeros(size, dtype=np.int64)
        return dict.fromkeys([*COUNT_COLUMNS, "earlier", "earlier_key_sum"], zero)
    position = pd.Index(list(themes)).get_indexer(monthly["theme"].to_numpy())
    position = np.where(monthly["theme"].to_numpy() == ALL_THEMES, size - 1, position)
    year, month = monthly["year"].to_numpy(), monthly["month"].to_numpy()
    now = window.in_period(year, month) & (position >= 0)
    before = window.in_earlier(year, month) & (position >= 0)

    def summed(mask: np.ndarray, column: str) -> np.ndarray:
        weights = monthly[column].to_numpy(dtype=np.float64)[mask]
        return np.bincount(position[mask], weights=weights, minlength=size).astype(np.int64)

    sums = {column: summed(now, column) for column in COUNT_COLUMNS}
    sums["earlier"], sums["earlier_key_sum"] = summed(before, "signals"), summed(before, "key_sum")
    return sums


def window_counts(monthly: pd.DataFrame, window: Window) -> pd.DataFrame:
    """``window_sums`` for every theme in the frame, as a frame by theme (theme 0 included)."""
    themes = sorted(set(monthly["theme"]) - {ALL_THEMES}) if len(monthly) else []
    sums = window_sums(monthly, window, themes)
    index = pd.Index([*themes, ALL_THEMES], name="theme")
    return pd.DataFrame(sums, index=index)[[*COUNT_COLUMNS, "earlier", "earlier_key_sum"]]
