"""A coordinator's way from the dashboard to a table and an export, and from a comparison
row to a data request, in headless Chromium with axe-core on every page."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from monitoring.models import Area, DataRequest, Indicator, Source
from monitoring.services import areas_load, observations_import
from signals.models import Theme
from tests.browser.menu import menu_link
from tests.browser.test_signal_flow import PASSWORD, assert_accessible
from tests.factories import IndicatorFactory, SignalFactory, SourceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("seed_data")]

FIGURES = (
    "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
    "vaak-eenzaam,GM0503,2024,,14.2,1846,12.6,15.8,11\n"
    "vaak-eenzaam,GM0503,2025,,15.1,1790,13.4,16.8,11\n"
)


@pytest.fixture
def loneliness_confirmed_by_the_panel():
    """Signals about loneliness and language in Delft in 2025; a panel figure confirms the loneliness."""
    areas_load(municipality_code="GM0503")
    lonely, language = Theme.objects.get(slug="eenzaamheid"), Theme.objects.get(slug="taal")
    buitenhof = Area.objects.get(code="WK050325")
    for day in range(1, 13):
        SignalFactory(conversation_date=date(2025, 4, day), district=buitenhof, themes=[lonely])
    for day in range(1, 3):
        SignalFactory(conversation_date=date(2025, 5, day), themes=[language])
    panel = SourceFactory(name="Inwonerspanel", owner="Gemeente", kind=Source.Kind.RESIDENT_PANEL)
    IndicatorFactory(
        code="vaak-eenzaam", name="Voelt zich vaak eenzaam", definition="%", unit=Indicator.Unit.PERCENTAGE,
        polarity=Indicator.Polarity.HIGHER_IS_WORSE, source=panel, themes=[lonely],
    )  # fmt: skip
    observations_import(data=FIGURES.encode(), file_name="panel.csv")
    return lonely


def test_dashboard_to_table_builder_export_and_a_data_request_from_the_comparison(
    page: Page, live_server, loneliness_confirmed_by_the_panel
):
    user = UserFactory(username="coordinator-triangulatie", password=PASSWORD)
    user.groups.add(Group.objects.get(name="coordinator"))
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("coordinator-triangulatie")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", name="Welkom bij Meedoen")).to_be_visible()
    expect(page.get_by_role("img").first).to_be_visible()  # the charts are there
    assert_accessible(page)

    page.get_by_role("link", name="Bekijk in de tabellenmaker").first.click()
    expect(page.get_by_role("heading", name="Tabellen maken")).to_be_visible()
    assert "gegevens=signalen" in page.url and "rijen=thema" in page.url
    table = page.get_by_role("table").first
    expect(table).to_contain_text("Eenzaamheid")
    expect(table).not_to_contain_text("<5")  # no cell is hidden any more: counts carry noise instead
    expect(page.get_by_text("Kleine verschillen kunnen ruis zijn")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden als CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert "Eenzaamheid" in exported and "Kleine verschillen kunnen ruis zijn" in exported
    assert re.search(r"Taal[^\n]*\b2\b", exported) is None  # two signals never show as 2, in the export either

    menu_link(page, "Cijfers", "Vergelijking").click()
    expect(page.get_by_role("heading", name="Vergelijking: signalen en cijfers")).to_be_visible()
    assert_accessible(page)
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Eenzaamheid", exact=True))
    expect(row).to_contain_text("bevestigd")
    row.get_by_role("link", name=re.compile("^Datavraag")).click()

    expect(page.get_by_role("heading", name="Nieuwe datavraag")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Welke gegevens*").fill("Eenzaamheid per wijk, uit het inwonerspanel van 2026.")
    page.get_by_label("Waarom*").fill("Veel signalen uit Buitenhof; de panelcijfers zijn er alleen voor heel Delft.")
    page.get_by_label("Op welk niveau*").select_option("wijk")
    page.get_by_role("button", name="Opslaan als concept").click()

    expect(page.get_by_role("heading", name="Datavraag over Eenzaamheid")).to_be_visible()
    assert_accessible(page)
    request = DataRequest.objects.get()
    theme = loneliness_confirmed_by_the_panel
    assert (request.theme, request.period, request.verdict, request.status) == (theme, 2025, "bevestigd", "concept")
