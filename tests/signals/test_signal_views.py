"""Browsing, filtering, changing and deleting signals, with permissions checked on the server."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from signals.models import Signal, Theme
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

LIST = reverse("signals:list")


def theme(slug):
    return Theme.objects.get(slug=slug)


def listed(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {s.summary for s in response.context["page"].object_list}


@pytest.fixture
def signals(delft, member):
    buitenhof = delft.children.get(code="WK050325")
    voorhof = delft.children.get(code="WK050324")
    return {
        "lonely": SignalFactory(
            summary="Eenzaam in de flat",
            district=buitenhof,
            themes=[theme("sociale-contacten")],
            conversation_date=datetime.date(2024, 2, 1),
            channel="huisbezoek",
            created_by=member,
        ),
        "money": SignalFactory(
            summary="Energierekening te hoog",
            district=voorhof,
            themes=[theme("financiele-zorgen")],
            conversation_date=datetime.date(2025, 5, 1),
            kind="idee",
            created_by=member,
        ),
        "sleep": SignalFactory(
            summary="Slecht slapen door geluid",
            themes=[theme("slapen")],
            conversation_date=datetime.date(2025, 9, 1),
            channel="online",
        ),
    }


def test_a_dimension_filter_includes_its_aspects(member_client, signals):
    assert listed(member_client, thema=theme("meedoen").pk) == {"Eenzaam in de flat"}
    assert listed(member_client, thema=theme("sociale-contacten").pk) == {"Eenzaam in de flat"}
    assert listed(member_client, thema=theme("lichaamsfuncties").pk) == {"Slecht slapen door geluid"}


def test_filters_by_district_period_channel_kind_and_words(member_client, signals, delft):
    assert listed(member_client, wijk=delft.children.get(code="WK050324").pk) == {"Energierekening te hoog"}
    assert listed(member_client, van="2025-01-01", tot="2025-06-30") == {"Energierekening te hoog"}
    assert listed(member_client, kanaal="online") == {"Slecht slapen door geluid"}
    assert listed(member_client, soort="idee") == {"Energierekening te hoog"}
    assert listed(member_client, q="flat eenzaam") == {"Eenzaam in de flat"}


def test_an_impossible_period_is_explained_not_crashed(member_client, signals):
    response = member_client.get(LIST, {"van": "2025-06-01", "tot": "2025-01-01"})
    assert response.status_code == 200
    assert "vóór de begindatum" in response.content.decode()


def test_nonsense_filter_values_give_an_error_not_a_crash(member_client, signals):
    response = member_client.get(LIST, {"thema": "abc", "van": "gisteren", "pagina": "x"})
    assert response.status_code == 200


@override_settings(PER_PAGE=2)
def test_the_list_is_paginated_and_keeps_the_filters(member_client, signals):
    first = member_client.get(LIST, {"q": "e"})
    assert len(first.context["page"].object_list) == 2
    assert "q=e&amp;pagina=2" in first.content.decode()
    second = member_client.get(LIST, {"q": "e", "pagina": 2})
    assert len(second.context["page"].object_list) == 1


def test_the_list_needs_no_query_per_signal(member_client, signals):
    def queries_for_list():
        with CaptureQueriesContext(connection) as captured:
            member_client.get(LIST)
        return len(captured)

    few = queries_for_list()
    SignalFactory.create_batch(20, themes=[theme("taal"), theme("eenzaamheid")])
    assert queries_for_list() == few


def test_the_detail_page_shows_the_signal(member_client, signals):
    page = member_client.get(signals["lonely"].get_absolute_url()).content.decode()
    assert "Eenzaam in de flat" in page and "Buitenhof" in page and "huisbezoek" in page


def test_a_member_edits_own_signals_but_not_those_of_others(member_client, signals):
    own, other = signals["lonely"], signals["sleep"]
    assert member_client.get(reverse("signals:edit", args=[own.pk])).status_code == 200
    assert member_client.get(reverse("signals:edit", args=[other.pk])).status_code == 403
    assert member_client.post(reverse("signals:delete", args=[other.pk])).status_code == 403
    assert Signal.objects.filter(pk=other.pk).exists()


def test_a_coordinator_edits_and_deletes_every_signal(coordinator_client, signals):
    other = signals["sleep"]
    assert coordinator_client.get(reverse("signals:edit", args=[other.pk])).status_code == 200
    assert coordinator_client.post(reverse("signals:delete", args=[other.pk])).status_code == 302
    assert not Signal.objects.filter(pk=other.pk).exists()


def test_deleting_asks_for_confirmation_first(member_client, signals):
    url = reverse("signals:delete", args=[signals["money"].pk])
    page = member_client.get(url).content.decode()
    assert "Ja, verwijderen" in page
    assert Signal.objects.filter(pk=signals["money"].pk).exists()
    member_client.post(url)
    assert not Signal.objects.filter(pk=signals["money"].pk).exists()


def test_the_privacy_officer_reads_but_does_not_log_signals(client, privacy_officer, signals):
    client.force_login(privacy_officer)
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("signals:create")).status_code == 403
    assert client.post(reverse("signals:create"), {}).status_code == 403


def test_an_unknown_signal_gives_a_friendly_404(member_client):
    response = member_client.get(reverse("signals:detail", args=[999999]))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_a_wrong_filter_field_keeps_the_other_filters(member_client, signals):
    response = member_client.get(LIST, {"van": "gisteren", "q": "flat"})
    assert {s.summary for s in response.context["page"].object_list} == {"Eenzaam in de flat"}
    assert response.context["form"].has_error("van")


def test_a_very_long_search_is_refused_politely(member_client, signals):
    response = member_client.get(LIST, {"q": "woord " * 1100})
    assert response.status_code == 200
    assert response.context["form"].has_error("q")


def test_paging_alone_does_not_count_as_a_filter(member_client, signals):
    assert member_client.get(LIST, {"pagina": "1"}).context["filtered"] is False
    assert member_client.get(LIST, {"q": "flat"}).context["filtered"] is True
