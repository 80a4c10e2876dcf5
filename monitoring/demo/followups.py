"""Demo follow-ups, so every role has work to try on `make run`: a FICTIONAL district-team registration that
may be combined only after the privacy officer's approval (with figures, hidden until then), a linking request
about it waiting for the privacy officer's decision and one decided earlier, and a data request and an inquiry
in progress. Every text says it is a demo; load_demo loads them only while DEBUG is on, and only for Delft.

Each record is made once, found again by its own text, so a second run adds nothing, also after the privacy
officer decided or a coordinator moved the data request on.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from monitoring.demo import PANEL_MUNICIPALITY, catalogue_load
from monitoring.demo.catalogue import NEUTRAL, PER_1000, Dataset, Spec
from monitoring.models import Area, DataRequest, Indicator, Inquiry, LinkRequest, Source
from monitoring.services import observations_import
from signals.models import Signal, Theme

FILE = Path(__file__).with_name("wijkteams_fictief_2025.csv")
_FICTION = " Fictief cijfer, alleen voor de demo."
_DEFINITION = (
    "Aantal nieuwe aanmeldingen bij het wijkteam in het jaar waarbij {what} de eerste hulpvraag was, per 1.000 "
    "inwoners van 18 jaar en ouder. Meer aanmeldingen kan betekenen dat er meer nood is, maar ook dat inwoners "
    "het wijkteam beter weten te vinden." + _FICTION
)

WIJKTEAMS = Dataset(
    file=FILE.name,
    source={
        "name": "Registratie wijkteams Delft (fictief, alleen demo)",
        "owner": "Gemeente Delft, afdeling wijkteams",
        "kind": Source.Kind.REGISTRATION,
        "linking_policy": Source.LinkingPolicy.APPROVAL,
        "description": (
            "VERZONNEN CIJFERS voor de demo. Zo ziet een registratie van de wijkteams eruit: tellingen uit het "
            "eigen systeem van de gemeente, niet openbaar. Koppelen mag pas als de AVG-functionaris een "
            "koppelverzoek heeft goedgekeurd. Gebruik ze nooit voor een advies."
        ),
    },
    common={
        "periodicity": Indicator.Periodicity.YEARLY,
        "lowest_level": Area.Level.DISTRICT,
        "owner": "Gemeente Delft, afdeling wijkteams",
        "reference": "Registratie wijkteams 2025 (fictief)",
    },
    specs=(
        Spec(
            "wijkteam-eenzaamheid",
            "Aanmeldingen bij het wijkteam om eenzaamheid",
            "Referrals to the district team for loneliness",
            PER_1000,
            NEUTRAL,
            ("eenzaamheid", "sociale-contacten"),
            _DEFINITION.format(what="eenzaamheid"),
            "",
        ),
        Spec(
            "wijkteam-geldzorgen",
            "Aanmeldingen bij het wijkteam om geldzorgen",
            "Referrals to the district team for money worries",
            PER_1000,
            NEUTRAL,
            ("financiele-zorgen", "rondkomen-met-je-geld"),
            _DEFINITION.format(what="geldzorgen of schulden"),
            "",
        ),
    ),
)

DEMO = "Demo: "
DECIDED_PURPOSE = (
    DEMO + "aanmeldingen bij het wijkteam per buurt naast de signalen over eenzaamheid leggen, om te zien in welke "
    "buurten eenzame inwoners het wijkteam niet vinden."
)
DECIDED_MOTIVATION = (
    DEMO + "afgewezen, want per buurt zijn de aantallen zo klein dat inwoners herkenbaar kunnen worden. Dien een nieuw "
    "verzoek in op het niveau van de wijk."
)
WAITING_PURPOSE = (
    DEMO + "aanmeldingen bij het wijkteam om eenzaamheid en geldzorgen per wijk naast de signalen leggen, om te zien "
    "of de wijken met veel signalen ook de wijken met veel aanmeldingen zijn."
)
BENEFIT = (
    DEMO + "een advies aan de gemeente over waar het wijkteam beter zichtbaar moet worden, onderbouwd met verhalen én "
    "cijfers."
)
DATA_REQUEST_WHAT = (
    DEMO + "hoeveel inwoners sociale media gebruiken om contact te houden met familie en vrienden, per wijk en "
    "leeftijdsgroep."
)
DATA_REQUEST_WHY = (
    DEMO + "het SCP ziet het gebruik van sociale media als een teken van meedoen. Het inwonerspanel vraagt er nog niet "
    "naar, terwijl leden er signalen over horen."
)
DEMO_USERS = ("lid", "coordinator", "privacy")
INQUIRY_QUESTION = "Demo: vinden oudere inwoners van Buitenhof de weg naar hulp bij eenzaamheid?"
INQUIRY_SIGNALS = 3


@transaction.atomic
def demo_followups_load(*, municipality_code: str) -> int:
    """Make what is missing; returns how many records were made (0 on a second run)."""
    if municipality_code != PANEL_MUNICIPALITY:
        return 0  # the fictional registration and its requests are about Delft's districts
    users = {user.username: user for user in get_user_model().objects.filter(username__in=DEMO_USERS)}
    if set(users) != set(DEMO_USERS):
        return 0  # the demo accounts are missing: nobody to file or decide
    made = _source_load()
    source = Source.objects.get(name=WIJKTEAMS.source["name"])
    made += _link_requests_load(source, users)
    made += _data_request_load(users["coordinator"])
    made += _inquiry_load(users["coordinator"])
    return made


def _source_load() -> int:
    is_new = not Source.objects.filter(name=WIJKTEAMS.source["name"]).exists()
    catalogue_load(WIJKTEAMS)
    observations_import(data=FILE.read_bytes(), file_name=f"{FILE.name} (load_demo)", user=None)
    return int(is_new)


def _link_requests_load(source: Source, users: dict) -> int:
    now = timezone.now()
    made = 0
    if not LinkRequest.objects.filter(purpose=DECIDED_PURPOSE).exists():
        decided = _file(source, DECIDED_PURPOSE, users, asked=now - timedelta(days=45))
        decided.decide(user=users["privacy"], approve=False, motivation=DECIDED_MOTIVATION)
        LinkRequest.objects.filter(pk=decided.pk).update(decided_at=now - timedelta(days=40))
        made += 1
    if not LinkRequest.objects.filter(purpose=WAITING_PURPOSE).exists():
        _file(source, WAITING_PURPOSE, users, asked=now - timedelta(days=3))
        made += 1
    return made


def _file(source: Source, purpose: str, users: dict, *, asked) -> LinkRequest:
    link_request = LinkRequest.objects.create(
        requested_by=users["coordinator"],
        purpose=purpose,
        benefit=BENEFIT,
        valid_until=timezone.localdate() + timedelta(days=365),
    )
    link_request.sources.set([source])
    link_request.users.set([users["coordinator"], users["lid"]])
    LinkRequest.objects.filter(pk=link_request.pk).update(requested_at=asked)
    link_request.refresh_from_db()
    return link_request


def _data_request_load(coordinator) -> int:
    if DataRequest.objects.filter(which_data=DATA_REQUEST_WHAT).exists():
        return 0
    DataRequest.objects.create(
        theme=Theme.objects.get(slug="sociale-media"),
        area=Area.objects.get(code=PANEL_MUNICIPALITY),
        period=timezone.localdate().year,
        verdict="datagat",
        which_data=DATA_REQUEST_WHAT,
        why=DATA_REQUEST_WHY,
        level=Area.Level.DISTRICT,
        status=DataRequest.Status.SUBMITTED,
        created_by=coordinator,
    )
    return 1


def _inquiry_load(coordinator) -> int:
    if Inquiry.objects.filter(question=INQUIRY_QUESTION).exists():
        return 0
    buitenhof = Area.objects.get(code="WK050325")
    lonely = Theme.objects.get(slug="eenzaamheid")
    inquiry = Inquiry.objects.create(question=INQUIRY_QUESTION, theme=lonely, area=buitenhof, created_by=coordinator)
    # The latest demo notes about loneliness in Buitenhof were logged under it, so its page has counts to show.
    latest = Signal.objects.filter(import_key__startswith="demo-", district=buitenhof, themes=lonely)
    picked = list(latest.order_by("-conversation_date").values_list("pk", "conversation_date")[:INQUIRY_SIGNALS])
    if picked:
        first = min(day for _pk, day in picked)
        started = timezone.make_aware(datetime.combine(first - timedelta(days=7), time(10)))
        Inquiry.objects.filter(pk=inquiry.pk).update(created_at=started)
        Signal.objects.filter(pk__in=[pk for pk, _day in picked], inquiry__isnull=True).update(inquiry=inquiry)
    return 1
