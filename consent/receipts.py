"""The consent receipt (fields of the Kantara Consent Receipt 1.1) and the Art. 30 register."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consent.models import Consent, Purpose

PERSONAL_DATA = ["naam", "e-mailadres", "telefoonnummer", "voorkeur voor contact"]


def consent_receipt(consent: Consent) -> dict:
    """A receipt without personal data: the resident is named by the contact's reference."""
    purpose, text = consent.purpose, consent.text_version
    return {
        "version": "KI-CR-v1.1.0",
        "jurisdiction": "NL",
        "consentTimestamp": int(consent.given_at.timestamp()),
        "collectionMethod": consent.get_method_display(),
        "consentReceiptID": str(consent.receipt_id),
        "language": "nl",
        "piiPrincipalId": str(consent.contact.reference),
        "piiControllers": [{"piiController": settings.CONTROLLER_NAME, "email": settings.CONTROLLER_EMAIL}],
        "policyUrl": f"{settings.SITE_URL}/toestemming/register/",
        "services": [
            {
                "service": purpose.name,
                "purposes": [
                    {
                        "purpose": purpose.description,
                        "purposeCategory": [purpose.slug],
                        "consentType": "EXPLICIT",
                        "piiCategory": PERSONAL_DATA,
                        "primaryPurpose": True,
                        "termination": _("Ingetrokken of verlopen op %(date)s") % {"date": consent.ended_at.isoformat()}
                        if consent.ended_at
                        else _("Loopt af op %(date)s, of eerder als u de toestemming intrekt")
                        % {"date": consent.ends_at.isoformat()},
                        "thirdPartyDisclosure": False,
                    }
                ],
            }
        ],
        "sensitive": False,
        "spiCat": [],
        "consentText": {"version": text.version, "sha256": text.sha256, "text": text.text},
    }


SECURITY_MEASURES = [
    gettext_lazy("Contactgegevens staan versleuteld in de database, per veld (Fernet, sleutels buiten de database)."),
    gettext_lazy("Een contact wordt gevonden via een sleutel-hash van het e-mailadres, zonder alles te ontsleutelen."),
    gettext_lazy("Alleen coördinatoren zien contactgegevens; elke inzage komt met reden in het inzagelogboek."),
    gettext_lazy("Elke nacht worden toestemmingen na hun einddatum beëindigd en de gegevens gewist."),
    gettext_lazy("Inwoners zien, downloaden, trekken in en wissen zelf, via een persoonlijke link die één keer werkt."),
    gettext_lazy("Geen persoonsgegevens in signalen, lijsten, exports, logboeken, foutpagina's of adressen (URL's)."),
]


def processing_register() -> list[dict]:
    """One record of processing (AVG artikel 30) per purpose, from the configured purposes."""
    with_access = sorted(Group.objects.filter(permissions__codename="view_contact").values_list("name", flat=True))
    return [
        {
            "purpose": purpose,
            "text": purpose.current_text,
            "categories": PERSONAL_DATA,
            "persons": gettext_lazy("Inwoners die toestemming gaven voor dit doel"),
            "retention_days": purpose.retention_days,
            "access": with_access,
            "active_consents": purpose.active,
        }
        for purpose in Purpose.objects.prefetch_related("texts").annotate(
            active=Count("consents", filter=Q(consents__ended_at__isnull=True))
        )
    ]
