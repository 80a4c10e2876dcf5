"""The checks the long format, the CBS format and the catalogue share. Pure: no database."""

import pytest
from django.utils import translation

from monitoring.analysis.importing import checks


def messages(errors):
    return [str(error) for error in errors]


def test_a_placeholder_may_be_called_row():
    error = checks.row_error(7, "code", "Ook in rij %(row)s.", "Niet %(row)s.", row=3)
    assert str(error) == "rij 7, kolom code: Ook in rij 3. Niet 3."


def test_errors_about_the_file_the_header_or_a_whole_row_say_so():
    assert str(checks.file_error("Leeg.")) == "bestand: Leeg."
    assert str(checks.header_error("Mis.", "Verwacht: %(n)s.", n=2)) == "rij 1, kolom kopregel: Mis. Verwacht: 2."
    assert str(checks.line_error(4, "Te lang.")) == "rij 4, kolom rij: Te lang."


@pytest.mark.parametrize(("raw", "value"), [("12,5", 12.5), ("12.5", 12.5), (" 1 000 ", 1000.0), ("-3", -3.0)])
def test_a_figure_has_a_decimal_comma_or_point(raw, value):
    assert checks.number(2, "value", raw, required=True) == (value, [])


def test_an_empty_figure_is_a_problem_only_when_required():
    assert checks.number(2, "ci_low", " ", required=False) == (None, [])
    value, errors = checks.number(2, "value", "", required=True)
    assert value is None
    assert messages(errors) == ["rij 2, kolom value: Deze cel is leeg. Verwacht: een getal, zoals 12,5 of 12.5."]


@pytest.mark.parametrize("raw", ["12.5", "-1", "1,5", "inf", "nan"])
def test_a_count_is_whole_and_not_negative(raw):
    value, errors = checks.number(3, "n", raw, required=False, whole=True)
    assert value is None
    assert messages(errors) == [f"rij 3, kolom n: „{raw}” is geen geldig aantal. Verwacht: een heel getal."]


def test_text_is_not_a_number():
    assert messages(checks.number(3, "value", "veel", required=True)[1]) == [
        "rij 3, kolom value: „veel” is geen getal. Verwacht: een getal, zoals 12,5 of 12.5."
    ]


def test_a_figure_beyond_ten_to_the_twelfth_is_too_large():
    assert checks.too_large(2, "value", 1e12) == []
    assert messages(checks.too_large(2, "value", -1.5e12)) == [
        "rij 2, kolom value: Dit getal is te groot. Verwacht: een getal tussen -10^12 en 10^12."
    ]
    other = checks.too_large(2, "AantalInwoners_5", 2e12, expected=checks.expected_number())
    assert other[0].expected == "Verwacht: een getal, zoals 12,5 of 12.5."


def test_a_small_group_is_refused_below_the_minimum():
    assert checks.small_group(2, "n", 5, 5) == [] and checks.small_group(2, "n", None, 5) == []
    assert messages(checks.small_group(2, "n", 4.0, 5)) == [
        "rij 2, kolom n: De groep is te klein (4). Verwacht: minstens 5 waarnemingen, anders is het niet anoniem."
    ]


@pytest.mark.parametrize(
    ("low", "value", "high", "good"),
    [(40, 46, 50, True), (None, 46, 40, True), (50, 46, 60, False), (50, None, 40, False), (40, None, 50, True)],
)
def test_the_confidence_interval_holds_the_value(low, value, high, good):
    assert (checks.interval(2, low, value, high) == []) == good


def test_a_repeated_key_points_at_the_first_row_it_was_in():
    seen = {}
    assert checks.repeated_combination(seen, ("a", "b"), 2, "indicator") == []
    assert (
        checks.repeated_combination(seen, ("a", "b"), 2, "inwoners")[0].problem == "Deze combinatie staat ook in rij 2."
    )
    assert (
        checks.repeated_combination(seen, ("a", "b"), 5, "indicator")[0].problem
        == "Deze combinatie staat ook in rij 2."
    )
    assert messages(checks.repeated_code({"werk": 3}, "werk", 4)) == [
        "rij 4, kolom code: Deze code staat ook in rij 3. Verwacht: één rij per indicator."
    ]


def test_formulas_personal_columns_and_long_texts_are_found():
    assert [e.column for e in checks.formulas(2, {"a": " =SUM(A1)", "b": "+31", "c": "@x", "d": "-3"})] == [
        "a",
        "b",
        "c",
    ]
    assert [e.column for e in checks.personal_columns(["ID", "BSN", "Naam", "waarde"])] == ["BSN, Naam"]
    assert checks.too_long(2, "name", "x" * 200, 200) == []
    assert messages(checks.too_long(2, "name", "x" * 201, 200)) == [
        "rij 2, kolom name: Deze tekst is te lang. Verwacht: hooguit 200 tekens."
    ]


def test_unknown_codes_and_periods_are_named():
    assert checks.unknown_indicator(2, "indicator", "eenzaam", {"eenzaam"}) == []
    assert checks.unknown_area(2, "area", "GM9999", {"GM0503"})[0].problem == "Onbekend gebied „GM9999”."
    period, errors = checks.period(2, "period", "2016-13")
    assert period is None and errors[0].column == "period" and errors[0].expected == ""


def test_the_messages_are_translated():
    with translation.override("en"):
        assert messages(checks.required(2, {"code": ""}, ["code"])) == [
            "row 2, column code: This cell is empty. Expected: a value."
        ]
        # The advice after it is new; it reads in English once the lead translated it.
        assert str(checks.no_rows()).startswith("file: There are no rows in the file.")
