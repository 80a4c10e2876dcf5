"""Linking requests (koppelverzoeken): filed by a coordinator, decided once by the privacy officer,
and only an approved, unexpired request lets the users it names combine a source."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from freezegun import freeze_time

from monitoring.models import Indicator, LinkRequest, Source
from monitoring.services.linking import link_request_file, sources_usable
from tests.factories import IndicatorFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("monitoring:link_requests")


@pytest.fixture
def wmo(db):
    """A municipal registration that may be combined only after approval, with an indicator."""
    source = SourceFactory(
        name="Wmo-registratie", kind=Source.Kind.REGISTRATION, linking_policy=Source.LinkingPolicy.APPROVAL
    )
    IndicatorFactory(
        code="wmo-clienten", name="Wmo-cliënten", definition="Aantal", unit=Indicator.Unit.COUNT, source=source
    )
    return source


def filed(coordinator, wmo, *, users, valid_until=datetime.date(2026, 12, 31)):
    return link_request_file(
        user=coordinator,
        sources=[wmo],
        purpose="Wmo-gebruik naast signalen over eenzaamheid leggen.",
        benefit="Zien of eenzame ouderen de Wmo vinden.",
        users=users,
        valid_until=valid_until,
    )


def decide_url(link_request) -> str:
    return reverse("monitoring:link_request_decide", args=[link_request.pk])


def form_data(wmo, user, **overrides):
    data = {
        "sources": [str(wmo.pk)],
        "purpose": "Wmo-gebruik naast signalen over eenzaamheid leggen.",
        "benefit": "Zien of eenzame ouderen de Wmo vinden.",
        "users": [str(user.pk)],
        "valid_until": "2026-12-31",
    }
    data.update(overrides)
    return data


@freeze_time("2026-06-01")
def test_a_coordinator_files_a_request_that_waits_for_a_decision(coordinator_client, coordinator, wmo):
    response = coordinator_client.post(reverse("monitoring:link_request_create"), form_data(wmo, coordinator))
    link_request = LinkRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring:link_request", args=[link_request.pk])
    assert link_request.status == "ingediend" and link_request.requested_by == coordinator
    assert list(link_request.sources.all()) == [wmo] and list(link_request.users.all()) == [coordinator]
    assert link_request.valid_until == datetime.date(2026, 12, 31)
    page = coordinator_client.get(response.url).content.decode()
    assert "ingediend" in page and "De AVG-functionaris heeft nog niet besloten" in page


@freeze_time("2026-06-01")
def test_only_sources_that_need_approval_can_be_chosen(coordinator_client, coordinator, wmo, ggd):
    page = coordinator_client.get(reverse("monitoring:link_request_create")).content.decode()
    assert "Wmo-registratie" in page and "GGD Haaglanden" not in page
    response = coordinator_client.post(
        reverse("monitoring:link_request_create"), form_data(wmo, coordinator, sources=[str(ggd.pk)])
    )
    assert response.status_code == 200 and "nog niet ingediend" in response.content.decode()
    assert not LinkRequest.objects.exists()


@freeze_time("2026-06-01")
@pytest.mark.parametrize("valid_until", ["2026-06-01", "2026-05-31", "2028-06-02"])
def test_the_end_date_lies_after_today_and_at_most_two_years_ahead(coordinator_client, coordinator, wmo, valid_until):
    response = coordinator_client.post(
        reverse("monitoring:link_request_create"),
        form_data(wmo, coordinator, valid_until=valid_until, purpose="Een doel dat blijft staan."),
    )
    page = response.content.decode()
    assert response.status_code == 200 and "nog niet ingediend" in page
    assert "Een doel dat blijft staan." in page
    assert not LinkRequest.objects.exists()


@freeze_time("2026-06-01")
def test_two_years_ahead_is_still_allowed(coordinator_client, coordinator, wmo):
    coordinator_client.post(
        reverse("monitoring:link_request_create"), form_data(wmo, coordinator, valid_until="2028-06-01")
    )
    assert LinkRequest.objects.get().valid_until == datetime.date(2028, 6, 1)


@freeze_time("2026-06-01")
def test_purpose_and_benefit_are_required(coordinator_client, coordinator, wmo):
    response = coordinator_client.post(
        reverse("monitoring:link_request_create"), form_data(wmo, coordinator, purpose="   ", benefit="")
    )
    page = response.content.decode()
    assert page.count('href="#id_purpose"') == 1 and page.count('href="#id_benefit"') == 1
    assert not LinkRequest.objects.exists()


@freeze_time("2026-06-01")
def test_only_active_users_can_be_given_access(coordinator_client, coordinator, wmo):
    gone = UserFactory(username="oud-lid", is_active=False)
    assert "oud-lid" not in coordinator_client.get(reverse("monitoring:link_request_create")).content.decode()
    coordinator_client.post(reverse("monitoring:link_request_create"), form_data(wmo, gone))
    assert not LinkRequest.objects.exists()


def test_members_and_the_privacy_officer_do_not_file_requests(member_client, client, privacy_officer, wmo):
    assert member_client.get(reverse("monitoring:link_request_create")).status_code == 403
    assert member_client.get(LIST).status_code == 403
    client.force_login(privacy_officer)
    assert client.get(reverse("monitoring:link_request_create")).status_code == 403


def test_the_privacy_officer_approves_with_a_motivation_and_the_pages_show_it(
    privacy_client, privacy_officer, coordinator, wmo
):
    link_request = filed(coordinator, wmo, users=[coordinator])
    response = privacy_client.post(
        decide_url(link_request), {"decision": "goedkeuren", "motivation": "Doel is helder en beperkt."}
    )
    assert response.status_code == 302
    link_request.refresh_from_db()
    assert link_request.status == "goedgekeurd" and link_request.decided_by == privacy_officer
    assert link_request.motivation == "Doel is helder en beperkt." and link_request.decided_at is not None
    for url in (reverse("monitoring:link_request", args=[link_request.pk]), LIST):
        page = privacy_client.get(url).content.decode()
        assert "goedgekeurd" in page and privacy_officer.username in page and "Doel is helder en beperkt." in page


def test_a_rejection_is_kept_with_its_motivation(privacy_client, coordinator, wmo):
    link_request = filed(coordinator, wmo, users=[coordinator])
    privacy_client.post(decide_url(link_request), {"decision": "afwijzen", "motivation": "Te breed doel."})
    link_request.refresh_from_db()
    assert link_request.status == "afgewezen" and link_request.motivation == "Te breed doel."
    assert sources_usable(user=coordinator).left_out == 1


def test_a_decision_needs_a_motivation(privacy_client, coordinator, wmo):
    link_request = filed(coordinator, wmo, users=[coordinator])
    response = privacy_client.post(decide_url(link_request), {"decision": "goedkeuren", "motivation": "  "})
    assert response.status_code == 200
    assert "Schrijf op waarom" in response.content.decode()
    link_request.refresh_from_db()
    assert link_request.status == "ingediend"


def test_a_decided_request_stays_decided(privacy_client, coordinator, wmo):
    link_request = filed(coordinator, wmo, users=[coordinator])
    privacy_client.post(decide_url(link_request), {"decision": "goedkeuren", "motivation": "Akkoord."})
    response = privacy_client.post(
        decide_url(link_request), {"decision": "afwijzen", "motivation": "Toch niet."}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "al besloten" in page and 'name="motivation"' not in page
    link_request.refresh_from_db()
    assert link_request.status == "goedgekeurd" and link_request.motivation == "Akkoord."


def test_only_the_privacy_officer_decides(coordinator_client, coordinator, wmo):
    link_request = filed(coordinator, wmo, users=[coordinator])
    page = coordinator_client.get(reverse("monitoring:link_request", args=[link_request.pk])).content.decode()
    assert 'name="decision"' not in page
    response = coordinator_client.post(decide_url(link_request), {"decision": "goedkeuren", "motivation": "Zelf."})
    assert response.status_code == 403
    link_request.refresh_from_db()
    assert link_request.status == "ingediend"


def test_the_requester_cannot_decide_their_own_request(client, wmo):
    both = UserFactory(username="twee-petten")
    both.groups.add(Group.objects.get(name="coordinator"), Group.objects.get(name="privacy"))
    client.force_login(both)
    link_request = filed(both, wmo, users=[both])
    page = client.get(reverse("monitoring:link_request", args=[link_request.pk])).content.decode()
    assert "zelf ingediend" in page and 'name="decision"' not in page
    response = client.post(decide_url(link_request), {"decision": "goedkeuren", "motivation": "Eigen."}, follow=True)
    assert "zelf ingediend" in response.content.decode()
    link_request.refresh_from_db()
    assert link_request.status == "ingediend"


def test_deciding_is_a_post(privacy_client, coordinator, wmo):
    link_request = filed(coordinator, wmo, users=[coordinator])
    assert privacy_client.get(decide_url(link_request)).status_code == 405


def test_an_approved_request_covers_only_the_users_it_names_and_only_until_its_date(
    coordinator, member, privacy_officer, wmo, ggd
):
    link_request = filed(coordinator, wmo, users=[coordinator], valid_until=datetime.date(2026, 6, 30))
    with freeze_time("2026-06-01"):
        assert sources_usable(user=coordinator).left_out == 1  # not yet decided
        link_request.decide(user=privacy_officer, approve=True, motivation="Akkoord.")
    with freeze_time("2026-06-30"):
        mine = sources_usable(user=coordinator)
        assert set(mine.usable) == {wmo, ggd} and mine.left_out == 0
        theirs = sources_usable(user=member)
        assert set(theirs.usable) == {ggd} and theirs.left_out == 1
    with freeze_time("2026-07-01"):
        assert set(sources_usable(user=coordinator).usable) == {ggd}


def test_an_expired_request_is_shown_as_expired(privacy_client, privacy_officer, coordinator, wmo):
    link_request = filed(coordinator, wmo, users=[coordinator], valid_until=datetime.date(2026, 6, 30))
    with freeze_time("2026-06-01"):
        link_request.decide(user=privacy_officer, approve=True, motivation="Akkoord.")
    with freeze_time("2026-07-01"):
        assert "verlopen" in privacy_client.get(LIST).content.decode()
        assert (
            "verlopen"
            in privacy_client.get(reverse("monitoring:link_request", args=[link_request.pk])).content.decode()
        )
        assert f"Koppelverzoek {link_request.pk}<" in privacy_client.get(LIST + "?status=verlopen").content.decode()
        assert "0 koppelverzoeken" in privacy_client.get(LIST + "?status=goedgekeurd").content.decode()
    with freeze_time("2026-06-30"):
        assert "verlopen</span>" not in privacy_client.get(LIST).content.decode()


def test_the_list_filters_by_status_and_ignores_nonsense(privacy_client, privacy_officer, coordinator, wmo):
    waiting = filed(coordinator, wmo, users=[coordinator])
    decided = filed(coordinator, wmo, users=[coordinator])
    decided.decide(user=privacy_officer, approve=False, motivation="Nee.")
    page = privacy_client.get(LIST + "?status=ingediend").content.decode()
    assert f"Koppelverzoek {waiting.pk}<" in page and f"Koppelverzoek {decided.pk}<" not in page
    response = privacy_client.get(LIST + "?status=<script>&pagina=x")
    assert response.status_code == 200 and "2 koppelverzoeken" in response.content.decode()


def test_the_list_needs_no_query_per_request(
    privacy_client, privacy_officer, coordinator, wmo, django_assert_max_num_queries
):
    for _n in range(6):
        link_request = filed(coordinator, wmo, users=[coordinator, privacy_officer])
        link_request.decide(user=privacy_officer, approve=True, motivation="Akkoord.")
    with django_assert_max_num_queries(12):
        page = privacy_client.get(LIST).content.decode()
    assert len(re.findall(r"Akkoord\.", page)) == 6
