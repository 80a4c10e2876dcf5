"""The linking request's own page reads cleanly: a source without an owner has no empty brackets, and the
decision section says "Besluit" once."""

import datetime
import re

import pytest
from django.urls import reverse

from monitoring.models import Source
from monitoring.services.linking import link_request_file
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def request_for(coordinator, source):
    return link_request_file(
        user=coordinator,
        sources=[source],
        purpose="Aanmeldingen bij het wijkteam naast signalen over eenzaamheid leggen.",
        benefit="Zien of eenzame ouderen het wijkteam vinden.",
        users=[coordinator],
        valid_until=datetime.date.today() + datetime.timedelta(days=200),
    )


def main_text(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize(
    ("owner", "label"),
    [
        ("", "Registratie wijkteams Delft"),
        ("Gemeente Delft", "Registratie wijkteams Delft (Gemeente Delft)"),
        ("Registratie wijkteams Delft", "Registratie wijkteams Delft"),
        ("  ", "Registratie wijkteams Delft"),
    ],
)
def test_a_source_is_named_with_its_owner_only_when_there_is_one(owner, label):
    assert Source(name="Registratie wijkteams Delft", owner=owner).label == label


def test_a_source_without_an_owner_shows_without_empty_brackets(privacy_client, coordinator):
    source = SourceFactory(name="Registratie wijkteams Delft", owner="", linking_policy=Source.LinkingPolicy.APPROVAL)
    page = main_text(privacy_client.get(reverse("monitoring:link_request", args=[request_for(coordinator, source).pk])))
    assert "Registratie wijkteams Delft" in page and "()" not in page


def decision_section(response) -> str:
    html = response.content.decode()
    return html[html.index(">Besluit</h2>") :]


def test_the_decided_request_says_besluit_once(privacy_client, coordinator):
    source = SourceFactory(linking_policy=Source.LinkingPolicy.APPROVAL)
    link_request = request_for(coordinator, source)
    privacy_client.post(
        reverse("monitoring:link_request_decide", args=[link_request.pk]),
        {"decision": "afwijzen", "motivation": "Te gedetailleerd voor dit doel."},
    )
    response = privacy_client.get(reverse("monitoring:link_request", args=[link_request.pk]))
    section = decision_section(response)
    assert re.findall(r">\s*Besluit\s*<", section) == [">Besluit<"]  # the heading only
    text = main_text(response)
    assert "afgewezen" in text and "Te gedetailleerd voor dit doel." in text


def test_the_open_request_says_besluit_once_above_the_form(privacy_client, coordinator):
    source = SourceFactory(linking_policy=Source.LinkingPolicy.APPROVAL)
    response = privacy_client.get(reverse("monitoring:link_request", args=[request_for(coordinator, source).pk]))
    section = decision_section(response)
    assert 'name="decision"' in section
    assert not re.search(r"<legend[^>]*>\s*Besluit\b", section)


def test_the_request_form_offers_a_source_without_an_owner_without_empty_brackets(coordinator_client):
    SourceFactory(name="Registratie wijkteams Delft", owner="", linking_policy=Source.LinkingPolicy.APPROVAL)
    page = main_text(coordinator_client.get(reverse("monitoring:link_request_create")))
    assert "Registratie wijkteams Delft" in page and "()" not in page
