"""The public privacy statement: who keeps what about residents, why, how long, and their rights.

Built from the settings (who is responsible, how long stories are kept) and from the Purpose rows, so it
follows what coordinators set. It counts no one: a public page must not tell how many residents consented.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consent.models import Consent, Purpose
from consent.register import controller, privacy_officer


@dataclass(frozen=True)
class PurposeStated:
    name: str
    description: str
    data: str  # "naam, e-mailadres en telefoonnummer"
    retention: str  # "2 jaar"


@dataclass(frozen=True)
class Statement:
    controller: dict
    privacy_officer: dict
    purposes: list[PurposeStated]
    story_years: int


def retention_period(days: int) -> str:
    """A retention period in the largest whole unit: 730 days is "2 jaar", 90 days "3 maanden"."""
    if days % 365 == 0:
        return ngettext("%(count)s jaar", "%(count)s jaar", days // 365) % {"count": days // 365}
    if days % 30 == 0:
        return ngettext("%(count)s maand", "%(count)s maanden", days // 30) % {"count": days // 30}
    return ngettext("%(count)s dag", "%(count)s dagen", days) % {"count": days}


def purposes_stated() -> list[PurposeStated]:
    """The purposes in use, and those switched off while someone still holds a consent under them."""
    held = Consent.objects.filter(purpose=OuterRef("pk"), ended_at__isnull=True)
    purposes = Purpose.objects.filter(Q(is_active=True) | Exists(held))
    return [
        PurposeStated(
            name=purpose.name,
            description=purpose.description,
            data=get_text_list([str(label) for label in purpose.data_category_labels], _("en")),
            retention=retention_period(purpose.retention_days),
        )
        for purpose in purposes.order_by("name")
    ]


def privacy_statement() -> Statement:
    return Statement(
        controller=controller(),
        privacy_officer=privacy_officer(),
        purposes=purposes_stated(),
        story_years=settings.SIGNAL_TEXT_RETENTION_YEARS,
    )
