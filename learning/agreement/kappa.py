"""Agreement between members beyond chance: Cohen's kappa for two, Fleiss' kappa for more, and what a
value means in plain Dutch. Pure: lists in, numbers and words out, no database.

Per theme every member gives every signal of the sample a rating of 1 (tagged with the theme) or
0 (not tagged). Kappa compares how often the members agree with how often they would agree by chance,
given how often each of them uses the theme:

    kappa = (observed agreement - chance agreement) / (1 - chance agreement)

1 is full agreement, 0 is no more than chance, below 0 is less than chance. When chance agreement is
already 1 (every member gave every signal the same rating, such as a theme nobody used), kappa is
0/0: undefined, and these functions return None instead of a number.

- Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and Psychological
  Measurement 20(1), 37-46. Computed by scikit-learn's ``cohen_kappa_score``.
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin
  76(5), 378-382. Written out below: with two raters it equals Scott's pi, not Cohen's kappa, so the
  two are not mixed up: two members get Cohen, three or more Fleiss.
- Landis, J. R. & Koch, G. G. (1977). The measurement of observer agreement for categorical data.
  Biometrics 33(1), 159-174: the bands of ``reading``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from django.utils.translation import gettext_lazy as _
from sklearn.metrics import cohen_kappa_score

Ratings = Sequence[Sequence[int]]  # one row per signal, one 0/1 per member (in the same order on every row)


def cohen(first: Sequence[int], second: Sequence[int]) -> float | None:
    """Cohen's kappa of two members' 0/1 ratings of the same signals; None when it is undefined."""
    if len(first) != len(second):
        raise ValueError("both members rate the same signals")
    if not first or len(set(first) | set(second)) == 1:
        return None  # both gave every signal one and the same rating: chance agreement is 1
    return float(cohen_kappa_score(list(first), list(second), labels=[0, 1]))


def fleiss(ratings: Ratings) -> float | None:
    """Fleiss' kappa of 0/1 ratings (a row per signal, every row rated by the same number of members,
    at least two); None when it is undefined (every rating the same, or no signals)."""
    if not ratings:
        return None
    raters = len(ratings[0])
    if raters < 2 or any(len(row) != raters for row in ratings):
        raise ValueError("every signal needs the same number of ratings, at least two")
    subjects = len(ratings)
    ones = [sum(row) for row in ratings]  # n_i1; n_i0 = raters - n_i1
    # P_i: the share of agreeing pairs of members on signal i.
    per_signal = [(n1 * (n1 - 1) + (raters - n1) * (raters - n1 - 1)) / (raters * (raters - 1)) for n1 in ones]
    observed = sum(per_signal) / subjects
    share_ones = sum(ones) / (subjects * raters)  # p_1; p_0 = 1 - p_1
    chance = share_ones**2 + (1 - share_ones) ** 2
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)


def kappa(ratings: Ratings) -> float | None:
    """Cohen's kappa for two members, Fleiss' for more (a row per signal, a 0/1 per member)."""
    if ratings and len(ratings[0]) == 2:
        return cohen([row[0] for row in ratings], [row[1] for row in ratings])
    return fleiss(ratings)


class Band(Enum):
    """The bands of Landis & Koch (1977), named in plain Dutch (B1)."""

    POOR = "poor"
    SLIGHT = "slight"
    FAIR = "fair"
    MODERATE = "moderate"
    SUBSTANTIAL = "substantial"
    ALMOST_PERFECT = "almost_perfect"


# The upper bound of each band from 0 up, as Landis & Koch give them: 0-0.20, 0.21-0.40, 0.41-0.60,
# 0.61-0.80, 0.81-1.00 (and "poor" below 0).
BOUNDS = [
    (0.2, Band.SLIGHT),
    (0.4, Band.FAIR),
    (0.6, Band.MODERATE),
    (0.8, Band.SUBSTANTIAL),
]
NAMES = {
    Band.POOR: _("minder dan toeval"),
    Band.SLIGHT: _("nauwelijks"),
    Band.FAIR: _("matig"),
    Band.MODERATE: _("redelijk"),
    Band.SUBSTANTIAL: _("goed"),
    Band.ALMOST_PERFECT: _("bijna volledig"),
}
READINGS = {
    Band.POOR: _(
        "De leden zijn het minder vaak eens dan je bij toeval zou verwachten. Ze lezen dit thema heel "
        "verschillend. Bespreek samen wat het thema betekent."
    ),
    Band.SLIGHT: _(
        "De leden zijn het bijna niet vaker eens dan bij toeval. Ze lezen dit thema verschillend. "
        "Een scherpere omschrijving helpt."
    ),
    Band.FAIR: _("De leden zijn het soms eens, maar vaak ook niet. Kijk naar de signalen waarover ze verschillen."),
    Band.MODERATE: _("De leden zijn het redelijk vaak eens. Bij een deel van de signalen kiezen ze anders."),
    Band.SUBSTANTIAL: _("De leden zijn het meestal eens over dit thema."),
    Band.ALMOST_PERFECT: _("De leden zijn het bijna altijd eens over dit thema."),
}


def band(value: float) -> Band:
    """The Landis & Koch band of a kappa value."""
    if value < 0:
        return Band.POOR
    for upper, name in BOUNDS:
        if value <= upper:
            return name
    return Band.ALMOST_PERFECT


def reading(value: float | None) -> tuple[str, str]:
    """The band's name and a sentence in plain Dutch; for an undefined kappa, why there is no number."""
    if value is None:
        return "", str(_("Hier is geen getal voor: alle leden gaven elk signaal hetzelfde antwoord."))
    chosen = band(value)
    return str(NAMES[chosen]), str(READINGS[chosen])
