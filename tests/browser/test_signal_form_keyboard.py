"""The signal form by keyboard, in headless Chromium (issue 14): the save button is near, a failed save
opens at the error summary, a guard button lands on the guard block, the theme filter narrows the list
(also without JavaScript) and the character counter speaks only near the limit. axe-core checks."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Browser, Page, expect

from learning.suggestions import services as suggestion_services
from learning.suggestions import views as suggestion_views
from monitoring.services import areas_load
from signals.models import Signal, Theme
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import InquiryFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]

SAVE = "Signaal opslaan"
MAX_TABS = 40


def log_in(page: Page, live_server) -> Page:
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("lid-toetsenbord")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()
    page.goto(f"{live_server.url}/signalen/nieuw/")
    expect(page.get_by_role("heading", name="Nieuw signaal")).to_be_visible()
    return page


@pytest.fixture
def form_page(page: Page, live_server) -> Page:
    areas_load(municipality_code="GM0503")
    user = UserFactory(username="lid-toetsenbord", password=PASSWORD)
    user.groups.add(Group.objects.get(name="lid"))
    return log_in(page, live_server)


@pytest.fixture
def three_suggestions(monkeypatch):
    """The learning model's answer, fixed: three suggestions for any text."""
    names = ("Eenzaamheid", "Erbij horen", "Vervoer en bereikbaarheid")
    themes = [Theme.objects.select_related("parent").get(name=name) for name in names]
    shown = [suggestion_services.ShownSuggestion(t, 0.9 - i / 10, "model") for i, t in enumerate(themes)]
    result = suggestion_services.SuggestionResult(available=True, suggestions=shown)
    monkeypatch.setattr(suggestion_views.services, "themes_suggest", lambda **kwargs: result)


def tabs_to(page: Page, name: str) -> int:
    """How many Tab presses from where the focus is to the button with this name."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == name:
            return presses
    return MAX_TABS + 1


def write_summary(page: Page, text: str) -> None:
    """Type the summary and wait for the suggestions it asks for (htmx): the test server shares one SQLite
    connection between its threads, so a save must not overlap that request."""
    with page.expect_response("**/leren/voorstellen/thema/"):
        page.get_by_label("Samenvatting").fill(text)


def fill_the_rest(page: Page) -> None:
    page.get_by_label("Kanaal").select_option("spreekuur")
    page.get_by_label("knelpunt").check()
    page.get_by_label("Aantal inwoners").fill("2")


def test_a_keyboard_user_reaches_save_in_under_15_tabs_from_the_summary(form_page: Page, three_suggestions):
    InquiryFactory(question="Wat maakt de buurtbus onmisbaar?")
    page = form_page
    page.reload()
    summary = page.get_by_label("Samenvatting")
    summary.press_sequentially("Een bewoner mist de buurtbus en voelt zich eenzaam.")
    expect(page.locator("#thema-voorstellen [data-tick-theme]")).to_have_count(3)
    expect(page.get_by_label("Verdiepingsvraag")).to_be_visible()
    summary.focus()
    assert tabs_to(page, SAVE) < 15
    assert_accessible(page)


def test_after_a_failed_save_the_focus_is_on_the_error_summary(form_page: Page):
    page = form_page
    page.get_by_role("button", name=SAVE).click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    assert_accessible(page)


def test_a_guard_button_lands_on_the_guard_block_and_the_next_failed_save_on_the_summary(form_page: Page):
    page = form_page
    write_summary(page, "Gesproken met Jan de Vries over de buurtbus. Bel 06-12345678.")
    page.get_by_role("button", name=SAVE).click()
    expect(page.locator("[data-error-summary]")).to_be_focused()

    page.get_by_role("button", name="Vervang door [NAAM]").press("Enter")
    guard = page.locator("#guard-summary")
    expect(guard.get_by_role("status")).to_contain_text("Vervangen door een label. Er staat nog 1 melding open.")
    expect(guard.get_by_role("status")).to_be_in_viewport()
    expect(guard).to_be_focused()
    assert_accessible(page)

    page.get_by_role("button", name="Vervang door [TELEFOON]").press("Enter")  # the last finding
    expect(guard.get_by_role("status")).to_contain_text("Alles is nagekeken")
    expect(guard.get_by_role("status")).to_be_in_viewport()
    expect(guard).to_be_focused()

    page.get_by_role("button", name=SAVE).press("Enter")  # still no theme: the summary, not the old #fragment
    expect(page.locator("[data-error-summary]")).to_be_focused()
    expect(page.locator("[data-error-summary]")).to_be_in_viewport()
    assert not Signal.objects.exists()


def test_the_filter_narrows_the_list_as_you_type_and_keeps_what_was_ticked(form_page: Page, live_server):
    page = form_page
    write_summary(page, "Een bewoner hoort er niet meer bij en heeft geldzorgen.")
    fill_the_rest(page)
    meedoen = page.locator("details", has=page.get_by_text("Meedoen", exact=True))
    meedoen.locator("summary").press("Enter")
    page.get_by_label("Erbij horen").check()
    expect(meedoen.locator("summary")).to_contain_text("1 aangevinkt")
    expect(page.get_by_role("button", name="Filteren", exact=True)).to_be_hidden()  # the list narrows by itself

    page.get_by_label("Zoek een thema").fill("GELD")
    expect(page.get_by_role("status").filter(has_text="gevonden")).to_have_text("2 thema's gevonden")
    expect(page.get_by_label("Omgaan met geld")).to_be_visible()
    expect(page.get_by_label("Rondkomen met je geld")).to_be_visible()
    expect(page.get_by_label("Erbij horen")).to_be_hidden()
    expect(page.get_by_label("Erbij horen")).to_be_checked()
    expect(page.locator("[data-picker-chosen]")).to_contain_text("Erbij horen")
    page.evaluate("window.stayed = true")
    page.get_by_label("Zoek een thema").press("Enter")  # does not submit: the list is filtered already
    page.wait_for_timeout(500)
    assert page.evaluate("window.stayed") is True and not Signal.objects.exists()

    page.get_by_label("Zoek een thema").fill("financiele")
    page.get_by_label("Financiële zorgen").check()
    assert_accessible(page)
    page.get_by_role("button", name=SAVE).click()
    expect(page.get_by_text("Het signaal is opgeslagen.")).to_be_visible()
    assert sorted(t.name for t in Signal.objects.get().themes.all()) == ["Erbij horen", "Financiële zorgen"]

    page.goto(f"{live_server.url}/signalen/nieuw/")
    page.get_by_label("Zoek een thema").fill("geld")
    page.get_by_label("Zoek een thema").fill("")
    expect(page.locator("details[open]")).to_have_count(0)  # an empty filter folds the list up again
    expect(page.locator("details[hidden]")).to_have_count(0)


def test_the_filter_works_without_javascript(browser: Browser, live_server, browser_context_args):
    areas_load(municipality_code="GM0503")
    user = UserFactory(username="lid-toetsenbord", password=PASSWORD)
    user.groups.add(Group.objects.get(name="lid"))
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = log_in(context.new_page(), live_server)
    page.get_by_label("Samenvatting").fill("Een bewoner heeft geldzorgen.")
    page.get_by_label("Zoek een thema").fill("geld")
    page.get_by_role("button", name="Filteren", exact=True).click()
    expect(page.get_by_text("2 thema's gevonden")).to_be_visible()
    expect(page.get_by_label("Omgaan met geld")).to_be_visible()
    expect(page.get_by_label("Erbij horen")).to_be_hidden()
    expect(page.get_by_label("Samenvatting")).to_have_value("Een bewoner heeft geldzorgen.")
    page.get_by_label("Omgaan met geld").check()

    page.get_by_label("Zoek een thema").fill("mantelzorg")
    page.get_by_label("Zoek een thema").press("Enter")  # Enter filters too, and saves nothing
    expect(page.get_by_text("1 thema gevonden")).to_be_visible()
    expect(page.get_by_label("Omgaan met geld")).to_be_checked()
    assert not Signal.objects.exists()
    context.close()


def test_the_counter_speaks_only_near_the_limit(form_page: Page):
    page = form_page
    summary = page.get_by_label("Samenvatting")
    counter = page.locator("[data-char-counter]")
    spoken = page.locator("[data-char-spoken]")
    expect(spoken).to_have_attribute("aria-live", "polite")

    summary.fill("Kort verhaal.")
    expect(counter).to_have_text("Nog 3.987 tekens over")
    page.wait_for_timeout(1500)
    expect(spoken).to_have_text("")

    summary.fill("a" * 3700)
    expect(counter).to_have_text("Nog 300 tekens over")
    expect(spoken).to_have_text("Nog 300 tekens over")

    summary.fill("a" * 2000 + "\n" + "a" * 1999)  # a new line is sent as two characters, and counted so
    expect(counter).to_have_text("1 teken te veel")
    expect(spoken).to_have_text("1 teken te veel")
    assert_accessible(page)
