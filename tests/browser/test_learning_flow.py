"""Theme suggestions in headless Chromium: a member types a summary, the suggestions appear by htmx
without a click, one click ticks the suggested theme, and nothing is ticked by itself. axe-core checks."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from learning.suggestions import services
from signals.models import Theme
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import SignalFactory, UserFactory
from tests.learning.test_suggestions_model import training_set

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]


@pytest.fixture
def trained_model(seed_data, settings):
    settings.SUGGEST_MIN_SIGNALS = 20
    settings.SUGGEST_MIN_THEME_SIGNALS = 8
    settings.SUGGEST_MIN_CONFIDENCE = 0.2
    themes = {t.slug: t for t in Theme.objects.all()}
    for text, slugs in zip(*training_set(), strict=True):
        SignalFactory(summary=text, themes=[themes[s] for s in slugs])
    assert services.theme_model_train(evaluate=False) is not None


def test_a_member_sees_suggestions_while_typing_and_ticks_one(page: Page, live_server, trained_model):
    user = UserFactory(username="lid-voorstel", password=PASSWORD)
    user.groups.add(Group.objects.get(name="lid"))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("lid-voorstel")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/signalen/nieuw/")
    expect(page.get_by_role("heading", name="Nieuw signaal")).to_be_visible()

    page.get_by_label("Samenvatting").press_sequentially("Meneer heeft schulden en de energierekening is te hoog.")
    region = page.locator("#thema-voorstellen")
    button = region.get_by_role("button", name=re.compile("vink het thema „Financiële zorgen” aan"))
    expect(button).to_be_visible()
    expect(region).to_have_attribute("aria-live", "polite")
    box = page.get_by_role("checkbox", name="Financiële zorgen", include_hidden=True)  # folded in its dimension
    expect(box).not_to_be_checked()  # nothing is ticked by itself
    expect(page.locator('input[name="themes"]:checked')).to_have_count(0)
    assert_accessible(page)

    button.click()
    expect(box).to_be_checked()
    expect(page.locator('input[name="themes"]:checked')).to_have_count(1)
    expect(page.get_by_role("textbox", name="Samenvatting")).to_have_value(re.compile("energierekening"))
    assert page.url.endswith("/signalen/nieuw/")  # ticked on the page, not submitted
    assert_accessible(page)
