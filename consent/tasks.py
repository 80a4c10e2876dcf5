"""Retention jobs. Thin: the services do the work; the schedule is in config/celery.py."""

from celery import shared_task

from consent.services import contact_purge, purge_expired


@shared_task
def purge_contact(contact_id: int) -> bool:
    return contact_purge(contact_id=contact_id)


@shared_task
def purge_expired_contacts() -> int:
    """End expired consents, then fan out one erasure per contact left without consent.

    The same purge as `manage.py purge_expired_contacts`, which erases in batches instead.
    """
    return purge_expired(fan_out=True).contacts_erased


@shared_task
def send_resident_link(email_hash: str, language: str) -> bool:
    """E-mail a new personal link if the address is known, in the resident's language."""
    from consent.mail import resident_link_send

    return resident_link_send(email_hash=email_hash, language=language)


@shared_task
def send_consent_reminders() -> int:
    """Invite residents to renew a consent that ends soon (CONSENT_REMINDER_DAYS; 0 switches it off)."""
    from consent.mail import consent_reminders_send

    return consent_reminders_send()
