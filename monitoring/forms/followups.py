"""Forms of the follow-up pages: linking requests and their decision, data requests, inquiries.

They validate and normalise; the views call the services with what they clean."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from config.formfields import BoundedIdsMixin, DateInput, ErrorSummaryMixin
from monitoring.analysis import verdicts
from monitoring.models import Area, DataRequest, Inquiry, LinkRequest, Source
from signals.guard.forms import GuardedFormMixin
from signals.models import Theme

TEXT_MAX = 4000  # the same bound as a signal's summary: room for a paragraph, not a document
FIRST_YEAR = 2000  # no council compares signals from before this year
REQUEST_LEVELS = [
    (Area.Level.MUNICIPALITY, _("gemeente")),
    (Area.Level.DISTRICT, _("wijk")),
    (Area.Level.NEIGHBOURHOOD, _("buurt")),
]


def _verdict_choices() -> list[tuple[str, str]]:
    return [("", ""), *verdicts.choices()]


def theme_choices(empty_label: str, themes) -> list[tuple[int | str, str]]:
    """Main themes with their aspects indented under them."""
    return [("", empty_label)] + [(t.pk, t.tree_label) for t in themes.in_tree_order()]


def municipality_areas():
    """The municipality and its districts: the areas the comparison looks at."""
    return (Area.objects.filter(code=settings.MUNICIPALITY_CODE) | Area.objects.districts()).order_by("level", "name")


class UserChoiceField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.get_username()})" if full_name else obj.get_username()


class SourceChoiceField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.label


class LinkRequestForm(GuardedFormMixin, ErrorSummaryMixin, forms.Form):
    guarded_fields = ("purpose", "benefit")

    sources = SourceChoiceField(
        label=_("Bronnen"),
        queryset=Source.objects.none(),
        help_text=_("Alleen bronnen die u pas na goedkeuring mag koppelen staan hier."),
    )
    purpose = forms.CharField(
        label=_("Doel"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat wilt u te weten komen door deze gegevens te combineren?"),
    )
    benefit = forms.CharField(
        label=_("Verwachte opbrengst"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat levert het de adviesraad of de inwoners op?"),
    )
    users = UserChoiceField(
        label=_("Wie krijgt toegang"),
        queryset=get_user_model().objects.none(),
        help_text=_("Alleen deze mensen mogen de bronnen combineren, en alleen tot de einddatum."),
    )
    valid_until = forms.DateField(label=_("Geldig tot en met"), widget=DateInput())

    def __init__(self, *args, sources: QuerySet[Source], today: datetime.date, latest: datetime.date, **kwargs) -> None:
        """`sources`: those a request may be about; `latest`: the last end date it may ask for."""
        super().__init__(*args, **kwargs)
        self.today = today
        self.latest = latest
        self.fields["sources"].queryset = sources
        self.offers_sources = self.fields["sources"].queryset.exists()
        self.fields["users"].queryset = get_user_model().objects.filter(is_active=True).order_by("username")
        self.fields["valid_until"].help_text = _(
            "Na deze datum vervalt de toestemming vanzelf. Hooguit tot en met %(date)s."
        ) % {"date": date_format(self.latest, "j F Y")}
        tomorrow = self.today + datetime.timedelta(days=1)
        self.fields["valid_until"].widget.attrs.update(min=tomorrow.isoformat(), max=self.latest.isoformat())

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value <= self.today:
            raise forms.ValidationError(_("Kies een datum na vandaag."))
        if value > self.latest:
            raise forms.ValidationError(
                _("Kies een datum tot en met %(date)s. Daarna kunt u een nieuw verzoek indienen.")
                % {"date": date_format(self.latest, "j F Y")}
            )
        return value


class LinkDecisionForm(GuardedFormMixin, ErrorSummaryMixin, forms.Form):
    guarded_fields = ("motivation",)
    APPROVE, REJECT = "goedkeuren", "afwijzen"

    decision = forms.ChoiceField(
        label=_("Keurt u het verzoek goed of af?"),  # the section's heading already says "Besluit"
        choices=[(APPROVE, _("Goedkeuren")), (REJECT, _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(
        label=_("Motivering"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom keurt u het goed of af? De coördinator en latere lezers zien dit."),
        error_messages={"required": _("Schrijf op waarom u het verzoek goedkeurt of afwijst.")},
    )

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE


class LinkRequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Alle koppelverzoeken")),
            (LinkRequest.Status.SUBMITTED, _("ingediend: wacht op een besluit")),
            (LinkRequest.Status.APPROVED, _("goedgekeurd en nog geldig")),
            (LinkRequest.EXPIRED, _("goedgekeurd, maar verlopen")),
            (LinkRequest.Status.REJECTED, _("afgewezen")),
        ],
    )

    def chosen(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_bound and self.is_valid() else ""


class PrefillForm(forms.Form):
    """GET parameters that fill in a new data request or inquiry from a comparison row.

    A wrong parameter is left out; the others still count."""

    thema = forms.ModelChoiceField(queryset=Theme.objects.all(), required=False)
    gebied = forms.ModelChoiceField(queryset=Area.objects.none(), to_field_name="code", required=False)
    periode = forms.IntegerField(required=False)
    oordeel = forms.ChoiceField(choices=_verdict_choices, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebied"].queryset = municipality_areas()

    def clean_periode(self) -> int | None:
        period = self.cleaned_data["periode"]
        if period is not None and not FIRST_YEAR <= period <= timezone.localdate().year:
            raise forms.ValidationError("out of range")  # never shown: a wrong parameter is left out
        return period

    def values(self) -> dict:
        """The right parameters, as the model's field names."""
        if not self.is_bound:
            return {}
        self.is_valid()
        names = {"thema": "theme", "gebied": "area", "periode": "period", "oordeel": "verdict"}
        return {names[k]: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    @property
    def left_out(self) -> bool:
        """Whether a parameter was wrong and left out."""
        return self.is_bound and bool(self.errors)


class DataRequestForm(GuardedFormMixin, ErrorSummaryMixin, forms.ModelForm):
    guarded_fields = ("which_data", "why")

    class Meta:
        model = DataRequest
        fields = ["theme", "area", "period", "verdict", "which_data", "why", "level"]
        widgets = {
            "which_data": forms.Textarea(attrs={"rows": 4}),
            "why": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "which_data": _(
                "Welke cijfers mist de adviesraad? Bijvoorbeeld: gebruik van sociale media door 65-plussers."
            ),
            "why": _("Waarom zijn die cijfers nodig? Noem het signaal of het oordeel uit de vergelijking."),
            "level": _("Voor het hele gebied van de gemeente, per wijk of per buurt."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Themes that are switched on; a request already about one switched off since keeps it.
        themes = Theme.objects.for_form([self.instance.theme_id] if self.instance.theme_id else [])
        self.fields["theme"].queryset = themes
        self.fields["theme"].choices = theme_choices(_("Kies een thema"), themes)
        self.fields["area"].queryset = municipality_areas()
        self.fields["area"].empty_label = _("Geen gebied")
        self.fields["period"].min_value = FIRST_YEAR
        self.fields["period"].widget.attrs.update(min=FIRST_YEAR, max=timezone.localdate().year)
        self.fields["verdict"] = forms.ChoiceField(
            label=_("Oordeel"), required=False, choices=[("", _("Geen oordeel")), *verdicts.choices()]
        )
        self.fields["level"].choices = [("", _("Kies een niveau")), *REQUEST_LEVELS]
        for name in ("which_data", "why"):
            self.fields[name].max_length = TEXT_MAX

    def clean_period(self):
        period = self.cleaned_data["period"]
        if period is not None and not FIRST_YEAR <= period <= timezone.localdate().year:
            raise forms.ValidationError(
                _("Kies een jaar van %(first)s tot en met %(last)s.")
                % {"first": FIRST_YEAR, "last": timezone.localdate().year}
            )
        return period


class DataRequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle statussen")), *DataRequest.Status.choices]
    )

    def chosen(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_bound and self.is_valid() else ""


class InquiryForm(GuardedFormMixin, ErrorSummaryMixin, forms.ModelForm):
    guarded_fields = ("question",)

    class Meta:
        model = Inquiry
        fields = ["question", "theme", "area"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "question": _(
                "Een vraag die leden in gesprekken kunnen meenemen. Leden zien hem op het signaalformulier "
                "zolang hij open is. Hooguit 300 tekens."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A switched-off theme is not offered for a new question; one already on the question stays.
        themes = Theme.objects.for_form([self.instance.theme_id] if self.instance.theme_id else [])
        self.fields["theme"].queryset = themes
        self.fields["theme"].choices = [("", _("Geen thema"))] + [(t.pk, t.tree_label) for t in themes.in_tree_order()]
        self.fields["area"].queryset = municipality_areas()
        self.fields["area"].empty_label = _("Heel de gemeente")
        self.fields["question"].widget.attrs.pop("maxlength", None)

    def clean_question(self) -> str:
        return " ".join(self.cleaned_data["question"].split())


class InquiryFilterForm(forms.Form):
    OPEN, CLOSED = "open", "gesloten"

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open en gesloten")), (OPEN, _("open")), (CLOSED, _("gesloten"))],
    )

    def chosen(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_bound and self.is_valid() else ""
