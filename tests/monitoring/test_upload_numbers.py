"""Numbers and dates on the upload and import pages as the reader's language writes them: thousands
grouped, the same number of decimals down a column, months in lower case in Dutch; and in the
preview the names of indicators and areas beside their codes."""

import re

import pytest
from django.urls import reverse
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from monitoring.models import Area, Import, Indicator, Observation, ObservationChange, Upload
from monitoring.templatetags.upload_numbers import decimals_needed
from tests.factories import ImportFactory, ObservationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft", "lonely_indicator")]

CAPITALISED_DUTCH_MONTH = re.compile(r"\b(Jan|Feb|Mrt|Maa|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)[a-z]*\.?\s+\d{4}")


def main(response) -> str:
    return re.search(r"<main.*</main>", response.content.decode(), flags=re.S).group()


def in_language(client, language: str):
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def ready(coordinator) -> Upload:
    """A checked file of 12,480 rows waiting to be confirmed, with three example rows."""
    examples = [
        {"state": "new", "indicator": "eenzaam", "area": "WK050325", "period": "2024", "category": "",
         "value": 15.1, "previous": None},
        {"state": "changed", "indicator": "eenzaam", "area": "GM0503", "period": "2024", "category": "65+",
         "value": 30, "previous": 12.25},
        {"state": "changed", "indicator": "eenzaam", "area": "WK050311", "period": "2024", "category": "",
         "value": 1234.5, "previous": 1000},
    ]  # fmt: skip
    summary = {"rows": 12480, "created": 12000, "changed": 480, "unchanged": 0, "examples": examples}
    return Upload.objects.create(
        uploaded_by=coordinator, file_name="groot.csv", data=b"x", size=1, format="long",
        status=Upload.Status.READY, summary=summary,
    )  # fmt: skip


def cells(html: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, flags=re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def test_the_preview_groups_thousands_in_dutch(coordinator_client, ready):
    page = main(coordinator_client.get(reverse("monitoring:upload_detail", args=[ready.pk])))
    assert "12.480 rijen gelezen" in page
    assert "nieuw: 12.000" in page and "gewijzigd: 480" in page


def test_the_preview_groups_thousands_the_english_way_in_english(coordinator_client, ready):
    page = main(in_language(coordinator_client, "en").get(reverse("monitoring:upload_detail", args=[ready.pk])))
    assert "12,480" in page and "12,000" in page and "12.480" not in page


def test_the_preview_shows_names_beside_codes(coordinator_client, ready):
    rows = cells(main(coordinator_client.get(reverse("monitoring:upload_detail", args=[ready.pk]))))
    assert "Eenzaam" in rows[0][1] and "eenzaam" in rows[0][1]
    assert "Buitenhof" in rows[0][2] and "WK050325" in rows[0][2]
    assert "Delft" in rows[1][2] and "Binnenstad" in rows[2][2]


def test_the_preview_writes_each_column_with_one_number_of_decimals(coordinator_client, ready):
    rows = cells(main(coordinator_client.get(reverse("monitoring:upload_detail", args=[ready.pk]))))
    assert [row[-1] for row in rows] == ["15,1", "30,0", "1.234,5"]  # "Wordt"
    assert [row[-2] for row in rows] == ["–", "12,25", "1.000,00"]  # "Was"
    english = main(in_language(coordinator_client, "en").get(reverse("monitoring:upload_detail", args=[ready.pk])))
    assert [row[-1] for row in cells(english)] == ["15.1", "30.0", "1,234.5"]


def test_the_import_history_groups_thousands_and_keeps_decimals_even(coordinator_client, coordinator):
    record = ImportFactory(file_name="kerncijfers.csv", rows=12480, created=12480, imported_by=coordinator)
    lonely = Indicator.objects.get(code="eenzaam")
    for code, value in (("GM0503", 58015.0), ("WK050325", 38.5), ("WK050311", 7.25)):
        observation = ObservationFactory(indicator=lonely, area=Area.objects.get(code=code), value=value,
                                         source_import=record)  # fmt: skip
        ObservationChange.objects.create(observation=observation, source_import=record, value=value)
    listed = main(coordinator_client.get(reverse("monitoring:imports")))
    assert "12.480" in listed and ">12480<" not in listed
    detail = main(coordinator_client.get(reverse("monitoring:import_detail", args=[record.pk])))
    assert "12.480" in detail
    assert sorted(row[-1] for row in cells(detail)) == ["38,50", "58.015,00", "7,25"]


def test_months_are_lower_case_in_dutch_on_the_upload_and_import_pages(coordinator_client, coordinator):
    with freeze_time("2026-11-28 10:00"):
        upload = Upload.objects.create(
            uploaded_by=coordinator, file_name="a.csv", data=b"", size=0, format="long",
            status=Upload.Status.REFUSED, summary={"errors_total": 0},
        )  # fmt: skip
        record = ImportFactory(file_name="b.csv", imported_by=coordinator)
    pages = [
        reverse("monitoring:upload"),
        reverse("monitoring:upload_detail", args=[upload.pk]),
        reverse("monitoring:imports"),
        reverse("monitoring:import_detail", args=[record.pk]),
    ]
    for url in pages:
        page = main(coordinator_client.get(url))
        assert "28 november 2026" in page, url
        assert not CAPITALISED_DUTCH_MONTH.search(page), (url, CAPITALISED_DUTCH_MONTH.search(page).group())
    assert Observation.objects.count() == 0 and Import.objects.count() == 1


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_a_column_gets_the_fewest_decimals_that_keep_its_values(value, most):
    places = decimals_needed(value, most)
    assert 0 <= places <= most
    assert round(value, places) == pytest.approx(round(value, most), abs=1e-9)
    assert places == 0 or round(value, places - 1) != pytest.approx(round(value, most), abs=1e-9)
