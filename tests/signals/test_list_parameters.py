"""The signal list's parameters are Dutch, like the table builder's (thema, wijk, van, tot); a link with
the old English names still works: it is sent on, for good, to the same list with the new names."""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from signals.models import Signal, Theme
from tests.factories import InquiryFactory, SignalFactory

pytestmark = pytest.mark.django_db

LIST = reverse("signals:list")


@pytest.fixture
def stories(delft):
    question = InquiryFactory(question="Hoe komen ouderen naar de dagbesteding?")
    return {
        "bus": SignalFactory(
            summary="Het busje naar de dagbesteding rijdt niet meer",
            themes=[Theme.objects.get(slug="sociale-contacten")],
            district=delft.children.get(code="WK050325"),
            conversation_date=datetime.date(2025, 3, 1),
            channel=Signal.Channel.HOME_VISIT,
            kind=Signal.Kind.PROBLEM,
            inquiry=question,
        ),
        "bill": SignalFactory(
            summary="De energierekening is te hoog",
            themes=[Theme.objects.get(slug="financiele-zorgen")],
            district=delft.children.get(code="WK050324"),
            conversation_date=datetime.date(2024, 6, 1),
            channel=Signal.Channel.ONLINE,
            kind=Signal.Kind.IDEA,
        ),
    }


def listed(response) -> set[str]:
    assert response.status_code == 200
    return {s.summary for s in response.context["page"].object_list}


def new_names(stories) -> dict[str, str]:
    bus = stories["bus"]
    return {
        "thema": str(bus.themes.get().pk),
        "wijk": str(bus.district_id),
        "van": "2025-01-01",
        "tot": "2025-12-31",
        "kanaal": Signal.Channel.HOME_VISIT,
        "soort": Signal.Kind.PROBLEM,
        "verdiepingsvraag": str(bus.inquiry_id),
    }


OLD_TO_NEW = {
    "theme": "thema",
    "district": "wijk",
    "date_from": "van",
    "date_to": "tot",
    "channel": "kanaal",
    "kind": "soort",
    "inquiry": "verdiepingsvraag",
}


@pytest.mark.parametrize(("old", "new"), OLD_TO_NEW.items())
def test_an_old_parameter_is_sent_on_for_good_with_its_new_name_and_value(member_client, stories, old, new):
    value = new_names(stories)[new]
    response = member_client.get(LIST, {old: value, "q": "busje", "pagina": "1"})
    assert response.status_code == 301
    location = urlsplit(response["Location"])
    assert location.path == LIST
    assert parse_qsl(location.query) == [(new, value), ("q", "busje"), ("pagina", "1")]


def test_all_old_parameters_at_once_keep_their_values_and_find_the_same_signals(member_client, stories):
    new = new_names(stories)
    old = {name: new[new_name] for name, new_name in OLD_TO_NEW.items()}
    response = member_client.get(LIST, old)
    assert response.status_code == 301
    assert dict(parse_qsl(urlsplit(response["Location"]).query)) == new
    followed = member_client.get(LIST, old, follow=True)
    assert followed.redirect_chain == [(response["Location"], 301)]
    assert listed(followed) == listed(member_client.get(LIST, new)) == {stories["bus"].summary}


def test_a_wrong_value_under_an_old_name_is_kept_and_explained_after_the_redirect(member_client, stories):
    response = member_client.get(LIST, {"date_from": "gisteren"}, follow=True)
    assert response.redirect_chain[-1][1] == 301
    assert response.context["form"].has_error("van")
    assert listed(response) == {stories["bus"].summary, stories["bill"].summary}


@pytest.mark.parametrize("name", ["thema", "wijk", "kanaal", "soort", "verdiepingsvraag"])
def test_each_new_parameter_filters(member_client, stories, name):
    assert listed(member_client.get(LIST, {name: new_names(stories)[name]})) == {stories["bus"].summary}


def test_the_new_period_parameters_filter_by_conversation_date(member_client, stories):
    assert listed(member_client.get(LIST, {"van": "2025-01-01"})) == {stories["bus"].summary}
    assert listed(member_client.get(LIST, {"tot": "2024-12-31"})) == {stories["bill"].summary}


def test_the_form_and_its_page_links_use_the_new_names(member_client, stories, settings):
    settings.PER_PAGE = 1
    html = member_client.get(LIST, {"van": "2024-01-01", "q": "e"}).content.decode()
    assert "van=2024-01-01&amp;q=e&amp;pagina=2" in html
    for name in ("thema", "wijk", "van", "tot", "kanaal", "soort", "verdiepingsvraag"):
        assert f'name="{name}"' in html
    for name in OLD_TO_NEW:
        assert f'name="{name}"' not in html


def test_an_old_link_too_long_to_redirect_is_read_with_the_new_names(member_client, stories):
    response = member_client.get(LIST, {"kind": Signal.Kind.IDEA, "q": "x" * 20_000})
    assert response.status_code == 200
    assert response.context["form"].has_error("q")
    assert listed(response) == {stories["bill"].summary}
