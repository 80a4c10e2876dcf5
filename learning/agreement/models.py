"""The models of agreement; learning/models.py imports them.

A coordinator draws a sample of signals (a round) and invites two or more members; each member tags
the sample's texts blind, on their own. The round's tags live here only: they never touch the
signals' own themes or their counts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AgreementRound", "RoundMember", "RoundSignal", "RoundTag"]

MANAGE = "learning.manage_agreementround"
TAG = "learning.tag_agreementround"


class AgreementRound(models.Model):
    """A sample of signals that two or more members tag blind, to see how far they agree per theme."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    # The sample was drawn with random.Random(seed).sample() from the ids of the signals that matched, in
    # order (learning/agreement/sampling.py): with the filters below it explains which signals came in.
    seed = models.BigIntegerField(_("startgetal van de steekproef"))
    size = models.PositiveSmallIntegerField(_("aantal signalen"))
    theme = models.ForeignKey(
        "signals.Theme", verbose_name=_("thema"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.ForeignKey(
        "monitoring.Area", verbose_name=_("wijk"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date_from = models.DateField(_("vanaf"), null=True, blank=True)
    date_to = models.DateField(_("tot en met"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True, max_length=1000)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ronde van overeenstemming")
        verbose_name_plural = _("rondes van overeenstemming")
        permissions = [
            ("manage_agreementround", _("Rondes van overeenstemming maken en sluiten, en de uitkomst zien")),
            ("tag_agreementround", _("Thema's kiezen in een ronde van overeenstemming waarvoor je bent uitgenodigd")),
        ]

    def __str__(self) -> str:
        return str(_("Ronde %(id)s") % {"id": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("learning:agreement_round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def close(self) -> None:
        """Close the round: nobody tags any more; members who did not finish stay unfinished."""
        if self.closed_at is None:
            self.closed_at = timezone.now()
            self.save(update_fields=["closed_at"])

    def member_for(self, user) -> RoundMember | None:
        return self.members.filter(user=user).first()


class RoundSignal(models.Model):
    """A signal in a round's sample, at its place (1, 2, ...) in the order every member sees."""

    round = models.ForeignKey(AgreementRound, on_delete=models.CASCADE, related_name="round_signals")
    # A signal deleted later leaves the sample, with the tags members gave it.
    signal = models.ForeignKey("signals.Signal", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("plaats"))

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(fields=["round", "signal"], name="agreement_signal_once_per_round"),
            models.UniqueConstraint(fields=["round", "position"], name="agreement_position_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.position}"


class RoundMemberQuerySet(models.QuerySet):
    def open(self) -> RoundMemberQuerySet:
        """The invitations still to do: the round is open and the member has not handed in."""
        return self.filter(round__closed_at__isnull=True, finished_at__isnull=True)

    def with_progress(self) -> RoundMemberQuerySet:
        """With `answered`: how many of the round's signals the member tagged, of `total`."""
        return self.annotate(
            answered=Count("tags__round_signal", distinct=True), total=Count("round__round_signals", distinct=True)
        )


class RoundMember(models.Model):
    """A member invited to a round; `letter` names them to the others without their name."""

    round = models.ForeignKey(AgreementRound, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agreement_memberships")
    letter = models.CharField(max_length=2)
    finished_at = models.DateTimeField(_("ingeleverd op"), null=True, blank=True)

    objects = RoundMemberQuerySet.as_manager()

    class Meta:
        ordering = ["round", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="agreement_member_once_per_round"),
            models.UniqueConstraint(fields=["round", "letter"], name="agreement_letter_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.letter}"

    @property
    def has_finished(self) -> bool:
        return self.finished_at is not None

    @property
    def may_tag(self) -> bool:
        return self.round.is_open and not self.has_finished

    def answered_positions(self) -> set[int]:
        return set(self.tags.values_list("round_signal__position", flat=True))

    def finish(self) -> None:
        """Hand in: the member's tags are fixed from now on, and they may see the outcome."""
        if self.finished_at is None:
            self.finished_at = timezone.now()
            self.save(update_fields=["finished_at"])


class RoundTag(models.Model):
    """A theme one member chose for one signal of the sample. Never a tag of the signal itself."""

    round_signal = models.ForeignKey(RoundSignal, on_delete=models.CASCADE, related_name="tags")
    member = models.ForeignKey(RoundMember, on_delete=models.CASCADE, related_name="tags")
    theme = models.ForeignKey("signals.Theme", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round_signal", "member", "theme"], name="agreement_tag_once"),
        ]

    def __str__(self) -> str:
        return f"{self.round_signal_id}:{self.member_id}:{self.theme_id}"
