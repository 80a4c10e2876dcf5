"""Contact data: encrypted at rest, found by keyed hash, erased for real, purged when consent ends."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from freezegun import freeze_time

from consent import crypto
from consent.models import Consent, Contact, Purpose
from consent.services import DuplicateContact, contact_find_by_email, purge_expired
from tests.factories import record_contact

pytestmark = pytest.mark.django_db


def purpose(slug="terugkoppeling"):
    return Purpose.objects.get(slug=slug)


def record(email="fatima@example.nl", slug="terugkoppeling", **extra):
    return record_contact(email=email, purpose=slug, **extra)


def test_a_database_dump_holds_no_contact_value_in_plain_text():
    contact = record()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM consent_contact WHERE id = %s", [contact.pk])
        raw = " ".join(str(value) for value in cursor.fetchone())
    for value in ("Fatima", "El Amrani", "fatima@example.nl", "06-12345678"):
        assert value not in raw
    assert Contact.objects.get(pk=contact.pk).email == "fatima@example.nl"


def test_a_contact_is_found_by_email_through_the_keyed_hash():
    contact = record()
    assert contact_find_by_email(email="  Fatima@Example.NL ") == contact
    assert contact.email_hash == crypto.email_hash("fatima@example.nl")
    assert contact.email_hash != crypto.email_hash("someone@example.nl")


def test_the_same_email_address_is_refused_with_a_clear_message():
    record()
    with pytest.raises(DuplicateContact, match="Er is al een contact met dit e-mailadres"):
        record(email="FATIMA@example.nl")
    assert Contact.objects.count() == 1


def test_keys_can_be_rotated(settings):
    contact = record()
    from cryptography.fernet import Fernet

    settings.CONTACT_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *settings.CONTACT_ENCRYPTION_KEYS]
    assert Contact.objects.get(pk=contact.pk).name == "Fatima El Amrani"  # old key still reads


def test_a_consent_points_at_the_exact_text_version_and_ends_after_retention():
    contact = record()
    consent = contact.consents.get()
    assert consent.text_version == purpose().current_text
    assert consent.ends_at - consent.given_at == timedelta(days=365)


def test_changing_a_consent_text_makes_a_new_version_and_keeps_the_old_one():
    p = purpose()
    old = p.current_text
    new = p.set_text(old.text + " Ook per post.")
    assert new.version == old.version + 1 and new.sha256 != old.sha256
    assert p.set_text(new.text) == new  # unchanged text: no new version
    assert p.texts.count() == 2


def test_one_active_consent_per_contact_and_purpose():
    contact = record()
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.start(contact=contact, purpose=purpose(), method="online")


def test_a_consent_cannot_end_before_it_begins():
    contact = record()
    consent = contact.consents.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.filter(pk=consent.pk).update(ends_at=consent.given_at - timedelta(days=1))


def test_withdrawing_twice_is_harmless():
    consent = record().consents.get()
    assert consent.end(reason=Consent.EndReason.WITHDRAWN_BY_RESIDENT) is True
    first = consent.ended_at
    assert consent.end(reason=Consent.EndReason.WITHDRAWN_ON_REQUEST) is False
    assert consent.ended_at == first and consent.end_reason == Consent.EndReason.WITHDRAWN_BY_RESIDENT


def test_erasing_overwrites_the_values_and_keeps_proof_of_consent():
    contact = record()
    contact.erase(reason=Consent.EndReason.ERASED)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, phone, email_hash FROM consent_contact WHERE id = %s", [contact.pk])
        assert cursor.fetchone() == (None, None, None, None)
    consent = Consent.objects.get(contact=contact)
    assert consent.end_reason == Consent.EndReason.ERASED and consent.given_at < consent.ended_at


def test_purge_ends_expired_consents_and_erases_contacts_left_without_one():
    with freeze_time("2025-01-01"):
        gone = record(email="a@example.nl")
        kept = record(email="b@example.nl", slug="nieuwsbrief")  # 730 days
        both = record(email="c@example.nl")
        Consent.start(contact=both, purpose=purpose("uitnodiging"), method="online")
    with freeze_time("2026-01-15"):
        result = purge_expired()
    assert (result.consents_ended, result.contacts_erased) == (2, 1)
    gone.refresh_from_db()
    kept.refresh_from_db()
    both.refresh_from_db()
    assert gone.is_erased and gone.email is None
    assert not kept.is_erased and kept.email == "b@example.nl"
    assert not both.is_erased and both.has_active_consent("uitnodiging")


def test_purge_is_idempotent_and_the_dry_run_changes_nothing():
    with freeze_time("2024-01-01"):
        record(email="a@example.nl")
        record(email="b@example.nl")
    out = io.StringIO()
    call_command("purge_expired_contacts", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == ["consents would be ended: 2", "contacts would be erased: 2"]
    assert Contact.objects.filter(erased_at__isnull=True).count() == 2
    out = io.StringIO()
    call_command("purge_expired_contacts", stdout=out)
    assert out.getvalue().splitlines() == ["consents ended: 2", "contacts erased: 2"]
    again = purge_expired()
    assert (again.consents_ended, again.contacts_erased) == (0, 0)


def test_a_purge_stopped_half_way_finishes_on_the_next_run(monkeypatch):
    from consent import services

    monkeypatch.setattr(services, "PURGE_BATCH", 1)
    with freeze_time("2024-01-01"):
        for n in range(4):
            record(email=f"p{n}@example.nl")
    real = services.contacts_purge
    calls = {"n": 0}

    def crash_after_two(**kwargs):
        calls["n"] += 1
        if calls["n"] > 2:
            raise RuntimeError("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(services, "contacts_purge", crash_after_two)
    with pytest.raises(RuntimeError):
        purge_expired()
    monkeypatch.setattr(services, "contacts_purge", real)
    assert Contact.objects.filter(erased_at__isnull=False).count() == 2
    assert purge_expired().contacts_erased == 2
    assert not Contact.objects.filter(erased_at__isnull=True).exists()


def test_nothing_is_erased_before_its_time():
    contact = record()
    with freeze_time(timezone.now() + timedelta(days=364)):
        assert purge_expired().contacts_erased == 0
    contact.refresh_from_db()
    assert not contact.is_erased


def test_the_nightly_task_ends_and_erases_one_contact_at_a_time(eager_celery):
    from consent.tasks import purge_expired_contacts

    with freeze_time("2024-01-01"):
        record(email="a@example.nl")
        record(email="b@example.nl")
    assert purge_expired_contacts() == 2
    assert not Contact.objects.filter(erased_at__isnull=True).exists()
    assert purge_expired_contacts() == 0


def test_reminders_are_off_by_default_and_sent_once_when_on(settings):
    from django.core import mail

    from consent.mail import consent_reminders_send

    with freeze_time("2025-01-01"):
        record()
    with freeze_time("2025-12-25"):  # the consent ends on 2026-01-01
        assert consent_reminders_send() == 0
        settings.CONSENT_REMINDER_DAYS = 14
        assert consent_reminders_send() == 1
        assert consent_reminders_send() == 0
    assert mail.outbox[0].to == ["fatima@example.nl"]
    assert "loopt binnenkort af" in mail.outbox[0].subject


def test_load_demo_shows_every_consent_state(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    reasons = set(Consent.objects.values_list("end_reason", flat=True))
    assert {"", Consent.EndReason.WITHDRAWN_BY_RESIDENT, Consent.EndReason.EXPIRED} <= reasons
    soon = Consent.objects.filter(ended_at__isnull=True, ends_at__lt=timezone.now() + timedelta(days=30))
    assert soon.exists()
    assert Contact.objects.filter(erased_at__isnull=False).count() == 1
    call_command("load_demo", stdout=io.StringIO())
    assert Contact.objects.count() == 5


def test_rotating_keys_re_encrypts_so_the_old_key_can_go(settings):
    from cryptography.fernet import Fernet

    contact = record()
    old = list(settings.CONTACT_ENCRYPTION_KEYS)
    settings.CONTACT_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *old]
    out = io.StringIO()
    call_command("rotate_contact_keys", stdout=out)
    assert out.getvalue().strip() == "contacts re-encrypted: 1"
    settings.CONTACT_ENCRYPTION_KEYS = settings.CONTACT_ENCRYPTION_KEYS[:1]  # the old key removed
    assert Contact.objects.get(pk=contact.pk).email == "fatima@example.nl"


def test_rotation_leaves_an_erased_contact_erased():
    contact = record()
    contact.erase(reason=Consent.EndReason.ERASED)
    call_command("rotate_contact_keys", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email, phone FROM consent_contact WHERE id = %s", [contact.pk])
        assert cursor.fetchone() == (None, None, None)


def test_a_dump_never_holds_plain_contact_data():
    record()
    out = io.StringIO()
    call_command("dumpdata", "consent.contact", stdout=out)
    assert "fatima" not in out.getvalue().lower() and "06-12345678" not in out.getvalue()


def test_a_retention_period_out_of_bounds_gets_a_dutch_message():
    from django.core.exceptions import ValidationError

    p = purpose()
    for days, message in ((0, "minstens 1 dag"), (3_650_000, "hooguit 10 jaar")):
        p.retention_days = days
        with pytest.raises(ValidationError, match=message):
            p.full_clean()
