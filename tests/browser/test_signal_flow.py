"""The 'done when' walk of the foundation, in headless Chromium: a member logs a
signal with a name and a phone number, sees both, replaces them with one click,
saves, and finds the signal in the filtered list. axe-core checks every page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from monitoring.services import areas_load
from signals.models import Signal
from tests.browser.menu import menu_link
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]

PASSWORD = "een-lang-test-wachtwoord"
axe = Axe()


def assert_accessible(page: Page) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    results = axe.run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [(v["id"], v["help"], [(n["target"], n.get("failureSummary")) for n in v["nodes"]]) for v in bad]


@pytest.fixture
def logged_in(page: Page, live_server) -> Page:
    areas_load(municipality_code="GM0503")
    user = UserFactory(username="lid-browser", password=PASSWORD)
    user.groups.add(Group.objects.get(name="lid"))
    page.goto(f"{live_server.url}/inloggen/")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill("lid-browser")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()
    assert_accessible(page)
    return page


def test_a_member_logs_a_signal_and_the_guard_removes_a_name_and_a_phone_number(logged_in: Page, live_server):
    page = logged_in
    menu_link(page, "Signalen", "Nieuw signaal").click()
    expect(page.get_by_role("heading", name="Nieuw signaal")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Datum van het gesprek").fill("2025-03-14")
    page.get_by_label("Wijk").select_option(label="Buitenhof")
    page.get_by_label("Kanaal").select_option("spreekuur")
    page.get_by_label("positieve ervaring").check()
    page.get_by_label("Aantal inwoners").fill("3")
    # The save must not overlap the suggestions' request: the test server shares one SQLite connection.
    with page.expect_response("**/leren/voorstellen/thema/"):
        page.get_by_label("Samenvatting").fill(
            "Gesproken met Jan de Vries over de buurtbus die niet meer rijdt. "
            "Hij wil teruggebeld worden op 06-12345678."
        )
    page.get_by_label("Zoek een thema").fill("vervoer")  # the themes are folded per dimension
    page.get_by_label("Vervoer en bereikbaarheid").check()
    page.get_by_role("button", name="Signaal opslaan").click()

    guard = page.locator("#guard-summary")
    expect(guard).to_be_visible()
    expect(guard.locator("mark.finding", has_text="Jan de Vries")).to_be_visible()
    expect(guard.locator("mark.finding", has_text="06-12345678")).to_be_visible()
    expect(page.get_by_role("textbox", name="Samenvatting")).to_have_value(re.compile("buurtbus die niet meer rijdt"))
    expect(page.get_by_label("Wijk")).to_have_value(re.compile(r"\d+"))  # everything typed is kept
    assert Signal.objects.count() == 0
    assert_accessible(page)

    page.get_by_role("button", name="Alles vervangen").click()
    expect(page.locator("#guard-summary mark.finding")).to_have_count(0)
    expect(page.get_by_role("textbox", name="Samenvatting")).to_have_value(
        "Gesproken met [NAAM] over de buurtbus die niet meer rijdt. Hij wil teruggebeld worden op [TELEFOON]."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Signaal opslaan").click()

    expect(page.get_by_text("Het signaal is opgeslagen.")).to_be_visible()
    assert_accessible(page)
    signal = Signal.objects.get()
    assert "Jan de Vries" not in signal.summary and "06-12345678" not in signal.summary

    menu_link(page, "Signalen", "Alle signalen").click()
    page.get_by_label("Thema").select_option(label="Vervoer en bereikbaarheid")
    page.get_by_label("Wijk").select_option(label="Buitenhof")
    page.get_by_label("Zoek in de tekst").fill("buurtbus")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 signaal gevonden")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Gesproken met \\[NAAM\\]"))).to_be_visible()
    assert_accessible(page)


def test_the_theme_pages_are_accessible_for_a_coordinator(page: Page, live_server):
    user = UserFactory(username="coordinator-browser", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator-browser")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    menu_link(page, "Signalen", "Thema's").click()
    expect(page.get_by_role("heading", name="Thema's")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Bewerken\W+Mantelzorg$")).click()
    expect(page.get_by_role("heading", name="Thema bewerken")).to_be_visible()
    assert_accessible(page)


def test_the_menu_works_on_a_phone(logged_in: Page):
    page = logged_in
    page.set_viewport_size({"width": 375, "height": 740})
    menu = page.get_by_role("button", name="Menu openen of sluiten")
    expect(menu).to_be_visible()
    menu.click()
    expect(menu_link(page, "Signalen", "Alle signalen")).to_be_visible()
    assert_accessible(page)


def test_pages_do_not_scroll_sideways_on_a_phone(logged_in: Page, live_server):
    page = logged_in
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/", "/signalen/", "/signalen/nieuw/", "/signalen/themas/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
