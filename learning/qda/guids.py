"""Stable GUIDs for what an export writes: the same theme, signal or user gets the same GUID in every
export, so a researcher can add a new export to a project and a codebook edited elsewhere can be read
back and matched to our themes (learning/qda/codebook.py)."""

from __future__ import annotations

import uuid

# Fixed for Meedoen: every GUID is uuid5 of this namespace and "<kind>:<id>[:<id>]".
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:meedoen:refi-qda")


def guid(kind: str, *ids: int | str) -> str:
    """The GUID of one object, as REFI-QDA writes it (lower-case, with hyphens)."""
    return str(uuid.uuid5(NAMESPACE, ":".join([kind, *(str(i) for i in ids)])))


def theme_guid(theme_id: int) -> str:
    return guid("theme", theme_id)


def theme_ids_by_guid(theme_ids) -> dict[str, int]:
    """Which GUID belongs to which of these themes: reading a codebook back finds our own codes."""
    return {theme_guid(pk): pk for pk in theme_ids}
