"""The catalogue pages: indicators and sources with filters, an indicator's figures, the import history."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import Area, Import, Indicator, Source
from monitoring.services import observations_import
from signals.models import Theme
from tests.factories import AreaFactory, ImportFactory, IndicatorFactory, SourceFactory

# The figures in these tests are Delft's.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft")]

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
DISTRICTS = [
    "WK050311",
    "WK050312",
    "WK050313",
    "WK050314",
    "WK050316",
    "WK050322",
    "WK050323",
    "WK050324",
    "WK050325",
    "WK050326",
    "WK050327",
    "WK050328",
    "WK050329",
]


def load(text: str, user=None, name: str = "cijfers.csv"):
    return observations_import(data=(HEADER + text).encode(), file_name=name, user=user).source_import


@pytest.fixture
def lonely_figures(lonely_indicator, coordinator):
    """The import of "eenzaam" figures: Delft and Buitenhof in two rounds and Tanthof-Oost in one,
    with a benchmark; one figure for a group."""
    return load(
        'eenzaam,GM0503,2016,,"38,5",1200,37,40,43\n'
        "eenzaam,WK050325,2016,,54,120,48,60,43\n"
        "eenzaam,GM0503,2020,,41,1300,,,45\n"
        "eenzaam,WK050325,2020,,52,130,,,45\n"
        "eenzaam,WK050323,2020,,33,100,,,45\n"
        "eenzaam,GM0503,2020,65+,47,300,,,\n",
        user=coordinator,
        name="ggd_2020.csv",
    )


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def rows_of(html: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", html, flags=re.S)


# The indicator list


def test_members_see_the_catalogue_with_counts_and_the_latest_period(member_client, lonely_figures):
    html = page(member_client, reverse("monitoring:indicators"))
    assert "1 indicator gevonden" in html
    [row] = [r for r in rows_of(html) if "eenzaam" in r]
    assert "Eenzaam" in row and "GGD" in row and "percentage" in row and "Eenzaamheid" in row
    assert re.search(r">\s*6\s*</td>", row)  # observations
    assert ">2020</td>" in row  # latest period


def test_filtering_by_theme_shows_only_its_indicators_and_a_main_theme_includes_its_aspects(member_client, ggd):
    taking_part = Theme.objects.get(slug="meedoen")
    aspect = Theme.objects.get(slug="sociale-contacten", parent=taking_part)
    for code, theme in (("vrienden", taking_part), ("steun", aspect), ("geld", Theme.objects.get(slug="taal"))):
        IndicatorFactory(code=code, name=code.title(), unit=Indicator.Unit.COUNT, source=ggd, themes=[theme])
    url = reverse("monitoring:indicators")
    by_aspect = page(member_client, f"{url}?thema={aspect.pk}")
    assert "1 indicator gevonden" in by_aspect and "Steun" in by_aspect and "Vrienden" not in by_aspect
    by_main = page(member_client, f"{url}?thema={taking_part.pk}")
    assert "2 indicatoren gevonden" in by_main and "Geld" not in by_main
    assert "Filters wissen" in by_main


def test_search_looks_in_code_name_and_definition_and_filters_combine(member_client, lonely_indicator, ggd):
    cbs = SourceFactory(name="CBS", owner="CBS", kind=Source.Kind.CBS)
    IndicatorFactory(
        code="bijstand", name="Bijstand", definition="Huishoudens met bijstand", unit=Indicator.Unit.COUNT, source=cbs
    )
    url = reverse("monitoring:indicators")
    assert "Eenzaam" in page(member_client, f"{url}?q=ernstig+eenzaam")
    assert "Bijstand" in page(member_client, f"{url}?q=huishoudens")
    only_cbs = page(member_client, f"{url}?bron={cbs.pk}&eenheid=aantal")
    assert "1 indicator gevonden" in only_cbs and "Bijstand" in only_cbs
    assert "0 indicatoren gevonden" in page(member_client, f"{url}?bron={cbs.pk}&richting=higher_is_worse")


def test_the_list_shows_25_indicators_a_page(member_client, ggd):
    for n in range(30):
        IndicatorFactory(code=f"ind-{n:02d}", name=f"Indicator {n:02d}", unit=Indicator.Unit.COUNT, source=ggd)
    url = reverse("monitoring:indicators")
    first = page(member_client, f"{url}?q=indicator")
    assert "Indicator 24" in first and "Indicator 25" not in first
    assert "Pagina 1 van 2" in first and "q=indicator&amp;pagina=2" in first
    second = page(member_client, f"{url}?q=indicator&pagina=2")
    assert "Indicator 25" in second and "Indicator 29" in second and "Indicator 24" not in second


def _indicators_with_figures(ggd, count: int) -> None:
    themes = list(Theme.objects.all()[:3])
    lines = []
    for n in range(count):
        IndicatorFactory(
            code=f"ind-{n:02d}", name=f"Indicator {n:02d}", unit=Indicator.Unit.COUNT, source=ggd, themes=themes
        )
        lines += [f"ind-{n:02d},GM0503,{year},,{n + year % 10},,,,\n" for year in (2019, 2020)]
    load("".join(lines))


def test_the_indicator_list_does_not_query_per_row(member_client, ggd, django_assert_max_num_queries):
    _indicators_with_figures(ggd, 30)
    url = reverse("monitoring:indicators")
    with CaptureQueriesContext(connection) as ten:
        assert page(member_client, f"{url}?q=ind-2").count("<tr>") == 1 + 10
    with django_assert_max_num_queries(12), CaptureQueriesContext(connection) as many:
        html = page(member_client, f"{url}?q=ind")
    assert html.count("<tr>") == 1 + 25 and "Indicator 24" in html
    assert len(many) == len(ten)


def test_the_import_list_does_not_query_per_row(coordinator_client, lonely_indicator, coordinator, privacy_officer):
    for year in range(2000, 2029):
        load(f"eenzaam,GM0503,{year},,10,,,,\n", user=coordinator, name=f"{year}.csv")
    load("eenzaam,GM0503,2029,,10,,,,\n", user=privacy_officer, name="2029.csv")
    url = reverse("monitoring:imports")
    with CaptureQueriesContext(connection) as one:
        assert "1 import" in page(coordinator_client, f"{url}?door=privacy")
    with CaptureQueriesContext(connection) as many:
        html = page(coordinator_client, f"{url}?door=coordinator")
    assert "29 imports" in html and html.count("<tr>") == 1 + 25
    assert len(many) == len(one) <= 10


# Sources


def test_sources_show_owner_and_whether_they_may_be_linked_with_a_link_to_their_indicators(
    member_client, lonely_indicator
):
    SourceFactory(name="Wijkteam", kind=Source.Kind.REGISTRATION, linking_policy=Source.LinkingPolicy.APPROVAL)
    html = page(member_client, reverse("monitoring:sources"))
    assert "2 bronnen" in html
    [ggd_row] = [r for r in rows_of(html) if "GGD Haaglanden" in r]
    assert "open: openbare gegevens" in ggd_row
    assert f'href="/monitoring/?bron={lonely_indicator.source.pk}"' in ggd_row and "1 indicator" in ggd_row
    [team_row] = [r for r in rows_of(html) if "Wijkteam" in r]
    assert "koppelen alleen na goedkeuring van de AVG-functionaris" in team_row and "0 indicatoren" in team_row


# One indicator


def test_the_indicator_page_shows_its_metadata_and_the_source_credit(member_client, lonely_figures):
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]))
    for text in (
        "Percentage volwassenen dat zich (zeer) ernstig eenzaam voelt.",
        "hoger is slechter",
        "om de twee jaar",
        "Gemeente Delft, team Onderzoek",
        "Gezondheidsmonitor Volwassenen",
        "open: openbare gegevens",
        "Eenzaamheid",
        "Bron: GGD (GGD Haaglanden), Gezondheidsmonitor Volwassenen.",
    ):
        assert text in html, text


def test_the_chart_has_a_line_per_area_and_the_benchmark_dashed(member_client, lonely_figures):
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]))
    svg, narrow = re.findall(r"<svg.*?</svg>", html, flags=re.S)  # for wide screens, and for phones
    assert 'role="img"' in svg and 'aria-labelledby="grafiek-title grafiek-desc"' in svg
    assert '<title id="grafiek-title">Eenzaam per gebied</title>' in svg
    assert 'aria-labelledby="grafiek-smal-title grafiek-smal-desc"' in narrow  # ids of its own
    for drawing in (svg, narrow):
        assert drawing.count('class="chart-line"') == 3  # Delft, Buitenhof, Tanthof-Oost: the others have none
        [benchmark] = re.findall(r'<path class="chart-benchmark"[^>]*>', drawing)
        assert 'stroke-dasharray="6 4"' in benchmark
        assert "Vergelijkingswaarde: Nederland" in drawing
    assert " style=" not in html and "<style" not in html


def test_the_table_gives_the_same_figures_in_dutch_number_format(member_client, lonely_figures):
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]))
    table = html[html.index("<table") :]
    assert '<caption id="indicator-detail-tabel">Eenzaam per periode en gebied.' in table
    # More areas (3) than periods (2): a row per area, so the table grows down, not off the page.
    header = re.search(r"<thead>.*?</thead>", table, flags=re.S).group()
    assert header.index("Gebied") < header.index("2016") < header.index("2020")
    rows = {m.group(1): r for r in rows_of(table) if (m := re.search(r'<th scope="row">([^<]+)</th>', r))}
    assert list(rows) == ["Delft", "Buitenhof", "Tanthof-Oost", "Nederland"]  # the benchmark last, short
    assert (
        "38,5" in rows["Delft"] and "37,0–40,0 · n\u00a0=\u00a01.200" in rows["Delft"] and "54,0" in rows["Buitenhof"]
    )
    assert "geen cijfer" in rows["Tanthof-Oost"]  # Tanthof-Oost has none for 2016
    assert "Binnenstad" not in table  # a district without any figures is left out
    assert "In 2020 was de waarde voor Delft 41,0 %." in html
    assert "Buitenhof had in 2020 de hoogste waarde: 52,0 %. Tanthof-Oost had de laagste: 33,0 %." in html


def test_more_periods_than_areas_give_a_row_per_period(member_client, lonely_indicator):
    load("".join(f"eenzaam,GM0503,{year},,{year - 1990},,,,50\n" for year in range(2016, 2021)))
    table = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]))
    header = re.search(r"<thead>.*?</thead>", table[table.index("<table") :], flags=re.S).group()
    assert header.index("Periode") < header.index("Delft") < header.index("Nederland")  # the benchmark last
    assert next(r for r in rows_of(table) if '<th scope="row">2018</th>' in r).count("28") == 1


def test_one_period_is_drawn_as_a_bar_per_area_with_the_benchmark_as_a_line(member_client, lonely_indicator):
    """One period as lines is a stack of markers and a dash; as bars every area fits, highest first."""
    load("".join(f"eenzaam,{code},2020,,{20 + i},,,,24\n" for i, code in enumerate(["GM0503", *DISTRICTS])))
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]))
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S).group()
    assert "chart-line" not in svg and svg.count('class="chart-bar"') == 14  # Delft and all 13 districts
    assert "Staafgrafiek met een staaf per gebied, voor 2020." in svg
    labels = re.findall(r'text-anchor="end" dominant-baseline="middle">([^<]+)</text>', svg)
    highest = Area.objects.get(code=DISTRICTS[-1]).name
    assert labels[0] == "Delft" and labels[1] == highest  # the municipality, then the highest district
    [reference] = re.findall(r'<g class="chart-reference">.*?</g>', svg)
    assert 'stroke-dasharray="6 4"' in reference and ">Nederland: 24</text>" in reference
    assert "Meer dan 8 lijnen" not in html  # bars need no choice


def test_an_unknown_indicator_is_not_found(member_client, lonely_indicator):
    assert member_client.get(reverse("monitoring:indicator", args=["bestaat-niet"])).status_code == 404


def test_choosing_a_group_shows_its_figures(member_client, lonely_figures):
    url = reverse("monitoring:indicator", args=["eenzaam"])
    html = page(member_client, f"{url}?groep=65%2B")
    assert "Eenzaam per periode en gebied (65+)." in html
    assert "In 2020 was de waarde voor Delft 47 %." in html  # as many decimals as the figures shown have
    assert "38,5" not in html
    assert "Iedereen (geen groep)" in html  # the choice to go back


def test_the_chart_draws_at_most_eight_lines_and_says_why(member_client, lonely_indicator):
    areas = ["GM0503", *DISTRICTS]
    load("".join(f"eenzaam,{code},{year},,{20 + i},,,,\n" for i, code in enumerate(areas) for year in (2019, 2020)))
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]))
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S).group()
    assert svg.count('class="chart-line"') == 8
    assert (
        "Meer dan 8 lijnen zijn niet uit elkaar te houden. Daarom toont de grafiek Delft en de 7 gebieden met "
        "de hoogste en laagste waarde in 2020. De tabel toont alle 13 gebieden."
    ) in html
    # the three lowest and four highest districts: Binnenstad (21) is in, Delftse Hout (25) is not
    assert "Binnenstad, 2020" in svg and "Delftse Hout, 2020" not in svg
    assert html.count('<th scope="row">') == 14  # the table: a row for Delft and each of the 13 districts


def test_chosen_areas_are_compared_with_the_municipality(member_client, lonely_figures):
    buitenhof = Area.objects.get(code="WK050325")
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]) + f"?gebieden={buitenhof.pk}")
    svg = re.search(r"<svg.*?</svg>", html, flags=re.S).group()
    assert svg.count('class="chart-line"') == 2 and "Tanthof-Oost" not in html.split("<table")[1]


def test_choosing_more_than_seven_areas_is_refused_with_a_message(member_client, lonely_indicator):
    load("".join(f"eenzaam,{code},{y},,{20 + i},,,,\n" for i, code in enumerate(DISTRICTS) for y in (2019, 2020)))
    ids = "&".join(f"gebieden={a.pk}" for a in Area.objects.filter(code__in=DISTRICTS[:8]))
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]) + "?" + ids)
    assert "Kies hooguit 7 gebieden; u koos er 8." in html
    assert "De tabel toont alle 13 gebieden." in html  # the default instead


def test_an_indicator_without_figures_says_so(member_client, lonely_indicator):
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]))
    assert "Voor deze indicator zijn nog geen cijfers" in html and "<svg" not in html


def test_names_with_markup_are_shown_as_text(member_client, lonely_indicator, delft):
    AreaFactory(code="WK050399", name="<script>alert(1)</script>", level=Area.Level.DISTRICT, parent=delft)
    lonely_indicator.name = 'Eenzaam <img src=x onerror="alert(2)">'
    lonely_indicator.save()
    load("eenzaam,WK050399,2020,,33,,,,\neenzaam,GM0503,2020,,30,,,,\n")
    html = page(member_client, reverse("monitoring:indicator", args=["eenzaam"]))
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in re.search(r"<svg.*?</svg>", html, flags=re.S).group()


# The import history


def test_members_see_the_catalogue_but_not_the_import_history(member_client, lonely_figures):
    html = page(member_client, reverse("monitoring:indicators"))
    assert reverse("monitoring:imports") not in html and reverse("monitoring:upload") not in html
    assert member_client.get(reverse("monitoring:imports")).status_code == 403
    assert member_client.get(reverse("monitoring:import_detail", args=[lonely_figures.pk])).status_code == 403


def test_coordinators_see_who_imported_what_when_with_the_file_hash_and_counts(coordinator_client, lonely_figures):
    nav = page(coordinator_client, reverse("monitoring:indicators"))
    assert reverse("monitoring:imports") in nav and "Bestand uploaden" in nav
    html = page(coordinator_client, reverse("monitoring:imports"))
    [row] = [r for r in rows_of(html) if "ggd_2020.csv" in r]
    assert "coordinator-user" in row and "waarnemingen" in row
    assert f'<code title="{lonely_figures.file_sha256}">{lonely_figures.file_sha256[:12]}…</code>' in row
    counts = re.findall(r'<td class="text-end">(\d+)</td>', row)
    assert counts == ["6", "6", "0", "0"]


def test_the_import_history_can_be_filtered(coordinator_client, lonely_figures, lonely_indicator, privacy_officer):
    load("eenzaam,GM0503,2021,,40,,,,\n", user=privacy_officer, name="later.csv")
    url = reverse("monitoring:imports")
    assert "later.csv" not in page(coordinator_client, f"{url}?door=coord")
    assert "ggd_2020.csv" not in page(coordinator_client, f"{url}?door=privacy")
    assert "0 imports" in page(coordinator_client, f"{url}?soort=indicatoren")
    refused = page(coordinator_client, f"{url}?van=2030-01-02&tot=2030-01-01")
    assert "Deze datum ligt vóór de begindatum." in refused


def test_the_import_page_lists_the_values_it_set_with_the_value_before(
    coordinator_client, lonely_figures, lonely_indicator
):
    later = load("eenzaam,WK050325,2020,,50,130,,,45\n", name="correctie.csv")
    html = page(coordinator_client, reverse("monitoring:import_detail", args=[later.pk]))
    assert later.file_sha256 in html
    [row] = [r for r in rows_of(html) if "Buitenhof" in r]
    assert re.search(r">52</td>\s*<td[^>]*>50</td>", row)  # whole numbers down both columns
    first = page(coordinator_client, reverse("monitoring:import_detail", args=[lonely_figures.pk]))
    assert first.count(">nieuw</td>") == 6 and "Tanthof-Oost" in first


def test_an_unknown_import_is_not_found(coordinator_client, db):
    assert coordinator_client.get(reverse("monitoring:import_detail", args=[999])).status_code == 404


def test_an_indicator_import_says_it_kept_no_history_per_value(coordinator_client, coordinator):
    record = ImportFactory(kind=Import.Kind.INDICATORS, file_name="catalogus.csv", rows=3)
    html = page(coordinator_client, reverse("monitoring:import_detail", args=[record.pk]))
    assert "Per indicator bewaren we geen geschiedenis." in html and "onbekend" in html


# Every page


def test_the_pages_need_a_login_and_carry_no_inline_script_or_style(client, coordinator, lonely_figures):
    urls = [
        reverse("monitoring:indicators"),
        reverse("monitoring:sources"),
        reverse("monitoring:indicator", args=["eenzaam"]),
        reverse("monitoring:imports"),
        reverse("monitoring:import_detail", args=[lonely_figures.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url
    client.force_login(coordinator)
    for url in urls:
        html = page(client, url)
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag, (url, tag)
        assert " style=" not in html and "<style" not in html, url
