from django.core.management.base import BaseCommand

from consent.services import contact_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every contact field with the newest key in CONTACT_ENCRYPTION_KEYS (the first one). "
        "Rotate a key by putting a new key first, running this command, then removing the old key. "
        "Prints: 'contacts re-encrypted: N'."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"contacts re-encrypted: {contact_keys_rotate()}")
