"""XLSX files are read like CSV files, formulas and broken files included."""

import io

import pytest
from openpyxl import Workbook

from monitoring.analysis.importing import FileRefused
from monitoring.models import Observation
from monitoring.services import indicators_import, observations_import

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft", "lonely_indicator")]

HEADER = ["indicator", "area", "period", "category", "value", "n", "ci_low", "ci_high", "benchmark"]


def xlsx(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_an_xlsx_in_the_long_format_is_imported():
    data = xlsx(HEADER, ["eenzaam", "WK050325", 2016, None, 46.5, 120, None, None, 43])
    summary = observations_import(data=data, file_name="cijfers.xlsx")
    assert summary.created == 1
    observation = Observation.objects.get()
    assert (observation.period_label, observation.value, observation.sample_size) == ("2016", 46.5, 120)


def test_a_formula_in_an_xlsx_is_refused():
    data = xlsx(HEADER, ["eenzaam", "WK050325", 2016, None, "=40+6", None, None, None, None])
    with pytest.raises(FileRefused) as error:
        observations_import(data=data, file_name="cijfers.xlsx")
    assert "rij 2, kolom value: Dit lijkt een formule" in str(error.value.errors[0])
    assert not Observation.objects.exists()


def test_a_file_that_only_pretends_to_be_an_xlsx_is_refused():
    with pytest.raises(FileRefused) as error:
        observations_import(data=b"PK\x03\x04 not really a zip", file_name="cijfers.xlsx")
    assert "Het Excel-bestand is beschadigd" in str(error.value.errors[0])


def test_the_catalogue_can_come_as_xlsx():
    data = xlsx(
        ["code", "name", "unit", "polarity", "source", "themes", "definition"],
        ["eenzaam2", "Eenzaam", "percentage", "higher_is_worse", "GGD", "eenzaamheid", "% eenzaam"],
    )
    assert indicators_import(data=data, file_name="catalogus.xlsx").created == 1
