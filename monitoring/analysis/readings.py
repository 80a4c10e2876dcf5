"""The data side of the comparison: one indicator's latest figure read through its polarity. Pure.

A figure says something about good or bad only when it is recent for its periodicity, its indicator is
not neutral, and there is something to hold it against (the benchmark, else the measurement before it).
Whether a gap is more than chance:

- with a confidence interval (read as 95 %) or, for a percentage or a rate per 1,000, a sample size n
  (with the source's design effect): a z-test on the gap, adding the benchmark's own standard error
  where it is known;
- without either, for a percentage or a rate per 1,000: only a gap beyond an absolute margin in
  percentage points counts;
- a count, an amount or a score without a margin of error cannot say good or bad: it is context.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

HIGHER_IS_WORSE = "higher_is_worse"
HIGHER_IS_BETTER = "higher_is_better"
NEUTRAL = "neutral"
PERCENTAGE = "percentage"
PER_THOUSAND = "per_1000"
Z95 = 1.959964  # a published confidence interval is read as 95 %
# How many years behind the compared year a figure may be and still be recent, by periodicity;
# an irregular indicator uses the setting COMPARE_DATA_MAX_AGE.
MAX_AGE = {"maand": 1, "kwartaal": 1, "jaar": 1, "tweejaarlijks": 2}


@dataclass(frozen=True)
class Reading:
    """One indicator's latest figure in or before the period, read through its polarity."""

    indicator: str
    name: str
    year: int
    period: str
    value: float
    unit: str
    polarity: str
    interval: tuple[float, float] | None  # the published confidence interval
    benchmark: float | None
    benchmark_label: str
    reference: str | None  # "benchmark", "previous" or None: what the figure is held against
    reference_value: float | None
    reference_period: str | None
    gap: float | None  # how much worse than the reference (negative: better); None when neutral or alone
    p_value: float | None  # of the gap, when a margin of error is known
    margin: float | None  # the margin in percentage points used instead of a test
    recent: bool
    max_age: int
    problem: bool
    evaluable: bool  # says something about good or bad

    @property
    def neutral(self) -> bool:
        return self.polarity == NEUTRAL

    @property
    def points(self) -> float | None:
        """The gap in percentage points (a rate per 1,000 divided by 10)."""
        if self.gap is None:
            return None
        return self.gap / 10 if self.unit == PER_THOUSAND else self.gap


def reading(link, series: list[dict], period: int, *, alpha: float, margin: float, irregular_age: int):
    """The indicator's latest figure in or before the period, or None when there is none.

    ``link`` has indicator, indicator_name, polarity, unit, periodicity, benchmark_label, design_effect;
    ``series`` the indicator's observations (dicts with the columns of the observations frame) by year."""
    known = [observation for observation in series if observation["year"] <= period]
    if not known:
        return None
    latest = known[-1]
    value = float(latest["value"])
    max_age = MAX_AGE.get(link.periodicity, irregular_age)
    recent = period - int(latest["year"]) <= max_age
    benchmark = _number(latest["benchmark"])
    reference, reference_value, reference_period, reference_se = _reference(known, benchmark, link)
    gap = _worse_by(link.polarity, value, reference_value)
    own_se = standard_error(latest, link.unit, link.design_effect)
    p_value, used_margin, worse = _judge(gap, own_se, reference_se, link.unit, alpha, margin)
    evaluable = recent and gap is not None and worse is not None
    return Reading(
        indicator=link.indicator,
        name=link.indicator_name,
        year=int(latest["year"]),
        period=str(latest["period"]),
        value=value,
        unit=link.unit,
        polarity=link.polarity,
        interval=_interval(latest),
        benchmark=benchmark,
        benchmark_label=link.benchmark_label or "",
        reference=reference if gap is not None else None,
        reference_value=reference_value,
        reference_period=reference_period,
        gap=gap,
        p_value=p_value,
        margin=used_margin,
        recent=recent,
        max_age=max_age,
        problem=bool(evaluable and worse),
        evaluable=evaluable,
    )


def _reference(known: list[dict], benchmark: float | None, link):
    """What the latest figure is held against: the benchmark, else the measurement before it."""
    if benchmark is not None:
        return "benchmark", benchmark, None, _number(known[-1].get("benchmark_se"))
    if len(known) > 1:
        previous = known[-2]
        se = standard_error(previous, link.unit, link.design_effect)
        return "previous", float(previous["value"]), str(previous["period"]), se
    return None, None, None, None


def _judge(gap, own_se, reference_se, unit, alpha, margin) -> tuple[float | None, float | None, bool | None]:
    """(p-value, margin used, worse?) for the gap; worse is None when the gap cannot be judged."""
    if gap is None:
        return None, None, None
    if own_se is not None:
        se = math.sqrt(own_se**2 + (reference_se or 0.0) ** 2)
        p = math.erfc(abs(gap) / se / math.sqrt(2)) if se > 0 else (0.0 if gap else 1.0)
        return p, None, gap > 0 and p < alpha
    if unit in (PERCENTAGE, PER_THOUSAND):
        points = gap / 10 if unit == PER_THOUSAND else gap
        return None, margin, points > margin
    return None, None, None


def standard_error(row, unit: str, design_effect: float) -> float | None:
    """From the confidence interval (95 %), else from n and the design effect for a percentage or a rate."""
    low, high = _number(row.get("ci_low")), _number(row.get("ci_high"))
    if low is not None and high is not None and high >= low:
        return (high - low) / (2 * Z95)
    n, value = _number(row.get("n")), _number(row.get("value"))
    scale = {PERCENTAGE: 100.0, PER_THOUSAND: 1000.0}.get(unit)
    if n and scale and value is not None and 0 < value < scale:
        share = value / scale
        return scale * math.sqrt(share * (1 - share) / n * (design_effect or 1.0))
    return None


def _interval(row) -> tuple[float, float] | None:
    low, high = _number(row.get("ci_low")), _number(row.get("ci_high"))
    return (low, high) if low is not None and high is not None else None


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _worse_by(polarity: str, value: float, reference: float | None) -> float | None:
    """How much worse the value is than the reference (negative: better); None for neutral."""
    if reference is None or polarity not in (HIGHER_IS_WORSE, HIGHER_IS_BETTER):
        return None
    return value - reference if polarity == HIGHER_IS_WORSE else reference - value
