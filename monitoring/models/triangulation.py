"""Triangulation's records: linking requests, data requests, follow-up inquiries and saved tables."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring.models.figures import Area, Source


class LinkRequest(models.Model):
    """A koppelverzoek: leave to combine data of sources that need approval with signals or other
    sources, for named users, until a date. The privacy officer decides once; the decision is kept."""

    class Status(models.TextChoices):
        SUBMITTED = "ingediend", _("ingediend")
        APPROVED = "goedgekeurd", _("goedgekeurd")
        REJECTED = "afgewezen", _("afgewezen")

    EXPIRED = "verlopen"  # not a stored status, a filter of the list: approved, but past its date

    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), related_name="link_requests")
    purpose = models.TextField(_("doel"))
    benefit = models.TextField(_("verwachte opbrengst"))
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("wie krijgt toegang"), related_name="link_access"
    )
    valid_until = models.DateField(_("geldig tot"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="link_requests_made",
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("besloten door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="link_decisions",
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    motivation = models.TextField(_("motivering"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("koppelverzoek")
        verbose_name_plural = _("koppelverzoeken")
        permissions = [("decide_linkrequest", _("Koppelverzoeken goedkeuren of afwijzen"))]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.requested_at:%Y-%m-%d})"

    def decide(self, *, user, approve: bool, motivation: str) -> None:
        """Approve or reject once, with a motivation; a decided request stays as it was decided."""
        if self.status != self.Status.SUBMITTED:
            raise ValueError("already decided")
        self.status = self.Status.APPROVED if approve else self.Status.REJECTED
        self.decided_by = user
        self.decided_at = timezone.now()
        self.motivation = motivation
        self.save(update_fields=["status", "decided_by", "decided_at", "motivation"])


class DataRequest(models.Model):
    """A datavraag: the council asks the municipality for data it lacks, from a comparison's verdict."""

    class Status(models.TextChoices):
        DRAFT = "concept", _("concept")
        SUBMITTED = "ingediend", _("ingediend")
        PROMISED = "toegezegd", _("toegezegd")
        DELIVERED = "geleverd", _("geleverd")
        REJECTED = "afgewezen", _("afgewezen")

    NEXT = {
        Status.DRAFT: [Status.SUBMITTED],
        Status.SUBMITTED: [Status.PROMISED, Status.REJECTED],
        Status.PROMISED: [Status.DELIVERED, Status.REJECTED],
        Status.DELIVERED: [],
        Status.REJECTED: [],
    }

    theme = models.ForeignKey(
        "signals.Theme", verbose_name=_("thema"), on_delete=models.PROTECT, related_name="data_requests"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("gebied"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period = models.PositiveSmallIntegerField(_("jaar van de vergelijking"), null=True, blank=True)
    verdict = models.CharField(_("oordeel"), max_length=20, blank=True)
    which_data = models.TextField(_("welke gegevens"))
    why = models.TextField(_("waarom"))
    level = models.CharField(_("op welk niveau"), max_length=10, choices=Area.Level.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("datavraag")
        verbose_name_plural = _("datavragen")

    def __str__(self) -> str:
        return f"{self.theme} ({self.get_status_display()})"

    def next_statuses(self) -> list:
        return self.NEXT[self.status]

    def move_to(self, status: str) -> None:
        if status not in self.NEXT[self.status]:
            raise ValueError(f"{self.status} cannot become {status}")
        self.status = status
        self.status_changed_at = timezone.now()
        self.save(update_fields=["status", "status_changed_at"])


class Inquiry(models.Model):
    """A verdiepingsvraag: a question the council looks into; members log signals under it."""

    question = models.CharField(_("vraag"), max_length=300)
    theme = models.ForeignKey(
        "signals.Theme", verbose_name=_("thema"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("gebied"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_open = models.BooleanField(
        _("open"), default=True, help_text=_("Leden zien open vragen op het signaalformulier.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("verdiepingsvraag")
        verbose_name_plural = _("verdiepingsvragen")

    def __str__(self) -> str:
        return self.question


class SavedTable(models.Model):
    """A table from the table builder, saved under a name with a frozen copy of its figures to cite."""

    name = models.CharField(_("naam"), max_length=200)
    query = models.CharField(_("keuzes (URL)"), max_length=2000)
    figures = models.JSONField(_("cijfers op het moment van bewaren"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("bewaard op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bewaarde tabel")
        verbose_name_plural = _("bewaarde tabellen")

    def __str__(self) -> str:
        return self.name
