"""`make run` gives every role something to try: the privacy officer finds a linking request waiting for a
decision and one decided earlier, about a fictional source that needs approval; the coordinator finds a data
request and an inquiry in progress. All fictional and marked as demo, and a second load_demo adds nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from monitoring.models import DataRequest, Indicator, Inquiry, LinkRequest, Observation, Source
from monitoring.services.linking import sources_usable

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """load_demo once for the module (it trains a model and loads 400 signals), rolled back afterwards. Each
    test runs in a savepoint inside it (pytest-django's own transaction), so what a test changes is undone."""
    from django.conf import settings
    from django.db import transaction

    with django_db_blocker.unblock():
        debug = settings.DEBUG
        settings.DEBUG = True
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield load_demo()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            settings.DEBUG = debug


def demo_source() -> Source:
    return Source.objects.get(linking_policy=Source.LinkingPolicy.APPROVAL)


def test_the_demo_has_one_source_that_needs_approval_with_figures(demo):
    source = demo_source()
    assert "fictief" in source.name and "alleen demo" in source.name
    assert "VERZONNEN" in source.description
    assert Observation.objects.filter(indicator__source=source).count() >= 14  # Delft and its 13 districts
    assert Indicator.objects.filter(source=source).exists()


def test_the_privacy_officer_finds_a_request_waiting_and_one_decided(demo, client):
    from django.contrib.auth import get_user_model

    privacy = get_user_model().objects.get(username="privacy")
    waiting = LinkRequest.objects.get(status=LinkRequest.Status.SUBMITTED)
    decided = LinkRequest.objects.exclude(status=LinkRequest.Status.SUBMITTED).get()
    assert list(waiting.sources.all()) == [demo_source()] == list(decided.sources.all())
    assert waiting.requested_by.username == "coordinator" and decided.decided_by == privacy
    assert decided.motivation and decided.decided_at > decided.requested_at
    assert waiting.purpose.startswith("Demo: ") and decided.purpose.startswith("Demo: ")

    client.force_login(privacy)
    listed = client.get(reverse("monitoring:link_requests"), {"status": "ingediend"}).content.decode()
    assert reverse("monitoring:link_request", args=[waiting.pk]) in listed
    page = client.get(reverse("monitoring:link_request", args=[waiting.pk])).content.decode()
    assert 'name="decision"' in page  # the privacy officer can decide it


def test_approving_the_waiting_request_opens_the_figures_to_the_users_it_names(demo, client):
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    waiting = LinkRequest.objects.get(status=LinkRequest.Status.SUBMITTED)
    coordinator = users.get(username="coordinator")
    assert demo_source() not in sources_usable(user=coordinator).usable
    client.force_login(users.get(username="privacy"))
    response = client.post(
        reverse("monitoring:link_request_decide", args=[waiting.pk]),
        {"decision": "goedkeuren", "motivation": "Per wijk zijn de aantallen groot genoeg."},
    )
    assert response.status_code == 302
    assert demo_source() in sources_usable(user=coordinator).usable
    assert demo_source() in sources_usable(user=users.get(username="lid")).usable


def test_the_coordinator_finds_a_data_request_and_an_inquiry_in_progress(demo, client):
    from django.contrib.auth import get_user_model

    data_request = DataRequest.objects.get()
    assert data_request.status in (DataRequest.Status.SUBMITTED, DataRequest.Status.PROMISED)
    assert data_request.next_statuses()  # there is a next step to try
    inquiry = Inquiry.objects.get()
    assert inquiry.is_open and inquiry.question.startswith("Demo: ")
    assert data_request.which_data.startswith("Demo: ")
    assert inquiry.signals.exists()  # its page has counts to show
    assert all(signal.conversation_date >= inquiry.created_at.date() for signal in inquiry.signals.all())
    client.force_login(get_user_model().objects.get(username="coordinator"))
    assert data_request.which_data[:30] in client.get(reverse("monitoring:data_requests")).content.decode()
    assert inquiry.question[:30] in client.get(reverse("monitoring:inquiries")).content.decode()


def test_a_member_sees_the_open_inquiry_on_the_signal_form(demo, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="lid"))
    assert Inquiry.objects.get().question[:30] in client.get(reverse("signals:create")).content.decode()


def test_a_second_load_demo_adds_nothing(demo):
    before = (LinkRequest.objects.count(), DataRequest.objects.count(), Inquiry.objects.count(), Source.objects.count())
    again = load_demo()
    after = (LinkRequest.objects.count(), DataRequest.objects.count(), Inquiry.objects.count(), Source.objects.count())
    assert before == after == (2, 1, 1, after[3])
    assert "follow-ups: 0 created" in again


def test_a_second_load_demo_adds_no_new_request_after_the_privacy_officer_decided(demo):
    waiting = LinkRequest.objects.get(status=LinkRequest.Status.SUBMITTED)
    LinkRequest.objects.filter(pk=waiting.pk).update(status=LinkRequest.Status.APPROVED)
    load_demo()
    assert LinkRequest.objects.count() == 2


def test_the_first_run_says_what_it_made(demo):
    assert "follow-ups: 5 created" in demo  # a source, two linking requests, a data request, an inquiry


def test_without_debug_no_demo_follow_ups(settings):
    settings.DEBUG = False
    before = (LinkRequest.objects.count(), DataRequest.objects.count(), Inquiry.objects.count())
    assert "follow-ups" not in load_demo()
    assert (LinkRequest.objects.count(), DataRequest.objects.count(), Inquiry.objects.count()) == before
