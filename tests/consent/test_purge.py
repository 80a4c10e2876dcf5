"""One purge: the command and the nightly task run the same code, and the dry run predicts them."""

import io

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from consent import services, tasks
from consent.management.commands import purge_expired_contacts as command
from consent.models import Consent, Contact, Purpose
from signals.models import Signal
from tests.factories import SignalFactory, record_contact

pytestmark = pytest.mark.django_db


def contacts_in_every_state() -> dict[str, Contact]:
    """Two contacts the purge erases (one by expiry), and three it leaves alone."""
    with freeze_time("2024-01-01"):
        expired = record_contact(email="a@example.nl")
        renewed = record_contact(email="b@example.nl")
    Consent.start(contact=renewed, purpose=Purpose.objects.get(slug="uitnodiging"), method="online")
    current = record_contact(email="c@example.nl")
    withdrawn = record_contact(email="d@example.nl")
    withdrawn.consents.get().end(reason=Consent.EndReason.WITHDRAWN_ON_REQUEST)
    erased = record_contact(email="e@example.nl")
    erased.erase(reason=Consent.EndReason.ERASED)
    return {"expired": expired, "renewed": renewed, "current": current, "withdrawn": withdrawn, "erased": erased}


def dry_run() -> list[str]:
    out = io.StringIO()
    call_command("purge_expired_contacts", "--dry-run", stdout=out)
    return out.getvalue().splitlines()


def test_the_command_and_the_nightly_task_call_the_same_purge():
    assert command.purge_expired is services.purge_expired
    assert tasks.purge_expired is services.purge_expired


def test_the_dry_run_predicts_exactly_what_the_command_ends_and_erases():
    contacts = contacts_in_every_state()
    assert dry_run() == ["consents would be ended: 2", "contacts would be erased: 2"]
    out = io.StringIO()
    call_command("purge_expired_contacts", stdout=out)
    assert out.getvalue().splitlines() == ["consents ended: 2", "contacts erased: 2"]
    erased_now = Contact.objects.filter(erased_at__isnull=False).exclude(pk=contacts["erased"].pk)
    assert set(erased_now) == {contacts["expired"], contacts["withdrawn"]}
    assert dry_run() == ["consents would be ended: 0", "contacts would be erased: 0"]


def test_the_dry_run_predicts_exactly_what_the_nightly_task_erases(eager_celery):
    contacts = contacts_in_every_state()
    assert dry_run() == ["consents would be ended: 2", "contacts would be erased: 2"]
    assert tasks.purge_expired_contacts() == 2
    erased_now = Contact.objects.filter(erased_at__isnull=False).exclude(pk=contacts["erased"].pk)
    assert set(erased_now) == {contacts["expired"], contacts["withdrawn"]}
    assert dry_run() == ["consents would be ended: 0", "contacts would be erased: 0"]


def test_the_purge_unlinks_signals_only_from_contacts_without_feedback_consent():
    contacts = contacts_in_every_state()
    gone = SignalFactory(feedback_contact=contacts["expired"])
    kept = SignalFactory(feedback_contact=contacts["current"])
    services.purge_expired()
    assert Signal.objects.get(pk=gone.pk).feedback_contact is None
    assert Signal.objects.get(pk=kept.pk).feedback_contact == contacts["current"]


def test_erasing_a_contact_unlinks_its_signals():
    contact = record_contact()
    signal = SignalFactory(feedback_contact=contact)
    contact.erase(reason=Consent.EndReason.ERASED)
    assert Signal.objects.get(pk=signal.pk).feedback_contact is None
