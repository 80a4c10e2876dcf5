"""Development keys for contact encryption, kept in an ignored file.

With DEBUG on and no keys in the environment, settings read `.dev-keys.env`
and create it (once) with fresh random keys. Production must set the keys in
the environment; settings refuse to start without them.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path


def _new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def read_or_create(path: Path) -> dict[str, str]:
    if not path.exists():
        path.write_text(
            "# Development keys for contact encryption. Never use these in production.\n"
            f"CONTACT_ENCRYPTION_KEYS={_new_key()}\nCONTACT_HASH_KEY={_new_key()}\n",
            encoding="utf-8",
        )
        path.chmod(0o600)
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            name, value = line.split("=", 1)
            values[name.strip()] = value.strip()
    return values
