"""Signals against data, per theme: the comparison engine. Pure: DataFrames in, a DataFrame out.

No ORM in here (monitoring/services/comparing.py loads the frames), so every rule can be pinned on
small hand-made frames. docs/methodology.md states each rule, test and threshold.

Inputs, one frame each:
- ``themes``: theme, slug, name, family (a main theme with aspects: its counts are its family's);
- ``signals``: theme, year, month, signals, residents, key_sum: problems (knelpunten) in the area per
  theme and month, theme 0 every signal once (the denominator of every share); a main theme with
  aspects counts its family, each signal once; ``reference``: the same for the municipality when the
  area is one of its districts;
- ``links``: theme, indicator, indicator_name, polarity, unit, periodicity, benchmark_label,
  design_effect (which indicator speaks to which theme);
- ``observations``: indicator, year, period, value, benchmark, ci_low, ci_high, n and optionally
  benchmark_se (for the area, without categories).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from monitoring.analysis.disclosure import Rule
from monitoring.analysis.explanations import Context, explain
from monitoring.analysis.exposure import Window
from monitoring.analysis.readings import Reading, reading
from monitoring.analysis.signal_figures import signal_figures
from monitoring.analysis.verdicts import BEVESTIGD, BLINDE_VLEK, DATAGAT, IN_BEELD, TE_WEINIG, TEGENSTRIJDIG


@dataclass(frozen=True)
class Thresholds:
    """What counts as "enough", "recent" and "more than chance"; settings, see compare_thresholds()."""

    min_signals: int = 5  # fewer problems than this in the period: the signals alone do not point to one
    alpha: float = 0.05  # a figure's gap to its benchmark: significance level of its test
    fdr: float = 0.10  # the signals' tests: false discovery rate over the themes (Benjamini–Hochberg)
    previous_years: int = 3  # the period's share is held against the same months of this many earlier years
    data_max_age: int = 4  # an irregular indicator's figure older than this many years is not recent
    margin_points: float = 2.0  # without a margin of error: a gap beyond this many percentage points counts
    small_cell: int = 5  # a shown count below this is said as "fewer than"


COLUMNS = [
    "theme", "slug", "name", "signals", "residents", "key_sum", "total", "total_key", "share", "shown",
    "total_shown", "earlier_share", "earlier_shown", "earlier_shown_share", "dispersion", "change_p", "p_value",
    "change_significant", "expected", "expected_shown", "reference_share", "below_p", "below_adjusted",
    "below_dispersion", "judgeable", "too_few", "indicators", "recent_data", "indicator", "indicator_name",
    "latest_period", "latest_value", "ci_low", "ci_high", "unit", "benchmark", "benchmark_label", "reference",
    "reference_value", "reference_period", "gap", "gap_p", "margin", "data_problem", "conflicts", "basis",
    "verdict", "explanation",
]  # fmt: skip


def compare(
    *,
    themes: pd.DataFrame,
    signals: pd.DataFrame,
    links: pd.DataFrame,
    observations: pd.DataFrame,
    window: Window,
    reference: pd.DataFrame | None = None,
    thresholds: Thresholds = Thresholds(),
    rule: Rule | None = None,
    area_name: str = "",
    wider_area_name: str = "",
) -> pd.DataFrame:
    """One row per theme with problems in the period or the earlier months compared, or with linked
    indicators."""
    rule = rule or Rule(thresholds.small_cell)
    rows = _rows(themes, signals, links)
    if not len(rows):
        return pd.DataFrame(columns=COLUMNS)
    figures = signal_figures(rows.set_index("theme"), signals, window, rule=rule, reference=reference)
    readings = _readings(links, observations, window.period, thresholds)
    few = dict(zip(figures.index, figures["signals"] < thresholds.min_signals, strict=True))
    names = dict(zip(rows["theme"], rows["name"], strict=True))
    shared = _Shared(
        confirmers=_confirmers(readings, few, names),
        names=names,
        thresholds=thresholds,
        context=Context(window, rule, thresholds.fdr, area_name, wider_area_name if reference is not None else ""),
    )
    by_theme = dict(zip(figures.index, _records(figures), strict=True))
    records = [
        _row(theme, by_theme[theme.theme], readings.get(theme.theme, []), shared)
        for theme in rows.itertuples(index=False)
    ]
    return pd.DataFrame(records, columns=COLUMNS)


@dataclass(frozen=True)
class _Shared:
    """What every row of one comparison needs."""

    confirmers: dict[str, list[int]]  # per indicator with a problem: the themes whose signals confirm it
    names: dict[int, str]
    thresholds: Thresholds
    context: Context


def _records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as plain dicts (column by column: much faster than DataFrame.to_dict)."""
    columns = list(frame.columns)
    values = zip(*(frame[column].tolist() for column in columns), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in values]


def _rows(themes: pd.DataFrame, signals: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """The themes with any problem in the counts given, or with a linked indicator."""
    counted = set(signals.loc[signals["signals"] > 0, "theme"]) if len(signals) else set()
    wanted = counted | set(links["theme"])
    return themes[themes["theme"].isin(wanted)].reset_index(drop=True)


def _readings(links: pd.DataFrame, observations: pd.DataFrame, period: int, thresholds) -> dict[int, list[Reading]]:
    """Per theme, its indicators' readings; an indicator linked to several themes is read once."""
    series: dict[str, list[dict]] = {}
    for observation in _records(observations.sort_values("year", kind="stable")):
        series.setdefault(observation["indicator"], []).append(observation)
    read: dict[str, Reading | None] = {}
    by_theme: dict[int, list[Reading]] = {}
    for link in links.itertuples(index=False):
        if link.indicator not in read:
            found = series.get(link.indicator, [])
            read[link.indicator] = reading(
                link,
                found,
                period,
                alpha=thresholds.alpha,
                margin=thresholds.margin_points,
                irregular_age=thresholds.data_max_age,
            )
        by_theme.setdefault(link.theme, [])
        if read[link.indicator] is not None:
            by_theme[link.theme].append(read[link.indicator])
    return by_theme


def _confirmers(readings: dict[int, list[Reading]], few: dict, names: dict[int, str]) -> dict[str, list[int]]:
    """Per indicator that shows a problem: the themes linked to it whose signals confirm it (enough of
    them). An indicator confirms its family of themes once: a theme of that family with few signals is
    then no blind spot on account of it."""
    found: dict[str, list[int]] = {}
    for theme, theme_readings in readings.items():
        for r in theme_readings:
            if r.problem and not few.get(theme, True):
                found.setdefault(r.indicator, []).append(theme)
    return {indicator: sorted(themes, key=lambda t: names.get(t, "")) for indicator, themes in found.items()}


def verdict_for(few: bool, readings: list[Reading], confirmed_elsewhere: set[str], below: bool) -> str:
    """The verdict from the signals (few or enough, clearly below the expectation or not) and the figures."""
    problems = [r for r in readings if r.problem]
    if not few:
        if problems:
            return BEVESTIGD
        return TEGENSTRIJDIG if any(r.evaluable for r in readings) else DATAGAT
    if not problems or all(r.indicator in confirmed_elsewhere for r in problems):
        return IN_BEELD
    return BLINDE_VLEK if below else TE_WEINIG


def _key_reading(verdict: str, readings: list[Reading], confirmed_elsewhere: set[str]) -> Reading | None:
    """The reading that decided (the strongest problem), else the most telling one there is."""
    problems = [r for r in readings if r.problem]
    if verdict in (BLINDE_VLEK, TE_WEINIG):
        problems = [r for r in problems if r.indicator not in confirmed_elsewhere]
    if problems:
        return min(problems, key=lambda r: (r.p_value if r.p_value is not None else 1.0, -(r.points or 0.0)))
    return max(
        readings,
        key=lambda r: (r.evaluable, r.recent and not r.neutral, r.reference == "benchmark", r.year),
        default=None,
    )


def _row(theme, figures: dict, readings: list[Reading], shared: _Shared) -> dict:
    thresholds = shared.thresholds
    few = bool(figures["signals"] < thresholds.min_signals)
    elsewhere = {i for i, themes in shared.confirmers.items() if set(themes) - {theme.theme}}
    below = bool(figures["below_adjusted"] <= thresholds.fdr)
    verdict = verdict_for(few, readings, elsewhere, below)
    key = _key_reading(verdict, readings, elsewhere)
    conflicts = _conflicting(key, readings)
    confirmed_by = []
    if verdict == IN_BEELD and key is not None and key.problem and key.indicator in elsewhere:
        confirmed_by = [shared.names[t] for t in shared.confirmers[key.indicator] if t != theme.theme]
    notes = {"conflicts": conflicts, "confirmed_by": confirmed_by}
    return {
        "theme": theme.theme,
        "slug": theme.slug,
        "name": theme.name,
        **_signal_columns(figures, thresholds),
        "too_few": few,
        "indicators": len(readings),
        "recent_data": any(r.recent for r in readings),
        **_figure_columns(key),
        "data_problem": any(r.problem for r in readings),
        "conflicts": [r.indicator for r in conflicts],
        "basis": basis(key),
        "verdict": verdict,
        "explanation": explain(theme.name, verdict, figures, key, notes, shared.context),
    }


def _conflicting(key: Reading | None, readings: list[Reading]) -> list[Reading]:
    """Recent figures that disagree with the one that decided: named, never hidden."""
    if key is None or not key.evaluable:
        return []
    return [r for r in readings if r.evaluable and r.problem != key.problem and r.indicator != key.indicator]


def _signal_columns(figures: dict, thresholds) -> dict:
    adjusted = figures["change_adjusted"]
    return {
        "signals": int(figures["signals"]),
        "residents": int(figures["residents"]),
        "key_sum": int(figures["key_sum"]),
        "total": int(figures["total"]),
        "total_key": int(figures["total_key"]),
        "share": _float(figures["share"], 4),
        "shown": int(figures["shown"]),
        "total_shown": int(figures["total_shown"]),
        "earlier_share": _float(figures["earlier_share"], 4),
        "earlier_shown": int(figures["earlier_shown"]),
        "earlier_shown_share": _float(figures["earlier_shown_share"], 4),
        "dispersion": _float(figures["change_dispersion"], 2),
        "change_p": _float(figures["change_p"]),
        "p_value": _float(adjusted),
        "change_significant": bool(adjusted <= thresholds.fdr),
        "expected": _float(figures["expected"], 2),
        "expected_shown": _float(figures["expected_shown"], 2),
        "reference_share": _float(figures["reference_share"], 4),
        "below_p": _float(figures["below_p"]),
        "below_adjusted": _float(figures["below_adjusted"]),
        "below_dispersion": _float(figures["below_dispersion"], 2),
        "judgeable": bool(figures["least_p"] <= thresholds.fdr),
    }


def _figure_columns(key: Reading | None) -> dict:
    return {
        "indicator": key.indicator if key else None,
        "indicator_name": key.name if key else None,
        "latest_period": key.period if key else None,
        "latest_value": key.value if key else None,
        "ci_low": key.interval[0] if key and key.interval else None,
        "ci_high": key.interval[1] if key and key.interval else None,
        "unit": key.unit if key else None,
        "benchmark": key.benchmark if key else None,
        "benchmark_label": key.benchmark_label if key else None,
        "reference": key.reference if key else None,
        "reference_value": key.reference_value if key else None,
        "reference_period": key.reference_period if key else None,
        "gap": key.gap if key else None,
        "gap_p": key.p_value if key else None,
        "margin": key.margin if key else None,
    }


def _float(value, digits: int | None = None) -> float | None:
    if value is None or np.isnan(value):
        return None
    return round(float(value), digits) if digits is not None else float(value)


def basis(key: Reading | None) -> str | None:
    """Which indicator and benchmark decided, for staff (the compare command): plain, untranslated."""
    if key is None:
        return None
    text = f"{key.indicator} {key.period} = {key.value:g}"
    if key.reference == "benchmark":
        text += f"; benchmark {key.benchmark_label or '-'} = {key.reference_value:g}"
    elif key.reference == "previous":
        text += f"; previous {key.reference_period} = {key.reference_value:g}"
    if key.p_value is not None:
        text += f"; p = {key.p_value:.2g}"
    elif key.margin is not None:
        text += f"; margin {key.margin:g} points"
    if not key.recent:
        text += "; not recent"
    elif key.neutral:
        text += "; neutral (context)"
    return text
