"""A coordinator searches the demo signals (with a planted topic no theme covers) for emerging topics in
headless Chromium, reads them, and turns the flagged topic into a theme; axe-core on every page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from monitoring.services import areas_load
from signals.demo import demo_signals_load
from signals.models import Theme
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import UserFactory
from tests.learning.test_topics_pages import make_signals
from tests.learning.topics_corpus import planted_texts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]


def test_a_coordinator_finds_an_uncovered_topic_and_turns_it_into_a_theme(page: Page, live_server, eager_celery):
    areas_load(municipality_code="GM0503")
    user = UserFactory(username="coordinator-topics", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))
    demo_signals_load()
    make_signals(author=user, texts=planted_texts(topics=("groen",), per_topic=12))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator-topics")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.goto(f"{live_server.url}/leren/")
    assert_accessible(page)
    page.get_by_role("link", name="Onderwerpen zoeken").click()
    expect(page.get_by_role("heading", name="Onderwerpen die opkomen", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Onderwerpen zoeken").click()  # the last 90 days, all of Delft

    expect(page.get_by_role("heading", name="Onderwerpen in Delft")).to_be_visible()
    expect(page.get_by_text("Onderwerp 1", exact=False).first).to_be_visible()
    assert_accessible(page)
    green = page.locator("section", has_text="speeltuin")
    expect(green.get_by_text("mogelijk nieuw thema")).to_be_visible()
    green.locator("summary").first.click()
    expect(green.get_by_text("Aandeel van alle signalen")).to_be_visible()
    assert_accessible(page)
    green.get_by_role("link", name="Nieuw thema maken van dit onderwerp").click()

    expect(page.get_by_role("heading", name="Nieuw thema van een onderwerp")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Naam*", exact=True).fill("Groen en spelen")
    page.get_by_role("button", name="Bekijken").last.click()
    expect(page.get_by_text("Zo wordt het thema opgeslagen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").last.click()
    expect(page.get_by_text("Het thema „Groen en spelen” is opgeslagen")).to_be_visible()
    assert_accessible(page)
    assert Theme.objects.get(name="Groen en spelen").signals.count() >= 10
