"""Fictional contacts with consents in every state, so each consent page has something to show."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from consent import crypto
from consent.models import Consent, Contact, Purpose
from consent.services import purge_expired

# (name, e-mail, phone, channel, purpose, days ago given, what happened since)
DEMO_CONTACTS = [
    ("Anna de Demo", "anna.demo@example.nl", "06-11111111", "email", "terugkoppeling", 20, "active"),
    ("Bram Voorbeeld", "bram.voorbeeld@example.nl", "", "email", "terugkoppeling", 358, "active"),
    ("Chris Fictief", "chris.fictief@example.nl", "015-2000000", "telefoon", "uitnodiging", 100, "withdrawn"),
    ("Dana Test", "dana.test@example.nl", "", "email", "nieuwsbrief", 40, "active"),
    ("Eef Verzonnen", "eef.verzonnen@example.nl", "06-22222222", "telefoon", "terugkoppeling", 400, "expired"),
]
SENTINEL = DEMO_CONTACTS[0][1]


@transaction.atomic
def demo_contacts_load() -> int:
    """Create the demo contacts once; returns how many were made (0 on a second run)."""
    if Contact.objects.filter(email_hash=crypto.email_hash(SENTINEL)).exists():
        return 0
    now = timezone.now()
    for name, email, phone, channel, slug, days_ago, state in DEMO_CONTACTS:
        contact = Contact.objects.create(name=name, email=email, phone=phone or None, preferred_channel=channel)
        consent = Consent.start(
            contact=contact,
            purpose=Purpose.objects.get(slug=slug),
            method="mondeling",
            given_at=now - timedelta(days=days_ago),
        )
        if state == "withdrawn":
            consent.end(reason=Consent.EndReason.WITHDRAWN_BY_RESIDENT, now=now - timedelta(days=10))
            # Still wants feedback, so the contact stays and shows both states. (Not the newsletter: its
            # consent text covers no phone number, and this contact gave one.)
            Consent.start(contact=contact, purpose=Purpose.objects.get(slug="terugkoppeling"), method="online")
    purge_expired(now=now)  # the expired one is erased, as the nightly job would
    _link_demo_signal()
    return len(DEMO_CONTACTS)


def _link_demo_signal() -> None:
    from signals.models import Signal

    contact = Contact.objects.get(email_hash=crypto.email_hash(SENTINEL))
    signal = Signal.objects.filter(import_key__startswith="demo-").order_by("-conversation_date").first()
    if signal is not None:
        Signal.objects.filter(pk=signal.pk).update(feedback_contact=contact)
