"""The record of processing activities (AVG artikel 30), in one place.

One processing per purpose of contact data (from the Purpose rows, so the register follows what
coordinators set), one for the signals themselves and one for the access log. Who receives the
data is read from the roles (groups) that hold the permission to see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consent.models import Purpose, PurposeText

ROLE_NAMES = {
    "lid": _("leden van de adviesraad"),
    "coordinator": _("coördinatoren van de adviesraad"),
    "privacy": _("de privacyfunctionaris van de adviesraad"),
    "beheerder": _("beheerders van Meedoen"),
}

NO_TRANSFER = _("Geen. De gegevens gaan niet naar landen buiten de Europese Economische Ruimte (EER).")
NO_THIRD_PARTIES = _("Geen derden: niemand buiten de adviesraad krijgt deze gegevens.")

ENCRYPTION = _(
    "Contactgegevens staan versleuteld in de database, per veld. De sleutels staan buiten de database en "
    "worden regelmatig vervangen."
)
ACCESS_LOGGED = _(
    "Elke keer dat iemand contactgegevens opent, komt in het inzagelogboek: wie, wanneer, welk contact en waarom."
)
ROLES = _(
    "Rollen en rechten: alleen coördinatoren zien contactgegevens, en alleen na het opgeven van een reden. "
    "Leden zien alleen dat een inwoner terugkoppeling wil, niet wie."
)
GUARD = _(
    "Een toets op persoonsgegevens controleert elke vrije tekst voordat die wordt opgeslagen, en waarschuwt bij "
    "namen, adressen, telefoonnummers en dergelijke."
)
RESIDENT_LINK = _(
    "Inwoners zien, downloaden, trekken in en wissen zelf, via een persoonlijke link die één keer en twee uur werkt."
)
PURGE = _("Elke nacht stoppen toestemmingen na hun einddatum en worden de gegevens gewist.")
NO_PERSONAL_DATA_ELSEWHERE = _(
    "Geen persoonsgegevens in lijsten, exports, logboeken, foutpagina's of adressen (URL's)."
)


@dataclass
class Processing:
    """One entry of the register; every text is ready to show."""

    key: str
    name: str | Promise
    purpose: str | Promise
    legal_basis: str | Promise
    people: str | Promise
    data: list[str | Promise]
    recipients: list[str | Promise]
    retention: str | Promise
    security: list[Promise]
    transfers: Promise = NO_TRANSFER
    is_active: bool = True
    text: PurposeText | None = None
    active_consents: int | None = None
    controller: dict = field(default_factory=dict)
    privacy_officer: dict = field(default_factory=dict)


def controller() -> dict:
    return {
        "name": settings.CONTROLLER_NAME,
        "address": settings.CONTROLLER_ADDRESS,
        "email": settings.CONTROLLER_EMAIL,
    }


def privacy_officer() -> dict:
    return {"name": settings.PRIVACY_OFFICER_NAME, "email": settings.PRIVACY_OFFICER_EMAIL}


def roles_with(*codenames: str) -> list[str | Promise]:
    """The roles whose members may see data guarded by any of these permissions, by their Dutch name."""
    names = Group.objects.filter(permissions__codename__in=codenames).values_list("name", flat=True)
    return [
        _("%(label)s (rol „%(role)s”)") % {"label": ROLE_NAMES.get(name, name), "role": name}
        for name in sorted(set(names))
    ]


def processing_register() -> list[Processing]:
    """Every processing of personal data in Meedoen, each with the controller's contact details."""
    processings = [*_purpose_processings(), _signal_processing(), _access_log_processing()]
    for processing in processings:
        processing.controller = controller()
        processing.privacy_officer = privacy_officer()
    return processings


def _purpose_processings() -> list[Processing]:
    recipients = [*roles_with("view_contact"), NO_THIRD_PARTIES]
    purposes = Purpose.objects.prefetch_related("texts").annotate(
        active=Count("consents", filter=Q(consents__ended_at__isnull=True))
    )
    return [
        Processing(
            key=f"doel-{purpose.pk}",
            name=purpose.name,
            purpose=purpose.description,
            legal_basis=purpose.get_legal_basis_display(),
            people=_("Inwoners die toestemming gaven voor dit doel."),
            data=purpose.data_category_labels,
            recipients=recipients,
            retention=_purpose_retention(purpose.retention_days),
            security=[ENCRYPTION, ACCESS_LOGGED, ROLES, GUARD, RESIDENT_LINK, PURGE, NO_PERSONAL_DATA_ELSEWHERE],
            is_active=purpose.is_active,
            text=purpose.current_text,
            active_consents=purpose.active,
        )
        for purpose in purposes
    ]


def _purpose_retention(days: int) -> str:
    return ngettext(
        "%(days)s dag na de toestemming, of eerder als de inwoner die intrekt. Daarna worden de "
        "contactgegevens gewist. Het kenmerk en de toestemmingen met hun bewijzen blijven, zonder "
        "persoonsgegevens.",
        "%(days)s dagen na de toestemming, of eerder als de inwoner die intrekt. Daarna worden de "
        "contactgegevens gewist. Het kenmerk en de toestemmingen met hun bewijzen blijven, zonder "
        "persoonsgegevens.",
        days,
    ) % {"days": days}


def _signal_processing() -> Processing:
    years = settings.SIGNAL_TEXT_RETENTION_YEARS
    return Processing(
        key="signalen",
        name=_("Signalen uit gesprekken met inwoners"),
        purpose=_(
            "De adviesraad legt vast wat inwoners vertellen over zorg, werk, inkomen en jeugd, om de gemeente "
            "gevraagd en ongevraagd te adviseren. Signalen zijn bedoeld zonder persoonsgegevens."
        ),
        legal_basis=_(
            "Taak van algemeen belang (AVG artikel 6 lid 1e): de adviesraad adviseert de gemeente over het "
            "sociaal domein."
        ),
        people=_(
            "Inwoners die hun verhaal vertelden, zonder naam; de leden en coördinatoren die het signaal vastlegden."
        ),
        data=[
            _("een korte samenvatting van het verhaal, gecontroleerd op persoonsgegevens"),
            _("thema's, wijk, datum van het gesprek, kanaal, soort, aantal inwoners en leeftijdsgroep"),
            _("wie het signaal vastlegde (gebruikersnaam)"),
        ],
        recipients=[*roles_with("view_signal"), _("De gemeente krijgt alleen tellingen, geen losse signalen.")],
        retention=ngettext(
            "De tekst van een signaal %(years)s jaar na de datum van het gesprek; dan komt er een vaste tekst "
            "voor in de plaats. Thema's, wijk, datum, soort, kanaal, leeftijdsgroep en aantal inwoners blijven "
            "bewaard, zodat de tellingen niet veranderen.",
            "De tekst van een signaal %(years)s jaar na de datum van het gesprek; dan komt er een vaste tekst "
            "voor in de plaats. Thema's, wijk, datum, soort, kanaal, leeftijdsgroep en aantal inwoners blijven "
            "bewaard, zodat de tellingen niet veranderen.",
            years,
        )
        % {"years": years},
        security=[GUARD, ROLES, NO_PERSONAL_DATA_ELSEWHERE],
    )


def _access_log_processing() -> Processing:
    return Processing(
        key="inzagelogboek",
        name=_("Inzagelogboek"),
        purpose=_("Laten zien wie contactgegevens van inwoners opende, wanneer en waarom (verantwoording)."),
        legal_basis=_(
            "Wettelijke plicht (AVG artikel 6 lid 1c, met artikel 5 lid 2 en artikel 32): de adviesraad moet "
            "kunnen aantonen dat contactgegevens zorgvuldig worden gebruikt."
        ),
        people=_("Coördinatoren die contactgegevens openden; inwoners, alleen met het kenmerk van hun contact."),
        data=[_("gebruikersnaam"), _("tijdstip"), _("kenmerk van het contact"), _("reden van de inzage")],
        recipients=[*roles_with("view_accesslog"), NO_THIRD_PARTIES],
        retention=_(
            "Nog geen vaste termijn: de regels blijven zolang het contact bestaat. Na het wissen van een contact "
            "verwijzen ze alleen naar het kenmerk, zonder naam of contactgegevens."
        ),
        security=[ROLES, NO_PERSONAL_DATA_ELSEWHERE],
    )
