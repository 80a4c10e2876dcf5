"""Need-to-know on the signal pages: a member sees other members' signals with the month only and
without the author; their own signals and a coordinator see every date and author."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st

from signals import visibility
from signals.models import Theme
from tests.factories import InquiryFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("signals:list")
AUTHOR = "auteur-anna"
# How the other member's signal (14 March 2025, logged 17 March 2025 at 10:22) could give its day away.
EXACT_DAY = ["14 maart 2025", "14 mrt 2025", "2025-03-14", "14-03-2025", "17 maart 2025", "10:22", "2025-03-17"]


@pytest.fixture
def author(db):
    user = UserFactory(username=AUTHOR)
    user.groups.add(Group.objects.get(name="lid"))
    return user


@pytest.fixture
def others(delft, author):
    """A signal another member logged."""
    inquiry = InquiryFactory()
    with freeze_time("2025-03-17 09:22:00"):  # 10:22 in Delft
        return SignalFactory(
            summary="Geen vervoer naar de dagbesteding",
            conversation_date=datetime.date(2025, 3, 14),
            district=delft.children.get(code="WK050325"),
            age_band="80+",
            created_by=author,
            inquiry=inquiry,
        )


@pytest.fixture
def own(member):
    with freeze_time("2025-04-10 08:05:00"):
        return SignalFactory(
            summary="De bibliotheek helpt met formulieren",
            conversation_date=datetime.date(2025, 4, 9),
            created_by=member,
        )


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def assert_hidden(html: str) -> None:
    for text in [*EXACT_DAY, AUTHOR]:
        assert text not in html.lower(), text


# The rule


def test_only_who_may_change_every_signal_sees_full_details(member, coordinator, privacy_officer):
    assert visibility.sees_full_details(coordinator)
    assert not visibility.sees_full_details(member)
    assert not visibility.sees_full_details(privacy_officer)


def test_a_member_sees_their_own_signal_in_full_and_others_not(member, own, others):
    assert visibility.sees_signal_in_full(member, own)
    assert not visibility.sees_signal_in_full(member, others)


# The pages, as a member looking at another member's signal


def test_the_list_shows_a_member_the_month_of_others_signals(member_client, others):
    html = page(member_client, LIST)
    assert "maart 2025" in html
    assert_hidden(html)


def test_the_detail_page_shows_a_member_no_day_and_no_author(member_client, others):
    html = page(member_client, others.get_absolute_url())
    assert "Signaal van maart 2025" in html and "Geen vervoer naar de dagbesteding" in html
    assert_hidden(html)
    assert "door " not in html.split("Vastgelegd")[1].split("</dd>")[0]


def test_the_dashboard_shows_a_member_no_day_or_author_of_others(member_client, others, own):
    html = page(member_client, reverse("home"))
    assert "9 april 2025" in html  # their own latest signal, in full
    assert_hidden(html)


def test_the_inquiry_page_shows_no_day_or_author_of_its_signals(member_client, others):
    html = page(member_client, reverse("monitoring:inquiry", args=[others.inquiry.pk]))
    assert "Signalen bij deze vraag" in html
    assert_hidden(html)


def test_the_privacy_officer_sees_the_month_only_too(privacy_client, others):
    assert_hidden(page(privacy_client, others.get_absolute_url()))


def test_searching_the_authors_name_finds_nothing(member_client, others):
    html = page(member_client, LIST, q=AUTHOR)
    assert "0 signalen gevonden" in html


# Their own signals, and the coordinator


def test_a_member_sees_their_own_signal_in_full(member_client, member, own):
    assert "9 apr 2025" in page(member_client, LIST).lower()
    html = page(member_client, own.get_absolute_url())
    assert "Signaal van 9 april 2025" in html
    assert "10 april 2025 10:05" in html and f"door {member.username}" in html
    assert "9 april 2025" in page(member_client, reverse("signals:delete", args=[own.pk]))


def test_a_coordinator_sees_every_date_and_author(coordinator_client, others):
    assert "14 mrt 2025" in page(coordinator_client, LIST).lower()
    html = page(coordinator_client, others.get_absolute_url())
    assert "Signaal van 14 maart 2025" in html
    assert f"17 maart 2025 10:22 door {AUTHOR}" in html
    assert "14 maart 2025" in page(coordinator_client, reverse("signals:delete", args=[others.pk]))


# The date filter


def test_the_filter_is_widened_to_whole_months_without_full_details(member, coordinator):
    filters = {"date_from": datetime.date(2025, 3, 15), "date_to": datetime.date(2025, 2, 3), "kind": "idee"}
    widened = visibility.visible_filters(filters, member)
    assert widened == {"date_from": datetime.date(2025, 3, 1), "date_to": datetime.date(2025, 2, 28), "kind": "idee"}
    assert visibility.visible_filters(filters, coordinator) == filters
    assert visibility.visible_filters({"q": "bus", "date_from": None}, member) == {"q": "bus", "date_from": None}


@given(day=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_two_days_of_one_month_filter_alike(day):
    """So no pair of lists one day apart gives back a day: only the month changes the result."""

    class Member:
        def has_perm(self, perm):
            return False

    first, last = visibility.month_bounds(day)
    for bound in (first, day, last):
        widened = visibility.visible_filters({"date_from": bound, "date_to": bound}, Member())
        assert widened == {"date_from": first, "date_to": last}
    assert (last + datetime.timedelta(days=1)).day == 1


def test_the_list_says_the_filter_works_in_whole_months(client, member, coordinator, others):
    client.force_login(member)
    assert "van 1 maart 2025 tot en met 31 maart 2025" in page(client, LIST, van="2025-03-14", tot="2025-03-14")
    assert "vanaf 1 maart 2025." in page(client, LIST, van="2025-03-14")
    client.force_login(coordinator)
    assert "hele maanden" not in page(client, LIST, van="2025-03-14", tot="2025-03-14")


def test_a_day_filter_cannot_single_out_the_day_of_others_signals(member_client, others):
    """The attack: a list from the 14th and one from the 15th would show the signal's day."""
    found = [
        {s.pk for s in member_client.get(LIST, {"van": day, "tot": day}).context["page"].object_list}
        for day in ("2025-03-13", "2025-03-14", "2025-03-15")
    ]
    assert found == [{others.pk}] * 3


# The export


def export(*args) -> str:
    out = io.StringIO()
    call_command("export_signals", *args, stdout=out)
    return out.getvalue()


def test_the_export_as_a_member_writes_others_dates_as_months(member, own, others):
    rows = {int(r["id"]): r for r in csv.DictReader(io.StringIO(export("--as-user", member.username)))}
    assert rows[others.pk]["conversation_date"] == "2025-03" and rows[others.pk]["created_at"] == "2025-03"
    assert rows[own.pk]["conversation_date"] == "2025-04-09"
    assert rows[own.pk]["created_at"].startswith("2025-04-10T08:05")
    assert AUTHOR not in export("--as-user", member.username, "--format", "jsonl")


def test_the_export_as_a_coordinator_or_an_operator_writes_every_date(coordinator, others):
    for args in (["--as-user", coordinator.username], []):
        rows = [json.loads(line) for line in export("--format", "jsonl", *args).splitlines()]
        assert rows[0]["conversation_date"] == "2025-03-14"
        assert "created_by" not in rows[0] and AUTHOR not in json.dumps(rows)


def test_the_export_keeps_its_columns_for_a_member(member, others):
    header = export("--as-user", member.username).splitlines()[0]
    assert header == export().splitlines()[0]


def test_the_export_refuses_an_unknown_user_or_one_who_may_not_read_signals(others):
    with pytest.raises(CommandError, match="Unknown user"):
        export("--as-user", "niemand")
    admin = UserFactory(username="beheer-user")
    admin.groups.add(Group.objects.get(name="beheerder"))
    with pytest.raises(CommandError, match="may not view signals"):
        export("--as-user", admin.username)


def test_themes_stay_in_a_members_export(member, others):
    rows = list(csv.DictReader(io.StringIO(export("--as-user", member.username))))
    assert rows[0]["themes"] == Theme.objects.get(slug="eenzaamheid").slug
