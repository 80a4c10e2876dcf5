"""The table builder's pages: choosing a table in the URL, the noise note on the page and in the
downloads, saving a frozen copy, and sources that need an approved linking request.

These tests read the tables' arithmetic, so counts show exactly here (tests/exact_counts.py); the
noise on the same pages is tested in test_disclosure_attacks.py."""

import csv
import datetime
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from monitoring.models import Area, Indicator, LinkRequest, SavedTable, Source
from monitoring.services import observations_import
from monitoring.services import tables as table_service
from signals.models import Signal, Theme
from tests.factories import IndicatorFactory, LinkRequestFactory, SignalFactory, SourceFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("exact_counts")]


URL = "/monitoring/tabellen/"
HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"


def signals(count: int, *, theme: str = "eenzaamheid", year: int = 2025, **fields) -> None:
    fields.setdefault("created_by", None)  # no author: making users (with password hashes) is slow
    for _n in range(count):
        SignalFactory(conversation_date=datetime.date(year, 3, 14), themes=[Theme.objects.get(slug=theme)], **fields)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def table_rows(html: str) -> dict[str, list[str]]:
    """Each row of the result table by its label: the texts of its cells (hidden parts left out)."""
    table = html[html.index("<table") : html.index("</table>")]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)[1:]:
        label = unescape(re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, flags=re.S).group(1))).strip()
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        cells = [re.sub(r'<span class="visually-hidden">.*?</span>', "", c) for c in cells]
        rows[label] = [" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells]
    return rows


@pytest.fixture
def two_years_of_signals(member_client):
    """Loneliness: 6 signals in 2024 and 3 in 2025; language: 8 and 7."""
    signals(6, year=2024)
    signals(3, year=2025)
    signals(8, theme="taal", year=2024)
    signals(7, theme="taal", year=2025)


# The default table and the URL


def test_the_default_table_counts_signals_per_theme_and_year_and_says_counts_carry_noise(
    member_client, two_years_of_signals
):
    html = page(member_client, URL)
    assert "Aantal signalen per thema en jaar" in html
    # No cell is hidden any more ("x", "<5"): every count carries noise instead (none with this table).
    assert table_rows(html) == {"Eenzaamheid": ["6", "3", "9"], "Taal": ["8", "7", "15"], "Totaal": ["14", "10", "24"]}
    assert "Kleine verschillen kunnen ruis zijn" in html and 'href="/monitoring/tabellen/bescherming/"' in html
    assert "telt bij elk van die thema" in html


def test_themes_without_signals_are_left_out_and_rows_follow_the_theme_tree(member_client, two_years_of_signals):
    signals(5, theme="sociale-contacten")
    signals(5, theme="meedoen")
    html = page(member_client, URL)
    # An aspect is named with its main theme, in the table as in the filter: not "— Sociale contacten".
    assert list(table_rows(html)) == ["Meedoen", "Sociale contacten (Meedoen)", "Eenzaamheid", "Taal", "Totaal"]
    assert re.search(r"<label[^>]*>\s*Sociale contacten \(Meedoen\)\s*</label>", html) or (
        ">Sociale contacten (Meedoen)<" in html.split("<table")[0]
    )


def test_the_choice_lives_in_the_url_and_the_link_gives_the_same_table(member_client, delft):
    buitenhof = Area.objects.get(code="WK050325")
    signals(6, district=buitenhof, kind=Signal.Kind.IDEA, residents=2)
    signals(5, district=buitenhof, kind=Signal.Kind.PROBLEM, residents=3, theme="taal")
    query = "gegevens=signalen&rijen=soort&kolommen=wijk&maat=inwoners&wijk=WK050325&van=2025&tot=2025"
    html = page(member_client, f"{URL}?{query}")
    rows = table_rows(html)
    assert rows["idee"] == ["12"] and rows["knelpunt"] == ["15"] and rows["Totaal"] == ["27"]
    assert '<option value="soort" selected>' in html and '<option value="inwoners" selected>' in html
    assert re.search(r'value="WK050325"[^>]*checked', html)
    link = unescape(re.search(r'href="([^"]+)">Link naar deze tabel', html).group(1))
    assert parse_qs(urlsplit(link).query) == parse_qs(query)
    assert table_rows(page(member_client, link)) == rows


def test_no_columns_gives_one_column_and_a_theme_filter_includes_its_aspects(member_client):
    signals(6, theme="sociale-contacten")
    signals(5, theme="meedoen")
    signals(8, theme="taal")
    rows = table_rows(page(member_client, f"{URL}?rijen=thema&kolommen=&thema=meedoen"))
    assert rows == {"Meedoen": ["5"], "Sociale contacten (Meedoen)": ["6"], "Totaal": ["11"]}


def test_quarters_in_order_and_signals_without_an_age_band_last(member_client):
    signals(5, age_band=Signal.AgeBand.OLDER)
    signals(6, year=2024)
    html = page(member_client, f"{URL}?rijen=leeftijd&kolommen=kwartaal")
    assert re.search(r">2024 K1</th>.*>2025 K1</th>", html, flags=re.S)
    assert table_rows(html) == {
        "65 tot 80 jaar": ["0", "5", "5"],
        "Leeftijd onbekend": ["6", "0", "6"],
        "Totaal": ["6", "5", "11"],
    }


def test_an_empty_choice_says_there_is_nothing_to_show(member_client):
    html = page(member_client, f"{URL}?van=1990&tot=1990")
    assert "Voor deze keuze zijn er geen gegevens" in html


@pytest.mark.parametrize(
    "query, message",
    [
        ("rijen=jaar&kolommen=jaar", "Kies voor de kolommen iets anders dan voor de rijen."),
        ("rijen=indicator", "Indicator past niet bij signalen"),
        ("gegevens=waarnemingen&maat=aantal", "Aantal signalen past niet bij cijfers van indicatoren"),
        ("rijen=onzin", "onzin is geen beschikbare keuze"),
        ("van=abc", "Voer een geheel getal in"),
        ("van=2025&tot=2020", "Dit jaar ligt vóór het beginjaar."),
        ("thema=bestaat-niet", "bestaat-niet is geen beschikbare keuze"),
        ("gegevens=waarnemingen&rijen=gebied&kolommen=periode", "Kies één indicator"),
    ],
)
def test_a_wrong_choice_gets_a_dutch_message_and_stays_in_the_form(member_client, two_years_of_signals, query, message):
    html = unescape(page(member_client, f"{URL}?{query}"))
    assert message in html
    assert "Deze tabel kan zo niet" in html and "<table" not in html


def test_unknown_parameters_and_an_unknown_data_choice_are_ignored(member_client, two_years_of_signals):
    rows = table_rows(page(member_client, f"{URL}?gegevens=iets&foo=bar"))
    assert rows["Totaal"] == ["14", "10", "24"]


def test_a_table_too_large_to_read_gets_a_message(member_client, two_years_of_signals, monkeypatch):
    monkeypatch.setattr(table_service, "MAX_CELLS", 2)
    html = page(member_client, URL)
    assert "Deze tabel wordt te groot" in html and "<table" not in html


def test_the_page_needs_a_bounded_number_of_queries(member_client, two_years_of_signals, django_assert_max_num_queries):
    signals(20, theme="taal", year=2023)
    with django_assert_max_num_queries(12):
        member_client.get(f"{URL}?rijen=thema&kolommen=wijk")


def test_members_may_use_it_and_users_without_the_figures_role_may_not(member_client, client):
    assert member_client.get(URL).status_code == 200
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}export.csv").status_code == 403


# Downloads


def test_the_csv_has_the_same_figures_and_note_and_is_safe_to_open_in_a_spreadsheet(member_client):
    risky = Theme.objects.create(name="=HYPERLINK(1)", position=99)
    signals(8, theme=risky.slug, year=2024)
    signals(7, theme=risky.slug, year=2025)
    signals(6, year=2024)
    signals(3, year=2025)
    response = member_client.get(f"{URL}export.csv?rijen=thema&kolommen=jaar")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert re.fullmatch(
        r'attachment; filename="tabel-signalen-thema-jaar-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"]
    )
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["Thema", "2024", "2025", "Totaal"]
    assert {line[0]: line[1:] for line in lines[1:4]} == {
        "Eenzaamheid": ["6", "3", "9"],
        "'=HYPERLINK(1)": ["8", "7", "15"],
        "Totaal": ["14", "10", "24"],
    }
    assert ["Aantal signalen per thema en jaar"] in lines
    assert any(line and line[0].startswith("Kleine verschillen kunnen ruis zijn") for line in lines)
    assert ["Uitleg: http://testserver/monitoring/tabellen/bescherming/"] in lines
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line)


def test_the_xlsx_has_the_same_figures_and_text_never_becomes_a_formula(member_client, two_years_of_signals):
    Theme.objects.create(name="+31 leeft", position=99)
    signals(9, theme="31-leeft", year=2025)
    response = member_client.get(f"{URL}export.xlsx")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"].endswith('.xlsx"')
        and "tabel-signalen-thema-jaar" in response["Content-Disposition"]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = [[cell.value for cell in row] for row in sheet.iter_rows()]
    by_label = {line[0]: line[1:] for line in lines[1:] if line[0]}
    assert by_label["Eenzaamheid"] == [6, 3, 9]
    assert by_label["'+31 leeft"] == [0, 9, 9]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_a_wrong_choice_in_a_download_shows_the_page_with_the_message(member_client, two_years_of_signals):
    response = member_client.get(f"{URL}export.csv?rijen=jaar&kolommen=jaar")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors  # the builder's page, with what is wrong, and no file
    assert member_client.get(f"{URL}export.pdf").status_code == 404


# Saving


def save(client, name: str, query: str = "gegevens=signalen&rijen=thema&kolommen=jaar&maat=aantal"):
    return client.post(reverse("monitoring:table_save"), {"name": name, "query": query})


def test_a_saved_table_keeps_its_figures_after_the_signals_change(member_client, member, two_years_of_signals):
    response = save(member_client, "Eenzaamheid voor het advies")
    saved = SavedTable.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring:saved_table", args=[saved.pk])
    assert saved.created_by == member and saved.query.startswith("gegevens=signalen&rijen=thema")
    signals(10, year=2025)
    frozen = page(member_client, response.url)
    assert table_rows(frozen)["Totaal"] == ["14", "10", "24"]
    assert "Bewaard op" in frozen and member.username in frozen
    live = unescape(re.search(r'href="([^"]+)">Open deze tabel met de cijfers van nu', frozen).group(1))
    assert table_rows(page(member_client, live))["Totaal"] == ["14", "20", "34"]


def test_the_frozen_copy_holds_the_figures_as_shown_and_says_they_carry_noise(member_client, two_years_of_signals):
    save(member_client, "Kleine aantallen")
    figures = SavedTable.objects.get().figures
    assert figures["perturbed"] is True
    frozen = page(member_client, reverse("monitoring:saved_table", args=[SavedTable.objects.get().pk]))
    assert table_rows(frozen)["Eenzaamheid"] == ["6", "3", "9"] and "Hoe we kleine aantallen beschermen" in frozen


def test_saving_without_a_name_keeps_the_table_and_says_what_is_missing(member_client, two_years_of_signals):
    response = save(member_client, "  ")
    assert response.status_code == 200 and "Dit veld is verplicht" in response.content.decode()
    assert "<table" in response.content.decode() and not SavedTable.objects.exists()


def test_saved_tables_are_listed_for_readers_but_only_some_roles_may_save(
    client, member, privacy_officer, two_years_of_signals
):
    client.force_login(member)
    save(client, "Voor het advies")
    client.force_login(privacy_officer)
    html = page(client, reverse("monitoring:saved_tables"))
    assert "Voor het advies" in html and member.username in html
    assert save(client, "Mag niet").status_code == 403


# Sources that need an approved linking request


@pytest.fixture
def two_sources(delft, coordinator):
    open_source = SourceFactory(name="CBS", owner="CBS", kind=Source.Kind.CBS)
    closed = SourceFactory(
        name="Wijkteam",
        owner="Gemeente",
        kind=Source.Kind.REGISTRATION,
        linking_policy=Source.LinkingPolicy.APPROVAL,
    )
    for code, name, source in (("bijstand", "Bijstand", open_source), ("verwijzingen", "Verwijzingen", closed)):
        IndicatorFactory(code=code, name=name, unit=Indicator.Unit.COUNT, source=source)
    data = HEADER + "bijstand,GM0503,2024,,120,,,,\nverwijzingen,GM0503,2024,,45,,,,\nbijstand,GM0503,2023,,110,,,,\n"
    observations_import(data=data.encode(), file_name="cijfers.csv", user=coordinator)
    return closed


def approve(source, user, *, valid_until):
    LinkRequestFactory(status=LinkRequest.Status.APPROVED, valid_until=valid_until, sources=[source], users=[user])


def test_figures_of_a_source_needing_approval_are_left_out_and_the_page_says_so(member_client, two_sources):
    html = page(member_client, f"{URL}?gegevens=waarnemingen")
    rows = table_rows(html)
    assert rows == {"Bijstand": ["110", "120"]}
    assert "1 bron vereist een goedgekeurd koppelverzoek en doet daarom niet mee." in html
    assert "Verwijzingen" not in html  # not even offered as a filter


def test_an_approved_request_naming_the_user_brings_the_source_in(member_client, member, two_sources):
    approve(two_sources, member, valid_until=datetime.date.today() + datetime.timedelta(days=30))
    html = page(member_client, f"{URL}?gegevens=waarnemingen")
    assert table_rows(html) == {"Bijstand": ["110", "120"], "Verwijzingen": ["–", "45"]}
    assert "koppelverzoek" not in html


def test_an_expired_request_or_one_for_someone_else_does_not(member_client, member, coordinator, two_sources):
    approve(two_sources, member, valid_until=datetime.date.today() - datetime.timedelta(days=1))
    approve(two_sources, coordinator, valid_until=datetime.date.today() + datetime.timedelta(days=30))
    html = page(member_client, f"{URL}?gegevens=waarnemingen")
    assert "Verwijzingen" not in html and "1 bron vereist een goedgekeurd koppelverzoek" in html


def test_a_table_of_figures_per_area_takes_the_mean_when_periods_share_a_cell(member_client, two_sources):
    html = page(member_client, f"{URL}?gegevens=waarnemingen&rijen=gebied&kolommen=&indicator=bijstand")
    assert table_rows(html) == {"Delft": ["115 gemiddelde van 2 waarden"]}
    assert "geen totalen" in html and "Gebied" in html


def test_a_saved_copy_never_holds_figures_that_need_a_linking_request(member_client, member, two_sources):
    approve(two_sources, member, valid_until=datetime.date.today() + datetime.timedelta(days=30))
    response = save(member_client, "Bijstand en verwijzingen", "gegevens=waarnemingen")
    saved = SavedTable.objects.get()
    assert response.status_code == 302
    assert "Verwijzingen" not in str(saved.figures) and "Bijstand" in str(saved.figures)


def test_a_table_of_figures_can_be_saved_and_downloaded_as_xlsx(member_client, two_sources):
    assert save(member_client, "Bijstand", "gegevens=waarnemingen&indicator=bijstand").status_code == 302
    response = member_client.get(f"{URL}export.xlsx?gegevens=waarnemingen&indicator=bijstand")
    assert response.status_code == 200 and response.content.startswith(b"PK")
