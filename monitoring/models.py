from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A municipality, district (wijk) or neighbourhood (buurt) with its CBS code."""

    class Level(models.TextChoices):
        MUNICIPALITY = "gemeente", _("gemeente")
        DISTRICT = "wijk", _("wijk")
        NEIGHBOURHOOD = "buurt", _("buurt")

    code = models.CharField(_("CBS-code"), max_length=10, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    level = models.CharField(_("niveau"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("ligt in"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("gebied")
        verbose_name_plural = _("gebieden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level="gemeente", parent__isnull=True) | ~models.Q(level="gemeente"),
                name="area_municipality_has_no_parent",
            )
        ]

    def __str__(self) -> str:
        return self.name
