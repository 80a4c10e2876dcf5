"""Issue 12's walk in headless Chromium, with axe-core on every page: the guard finds a birth
date in words, a lower-case name and a licence plate, hints at a phrase that singles out one
person, stops a data request with a phone number, and a resident withdraws their last consent
through the confirmation page."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import Page, expect

from consent.models import Contact
from monitoring.models import DataRequest
from monitoring.services import areas_load
from signals.models import DismissedFinding, Signal
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import SignalFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]

NOTE = (
    "Mevrouw is van drie maart negentienachtenveertig en woont alleen. Haar buurman kevin van der berg "
    "helpt soms met boodschappen. Zijn auto met kenteken 12-ABC-3 staat vaak voor de deur."
)


def log_in(page: Page, live_server, role: str) -> None:
    UserFactory(username=f"{role}-privacy", password=PASSWORD).groups.add(Group.objects.get(name=role))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(f"{role}-privacy")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()


def fill_signal(page: Page, summary: str) -> None:
    page.get_by_label("Datum van het gesprek").fill("2025-03-14")
    page.get_by_label("Kanaal").select_option("spreekuur")
    page.get_by_label("knelpunt").check()
    page.get_by_label("Aantal inwoners").fill("1")
    page.get_by_label("Samenvatting").fill(summary)
    page.get_by_label("Zoek een thema").fill("eenzaam")  # the themes are folded per dimension
    page.get_by_label("Eenzaamheid").check()


def test_the_guard_finds_a_birth_date_in_words_a_lower_case_name_and_a_licence_plate(page: Page, live_server):
    areas_load(municipality_code="GM0503")
    log_in(page, live_server, "lid")
    page.goto(f"{live_server.url}/signalen/nieuw/")
    fill_signal(page, NOTE)
    page.get_by_role("button", name="Signaal opslaan").click()

    guard = page.locator("#guard-summary")
    for found in ("drie maart negentienachtenveertig", "kevin van der berg", "12-ABC-3"):
        expect(guard.locator("mark.finding", has_text=found)).to_be_visible()
    expect(page.locator("#id_summary")).to_have_value(NOTE)  # nothing typed is lost
    assert not Signal.objects.exists()
    assert_accessible(page)

    guard.get_by_role("button", name="Alles vervangen").click()
    expect(page.locator("#id_summary")).to_have_value(
        "Mevrouw is van [GEBOORTEDATUM] en woont alleen. Haar buurman [NAAM] helpt soms met boodschappen. "
        "Zijn auto met kenteken [KENTEKEN] staat vaak voor de deur."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Signaal opslaan").click()
    expect(page.get_by_text("Het signaal is opgeslagen.")).to_be_visible()
    assert "[KENTEKEN]" in Signal.objects.get().summary


def test_a_phrase_that_singles_out_one_person_gets_a_hint_the_member_may_leave(page: Page, live_server):
    areas_load(municipality_code="GM0503")
    log_in(page, live_server, "lid")
    page.goto(f"{live_server.url}/signalen/nieuw/")
    summary = "Ze is de enige Eritrese weduwe van boven de 80 in Abtswoude en voelt zich eenzaam."
    fill_signal(page, summary)
    page.get_by_role("button", name="Signaal opslaan").click()

    guard = page.locator("#guard-summary")
    expect(guard.get_by_text(re.compile("herkenbaar", re.IGNORECASE)).first).to_be_visible()
    expect(guard.get_by_text("een oudere vrouw uit Abtswoude").first).to_be_visible()
    assert not Signal.objects.exists()
    assert_accessible(page)

    page.get_by_role("button", name="Signaal opslaan").click()  # a hint may be left as it is
    expect(page.get_by_text("Het signaal is opgeslagen.")).to_be_visible()
    assert Signal.objects.get().summary == summary
    mark = DismissedFinding.objects.get()
    assert mark.kind == "HERKENBAAR" and not hasattr(mark, "text")  # the choice, without the text


def test_a_data_request_with_a_phone_number_is_stopped(page: Page, live_server):
    log_in(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/monitoring/datavragen/nieuw/")
    assert_accessible(page)
    page.get_by_label("Thema").select_option(label="Eenzaamheid")
    page.get_by_label("Welke gegevens").fill("Eenzaamheid onder 75-plussers per wijk.")
    page.get_by_label("Waarom").fill("Mevrouw wil teruggebeld worden op 06-12345678 over de cijfers.")
    page.get_by_label("Niveau").select_option(index=1)
    page.get_by_role("button", name="Opslaan als concept").click()

    expect(page.locator("mark.finding", has_text="06-12345678")).to_be_visible()
    expect(page.get_by_label("Welke gegevens")).to_have_value("Eenzaamheid onder 75-plussers per wijk.")
    assert not DataRequest.objects.exists()
    assert_accessible(page)


def test_a_resident_withdraws_the_last_consent_through_the_confirmation(page: Page, live_server, contact, eager_celery):
    from django.core.cache import cache

    SignalFactory(feedback_contact=contact)  # feedback is pending: the confirmation says so
    cache.clear()
    page.goto(f"{live_server.url}/mijn-gegevens/")
    page.get_by_label("Uw e-mailadres").fill("fatima@example.nl")
    page.get_by_role("button", name="Stuur mij een link").click()
    link = re.search(r"http\S+/mijn-gegevens/link/\S+/", mail.outbox[-1].body).group()
    page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
    page.get_by_role("button", name="Bekijk mijn gegevens").click()
    expect(page.get_by_role("heading", name="Dit bewaren wij van u")).to_be_visible()

    page.get_by_role("button", name=re.compile(r"Toestemming intrekken\W+Terugkoppeling")).click()
    expect(page.get_by_role("heading", name="Uw laatste toestemming intrekken?")).to_be_visible()
    expect(page.get_by_text(re.compile("terugkoppeling", re.IGNORECASE)).first).to_be_visible()
    assert not Contact.objects.get().is_erased  # showing the page erases nothing
    assert_accessible(page)

    page.get_by_role("button", name="Ja, wis alles").click()
    expect(page.get_by_role("heading", name="Uw gegevens zijn gewist")).to_be_visible()
    assert_accessible(page)
    assert Contact.objects.get().is_erased
