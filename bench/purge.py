"""Purge of 100,000 contacts whose consent has expired, against the raw SQL that does
the same in two statements, measured in the same run on a fresh test database.

Run on PostgreSQL (`make bench` points DATABASE_URL at the machine's server)."""

from __future__ import annotations

import resource
import time
import tracemalloc
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from consent import crypto
from consent.models import Consent, Contact, Purpose
from consent.services import purge_expired

N = 100_000


def _fill() -> None:
    purpose = Purpose.objects.get(slug="terugkoppeling")
    text = purpose.current_text
    given = timezone.now() - timedelta(days=400)
    contacts = []
    for n in range(N):
        email = f"inwoner{n}@example.nl"
        contacts.append(
            Contact(
                name=f"Inwoner {n}",
                email=email,
                phone="06-12345678",
                preferred_channel="email",
                email_hash=crypto.email_hash(email),
            )
        )
    with transaction.atomic():
        made = Contact.objects.bulk_create(contacts, batch_size=5000)
        Consent.objects.bulk_create(
            (
                Consent(
                    contact=c,
                    purpose=purpose,
                    text_version=text,
                    given_at=given,
                    method="online",
                    ends_at=given + timedelta(days=365),
                )
                for c in made
            ),
            batch_size=5000,
        )


RAW_SQL = [
    "UPDATE consent_consent SET ended_at = ends_at, end_reason = 'verlopen' WHERE ended_at IS NULL AND ends_at <= %s",
    """UPDATE consent_contact
       SET name = NULL, email = NULL, phone = NULL, email_hash = NULL, preferred_channel = '', erased_at = %s
       WHERE erased_at IS NULL AND NOT EXISTS (
         SELECT 1 FROM consent_consent c WHERE c.contact_id = consent_contact.id AND c.ended_at IS NULL)""",
]


def _raw() -> None:
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in RAW_SQL:
            cursor.execute(statement, [now])


def _reset() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM consent_consent")
        cursor.execute("DELETE FROM consent_contact")


def run() -> list[str]:
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        start = time.perf_counter()
        _fill()
        fill_s = time.perf_counter() - start
        start = time.perf_counter()
        _raw()
        raw_s = time.perf_counter() - start
        assert Contact.objects.filter(erased_at__isnull=True).count() == 0
        _reset()
        _fill()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        start = time.perf_counter()
        result = purge_expired()
        purge_s = time.perf_counter() - start
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert (result.consents_ended, result.contacts_erased) == (N, N)
        assert Contact.objects.filter(erased_at__isnull=True).count() == 0
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    return [
        "## Purge of expired contacts",
        "",
        f"{N:,} contacts with one expired consent each, on {connection.vendor}; filling took {fill_s:.1f} s "
        "(Fernet encryption of three fields per contact). Target: under 60 s.",
        "",
        "| what | seconds |",
        "| --- | ---: |",
        "| `purge_expired()` (`manage.py purge_expired_contacts`): end consents, erase in batches of 1,000 "
        f"| {purge_s:.2f} |",
        f"| baseline: the same in two raw SQL statements in one transaction | {raw_s:.2f} |",
        "",
        f"Ratio purge / raw SQL: **{purge_s / raw_s:.1f}×**. Python heap peak during the purge (tracemalloc): "
        f"**{peak / 1_048_576:.1f} MiB**; process peak RSS grew by {(rss_after - rss_before) / 1024:.0f} MiB "
        "(the guard is not loaded by this bench). Target met: "
        f"**{'yes' if purge_s < 60 else 'NO'}**.",
    ]
