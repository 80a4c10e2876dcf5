"""Erasure with care: every path that erases a contact first says what goes and what is pending, and
only a POST with the confirmation button erases. Withdrawing a consent that is not the last stays one click."""

import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from consent.models import AccessLog, Consent, Contact, Purpose
from consent.services import signal_link_contact
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

CONFIRM = {"confirm": "ja"}
RESIDENT_PENDING = "kan de adviesraad u die terugkoppeling niet meer geven"
COORDINATOR_PENDING = "Na het wissen kan de adviesraad die terugkoppeling niet meer geven"


def as_resident(client: Client, contact: Contact) -> Client:
    """The session a used personal link leaves behind."""
    session = client.session
    session["resident"] = {"contact": contact.pk, "until": time.time() + 3600}
    session.save()
    return client


def add_newsletter(contact: Contact) -> Consent:
    return Consent.start(contact=contact, purpose=Purpose.objects.get(slug="nieuwsbrief"), method="online")


def waiting_signal(contact: Contact):
    signal = SignalFactory(summary="Mevrouw vertelde over haar wachttijd bij de thuiszorg.")
    signal_link_contact(signal=signal, contact=contact)
    return signal


def assert_not_erased(contact: Contact) -> None:
    contact.refresh_from_db()
    assert not contact.is_erased and contact.email == "fatima@example.nl"
    assert contact.active_consents().exists()


def assert_clean_confirmation_page(page: str) -> None:
    """One h1, sections under h2, a named confirm button in a CSRF-protected POST form and a way back."""
    assert len(re.findall(r"<h1[ >]", page)) == 1 and "<h2" in page
    assert re.search(r'<form method="post"[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"', page)
    assert re.search(r'<button type="submit" name="confirm" value="ja"[^>]*>Ja, wis alles</button>', page)
    assert re.search(r"<a [^>]*>Nee, terug</a>", page)


# The resident


def test_the_last_consents_button_leads_straight_to_the_confirmation_page(client, contact):
    as_resident(client, contact)
    consent = contact.consents.get()
    overview = client.get(reverse("resident:overview")).content.decode()
    url = reverse("resident:withdraw", args=[consent.receipt_id])
    assert f'<form method="get" action="{url}">' in overview
    page = client.get(url).content.decode()
    assert "Uw laatste toestemming intrekken?" in page and "Terugkoppeling over mijn signaal" in page
    assert_clean_confirmation_page(page)
    assert_not_erased(contact)


def test_withdrawing_the_last_consent_without_the_confirm_button_erases_nothing(client, contact):
    as_resident(client, contact)
    consent = contact.consents.get()
    page = client.post(reverse("resident:withdraw", args=[consent.receipt_id])).content.decode()
    assert "Uw laatste toestemming intrekken?" in page
    assert_not_erased(contact)
    assert Consent.objects.get(pk=consent.pk).is_active


def test_the_residents_confirmation_says_what_goes_and_what_stays(client, contact):
    as_resident(client, contact)
    page = client.get(reverse("resident:withdraw", args=[contact.consents.get().receipt_id])).content.decode()
    for erased in ("uw naam", "uw e-mailadres", "uw telefoonnummer", "liever contact hebt via e-mail of telefoon"):
        assert erased in page
    assert "Dit bewaren we wel" in page and "Uw naam en contactgegevens staan er niet bij" in page
    assert "Fatima" not in page and "fatima@example.nl" not in page  # the fields are named, not shown


def test_the_residents_confirmation_erases_at_once(client, contact):
    as_resident(client, contact)
    consent = contact.consents.get()
    page = client.post(reverse("resident:withdraw", args=[consent.receipt_id]), CONFIRM).content.decode()
    assert "Uw gegevens zijn gewist" in page and "meteen gewist" in page
    contact.refresh_from_db()
    assert contact.is_erased and (contact.name, contact.email, contact.phone) == (None, None, None)
    assert contact.preferred_channel == ""
    consent.refresh_from_db()
    assert consent.end_reason == Consent.EndReason.WITHDRAWN_BY_RESIDENT
    assert client.get(reverse("resident:overview")).status_code == 403  # the session is gone


def test_withdrawing_a_consent_that_is_not_the_last_stays_one_click(client, contact):
    newsletter = add_newsletter(contact)
    as_resident(client, contact)
    url = reverse("resident:withdraw", args=[newsletter.receipt_id])
    overview = client.get(reverse("resident:overview")).content.decode()
    assert '<form method="get"' not in overview  # two consents: both buttons withdraw at once
    response = client.post(url)
    assert response.status_code == 302 and response.url == reverse("resident:overview")
    newsletter.refresh_from_db()
    assert newsletter.end_reason == Consent.EndReason.WITHDRAWN_BY_RESIDENT
    assert_not_erased(contact)


def test_a_get_never_withdraws_or_erases(client, contact):
    newsletter = add_newsletter(contact)
    as_resident(client, contact)
    assert client.get(reverse("resident:withdraw", args=[newsletter.receipt_id])).status_code == 302
    assert client.get(reverse("resident:erase")).status_code == 200
    newsletter.refresh_from_db()
    assert newsletter.is_active
    assert_not_erased(contact)


def test_erasing_everything_needs_the_confirm_button(client, contact):
    as_resident(client, contact)
    page = client.get(reverse("resident:erase")).content.decode()
    assert "Al uw gegevens wissen?" in page
    assert_clean_confirmation_page(page)
    client.post(reverse("resident:erase"))
    assert_not_erased(contact)
    client.post(reverse("resident:erase"), CONFIRM)
    contact.refresh_from_db()
    assert contact.is_erased
    assert contact.consents.get().end_reason == Consent.EndReason.ERASED


def test_the_resident_hears_of_pending_feedback_but_never_sees_the_signal(client, contact):
    signal = waiting_signal(contact)
    as_resident(client, contact)
    for url in (reverse("resident:withdraw", args=[contact.consents.get().receipt_id]), reverse("resident:erase")):
        page = client.get(url).content.decode()
        assert RESIDENT_PENDING in page
        assert "wachttijd" not in page and f"Signaal {signal.pk}" not in page


def test_without_pending_feedback_the_resident_reads_no_such_sentence(client, contact):
    as_resident(client, contact)
    for url in (reverse("resident:withdraw", args=[contact.consents.get().receipt_id]), reverse("resident:erase")):
        assert RESIDENT_PENDING not in client.get(url).content.decode()


def test_the_overview_warns_before_withdrawing_feedback_consent_with_feedback_pending(client, contact):
    add_newsletter(contact)
    as_resident(client, contact)
    assert RESIDENT_PENDING not in client.get(reverse("resident:overview")).content.decode()
    waiting_signal(contact)
    assert RESIDENT_PENDING in client.get(reverse("resident:overview")).content.decode()


def test_the_residents_confirmation_needs_the_csrf_token(contact):
    client = as_resident(Client(enforce_csrf_checks=True), contact)
    assert client.post(reverse("resident:erase"), CONFIRM).status_code == 403
    assert_not_erased(contact)


# The coordinator


def test_withdrawing_the_last_consent_on_request_first_asks(coordinator_client, contact):
    consent = contact.consents.get()
    url = reverse("consent:withdraw", args=[consent.receipt_id])
    for response in (coordinator_client.get(url), coordinator_client.post(url)):
        page = response.content.decode()
        assert response.status_code == 200
        assert "Laatste toestemming intrekken en gegevens wissen?" in page
        assert_clean_confirmation_page(page)
    assert_not_erased(contact)


def test_the_coordinators_confirmation_erases_and_keeps_the_reason(coordinator_client, contact):
    consent = contact.consents.get()
    response = coordinator_client.post(reverse("consent:withdraw", args=[consent.receipt_id]), CONFIRM, follow=True)
    assert "de gegevens zijn gewist" in response.content.decode()
    contact.refresh_from_db()
    assert contact.is_erased and contact.email is None
    consent.refresh_from_db()
    assert consent.end_reason == Consent.EndReason.WITHDRAWN_ON_REQUEST


def test_a_coordinators_withdrawal_that_leaves_a_consent_stays_one_click(coordinator_client, contact):
    newsletter = add_newsletter(contact)
    response = coordinator_client.post(reverse("consent:withdraw", args=[newsletter.receipt_id]))
    assert response.status_code == 302 and response.url == reverse("consent:consents", args=[contact.reference])
    newsletter.refresh_from_db()
    assert newsletter.end_reason == Consent.EndReason.WITHDRAWN_ON_REQUEST
    assert_not_erased(contact)


def test_erasing_a_contact_shows_what_goes_then_erases_on_confirmation(coordinator_client, contact):
    add_newsletter(contact)
    url = reverse("consent:contact_erase", args=[contact.reference])
    page = coordinator_client.get(url).content.decode()
    assert f"Alle gegevens van contact {str(contact.reference)[:8]} wissen?" in page
    assert "Nieuwsbrief van de adviesraad" in page and "Terugkoppeling over mijn signaal" in page
    assert "ingetrokken op verzoek, door de coördinator" in page
    assert_clean_confirmation_page(page)
    coordinator_client.post(url)
    assert_not_erased(contact)
    response = coordinator_client.post(url, CONFIRM)
    assert response.status_code == 302 and response.url == reverse("consent:contacts")
    contact.refresh_from_db()
    assert contact.is_erased
    assert set(contact.consents.values_list("end_reason", flat=True)) == {Consent.EndReason.WITHDRAWN_ON_REQUEST}


def test_the_consents_page_offers_the_erasure(coordinator_client, contact):
    page = coordinator_client.get(reverse("consent:consents", args=[contact.reference])).content.decode()
    assert reverse("consent:contact_erase", args=[contact.reference]) in page


def test_the_coordinators_confirmation_shows_no_personal_data_and_logs_no_access(coordinator_client, contact):
    for url in (
        reverse("consent:contact_erase", args=[contact.reference]),
        reverse("consent:withdraw", args=[contact.consents.get().receipt_id]),
    ):
        page = coordinator_client.get(url).content.decode()
        for secret in ("Fatima", "fatima@example.nl", "06-12345678"):
            assert secret not in page
    assert not AccessLog.objects.exists()


def test_the_coordinator_hears_which_signal_loses_its_feedback(coordinator_client, contact):
    url = reverse("consent:contact_erase", args=[contact.reference])
    assert COORDINATOR_PENDING not in coordinator_client.get(url).content.decode()
    signal = waiting_signal(contact)
    page = coordinator_client.get(url).content.decode()
    assert COORDINATOR_PENDING in page and f"Signaal {signal.pk}" in page
    assert "wachttijd" not in page
    coordinator_client.post(url, CONFIRM)
    signal.refresh_from_db()
    assert signal.feedback_contact is None


def test_members_and_the_privacy_officer_cannot_erase(member_client, client, privacy_officer, contact):
    url = reverse("consent:contact_erase", args=[contact.reference])
    assert member_client.post(url, CONFIRM).status_code == 403
    client.force_login(privacy_officer)
    assert client.post(url, CONFIRM).status_code == 403
    assert_not_erased(contact)


def test_the_coordinators_confirmation_needs_the_csrf_token(coordinator, contact):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    assert client.post(reverse("consent:contact_erase", args=[contact.reference]), CONFIRM).status_code == 403
    assert_not_erased(contact)


def test_an_erased_contact_cannot_be_erased_again(coordinator_client, contact):
    url = reverse("consent:contact_erase", args=[contact.reference])
    coordinator_client.post(url, CONFIRM)
    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url, CONFIRM).status_code == 404
