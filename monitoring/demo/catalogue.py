"""The indicators the demo loads, with their sources, definitions and themes, and the column each is read from."""

from __future__ import annotations

from dataclasses import dataclass

from monitoring.models import Area, Indicator, Source

PCT, COUNT, PER_1000 = Indicator.Unit.PERCENTAGE, Indicator.Unit.COUNT, Indicator.Unit.PER_THOUSAND
WORSE, BETTER, NEUTRAL = (
    Indicator.Polarity.HIGHER_IS_WORSE,
    Indicator.Polarity.HIGHER_IS_BETTER,
    Indicator.Polarity.NEUTRAL,
)


@dataclass(frozen=True)
class Spec:
    """One indicator of the catalogue, and the column of its data file it is read from."""

    code: str
    name: str
    name_en: str
    unit: str
    polarity: str
    themes: tuple[str, ...]
    definition: str
    column: str


@dataclass(frozen=True)
class Dataset:
    """A data file, its source, and what its indicators share (periodicity, level, reference, benchmark)."""

    file: str
    source: dict[str, str]
    common: dict[str, str]
    specs: tuple[Spec, ...]


GGD_SOURCE = {
    "name": "Gezondheidsmonitor Volwassenen en Ouderen (GGD'en, CBS en RIVM)",
    "owner": "GGD Haaglanden / RIVM",
    "kind": Source.Kind.GGD,
    "linking_policy": Source.LinkingPolicy.OPEN,
    "description": (
        "Enquête van de GGD'en, het CBS en het RIVM onder inwoners van 19 jaar en ouder. Het RIVM schat met een "
        "statistisch model de cijfers per wijk; het zijn schattingen, geen tellingen, zonder "
        "betrouwbaarheidsinterval. Openbaar (CC BY 4.0); vermeld als bron: RIVM / GGD'en / CBS."
    ),
}
CBS_SOURCE = {
    "name": "CBS StatLine",
    "owner": "CBS",
    "kind": Source.Kind.CBS,
    "linking_policy": Source.LinkingPolicy.OPEN,
    "description": "Openbare tabellen van het Centraal Bureau voor de Statistiek (CC BY 4.0); vermeld als bron: CBS.",
}
MICRODATA_SOURCE = {
    "name": "CBS-microdata sociaal domein (bewerking elan-dcc/wijkprofielen)",
    "owner": "CBS; bewerking elan-dcc",
    "kind": Source.Kind.CBS,
    "linking_policy": Source.LinkingPolicy.OPEN,
    "description": (
        "Cijfers per gemeente en jaar die het project elan-dcc/wijkprofielen uit CBS-microdata heeft afgeleid. "
        "Het bestand mengt aantallen en aandelen en noemt de precieze definities niet: lees de cijfers als "
        "indicatie. Vermeld als bron: CBS (bewerking elan-dcc/wijkprofielen)."
    ),
}

RIVM_WEIGHT = "Bevolking 19 jaar en ouder"
RIVM_DERIVED = (
    " Per wijk is dit een schatting van het RIVM. Het cijfer voor de gemeente is afgeleid: het gemiddelde van haar "
    "wijken, gewogen naar het aantal inwoners van 19 jaar en ouder. De vergelijkingswaarde voor Nederland is op "
    "dezelfde manier afgeleid uit alle wijken van Nederland. Een paar heel kleine wijken tellen niet mee, omdat "
    "hun bevolkingscijfers in het bestand niet kloppen."
)
LONELY = "de eenzaamheidsschaal van De Jong-Gierveld"


def _ggd(code: str, name: str, name_en: str, polarity: str, themes: tuple[str, ...], what: str) -> Spec:
    """A percentage from the monitor; its column in the file is the name, e.g. "% eenzaam*"."""
    return Spec(code, name, name_en, PCT, polarity, themes, what + RIVM_DERIVED, f"% {name.lower()}*")


RIVM = Dataset(
    file="rivm_eenzaamheid_gezondheid_wijk_2016.csv",
    source=GGD_SOURCE,
    common={
        "periodicity": Indicator.Periodicity.IRREGULAR,
        "lowest_level": Area.Level.DISTRICT,
        "owner": "GGD Haaglanden / RIVM",
        "reference": "Gezondheidsmonitor Volwassenen en Ouderen 2016, wijkschattingen van het RIVM",
        "benchmark_label": (
            "Nederland (afgeleid: naar inwoners van 19 jaar en ouder gewogen gemiddelde van alle wijken)"
        ),
    },
    specs=(
        _ggd(
            "eenzaam",
            "Eenzaam",
            "Lonely",
            WORSE,
            ("eenzaamheid", "sociale-contacten"),
            f"Aandeel inwoners van 19 jaar en ouder dat eenzaam is: score 3 of hoger op {LONELY} (11 vragen).",
        ),
        _ggd(
            "ernstig-eenzaam",
            "Ernstig eenzaam",
            "Severely lonely",
            WORSE,
            ("eenzaamheid",),
            f"Aandeel inwoners van 19 jaar en ouder dat ernstig eenzaam is: score 9 of hoger op {LONELY}.",
        ),
        _ggd(
            "sociaal-eenzaam",
            "Sociaal eenzaam",
            "Socially lonely",
            WORSE,
            ("eenzaamheid", "sociale-contacten", "erbij-horen"),
            "Aandeel inwoners van 19 jaar en ouder dat mensen om zich heen mist: een bredere kring van contacten.",
        ),
        _ggd(
            "emotioneel-eenzaam",
            "Emotioneel eenzaam",
            "Emotionally lonely",
            WORSE,
            ("eenzaamheid", "steun-van-anderen"),
            "Aandeel inwoners van 19 jaar en ouder dat een hechte band mist, zoals een partner of een goede vriend.",
        ),
        _ggd(
            "beperking",
            "Met beperking",
            "With a disability",
            WORSE,
            ("dagelijks-functioneren", "voor-jezelf-zorgen"),
            "Aandeel inwoners van 19 jaar en ouder met minstens één beperking in horen, zien of bewegen.",
        ),
        _ggd(
            "langdurige-aandoening",
            "Met langdurige aandoening",
            "With a long-term condition",
            WORSE,
            ("klachten-en-pijn", "je-gezond-voelen"),
            "Aandeel inwoners van 19 jaar en ouder met één of meer ziektes of aandoeningen die 6 maanden of langer "
            "duren.",
        ),
        _ggd(
            "regie-eigen-leven",
            "Met voldoende regie over het eigen leven",
            "Enough control over their own life",
            BETTER,
            ("gevoel-van-controle",),
            "Aandeel inwoners van 19 jaar en ouder dat voldoende grip heeft op het eigen leven (regieschaal van "
            "Pearlin en Schooler).",
        ),
        _ggd(
            "goede-ervaren-gezondheid",
            "Met goede ervaren gezondheid",
            "Good self-rated health",
            BETTER,
            ("je-gezond-voelen",),
            "Aandeel inwoners van 19 jaar en ouder dat de eigen gezondheid goed of zeer goed noemt.",
        ),
    ),
)

KEY_FIGURES = Dataset(
    file="cbs_kerncijfers_2024_gemeenten_wijken.csv",
    source=CBS_SOURCE,
    common={
        "periodicity": Indicator.Periodicity.YEARLY,
        "lowest_level": Area.Level.DISTRICT,
        "owner": "CBS",
        "reference": "CBS 85984NED (Kerncijfers wijken en buurten 2024)",
        "benchmark_label": "",
    },
    specs=(
        Spec(
            "inwoners",
            "Inwoners",
            "Residents",
            COUNT,
            NEUTRAL,
            (),
            "Aantal inwoners op 1 januari, afgerond op 5. Achtergrond bij de andere cijfers, geen thema op zich.",
            "AantalInwoners_5",
        ),
        Spec(
            "woningvoorraad",
            "Woningvoorraad",
            "Housing stock",
            COUNT,
            NEUTRAL,
            ("hoe-je-woont",),
            "Aantal woningen op 1 januari.",
            "Woningvoorraad_35",
        ),
    ),
)

SOCIAL_PER_1000 = " Per 1.000 inwoners van alle leeftijden, niet alleen de leeftijdsgroep die het betreft."
SOCIAL_SHARE = "Aandeel van alle inwoners (alle leeftijden) met inkomsten uit "
SOCIAL = Dataset(
    file="delft_sociaal_domein_2009_2022.csv",
    source=MICRODATA_SOURCE,
    common={
        "periodicity": Indicator.Periodicity.YEARLY,
        "lowest_level": Area.Level.MUNICIPALITY,
        "owner": "CBS; bewerking elan-dcc",
        "reference": "CBS-microdata, bewerkt door elan-dcc/wijkprofielen (df_count_gem_ver_6.csv)",
        "benchmark_label": "",
    },
    specs=(
        Spec(
            "wmo-gebruikers",
            "Wmo-gebruikers",
            "Wmo users",
            COUNT,
            NEUTRAL,
            ("dagelijks-functioneren", "voor-jezelf-zorgen"),
            "Aantal inwoners dat ondersteuning kreeg uit de Wet maatschappelijke ondersteuning (Wmo).",
            "WMO_user",
        ),
        Spec(
            "wmo-gebruikers-per-1000",
            "Wmo-gebruikers per 1.000 inwoners",
            "Wmo users per 1,000 residents",
            PER_1000,
            NEUTRAL,
            ("dagelijks-functioneren", "voor-jezelf-zorgen"),
            "Inwoners met een Wmo-voorziening." + SOCIAL_PER_1000,
            "WMO_user",
        ),
        Spec(
            "jeugdhulp-gebruikers",
            "Jeugdhulpgebruikers",
            "Youth-care users",
            COUNT,
            NEUTRAL,
            ("steun-van-anderen", "hulp-kunnen-vragen"),
            "Aantal inwoners met jeugdhulp, zoals de bewerker het uit CBS-microdata telde.",
            "JGDHULP_user",
        ),
        Spec(
            "jeugdhulp-gebruikers-per-1000",
            "Jeugdhulpgebruikers per 1.000 inwoners",
            "Youth-care users per 1,000 residents",
            PER_1000,
            NEUTRAL,
            ("steun-van-anderen", "hulp-kunnen-vragen"),
            "Inwoners met jeugdhulp." + SOCIAL_PER_1000,
            "JGDHULP_user",
        ),
        Spec(
            "bijstand",
            "Inwoners met bijstand",
            "Residents on welfare",
            PCT,
            WORSE,
            ("financiele-zorgen", "rondkomen-met-je-geld"),
            SOCIAL_SHARE + "een bijstandsuitkering.",
            "Welfare_benefit_user",
        ),
        Spec(
            "ww-uitkering",
            "Inwoners met WW",
            "Residents on unemployment benefit",
            PCT,
            WORSE,
            ("betaald-werk", "kunnen-werken"),
            SOCIAL_SHARE + "een werkloosheidsuitkering (WW).",
            "Unemployment_benefit_user",
        ),
        Spec(
            "ziekte-uitkering",
            "Inwoners met een uitkering bij ziekte of arbeidsongeschiktheid",
            "Residents on sickness or disability benefit",
            PCT,
            WORSE,
            ("kunnen-werken", "je-gezond-voelen"),
            SOCIAL_SHARE + "een uitkering bij ziekte of arbeidsongeschiktheid.",
            "Sickness_benefit_user",
        ),
        Spec(
            "pensioen",
            "Inwoners met pensioen",
            "Residents on a pension",
            PCT,
            NEUTRAL,
            (),
            SOCIAL_SHARE + "een pensioenuitkering, zoals AOW. Achtergrond: het zegt vooral iets over de "
            "leeftijdsopbouw.",
            "Pension_benefit_user",
        ),
        Spec(
            "werknemers",
            "Inwoners in loondienst",
            "Residents in paid employment",
            PCT,
            BETTER,
            ("betaald-werk",),
            SOCIAL_SHARE + "een baan in loondienst (zelfstandigen tellen niet mee).",
            "Employee",
        ),
        Spec(
            "wlz-gebruikers",
            "Inwoners met Wlz-zorg",
            "Residents with long-term care (Wlz)",
            PCT,
            NEUTRAL,
            ("dagelijks-functioneren",),
            "Aandeel van alle inwoners (alle leeftijden) met zorg uit de Wet langdurige zorg (Wlz).",
            "WLZ_user",
        ),
        Spec(
            "laag-inkomen",
            "Laag inkomen",
            "Low income",
            COUNT,
            WORSE,
            ("financiele-zorgen", "rondkomen-met-je-geld"),
            "Aantal inwoners in een huishouden met een inkomen in het laagste tiende van alle huishoudinkomens.",
            "Low_Income",
        ),
    ),
)

REFERRERS = Dataset(
    file="cbs_jeugdhulp_verwijzers.csv",
    source=CBS_SOURCE,
    common={
        "periodicity": Indicator.Periodicity.YEARLY,
        "lowest_level": Area.Level.MUNICIPALITY,
        "owner": "CBS",
        "reference": "CBS 85096NED (jeugdhulptrajecten naar verwijzer; 2021 voorlopig)",
        "benchmark_label": "",
    },
    specs=(
        Spec(
            "jeugdhulptrajecten-naar-verwijzer",
            "Jeugdhulptrajecten naar verwijzer",
            "Youth-care trajectories by referrer",
            COUNT,
            NEUTRAL,
            ("hulp-kunnen-vragen", "steun-van-anderen"),
            "Aantal jeugdhulptrajecten in natura, naar wie de jongere verwees, met het totaal als categorie "
            "„Totaal”. Cijfers over 2021 zijn voorlopig. De categorie „Verwijzer onbekend” ontbreekt, dus de "
            "categorieën tellen niet op tot het totaal. Cijfers per gemeente staan in CBS-tabel 85097NED.",
            "NL_totaal_jeugdhulptrajecten_in_natura_2021_voorlopig (85096NED)",
        ),
    ),
)
REFERRER_LABELS = {"TotaalJeugdzorgtrajecten": "Totaal", "RechterOfficierVanJustitie": "Rechter, Officier van Justitie"}
