"""The resident's own way through their data, and the coordinator's consent pages, in
headless Chromium with axe-core on every page."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import Page, expect

from consent.models import Consent, Contact, Purpose
from tests.browser.menu import menu_link
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]


def test_a_resident_asks_a_link_withdraws_downloads_and_erases(page: Page, live_server, contact, eager_celery):
    from django.core.cache import cache

    Consent.start(contact=contact, purpose=Purpose.objects.get(slug="nieuwsbrief"), method="online")
    cache.clear()
    page.goto(f"{live_server.url}/mijn-gegevens/")
    expect(page.get_by_role("heading", name="Mijn gegevens bij de adviesraad")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Uw e-mailadres").fill("fatima@example.nl")
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"http\S+/mijn-gegevens/link/\S+/", mail.outbox[-1].body).group()
    page.goto(link.replace(settings.SITE_URL, live_server.url))
    expect(page.get_by_role("heading", name="Mijn gegevens bekijken")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Bekijk mijn gegevens").click()
    expect(page.get_by_role("heading", name="Dit bewaren wij van u")).to_be_visible()
    expect(page.get_by_text("fatima@example.nl")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=re.compile(r"Toestemming intrekken\W+Terugkoppeling")).click()
    expect(page.get_by_text(re.compile("Beëindigd op"))).to_be_visible()
    assert Consent.objects.get(purpose__slug="terugkoppeling").end_reason == Consent.EndReason.WITHDRAWN_BY_RESIDENT

    # The newsletter is now the last consent: its button first says what erasing means.
    page.get_by_role("button", name=re.compile(r"Toestemming intrekken\W+Nieuwsbrief")).click()
    expect(page.get_by_role("heading", name="Uw laatste toestemming intrekken?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nee, terug").click()
    expect(page.get_by_role("heading", name="Dit bewaren wij van u")).to_be_visible()
    assert not Contact.objects.get().is_erased

    with page.expect_download() as download:
        page.get_by_role("link", name="Download al mijn gegevens").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["contact"]["name"] == "Fatima El Amrani"

    page.get_by_role("link", name="Wis al mijn gegevens").click()
    expect(page.get_by_role("heading", name="Al uw gegevens wissen?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, wis alles").click()
    expect(page.get_by_role("heading", name="Uw gegevens zijn gewist")).to_be_visible()
    assert_accessible(page)
    assert Contact.objects.get().is_erased

    page.goto(link.replace(settings.SITE_URL, live_server.url))
    expect(page.get_by_role("heading", name="Deze link werkt niet meer")).to_be_visible()
    assert_accessible(page)


def test_the_coordinator_and_privacy_pages_are_accessible(page: Page, live_server, contact):
    user = UserFactory(username="coordinator-browser", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator-browser")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    menu_link(page, "Privacy", "Contacten").click()
    expect(page.get_by_role("heading", name="Contacten van inwoners")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Gegevens openen")).first.click()
    assert_accessible(page)
    page.get_by_label("terugkoppeling geven over een signaal").check()
    page.get_by_role("button", name="Gegevens openen").click()
    expect(page.get_by_text("Fatima El Amrani")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Bewijs")).first.click()
    expect(page.get_by_role("heading", name="Toestemmingsbewijs")).to_be_visible()
    assert_accessible(page)
    for path, heading in [
        ("/toestemming/doelen/", "Doelen"),
        ("/toestemming/register/", "Verwerkingsregister (AVG artikel 30)"),
        ("/toestemming/nieuw/", "Nieuw contact met toestemming"),
        (
            f"/toestemming/contact/{contact.reference}/wissen/",
            f"Alle gegevens van contact {str(contact.reference)[:8]} wissen?",
        ),
    ]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
        assert_accessible(page)


def test_the_access_log_is_accessible_for_the_privacy_officer(page: Page, live_server, contact):
    from consent.models import AccessLog

    user = UserFactory(username="privacy-browser", password=PASSWORD)
    user.groups.add(Group.objects.get(name="privacy"))
    AccessLog.objects.create(user=user, contact=contact, reason="correctie")
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("privacy-browser")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/toestemming/inzage/")
    expect(page.get_by_role("heading", name="Inzagelogboek")).to_be_visible()
    expect(page.get_by_text("1 inzage")).to_be_visible()
    assert_accessible(page)
