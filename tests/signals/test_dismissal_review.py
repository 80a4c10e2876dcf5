"""Coordinators review the findings members marked as not personal, and reopen a wrong choice;
a better detector asks again about marks made under an older one."""

import pytest
from django.urls import reverse

from signals.guard import Kind, scan
from signals.guard.findings import GUARD_VERSIONS
from signals.models import DismissedFinding, Signal
from signals.tasks import rescan_signal
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

LIST = reverse("signals:dismissals")
TEXT = "De bus naar postcodegebied 2611 HB rijdt niet meer."


def marked_signal(member, reason="organisatie_of_plek", version=None) -> Signal:
    """A signal with its postcode marked as not personal, under the present detector unless `version` says."""
    signal = SignalFactory(summary=TEXT, created_by=member)
    finding = scan(TEXT)[0]
    DismissedFinding.objects.create(
        signal=signal,
        kind=finding.kind.value,
        start=finding.start,
        end=finding.end,
        reason=reason,
        guard_version=version or GUARD_VERSIONS[Kind.POSTCODE],
        dismissed_by=member,
    )
    return signal


def test_a_coordinator_sees_kind_place_who_and_why_but_never_the_text(coordinator_client, member):
    signal = marked_signal(member)
    html = coordinator_client.get(LIST).content.decode()
    assert f'href="{signal.get_absolute_url()}"' in html
    assert "Postcode" in html and "naam van een organisatie of plek" in html and member.username in html
    assert "teken 28 tot en met 34" in html
    assert "2611" not in html and "rijdt niet meer" not in html


def test_the_privacy_officer_may_review_and_a_member_may_not(privacy_client, client, member):
    marked_signal(member)
    assert privacy_client.get(LIST).status_code == 200
    client.force_login(member)
    assert client.get(LIST).status_code == 403


def test_reopening_deletes_the_mark_and_flags_the_signal_for_its_author(coordinator_client, member, client):
    signal = marked_signal(member)
    mark = signal.dismissed_findings.get()
    url = reverse("signals:dismissal_reopen", args=[mark.pk])
    assert coordinator_client.get(url).status_code == 405
    response = coordinator_client.post(url, {"pagina": "1"})
    assert response.status_code == 302 and response.url == f"{LIST}?pagina=1"
    signal.refresh_from_db()
    assert not signal.dismissed_findings.exists() and signal.guard_flagged_at is not None
    client.force_login(member)
    form = client.get(reverse("signals:edit", args=[signal.pk])).context["form"]
    assert form.initial["dismissed"] == ""
    again = client.post(reverse("signals:edit", args=[signal.pk]), {"summary": TEXT, "dismissed": ""})
    assert '<mark class="finding">2611 HB' in again.content.decode()


def test_a_member_cannot_reopen(member_client, member):
    mark = marked_signal(member).dismissed_findings.get()
    assert member_client.post(reverse("signals:dismissal_reopen", args=[mark.pk])).status_code == 403
    assert DismissedFinding.objects.filter(pk=mark.pk).exists()


def test_the_list_is_paginated(coordinator_client, member, settings):
    settings.PER_PAGE = 2
    for _n in range(3):
        marked_signal(member)
    first = coordinator_client.get(LIST)
    assert len(first.context["page"].object_list) == 2
    assert len(coordinator_client.get(LIST, {"pagina": "2"}).context["page"].object_list) == 1


def test_the_rescan_asks_again_about_a_mark_made_under_an_older_detector(member, monkeypatch):
    signal = marked_signal(member)
    assert rescan_signal(signal.pk) == 0
    monkeypatch.setitem(GUARD_VERSIONS, Kind.POSTCODE, GUARD_VERSIONS[Kind.POSTCODE] + 1)
    assert rescan_signal(signal.pk) == 1
    signal.refresh_from_db()
    assert signal.guard_flagged_at is not None


def test_a_newer_detector_of_another_kind_leaves_the_mark_alone(member, monkeypatch):
    signal = marked_signal(member)
    monkeypatch.setitem(GUARD_VERSIONS, Kind.NAME, GUARD_VERSIONS[Kind.NAME] + 1)
    assert rescan_signal(signal.pk) == 0


def test_an_outdated_mark_is_shown_again_when_the_signal_is_edited(member, member_client, monkeypatch):
    signal = marked_signal(member)
    monkeypatch.setitem(GUARD_VERSIONS, Kind.POSTCODE, GUARD_VERSIONS[Kind.POSTCODE] + 1)
    form = member_client.get(reverse("signals:edit", args=[signal.pk])).context["form"]
    assert form.initial["dismissed"] == ""


def test_who_may_review_finds_the_page_from_the_signal_list(client, coordinator, member):
    link = reverse("signals:dismissals")
    client.force_login(coordinator)
    assert link in client.get(reverse("signals:list")).content.decode()
    client.force_login(member)
    assert link not in client.get(reverse("signals:list")).content.decode()
