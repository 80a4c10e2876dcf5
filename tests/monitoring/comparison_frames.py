"""Hand-made frames for the comparison engine (monitoring.analysis.comparison), shared by its tests.

Counts are given per theme, year and month; the row of theme 0 (every signal once) is the sum of the
themes' counts unless a test gives it itself (a signal with two themes is one signal)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from monitoring.analysis.comparison import Thresholds, compare
from monitoring.analysis.disclosure import Rule
from monitoring.analysis.exposure import Window

LONELY, WORK, MONEY, MANAGING, HEALTH = 1, 2, 3, 4, 5
THEMES = {
    LONELY: ("eenzaamheid", "Eenzaamheid"),
    WORK: ("betaald-werk", "Betaald werk"),
    MONEY: ("financiele-zorgen", "Financiële zorgen"),
    MANAGING: ("omgaan-met-geld", "Omgaan met geld"),
    HEALTH: ("je-gezond-voelen", "Je gezond voelen"),
}
MONTHLY = ["theme", "year", "month", "signals", "residents", "key_sum"]


class Exact(Rule):
    """The disclosure rule without noise, so a test can quote the exact numbers it made."""

    def perturb(self, count: int, key_sum: int) -> int:
        return int(count)


EXACT = Exact(5)  # made once: a rule builds its perturbation table when it is made


def themes(extra: dict | None = None) -> pd.DataFrame:
    known = {**THEMES, **(extra or {})}
    rows = [(pk, slug, name, False) for pk, (slug, name) in known.items()]
    return pd.DataFrame(rows, columns=["theme", "slug", "name", "family"])


def monthly(*spec, totals: dict | None = None) -> pd.DataFrame:
    """(theme, year, month, count[, residents each]) rows; ``totals``: {(year, month): all signals}, else
    theme 0 is the sum of the rows given for that month."""
    rows = [(t, y, m, n, n * (r[0] if r else 1), 0) for t, y, m, n, *r in spec]
    frame = pd.DataFrame(rows, columns=MONTHLY)
    if totals is None:
        summed = frame.groupby(["year", "month"], as_index=False)[["signals", "residents"]].sum()
        totals = {(y, m): n for y, m, n in summed[["year", "month", "signals"]].itertuples(index=False)}
    total_rows = [(0, y, m, n, n, 0) for (y, m), n in totals.items()]
    return pd.concat([frame, pd.DataFrame(total_rows, columns=MONTHLY)], ignore_index=True)


def yearly(*spec, totals: dict | None = None, month: int = 3) -> pd.DataFrame:
    """(theme, year, count) rows, all in one month of the year; ``totals``: {year: all signals}."""
    monthly_totals = {(y, month): n for y, n in totals.items()} if totals is not None else None
    return monthly(*[(t, y, month, n, *rest) for t, y, n, *rest in spec], totals=monthly_totals)


def links(*spec, periodicity: str = "jaar", label: str = "Nederland", design_effect: float = 1.5) -> pd.DataFrame:
    """(theme, indicator, polarity[, unit])"""
    rows = [
        (t, i, f"% {i}", p, rest[0] if rest else "percentage", periodicity, label, design_effect)
        for t, i, p, *rest in spec
    ]
    columns = ["theme", "indicator", "indicator_name", "polarity", "unit", "periodicity", "benchmark_label"]
    return pd.DataFrame(rows, columns=[*columns, "design_effect"])


def observations(*spec) -> pd.DataFrame:
    """(indicator, year, value[, benchmark, ci_low, ci_high, n, benchmark_se])"""
    rows = []
    for indicator, year, value, *rest in spec:
        benchmark, low, high, n, se = [*rest, None, None, None, None, None][:5]
        rows.append((indicator, year, str(year), value, benchmark, low, high, n, se))
    columns = ["indicator", "year", "period", "value", "benchmark", "ci_low", "ci_high", "n", "benchmark_se"]
    return pd.DataFrame(rows, columns=columns)


def window(period: int = 2024, first: date = date(2020, 1, 1), today: date = date(2025, 6, 1)) -> Window:
    return Window(period, first_logged=first, today=today, previous_years=3)


def run(sig=None, lnk=None, obs=None, *, win=None, reference=None, theme_rows=None, **kwargs) -> pd.DataFrame:
    return compare(
        themes=theme_rows if theme_rows is not None else themes(),
        signals=sig if sig is not None else monthly(),
        links=lnk if lnk is not None else links(),
        observations=obs if obs is not None else observations(),
        window=win or window(),
        reference=reference,
        rule=kwargs.pop("rule", EXACT),
        thresholds=kwargs.pop("thresholds", Thresholds()),
        area_name=kwargs.pop("area_name", "Buitenhof"),
        wider_area_name=kwargs.pop("wider_area_name", "Delft"),
    )


def row_for(result: pd.DataFrame, theme: int = LONELY) -> pd.Series:
    """The theme's row; its explanation with ordinary spaces (percentages carry a no-break space)."""
    row = result.set_index("theme").loc[theme].copy()
    row["explanation"] = row["explanation"].replace("\u00a0", " ")
    return row
