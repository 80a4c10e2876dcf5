"""A refused file's messages are kept untranslated and shown in the reader's language, with numbers
written the way that language writes them; messages stored before, as plain text, stay readable."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from monitoring.analysis.importing import checks
from monitoring.models import Upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft", "lonely_indicator")]

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
BAD = (
    HEADER
    + "onbekend,WK050325,2016,,46,120,,,\n"  # an unknown indicator
    + "eenzaam,WK050325,2016-13,,46,120,,,\n"  # a month that does not exist
    + "eenzaam,GM0503,2016,,38.5,1200,,,\n"
    + "eenzaam,GM0503,2016,,38.5,1200,,,\n"  # the same combination as row 4
    + "eenzaam,GM0503,2018,,38.5,1200,52.5,40,\n"  # an interval upside down
    + "eenzaam,WK050311,2016,Molenstraat 12,46,120,,,\n"  # an address
)


def refused_upload(client) -> Upload:
    with translation.override("nl"):  # checked while the app speaks Dutch (the worker's language)
        client.post(reverse("monitoring:upload"), {"format": "long", "file": SimpleUploadedFile("c.csv", BAD.encode())})
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.REFUSED
    return upload


def page_in(client, language: str, upload: Upload) -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("monitoring:upload_detail", args=[upload.pk])).content.decode()


def test_messages_checked_in_dutch_are_shown_in_english_to_an_english_reader(coordinator_client):
    upload = refused_upload(coordinator_client)
    english = page_in(coordinator_client, "en", upload)
    assert "Unknown indicator “onbekend”." in english
    assert "Month 13 does not exist." in english
    assert "The confidence interval is not right (52.5 to 40)." in english
    assert "This combination is also in row 4." in english
    assert "May contain an address." in english
    for dutch in ("Onbekende indicator", "Maand 13 bestaat niet", "klopt niet", "Mogelijk een adres"):
        assert dutch not in english


def test_the_same_messages_read_in_dutch_write_numbers_the_dutch_way(coordinator_client):
    dutch = page_in(coordinator_client, "nl", refused_upload(coordinator_client))
    assert "Onbekende indicator „onbekend”." in dutch
    assert "Maand 13 bestaat niet." in dutch
    assert "Het betrouwbaarheidsinterval klopt niet (52,5 tot 40)." in dutch
    assert "Mogelijk een adres." in dutch


def test_a_message_stores_its_id_and_values_not_its_text(coordinator_client):
    problems = [error["problem"] for error in refused_upload(coordinator_client).errors]
    assert {"id": "Maand %(month)s bestaat niet.", "values": {"month": "13"}} in problems
    assert {"id": "Onbekende indicator „%(code)s”.", "values": {"code": "onbekend"}} in problems


def test_words_for_the_file_and_the_header_are_translated_too(coordinator_client):
    coordinator_client.post(
        reverse("monitoring:upload"),
        {"format": "long", "file": SimpleUploadedFile("c.csv", b"indicator;area;period\neenzaam;GM0503;2016\n")},
    )
    english = page_in(coordinator_client, "en", Upload.objects.get())
    assert "<td>header row</td>" in english and "The file is separated with semicolons." in english


def test_messages_stored_as_text_before_are_still_shown(coordinator_client, coordinator):
    old = Upload.objects.create(
        uploaded_by=coordinator,
        file_name="oud.csv",
        data=b"",
        size=0,
        format="long",
        status=Upload.Status.REFUSED,
        summary={"errors_total": 1},
        errors=[{"row": 2, "column": "value", "problem": "„veel” is geen getal.", "expected": "Verwacht: een getal."}],
    )
    page = page_in(coordinator_client, "en", old)
    assert "<td>„veel” is geen getal.</td><td>Verwacht: een getal.</td>" in page


def test_a_stored_message_reads_back_as_it_was_made():
    error = checks.interval(7, 52.5, 38.5, 40.0)[0]
    with translation.override("en"):
        assert checks.stored_error_shown(error.stored()) == {
            "row": 7,
            "column": "ci_low",
            "problem": "The confidence interval is not right (52.5 to 40).",
            "expected": error.expected,
        }
