from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from consent.models import FEEDBACK_PURPOSE
from monitoring.analysis.disclosure import new_record_key
from signals.guard import findings as guard_findings

SUMMARY_MAX_LENGTH = 4000
MAX_SEARCH_WORDS = 10
LOWER_BOUND_YEARS = 10  # the lower bound of a conversation date lies at most this many years back


def conversation_date_lower_bound(today: date | None = None) -> date:
    """The earliest conversation date a signal may have: 1 January of the year the council started using
    the app (SIGNALS_START_YEAR), but never more than ten years back. The comparison starts here too."""
    today = today or timezone.localdate()
    return max(date(settings.SIGNALS_START_YEAR, 1, 1), date(today.year - LOWER_BOUND_YEARS, 1, 1))


class ThemeQuerySet(models.QuerySet):
    def in_tree_order(self) -> list[Theme]:
        """Each main theme followed by its aspects, as the theme page shows them. An aspect whose
        main theme is not among these themes stands where its main theme would."""
        return sorted(self.select_related("parent"), key=lambda theme: theme.tree_position)

    def for_form(self, selected_ids=()) -> ThemeQuerySet:
        """Active themes, plus any already on the signal being edited."""
        return self.filter(models.Q(is_active=True) | models.Q(pk__in=list(selected_ids))).select_related("parent")


class Theme(models.Model):
    """A participation theme; dimensions of Positive Health hold their aspects."""

    class Origin(models.TextChoices):
        POSITIVE_HEALTH = "positieve_gezondheid", _("Positieve Gezondheid")
        SCP = "scp", _("Participatie (SCP)")
        COUNCIL = "adviesraad", _("Eigen thema van de adviesraad")

    name = models.CharField(_("naam"), max_length=100)
    name_en = models.CharField(_("naam in het Engels"), max_length=100, blank=True)
    slug = models.SlugField(_("korte naam"), max_length=100, unique=True, editable=False)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("valt onder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leeg laten voor een hoofdthema."),
    )
    origin = models.CharField(_("herkomst"), max_length=30, choices=Origin.choices, default=Origin.COUNCIL)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Een inactief thema blijft bij oude signalen staan, maar niet meer in het formulier."),
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="theme_name_unique_ci",
                violation_error_message=_("Er is al een thema met deze naam."),
            )
        ]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": _("Een thema kan niet onder zichzelf vallen.")})
        if self.parent.parent_id is not None:
            raise ValidationError({"parent": _("Kies een hoofdthema: thema's gaan maar één laag diep.")})
        if self.pk and self.children.exists():
            raise ValidationError({"parent": _("Dit thema heeft zelf aspecten en moet een hoofdthema blijven.")})

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:90] or "thema"
        slug, n = base, 2
        while Theme.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @property
    def label(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name

    @property
    def tree_label(self) -> str:
        """The label in a list of the whole tree: an aspect indented under its main theme by a dash."""
        return f"— {self.label}" if self.parent_id else self.label

    @property
    def tree_position(self) -> tuple:
        """Where the theme stands in the tree: main themes by position and name, each followed by its aspects."""
        top = self.parent or self
        return (top.position, top.name, self.parent_id is not None, self.position, self.name)

    def family_ids(self) -> list[int]:
        """This theme and its aspects: filtering on a dimension includes them."""
        return [self.pk, *self.children.values_list("pk", flat=True)]


class SignalQuerySet(models.QuerySet):
    def with_related(self) -> SignalQuerySet:
        return self.select_related("district").prefetch_related("themes")

    def filtered(
        self, *, q="", theme=None, district=None, date_from=None, date_to=None, channel="", kind=""
    ) -> SignalQuerySet:
        """The list's filters; a dimension also matches signals tagged with its aspects."""
        qs = self
        if theme is not None:
            qs = qs.filter(
                pk__in=Signal.themes.through.objects.filter(theme_id__in=theme.family_ids()).values("signal_id")
            )
        if district is not None:
            qs = qs.filter(district=district)
        if date_from:
            qs = qs.filter(conversation_date__gte=date_from)
        if date_to:
            qs = qs.filter(conversation_date__lte=date_to)
        if channel:
            qs = qs.filter(channel=channel)
        if kind:
            qs = qs.filter(kind=kind)
        for word in q.split()[:MAX_SEARCH_WORDS]:
            qs = qs.filter(summary__icontains=word)
        return qs


class Signal(models.Model):
    """One anonymised story or conversation note from residents."""

    class Channel(models.TextChoices):
        CONSULTATION_HOUR = "spreekuur", _("spreekuur")
        HOME_VISIT = "huisbezoek", _("huisbezoek")
        MEETING = "bijeenkomst", _("bijeenkomst")
        PHONE = "telefoon", _("telefoon")
        ONLINE = "online", _("online")
        OTHER = "anders", _("anders")

    class Kind(models.TextChoices):
        PROBLEM = "knelpunt", _("knelpunt")
        POSITIVE = "positief", _("positieve ervaring")
        IDEA = "idee", _("idee")

    class AgeBand(models.TextChoices):
        UNDER_18 = "0-17", _("0 tot 18 jaar")
        YOUNG_ADULT = "18-26", _("18 tot 27 jaar")
        ADULT = "27-44", _("27 tot 45 jaar")
        MIDDLE_AGED = "45-64", _("45 tot 65 jaar")
        OLDER = "65-79", _("65 tot 80 jaar")
        ELDERLY = "80+", _("80 jaar en ouder")

    conversation_date = models.DateField(_("datum van het gesprek"))
    district = models.ForeignKey(
        "monitoring.Area",
        verbose_name=_("wijk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
        limit_choices_to={"level": "wijk"},
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    residents = models.PositiveIntegerField(
        _("aantal inwoners"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Voor hoeveel inwoners staat dit verhaal? Minstens 1."),
    )
    age_band = models.CharField(_("leeftijd"), max_length=10, choices=AgeBand.choices, blank=True)
    summary = models.TextField(_("samenvatting"), max_length=SUMMARY_MAX_LENGTH)
    themes = models.ManyToManyField(Theme, verbose_name=_("thema's"), related_name="signals")
    inquiry = models.ForeignKey(
        "monitoring.Inquiry",
        verbose_name=_("verdiepingsvraag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
        help_text=_("Hoort dit verhaal bij een vraag die de adviesraad uitzoekt? Kies die dan."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    feedback_contact = models.ForeignKey(
        "consent.Contact",
        verbose_name=_("inwoner die terugkoppeling wil"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    guard_flagged_at = models.DateTimeField(
        _("mogelijk persoonsgegevens gevonden op"),
        null=True,
        blank=True,
        help_text=_("Gezet als een nieuwe controle in een opgeslagen signaal iets vindt."),
    )
    # Stable key for signals made by an import (such as the demo data), so a
    # second run finds them instead of adding copies.
    import_key = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    # The cell-key method's record key: fixed at random when the signal is made, never shown. Every
    # count of signals is perturbed by the sum of its signals' keys, so the same cell always shows the
    # same number (monitoring/analysis/disclosure.py).
    record_key = models.PositiveSmallIntegerField(default=new_record_key, editable=False)

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-conversation_date", "-pk"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        permissions = [("change_any_signal", _("Alle signalen bewerken en verwijderen"))]
        constraints = [
            models.CheckConstraint(condition=models.Q(residents__gte=1), name="signal_residents_at_least_one")
        ]
        indexes = [
            models.Index(fields=["conversation_date"]),
            models.Index(fields=["district", "conversation_date"]),
        ]

    def __str__(self) -> str:
        # No date: who may see a signal's day is decided per user (signals/visibility.py).
        return _("Signaal %(id)s") % {"id": self.pk}

    def get_absolute_url(self) -> str:
        return reverse("signals:detail", args=[self.pk])

    def clean(self) -> None:
        if self.conversation_date and self.conversation_date > timezone.localdate():
            raise ValidationError({"conversation_date": _("De datum van het gesprek kan niet in de toekomst liggen.")})
        bound = conversation_date_lower_bound()
        if self.conversation_date and self.conversation_date < bound:
            raise ValidationError(
                {
                    "conversation_date": _(
                        "De datum van het gesprek kan niet vóór %(date)s liggen: toen gebruikte de adviesraad "
                        "Meedoen nog niet. Kijk of het jaar klopt."
                    )
                    % {"date": date_format(bound, "j F Y")}
                }
            )
        if self._feedback_contact_changed() and not self.feedback_contact.has_active_consent(FEEDBACK_PURPOSE):
            raise ValidationError(
                {"feedback_contact": _("Deze inwoner heeft geen geldige toestemming voor terugkoppeling.")}
            )

    def _feedback_contact_changed(self) -> bool:
        if self.feedback_contact_id is None:
            return False
        stored = Signal.objects.filter(pk=self.pk).values_list("feedback_contact_id", flat=True).first()
        return stored != self.feedback_contact_id

    @property
    def wants_feedback(self) -> bool:
        """Whether a resident waits for feedback. Says nothing about who."""
        return self.feedback_contact_id is not None and self.feedback_contact.has_active_consent(FEEDBACK_PURPOSE)

    def can_be_changed_by(self, user) -> bool:
        if user.has_perm("signals.change_any_signal"):
            return True
        return self.created_by_id == user.pk and user.has_perm("signals.change_signal")

    def can_be_deleted_by(self, user) -> bool:
        if user.has_perm("signals.change_any_signal"):
            return True
        return self.created_by_id == user.pk and user.has_perm("signals.delete_signal")


class DismissedFinding(models.Model):
    """A guard finding a member marked as not personal, or a soft hint left as it is. Kept without its text."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="dismissed_findings")
    kind = models.CharField(_("soort"), max_length=20)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    reason = models.CharField(_("reden"), max_length=30, blank=True)  # signals/guard/forms.py REASON_LABELS
    # The kind's detector version when marked: a newer detector asks again (is_current, signals/tasks.py).
    guard_version = models.PositiveSmallIntegerField(_("versie van de controle"), default=1)
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    dismissed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("afgewezen melding")
        verbose_name_plural = _("afgewezen meldingen")
        permissions = [("review_dismissedfinding", _("Afgewezen meldingen nakijken en heropenen"))]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end}"

    @transaction.atomic
    def reopen(self) -> None:
        """Take the mark back: the finding counts again and the signal is flagged for its author."""
        Signal.objects.filter(pk=self.signal_id).update(guard_flagged_at=timezone.now())
        self.delete()

    @property
    def is_current(self) -> bool:  # made under the kind's present detector (or a newer one)
        return self.guard_version >= guard_findings.GUARD_VERSIONS.get(self.kind, 1)


class SignalCountQuerySet(models.QuerySet):
    def themes(self) -> SignalCountQuerySet:
        """Counts per theme as tagged (and theme 0, every signal once)."""
        return self.filter(family=False)

    def families(self) -> SignalCountQuerySet:
        """Counts per main theme together with its aspects: a signal tagged with two of them counts once."""
        return self.filter(family=True)


class SignalCount(models.Model):
    """Signals, the residents they stand for and the sum of their record keys, per theme, district,
    year, month and kind.

    Kept up to date by every save and delete (signals/counting.py), so the comparison and
    the dashboard read a few thousand rows instead of every signal. Plain numbers, not
    foreign keys: theme 0 counts every signal once (whatever its themes), district 0 the
    signals without a district. Rows with ``family`` count a main theme with its aspects,
    each signal once; the others count each theme as tagged.
    """

    ALL_THEMES = 0
    NO_DISTRICT = 0

    theme = models.PositiveIntegerField()
    family = models.BooleanField(default=False)
    district = models.PositiveIntegerField()
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=20, default="")  # knelpunt, positief, idee: only problems confirm one
    signals = models.IntegerField(default=0)
    residents = models.IntegerField(default=0)
    key_sum = models.BigIntegerField(default=0)  # the sum of the signals' record keys (cell-key method)

    objects = SignalCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("telling van signalen")
        verbose_name_plural = _("tellingen van signalen")
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "family", "district", "year", "month", "kind"], name="signal_count_unique_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.theme}/{self.district}/{self.year}: {self.signals}"
