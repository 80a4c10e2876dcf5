"""Every filter's parameters are Dutch (config/parameters.py); a link with the old English names is sent
on for good to the same page with the new names. The signal list: tests/signals/test_list_parameters.py."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def redirected(client, url: str, query: dict) -> list[tuple[str, str]]:
    response = client.get(url, query)
    assert response.status_code == 301
    location = urlsplit(response["Location"])
    assert location.path == url
    return parse_qsl(location.query, keep_blank_values=True)


def test_the_indicator_list_renames_source_theme_unit_and_polarity(member_client):
    old = {"q": "eenzaam", "source": "3", "theme": "7", "unit": "aantal", "polarity": "neutral", "pagina": "2"}
    assert redirected(member_client, reverse("monitoring:indicators"), old) == [
        ("q", "eenzaam"),
        ("bron", "3"),
        ("thema", "7"),
        ("eenheid", "aantal"),
        ("richting", "neutral"),
        ("pagina", "2"),
    ]


def test_the_indicator_page_renames_category_and_areas_and_keeps_every_area(member_client, delft):
    indicator = IndicatorFactory(code="eenzaam")
    url = reverse("monitoring:indicator", args=[indicator.code])
    old = {"category": "65+", "areas": ["11", "12"]}
    assert redirected(member_client, url, old) == [("groep", "65+"), ("gebieden", "11"), ("gebieden", "12")]


def test_the_import_history_renames_kind_user_and_dates(coordinator_client):
    old = {"kind": "waarnemingen", "user": "coord", "date_from": "2025-01-01", "date_to": "2025-12-31"}
    assert redirected(coordinator_client, reverse("monitoring:imports"), old) == [
        ("soort", "waarnemingen"),
        ("door", "coord"),
        ("van", "2025-01-01"),
        ("tot", "2025-12-31"),
    ]


def test_the_access_log_renames_user_reason_and_dates_and_keeps_contact(privacy_client):
    old = {"user": "coord", "contact": "ab12", "reason": "correctie", "date_from": "2025-01-01", "date_to": ""}
    assert redirected(privacy_client, reverse("consent:access_log"), old) == [
        ("gebruiker", "coord"),
        ("contact", "ab12"),
        ("reden", "correctie"),
        ("van", "2025-01-01"),
        ("tot", ""),
    ]


def form_names(client, url: str, query: dict) -> None:
    response = client.get(url, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert all(f'name="{field}"' in html for field in query)


def test_the_new_names_are_the_forms_own(coordinator_client):
    form_names(coordinator_client, reverse("monitoring:indicators"), {"bron": "", "thema": "", "eenheid": ""})
    form_names(coordinator_client, reverse("monitoring:imports"), {"soort": "", "door": "", "van": "", "tot": ""})


def test_the_access_log_filters_by_its_new_names(privacy_client):
    names = {"gebruiker": "", "contact": "", "reden": "", "van": "", "tot": ""}
    form_names(privacy_client, reverse("consent:access_log"), names)


def test_someone_without_access_is_refused_before_any_redirect(member_client):
    assert member_client.get(reverse("consent:access_log"), {"reason": "correctie"}).status_code == 403
