"""The models of suggestions; learning/models.py imports them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ThemeModel", "ThemeModelTraining"]

KEEP_MODELS = 3  # older trained models are deleted: they hold n-grams of texts and are not needed


class ThemeModelQuerySet(models.QuerySet):
    def newest(self) -> ThemeModel | None:
        return self.order_by("-version").first()

    def newest_version(self) -> int | None:
        return self.order_by("-version").values_list("version", flat=True).first()

    def newest_stamp(self) -> tuple | None:
        """The newest version's number and time: one cheap query, to see whether the model a process
        holds is still the newest (the time tells apart two databases that both reached a version)."""
        return self.order_by("-version").values_list("version", "trained_at").first()


class ThemeModel(models.Model):
    """A trained theme suggester. `fitted` is the skops file of the fitted pipeline and what it needs
    (learning/suggestions/model.py); it holds n-grams of signal texts, so it is never shown and is
    kept under the same access as the signals."""

    version = models.PositiveIntegerField(_("versie"), unique=True)
    trained_at = models.DateTimeField(_("getraind op"), auto_now_add=True)
    signal_count = models.PositiveIntegerField(_("aantal signalen"))
    evaluation = models.JSONField(_("evaluatie"), default=dict)
    fitted = models.BinaryField(_("getraind model"))

    objects = ThemeModelQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("model voor themavoorstellen")
        verbose_name_plural = _("modellen voor themavoorstellen")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.version}"


class ThemeModelTraining(models.Model):
    """One training run (nightly or asked for by a coordinator), so the page can say it is busy."""

    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("in de wachtrij")
        RUNNING = "bezig", _("bezig")
        DONE = "klaar", _("klaar")
        FAILED = "mislukt", _("mislukt")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    requested_at = models.DateTimeField(_("gevraagd op"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gevraagd door"), null=True, blank=True, on_delete=models.SET_NULL
    )
    model_version = models.PositiveIntegerField(_("versie van het model"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("training van het model voor themavoorstellen")
        verbose_name_plural = _("trainingen van het model voor themavoorstellen")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


# Celery's autodiscovery looks for learning.tasks only; importing the part's tasks here registers them.
from learning.suggestions import tasks as _tasks  # noqa: E402,F401
