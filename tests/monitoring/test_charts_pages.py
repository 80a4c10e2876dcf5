"""Charts and tables on the pages (issue 14): a chart for every table, one period as bars, aspects
named with their main theme, the comparison as one table that reflows into cards, every chart drawn
for wide screens and for phones, and the linking requests that wait for the privacy officer."""

import datetime
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.urls import reverse

from monitoring.models import LinkRequest
from monitoring.services import observations_import
from signals.models import Theme
from tests.factories import IndicatorFactory, LinkRequestFactory, SignalFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the dashboard's figures are cached; every test starts, and leaves, without them
    yield
    cache.clear()


TABLES = "/monitoring/tabellen/"
HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"


def signals(count: int, theme: str, year: int) -> None:
    for day in range(count):
        SignalFactory(
            conversation_date=datetime.date(year, 3, 1 + day % 28),
            themes=[Theme.objects.get(slug=theme)],
            created_by=None,
            record_key=1 + day * 37 % 250,
        )


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def table_cells(html: str) -> dict[tuple[str, str], str]:
    """The result table's cells by (row, column), totals left out, as the page shows them."""
    table = html[html.index("<table") : html.index("</table>")]
    columns = [unescape(c) for c in re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', table)][1:]
    cells = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        if '<th scope="row">' not in row:
            continue  # the heading row
        label = unescape(re.search(r'<th scope="row">([^<]*)</th>', row).group(1))
        texts = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        cells.update({(label, column): text for column, text in zip(columns, texts, strict=True)})
    return {key: text for key, text in cells.items() if "Totaal" not in key}


def tooltips(html: str) -> dict[tuple[str, str], str]:
    """The chart for wide screens: each marker's "row, column: figure"."""
    wide = html[html.index('class="chart-wide"') : html.index('class="chart-narrow"')]
    return {(a, b): v for a, b, v in re.findall(r"<title>([^<,]+), ([^<:]+): ([^<]+)</title>", unescape(wide))}


@pytest.fixture
def three_years(member_client):
    """Loneliness and language over three years: counts that the cell-key method perturbs."""
    for year, lonely, language in ((2023, 3, 11), (2024, 7, 2), (2025, 12, 6)):
        signals(lonely, "eenzaamheid", year)
        signals(language, "taal", year)


# A chart for every table


def test_the_table_builder_draws_its_table_with_the_figures_it_shows(member_client, three_years):
    html = page(member_client, f"{TABLES}?gegevens=signalen&rijen=thema&kolommen=jaar&maat=aantal")
    cells = table_cells(html)
    assert len(cells) == 6 and tooltips(html) == cells  # a line per theme through its years, as perturbed
    assert "Grafiek: Aantal signalen per thema en jaar" in html
    summary = re.search(r'<p class="small" id="tabelgrafiek-samenvatting">([^<]+)</p>', html).group(1)
    highest = max(cells.items(), key=lambda item: int(item[1]))
    assert f"Het hoogste getal in de grafiek is {highest[1]}, bij {highest[0][0]}, {highest[0][1]}." in summary
    assert "De totalen staan alleen in de tabel." in html
    assert html.index('class="chart-wide"') < html.index("<table")  # the table follows as its alternative


def test_a_table_without_periods_is_drawn_as_bars(member_client, three_years):
    html = page(member_client, f"{TABLES}?gegevens=signalen&rijen=thema&kolommen=&maat=aantal")
    wide = html[html.index('class="chart-wide"') : html.index('class="chart-narrow"')]
    assert wide.count('class="chart-bar"') == 2 and "chart-line" not in wide
    for (theme, _column), text in table_cells(html).items():
        assert re.search(rf">{theme}</text><g class=\"chart-series\"><rect [^>]*/><text [^>]*>{text}</text>", wide)


def test_a_saved_table_draws_its_frozen_figures_not_those_of_now(member_client, three_years):
    query = "gegevens=signalen&rijen=thema&kolommen=jaar&maat=aantal"
    member_client.post(reverse("monitoring:table_save"), {"name": "Voor het advies", "query": query})
    saved = re.search(
        r'href="(/monitoring/tabellen/bewaard/\d+/)"', page(member_client, "/monitoring/tabellen/bewaard/")
    )
    before = page(member_client, saved.group(1))
    signals(20, "taal", 2025)  # the figures of now change; the copy does not
    after = page(member_client, saved.group(1))
    assert tooltips(after) == tooltips(before) == table_cells(after)
    assert 'href="/static/css/charts.css"' in after


def test_a_table_of_figures_with_a_missing_cell_leaves_a_gap(member_client, delft):
    source = SourceFactory(name="Panel")
    IndicatorFactory(code="vaak-eenzaam", source=source)
    IndicatorFactory(code="veel-stress", source=source)
    figures = (
        "vaak-eenzaam,GM0503,2024,,14.2,,,,\nvaak-eenzaam,GM0503,2025,,15.1,,,,\nveel-stress,GM0503,2025,,31,,,,\n"
    )
    observations_import(data=(HEADER + figures).encode(), file_name="panel.csv")
    html = page(member_client, f"{TABLES}?gegevens=waarnemingen&rijen=indicator&kolommen=periode&maat=waarde")
    drawn, cells = tooltips(html), table_cells(html)
    assert cells["Veel stress", "2024"] == "–geen cijfer"  # a dash, and words for a screen reader
    assert drawn == {key: text for key, text in cells.items() if not text.startswith("–")} and len(drawn) == 3
    assert "Een lijn is onderbroken waar de tabel geen getal toont." in html


# Aspects with their main theme


def test_aspects_are_named_with_their_main_theme_in_the_filter_and_the_table(member_client):
    signals(6, "sociale-contacten", 2025)
    html = page(member_client, f"{TABLES}?rijen=thema&kolommen=&thema=meedoen")
    form = html[: html.index("<table")]
    assert "Sociale contacten (Meedoen)" in form and "— Sociale contacten" not in form
    assert ("Sociale contacten (Meedoen)", "Aantal signalen") in table_cells(html)


# Every chart for every screen


@pytest.mark.parametrize("url", ["/", "/monitoring/indicatoren/eenzaam/", f"{TABLES}?rijen=thema&kolommen=jaar"])
def test_every_chart_is_drawn_for_wide_screens_and_for_phones_with_ids_of_its_own(
    member_client, url, three_years, delft
):
    lonely = SourceFactory(name="GGD")
    IndicatorFactory(code="eenzaam", source=lonely, themes=[Theme.objects.get(slug="eenzaamheid")])
    figures = "eenzaam,GM0503,2022,,40,,,,43\neenzaam,GM0503,2024,,46,,,,40\n"
    observations_import(data=(HEADER + figures).encode(), file_name="ggd.csv")
    html = page(member_client, url)
    wide = re.findall(r'<div class="chart-wide"><svg [^>]*viewBox="0 0 (\d+)', html)
    narrow = re.findall(r'<div class="chart-narrow"><svg [^>]*viewBox="0 0 (\d+)', html)
    assert wide and len(wide) == len(narrow) and set(narrow) == {"320"} and all(int(w) >= 680 for w in wide)
    ids = re.findall(r'<title id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 2 * len(wide)
    assert 'href="/static/css/charts.css"' in html and " style=" not in html


def test_a_single_period_on_the_dashboard_is_a_bar_with_the_benchmark_as_a_line(member_client, three_years, delft):
    source = SourceFactory(name="Panel")
    IndicatorFactory(code="vaak-eenzaam", source=source, benchmark_label="Nederland")
    observations_import(data=(HEADER + "vaak-eenzaam,GM0503,2025,,14.2,,,,11\n").encode(), file_name="p.csv")
    html = page(member_client, "/")
    trend = html[html.index('id="trend-vaak-eenzaam-title"') - 300 :].split("</svg>")[0]
    assert 'class="chart-bar"' in trend and "chart-line" not in trend
    assert re.search(r'<line class="chart-benchmark" x1="([\d.]+)" x2="\1"', trend)  # upright, across the bar
    assert ">Nederland: 11,0</text>" in trend and ">14,2</text>" in trend


# The comparison: one table, cards on a phone


def test_the_comparison_is_one_table_whose_rows_become_cards_with_the_verdict(member_client, delft):
    signals(6, "eenzaamheid", 2025)
    html = page(member_client, reverse("monitoring:comparison"))
    assert html.count("<table") == 1 and 'class="table-responsive comparison-cards"' in html
    row = re.search(r'<tr role="row">\s*<th scope="row" role="rowheader">Eenzaamheid</th>(.*?)</tr>', html, re.S)
    verdict = '<td role="cell" class="comparison-verdict"><span class="comparison-label" aria-hidden="true">Oordeel'
    assert row and verdict in row.group(1)
    assert row.group(1).count('aria-hidden="true"') == 5  # the cards' labels repeat the headings: hidden from readers
    assert 'href="/static/css/charts.css"' in html


# Decisions that wait


def test_the_privacy_officer_sees_how_many_linking_requests_wait_for_a_decision(privacy_client, privacy_officer):
    LinkRequestFactory.create_batch(2)
    LinkRequestFactory(requested_by=privacy_officer)  # someone else decides on their own request
    LinkRequestFactory(status=LinkRequest.Status.APPROVED)
    html = page(privacy_client, "/")
    link = re.search(r'<a href="([^"]+)" class="alert-link">([^<]+)</a>', html)
    assert link.group(2) == "2 koppelverzoeken wachten op uw besluit"
    assert unescape(link.group(1)) == "/monitoring/koppelverzoeken/?status=ingediend"
    page(privacy_client, unescape(link.group(1)))  # the list, filtered on what waits


def test_one_waiting_request_and_none(privacy_client):
    request = LinkRequestFactory()
    assert "1 koppelverzoek wacht op uw besluit" in page(privacy_client, "/")
    request.status = LinkRequest.Status.REJECTED
    request.save()
    assert "Er wachten geen koppelverzoeken op uw besluit." in page(privacy_client, "/")


def test_only_who_may_decide_sees_the_waiting_requests(member_client, coordinator_client):
    LinkRequestFactory()
    for client in (member_client, coordinator_client):
        assert "op uw besluit" not in page(client, "/")


def test_the_filters_stay_folded_with_their_count_so_the_table_comes_first_on_a_phone(member_client):
    page = member_client.get(reverse("monitoring:tables"), {"van": "2024", "kanaal": "spreekuur"}).content.decode()
    assert '<details class="mb-3">' in page and "Filters (2 ingesteld)" in page
