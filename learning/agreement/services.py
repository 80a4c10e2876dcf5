"""Rounds of agreement: drawing the sample, storing a member's tags, and the outcome per theme.

The round's tags are stored in RoundTag only. Nothing here writes to a signal, its themes or the
counts (SignalCount): a round is about how members read a text, not about the signal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from learning.agreement import analysis, kappa, sampling
from learning.agreement.models import MANAGE, TAG, AgreementRound, RoundMember, RoundSignal, RoundTag
from signals.models import Signal, Theme
from signals.retention import TOMBSTONE
from signals.visibility import visible_filters

VIEW_SIGNAL = "signals.view_signal"


class NotEnoughSignals(Exception):
    """Fewer signals match the filters than the sample asks for."""


class NotOpen(Exception):
    """The round is closed, or the member handed in: their tags stay as they are."""


def members_who_may_tag() -> QuerySet:
    """Active accounts whose role lets them tag in a round and read signals (members and coordinators)."""
    perms = Permission.objects.filter(content_type__app_label="learning", codename="tag_agreementround")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions__in=perms) | Q(user_permissions__in=perms) | Q(is_superuser=True))
        .distinct()
        .order_by("username")
    )


def may_be_invited(user) -> bool:
    return user.is_active and user.has_perm(TAG) and user.has_perm(VIEW_SIGNAL)


def sample_pool(*, user, theme=None, district=None, date_from=None, date_to=None) -> QuerySet:
    """The signals a round may draw from: those matching the filters (as this user may filter), with a text
    to read. Not a text emptied after its retention period, nor one a new check flagged as maybe holding
    personal data until its author looked at it (signals/tasks.py)."""
    filters = {"theme": theme, "district": district, "date_from": date_from, "date_to": date_to}
    return (
        Signal.objects.filtered(**visible_filters(filters, user))
        .exclude(summary=TOMBSTONE)
        .filter(guard_flagged_at__isnull=True)
    )


@transaction.atomic
def round_create(
    *, user, size: int, members, theme=None, district=None, date_from=None, date_to=None, note: str = "", seed=None
) -> AgreementRound:
    """Draw a sample of `size` signals and invite the members (two or more who may read signals)."""
    members = sorted(members, key=lambda m: m.pk)
    if len(members) < 2 or not all(may_be_invited(m) for m in members):
        raise ValueError("two or more members who may tag and read signals")
    pool = sample_pool(user=user, theme=theme, district=district, date_from=date_from, date_to=date_to)
    ids = list(pool.values_list("pk", flat=True))
    if len(ids) < size:
        raise NotEnoughSignals
    seed = sampling.new_seed() if seed is None else seed
    agreement_round = AgreementRound.objects.create(
        created_by=user,
        seed=seed,
        size=size,
        theme=theme,
        district=district,
        date_from=date_from,
        date_to=date_to,
        note=note,
    )
    RoundSignal.objects.bulk_create(
        RoundSignal(round=agreement_round, signal_id=pk, position=place)
        for place, pk in enumerate(sampling.draw(ids, size, seed), start=1)
    )
    letters = sampling.letters(len(members), seed)
    RoundMember.objects.bulk_create(
        RoundMember(round=agreement_round, user=member, letter=letter)
        for member, letter in zip(members, letters, strict=True)
    )
    return agreement_round


@transaction.atomic
def round_tags_save(*, member: RoundMember, round_signal: RoundSignal, themes) -> None:
    """Store the themes one member chose for one signal of the sample, in place of their earlier choice."""
    member = RoundMember.objects.select_for_update().select_related("round").get(pk=member.pk)
    if not member.may_tag or round_signal.round_id != member.round_id:
        raise NotOpen
    RoundTag.objects.filter(member=member, round_signal=round_signal).delete()
    RoundTag.objects.bulk_create(RoundTag(member=member, round_signal=round_signal, theme=theme) for theme in themes)


@transaction.atomic
def member_finish(*, member: RoundMember) -> None:
    """Hand in, once every signal of the sample has the member's themes."""
    member = RoundMember.objects.select_for_update().select_related("round").get(pk=member.pk)
    if not member.may_tag or len(member.answered_positions()) < member.round.round_signals.count():
        raise NotOpen
    member.finish()


@dataclass
class ThemeResult:
    theme: Theme
    agreement: analysis.ThemeAgreement
    band: str
    reading: str


def may_see_results(agreement_round: AgreementRound, user) -> bool:
    """Coordinators and the round's members who handed in; never a member still tagging, so their
    tags stay blind (a coordinator invited to the round included)."""
    member = agreement_round.member_for(user)
    if member is not None and not member.has_finished and agreement_round.is_open:
        return False
    return member is not None or user.has_perm(MANAGE)


def member_label(member: RoundMember, *, viewer, agreement_round: AgreementRound) -> str:
    """How a member is named in the outcome: by letter; the viewer as "u"; the coordinator sees names
    once the round is closed, to talk the differences through."""
    letter = gettext("lid %(letter)s") % {"letter": member.letter}
    if member.user_id == viewer.pk:
        return gettext("u (%(letter)s)") % {"letter": letter}
    if viewer.has_perm(MANAGE) and not agreement_round.is_open:
        return f"{letter} ({member.user.get_username()})"
    return letter


def counted_members(agreement_round: AgreementRound) -> list[RoundMember]:
    """The members whose choices count: those who handed in, once two or more did (a member who drops
    out does not hold the others back); before that every member, on the signals they all did."""
    members = list(agreement_round.members.select_related("user").order_by("letter"))
    finished = [m for m in members if m.has_finished]
    return finished if len(finished) >= 2 else members


@dataclass
class Outcome:
    results: list[ThemeResult]
    complete: int  # signals every counted member answered
    members: list[RoundMember]  # the members counted


def round_results(agreement_round: AgreementRound) -> Outcome:
    """Every theme's agreement over the signals every counted member answered. The themes: every
    active one and any chosen in the round, in tree order."""
    members = counted_members(agreement_round)
    member_ids = [m.pk for m in members]
    signal_ids = list(agreement_round.round_signals.order_by("position").values_list("pk", flat=True))
    answers: dict[tuple[int, int], set[int]] = {}
    tags = RoundTag.objects.filter(member__in=member_ids).values_list("round_signal_id", "member_id", "theme_id")
    for round_signal, member, theme in tags:
        answers.setdefault((round_signal, member), set()).add(theme)
    used = {theme for chosen in answers.values() for theme in chosen}
    themes = Theme.objects.filter(Q(is_active=True) | Q(pk__in=used)).in_tree_order()
    agreements = analysis.round_agreement(
        theme_ids=[t.pk for t in themes], signal_ids=signal_ids, member_ids=member_ids, answers=answers
    )
    results = [ThemeResult(t, a, *kappa.reading(a.value)) for t, a in zip(themes, agreements, strict=True)]
    complete = len(analysis.complete_signals(signal_ids, member_ids, answers))
    return Outcome(results, complete, members)
