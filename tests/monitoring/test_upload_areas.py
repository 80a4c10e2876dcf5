"""The area codes a file may use, with their names: a page and a CSV, for everyone who reads figures."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from monitoring.models import Area
from tests.factories import AreaFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft")]


@pytest.fixture
def neighbourhood(delft):
    """A neighbourhood of Buitenhof, and the Netherlands for national figures."""
    AreaFactory(code="NL01", name="Nederland", level=Area.Level.COUNTRY, parent=None)
    buitenhof = Area.objects.get(code="WK050325")
    return AreaFactory(code="BU05032501", name="Buitenhof-Noord", level=Area.Level.NEIGHBOURHOOD, parent=buitenhof)


def csv_rows(client) -> list[list[str]]:
    response = client.get(reverse("monitoring:areas_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="meedoen-gebiedscodes.csv"' in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_page_lists_the_municipality_its_districts_and_neighbourhoods_with_names(member_client, neighbourhood):
    text = member_client.get(reverse("monitoring:areas")).content.decode()
    for code, name in [
        ("GM0503", "Delft"),
        ("WK050325", "Buitenhof"),
        ("WK050311", "Binnenstad"),
        ("BU05032501", "Buitenhof-Noord"),
        ("NL01", "Nederland"),
    ]:
        assert f"<code>{code}</code>" in text and name in text
    # The municipality first, a neighbourhood right after its district, the country last.
    assert text.index("GM0503<") < text.index("WK050311<") < text.index("WK050325<") < text.index("BU05032501<")
    assert text.index("BU05032501<") < text.index("WK050326<") < text.index("NL01<")


def test_the_csv_holds_the_same_areas_in_the_same_order(coordinator_client, neighbourhood):
    header, *rows = csv_rows(coordinator_client)
    assert header == ["code", "naam", "niveau", "ligt in"]
    assert rows[0] == ["GM0503", "Delft", "gemeente", ""]
    assert ["BU05032501", "Buitenhof-Noord", "buurt", "Buitenhof"] in rows
    assert rows[-1] == ["NL01", "Nederland", "land", ""]
    assert len(rows) == Area.objects.count()


def test_a_name_that_looks_like_a_formula_is_kept_from_running_in_a_spreadsheet(privacy_client, delft):
    AreaFactory(code="WK050399", name="=HYPERLINK(1)", level=Area.Level.DISTRICT, parent=delft)
    assert ["WK050399", "'=HYPERLINK(1)", "wijk", "Delft"] in csv_rows(privacy_client)


def test_the_csv_speaks_english_to_an_english_reader(coordinator_client):
    coordinator_client.cookies["django_language"] = "en"
    header, first, *_rest = csv_rows(coordinator_client)
    assert header == ["code", "name", "level", "is part of"] and first[2] == "municipality"


def test_someone_who_may_not_read_figures_does_not_see_it(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="beheerder"))
    client.force_login(user)
    assert client.get(reverse("monitoring:areas")).status_code == 403
    assert client.get(reverse("monitoring:areas_csv")).status_code == 403


def test_without_login_the_page_asks_to_log_in(client):
    assert client.get(reverse("monitoring:areas")).status_code == 302
