"""Residents' personal links: signed, single use, valid for RESIDENT_LINK_MAX_AGE seconds."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core import signing
from django.utils import timezone

from consent.models import Contact, ResidentLink

_SALT = "meedoen.consent.resident-link"


class LinkInvalid(Exception):
    """Expired, used or altered. The resident sees one friendly page for all three."""


def _hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def link_create(*, contact: Contact) -> str:
    """A new token for the contact; only the hash of its random part is stored."""
    nonce = secrets.token_urlsafe(24)
    ResidentLink.objects.create(contact=contact, nonce_hash=_hash(nonce))
    return signing.TimestampSigner(salt=_SALT).sign(nonce)


def link_is_usable(*, token: str) -> bool:
    """Whether the link would open, without using it (mail scanners only look)."""
    try:
        nonce = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=settings.RESIDENT_LINK_MAX_AGE)
    except signing.BadSignature:
        return False
    return ResidentLink.objects.filter(nonce_hash=_hash(nonce), used_at__isnull=True).exists()


def link_open(*, token: str) -> Contact:
    """Use the link once and return its contact."""
    try:
        nonce = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=settings.RESIDENT_LINK_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        raise LinkInvalid from None
    used = ResidentLink.objects.filter(nonce_hash=_hash(nonce), used_at__isnull=True).update(used_at=timezone.now())
    if not used:
        raise LinkInvalid
    contact = ResidentLink.objects.select_related("contact").get(nonce_hash=_hash(nonce)).contact
    if contact.is_erased:
        raise LinkInvalid
    return contact
