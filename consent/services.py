"""Workflows on contact data and consent."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from consent import crypto
from consent.models import AccessLog, Consent, Contact, Purpose, unlink_feedback_signals
from consent.receipts import consent_receipt

PURGE_BATCH = 1000  # contacts erased per statement by purge_expired


class DuplicateContact(ValueError):
    """A contact with this e-mail address exists already."""


@transaction.atomic
def contact_record(
    *, name: str, email: str, phone: str, preferred_channel: str, purpose: Purpose, method: str, user
) -> Contact:
    """Store a new contact with a first consent. A known e-mail address is refused, not duplicated."""
    if email and Contact.objects.filter(email_hash=crypto.email_hash(email)).exists():
        raise DuplicateContact(_("Er is al een contact met dit e-mailadres. Voeg de toestemming daar toe."))
    contact = Contact(name=name, email=email or None, phone=phone or None, preferred_channel=preferred_channel)
    try:
        with transaction.atomic():
            contact.save()
    except IntegrityError:  # the same address, stored at the same moment by someone else
        raise DuplicateContact(_("Er is al een contact met dit e-mailadres. Voeg de toestemming daar toe.")) from None
    Consent.start(contact=contact, purpose=purpose, method=method, user=user)
    return contact


def contact_find_by_email(*, email: str) -> Contact | None:
    return Contact.objects.filter(email_hash=crypto.email_hash(email), erased_at__isnull=True).first()


@dataclass(frozen=True)
class PurgeResult:
    consents_ended: int
    contacts_erased: int


def contacts_purge(*, contact_ids: list[int], now=None) -> int:
    """Erase the given contacts that hold no active consent. Idempotent and crash-safe."""
    return Contact.objects.filter(pk__in=contact_ids).without_consent().erase(now=now)


def contact_purge(*, contact_id: int, now=None) -> bool:
    """Erase one contact if it holds no active consent (the nightly task's unit of work)."""
    return bool(contacts_purge(contact_ids=[contact_id], now=now))


@dataclass(frozen=True)
class ErasurePreview:
    """What erasing a contact overwrites, ends and leaves undone: for the confirmation pages."""

    fields: list[str]  # labels of the personal fields that hold a value
    consents: list[Consent]  # the active consents that end
    signal_ids: list[int]  # signals waiting for feedback to this contact; never their text


def contact_erasure_preview(*, contact: Contact) -> ErasurePreview:
    held = [contact._meta.get_field(name).verbose_name for name in ("name", "email", "phone") if getattr(contact, name)]
    return ErasurePreview(
        fields=held,
        consents=list(contact.active_consents().select_related("purpose")),
        signal_ids=list(contact.signals.order_by("pk").values_list("pk", flat=True)),
    )


def _consents_past_end(now) -> QuerySet[Consent]:
    return Consent.objects.filter(ended_at__isnull=True, ends_at__lte=now)


def consents_expire(*, now=None) -> int:
    """End every active consent whose end date has passed, as of that end date.

    Signals stop waiting for feedback to contacts whose consent for it ended.
    """
    ended = _consents_past_end(now or timezone.now()).update(
        ended_at=F("ends_at"), end_reason=Consent.EndReason.EXPIRED
    )
    unlink_feedback_signals()
    return ended


def purge_expired(*, now=None, dry_run: bool = False, fan_out: bool = False) -> PurgeResult:
    """End consents past their end date, then erase each contact left without consent.

    The nightly task and `manage.py purge_expired_contacts` both run this. The task fans out
    one task per contact (then `contacts_erased` counts the tasks queued); the command erases
    in batches of PURGE_BATCH. A dry run counts the same selection and changes nothing.
    Safe to stop at any point and run again: ended consents stay ended, and each erasure
    checks again that the contact holds no active consent.
    """
    now = now or timezone.now()
    to_erase = Contact.objects.without_consent(after=now)
    if dry_run:
        return PurgeResult(_consents_past_end(now).count(), to_erase.count())
    ended = consents_expire(now=now)
    ids = list(to_erase.values_list("pk", flat=True))  # read now, after the consents ended: the same set
    if fan_out:
        return PurgeResult(ended, _contacts_purge_queue(contact_ids=ids))
    erased = 0
    for start in range(0, len(ids), PURGE_BATCH):
        erased += contacts_purge(contact_ids=ids[start : start + PURGE_BATCH], now=now)
    return PurgeResult(ended, erased)


def _contacts_purge_queue(*, contact_ids: list[int]) -> int:
    from consent.tasks import purge_contact  # the tasks module imports this one

    for contact_id in contact_ids:
        purge_contact.delay(contact_id)
    return len(contact_ids)


@transaction.atomic
def consent_add(*, contact: Contact, purpose: Purpose, method: str, user) -> Consent:
    return Consent.start(contact=contact, purpose=purpose, method=method, user=user)


def contact_open(*, contact: Contact, user, reason: str) -> AccessLog:
    """Write down that `user` looks at the contact's details, and why."""
    return AccessLog.objects.create(contact=contact, user=user, reason=reason)


def resident_link_request(*, email: str, language: str) -> None:
    """Queue the look-up and the e-mail: the request does the same work for every address.

    Only the keyed hash of the address travels to the task. (Without a broker the
    task runs in the request itself; production runs a worker.)
    """
    from consent.tasks import send_resident_link

    address_hash = crypto.email_hash(email)
    transaction.on_commit(lambda: send_resident_link.delay(address_hash, language))


def resident_data(contact: Contact) -> dict:
    """Everything held about the contact, for the resident's own download (AVG art. 15 and 20)."""
    return {
        "controller": settings.CONTROLLER_NAME,
        "downloaded_at": timezone.now().isoformat(),
        "contact": {
            "reference": str(contact.reference),
            "name": contact.name,
            "email": contact.email,
            "phone": contact.phone,
            "preferred_channel": contact.preferred_channel,
            "recorded_at": contact.created_at.isoformat(),
        },
        "consents": [consent_receipt(c) for c in contact.consents.select_related("purpose", "text_version")],
        "signals_waiting_for_feedback": contact.signals.count(),
    }


@transaction.atomic
def signal_link_contact(*, signal, contact: Contact) -> None:
    """Point a signal at the resident who wants feedback; only with active consent for it."""
    signal.feedback_contact = contact
    signal.full_clean(exclude=["themes"])
    signal.save(update_fields=["feedback_contact"])


def contact_keys_rotate() -> int:
    """Re-encrypt every stored contact field with the newest key, contact by contact.

    Works on the stored tokens directly (raw SQL): going through the model would
    decrypt and encrypt again, which is the same but slower and holds plain text.
    """
    done = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name, email, phone FROM consent_contact WHERE erased_at IS NULL")
        rows = cursor.fetchall()
        for pk, *tokens in rows:
            fresh = [crypto.rotate(token) if token else None for token in tokens]
            cursor.execute(
                "UPDATE consent_contact SET name = %s, email = %s, phone = %s WHERE id = %s AND erased_at IS NULL",
                [*fresh, pk],
            )
            done += 1
    return done
