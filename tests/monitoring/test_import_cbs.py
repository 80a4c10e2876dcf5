"""Importing a CBS open-data / StatLine CSV export with a mapping of columns to indicators."""

import io

import pytest
from django.core.management import CommandError, call_command

from monitoring.analysis.importing import FileRefused
from monitoring.models import Observation
from monitoring.services import observations_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft", "cbs_indicators")]

# The shape of a StatLine export of table 85984NED (key figures), values from the bundled file.
EXPORT = (
    '"ID";"WijkenEnBuurten";"Perioden";"AantalInwoners_5";"Bevolkingsdichtheid_34"\n'
    '0;"GM0503    ";"2024JJ00";109577;4835\n'
    '1;"WK050325  ";"2024JJ00";14525;"6706,0"\n'
    '2;"WK050326  ";"2024JJ00";35;"."\n'
    '3;"GM0014    ";"2024JJ00";243768;1234\n'
)


def load(text=EXPORT, mapping=None, **kwargs):
    mapping = (
        mapping if mapping is not None else {"AantalInwoners_5": "inwoners", "Bevolkingsdichtheid_34": "dichtheid"}
    )
    return observations_import(
        data=text.encode("utf-8"), file_name="85984NED.csv", fmt="cbs", mapping=mapping, **kwargs
    )


def test_padded_region_keys_periods_and_decimal_commas_are_read():
    summary = load()
    # 2 figures for Delft, 2 for Buitenhof, 1 for Abtswoude (its density is "." = unknown); Groningen is not ours.
    assert summary.created == 5
    buitenhof = Observation.objects.get(area__code="WK050325", indicator__code="dichtheid")
    assert (buitenhof.value, buitenhof.period_label) == (6706.0, "2024")
    assert not Observation.objects.filter(area__code="WK050326", indicator__code="dichtheid").exists()


def test_only_mapped_columns_are_imported():
    assert load(mapping={"AantalInwoners_5": "inwoners"}).created == 3
    assert not Observation.objects.filter(indicator__code="dichtheid").exists()


@pytest.mark.parametrize(
    ("text", "mapping", "expected"),
    [
        ("a,b,c\n1,2,3\n", None, "Het bestand is gescheiden met komma's"),
        ("a\n1\n", None, "Dit is geen CBS-bestand"),
        (EXPORT, {}, "Er is geen kolom aan een indicator gekoppeld"),
        (EXPORT, {"Onbekend_9": "inwoners"}, "Deze kolom staat niet in het bestand"),
        (EXPORT, {"AantalInwoners_5": "bestaat-niet"}, "Onbekende indicator"),
        (EXPORT.replace("2024JJ00", "2024XX00", 1), None, "rij 2, kolom Perioden: Onbekende periode"),
        (EXPORT.replace("109577", "veel"), None, "rij 2, kolom AantalInwoners_5: „veel” is geen getal"),
        (EXPORT.replace('"Perioden"', '"Jaar"'), None, "Er is geen kolom Perioden"),
    ],
)
def test_bad_cbs_files_are_refused_whole(text, mapping, expected):
    with pytest.raises(FileRefused) as error:
        load(text, mapping)
    assert any(expected in str(e) for e in error.value.errors), [str(e) for e in error.value.errors]
    assert not Observation.objects.exists()


def test_the_command_takes_the_mapping(tmp_path):
    path = tmp_path / "85984NED.csv"
    path.write_text(EXPORT, encoding="utf-8")
    out = io.StringIO()
    call_command("import_observations", str(path), "--format", "cbs", "--map", "AantalInwoners_5=inwoners", stdout=out)
    assert out.getvalue().strip() == "rows: 3, new: 3, changed: 0, unchanged: 0"
    with pytest.raises(CommandError, match="COLUMN=INDICATOR"):
        call_command("import_observations", str(path), "--format", "cbs", "--map", "AantalInwoners_5")


def test_a_cbs_row_with_more_cells_than_the_header_is_refused_per_row():
    with pytest.raises(FileRefused) as error:
        load(EXPORT + '4;"WK050311  ";"2024JJ00";100;200;300\n')
    assert any("meer cellen dan de kopregel" in str(e) for e in error.value.errors)
    assert not Observation.objects.exists()
