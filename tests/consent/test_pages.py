"""Who sees contact data, and how: coordinators with a logged reason; members never; residents via a link."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from consent.models import AccessLog, Consent, Contact, Purpose
from tests.factories import PurposeFactory, SignalFactory, record_contact

pytestmark = pytest.mark.django_db


def test_the_contact_list_shows_no_personal_data(coordinator_client, contact):
    page = coordinator_client.get(reverse("consent:contacts")).content.decode()
    assert str(contact.reference)[:8] in page
    for secret in ("Fatima", "fatima@example.nl", "06-12345678"):
        assert secret not in page


def test_opening_a_contact_asks_a_reason_and_logs_the_access(coordinator_client, coordinator, contact):
    url = reverse("consent:contact", args=[contact.reference])
    asked = coordinator_client.get(url).content.decode()
    assert "Waarom opent u deze gegevens?" in asked and "Fatima" not in asked
    assert not AccessLog.objects.exists()
    shown = coordinator_client.post(url, {"reason": "terugkoppeling"})
    assert "Fatima El Amrani" in shown.content.decode() and "fatima@example.nl" in shown.content.decode()
    assert shown["Cache-Control"] == "no-store"
    entry = AccessLog.objects.get()
    assert (entry.user, entry.contact, entry.reason) == (coordinator, contact, "terugkoppeling")


def test_without_a_reason_nothing_is_shown(coordinator_client, contact):
    response = coordinator_client.post(reverse("consent:contact", args=[contact.reference]), {"reason": "nieuwsgierig"})
    assert "Fatima" not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_members_and_the_privacy_officer_never_see_contact_data(member_client, client, privacy_officer, contact):
    url = reverse("consent:contact", args=[contact.reference])
    assert member_client.get(reverse("consent:contacts")).status_code == 403
    assert member_client.post(url, {"reason": "terugkoppeling"}).status_code == 403
    client.force_login(privacy_officer)
    assert client.post(url, {"reason": "terugkoppeling"}).status_code == 403


def test_a_member_sees_only_that_a_resident_wants_feedback(member_client, contact):
    from consent.services import signal_link_contact

    signal = SignalFactory()
    signal_link_contact(signal=signal, contact=contact)
    page = member_client.get(signal.get_absolute_url()).content.decode()
    assert "Een inwoner wil horen wat er met dit signaal gebeurt" in page
    assert "Fatima" not in page and str(contact.reference) not in page


def test_a_signal_points_to_a_contact_only_with_consent_for_feedback(coordinator_client, coordinator):
    other = record_contact(name="Jan", email="jan@example.nl", phone="", purpose="nieuwsbrief", user=coordinator)
    signal = SignalFactory()
    response = coordinator_client.post(
        reverse("consent:signal_link", args=[other.reference]), {"signal": signal.pk}, follow=True
    )
    assert "geen geldige toestemming voor terugkoppeling" in response.content.decode()
    signal.refresh_from_db()
    assert signal.feedback_contact is None


def contact_form(**overrides) -> dict:
    data = {
        "name": "Piet Jansen",
        "email": "piet@example.nl",
        "phone": "015-2123456",
        "preferred_channel": "email",
        "purpose": Purpose.objects.get(slug="uitnodiging").pk,
        "method": "papier",
        "text_confirmed": "on",
    }
    return {**data, **overrides}


def test_recording_a_contact_with_consent(coordinator_client):
    response = coordinator_client.post(reverse("consent:contact_create"), contact_form())
    contact = Contact.objects.get()
    assert response.status_code == 302 and str(contact.reference) in response.url
    assert "piet" not in response.url  # no personal data in addresses
    assert contact.consents.get().method == "papier"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "piet@", "Vul een geldig e-mailadres in"),
        ("phone", "12", "Vul een telefoonnummer in van 10 cijfers"),
        ("text_confirmed", "", "Dit veld is verplicht"),
    ],
)
def test_bad_contact_input_gets_a_dutch_field_error_and_keeps_the_rest(coordinator_client, field, value, message):
    data = contact_form(**{field: value})
    response = coordinator_client.post(reverse("consent:contact_create"), data)
    assert message in response.content.decode()
    assert "Piet Jansen" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_duplicate_email_is_refused_on_the_form(coordinator_client, contact):
    newsletter = Purpose.objects.get(slug="nieuwsbrief").pk
    data = contact_form(name="Fatima", email="FATIMA@example.nl", phone="", purpose=newsletter)
    response = coordinator_client.post(reverse("consent:contact_create"), data)
    assert "Er is al een contact met dit e-mailadres" in response.content.decode()
    assert Contact.objects.count() == 1


def test_the_receipt_follows_the_kantara_fields(coordinator_client, contact):
    consent = contact.consents.get()
    response = coordinator_client.get(reverse("consent:receipt_json", args=[consent.receipt_id]))
    receipt = json.loads(response.content)
    for key in (
        "version",
        "jurisdiction",
        "consentTimestamp",
        "collectionMethod",
        "consentReceiptID",
        "piiPrincipalId",
        "piiControllers",
        "services",
    ):
        assert key in receipt
    assert receipt["consentReceiptID"] == str(consent.receipt_id)
    assert receipt["consentText"]["sha256"] == consent.text_version.sha256
    assert "Fatima" not in response.content.decode()
    page = coordinator_client.get(reverse("consent:receipt", args=[consent.receipt_id])).content.decode()
    assert consent.text_version.text in page


def test_a_coordinator_withdraws_on_request_and_twice_is_harmless(coordinator_client, contact):
    consent = contact.consents.get()
    url = reverse("consent:withdraw", args=[consent.receipt_id])
    coordinator_client.post(url, {"confirm": "ja"})  # the last consent: the confirmation page's button
    assert coordinator_client.post(url, {"confirm": "ja"}).status_code == 404  # already erased
    consent.refresh_from_db()
    assert consent.end_reason == Consent.EndReason.WITHDRAWN_ON_REQUEST


def test_editing_a_purpose_text_makes_a_new_version(coordinator_client):
    purpose = Purpose.objects.get(slug="nieuwsbrief")
    data = {
        "name": purpose.name,
        "description": purpose.description,
        "retention_days": 365,
        "is_active": "on",
        "consent_text": "Nieuwe tekst voor de nieuwsbrief.",
    }
    response = coordinator_client.post(reverse("consent:purpose_edit", args=[purpose.pk]), data)
    assert response.status_code == 302
    assert [t.version for t in purpose.texts.order_by("version")] == [1, 2]
    purpose.refresh_from_db()
    assert purpose.retention_days == 365 and purpose.slug == "nieuwsbrief"


def test_the_privacy_officer_reads_and_filters_the_access_log(client, privacy_officer, coordinator, contact):
    AccessLog.objects.create(user=coordinator, contact=contact, reason="terugkoppeling")
    AccessLog.objects.create(user=coordinator, contact=contact, reason="correctie")
    client.force_login(privacy_officer)
    response = client.get(reverse("consent:access_log"), {"reden": "correctie"})
    assert response.context["page"].paginator.count == 1
    assert "Fatima" not in response.content.decode()


def test_the_register_lists_every_purpose_with_retention_and_access(client, privacy_officer):
    client.force_login(privacy_officer)
    page = client.get(reverse("consent:register")).content.decode()
    for purpose in Purpose.objects.all():
        assert purpose.name in page
    assert "365 dagen na de toestemming" in page
    assert "coordinator" in page and "versleuteld" in page


# The resident's own pages


@pytest.fixture(autouse=True)
def fresh_rate_limits(eager_celery):
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def resident_link(django_capture_on_commit_callbacks):
    """Ask for a link as a resident and return the URL from the e-mail."""

    def ask(client, email="fatima@example.nl"):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("resident:request"), {"email": email})
        assert len(mail.outbox) == 1
        return re.search(r"http\S+/mijn-gegevens/link/\S+/", mail.outbox[0].body).group()

    return ask


def test_the_request_form_answers_the_same_for_known_and_unknown_addresses(
    client, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("resident:request"), {"email": "fatima@example.nl"})
        unknown = client.post(reverse("resident:request"), {"email": "nobody@example.nl"})

    def without_token(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert known.status_code == unknown.status_code == 200
    assert without_token(known) == without_token(unknown)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["fatima@example.nl"]


def test_the_request_form_is_rate_limited(client, settings):
    settings.RESIDENT_LINK_REQUESTS_PER_IP_PER_HOUR = 2  # per address: tests/consent/test_link_rate_limit.py
    codes = [client.post(reverse("resident:request"), {"email": f"x{n}@example.nl"}).status_code for n in range(3)]
    assert codes == [200, 200, 429]


def test_a_resident_sees_withdraws_downloads_and_erases(client, contact, resident_link):
    Consent.start(contact=contact, purpose=Purpose.objects.get(slug="nieuwsbrief"), method="online")
    url = resident_link(client)
    assert "Bekijk mijn gegevens" in client.get(url).content.decode()
    overview = client.post(url, follow=True)
    page = overview.content.decode()
    assert "Fatima El Amrani" in page and "Terugkoppeling over mijn signaal" in page
    consent = contact.consents.get(purpose__slug="terugkoppeling")
    client.post(reverse("resident:withdraw", args=[consent.receipt_id]))
    consent.refresh_from_db()
    assert consent.end_reason == Consent.EndReason.WITHDRAWN_BY_RESIDENT
    data = json.loads(client.get(reverse("resident:download")).content)
    assert data["contact"]["email"] == "fatima@example.nl" and len(data["consents"]) == 2
    client.post(reverse("resident:erase"), {"confirm": "ja"})  # the confirmation page's button
    contact.refresh_from_db()
    assert contact.is_erased and contact.name is None
    assert client.get(reverse("resident:overview")).status_code == 403


def test_a_link_works_once(client, contact, resident_link):
    url = resident_link(client)
    assert client.post(url).status_code == 302
    other = client.__class__()
    reused = other.post(url)
    assert reused.status_code == 410 and "Deze link werkt niet meer" in reused.content.decode()


def test_an_altered_link_shows_the_same_friendly_page(client, contact, resident_link):
    url = resident_link(client)
    response = client.get(url[:-3] + "xx/")
    assert response.status_code == 410 and "Fatima" not in response.content.decode()


def test_a_link_expires_after_two_hours(client, contact, resident_link):
    url = resident_link(client)
    with freeze_time(timezone.now() + timedelta(hours=2, minutes=1)):
        assert client.get(url).status_code == 410


def test_a_resident_cannot_touch_someone_elses_consent(client, contact, coordinator, resident_link):
    other = record_contact(name="Jan", email="jan@example.nl", phone="", purpose="nieuwsbrief", user=coordinator)
    client.post(resident_link(client))
    response = client.post(reverse("resident:withdraw", args=[other.consents.get().receipt_id]))
    assert response.status_code == 404
    assert other.consents.get().is_active


def test_the_link_email_speaks_the_residents_language(client, contact, resident_link):
    client.post(reverse("set_language"), {"language": "en", "next": "/mijn-gegevens/"})
    resident_link(client)
    assert "personal link" in mail.outbox[0].subject.lower()


def test_consent_pages_need_a_login_and_the_residents_pages_do_not(client, contact):
    consent = contact.consents.get()
    for url in [
        reverse("consent:contacts"),
        reverse("consent:contact", args=[contact.reference]),
        reverse("consent:receipt", args=[consent.receipt_id]),
        reverse("consent:purposes"),
        reverse("consent:access_log"),
        reverse("consent:register"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    assert client.get(reverse("resident:request")).status_code == 200
    assert client.get(reverse("resident:overview")).status_code == 403


def test_looking_at_a_link_does_not_use_it_up(client, contact, resident_link):
    """Mail scanners open links before the resident does."""
    url = resident_link(client)
    assert client.head(url).status_code == 200
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302


def test_withdrawing_the_last_consent_erases_the_data_at_once(client, contact, resident_link):
    client.post(resident_link(client))
    url = reverse("resident:withdraw", args=[contact.consents.get().receipt_id])
    page = client.post(url, {"confirm": "ja"}).content.decode()  # after the confirmation page
    assert "meteen gewist" in page
    contact.refresh_from_db()
    assert contact.is_erased and contact.email is None


def test_the_request_does_the_same_work_for_known_and_unknown_addresses(
    client, contact, monkeypatch, django_capture_on_commit_callbacks
):
    from consent import tasks

    sent = []
    monkeypatch.setattr(tasks.send_resident_link, "delay", lambda *args: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("resident:request"), {"email": "fatima@example.nl"})
        client.post(reverse("resident:request"), {"email": "nobody@example.nl"})
    assert len(sent) == 2
    assert all("@" not in str(arg) for args in sent for arg in args)  # only a keyed hash travels


def test_editing_a_signal_after_the_feedback_consent_ended_works(coordinator_client, contact):
    from consent.services import signal_link_contact

    signal = SignalFactory()
    signal_link_contact(signal=signal, contact=contact)
    contact.consents.get().end(reason=Consent.EndReason.WITHDRAWN_BY_RESIDENT)
    signal.refresh_from_db()
    assert signal.feedback_contact is None
    response = coordinator_client.post(
        reverse("signals:edit", args=[signal.pk]),
        {
            "conversation_date": "2025-03-14",
            "channel": "spreekuur",
            "kind": "knelpunt",
            "residents": "1",
            "summary": "Een bijgewerkte notitie.",
            "themes": [signal.themes.first().pk],
            "dismissed": "",
        },
    )
    assert response.status_code == 302


def test_the_consents_page_of_a_contact_shows_no_personal_data(coordinator_client, contact):
    page = coordinator_client.get(reverse("consent:consents", args=[contact.reference])).content.decode()
    assert "Terugkoppeling over mijn signaal" in page
    for secret in ("Fatima", "fatima@example.nl", "06-12345678"):
        assert secret not in page
    assert not AccessLog.objects.exists()


def test_adding_a_consent_needs_the_confirmation_and_a_purpose_not_yet_held(coordinator_client, contact):
    url = reverse("consent:consent_create", args=[contact.reference])
    newsletter = Purpose.objects.get(slug="nieuwsbrief").pk
    coordinator_client.post(url, {"purpose": newsletter, "method": "online"})
    assert contact.consents.count() == 1  # no confirmation that the text was read
    held = Purpose.objects.get(slug="terugkoppeling").pk
    coordinator_client.post(url, {"purpose": held, "method": "online", "text_confirmed": "on"})
    assert contact.consents.count() == 1  # already held
    coordinator_client.post(url, {"purpose": newsletter, "method": "online", "text_confirmed": "on"})
    added = contact.consents.get(purpose_id=newsletter)
    assert added.text_version == Purpose.objects.get(pk=newsletter).current_text


def test_a_coordinator_adds_a_purpose_with_its_first_text(coordinator_client):
    data = {
        "name": "Vrijwilligerspool",
        "slug": "vrijwilligers",
        "description": "Wij vragen u voor vrijwilligerswerk.",
        "retention_days": 365,
        "is_active": "on",
        "consent_text": "Ik geef toestemming om mij te vragen.",
    }
    response = coordinator_client.post(reverse("consent:purpose_create"), data)
    assert response.status_code == 302
    purpose = Purpose.objects.get(slug="vrijwilligers")
    assert purpose.current_text.version == 1 and purpose.current_text.text == data["consent_text"]


def test_purposes_list_without_a_query_per_purpose(coordinator_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(reverse("consent:purposes"))
    PurposeFactory.create_batch(5)  # each with its consent text
    with CaptureQueriesContext(connection) as more:
        coordinator_client.get(reverse("consent:purposes"))
    assert len(more) == len(few)
