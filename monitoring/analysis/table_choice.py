"""The table builder's vocabulary: what data, which dimensions and measures, the defaults, and the
choice they make together. The form reads a choice from the URL with it; the service loads the table."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

SIGNALS, OBSERVATIONS = "signalen", "waarnemingen"
DIMENSIONS = {
    SIGNALS: {
        "thema": gettext_lazy("thema"),
        "wijk": gettext_lazy("wijk"),
        "jaar": gettext_lazy("jaar"),
        "kwartaal": gettext_lazy("kwartaal"),
        "kanaal": gettext_lazy("kanaal"),
        "soort": gettext_lazy("soort"),
        "leeftijd": gettext_lazy("leeftijd"),
    },
    OBSERVATIONS: {
        "indicator": gettext_lazy("indicator"),
        "gebied": gettext_lazy("gebied"),
        "periode": gettext_lazy("periode"),
        "categorie": gettext_lazy("groep"),
    },
}
MEASURES = {
    SIGNALS: {"aantal": gettext_lazy("aantal signalen"), "inwoners": gettext_lazy("inwoners")},
    OBSERVATIONS: {"waarde": gettext_lazy("waarde")},
}
DEFAULTS = {
    SIGNALS: {"rijen": "thema", "kolommen": "jaar", "maat": "aantal"},
    OBSERVATIONS: {"rijen": "indicator", "kolommen": "periode", "maat": "waarde"},
}


@dataclass(frozen=True)
class TableChoice:
    """What the table builder was asked for (the form's cleaned choice)."""

    data: str = SIGNALS
    rows: str = "thema"
    columns: str = "jaar"  # empty: one column
    measure: str = "aantal"
    filters: dict = field(
        default_factory=dict
    )  # thema, wijk, kanaal, soort, indicator, gebied, categorie: lists; van, tot

    def dimensions(self) -> list[str]:
        return [d for d in (self.rows, self.columns) if d]
