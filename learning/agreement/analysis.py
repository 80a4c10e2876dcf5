"""Agreement per theme in one round: which signals count, the kappa, the counts and where members
differ. Pure: ids and sets in, results out; learning/agreement/services.py loads the data.

Kappa needs every signal rated by every member, so only the signals that every member of the round
answered count ("complete"); a signal still open for one member waits. Per theme a member's rating of
a signal is 1 when they tagged it with that theme, else 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from learning.agreement import kappa

Answers = Mapping[tuple[int, int], set[int]]  # (signal id, member id) -> the theme ids the member chose


class Undefined(Enum):
    """Why a theme has no kappa."""

    NO_SIGNALS = "no_signals"  # no signal answered by every member yet
    UNUSED = "unused"  # nobody chose the theme on any signal
    ALWAYS = "always"  # every member chose it on every signal


@dataclass(frozen=True)
class Difference:
    """A signal on which the members differ about one theme: who chose it and who did not."""

    signal_id: int
    chose: tuple[int, ...]
    left: tuple[int, ...]


@dataclass(frozen=True)
class ThemeAgreement:
    theme_id: int
    signals: int  # answered by every member
    by_anyone: int  # of those, chosen by at least one member
    by_all: int  # of those, chosen by every member
    value: float | None
    undefined: Undefined | None
    differences: list[Difference] = field(default_factory=list)


def complete_signals(signal_ids: Sequence[int], member_ids: Sequence[int], answers: Answers) -> list[int]:
    """The signals every member answered, in the sample's order."""
    return [s for s in signal_ids if all((s, m) in answers for m in member_ids)]


def ratings(theme_id: int, signal_ids: Sequence[int], member_ids: Sequence[int], answers: Answers) -> list[list[int]]:
    """A row per signal, a 1 or 0 per member: whether the member chose the theme."""
    return [[int(theme_id in answers[(s, m)]) for m in member_ids] for s in signal_ids]


def theme_agreement(
    theme_id: int, signal_ids: Sequence[int], member_ids: Sequence[int], answers: Answers
) -> ThemeAgreement:
    """One theme's agreement over the complete signals given (see complete_signals)."""
    rows = ratings(theme_id, signal_ids, member_ids, answers)
    chosen = [sum(row) for row in rows]
    by_anyone = sum(1 for n in chosen if n > 0)
    by_all = sum(1 for n in chosen if n == len(member_ids))
    value = kappa.kappa(rows) if rows else None
    undefined = None
    if value is None:
        undefined = Undefined.NO_SIGNALS if not rows else Undefined.UNUSED if by_anyone == 0 else Undefined.ALWAYS
    differences = [
        Difference(
            signal_id=s,
            chose=tuple(m for m, r in zip(member_ids, row, strict=True) if r),
            left=tuple(m for m, r in zip(member_ids, row, strict=True) if not r),
        )
        for s, row in zip(signal_ids, rows, strict=True)
        if 0 < sum(row) < len(member_ids)
    ]
    return ThemeAgreement(theme_id, len(rows), by_anyone, by_all, value, undefined, differences)


def round_agreement(
    *, theme_ids: Sequence[int], signal_ids: Sequence[int], member_ids: Sequence[int], answers: Answers
) -> list[ThemeAgreement]:
    """Every theme's agreement over the signals every member answered, in the order of theme_ids."""
    complete = complete_signals(signal_ids, member_ids, answers)
    return [theme_agreement(t, complete, member_ids, answers) for t in theme_ids]
