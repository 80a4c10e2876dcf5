"""The models of qda; learning/models.py imports them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CodebookUpload"]


class CodebookUpload(models.Model):
    """A codebook file that passed its check and waits for the coordinator to confirm the preview.
    One per user at a time; gone when confirmed or cancelled, and after a day (learning/qda/services.py).
    Its Meta also holds the permission to export for qualitative-analysis tools."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geüpload door"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    data = models.BinaryField(_("bestand"))
    created_at = models.DateTimeField(_("geüpload op"), auto_now_add=True)

    class Meta:
        verbose_name = _("codeboek dat wacht op bevestiging")
        verbose_name_plural = _("codeboeken die wachten op bevestiging")
        default_permissions = ()
        permissions = [("export_qda", _("Signalen en thema's uitvoeren voor programma's voor kwalitatieve analyse"))]

    def __str__(self) -> str:
        return self.file_name
