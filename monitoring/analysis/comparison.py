"""Signals against data, per theme: the comparison engine. Pure: DataFrames in, a DataFrame out.

No ORM in here (monitoring/services/comparing.py loads the frames), so every verdict can be
pinned on small hand-made frames.

Inputs, one frame each:
- ``themes``: theme, slug, name (the rows of the result come from here);
- ``signals``: theme, year, signals, residents (counted per theme and year in the database,
  already for the area; a signal with two themes counts once for each);
- ``links``: theme, indicator, indicator_name, polarity, unit (which indicator speaks to which theme);
- ``observations``: indicator, year, period, value, benchmark, ci_low, ci_high, n (for the area,
  without categories).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from monitoring.analysis.disclosure import Rule
from monitoring.analysis.explanations import explain
from monitoring.analysis.verdicts import BEVESTIGD, BLINDE_VLEK, DATAGAT, IN_BEELD, TEGENSTRIJDIG

HIGHER_IS_WORSE = "higher_is_worse"
HIGHER_IS_BETTER = "higher_is_better"


@dataclass(frozen=True)
class Thresholds:
    """What counts as "enough", "recent" and "more than chance"; settings, see compare_settings()."""

    min_signals: int = 5  # fewer signals than this in the period: too few to say anything
    alpha: float = 0.05  # significance level of the tests
    previous_years: int = 3  # the signal count is held against the mean of this many earlier years
    data_max_age: int = 4  # a measurement older than this many years before the period is not recent
    benchmark_margin: float = 0.10  # without a CI or n: a gap of 10% of the benchmark counts as a problem
    small_cell: int = 5  # a count from 1 to this minus one is not quoted in the explanation


@dataclass(frozen=True)
class SignalFigures:
    count: int
    residents: int
    share: float
    previous_mean: float | None
    p_value: float | None
    too_few: bool
    earlier_small: bool = False  # an earlier year had 1 to small_cell - 1 signals: its mean may not be quoted

    def significant(self, alpha: float) -> bool:
        return self.p_value is not None and self.p_value < alpha


@dataclass(frozen=True)
class Reading:
    """One indicator's latest measurement read through its polarity."""

    indicator: str
    name: str
    year: int
    period: str
    value: float
    unit: str
    benchmark: float | None
    gap: float | None  # positive: worse than the benchmark
    previous: float | None
    worse_than_before: bool
    significant: bool | None  # None: the source gives no CI or n to tell
    problem: bool
    evaluable: bool  # says something about good or bad (not neutral, something to compare with)


def compare(
    *,
    themes: pd.DataFrame,
    signals: pd.DataFrame,
    links: pd.DataFrame,
    observations: pd.DataFrame,
    period: int,
    total_signals: int,
    first_year: int | None = None,
    thresholds: Thresholds = Thresholds(),
    area_name: str = "",
) -> pd.DataFrame:
    """One row per theme that has signals up to the period or linked indicators.

    ``total_signals`` is the number of distinct signals in the period and area (the
    denominator of each theme's share; a signal with two themes is one signal). ``first_year``
    is the year signals began to be logged: earlier years are no zeros, they were not counted."""
    by_theme = _groups(signals, "theme")
    links_by_theme = _groups(links, "theme")
    series = _groups(observations, "indicator")
    readings_of = {}  # an indicator linked to several themes is read once
    rows = []
    for theme in themes.itertuples(index=False):
        theme_signals = by_theme.get(theme.theme, signals.iloc[0:0])
        theme_links = links_by_theme.get(theme.theme, links.iloc[0:0])
        if not len(theme_signals) and not len(theme_links):
            continue
        figures = signal_figures(
            theme_signals, period=period, total=total_signals, thresholds=thresholds, first_year=first_year
        )
        readings = []
        for link in theme_links.itertuples(index=False):
            if link.indicator not in readings_of:
                found = series.get(link.indicator, observations.iloc[0:0])
                readings_of[link.indicator] = reading(link, found, period, thresholds)
            readings.append(readings_of[link.indicator])
        found_readings = [r for r in readings if r is not None]
        rows.append(_row(theme, figures, found_readings, len(theme_links), period, thresholds, area_name))
    return pd.DataFrame(rows, columns=COLUMNS)


def _groups(frame: pd.DataFrame, column: str) -> dict:
    """The frame split by one column's values, once, instead of a filter per theme."""
    return dict(tuple(frame.groupby(column))) if len(frame) else {}


COLUMNS = [
    "theme",
    "slug",
    "name",
    "signals",
    "residents",
    "share",
    "previous_mean",
    "change_p",
    "change_significant",
    "too_few",
    "indicators",
    "recent_data",
    "indicator",
    "latest_period",
    "latest_value",
    "benchmark",
    "gap",
    "data_problem",
    "verdict",
    "explanation",
]


def signal_figures(
    theme_signals: pd.DataFrame, *, period: int, total: int, thresholds: Thresholds, first_year: int | None = None
) -> SignalFigures:
    """This period's count against the mean of the earlier years in which signals were logged."""
    by_year = theme_signals.groupby("year")[["signals", "residents"]].sum() if len(theme_signals) else None
    count = int(by_year["signals"].get(period, 0)) if by_year is not None else 0
    residents = int(by_year["residents"].get(period, 0)) if by_year is not None else 0
    start = max(period - thresholds.previous_years, first_year if first_year is not None else period)
    earlier_years = period - start
    earlier = 0
    if by_year is not None and earlier_years:
        earlier = int(by_year.loc[(by_year.index >= start) & (by_year.index < period), "signals"].sum())
    return SignalFigures(
        count=count,
        residents=residents,
        share=count / total if total else 0.0,
        previous_mean=earlier / earlier_years if earlier_years else None,
        p_value=poisson_rate_p(count, earlier, earlier_years) if earlier_years else None,
        too_few=count < thresholds.min_signals,
        earlier_small=_earlier_small(by_year, start, period, thresholds.small_cell),
    )


def _earlier_small(by_year, start: int, period: int, small_cell: int) -> bool:
    if by_year is None:
        return False
    earlier = by_year.loc[(by_year.index >= start) & (by_year.index < period), "signals"]
    return any(map(Rule(small_cell).is_small, earlier))


def poisson_rate_p(count: int, earlier: int, earlier_years: int) -> float:
    """Two-sided p-value that this year's count and the earlier years' counts share one rate.

    Conditional on the total, this year's count is binomial with p = 1 / (1 + earlier_years)
    under that hypothesis (the exact test for comparing two Poisson rates). Large totals use
    the normal approximation, which is then accurate and keeps the page fast.
    """
    n = count + earlier
    if n == 0:
        return 1.0
    p = 1 / (1 + earlier_years)
    variance = n * p * (1 - p)
    if variance > 100:
        z = (abs(count - n * p) - 0.5) / math.sqrt(variance)
        return min(1.0, math.erfc(max(z, 0.0) / math.sqrt(2)))
    observed = _binomial_pmf(count, n, p)
    tail = sum(q for k in range(n + 1) if (q := _binomial_pmf(k, n, p)) <= observed * (1 + 1e-7))
    return min(1.0, tail)


def _binomial_pmf(k: int, n: int, p: float) -> float:
    log = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) + k * math.log(p) + (n - k) * math.log1p(-p)
    return math.exp(log)


def reading(link, series: pd.DataFrame, period: int, thresholds: Thresholds) -> Reading | None:
    """The indicator's latest measurement in or before the period, or None when there is none."""
    known = series[series["year"] <= period].sort_values("year")
    if not len(known):
        return None
    latest = known.iloc[-1]
    previous = float(known.iloc[-2]["value"]) if len(known) > 1 else None
    benchmark = _number(latest["benchmark"])
    gap = _worse_by(link.polarity, float(latest["value"]), benchmark)
    worse_before = previous is not None and (_worse_by(link.polarity, float(latest["value"]), previous) or 0) > 0
    significant = _gap_significant(latest, benchmark, link.unit, thresholds.alpha)
    problem = _is_problem(
        gap, benchmark, significant, worse_before, previous, float(latest["value"]), link.polarity, thresholds
    )
    recent = period - int(latest["year"]) <= thresholds.data_max_age
    return Reading(
        indicator=link.indicator,
        name=link.indicator_name,
        year=int(latest["year"]),
        period=str(latest["period"]),
        value=float(latest["value"]),
        unit=link.unit,
        benchmark=benchmark,
        gap=gap,
        previous=previous,
        worse_than_before=worse_before,
        significant=significant,
        problem=problem and recent,
        evaluable=recent and link.polarity != "neutral" and (benchmark is not None or previous is not None),
    )


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _worse_by(polarity: str, value: float, reference: float | None) -> float | None:
    """How much worse the value is than the reference (negative: better); None for neutral."""
    if reference is None or polarity not in (HIGHER_IS_WORSE, HIGHER_IS_BETTER):
        return None
    return value - reference if polarity == HIGHER_IS_WORSE else reference - value


def _gap_significant(latest, benchmark: float | None, unit: str, alpha: float) -> bool | None:
    """Is the difference with the benchmark more than chance? From the CI, else from n for a percentage."""
    if benchmark is None:
        return None
    low, high = _number(latest["ci_low"]), _number(latest["ci_high"])
    if low is not None and high is not None:
        return not (low <= benchmark <= high)
    n = _number(latest["n"])
    if n and unit == "percentage" and 0 < latest["value"] < 100:
        p = float(latest["value"]) / 100
        z = (p - benchmark / 100) / math.sqrt(p * (1 - p) / n)
        return math.erfc(abs(z) / math.sqrt(2)) < alpha
    return None


def _is_problem(gap, benchmark, significant, worse_before, previous, value, polarity, thresholds) -> bool:
    if gap is not None and gap > 0:
        if significant is not None:
            return significant
        return abs(benchmark) > 0 and gap / abs(benchmark) > thresholds.benchmark_margin
    if benchmark is None and worse_before and previous:
        return abs(_worse_by(polarity, value, previous)) / abs(previous) > thresholds.benchmark_margin
    return False


def verdict_for(figures: SignalFigures, readings: list[Reading]) -> str:
    evaluable = [r for r in readings if r.evaluable]
    problem = any(r.problem for r in readings)
    if not figures.too_few:
        if problem:
            return BEVESTIGD
        if not evaluable:
            return DATAGAT
        return TEGENSTRIJDIG
    if problem:
        return BLINDE_VLEK
    return IN_BEELD


def _row(
    theme, figures: SignalFigures, readings: list[Reading], linked: int, period: int, thresholds, area_name: str
) -> dict:
    verdict = verdict_for(figures, readings)
    key = _key_reading(readings)
    return {
        "theme": theme.theme,
        "slug": theme.slug,
        "name": theme.name,
        "signals": figures.count,
        "residents": figures.residents,
        "share": round(figures.share, 4),
        "previous_mean": figures.previous_mean,
        "change_p": figures.p_value,
        "change_significant": figures.significant(thresholds.alpha),
        "too_few": figures.too_few,
        "indicators": linked,
        "recent_data": any(period - r.year <= thresholds.data_max_age for r in readings),
        "indicator": key.indicator if key else None,
        "latest_period": key.period if key else None,
        "latest_value": key.value if key else None,
        "benchmark": key.benchmark if key else None,
        "gap": key.gap if key else None,
        "data_problem": any(r.problem for r in readings),
        "verdict": verdict,
        "explanation": explain(theme.name, verdict, figures, key, readings, period, thresholds, area_name),
    }


def _key_reading(readings: list[Reading]) -> Reading | None:
    """The reading the explanation quotes: the worst problem, else the most recent one."""
    problems = [r for r in readings if r.problem]
    if problems:
        return max(problems, key=lambda r: (r.gap or 0) / (abs(r.benchmark or 1) or 1))
    return max(readings, key=lambda r: (r.evaluable, r.year), default=None)
