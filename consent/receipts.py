"""The consent receipt (fields of the Kantara Consent Receipt 1.1). The register is consent/register.py."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from consent.models import Consent


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
        # The public privacy statement: the register itself is for staff only.
        "policyUrl": settings.SITE_URL + reverse("resident:privacy"),
        "services": [
            {
                "service": purpose.name,
                "purposes": [
                    {
                        "purpose": purpose.description,
                        "purposeCategory": [purpose.slug],
                        "consentType": "EXPLICIT",
                        "piiCategory": [str(label) for label in purpose.data_category_labels],
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
