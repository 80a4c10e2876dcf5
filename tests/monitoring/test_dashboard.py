"""The home page: a member's own figures, then four charts with a sentence, a table and a way to the table builder."""

import datetime
import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from monitoring.analysis.disclosure import Rule
from monitoring.models import Area, Indicator, Source
from monitoring.services import observations_import
from monitoring.services.comparing import comparison_run
from monitoring.services.dashboard import signals_by_theme, trend_sentence, trends_chosen
from signals.models import Theme
from tests.exact_counts import show_counts_exactly
from tests.factories import IndicatorFactory, LinkRequestFactory, SignalFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # the figures are cached for a few minutes; every test starts from the database
    yield
    cache.clear()


def indicator(code, source, themes, polarity="higher_is_worse", unit="percentage", benchmark_label="Nederland"):
    return IndicatorFactory(
        code=code,
        unit=unit,
        polarity=polarity,
        source=source,
        benchmark_label=benchmark_label,
        themes=Theme.objects.filter(slug__in=themes),
    )


def signals(count, year, *slugs, user=None):
    themes = list(Theme.objects.filter(slug__in=slugs))
    for _ in range(count):
        SignalFactory(conversation_date=datetime.date(year, 3, 14), themes=themes, created_by=user)


@pytest.fixture
def sources(delft):
    return {
        "ggd": SourceFactory(name="GGD-monitor", owner="GGD", kind=Source.Kind.GGD),
        "panel": SourceFactory(name="Inwonerspanel", owner="Gemeente", kind=Source.Kind.RESIDENT_PANEL),
        "wmo": SourceFactory(
            name="Wmo-registratie",
            owner="Gemeente",
            kind=Source.Kind.REGISTRATION,
            linking_policy=Source.LinkingPolicy.APPROVAL,
        ),
    }


@pytest.fixture
def known(sources, member):
    """Signals 2023–2025 and figures from two open sources and one that needs a linking request."""
    indicator("eenzaam", sources["ggd"], ["eenzaamheid"])
    indicator("contact-buren", sources["ggd"], ["sociale-contacten"], polarity="higher_is_better")
    indicator("vrijwilligers", sources["ggd"], ["vrijwilligerswerk"])  # in the catalogue, no figures yet
    indicator("online-contact", sources["panel"], ["sociale-media"], polarity="neutral", benchmark_label="")
    indicator("wmo-gebruik", sources["wmo"], ["mantelzorg"], unit="aantal")
    csv = (
        "eenzaam,GM0503,2016,,40,,,,43\n"
        "eenzaam,GM0503,2024,,46,1200,44,48,40\n"
        "contact-buren,GM0503,2024,,70,,,,72\n"
        "online-contact,GM0503,2024,,55,,,,\n"
        "wmo-gebruik,GM0503,2024,,800,,,,600\n"
    )
    observations_import(data=(HEADER + csv).encode(), file_name="cijfers.csv", user=None)
    signals(3, 2023, "eenzaamheid")
    signals(7, 2024, "eenzaamheid")
    signals(12, 2025, "eenzaamheid", user=member)
    signals(5, 2025, "sociale-contacten")
    signals(1, 2025, "sociale-contacten", "erbij-horen")  # two aspects of Meedoen: one signal for Meedoen
    signals(5, 2025, "taal")
    signals(2, 2025, "mantelzorg")


def page(client) -> str:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def part(text: str, name: str) -> str:
    """One section of the page, by the id of its heading."""
    match = re.search(rf'<section[^>]*aria-labelledby="{name}">(.*?)</section>', text, re.S)
    assert match, name
    return match.group(1)


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def rows(fragment: str) -> list[list[str]]:
    """The cells of every row of the first table in the fragment, as text."""
    table = re.search(r"<table.*?</table>", fragment, re.S).group(0)
    return [
        [plain(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def summary(fragment: str) -> str:
    return plain(re.search(r"<p>(.*?)</p>", fragment, re.S).group(1))


def link(fragment: str, text: str) -> dict:
    href = re.search(rf'<a href="([^"]*)">{text}</a>', fragment).group(1)
    parts = urlsplit(html.unescape(href))
    return {"path": parts.path, **{k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}}


# Who sees what


def test_a_member_sees_their_own_figures_and_the_four_charts(member_client, known):
    text = page(member_client)
    assert "Welkom bij Meedoen" in text and "Door u vastgelegd" in text
    assert re.search(r"Door u vastgelegd</h2>\s*<p[^>]*>12</p>", text)
    assert "Uw laatste signalen" in text and "Nieuw signaal vastleggen" in text
    assert "De belangrijkste cijfers" in text
    for name in ("deel-signalen", "deel-oordelen", "deel-dekking", "deel-trends"):
        assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in part(text, name)
        assert 'role="img"' in part(text, name)


def test_a_coordinator_sees_the_charts_too(coordinator_client, known):
    text = page(coordinator_client)
    assert "De belangrijkste cijfers" in text and "Signalen per thema" in text


def test_the_administrator_gets_a_short_welcome_and_no_figures(client, known):
    admin = UserFactory(username="beheer", is_staff=True)
    admin.groups.add(Group.objects.get(name="beheerder"))
    client.force_login(admin)
    text = page(client)
    assert "Welkom bij Meedoen" in text and "U beheert de accounts en rollen" in text
    assert "De belangrijkste cijfers" not in text and "<svg" not in text
    assert "Signalen deze maand" not in text and "Eenzaamheid" not in text


def test_signals_this_month_carry_noise_and_two_never_show_as_two(member_client, delft):
    made = SignalFactory.create_batch(2, conversation_date=timezone.localdate())
    shown = re.search(r"Signalen deze maand</h2>\s*<p[^>]*>(\d+)</p>", page(member_client)).group(1)
    assert shown in ("0", "3", "4", "5")  # 2 never shows as 1 or 2
    assert int(shown) == Rule(5).perturb(2, sum(signal.record_key for signal in made))


# 1. Signals per theme


def test_signals_per_theme_sentence_and_table(member_client, known, settings, tmp_path):
    show_counts_exactly(settings, tmp_path)  # the arithmetic, without noise; the noise: test_disclosure_attacks.py
    signals_part = part(page(member_client), "deel-signalen")
    assert summary(signals_part) == "Over eenzaamheid kwamen in 2025 de meeste signalen binnen: 12."
    assert rows(signals_part) == [
        ["Thema", "2023", "2024", "2025"],
        ["Eenzaamheid", "3", "7", "12"],
        ["Sociale contacten", "0", "0", "6"],
        ["Taal", "0", "0", "5"],
        ["Mantelzorg", "0", "0", "2"],
        ["Erbij horen", "0", "0", "1"],  # a signal with two themes counts once for each, as in the table builder
    ]


def test_the_signals_chart_draws_the_figures_the_table_shows(member_client, known):
    signals_part = part(page(member_client), "deel-signalen")
    svg = re.search(r"<svg.*?</svg>", signals_part, re.S).group(0)
    table = {row[0]: row[1:] for row in rows(signals_part)[1:]}
    assert f">2025: {table['Eenzaamheid'][2]}</text>" in svg and f">2024: {table['Eenzaamheid'][1]}</text>" in svg
    assert "chart-hidden" not in svg and not {"1", "2"} & {cell for line in table.values() for cell in line}


def test_the_signals_chart_leads_to_the_table_builder_with_the_same_years(member_client, known):
    params = link(part(page(member_client), "deel-signalen"), "Bekijk in de tabellenmaker")
    assert params == {
        "path": "/monitoring/tabellen/",
        "gegevens": "signalen",
        "rijen": "thema",
        "kolommen": "jaar",
        "maat": "aantal",
        "van": "2023",
        "tot": "2025",
    }


# 2. Verdicts


def test_verdicts_count_themes_and_link_to_the_comparison(member_client, known):
    verdicts = part(page(member_client), "deel-oordelen")
    # Issue 10: the main theme Meedoen counts its aspects' signals, so it is compared too; the sentence
    # names the comparison's own total of knelpunten, the number the comparison page shows.
    problems = comparison_run(area=Area.objects.get(code="GM0503")).total_shown
    assert summary(verdicts) == (
        f"In 2025 kregen 8 thema's een oordeel, op grond van {problems} knelpunten. De meeste staan op „in beeld”: 4."
    )
    counts = {row[0]: row[2] for row in rows(verdicts)[1:]}
    assert counts == {
        "Datagat": "2", "Blinde vlek": "0", "Te weinig signalen om te oordelen": "0", "Bevestigd": "1",
        "Tegenstrijdig": "1", "In beeld": "4",
    }  # fmt: skip
    assert link(verdicts, "Datagat") == {"path": "/monitoring/vergelijking/", "oordeel": "datagat"}
    assert link(verdicts, "Blinde vlek") == {"path": "/monitoring/vergelijking/", "oordeel": "blinde_vlek"}
    builder = link(verdicts, "Bekijk in de tabellenmaker")
    assert builder == {
        "path": "/monitoring/tabellen/",
        "gegevens": "signalen",
        "rijen": "thema",
        "kolommen": "",
        "maat": "aantal",
        "soort": "knelpunt",  # issue 10: the verdicts rest on problems only
        "van": "2025",
        "tot": "2025",
    }
    assert ">In beeld</text>" in verdicts and ">4</text>" in verdicts


# 3. Coverage


def test_coverage_shows_indicators_with_figures_per_theme_and_usable_source(member_client, known):
    coverage = part(page(member_client), "deel-dekking")
    assert summary(coverage) == (
        "Voor 12 van de 15 thema's zijn nog geen cijfers: lichaamsfuncties, mentaal welbevinden, zingeving en nog 9."
    )
    table = {row[0]: row[1:] for row in rows(coverage)}
    assert table["Thema"] == ["GGD-monitor", "Inwonerspanel"]  # the Wmo registration needs a linking request
    assert table["Eenzaamheid"] == ["1", "geen cijfers"]
    assert table["Meedoen"] == ["1", "geen cijfers"]  # an aspect's indicator counts for its dimension
    assert table["Sociale media"] == ["geen cijfers", "1"]
    assert table["Vrijwilligerswerk"] == ["geen cijfers", "geen cijfers"]  # an indicator without figures
    assert len(table) == 16
    wide, narrow = coverage.split('class="chart-narrow"')  # drawn for wide screens and for phones
    for drawing in (wide, narrow):
        assert drawing.count('class="chart-empty"') == 15 * 2 - 3  # marked in words, not only by colour
        assert drawing.count(">geen cijfers</text>") == 27
    assert link(coverage, "Bekijk in de tabellenmaker") == {
        "path": "/monitoring/tabellen/",
        "gegevens": "waarnemingen",
        "rijen": "indicator",
        "kolommen": "gebied",
    }


# 4. Trends against the benchmark


def test_trends_show_the_problem_first_with_the_benchmark_and_a_table(member_client, known):
    trends = part(page(member_client), "deel-trends")
    assert re.findall(r'<h4 class="h5">(.*?)</h4>', trends) == ["Eenzaam", "Contact buren"]
    assert "Online contact" not in trends and "Wmo gebruik" not in trends  # no benchmark; needs approval
    first = trends.split('<h4 class="h5">')[1]
    assert summary(first) == "Delft deed het in 2024 slechter dan Nederland: 46 % tegen 40 %."
    assert rows(first) == [["Periode", "Delft", "Nederland"], ["2016", "40 %", "43 %"], ["2024", "46 %", "40 %"]]
    assert 'class="chart-benchmark"' in first and 'stroke-dasharray="6 4"' in first
    assert link(first, "Bekijk in de tabellenmaker") == {
        "path": "/monitoring/tabellen/",
        "gegevens": "waarnemingen",
        "indicator": "eenzaam",
        "rijen": "periode",
        "kolommen": "gebied",
    }
    second = trends.split('<h4 class="h5">')[2]
    assert summary(second) == "Delft deed het in 2024 slechter dan Nederland: 70 % tegen 72 %."


# Sources that need a linking request


def test_the_page_says_how_many_sources_are_left_out_counted_afresh_each_time(member_client, known, sources):
    assert "1 bron vereist een goedgekeurd koppelverzoek." in page(member_client)
    needs_approval = SourceFactory(name="Uitkeringen", linking_policy=Source.LinkingPolicy.APPROVAL)
    indicator("uitkeringen", needs_approval, [])
    assert "2 bronnen vereisen een goedgekeurd koppelverzoek." in page(member_client)


def test_an_approved_linking_request_brings_its_source_in_for_that_user_only(
    client, member, coordinator, known, sources
):
    request = LinkRequestFactory(sources=[sources["wmo"]], users=[coordinator])  # valid for 30 more days
    request.decide(user=None, approve=True, motivation="Akkoord")
    client.force_login(member)
    assert "Wmo-registratie" not in page(client)  # and this user's figures are now in the cache
    client.force_login(coordinator)
    text = page(client)
    assert "vereist een goedgekeurd koppelverzoek" not in text
    assert rows(part(text, "deel-dekking"))[0] == ["Thema", "GGD-monitor", "Inwonerspanel", "Wmo-registratie"]
    assert "Wmo gebruik" in part(text, "deel-trends")
    counts = {row[0]: row[2] for row in rows(part(text, "deel-oordelen"))[1:]}
    # Issue 10: a count without a margin of error (Wmo users) cannot say good or bad, so no blind spot.
    assert counts["Blinde vlek"] == "0" and counts["Te weinig signalen om te oordelen"] == "0"


# Empty, fast


def test_an_empty_database_gives_friendly_sentences(member_client):
    text = page(member_client)
    assert "Er zijn nog geen signalen." in text
    assert "Er zijn nog geen signalen om met de cijfers te vergelijken." in text
    assert "Er zijn nog geen indicatoren uit bronnen die u mag gebruiken." in text
    assert "Er zijn nog geen cijfers met een vergelijkingswaarde" in text


def test_figures_without_signals_still_show_coverage_and_trends(member_client, sources):
    indicator("eenzaam", sources["ggd"], ["eenzaamheid"])
    observations_import(data=(HEADER + "eenzaam,GM0503,2024,,46,,,,40\n").encode(), file_name="c.csv", user=None)
    text = page(member_client)
    assert "Er zijn nog geen signalen om met de cijfers te vergelijken." in text
    assert "GGD-monitor" in part(text, "deel-dekking") and "Eenzaam" in part(text, "deel-trends")


def test_the_page_takes_a_bounded_number_of_queries_and_caches_the_figures(
    member_client, known, django_assert_max_num_queries
):
    with django_assert_max_num_queries(32):
        page(member_client)
    with django_assert_max_num_queries(12):  # the charts come from the cache; the member's own figures do not
        assert "Over eenzaamheid kwamen in 2025" in page(member_client)


# The choices and sentences behind the charts


def test_trends_prefer_a_problem_then_a_series_over_time_then_the_latest():
    day = datetime.date
    candidates = [
        ("nieuw-los", day(2025, 12, 31), 1),
        ("reeks", day(2024, 12, 31), 3),
        ("probleem", day(2020, 12, 31), 1),
        ("oud", day(2016, 12, 31), 2),
        ("ook-reeks", day(2024, 12, 31), 2),
    ]
    assert trends_chosen(candidates, ["probleem", "elders"]) == ["probleem", "ook-reeks", "reeks", "oud"]


@pytest.mark.parametrize(
    ("polarity", "value", "label", "expected"),
    [
        ("higher_is_worse", 46, "Nederland", "Delft deed het in 2024 slechter dan Nederland: 46 % tegen 40 %."),
        ("higher_is_better", 46, "Nederland", "Delft deed het in 2024 beter dan Nederland: 46 % tegen 40 %."),
        ("higher_is_better", 46, "", "Delft deed het in 2024 beter dan de vergelijkingswaarde: 46 % tegen 40 %."),
        ("neutral", 46, "Nederland", "In 2024 was de waarde voor Delft 46 %, tegen 40 % voor Nederland."),
        ("higher_is_worse", 40, "Nederland", "In 2024 was de waarde voor Delft 40 %, tegen 40 % voor Nederland."),
    ],
)
def test_the_trend_sentence_reads_the_benchmark_through_the_polarity(polarity, value, label, expected):
    measure = Indicator(code="x", name="X", unit="percentage", polarity=polarity, benchmark_label=label)
    assert trend_sentence(measure, {"2024": value}, {"2024": 40}, "Delft", lambda v: f"{v:g} %") == expected


def test_the_trend_sentence_without_a_benchmark_in_the_latest_period():
    measure = Indicator(code="x", name="X", unit="aantal", polarity="higher_is_worse")
    assert trend_sentence(measure, {"2016": 1, "2020": 2}, {"2016": 3}, "Delft", str) == (
        "In 2020 was de waarde voor Delft 2."
    )


def test_rows_are_ordered_by_their_shown_totals_and_a_small_shown_maximum_is_not_named():
    names = {1: "Eenzaamheid", 2: "Taal", 3: "Mantelzorg"}
    rule = Rule(5)
    # (theme, year, signals, key sum): keys chosen so the shown figures are 3, 0 and 6 + 0.
    counts = [(1, 2025, 4, 0), (2, 2025, 2, 0), (3, 2024, 6, 100), (3, 2025, 0, 0)]
    assert (rule.perturb(4, 0), rule.perturb(2, 0), rule.perturb(6, 100)) == (3, 0, 6)
    result = signals_by_theme(counts, names, [2024, 2025], rule)
    assert [row.name for row in result.rows] == ["Mantelzorg", "Eenzaamheid", "Taal"]
    assert [row.cells for row in result.rows] == [["6", "0"], ["0", "3"], ["0", "0"]]
    assert result.summary == "In 2025 kwamen over elk thema minder dan 5 signalen binnen."
    assert "Eenzaamheid" not in result.summary
