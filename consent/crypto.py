"""Field encryption for contact data, and the keyed hash used to find a contact by e-mail.

Keys come from the environment (settings.CONTACT_ENCRYPTION_KEYS, newest first,
and settings.CONTACT_HASH_KEY). MultiFernet decrypts with any listed key and
encrypts with the first, so a key is rotated by putting a new one in front and
running `manage.py rotate_contact_keys`, then dropping the old one.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError):
        raise ImproperlyConfigured("CONTACT_ENCRYPTION_KEYS holds a key that is not a valid Fernet key.") from None


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.CONTACT_ENCRYPTION_KEYS))


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A contact field cannot be decrypted with CONTACT_ENCRYPTION_KEYS: a key is missing."
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt a token with the newest key."""
    return fernet().rotate(token.encode()).decode()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_hash(email: str) -> str:
    """A keyed hash (HMAC-SHA256) of the e-mail address: findable without decrypting every row."""
    key = settings.CONTACT_HASH_KEY.encode()
    return hmac.new(key, normalise_email(email).encode(), hashlib.sha256).hexdigest()
