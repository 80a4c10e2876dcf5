"""Issue 10's rules, each pinned on a small hand-made frame: exposure, overdispersion, the false
discovery rate, blind spots and what a figure may decide (docs/methodology.md states them)."""

from datetime import date

import numpy as np
import pytest

from monitoring.analysis.comparison import Thresholds
from monitoring.analysis.exposure import Window, window_counts
from monitoring.analysis.inference import two_sample
from tests.monitoring.comparison_frames import (
    HEALTH,
    LONELY,
    MANAGING,
    MONEY,
    WORK,
    links,
    monthly,
    observations,
    row_for,
    run,
    themes,
    window,
    yearly,
)

FILLERS = range(100, 120)  # twenty steady themes, so the dispersion is estimated over many themes


def filler_themes():
    return themes({t: (f"thema-{t}", f"Thema {t}") for t in FILLERS})


def steady(years, per_theme: int = 20, month: int = 3):
    """Twenty themes with the same count every year."""
    return [(t, year, month, per_theme) for t in FILLERS for year in years]


# The partial first year


def test_a_first_year_that_began_in_december_counts_only_december():
    # Logging began on 1 December 2023: 10 of the 50 signals that December were about loneliness, and 24
    # of the 120 in 2024. The share did not change; counted as a whole year, 2023 would look 12 times smaller.
    sig = monthly((LONELY, 2023, 12, 10), (WORK, 2023, 12, 40), *[(LONELY, 2024, m, 2) for m in range(1, 13)],
                  *[(WORK, 2024, m, 8) for m in range(1, 13)])  # fmt: skip
    row = row_for(run(sig, win=window(2024, first=date(2023, 12, 1))))
    assert (row.signals, row.total) == (24, 120)
    assert row.earlier_share == row.share == 0.2
    assert not row.change_significant
    assert "bij het aandeel in december 2023 (20,0 %) zou je er ongeveer 24 verwachten" in row.explanation


def test_the_first_year_itself_counts_from_the_month_logging_began():
    win = Window(2023, first_logged=date(2023, 12, 1), today=date(2025, 6, 1))
    assert (win.first_month, win.last_month, win.start) == (12, 12, date(2023, 12, 1))
    row = row_for(run(monthly((LONELY, 2023, 12, 6), (WORK, 2023, 12, 4)), win=win))
    assert row.explanation.startswith("6 van de 10 knelpunten in Buitenhof in 2023 vanaf december gingen over")


# The current year


def test_the_current_year_counts_up_to_today_against_the_same_months_before():
    # Today is 15 June 2025. In earlier years loneliness came up in the second half of the year only; the
    # first halves are alike, so there is no change, although whole years would show one.
    earlier = [(LONELY, y, m, 1) for y in (2023, 2024) for m in range(1, 7)]
    earlier += [(LONELY, y, m, 10) for y in (2023, 2024) for m in range(7, 13)]
    work = [(WORK, y, m, 4) for y in (2023, 2024, 2025) for m in range(1, 13) if (y, m) <= (2025, 6)]
    now = [(LONELY, 2025, m, 1) for m in range(1, 7)]
    win = Window(2025, first_logged=date(2023, 1, 1), today=date(2025, 6, 15))
    counts = window_counts(monthly(*earlier, *now, *work), win)
    assert counts.loc[LONELY, "signals"] == 6 and counts.loc[LONELY, "earlier"] == 12  # January to June only
    row = row_for(run(monthly(*earlier, *now, *work), win=win))
    assert row.share == pytest.approx(row.earlier_share)
    assert "in 2025 tot en met 15 juni" in row.explanation
    assert "in dezelfde maanden van 2023 en 2024" in row.explanation
    assert win.end == date(2025, 6, 15)


# Logging effort


def test_three_times_as_much_logging_is_no_trend():
    # Every theme triples with the number of signals: more members logging, not more problems.
    sig = yearly(*[(t, 2023, n) for t, n in ((LONELY, 10), (WORK, 30), (MONEY, 20), (HEALTH, 40))],
                 *[(t, 2024, 3 * n) for t, n in ((LONELY, 10), (WORK, 30), (MONEY, 20), (HEALTH, 40))])  # fmt: skip
    result = run(sig, win=window(2024, first=date(2023, 1, 1)))
    assert not result["change_significant"].any()
    lonely = row_for(result)
    assert lonely.share == lonely.earlier_share == 0.1 and lonely.p_value == pytest.approx(1.0)
    # Counted as raw numbers, 30 against 10 would be "3× zoveel".
    assert "×" not in lonely.explanation and "het verschil kan toeval zijn" in lonely.explanation


# The false discovery rate


def test_benjamini_hochberg_cuts_off_a_change_that_is_significant_on_its_own():
    # Of 22 themes, loneliness quadruples its share (clearly) and work doubles: p < 0.05 on its own,
    # but not among 22 tests at a false discovery rate of 10 %.
    sig = yearly(*[(t, y, 20) for t in FILLERS for y in (2023, 2024)], (LONELY, 2023, 10), (LONELY, 2024, 40),
                 (WORK, 2023, 20), (WORK, 2024, 40))  # fmt: skip
    result = run(sig, win=window(2024, first=date(2023, 1, 1)), theme_rows=filler_themes())
    lonely, work = row_for(result), row_for(result, WORK)
    assert lonely.change_significant and lonely.p_value < 0.01
    assert work.change_p < 0.05 and work.p_value > 0.1 and not work.change_significant
    assert "dus meer: dat is vrijwel zeker geen toeval" in lonely.explanation
    assert "en het verschil kan toeval zijn" in work.explanation


# Overdispersion


def test_an_overdispersed_series_is_not_read_as_a_change():
    # Counts that swing much more than chance would make them (one meeting gives several signals): the
    # dispersion estimated across the themes is large, and a swing like the others' is no discovery.
    rng = np.random.default_rng(7)
    swings = [(t, y, int(20 + 3 * rng.choice([-3, -2, 2, 3]))) for t in FILLERS for y in (2023, 2024)]
    sig = yearly(*swings, (LONELY, 2023, 14), (LONELY, 2024, 34))
    result = run(sig, win=window(2024, first=date(2023, 1, 1)), theme_rows=filler_themes())
    lonely = row_for(result)
    assert lonely.dispersion > 2
    assert not lonely.change_significant
    # The same counts under the plain binomial (no overdispersion) would be a discovery.
    earlier_total = sum(n for _t, year, n in swings if year == 2023) + 14
    plain = two_sample([34], [lonely.total], [14], [earlier_total], alternative="two-sided", phi=1.0)
    assert plain.p[0] < 0.01


# Blind spots: an expected count too small to judge


def test_too_few_expected_signals_is_te_weinig_not_blinde_vlek():
    # A district with 10 problems, none about loneliness; in the rest of the municipality 10 % is about
    # loneliness, so one would expect about 1: zero says nothing.
    district = yearly((WORK, 2024, 10))
    municipality = yearly((WORK, 2024, 460), (LONELY, 2024, 50))
    problem = observations(("eenzaam", 2023, 55, 44, 52, 58))
    row = row_for(run(district, links((LONELY, "eenzaam", "higher_is_worse")), problem, reference=municipality))
    assert row.verdict == "te_weinig" and not row.judgeable
    assert row.expected == pytest.approx(10 * 50 / 500, abs=0.01)
    assert (
        "bij het aandeel in heel Delft (9,8 %) zou je er minder dan 5 verwachten, en dat is te weinig om te oordelen"
        in (row.explanation)
    )


def test_clearly_fewer_than_expected_in_a_district_is_a_blinde_vlek():
    # Twenty themes with the same share everywhere; loneliness is 10 % of the rest of the municipality
    # (100 of 1,000) and none of the district's 200.
    district = yearly(*[(t, 2024, 10) for t in FILLERS])
    municipality = yearly(*[(t, 2024, 55) for t in FILLERS], (LONELY, 2024, 100))
    problem = observations(("eenzaam", 2023, 55, 44, 52, 58))
    row = row_for(
        run(district, links((LONELY, "eenzaam", "higher_is_worse")), problem, reference=municipality,
            theme_rows=filler_themes())
    )  # fmt: skip
    assert row.verdict == "blinde_vlek" and row.judgeable
    assert row.expected == pytest.approx(200 * 100 / 1000, abs=0.01)
    assert "Minder dan 5 van de 200 knelpunten in Buitenhof in 2024 gingen over eenzaamheid; bij het aandeel" in (
        row.explanation
    )
    assert "dus minder: dat is vrijwel zeker geen toeval" in row.explanation


def test_a_few_signals_in_line_with_the_expectation_are_te_weinig():
    district = yearly((WORK, 2024, 36), (LONELY, 2024, 4))
    municipality = yearly((WORK, 2024, 900), (LONELY, 2024, 100))
    problem = observations(("eenzaam", 2023, 55, 44, 52, 58))
    row = row_for(run(district, links((LONELY, "eenzaam", "higher_is_worse")), problem, reference=municipality))
    assert row.verdict == "te_weinig" and row.judgeable and row.below_adjusted > 0.1


# One indicator decides a family of themes once


def test_an_indicator_confirmed_by_one_theme_makes_no_blind_spot_of_another():
    linked = links((MONEY, "moeite-rondkomen", "higher_is_worse"), (MANAGING, "moeite-rondkomen", "higher_is_worse"))
    problem = observations(("moeite-rondkomen", 2023, 23.4, 18.0, 21.5, 25.3))
    result = run(yearly((MONEY, 2024, 40), (WORK, 2024, 60), (HEALTH, 2024, 60)), linked, problem)
    assert row_for(result, MONEY).verdict == "bevestigd"
    managing = row_for(result, MANAGING)
    assert managing.verdict == "in_beeld"
    assert "dat wijst op een probleem, en dat komt al naar voren bij financiële zorgen." in managing.explanation


# Conflicting indicators


def test_conflicting_indicators_are_named_and_flagged():
    both = links((LONELY, "panel", "higher_is_worse"), (LONELY, "monitor", "higher_is_worse"))
    figures = observations(("panel", 2024, 14.2, 11.0, 12.6, 15.8), ("monitor", 2024, 40, 44, 38, 42))
    row = row_for(run(yearly((LONELY, 2024, 10), (WORK, 2024, 90)), both, figures))
    assert row.verdict == "bevestigd"
    assert row.conflicts == ["monitor"]
    assert "; maar „% monitor” (40,0 % in 2024) laat geen probleem zien." in row.explanation
    assert row.basis.startswith("panel 2024")


# A neutral indicator


def test_a_neutral_indicator_never_decides_and_is_called_context():
    neutral = links((LONELY, "woningen", "neutral", "aantal"))
    counts = observations(("woningen", 2023, 40000), ("woningen", 2024, 54219))  # a big rise
    many, few = yearly((LONELY, 2024, 10), (WORK, 2024, 90)), yearly((LONELY, 2024, 1), (WORK, 2024, 99))
    row = row_for(run(many, neutral, counts))
    assert row.verdict == "datagat" and not row.data_problem
    assert "Het cijfer „% woningen” is 54.219 in 2024: dat zegt niet of het goed of slecht gaat, het is alleen " in (
        row.explanation
    )
    assert row_for(run(few, neutral, counts)).verdict == "in_beeld"


# An old figure, by periodicity


@pytest.mark.parametrize(
    ("periodicity", "year", "recent"),
    [("jaar", 2023, True), ("jaar", 2022, False), ("tweejaarlijks", 2022, True), ("tweejaarlijks", 2021, False),
     ("onregelmatig", 2020, True), ("onregelmatig", 2019, False)],
)  # fmt: skip
def test_a_figure_is_recent_by_its_periodicity(periodicity, year, recent):
    indicator = links((LONELY, "eenzaam", "higher_is_worse"), periodicity=periodicity)
    figure = observations(("eenzaam", year, 55, 44, 52, 58))
    row = row_for(run(yearly((LONELY, 2024, 10), (WORK, 2024, 90)), indicator, figure))
    assert bool(row.recent_data) == recent
    assert row.verdict == ("bevestigd" if recent else "datagat")


# The data's own uncertainty


def test_the_benchmark_own_uncertainty_widens_the_test():
    indicator = links((LONELY, "eenzaam", "higher_is_worse"))
    exact_benchmark = observations(("eenzaam", 2024, 48, 45, 46, 50))
    uncertain_benchmark = observations(("eenzaam", 2024, 48, 45, 46, 50, None, 1.5))
    sig = yearly((LONELY, 2024, 10), (WORK, 2024, 90))
    assert row_for(run(sig, indicator, exact_benchmark)).verdict == "bevestigd"  # z ≈ 2.9
    assert row_for(run(sig, indicator, uncertain_benchmark)).verdict == "tegenstrijdig"  # z ≈ 1.7


def test_without_a_margin_of_error_only_a_gap_in_points_counts_not_a_relative_one():
    indicator = links((LONELY, "bijstand", "higher_is_worse"))
    sig = yearly((LONELY, 2024, 10), (WORK, 2024, 90))
    near_zero = observations(("bijstand", 2024, 1.5, 1.0))  # 50 % worse, but half a point
    assert row_for(run(sig, indicator, near_zero)).verdict == "tegenstrijdig"
    beyond = observations(("bijstand", 2024, 8.5, 6.0))
    row = row_for(run(sig, indicator, beyond))
    assert row.verdict == "bevestigd" and "2,5 procentpunt slechter, meer dan de marge van 2,0 procentpunt" in (
        row.explanation
    )
    strict = row_for(run(sig, indicator, beyond, thresholds=Thresholds(margin_points=3.0)))
    assert strict.verdict == "tegenstrijdig"


def test_a_count_without_a_margin_of_error_cannot_say_good_or_bad():
    indicator = links((LONELY, "laag-inkomen", "higher_is_worse", "aantal"))
    figures = observations(("laag-inkomen", 2023, 4000), ("laag-inkomen", 2024, 4600))
    row = row_for(run(yearly((LONELY, 2024, 10), (WORK, 2024, 90)), indicator, figures))
    assert row.verdict == "datagat"
    assert "zonder foutmarge zegt dat niet of het goed of slecht gaat" in row.explanation
