"""The comparison engine on small hand-made frames: every verdict and its edge cases."""

import pandas as pd
import pytest

from monitoring.analysis.comparison import Thresholds, compare, poisson_rate_p

LONELY, WORK = 1, 2


def themes():
    return pd.DataFrame(
        {"theme": [LONELY, WORK], "slug": ["eenzaamheid", "betaald-werk"], "name": ["Eenzaamheid", "Betaald werk"]}
    )


def signals(*spec):
    """(theme, year, count[, residents each]) -> counts per theme and year, as the database gives them."""
    rows = [
        {"theme": theme, "year": year, "signals": count, "residents": count * (residents[0] if residents else 1)}
        for theme, year, count, *residents in spec
    ]
    return pd.DataFrame(rows, columns=["theme", "year", "signals", "residents"])


def links(*spec):
    """(theme, indicator, polarity[, unit])"""
    rows = [
        {
            "theme": t,
            "indicator": i,
            "indicator_name": f"% {i}",
            "polarity": p,
            "unit": rest[0] if rest else "percentage",
        }
        for t, i, p, *rest in spec
    ]
    return pd.DataFrame(rows, columns=["theme", "indicator", "indicator_name", "polarity", "unit"])


def observations(*spec):
    """(indicator, year, value[, benchmark, ci_low, ci_high, n])"""
    rows = []
    for indicator, year, value, *rest in spec:
        benchmark, low, high, n = [*rest, None, None, None, None][:4]
        rows.append(
            {"indicator": indicator, "year": year, "period": str(year), "value": value, "benchmark": benchmark,
             "ci_low": low, "ci_high": high, "n": n}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["indicator", "year", "period", "value", "benchmark", "ci_low", "ci_high", "n"])


def row_for(result, theme=LONELY):
    return result.set_index("theme").loc[theme]


def run(sig=None, lnk=None, obs=None, period=2024, total=None, **kwargs):
    sig = sig if sig is not None else signals()
    return compare(
        themes=themes(),
        signals=sig,
        total_signals=total if total is not None else int(sig.loc[sig["year"] == period, "signals"].sum()),
        links=lnk if lnk is not None else links(),
        observations=obs if obs is not None else observations(),
        period=period,
        area_name="Buitenhof",
        **kwargs,
    )


def test_signals_without_any_data_are_a_datagat():
    result = run(signals((LONELY, 2024, 12, 2)))
    row = row_for(result)
    assert row.verdict == "datagat"
    assert (row.signals, row.residents) == (12, 24)
    assert row.explanation.startswith("12 signalen over eenzaamheid in Buitenhof in 2024")
    assert "Er zijn geen cijfers over eenzaamheid in Buitenhof." in row.explanation
    assert list(result.theme) == [LONELY]  # a theme without signals or indicators is left out


def test_signals_with_only_old_data_are_a_datagat_that_names_the_year():
    row = row_for(
        run(
            signals((LONELY, 2024, 12)),
            links((LONELY, "eenzaam", "higher_is_worse")),
            observations(("eenzaam", 2016, 54, 44)),
        )
    )
    assert row.verdict == "datagat" and not row.recent_data
    assert "De laatste meting van % eenzaam in Buitenhof is uit 2016: 54%." in row.explanation


PROBLEM = observations(("eenzaam", 2023, 55, 44, 52, 58))  # worse than the benchmark, outside the CI


def test_data_showing_a_problem_without_signals_is_a_blinde_vlek():
    row = row_for(run(signals((WORK, 2024, 7)), links((LONELY, "eenzaam", "higher_is_worse")), PROBLEM))
    assert row.verdict == "blinde_vlek"
    assert row.signals == 0 and row.data_problem
    assert "slechter dan de vergelijkingswaarde 44%" in row.explanation


def test_signals_and_a_problem_in_the_data_confirm_each_other():
    row = row_for(run(signals((LONELY, 2024, 10)), links((LONELY, "eenzaam", "higher_is_worse")), PROBLEM))
    assert row.verdict == "bevestigd"
    assert row.gap == pytest.approx(11)


def test_signals_against_data_that_looks_fine_are_tegenstrijdig():
    fine = observations(("eenzaam", 2023, 40, 44, 38, 42))
    row = row_for(run(signals((LONELY, 2024, 10)), links((LONELY, "eenzaam", "higher_is_worse")), fine))
    assert row.verdict == "tegenstrijdig"
    assert "niet slechter dan de vergelijkingswaarde 44%" in row.explanation


def test_polarity_decides_which_direction_is_a_problem():
    low_work = observations(("werk", 2023, 60, 70, 58, 62))  # fewer at work than the benchmark
    row = row_for(run(signals(), links((WORK, "werk", "higher_is_better")), low_work), WORK)
    assert row.verdict == "blinde_vlek"


def test_few_signals_and_fine_data_are_in_beeld_and_say_too_few():
    fine = observations(("eenzaam", 2023, 40, 44, 38, 42))
    row = row_for(run(signals((LONELY, 2024, 2)), links((LONELY, "eenzaam", "higher_is_worse")), fine))
    assert row.verdict == "in_beeld" and row.too_few
    assert "te weinig om iets over te zeggen" in row.explanation
    assert row.explanation.startswith("Minder dan 5 signalen over eenzaamheid")  # the small count is not quoted
    assert "2 signalen" not in row.explanation


def test_a_neutral_indicator_is_data_but_no_judgement():
    neutral = links((LONELY, "inwoners", "neutral", "aantal"))
    counts = observations(("inwoners", 2024, 14525))
    assert row_for(run(signals((LONELY, 2024, 10)), neutral, counts)).verdict == "datagat"
    assert row_for(run(signals(), neutral, counts)).verdict == "in_beeld"


def test_without_a_benchmark_a_clear_worsening_counts_as_a_problem():
    worse = observations(("eenzaam", 2020, 40), ("eenzaam", 2023, 50))
    row = row_for(run(signals(), links((LONELY, "eenzaam", "higher_is_worse")), worse))
    assert row.verdict == "blinde_vlek"
    assert "slechter dan de meting ervoor (40%)" in row.explanation


def test_one_measurement_without_benchmark_says_nothing_about_good_or_bad():
    single = observations(("eenzaam", 2023, 50))
    row = row_for(run(signals((LONELY, 2024, 10)), links((LONELY, "eenzaam", "higher_is_worse")), single))
    assert row.verdict == "datagat"


def test_a_gap_inside_the_confidence_interval_is_no_problem():
    unsure = observations(("eenzaam", 2023, 48, 44, 40, 56))
    row = row_for(run(signals(), links((LONELY, "eenzaam", "higher_is_worse")), unsure))
    assert row.verdict == "in_beeld"
    assert "iets slechter dan de vergelijkingswaarde 44%, maar binnen de foutmarge." in row.explanation


def test_a_percentage_with_a_sample_size_is_tested_against_the_benchmark():
    big = observations(("eenzaam", 2023, 48, 44, None, None, 2000))
    small = observations(("eenzaam", 2023, 48, 44, None, None, 50))
    indicator = links((LONELY, "eenzaam", "higher_is_worse"))
    assert row_for(run(signals(), indicator, big)).verdict == "blinde_vlek"
    assert row_for(run(signals(), indicator, small)).verdict == "in_beeld"


def test_one_period_only_has_no_change_to_test():
    row = row_for(run(signals((LONELY, 2024, 12)), first_year=2024))
    assert pd.isna(row.previous_mean) and pd.isna(row.change_p) and not row.change_significant


def test_years_before_signals_were_logged_are_not_counted_as_zeros():
    sig = signals((LONELY, 2023, 10), (LONELY, 2024, 12))
    since_2023 = row_for(run(sig, first_year=2023))
    assert since_2023.previous_mean == 10 and not since_2023.change_significant
    assert row_for(run(sig, first_year=2010)).previous_mean == pytest.approx(10 / 3)  # three years, two empty


def test_no_signals_at_all_is_said_plainly():
    row = row_for(run(signals(), links((LONELY, "eenzaam", "higher_is_worse")), PROBLEM))
    assert row.explanation.startswith("Geen signalen over eenzaamheid in Buitenhof in 2024.")


def test_a_jump_in_signals_is_tested_against_chance():
    jump = row_for(
        run(signals((LONELY, 2021, 6), (LONELY, 2022, 5), (LONELY, 2023, 7), (LONELY, 2024, 18)), first_year=2021)
    )
    assert jump.previous_mean == 6 and jump.change_significant
    assert "18 signalen over eenzaamheid in Buitenhof in 2024, 3× zoveel als gemiddeld in de jaren ervoor." in (
        jump.explanation
    )
    steady = row_for(
        run(signals((LONELY, 2021, 6), (LONELY, 2022, 5), (LONELY, 2023, 7), (LONELY, 2024, 7)), first_year=2021)
    )
    assert not steady.change_significant


def test_a_mean_over_years_with_small_counts_is_not_quoted():
    row = row_for(run(signals((LONELY, 2022, 2), (LONELY, 2023, 6), (LONELY, 2024, 20)), first_year=2022))
    assert row.change_significant
    assert "20 signalen over eenzaamheid in Buitenhof in 2024, duidelijk meer dan in de jaren ervoor." in (
        row.explanation
    )
    assert "×" not in row.explanation and "gemiddeld" not in row.explanation


def test_no_signals_and_no_indicators_give_an_empty_result_with_its_columns():
    result = run()
    assert result.empty and "verdict" in result.columns


def test_share_is_of_all_signals_in_the_period():
    result = run(signals((LONELY, 2024, 3), (WORK, 2024, 1), (LONELY, 2023, 10)))
    assert row_for(result).share == 0.75 and row_for(result, WORK).share == 0.25
    # A signal about both themes is one signal: four signals, one of them about both.
    both = run(signals((LONELY, 2024, 3), (WORK, 2024, 2)), total=4)
    assert row_for(both).share == 0.75 and row_for(both, WORK).share == 0.5


def test_thresholds_are_taken_from_the_caller():
    sig = signals((LONELY, 2024, 3))
    assert row_for(run(sig)).too_few
    assert not row_for(run(sig, thresholds=Thresholds(min_signals=3))).too_few


def test_the_rate_test_is_one_for_equal_rates_and_small_for_a_big_jump():
    assert poisson_rate_p(5, 15, 3) == pytest.approx(1.0)
    assert poisson_rate_p(30, 15, 3) < 0.001
    assert poisson_rate_p(0, 0, 3) == 1.0
