"""A resident reads the privacy statement from the request form, without an account, on a phone too,
in headless Chromium with axe-core."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_signal_flow import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]


@pytest.mark.parametrize("width", [1280, 360])
def test_a_resident_reads_the_privacy_statement_and_goes_on_to_their_data(page: Page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/mijn-gegevens/")
    page.get_by_role("link", name="Lees de privacyverklaring").click()
    expect(page.get_by_role("heading", name="Privacyverklaring", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Nieuwsbrief van de adviesraad")).to_be_visible()
    expect(page.get_by_text("Autoriteit Persoonsgegevens").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Naar mijn gegevens").click()
    expect(page.get_by_role("heading", name="Mijn gegevens bij de adviesraad")).to_be_visible()
