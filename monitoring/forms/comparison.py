"""The choices of the comparison page: period, area, verdict filter and sort order."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from monitoring.analysis.verdicts import VOCABULARY
from monitoring.models import Area

SORTS = {
    "thema": ("name", False),
    "signalen": ("signals_order", True),  # small counts sort as one tie: their order would give them away
    "aandeel": ("share_order", True),
    "oordeel": ("verdict_order", False),
}


class ComparisonForm(forms.Form):
    periode = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False, empty_value=None)
    gebied = forms.ChoiceField(label=_("Gebied"), required=False)
    oordeel = forms.ChoiceField(label=_("Oordeel"), required=False)
    sorteer = forms.ChoiceField(label=_("Sorteren op"), required=False, choices=[(s, s) for s in SORTS])

    def __init__(self, *args, years: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [("", _("Laatste jaar met signalen"))] + [(y, str(y)) for y in years]
        areas = Area.objects.filter(code=settings.MUNICIPALITY_CODE) | Area.objects.districts()
        self.fields["gebied"].choices = [(a.code, a.name) for a in areas.order_by("level", "name")]
        self.fields["oordeel"].choices = [
            ("", _("Alle oordelen")),
            *((key, verdict.label) for key, verdict in VOCABULARY.items()),
        ]

    def cleaned_or_default(self) -> dict:
        """The valid choices; a wrong one falls back to its default (its message shows on the form)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else getattr(self, "cleaned_data", {})
        return {
            "period": data.get("periode"),
            "area": data.get("gebied") or settings.MUNICIPALITY_CODE,
            "verdict": data.get("oordeel") or "",
            "sort": data.get("sorteer") or "oordeel",
        }
