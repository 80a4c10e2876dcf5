"""The comparison's verdicts: their keys, and how every page names and explains them.

One mapping, used by the engine (monitoring.analysis.comparison), the comparison page, the dashboard
and the follow-up forms, so a verdict is worded the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

DATAGAT = "datagat"
BLINDE_VLEK = "blinde_vlek"
TE_WEINIG = "te_weinig"
BEVESTIGD = "bevestigd"
TEGENSTRIJDIG = "tegenstrijdig"
IN_BEELD = "in_beeld"


@dataclass(frozen=True)
class Verdict:
    key: str
    label: Promise  # the verdict's name, lower case: "blinde vlek"
    meaning: Promise  # what it says, in a few plain words
    badge: str  # Bootstrap's contrast-safe badge colour; the label always shows too

    @property
    def choice_label(self) -> str:
        """The name with its meaning, for a choice in a form."""
        return f"{self.label} ({self.meaning})"


VOCABULARY: dict[str, Verdict] = {
    verdict.key: verdict
    for verdict in (
        Verdict(DATAGAT, _("datagat"), _("wel signalen, geen recente cijfers die iets zeggen"), "text-bg-warning"),
        Verdict(
            BLINDE_VLEK,
            _("blinde vlek"),
            _("de cijfers wijzen op een probleem, en er zijn duidelijk minder signalen dan je zou verwachten"),
            "text-bg-danger",
        ),
        Verdict(
            TE_WEINIG,
            _("te weinig signalen om te oordelen"),
            _("de cijfers wijzen op een probleem, maar er zijn te weinig signalen om te zeggen of we het missen"),
            "text-bg-secondary",
        ),
        Verdict(BEVESTIGD, _("bevestigd"), _("signalen en cijfers wijzen allebei op een probleem"), "text-bg-primary"),
        Verdict(
            TEGENSTRIJDIG,
            _("tegenstrijdig"),
            _("er zijn signalen, maar de cijfers laten geen probleem zien"),
            "text-bg-info",
        ),
        Verdict(IN_BEELD, _("in beeld"), _("niets valt op"), "text-bg-light border"),
    )
}
VERDICTS = tuple(VOCABULARY)  # in the order pages list them


def label(key: str) -> str:
    """The verdict's name; an unknown key (an old stored value) as it is."""
    verdict = VOCABULARY.get(key)
    return str(verdict.label) if verdict else key


def described(key: str) -> str:
    """The verdict's name with its meaning; an unknown key as it is."""
    verdict = VOCABULARY.get(key)
    return verdict.choice_label if verdict else key


def choices() -> list[tuple[str, str]]:
    """(key, name with meaning) for a form's choice of verdict."""
    return [(verdict.key, verdict.choice_label) for verdict in VOCABULARY.values()]
