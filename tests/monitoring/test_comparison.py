"""The comparison engine on small hand-made frames: every verdict and its edge cases.

The rules of issue 10 (exposure, the tests, blind spots, the figures) each have their own test in
test_comparison_method.py; the statistics themselves in test_comparison_inference.py."""

import pandas as pd
import pytest

from monitoring.analysis.comparison import Thresholds
from tests.monitoring.comparison_frames import (
    HEALTH,
    LONELY,
    MONEY,
    WORK,
    links,
    observations,
    row_for,
    run,
    themes,
    window,
    yearly,
)

PROBLEM = observations(("eenzaam", 2023, 55, 44, 52, 58))  # worse than the benchmark, outside the CI
FINE = observations(("eenzaam", 2023, 40, 44, 38, 42))
LONELY_INDICATOR = links((LONELY, "eenzaam", "higher_is_worse"))


def busy_year(lonely: int, year: int = 2024, total: int = 100):
    """A year with ``total`` problems: ``lonely`` about loneliness, the rest spread over three themes."""
    rest = total - lonely
    return [
        (LONELY, year, lonely),
        (WORK, year, rest // 3),
        (MONEY, year, rest // 3),
        (HEALTH, year, rest - 2 * (rest // 3)),
    ]


def test_signals_without_any_data_are_a_datagat():
    row = row_for(run(yearly((LONELY, 2024, 12, 2), (WORK, 2024, 28))))
    assert row.verdict == "datagat"
    assert (row.signals, row.residents, row.total) == (12, 24, 40)
    assert row.explanation.startswith("12 van de 40 knelpunten in Buitenhof in 2024 gingen over eenzaamheid (30,0 %)")
    assert "Er zijn geen cijfers over eenzaamheid in Buitenhof." in row.explanation


def test_a_theme_without_signals_or_indicators_is_left_out():
    assert list(run(yearly((LONELY, 2024, 12))).theme) == [LONELY]


def test_signals_with_only_old_data_are_a_datagat_that_names_the_year():
    row = row_for(run(yearly((LONELY, 2024, 12)), LONELY_INDICATOR, observations(("eenzaam", 2016, 54, 44))))
    assert row.verdict == "datagat" and not row.recent_data
    assert "Het laatste cijfer, „% eenzaam”, is uit 2016 (54,0 %): te oud om iets over 2024 te zeggen." in (
        row.explanation
    )


def test_data_showing_a_problem_with_clearly_too_few_signals_is_a_blinde_vlek():
    row = row_for(run(yearly(*busy_year(0, total=300)), LONELY_INDICATOR, PROBLEM))
    assert row.verdict == "blinde_vlek"
    assert row.signals == 0 and row.data_problem and row.below_adjusted <= 0.1
    assert "Minder dan 5 van de 300 knelpunten in Buitenhof in 2024 gingen over eenzaamheid" in row.explanation
    assert "bij het aandeel van een doorsnee thema (33,3 %) zou je er ongeveer 100 verwachten" in row.explanation
    assert "(Nederland: 44,0 %); dat is slechter, en dat is vrijwel zeker geen toeval." in row.explanation


def test_signals_and_a_problem_in_the_data_confirm_each_other():
    row = row_for(run(yearly(*busy_year(10)), LONELY_INDICATOR, PROBLEM))
    assert row.verdict == "bevestigd"
    assert row.gap == pytest.approx(11) and row.basis.startswith("eenzaam 2023 = 55; benchmark Nederland = 44")


def test_signals_against_data_that_looks_fine_are_tegenstrijdig():
    row = row_for(run(yearly(*busy_year(10)), LONELY_INDICATOR, FINE))
    assert row.verdict == "tegenstrijdig"
    assert "Het cijfer „% eenzaam” is 40,0 % in 2023 (Nederland: 44,0 %); dat is niet slechter." in row.explanation


def test_polarity_decides_which_direction_is_a_problem():
    low_work = observations(("werk", 2023, 60, 70, 58, 62))  # fewer at work than the benchmark
    spec = [(LONELY, 2024, 100), (MONEY, 2024, 100), (5, 2024, 100)]
    row = row_for(run(yearly(*spec), links((WORK, "werk", "higher_is_better")), low_work), WORK)
    assert row.verdict == "blinde_vlek"


def test_few_signals_and_fine_data_are_in_beeld_and_never_quote_the_small_count():
    row = row_for(run(yearly(*busy_year(2)), LONELY_INDICATOR, FINE))
    assert row.verdict == "in_beeld" and row.too_few
    assert row.explanation.startswith("Minder dan 5 van de 100 knelpunten in Buitenhof in 2024 gingen over eenzaamheid")
    assert "2 van de" not in row.explanation and "(2,0 %)" not in row.explanation


def test_without_a_margin_of_error_a_worsening_beyond_the_margin_in_points_is_a_problem():
    worse = observations(("eenzaam", 2022, 40), ("eenzaam", 2023, 50))
    row = row_for(run(yearly(*busy_year(10)), LONELY_INDICATOR, worse))
    assert row.verdict == "bevestigd"
    expected = "is 50,0 % in 2023, tegen 40,0 % in 2022; dat is 10,0 procentpunt slechter, meer dan de marge van 2,0"
    assert expected in row.explanation


def test_one_measurement_without_benchmark_says_nothing_about_good_or_bad():
    row = row_for(run(yearly(*busy_year(10)), LONELY_INDICATOR, observations(("eenzaam", 2023, 50))))
    assert row.verdict == "datagat"
    assert "er is niets om het mee te vergelijken" in row.explanation


def test_a_gap_inside_the_confidence_interval_is_no_problem():
    unsure = observations(("eenzaam", 2023, 48, 44, 40, 56))
    row = row_for(run(yearly(*busy_year(10)), LONELY_INDICATOR, unsure))
    assert row.verdict == "tegenstrijdig"
    assert "(Nederland: 44,0 %); dat is iets slechter, maar dat kan toeval zijn." in row.explanation


def test_a_percentage_with_a_sample_size_is_tested_with_the_design_effect():
    big = observations(("eenzaam", 2023, 48, 44, None, None, 2000))
    small = observations(("eenzaam", 2023, 48, 44, None, None, 50))
    assert row_for(run(yearly(*busy_year(10)), LONELY_INDICATOR, big)).verdict == "bevestigd"
    assert row_for(run(yearly(*busy_year(10)), LONELY_INDICATOR, small)).verdict == "tegenstrijdig"
    # n = 2000 with a design effect of 1.5: z = 4 / (100·√(.48·.52/2000·1.5)) ≈ 2.92, p ≈ 0.0035; with 8 it is not.
    heavy = links((LONELY, "eenzaam", "higher_is_worse"), design_effect=8.0)
    assert row_for(run(yearly(*busy_year(10)), heavy, big)).verdict == "tegenstrijdig"


def test_the_first_period_has_no_change_to_test():
    row = row_for(run(yearly(*busy_year(12)), win=window(first=pd.Timestamp("2024-01-01").date())))
    assert pd.isna(row.change_p) and pd.isna(row.p_value) and not row.change_significant


def test_no_signals_at_all_in_the_area_is_said_plainly():
    row = row_for(run(yearly(), LONELY_INDICATOR, PROBLEM))
    # a shown 0 can stand for 1 to 3 too, so even an empty area is "fewer than 5", never "none"
    assert row.explanation.startswith("Er waren in Buitenhof in 2024 minder dan 5 knelpunten: te weinig")


def test_no_signals_and_no_indicators_give_an_empty_result_with_its_columns():
    result = run()
    assert result.empty and {"verdict", "expected", "p_value", "basis"} <= set(result.columns)


def test_share_is_of_all_signals_in_the_period_each_signal_once():
    result = run(yearly((LONELY, 2024, 3), (WORK, 2024, 1), (LONELY, 2023, 10)))
    assert row_for(result).share == 0.75 and row_for(result, WORK).share == 0.25
    # A signal about both themes is one signal: four signals, one of them about both.
    both = run(yearly((LONELY, 2024, 3), (WORK, 2024, 2), totals={2024: 4}))
    assert row_for(both).share == 0.75 and row_for(both, WORK).share == 0.5


def test_thresholds_are_taken_from_the_caller():
    sig = yearly(*busy_year(3))
    assert row_for(run(sig)).too_few
    assert not row_for(run(sig, thresholds=Thresholds(min_signals=3))).too_few


def test_in_english_the_sentences_are_english(settings):
    from django.utils import translation

    with translation.override("en"):
        row = row_for(run(yearly(*busy_year(10)), LONELY_INDICATOR, PROBLEM, theme_rows=themes()))
    assert row.explanation.startswith("10 of the 100 problems in Buitenhof in 2024 were about eenzaamheid (10.0%)")
    assert "(Nederland: 44.0%); that is worse, and that is almost certainly not chance." in row.explanation
