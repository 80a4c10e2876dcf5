"""A simulation: 200 comparisons of pure noise must not read as change.

Each comparison has four years of problems drawn the way the demo draws its signals (a random note from
signals/demo, with the themes it carries), so every theme's share is steady, while the logging effort
differs by up to a factor of 3 between the years. Half of the signals come from meetings that give
three signals with the same note, so the counts are overdispersed (about twice the binomial variance).
The themes are the demo's: the 42 its problem notes carry, plus the 6 main themes that count their
aspects, each signal once.

With every share steady, any theme flagged as a change is a false discovery. Benjamini–Hochberg at
COMPARE_FDR (10 %) then keeps the chance of any false discovery in a comparison at most 10 %; over 200
comparisons that share has a Monte Carlo standard error of about 2 points, so we allow 10 % + 5 points.
The engine before issue 10 (raw counts against the mean of the earlier years, an exact Poisson test at
α = 0.05 per theme, no correction) flags several themes in a typical comparison.
"""

from datetime import date

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from monitoring.analysis.comparison import Thresholds, compare
from monitoring.analysis.exposure import Window
from monitoring.analysis.signal_figures import signal_figures
from signals.demo import read_notes
from signals.models import Theme
from tests.monitoring.comparison_frames import EXACT, MONTHLY

SEED = 20261201
COMPARISONS = 200
YEARS = [2022, 2023, 2024, 2025]
FDR = 0.10
TOLERANCE = 0.05  # about 2.4 Monte Carlo standard errors of a share near 10 % over 200 comparisons
WINDOW = Window(2025, first_logged=date(2022, 1, 1), today=date(2026, 6, 1), previous_years=3)


@pytest.fixture
def demo_themes(db):
    """The incidence of the demo's problem notes on its themes and on their main themes' families."""
    notes = [note for note in read_notes() if note.kind == "knelpunt"]
    tree = {slug: (pk, parent) for slug, pk, parent in Theme.objects.values_list("slug", "pk", "parent_id")}
    tagged = sorted({tree[slug][0] for note in notes for slug in note.themes})
    families = sorted({tree[slug][1] for note in notes for slug in note.themes if tree[slug][1]})
    incidence = np.zeros((len(notes), len(tagged) + len(families)), dtype=np.int64)
    for i, note in enumerate(notes):
        for slug in note.themes:
            pk, parent = tree[slug]
            incidence[i, tagged.index(pk)] = 1
            if parent:
                incidence[i, len(tagged) + families.index(parent)] = 1  # a family counts each signal once
    themes = pd.DataFrame(
        {"theme": tagged + families, "family": [False] * len(tagged) + [True] * len(families)}
    ).assign(slug=lambda f: f["theme"].astype(str), name=lambda f: "Thema " + f["theme"].astype(str))
    return incidence, themes


def simulate(incidence: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Counts per comparison, year and theme, and the number of signals per comparison and year."""
    effort = rng.uniform(60, 120, size=(COMPARISONS, 1)) * rng.permuted(
        np.tile([1.0, 3.0, 1.5, 2.2], (COMPARISONS, 1)), axis=1
    )
    meetings = np.rint(effort / 6).astype(int)  # half the signals: meetings of three signals, one note
    singles = np.rint(effort).astype(int) - 3 * meetings
    counts = np.zeros((COMPARISONS, len(YEARS), incidence.shape[1]), dtype=np.int64)
    for c in range(COMPARISONS):
        for y in range(len(YEARS)):
            drawn = np.bincount(rng.integers(len(incidence), size=singles[c, y]), minlength=len(incidence))
            drawn += 3 * np.bincount(rng.integers(len(incidence), size=meetings[c, y]), minlength=len(incidence))
            counts[c, y] = drawn @ incidence
    return counts, singles + 3 * meetings


def monthly_frame(counts: np.ndarray, totals: np.ndarray, themes: pd.DataFrame) -> pd.DataFrame:
    """One comparison's counts as the service gives them (all in June), with theme 0 the total."""
    ids = themes["theme"].to_numpy()
    rows = [(ids[t], year, 6, int(n), int(n), 0) for y, year in enumerate(YEARS) for t, n in enumerate(counts[y])]
    rows += [(0, year, 6, int(totals[y]), int(totals[y]), 0) for y, year in enumerate(YEARS)]
    return pd.DataFrame(rows, columns=MONTHLY)


def old_engine_flags(counts: np.ndarray) -> int:
    """Themes the engine before issue 10 called "meer dan toeval": raw counts, exact Poisson-rate test."""
    now, before = counts[-1], counts[:-1].sum(axis=0)
    n, p = now + before, 1 / len(YEARS)
    lower, upper = stats.binom.cdf(now, n, p), stats.binom.sf(now - 1, n, p)
    return int(((np.minimum(1, 2 * np.minimum(lower, upper)) < 0.05) & (n > 0)).sum())


def test_pure_noise_stays_within_the_false_discovery_rate(demo_themes):
    incidence, themes = demo_themes
    counts, totals = simulate(incidence, np.random.default_rng(SEED))
    rows = themes.set_index("theme")
    flagged, old = [], []
    for c in range(COMPARISONS):
        figures = signal_figures(rows, monthly_frame(counts[c], totals[c], themes), WINDOW, rule=EXACT)
        flagged.append(int((figures["change_adjusted"] <= FDR).sum()))
        old.append(old_engine_flags(counts[c]))
    flagged = np.array(flagged)
    any_false = (flagged > 0).mean()  # the false discovery rate: with only true nulls, P(any discovery)
    assert any_false <= FDR + TOLERANCE, f"{any_false:.3f} of the comparisons flagged a theme"
    assert flagged.sum() / flagged.size / len(themes) <= FDR + TOLERANCE
    assert np.mean(old) > 2, "the old engine would have flagged several themes per comparison"


def test_the_engine_flags_the_same_as_its_signals_side(demo_themes):
    incidence, themes = demo_themes
    counts, totals = simulate(incidence, np.random.default_rng(SEED + 1))
    empty_links = pd.DataFrame(
        columns=["theme", "indicator", "indicator_name", "polarity", "unit", "periodicity", "benchmark_label",
                 "design_effect"]
    )  # fmt: skip
    empty_observations = pd.DataFrame(
        columns=["indicator", "year", "period", "value", "benchmark", "ci_low", "ci_high", "n"]
    )
    monthly = monthly_frame(counts[0], totals[0], themes)
    result = compare(
        themes=themes, signals=monthly, links=empty_links, observations=empty_observations, window=WINDOW,
        thresholds=Thresholds(fdr=FDR), rule=EXACT,
    )  # fmt: skip
    figures = signal_figures(themes.set_index("theme"), monthly, WINDOW, rule=EXACT)
    assert list(result["change_significant"]) == list(figures["change_adjusted"] <= FDR)
