"""The models of topics; learning/models.py imports them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.progress import ProgressMixin

__all__ = ["TopicRun"]


class TopicRun(ProgressMixin, models.Model):
    """One search for emerging topics in the signals of a period and an area.

    The result holds numbers and signal ids only, never a signal's text: the pages read the texts
    when they are shown, under the rules of who may see what (signals/visibility.py). Every count in
    it is already perturbed (monitoring/analysis/disclosure.py)."""

    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("in de wachtrij")
        RUNNING = "bezig", _("wordt gezocht")
        DONE = "klaar", _("klaar")
        FAILED = "mislukt", _("mislukt")

    WORKING = (Status.QUEUED, Status.RUNNING)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="topic_runs",
    )
    created_at = models.DateTimeField(_("gestart op"), auto_now_add=True)
    date_from = models.DateField(_("van"))
    date_to = models.DateField(_("tot en met"))
    area = models.ForeignKey(
        "monitoring.Area", verbose_name=_("gebied"), on_delete=models.PROTECT, related_name="topic_runs"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("voortgang (procent)"), default=0)
    result = models.JSONField(_("uitkomst"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("zoektocht naar onderwerpen")
        verbose_name_plural = _("zoektochten naar onderwerpen")

    def __str__(self) -> str:
        return f"{self.area} {self.date_from:%Y-%m-%d}–{self.date_to:%Y-%m-%d}"

    @property
    def is_working(self) -> bool:
        return self.status in self.WORKING

    @property
    def topics(self) -> list[dict]:
        return self.result.get("topics", []) if isinstance(self.result, dict) else []

    def topic(self, index: int) -> dict | None:
        """One topic of the result by its number (0-based), or None."""
        topics = self.topics
        return topics[index] if 0 <= index < len(topics) else None
