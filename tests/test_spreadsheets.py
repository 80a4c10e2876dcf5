"""One guard for every export to a spreadsheet (config/spreadsheets.py)."""

import pytest

from config.spreadsheets import spreadsheet_safe


@pytest.mark.parametrize("text", ["=1+1", "+31", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Eenzaamheid", "", 3, -2, None, ["=x"]])
def test_other_values_pass_unchanged(value):
    assert spreadsheet_safe(value) == value
