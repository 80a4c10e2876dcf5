"""The table builder's choice, read from the URL: what data, rows, columns, measure and filters.

The GET parameters are the table's whole state, so a table can be shared and bookmarked. A
parameter left out takes its default; a wrong one gets a Dutch message and stays in the form."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from monitoring.analysis.table_choice import DEFAULTS, DIMENSIONS, MEASURES, OBSERVATIONS, SIGNALS, TableChoice
from monitoring.models import Area, Indicator, SavedTable
from monitoring.services.tables import theme_label
from signals.guard.forms import GuardedFormMixin
from signals.models import Signal, Theme

DATA_LABELS = {SIGNALS: _("signalen"), OBSERVATIONS: _("cijfers van indicatoren")}
FILTERS = {
    SIGNALS: ("thema", "wijk", "kanaal", "soort", "van", "tot"),
    OBSERVATIONS: ("indicator", "gebied", "categorie", "van", "tot"),
}
ALL_FILTERS = ("thema", "wijk", "kanaal", "soort", "indicator", "gebied", "categorie", "van", "tot")
YEAR = {"min_value": 1900, "max_value": 2100, "required": False}


class TableForm(forms.Form):
    gegevens = forms.ChoiceField(
        choices=[(SIGNALS, _("Signalen")), (OBSERVATIONS, _("Cijfers van indicatoren"))], widget=forms.HiddenInput
    )
    rijen = forms.ChoiceField(label=_("Rijen"))
    kolommen = forms.ChoiceField(label=_("Kolommen"), required=False)
    maat = forms.ChoiceField(label=_("In de cellen"))
    thema = forms.MultipleChoiceField(
        label=_("Thema"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Een hoofdthema telt met zijn onderwerpen."),
    )
    wijk = forms.MultipleChoiceField(label=_("Wijk"), required=False, widget=forms.CheckboxSelectMultiple)
    kanaal = forms.MultipleChoiceField(label=_("Kanaal"), required=False, widget=forms.CheckboxSelectMultiple)
    soort = forms.MultipleChoiceField(label=_("Soort"), required=False, widget=forms.CheckboxSelectMultiple)
    indicator = forms.MultipleChoiceField(label=_("Indicator"), required=False, widget=forms.CheckboxSelectMultiple)
    gebied = forms.MultipleChoiceField(
        label=_("Gebied"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niets gekozen: de hele gemeente, tenzij het gebied in de rijen of kolommen staat."),
    )
    categorie = forms.CharField(
        label=_("Groep"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld 65+. Leeg: de cijfers voor iedereen, tenzij de groep in de rijen of kolommen staat."),
    )
    van = forms.IntegerField(label=_("Van jaar"), **YEAR)
    tot = forms.IntegerField(label=_("Tot en met jaar"), **YEAR)

    def __init__(self, query: QueryDict, *, indicators: QuerySet[Indicator]) -> None:
        """`indicators`: those a table of figures may show (of the sources this user may use)."""
        data = query.copy()
        self.kind = data.get("gegevens") if data.get("gegevens") in DIMENSIONS else SIGNALS
        data["gegevens"] = self.kind
        for name, value in DEFAULTS[self.kind].items():
            if name not in data:
                data[name] = value
        super().__init__(data)
        for name in set(ALL_FILTERS) - set(FILTERS[self.kind]):
            del self.fields[name]
        self._set_choices(indicators)

    def _set_choices(self, indicators: QuerySet[Indicator]) -> None:
        dimensions = [(key, capfirst(label)) for key, label in DIMENSIONS[self.kind].items()]
        self.fields["rijen"].choices = dimensions + self._kept("rijen")
        self.fields["kolommen"].choices = [("", _("Geen: één kolom")), *dimensions, *self._kept("kolommen")]
        measures = [(key, capfirst(label)) for key, label in MEASURES[self.kind].items()]
        self.fields["maat"].choices = measures + self._kept("maat", MEASURES)
        if self.kind == SIGNALS:
            self.fields["thema"].choices = [(t.slug, theme_label(t)) for t in Theme.objects.in_tree_order()]
            self.fields["wijk"].choices = [(a.code, a.name) for a in Area.objects.districts()]
            self.fields["kanaal"].choices = Signal.Channel.choices
            self.fields["soort"].choices = Signal.Kind.choices
        else:
            self.fields["indicator"].choices = [(i.code, i.label) for i in indicators]
            self.fields["gebied"].choices = [(a.code, a.name) for a in _areas()]

    def _kept(self, name: str, options: dict = DIMENSIONS) -> list[tuple[str, str]]:
        """A choice that belongs to the other data stays selectable, so clean() can say why it does not fit."""
        value = self.data.get(name, "")
        other = OBSERVATIONS if self.kind == SIGNALS else SIGNALS
        return [(value, capfirst(options[other][value]))] if value in options[other] else []

    def clean(self):
        data = super().clean()
        self._check_fits("rijen", DIMENSIONS, data)
        self._check_fits("kolommen", DIMENSIONS, data)
        self._check_fits("maat", MEASURES, data)
        if data.get("rijen") and data.get("rijen") == data.get("kolommen"):
            self.add_error("kolommen", _("Kies voor de kolommen iets anders dan voor de rijen."))
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Dit jaar ligt vóór het beginjaar."))
        if self.kind == OBSERVATIONS:
            self._check_one_indicator(data)
        return data

    def _check_fits(self, name: str, options: dict, data: dict) -> None:
        value = data.get(name)
        if value and value not in options[self.kind]:
            fitting = ", ".join(str(label) for label in options[self.kind].values())
            self.add_error(
                name,
                _("%(choice)s past niet bij %(data)s. Kies uit: %(fitting)s.")
                % {"choice": capfirst(_label(value, options)), "data": DATA_LABELS[self.kind], "fitting": fitting},
            )

    def _check_one_indicator(self, data: dict) -> None:
        in_table = "indicator" in (data.get("rijen"), data.get("kolommen"))
        if not in_table and len(data.get("indicator") or []) != 1:
            self.add_error(
                None,
                _(
                    "Kies één indicator, of zet Indicator in de rijen of kolommen. "
                    "Waarden van verschillende indicatoren kunnen niet samen in één cel."
                ),
            )

    def choice(self) -> TableChoice:
        """The valid choice (call after is_valid())."""
        data = self.cleaned_data
        filters = {name: data.get(name) for name in FILTERS[self.kind] if data.get(name)}
        if filters.get("categorie"):
            filters["categorie"] = [filters["categorie"]]
        return TableChoice(self.kind, data["rijen"], data.get("kolommen") or "", data["maat"], filters)

    def query_string(self) -> str:
        """The choice as URL parameters, in a fixed order: the address of this table."""
        data = self.cleaned_data
        pairs = [(name, data.get(name) or "") for name in ("gegevens", "rijen", "kolommen", "maat")]
        for name in FILTERS[self.kind]:
            value = data.get(name)
            values = value if isinstance(value, list) else [value] if value not in (None, "") else []
            pairs += [(name, v) for v in values]
        return urlencode(pairs)

    def summary(self) -> list[str]:
        """The filters in words, to print with the table (and keep with a saved copy)."""
        data = self.cleaned_data
        lines = []
        for name in FILTERS[self.kind]:
            value = data.get(name)
            if name in ("van", "tot") or not value:
                continue
            labels = dict(self.fields[name].choices) if hasattr(self.fields[name], "choices") else {}
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(str(labels.get(v, v)) for v in values)
            lines.append(f"{self.fields[name].label}: {shown}")
        if data.get("van") or data.get("tot"):
            lines.append(_years(data.get("van"), data.get("tot")))
        return [str(line) for line in lines + self._observation_defaults(data)]

    def _observation_defaults(self, data: dict) -> list[str]:
        if self.kind != OBSERVATIONS:
            return []
        chosen = (data.get("rijen"), data.get("kolommen"))
        lines = []
        if "gebied" not in chosen and not data.get("gebied"):
            name = dict(self.fields["gebied"].choices).get(settings.MUNICIPALITY_CODE, settings.MUNICIPALITY_CODE)
            lines.append(_("Gebied: %(name)s") % {"name": name})
        if "categorie" not in chosen and not data.get("categorie"):
            lines.append(_("Groep: iedereen (geen groep)"))
        return lines

    @property
    def filter_fields(self) -> list:
        return [self[name] for name in FILTERS[self.kind] if name not in ("van", "tot")]

    @property
    def is_observations(self) -> bool:
        return self.kind == OBSERVATIONS

    @property
    def has_filters(self) -> bool:
        return bool(self.active_filters())

    def active_filters(self) -> int:
        """How many filters are set: the folded filter box says so, so the table comes first on a phone."""
        return sum(1 for name in FILTERS[self.kind] if self.data.get(name))


def _label(value: str, options: dict) -> str:
    for labels in options.values():
        if value in labels:
            return str(labels[value])
    return value


def _years(start: int | None, end: int | None) -> str:
    if start and end:
        return _("Jaren: %(start)s tot en met %(end)s") % {"start": start, "end": end}
    if start:
        return _("Jaren: vanaf %(start)s") % {"start": start}
    return _("Jaren: tot en met %(end)s") % {"end": end}


LEVEL_ORDER = {level: n for n, level in enumerate(Area.Level.values)}


def _areas() -> list[Area]:
    """The country, the municipality and its districts: the areas a table of figures is about."""
    code = settings.MUNICIPALITY_CODE
    areas = Area.objects.filter(Q(level=Area.Level.COUNTRY) | Q(code=code) | Q(parent__code=code))
    return sorted(areas, key=lambda a: (LEVEL_ORDER.get(a.level, 9), a.name))


class SavedTableForm(GuardedFormMixin, forms.Form):
    guarded_fields = ("name",)

    name = forms.CharField(
        label=_("Naam van de tabel"),
        max_length=200,
        help_text=_("Bijvoorbeeld: Eenzaamheid per wijk, voor het advies over de buurtbus."),
    )
    query = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_query(self) -> str:
        query = self.cleaned_data["query"]
        if len(query) > SavedTable._meta.get_field("query").max_length:
            raise forms.ValidationError(_("Deze tabel heeft te veel filters om te bewaren. Kies er minder."))
        return query
