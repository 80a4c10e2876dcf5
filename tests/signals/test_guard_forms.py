"""The guard on any form: replace, dismiss with a reason, soft hints, several guarded fields on one form."""

import pytest
from django.urls import reverse

from monitoring.models import DataRequest
from signals import guard
from signals.guard import Finding, Kind, scan
from signals.models import DismissedFinding, Signal, Theme

pytestmark = pytest.mark.django_db

DATA_REQUEST = reverse("monitoring:data_request_create")


def request_data(**overrides):
    theme = Theme.objects.get(slug="eenzaamheid")
    data = {
        "theme": str(theme.pk),
        "which_data": "Cijfers over eenzaamheid.",
        "why": "Voor het advies.",
        "level": "gemeente",
    }
    return {**data, **overrides}


def test_replace_on_a_data_request_replaces_every_occurrence_and_stores_nothing_yet(coordinator_client, delft):
    text = "Bel 06-12345678 of later weer 06-12345678 over de cijfers."
    key = scan(text)[0].key
    response = coordinator_client.post(
        DATA_REQUEST, request_data(which_data=text, guard_action=f"replace:which_data:{key}")
    )
    form = response.context["form"]
    assert form.data["which_data"] == "Bel [TELEFOON] of later weer [TELEFOON] over de cijfers."
    assert "Vervangen door een label. Alles is nagekeken" in response.content.decode()
    assert not DataRequest.objects.exists()
    coordinator_client.post(DATA_REQUEST, request_data(which_data=form.data["which_data"]))
    assert DataRequest.objects.get().which_data == "Bel [TELEFOON] of later weer [TELEFOON] over de cijfers."


def test_dismissing_asks_for_a_reason_then_the_form_saves(coordinator_client, delft):
    text = "Cijfers van postcodegebied 2611 HB."
    key = scan(text)[0].key
    posted = request_data(which_data=text, guard_action=f"dismiss:which_data:{key}")
    page = coordinator_client.post(DATA_REQUEST, posted).content.decode()
    assert "Kies eerst waarom het geen persoonsgegeven is" in page and not DataRequest.objects.exists()
    response = coordinator_client.post(DATA_REQUEST, {**posted, f"which_data_reden_{key}": "organisatie_of_plek"})
    marks = response.context["form"].data["which_data_gemarkeerd"]
    assert marks == f"{key}:organisatie_of_plek" and "2611" not in marks
    coordinator_client.post(DATA_REQUEST, request_data(which_data=text, which_data_gemarkeerd=marks))
    assert DataRequest.objects.get().which_data == text


def test_two_guarded_fields_each_get_their_own_block_with_their_own_ids(coordinator_client, delft):
    response = coordinator_client.post(
        DATA_REQUEST, request_data(which_data="Bel 06-12345678.", why="Mail a@example.nl en 06-87654321.")
    )
    html = response.content.decode()
    assert 'id="guard-which_data"' in html and 'id="guard-why"' in html
    assert 'formaction="#guard-why"' in html and 'value="replace_all:why"' in html
    form = response.context["form"]
    ids = [f["reason_id"] for name in ("which_data", "why") for f in form.guard_blocks[name]["findings"]]
    assert len(ids) == 3 == len(set(ids)) and all(f'id="{i}"' in html for i in ids)
    # The error summary at the top links to each field.
    assert 'href="#id_which_data"' in html and 'href="#id_why"' in html


def test_a_guard_button_is_a_plain_submit_button_and_everything_typed_stays(coordinator_client, delft):
    posted = request_data(which_data="Bel 06-12345678.", why="Omdat de wijk het vraagt.", period="2024")
    response = coordinator_client.post(DATA_REQUEST, {**posted, "guard_action": "replace_all:which_data"})
    html = response.content.decode()
    assert "Omdat de wijk het vraagt." in html and 'value="2024"' in html
    again = coordinator_client.post(DATA_REQUEST, request_data(which_data="Bel 06-12345678."))
    assert '<button type="submit" name="guard_action"' in again.content.decode()


def test_a_stale_button_changes_nothing(coordinator_client, delft):
    response = coordinator_client.post(DATA_REQUEST, request_data(guard_action="replace:why:NAAM-0000000000000000"))
    assert "Die melding staat niet meer in de tekst" in response.content.decode()
    assert not DataRequest.objects.exists()


SOFT_TEXT = "De enige bewoonster met een rolstoel in de flat mist de bus."
SOFT_SPAN = "De enige bewoonster met een rolstoel in de flat"


@pytest.fixture
def soft_hint(monkeypatch):
    """A soft finding whatever the detector of the day says, so the flow is tested on its own."""
    real = guard.scan

    def scan_with_hint(text, *, reference_date=None):
        found = [f for f in real(text, reference_date=reference_date) if not f.kind.is_soft]
        start = text.find(SOFT_SPAN)
        if start >= 0:
            hint = Finding(start, start + len(SOFT_SPAN), Kind.RECOGNISABLE, SOFT_SPAN, "Een bewoonster")
            found.append(hint)
        return sorted(found)

    monkeypatch.setattr(guard, "scan", scan_with_hint)
    return scan_with_hint(SOFT_TEXT)[0]


def signal_data(**overrides):
    data = {
        "conversation_date": "2025-03-14",
        "channel": "spreekuur",
        "kind": "knelpunt",
        "residents": "1",
        "summary": SOFT_TEXT,
        "themes": [str(Theme.objects.get(slug="vervoer-en-bereikbaarheid").pk)],
    }
    return {**data, **overrides}


def test_a_soft_hint_stops_the_first_submit_once_and_a_second_submit_saves(member_client, member, soft_hint):
    first = member_client.post(reverse("signals:create"), signal_data())
    html = first.content.decode()
    assert not Signal.objects.exists()
    assert "Vervang door: Een bewoonster" in html and "Laat zo staan" in html
    seen = first.context["form"].data.get("summary_hints_getoond") or soft_hint.key
    assert f'name="summary_hints_getoond" value="{soft_hint.key}"' in html
    member_client.post(reverse("signals:create"), signal_data(summary_hints_getoond=seen))
    signal = Signal.objects.get()
    mark = DismissedFinding.objects.get(signal=signal)
    assert (mark.kind, mark.start, mark.end, mark.reason) == ("HERKENBAAR", 0, len(SOFT_SPAN), "laten_staan")
    assert mark.dismissed_by == member
    assert not any("rolstoel" in str(value) for value in vars(mark).values())


def test_a_soft_hint_can_be_replaced_by_its_suggestion(member_client, soft_hint):
    posted = signal_data(guard_action=f"replace:summary:{soft_hint.key}")
    response = member_client.post(reverse("signals:create"), posted)
    assert response.context["form"].data["summary"] == "Een bewoonster mist de bus."


def test_laat_zo_staan_records_the_choice(member_client, soft_hint):
    posted = signal_data(guard_action=f"keep:summary:{soft_hint.key}")
    response = member_client.post(reverse("signals:create"), posted)
    assert "De tekst blijft zo staan." in response.content.decode()
    dismissed = response.context["form"].data["dismissed"]
    member_client.post(reverse("signals:create"), signal_data(dismissed=dismissed))
    assert DismissedFinding.objects.get().reason == "laten_staan"


def test_a_dismissal_stores_the_guard_version_of_its_kind(member_client, monkeypatch):
    from signals.guard.findings import GUARD_VERSIONS

    monkeypatch.setitem(GUARD_VERSIONS, Kind.POSTCODE, 7)
    text = "De bus rijdt niet meer in postcodegebied 2611 HB."
    key = scan(text)[0].key
    member_client.post(reverse("signals:create"), signal_data(summary=text, dismissed=f"{key}:organisatie_of_plek"))
    mark = DismissedFinding.objects.get()
    assert (mark.kind, mark.guard_version, mark.reason) == ("POSTCODE", 7, "organisatie_of_plek")
