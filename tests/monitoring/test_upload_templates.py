"""The upload page offers templates as CSV and XLSX, each with three example rows that show how a
filled-in file looks; an example left in a file is refused, so it is never imported by mistake."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from monitoring.analysis.importing import HEADERS, INDICATOR_OPTIONAL, INDICATOR_REQUIRED
from monitoring.models import Area, Indicator, Observation, Upload
from tests.factories import IndicatorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft", "lonely_indicator")]

CATALOGUE = INDICATOR_REQUIRED + INDICATOR_OPTIONAL


def download(client, fmt: str, kind: str = ""):
    name = "monitoring:upload_template" if fmt == "csv" else "monitoring:upload_template_xlsx"
    return client.get(reverse(name) + (f"?soort={kind}" if kind else ""))


def rows_of(response) -> list[list[str]]:
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def upload(client, data: bytes, fmt: str, name: str):
    file = SimpleUploadedFile(name, data)
    return client.post(reverse("monitoring:upload"), {"format": fmt, "file": file}, follow=True)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_observation_template_has_the_headers_and_three_examples_in_real_delft_areas(coordinator_client, fmt):
    response = download(coordinator_client, fmt)
    assert response.status_code == 200
    assert f'filename="meedoen-sjabloon-waarnemingen.{fmt}"' in response["Content-Disposition"]
    header, *examples = rows_of(response)
    assert header == HEADERS and len(examples) == 3
    known = set(Area.objects.values_list("code", flat=True))
    assert all(row[1] in known for row in examples)  # real CBS codes of Delft
    assert all(row[0].startswith("voorbeeld-") for row in examples)  # clearly an example


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_catalogue_template_has_all_columns_and_three_examples(coordinator_client, fmt):
    response = download(coordinator_client, fmt, "indicatoren")
    assert f'filename="meedoen-sjabloon-indicatoren.{fmt}"' in response["Content-Disposition"]
    header, *examples = rows_of(response)
    assert header == CATALOGUE and len(examples) == 3
    assert all(row[0].startswith("voorbeeld-") for row in examples)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_template_uploaded_unchanged_is_refused_for_its_examples_only(coordinator_client, fmt):
    data = download(coordinator_client, fmt).content
    page = upload(coordinator_client, data, "long", f"sjabloon.{fmt}")
    text = page.content.decode()
    upload_row = Upload.objects.get()
    assert upload_row.status == Upload.Status.REFUSED
    assert upload_row.summary["errors_total"] == 3  # one per example row, nothing else is wrong with them
    assert "Dit is een voorbeeldrij uit het sjabloon." in text
    assert not Observation.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_examples_with_real_indicators_import_cleanly(coordinator_client, fmt):
    """The example rows are valid in every other way: a user who follows them gets a good file."""
    rows = rows_of(download(coordinator_client, fmt))
    for code in {row[0] for row in rows[1:]}:
        IndicatorFactory(code=code.removeprefix("voorbeeld-") + "-echt")
    out = io.StringIO()
    csv.writer(out).writerows([rows[0], *[[row[0].removeprefix("voorbeeld-") + "-echt", *row[1:]] for row in rows[1:]]])
    page = upload(coordinator_client, out.getvalue().encode(), "long", "eigen.csv")
    assert "nieuw: 3" in page.content.decode(), page.content.decode()


def test_the_catalogue_template_unchanged_is_refused_and_with_real_codes_previews(coordinator_client):
    data = download(coordinator_client, "xlsx", "indicatoren").content
    page = upload(coordinator_client, data, "indicatoren", "catalogus.xlsx")
    assert "Dit is een voorbeeldrij uit het sjabloon." in page.content.decode()
    assert Upload.objects.get().summary["errors_total"] == 3

    rows = rows_of(download(coordinator_client, "csv", "indicatoren"))
    out = io.StringIO()
    own = [[row[0].removeprefix("voorbeeld-") + "-nieuw", *row[1:]] for row in rows[1:]]
    csv.writer(out).writerows([rows[0], *own])
    preview = upload(coordinator_client, out.getvalue().encode(), "indicatoren", "catalogus.csv")
    assert "nieuw: 3" in preview.content.decode()
    assert not Indicator.objects.filter(code__startswith="voorbeeld").exists()


def test_the_xlsx_template_keeps_periods_as_text_and_explains_the_columns(coordinator_client):
    book = load_workbook(io.BytesIO(download(coordinator_client, "xlsx").content))
    data, explained = book.worksheets[0], book.worksheets[1]
    period = "ABCDEFGHI"[HEADERS.index("period")]
    assert data.column_dimensions[period].number_format == "@"  # rows typed later are text too
    assert all(data[f"{period}{r}"].number_format == "@" for r in (2, 3, 4))
    assert data.freeze_panes == "A2"
    words = " ".join(str(c) for row in explained.iter_rows(values_only=True) for c in row if c)
    assert all(column in words for column in HEADERS)


def test_the_upload_page_links_both_templates_and_the_area_codes(coordinator_client):
    page = coordinator_client.get(reverse("monitoring:upload")).content.decode()
    for url in (
        reverse("monitoring:upload_template"),
        reverse("monitoring:upload_template_xlsx"),
        reverse("monitoring:upload_template_xlsx") + "?soort=indicatoren",
        reverse("monitoring:areas"),
        reverse("monitoring:areas_csv"),
    ):
        assert f'href="{url}' in page


def test_members_cannot_download_the_templates(member_client):
    assert download(member_client, "xlsx").status_code == 403
