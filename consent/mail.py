"""E-mail to residents, in Dutch or English, through Django's mail settings."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from consent.links import link_create
from consent.models import Consent, Contact

logger = logging.getLogger(__name__)


def _send(*, to: str, template: str, context: dict, language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"consent/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"consent/email/{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def resident_link_send(*, email_hash: str, language: str) -> bool:
    contact = Contact.objects.filter(email_hash=email_hash, erased_at__isnull=True).first()
    if contact is None or not contact.email:
        return False
    token = link_create(contact=contact)
    url = settings.SITE_URL + reverse("resident:open", args=[token])
    minutes = settings.RESIDENT_LINK_MAX_AGE // 60
    try:
        _send(to=contact.email, template="link", context={"url": url, "minutes": minutes}, language=language)
    except OSError:  # SMTP down: the resident sees the same page; the log names no address
        logger.warning("Could not send a resident link (mail server unreachable).")
        return False
    return True


def consent_reminders_send(*, now=None) -> int:
    days = settings.CONSENT_REMINDER_DAYS
    if days <= 0:
        return 0
    now = now or timezone.now()
    due = Consent.objects.filter(
        ended_at__isnull=True, reminded_at__isnull=True, ends_at__lte=now + timedelta(days=days), ends_at__gt=now
    ).select_related("contact", "purpose")
    sent = 0
    for consent in due:
        if consent.contact.email:
            context = {
                "purpose": consent.purpose.name,
                "ends_at": consent.ends_at,
                "url": settings.SITE_URL + reverse("resident:request"),
            }
            _send(to=consent.contact.email, template="reminder", context=context, language="nl")
            Consent.objects.filter(pk=consent.pk).update(reminded_at=now)
            sent += 1
    return sent
