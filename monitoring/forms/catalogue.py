"""Filters of the catalogue pages. They validate and normalise; the views apply them."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from config.formfields import BoundedIdsMixin, DateInput
from monitoring.analysis.charts import MAX_SERIES
from monitoring.models import Area, Import, Indicator, Source
from signals.models import Theme

MAX_CHOSEN_AREAS = MAX_SERIES - 1  # the municipality is always drawn


def _theme_choices() -> list[tuple[int | str, str]]:
    """Main themes with their aspects indented under them, as on the signals list."""
    return [("", _("Alle thema's"))] + [(t.pk, t.tree_label) for t in Theme.objects.in_tree_order()]


class IndicatorFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"), required=False, max_length=200, help_text=_("Zoekt in de code, de naam en de definitie.")
    )
    bron = forms.ModelChoiceField(
        label=_("Bron"), queryset=Source.objects.all(), required=False, empty_label=_("Alle bronnen")
    )
    thema = forms.ModelChoiceField(label=_("Thema"), queryset=Theme.objects.all(), required=False)
    eenheid = forms.ChoiceField(label=_("Eenheid"), required=False)
    richting = forms.ChoiceField(label=_("Richting"), required=False)

    OLD_NAMES = {"source": "bron", "theme": "thema", "unit": "eenheid", "polarity": "richting"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thema"].choices = _theme_choices()
        self.fields["eenheid"].choices = [("", _("Alle eenheden")), *Indicator.Unit.choices]
        self.fields["richting"].choices = [("", _("Alle richtingen")), *Indicator.Polarity.choices]

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())


class ImportFilterForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    door = forms.CharField(label=_("Door (gebruikersnaam)"), required=False, max_length=150)
    van = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    OLD_NAMES = {"kind": "soort", "user": "door", "date_from": "van", "date_to": "tot"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle soorten")), *Import.Kind.choices]

    def clean_door(self) -> str:
        return self.cleaned_data["door"].strip()

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data


class AreasField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    """Areas by id."""


class SeriesFilterForm(forms.Form):
    """Which figures of one indicator to show: a group (if it has them) and the areas to compare."""

    groep = forms.ChoiceField(label=_("Groep"), required=False)
    gebieden = AreasField(
        label=_("Gebieden om te vergelijken"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    OLD_NAMES = {"category": "groep", "areas": "gebieden"}

    def __init__(self, *args, indicator: Indicator, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        observations = indicator.observations.order_by()
        self.categories = sorted(set(observations.values_list("category", flat=True)))
        self.fields["groep"].choices = [(c, c or _("Iedereen (geen groep)")) for c in self.categories]
        self.fields["gebieden"].queryset = (
            Area.objects.filter(pk__in=observations.values("area"))
            .exclude(code=settings.MUNICIPALITY_CODE)
            .order_by("name")
        )
        self.fields["gebieden"].help_text = _("Kies hooguit %(max)s gebieden.") % {"max": MAX_CHOSEN_AREAS}

    @property
    def has_categories(self) -> bool:
        return self.categories not in ([], [""])

    @property
    def offers_choice(self) -> bool:
        return self.has_categories or self.fields["gebieden"].queryset.exists()

    def clean_gebieden(self):
        areas = self.cleaned_data["gebieden"]
        if len(areas) > MAX_CHOSEN_AREAS:
            raise forms.ValidationError(
                _("Kies hooguit %(max)s gebieden; u koos er %(count)s."),
                params={"max": MAX_CHOSEN_AREAS, "count": len(areas)},
            )
        return areas

    def selection(self) -> tuple[str, list[Area]]:
        """The chosen group and areas. A field left out or wrong falls back to its default:
        the first group (no group, when the figures have that) and no areas chosen."""
        data = {}
        if self.is_bound:
            self.is_valid()  # a wrong field gets its message; the fields that are right still count
            data = self.cleaned_data
        category = data.get("groep", "")
        if category not in self.categories:
            category = self.categories[0] if self.categories else ""
        return category, list(data.get("gebieden") or [])
