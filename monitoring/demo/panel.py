"""A FICTIONAL resident panel for the demo: the real public figures are old (2016) or say
nothing about good or bad (counts), so without recent survey figures the comparison would
only find data gaps. These figures are invented for the demo, but set up like a real panel
report: percentages with n, a 95% confidence interval and a national benchmark. The source's
name and description say they are fictional; load_demo loads them only while DEBUG is on.
"""

from __future__ import annotations

from pathlib import Path

from monitoring.demo.catalogue import BETTER, PCT, WORSE, Dataset, Spec
from monitoring.models import Area, Indicator, Source

FILE = Path(__file__).with_name("inwonerspanel_fictief_2025.csv")

PANEL_SOURCE = {
    "name": "Inwonerspanel Delft (fictief, alleen demo)",
    "owner": "Gemeente Delft, onderzoek (fictief)",
    "kind": Source.Kind.RESIDENT_PANEL,
    "linking_policy": Source.LinkingPolicy.OPEN,
    "description": (
        "VERZONNEN CIJFERS voor de demo. Zo ziet een peiling van het inwonerspanel eruit: percentages met het "
        "aantal deelnemers (n), een 95%-betrouwbaarheidsinterval en een landelijke vergelijkingswaarde. "
        "Gebruik ze nooit voor een advies."
    ),
}
PANEL_COMMON = {
    "periodicity": Indicator.Periodicity.YEARLY,
    "lowest_level": Area.Level.DISTRICT,
    "owner": "Gemeente Delft (fictief)",
    "reference": "Inwonerspanel 2025 (fictief)",
    "benchmark_label": "Nederland (fictief)",
}
_FICTION = " Fictief cijfer, alleen voor de demo."

PANEL = Dataset(
    file=FILE.name,
    source=PANEL_SOURCE,
    common=PANEL_COMMON,
    specs=(
        Spec(
            "panel-vaak-eenzaam",
            "Voelt zich vaak eenzaam",
            "Often feels lonely",
            PCT,
            WORSE,
            ("eenzaamheid", "sociale-contacten", "erbij-horen"),
            "Aandeel panelleden dat zegt zich vaak of altijd eenzaam te voelen." + _FICTION,
            "",
        ),
        Spec(
            "panel-moeite-rondkomen",
            "Heeft moeite met rondkomen",
            "Struggles to make ends meet",
            PCT,
            WORSE,
            ("financiele-zorgen", "rondkomen-met-je-geld", "omgaan-met-geld"),
            "Aandeel panelleden dat (grote) moeite heeft om rond te komen van het huishoudinkomen." + _FICTION,
            "",
        ),
        Spec(
            "panel-veel-stress",
            "Ervaart veel stress",
            "Experiences a lot of stress",
            PCT,
            WORSE,
            ("balans", "omgaan-met-verandering", "concentreren"),
            "Aandeel panelleden dat de afgelopen maand vaak of altijd stress ervoer." + _FICTION,
            "",
        ),
        Spec(
            "panel-digitaal-zelf",
            "Regelt digitale overheidszaken zelf",
            "Handles digital government matters alone",
            PCT,
            BETTER,
            ("digitale-vaardigheden",),
            "Aandeel panelleden dat zaken met de overheid online zelf kan regelen, zonder hulp." + _FICTION,
            "",
        ),
    ),
)
