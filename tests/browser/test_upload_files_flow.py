"""A coordinator in headless Chromium finds the templates and the area codes from the upload page,
downloads the Excel template, and uploads a damaged file: a clear message, no error page; axe-core
on every page."""

import io

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from monitoring.models import Upload
from monitoring.services import areas_load
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]


def test_a_coordinator_gets_a_template_and_the_area_codes_and_a_clear_message_for_a_damaged_file(
    page: Page, live_server, tmp_path
):
    areas_load(municipality_code="GM0503")
    user = UserFactory(username="coordinator-files", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator-files")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.goto(f"{live_server.url}/monitoring/uploaden/")
    expect(page.get_by_role("heading", name="Cijfers uploaden")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX) sjabloon voor cijfers").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert [c.value for c in book.worksheets[0][1]][:3] == ["indicator", "area", "period"]

    page.get_by_role("link", name="lijst met gebiedscodes").click()
    expect(page.get_by_role("heading", name="Cijfers: gebiedscodes")).to_be_visible()
    expect(page.get_by_role("row", name="WK050325 Buitenhof")).to_be_visible()
    assert_accessible(page)

    page.go_back()
    damaged = tmp_path / "cijfers.xlsx"
    damaged.write_bytes(download.value.path().read_bytes()[:500])  # half of an upload
    page.get_by_label("Bestand*").set_input_files(str(damaged))
    page.get_by_role("button", name="Uploaden en controleren").click()
    expect(page.get_by_text("Het Excel-bestand is beschadigd")).to_be_visible()
    expect(page.get_by_text("later")).to_have_count(0)
    assert_accessible(page)
    assert Upload.objects.get().status == Upload.Status.REFUSED
