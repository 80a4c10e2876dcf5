"""Uploading figures in the browser's pages: upload, (map,) preview, confirm; all or nothing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time

from monitoring.models import Import, Indicator, Observation, Upload
from monitoring.services import upload_run, uploads_clean
from tests.factories import UserFactory

# "eenzaam" for the files in the long format, "inwoners" for the CBS export.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft", "lonely_indicator", "cbs_indicators")]

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
GOOD = HEADER + 'eenzaam,WK050325,2016,,46,120,40,52,43\neenzaam,GM0503,2016,,"38,5",,,,\n'
CBS = (
    '"ID";"WijkenEnBuurten";"Perioden";"AantalInwoners_5";"Bevolkingsdichtheid_34"\n'
    '0;"GM0503    ";"2024JJ00";109577;4835\n'
    '1;"WK050325  ";"2024JJ00";14525;"6706,0"\n'
)


def upload(client, text: str, fmt: str = "long", name: str = "cijfers.csv"):
    file = SimpleUploadedFile(name, text.encode("utf-8") if isinstance(text, str) else text)
    return client.post(reverse("monitoring:upload"), {"format": fmt, "file": file}, follow=True)


def test_a_file_is_previewed_first_and_stored_only_after_confirming(coordinator_client):
    page = upload(coordinator_client, GOOD)
    assert "klaar om te importeren" in page.content.decode()
    assert "nieuw: 2" in page.content.decode()
    assert not Observation.objects.exists()  # the preview stores nothing

    the_upload = Upload.objects.get()
    done = coordinator_client.post(reverse("monitoring:upload_confirm", args=[the_upload.pk]), follow=True)
    assert "De cijfers zijn geïmporteerd." in done.content.decode()
    assert Observation.objects.get(area__code="WK050325").value == 46
    the_upload.refresh_from_db()
    assert the_upload.status == Upload.Status.DONE and bytes(the_upload.data) == b""  # the waiting copy is gone
    assert the_upload.result.imported_by.username == "coordinator-user"


def test_a_bad_file_shows_each_problem_by_row_and_column_and_stores_nothing(coordinator_client):
    page = upload(coordinator_client, HEADER + "eenzaam,WK050325,2016,,veel,5,,,\nonbekend,WK999999,2016,,1,,,,\n")
    text = page.content.decode()
    assert "Het bestand is geweigerd" in text
    assert "„veel” is geen getal." in text and "De groep is te klein (5)." in text
    assert "Onbekende indicator „onbekend”." in text
    assert "<td>2</td><td>value</td>" in text
    assert not Observation.objects.exists() and not Import.objects.exists()
    assert Upload.objects.get().status == Upload.Status.REFUSED


def test_the_same_file_again_changes_nothing(coordinator_client):
    upload(coordinator_client, GOOD)
    coordinator_client.post(reverse("monitoring:upload_confirm", args=[Upload.objects.get().pk]))
    preview = upload(coordinator_client, GOOD)
    assert "ongewijzigd: 2" in preview.content.decode() and "nieuw: 0" in preview.content.decode()
    done = coordinator_client.post(reverse("monitoring:upload_confirm", args=[Upload.objects.first().pk]), follow=True)
    assert "Er is niets veranderd" in done.content.decode()
    assert Import.objects.count() == 1 and Observation.objects.count() == 2


def test_confirming_twice_imports_once(coordinator_client):
    upload(coordinator_client, GOOD)
    pk = Upload.objects.get().pk
    coordinator_client.post(reverse("monitoring:upload_confirm", args=[pk]))
    again = coordinator_client.post(reverse("monitoring:upload_confirm", args=[pk]), follow=True)
    assert "al geïmporteerd" in again.content.decode()
    assert Import.objects.count() == 1


def test_a_file_over_the_size_limit_is_refused_in_the_form_and_not_kept(coordinator_client, settings):
    settings.IMPORT_MAX_BYTES = 1000
    page = upload(coordinator_client, GOOD + "x" * 2000)
    assert "Het bestand is te groot" in page.content.decode()
    assert page.context["form"]["format"].value() == "long"  # the choice is kept
    assert not Upload.objects.exists()


def test_an_empty_file_gets_a_clear_message(coordinator_client):
    page = upload(coordinator_client, "")
    assert "leeg" in page.content.decode()
    assert not Upload.objects.exists()


def test_the_cbs_file_is_mapped_in_the_page_then_previewed(coordinator_client):
    page = upload(coordinator_client, CBS, fmt="cbs", name="85984NED.csv")
    text = page.content.decode()
    assert "Kolommen koppelen" in text and "AantalInwoners_5" in text and "WijkenEnBuurten" in text
    the_upload = Upload.objects.get()
    url = reverse("monitoring:upload_mapping", args=[the_upload.pk])

    nothing = coordinator_client.post(url, {"kolom_0": "", "kolom_1": ""})
    assert "Koppel minstens één kolom aan een indicator." in nothing.content.decode()

    preview = coordinator_client.post(url, {"kolom_0": "inwoners", "kolom_1": ""}, follow=True)
    assert "nieuw: 2" in preview.content.decode()
    coordinator_client.post(reverse("monitoring:upload_confirm", args=[the_upload.pk]))
    assert Observation.objects.get(area__code="GM0503", indicator__code="inwoners").value == 109577


def test_one_indicator_cannot_take_two_cbs_columns(coordinator_client):
    upload(coordinator_client, CBS, fmt="cbs")
    url = reverse("monitoring:upload_mapping", args=[Upload.objects.get().pk])
    page = coordinator_client.post(url, {"kolom_0": "inwoners", "kolom_1": "inwoners"})
    assert "maar aan één kolom" in page.content.decode()
    assert Upload.objects.get().status == Upload.Status.MAPPING


def test_an_excel_file_chosen_as_cbs_is_refused_with_advice(coordinator_client):
    page = upload(coordinator_client, b"PK\x03\x04rest", fmt="cbs", name="cbs.xlsx")
    assert "Download het CBS-bestand als CSV" in page.content.decode()
    assert not Upload.objects.exists()


def test_a_comma_file_chosen_as_cbs_is_refused_in_the_form(coordinator_client):
    page = upload(coordinator_client, GOOD, fmt="cbs")
    assert "Het bestand is gescheiden met komma" in page.content.decode()


def test_the_catalogue_can_be_uploaded_too(coordinator_client):
    rows = (
        "code,name,unit,polarity,source,themes,definition\nwerk,Werk,percentage,higher_is_better,CBS,betaald-werk,%\n"
    )
    page = upload(coordinator_client, rows, fmt="indicatoren")
    assert "nieuw: 1" in page.content.decode() and not Indicator.objects.filter(code="werk").exists()
    coordinator_client.post(reverse("monitoring:upload_confirm", args=[Upload.objects.get().pk]))
    assert Indicator.objects.get(code="werk").themes.get().slug == "betaald-werk"


def test_a_large_file_goes_to_the_worker_and_the_page_follows_its_progress(
    coordinator_client, settings, eager_celery, django_capture_on_commit_callbacks
):
    settings.IMPORT_BACKGROUND_BYTES = 0
    with django_capture_on_commit_callbacks(execute=True) as queued:
        upload(coordinator_client, GOOD)
    assert len(queued) == 1  # handed to the worker after the commit, not run in the request
    the_upload = Upload.objects.get()
    assert the_upload.status == Upload.Status.READY  # the (eager) task ran the check
    progress_url = reverse("monitoring:upload_progress", args=[the_upload.pk])
    done = coordinator_client.get(progress_url, headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true"  # finished: the page reloads to show the preview

    Upload.objects.filter(pk=the_upload.pk).update(status=Upload.Status.CHECKING, progress=40)
    working = coordinator_client.get(progress_url, headers={"HX-Request": "true"})
    assert 'value="40"' in working.content.decode() and 'hx-trigger="every 1s"' in working.content.decode()
    page = coordinator_client.get(reverse("monitoring:upload_detail", args=[the_upload.pk]))
    assert "<progress" in page.content.decode() and "later terugkomen" in page.content.decode()


def test_a_failure_inside_the_check_shows_a_message_not_an_error_page(coordinator_client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("monitoring.services.uploads.observations_import", broken)
    page = upload(coordinator_client, GOOD)
    assert page.status_code == 200 and "Door een fout in Meedoen kon dit bestand niet worden verwerkt" in (
        page.content.decode()
    )
    assert Upload.objects.get().status == Upload.Status.FAILED


def test_members_cannot_upload(member_client):
    assert member_client.get(reverse("monitoring:upload")).status_code == 403


def test_a_coordinator_sees_only_their_own_uploads(coordinator_client, client):
    upload(coordinator_client, GOOD)
    other = UserFactory(username="andere-coordinator")
    other.groups.add(Group.objects.get(name="coordinator"))
    client.force_login(other)
    assert client.get(reverse("monitoring:upload_detail", args=[Upload.objects.get().pk])).status_code == 404


def test_cancelling_deletes_the_waiting_file(coordinator_client):
    upload(coordinator_client, GOOD)
    pk = Upload.objects.get().pk
    page = coordinator_client.post(reverse("monitoring:upload_cancel", args=[pk]), follow=True)
    assert "Er is niets geïmporteerd." in page.content.decode()
    assert not Upload.objects.exists()
    upload_run(upload_id=pk, step="check")  # a task still in the queue finds nothing and stops quietly


def test_the_template_has_exactly_the_long_format_headers(coordinator_client):
    response = coordinator_client.get(reverse("monitoring:upload_template"))
    assert response.content.decode("utf-8-sig").splitlines()[0] == HEADER.strip()  # then example rows
    assert "attachment" in response["Content-Disposition"]
    catalogue = coordinator_client.get(reverse("monitoring:upload_template") + "?soort=indicatoren")
    assert catalogue.content.decode("utf-8-sig").startswith("code,name,unit,polarity,source,themes,definition")


def test_uploads_left_waiting_are_cleaned_after_the_keep_period(coordinator, settings):
    settings.UPLOAD_KEEP_DAYS = 7
    with freeze_time("2026-01-01"):
        Upload.objects.create(uploaded_by=coordinator, file_name="oud.csv", data=b"x", size=1, format="long")
    Upload.objects.create(uploaded_by=coordinator, file_name="nieuw.csv", data=b"x", size=1, format="long")
    assert uploads_clean(now=Upload.objects.get(file_name="nieuw.csv").created_at + timedelta(days=1)) == 1
    assert list(Upload.objects.values_list("file_name", flat=True)) == ["nieuw.csv"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("seed_data")  # before the module's fixtures: they need the seeded themes
def test_progress_written_inside_the_import_transaction_is_seen_by_the_polling_page_at_once():
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        pytest.skip("SQLite has one writer; there uploads are handled in the request")
    upload = Upload.objects.create(
        uploaded_by=UserFactory(), file_name="groot.csv", data=b"x", size=1, format="long", status="importeren"
    )
    other = connection.copy()
    try:
        with transaction.atomic():  # as observations_import holds one while it writes
            upload.progress_set(40)
            with other.cursor() as cursor:
                cursor.execute("SELECT progress FROM monitoring_upload WHERE id = %s", [upload.pk])
                assert cursor.fetchone()[0] == 40
    finally:
        other.close()
