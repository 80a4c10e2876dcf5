"""Periods as the import formats write them."""

from datetime import date

import pytest

from monitoring.analysis.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2016", date(2016, 1, 1), date(2016, 12, 31), "2016"),
        ("2016-Q1", date(2016, 1, 1), date(2016, 3, 31), "2016-Q1"),
        ("2024-q4", date(2024, 10, 1), date(2024, 12, 31), "2024-Q4"),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29), "2016-02"),
        ("2015/2016", date(2015, 1, 1), date(2016, 12, 31), "2015/2016"),
        ("2023JJ00", date(2023, 1, 1), date(2023, 12, 31), "2023"),
        ("2023KW03", date(2023, 7, 1), date(2023, 9, 30), "2023-Q3"),
        ("2023MM11", date(2023, 11, 1), date(2023, 11, 30), "2023-11"),
        (" 2020 ", date(2020, 1, 1), date(2020, 12, 31), "2020"),
    ],
)
def test_periods_are_read_to_start_end_and_label(text, start, end, label):
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize("text", ["", "16", "2016-13", "2016-Q5", "2015/2017", "2023KW05", "2023MM13", "vorig jaar"])
def test_unknown_periods_get_a_dutch_message(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert any(word in str(error.value) for word in ("Verwacht", "bestaat niet", "meetronde"))
