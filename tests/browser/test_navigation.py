"""The main menu in headless Chromium, for every role at 1280, 1024, 800, 768 and 360 px: the page is never
wider than the window, every menu link can be reached and opened, logout is reachable and works; with the
keyboard, with a screen reader's view (expanded state, aria-current) and without JavaScript; axe-core finds
no serious or critical violation with a menu open."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Browser, Page, expect

from tests.browser.menu import logout_button, menu_group, open_menu
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]

ROLES = ["lid", "coordinator", "privacy", "beheerder"]
WIDTHS = [1280, 1024, 800, 768, 360]
WIDE = 992  # from here the menu is a bar with dropdowns; below it folds behind the Menu button


def log_in(page: Page, live_server, role: str) -> None:
    user = UserFactory(username=f"{role}-nav", password=PASSWORD, is_staff=role == "beheerder")
    user.groups.add(Group.objects.get(name=role))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(f"{role}-nav")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 or less: it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def fits(page: Page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]


@pytest.mark.parametrize("role", ROLES)
def test_the_menu_fits_every_width_and_every_link_and_logout_can_be_reached(page: Page, live_server, role):
    log_in(page, live_server, role)
    hrefs = page.locator(".site-nav-panel a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + "/")
        toggle = page.get_by_role("button", name="Menu openen of sluiten")
        assert toggle.is_visible() == (width < WIDE), width
        assert overflow(page) <= 0, (role, width, overflow(page))
        open_menu(page)
        assert overflow(page) <= 0, (role, width, "menu open", overflow(page))
        for group in page.locator(".site-nav-list details.site-nav-group").all():
            group.locator("summary").click()
            expect(group.locator("a").first).to_be_visible()
            for link in group.locator("a").all():
                assert fits(page, link), (role, width, link.inner_text())
            assert overflow(page) <= 0, (role, width, group.locator("summary").inner_text(), overflow(page))
        logout = logout_button(page)
        expect(logout).to_be_visible()
        assert fits(page, logout), (role, width)
        assert overflow(page) <= 0, (role, width, "account open", overflow(page))
    for href in hrefs:  # every page of the menu opens and its menu stays within a phone's width
        if href.startswith("/beheer/"):
            continue  # Django's admin has its own header
        page.goto(live_server.url + href)
        assert page.locator(".site-nav").bounding_box()["width"] <= 360, href
    page.set_viewport_size({"width": 1024, "height": 800})
    logout_button(page).click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()


def test_the_menu_works_with_the_keyboard_and_says_what_is_open(page: Page, live_server):
    log_in(page, live_server, "coordinator")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/monitoring/vergelijking/")
    figures = menu_group(page, "Cijfers")
    figures.focus()
    assert expanded(page, "Cijfers") is False
    page.keyboard.press("Enter")
    assert expanded(page, "Cijfers") is True
    current = page.locator('.site-nav a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text("Vergelijking")
    page.keyboard.press("Tab")
    expect(page.locator(".site-nav a").filter(has_text="Vergelijking")).to_be_focused()
    assert_accessible(page)
    page.keyboard.press("Escape")  # closes the group and gives the focus back to it
    assert expanded(page, "Cijfers") is False
    expect(figures).to_be_focused()

    page.keyboard.press("Enter")
    menu_group(page, "Opvolging").click()  # one group open at a time
    assert expanded(page, "Cijfers") is False and expanded(page, "Opvolging") is True
    page.locator("main h1").click()  # a click elsewhere closes it
    assert expanded(page, "Opvolging") is False


def test_the_phone_menu_button_says_whether_it_is_open(page: Page, live_server):
    log_in(page, live_server, "privacy")
    page.set_viewport_size({"width": 360, "height": 740})
    toggle = page.get_by_role("button", name="Menu openen of sluiten")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#hoofdmenu")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu_group(page, "Privacy").click()
    expect(page.get_by_role("link", name="Verwerkingsregister")).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()


@pytest.mark.parametrize("width", [1280, 360])
def test_without_javascript_every_link_and_logout_are_still_reachable(browser: Browser, live_server, width):
    UserFactory(username="coordinator-nojs", password=PASSWORD).groups.add(Group.objects.get(name="coordinator"))
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator-nojs")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Menu openen of sluiten")).to_be_hidden()  # nothing to fold
    expect(page.locator("#hoofdmenu")).to_be_visible()
    menu_group(page, "Privacy").click()
    expect(page.get_by_role("link", name="Contacten")).to_be_visible()
    page.get_by_role("link", name="Contacten").click()
    expect(page.get_by_role("heading", name="Contacten van inwoners")).to_be_visible()
    assert overflow(page) <= 0
    page.locator(".site-nav-account > summary").click()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    context.close()


def test_the_skip_link_and_the_footer_language_switch_stay(page: Page, live_server):
    log_in(page, live_server, "lid")
    page.set_viewport_size({"width": 360, "height": 740})
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies taal").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert overflow(page) <= 0


def expanded(page: Page, name: str) -> bool:
    """The expanded state Chromium gives a screen reader for the group's summary (a disclosure)."""
    cdp = page.context.new_cdp_session(page)
    try:
        for node in cdp.send("Accessibility.getFullAXTree")["nodes"]:
            if node["role"]["value"] == "DisclosureTriangle" and node.get("name", {}).get("value") == name:
                return {p["name"]: p["value"]["value"] for p in node.get("properties", [])}["expanded"]
    finally:
        cdp.detach()
    raise AssertionError(f"no disclosure named {name}")


def test_the_guide_is_in_the_menu_and_fits_a_phone(page: Page, live_server):
    log_in(page, live_server, "lid")
    page.set_viewport_size({"width": 360, "height": 740})
    open_menu(page)
    page.locator(".site-nav").get_by_role("link", name="Hulp").click()
    expect(page.get_by_role("heading", name="Handleiding Meedoen", level=1)).to_be_visible()
    page.get_by_role("link", name="De vergelijking van signalen en cijfers").click()
    expect(page.get_by_role("heading", name="De vergelijking: signalen naast cijfers")).to_be_visible()
    assert overflow(page) <= 0
    table = page.get_by_role("region", name="Een voorbeeld")  # wide tables scroll in a labelled region
    table.focus()
    expect(table).to_be_focused()
    assert_accessible(page)
    page.context.clear_cookies()  # a resident, without a login, reads their own page from the footer
    page.goto(live_server.url + "/mijn-gegevens/")
    page.get_by_role("link", name="Uitleg over uw gegevens").click()
    expect(page.get_by_role("heading", name="Uw gegevens bij de adviesraad")).to_be_visible()
    assert overflow(page) <= 0
    assert_accessible(page)
