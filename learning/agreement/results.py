"""What the outcome page of a round shows: per theme the kappa, the counts and a reading in plain Dutch;
the themes nobody chose; and per theme the signals on which the members differ, with who chose what.

Members are named by letter ("lid A"), the viewer as "u". A coordinator sees the names beside the
letters once the round is closed: while it runs, names beside choices would turn a round about the
theme descriptions into a judgement of members, and could reach the members before they hand in.
Signals are shown by their text only, as on the tagging page: no author, no date.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from learning.agreement import analysis, services
from learning.agreement.models import AgreementRound

# Below this many signals answered by everyone a kappa moves a lot with one answer: the page says so.
FEW_SIGNALS = 20


@dataclass
class DifferenceRow:
    place: int
    round_signal_id: int
    summary: str
    chose: list[str]
    left: list[str]


@dataclass
class ThemeDifferences:
    theme: str
    rows: list[DifferenceRow]


def results_context(agreement_round: AgreementRound, *, viewer) -> dict:
    outcome = services.round_results(agreement_round)
    results, complete = outcome.results, outcome.complete
    labels = {m.pk: services.member_label(m, viewer=viewer, agreement_round=agreement_round) for m in outcome.members}
    round_signals = list(agreement_round.round_signals.select_related("signal"))
    places = {rs.pk: (place, rs.signal.summary) for place, rs in enumerate(round_signals, start=1)}
    used = [r for r in results if r.agreement.undefined is not analysis.Undefined.UNUSED]
    return {
        "results": used,
        "unused": [r.theme.label for r in results if r.agreement.undefined is analysis.Undefined.UNUSED],
        "complete": complete,
        "total": len(round_signals),
        "few": complete < FEW_SIGNALS,
        "method": gettext("Cohen's kappa") if len(labels) == 2 else gettext("Fleiss' kappa"),
        "labels": sorted(labels.values()),
        "left_out": agreement_round.members.count() - len(labels),
        "differences": [
            ThemeDifferences(r.theme.label, [_row(d, places, labels) for d in r.agreement.differences])
            for r in used
            if r.agreement.differences
        ],
    }


def _row(difference: analysis.Difference, places: dict, labels: dict) -> DifferenceRow:
    place, summary = places[difference.signal_id]
    return DifferenceRow(
        place=place,
        round_signal_id=difference.signal_id,
        summary=summary,
        chose=[labels[m] for m in difference.chose],
        left=[labels[m] for m in difference.left],
    )
