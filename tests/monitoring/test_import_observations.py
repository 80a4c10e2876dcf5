"""Importing observations in the long format: all or nothing, with row-level Dutch messages."""

import io

import pytest
from django.core.management import CommandError, call_command

from monitoring.analysis.importing import FileRefused
from monitoring.models import Import, Observation, ObservationChange
from monitoring.services import observations_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft", "lonely_indicator")]

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"


def load(text: str, encoding="utf-8", **kwargs):
    return observations_import(data=text.encode(encoding), file_name="test.csv", **kwargs)


def refused(text: str, encoding="utf-8") -> list[str]:
    with pytest.raises(FileRefused) as error:
        load(text, encoding)
    assert not Observation.objects.exists() and not Import.objects.exists()  # nothing half-stored
    return [str(e) for e in error.value.errors]


def test_a_good_file_is_imported_with_its_history():
    summary = load(HEADER + 'eenzaam,WK050325,2016,,46,120,40,52,43\neenzaam,GM0503,2016-Q1,65+,"38,5",,,,\n')
    assert (summary.rows, summary.created, summary.changed) == (2, 2, 0)
    buitenhof = Observation.objects.get(area__code="WK050325")
    assert (buitenhof.value, buitenhof.sample_size, buitenhof.benchmark) == (46.0, 120, 43.0)
    assert Observation.objects.get(category="65+").value == 38.5
    assert ObservationChange.objects.count() == 2


def test_importing_the_same_file_again_changes_nothing():
    text = HEADER + "eenzaam,WK050325,2016,,46,120,,,\n"
    load(text)
    again = load(text)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 1)
    assert Import.objects.count() == 1 and ObservationChange.objects.count() == 1


def test_a_newer_file_updates_values_and_keeps_who_set_what():
    load(HEADER + "eenzaam,WK050325,2016,,46,120,,,\n")
    summary = load(HEADER + "eenzaam,WK050325,2016,,44,130,,,\n")
    assert (summary.created, summary.changed) == (0, 1)
    observation = Observation.objects.get()
    assert observation.value == 44 and observation.source_import == summary.source_import
    change = observation.history.get(source_import=summary.source_import)
    assert (change.previous_value, change.value) == (46, 44)


def test_a_dry_run_stores_nothing():
    summary = load(HEADER + "eenzaam,WK050325,2016,,46,120,,,\n", dry_run=True)
    assert summary.created == 1 and not Observation.objects.exists()


def test_windows_1252_and_a_byte_order_mark_are_read():
    load(HEADER + "eenzaam,WK050325,2016,ouderen café,46,,,,\n", encoding="cp1252")
    load("\ufeff" + HEADER + "eenzaam,WK050325,2017,,47,,,,\n", encoding="utf-8")
    assert Observation.objects.get(period_label="2016").category == "ouderen café"
    assert Observation.objects.count() == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "Het bestand is leeg"),
        ("indicator;area;period\neenzaam;GM0503;2016\n", "puntkomma"),
        ("indicator,area,value\neenzaam,GM0503,3\n", "De kolommen kloppen niet"),
        ("indicator,area,period,category,value,n,ci_low,ci_high,benchmark,bsn\n", "persoonsgegevens"),
        (HEADER, "geen rijen"),
        (HEADER + "onbekend,GM0503,2016,,3,,,,\n", "rij 2, kolom indicator: Onbekende indicator"),
        (HEADER + "eenzaam,GM9999,2016,,3,,,,\n", "rij 2, kolom area: Onbekend gebied"),
        (HEADER + "eenzaam,GM0503,vorig jaar,,3,,,,\n", "rij 2, kolom period: Onbekende periode"),
        (HEADER + "eenzaam,GM0503,2016,,veel,,,,\n", "rij 2, kolom value: „veel” is geen getal"),
        (HEADER + "eenzaam,GM0503,2016,,=1+1,,,,\n", "rij 2, kolom value: Dit lijkt een formule"),
        (HEADER + "eenzaam,GM0503,2016,,3,8,,,\n", "rij 2, kolom n: De groep is te klein"),
        (
            HEADER + "eenzaam,GM0503,2016,,3,,,,\neenzaam,GM0503,2016,,4,,,,\n",
            "rij 3, kolom indicator: Deze combinatie staat ook in rij 2",
        ),
    ],
)
def test_bad_files_are_refused_whole_with_a_clear_message(text, expected):
    assert any(expected in message for message in refused(text)), refused(text)


def test_one_bad_row_refuses_the_good_ones_too():
    messages = refused(HEADER + "eenzaam,GM0503,2016,,3,,,,\neenzaam,GM0503,2017,,x,,,,\n")
    assert len(messages) == 1 and messages[0].startswith("rij 3")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1000
    assert any("te groot" in m for m in refused(HEADER + "eenzaam,GM0503,2016,,3,,,,\n" * 40))


def test_the_command_prints_the_summary_and_fails_on_a_refused_file(tmp_path):
    good = tmp_path / "goed.csv"
    good.write_text(HEADER + "eenzaam,WK050325,2016,,46,120,,,\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_observations", str(good), "--dry-run", stdout=out)
    assert out.getvalue().strip() == "rows: 1, new: 1, changed: 0, unchanged: 0"
    assert not Observation.objects.exists()
    bad = tmp_path / "fout.csv"
    bad.write_text(HEADER + "eenzaam,WK050325,2016,,x,,,,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="refused: 1 problem"):
        call_command("import_observations", str(bad), stderr=err)
    assert "rij 2, kolom value" in err.getvalue()


@pytest.mark.parametrize(
    "row, message",
    [
        ("eenzaam,GM0503,2020,,5,,,,,99,EXTRA", "Deze rij heeft 11 cellen."),
        ("eenzaam,GM0503,2020,,5,,9,1,", "Het betrouwbaarheidsinterval klopt niet"),
        ("eenzaam,GM0503,2020,,50,,10,40,", "Het betrouwbaarheidsinterval klopt niet"),
        ("eenzaam,GM0503,2020,,1e30,,,,", "Dit getal is te groot."),
        ("eenzaam,GM0503,2020,,5,1e30,,,", "Dit aantal is te groot."),
        ("eenzaam,GM0503,0000,,5,,,,", "Het jaar 0000 kan niet kloppen."),
        ("eenzaam,GM0503,2020," + "c" * 101 + ",5,,,,", "Deze categorie is te lang."),
    ],
)
def test_values_the_database_or_the_charts_cannot_hold_are_refused_in_the_check(row, message):
    assert any(message in error for error in refused(HEADER + row + "\n"))
