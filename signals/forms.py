from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from config.formfields import BoundedIdsMixin, DateInput, ErrorSummaryMixin
from monitoring.models import Area, Inquiry
from signals import guard
from signals.guard.forms import GuardedFormMixin
from signals.models import Signal, Theme
from signals.picker import ThemePickerBoundField

MAX_RESIDENTS = 100_000  # more than a large district: a typing error


class ThemeChoiceField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    """Checkboxes grouped under their dimension, so a long list stays readable; shown by the picker
    (signals/picker.py, templates/signals/_theme_choices.html)."""

    widget = forms.CheckboxSelectMultiple
    bound_field_class = ThemePickerBoundField

    def label_from_instance(self, obj: Theme) -> str:
        return obj.label

    def grouped_choices(self) -> list[tuple[str, list[tuple[int, str]]]]:
        """Aspects under their dimension; a switched-off dimension still groups its aspects."""
        themes = self.queryset.in_tree_order()
        offered = {t.pk for t in themes}
        children: dict[int, list[tuple[int, str]]] = {}
        for theme in themes:
            if theme.parent_id:
                children.setdefault(theme.parent_id, []).append((theme.pk, theme.label))
        tops = {t.parent if t.parent_id else t for t in themes}
        groups, loose = [], []
        for top in sorted(tops, key=lambda t: t.tree_position):
            if top.pk in children:
                general = [(top.pk, _("%(dimension)s in het algemeen") % {"dimension": top.label})]
                groups.append((top.label, (general if top.pk in offered else []) + children[top.pk]))
            else:
                loose.append((top.pk, top.label))
        if loose:
            groups.append((_("Meedoen volgens het SCP en eigen thema's"), loose))
        return groups


class SignalForm(GuardedFormMixin, ErrorSummaryMixin, forms.ModelForm):
    """The signal form, with the personal-data guard on the summary (signals/guard/forms.py).

    The findings the member marks as not personal travel in the hidden input `dismissed` as keys
    that hold no text; they are stored without the text when the signal is saved.
    """

    guarded_fields = ("summary",)
    guard_mark_names = {"summary": "dismissed"}
    # The theme suggestions' buttons (learning/suggestions): "voorstellen" asks for suggestions, "kies:<pk>"
    # ticks a suggested theme. Like the guard's buttons they keep what was typed and never save.
    SUGGEST_ACTION = "thema_voorstel"
    # The theme picker's filter box (signals/picker.py) and its button without JavaScript. Like the suggestion
    # buttons the filter keeps what was typed and never saves.
    THEME_FILTER = "thema_zoek"
    FILTER_ACTION = "thema_filter"

    class Meta:
        model = Signal
        fields = [
            "conversation_date",
            "district",
            "channel",
            "kind",
            "residents",
            "age_band",
            "summary",
            "themes",
            "inquiry",
        ]
        widgets = {
            "conversation_date": DateInput(),
            "kind": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 8}),
        }
        help_texts = {
            "summary": _(
                "Schrijf het verhaal zonder persoonsgegevens: geen namen, adressen, telefoonnummers, "
                "e-mailadressen of geboortedata. We controleren de tekst voordat we iets opslaan."
            ),
            "district": _("Laat leeg als de wijk niet bekend is."),
        }
        field_classes = {"themes": ThemeChoiceField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        selected = self.instance.themes.values_list("pk", flat=True) if self.instance.pk else []
        self.fields["themes"].queryset = Theme.objects.for_form(selected)
        self.fields["themes"].help_text = _("Kies één of meer thema's.")
        self.fields["themes"].widget.choices = self.fields["themes"].grouped_choices()
        self.fields["district"].queryset = Area.objects.districts()
        self.fields["district"].empty_label = _("Onbekend")
        self.fields["age_band"].choices = [("", _("Onbekend")), *Signal.AgeBand.choices]
        self.fields["kind"].choices = list(Signal.Kind.choices)
        self.fields["channel"].choices = [("", _("Kies een kanaal")), *Signal.Channel.choices]
        self.fields["conversation_date"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.instance.pk and not self.initial.get("conversation_date"):
            self.initial["conversation_date"] = timezone.localdate()
        self.fields["residents"].min_value = 1
        self.fields["residents"].max_value = MAX_RESIDENTS
        self.fields["residents"].widget.attrs.update(min=1, max=MAX_RESIDENTS)
        self.fields["residents"].validators += [MinValueValidator(1), MaxValueValidator(MAX_RESIDENTS)]
        self._summary_limit()
        self._offer_inquiries()
        self._suggest_apply()
        self.filter_pressed = self._filter_pressed()
        if self.instance.pk and not self.is_bound:
            self.initial["dismissed"] = ",".join(self._stored_dismissals())
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def _summary_limit(self) -> None:
        """The limit stands under the box; static/js/char-count.js counts down as the member types."""
        field = self.fields["summary"]
        # No maxlength in the browser: a longer paste would be cut off without a word.
        field.widget.attrs.pop("maxlength", None)
        hint_id = f"{self.auto_id % self.add_prefix('summary')}_limit"  # not self["summary"]: it keeps the old help
        hint = gettext("Hooguit %(max)s tekens.") % {"max": number_format(field.max_length, force_grouping=True)}
        field.help_text = format_html('{} <span class="d-block" id="{}">{}</span>', field.help_text, hint_id, hint)
        field.widget.attrs.update(
            {
                "data-char-max": field.max_length,
                "data-char-hint": hint_id,
                "data-char-left-one": ngettext("Nog %s teken over", "Nog %s tekens over", 1),
                "data-char-left-other": ngettext("Nog %s teken over", "Nog %s tekens over", 2),
                "data-char-over-one": ngettext("%s teken te veel", "%s tekens te veel", 1),
                "data-char-over-other": ngettext("%s teken te veel", "%s tekens te veel", 2),
            }
        )

    def _filter_pressed(self) -> bool:
        """The filter button, or Enter in the filter box (Enter presses the form's first button, which saves):
        a filter text the page does not show yet is applied, and nothing is saved."""
        if not self.is_bound:
            return False
        field = self["themes"]
        query = self.data.get(field.filter_name, "").strip()
        return bool(self.data.get(self.FILTER_ACTION)) or query != self.data.get(field.filter_applied_name, "").strip()

    def _suggest_apply(self) -> None:
        """Ask for theme suggestions as the member types (htmx), or with a button without JavaScript."""
        self.fields["summary"].widget.attrs.update(
            {
                "hx-post": reverse("learning:suggestions_suggest"),
                "hx-trigger": "input changed delay:600ms",
                "hx-target": "#thema-voorstellen",
                "hx-swap": "innerHTML",
                "hx-params": "summary,themes,csrfmiddlewaretoken",
                "hx-sync": "this:replace",
            }
        )
        action = self.data.get(self.SUGGEST_ACTION, "") if self.is_bound else ""
        self.suggest_pressed = bool(action)
        verb, _sep, theme = action.partition(":")
        if verb == "kies" and theme.isdigit() and self.fields["themes"].queryset.filter(pk=theme).exists():
            ticked = self.data.getlist(self.add_prefix("themes"))
            if theme not in ticked:
                self.data.setlist(self.add_prefix("themes"), [*ticked, theme])

    def full_clean(self) -> None:
        """After a suggestion button or the filter nothing is checked yet: the member is still filling in the form."""
        if self.suggest_pressed or self.filter_pressed:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return super().is_valid() and not (self.suggest_pressed or self.filter_pressed)

    def error_summary(self) -> list[tuple[str, str, str]]:
        """The theme error links to the filter box: the first checkbox is folded away in its dimension."""
        first_box = self["themes"].subwidgets[0].id_for_label if self["themes"].subwidgets else None
        return [
            ("thema-zoek" if anchor == first_box else anchor, label, error)
            for anchor, label, error in super().error_summary()
        ]

    def _offer_inquiries(self) -> None:
        """Open inquiries only; a signal already under one that closed since keeps it."""
        offered = Q(is_open=True)
        if self.instance.inquiry_id:
            offered |= Q(pk=self.instance.inquiry_id)
        field = self.fields["inquiry"]
        field.queryset = Inquiry.objects.filter(offered).order_by("-created_at")
        field.label = _("Verdiepingsvraag")
        field.empty_label = _("Geen")
        field.error_messages["invalid_choice"] = _(
            "Deze verdiepingsvraag is intussen gesloten. Kies een andere vraag of „Geen”."
        )

    def offers_inquiry(self) -> bool:
        """Whether there is an inquiry to choose; without one the form leaves the field out."""
        return self.fields["inquiry"].queryset.exists()

    def _stored_dismissals(self) -> list[str]:
        """The marks stored with this signal ("key:reason"); one made under an older guard is asked again."""
        summary = self.instance.summary
        return [
            f"{guard.Finding(d.start, d.end, guard.Kind(d.kind), summary[d.start : d.end]).key}:{d.reason}".rstrip(":")
            for d in self.instance.dismissed_findings.all()
            if d.end <= len(summary) and d.is_current
        ]

    def guard_reference_date(self):
        """A date of birth is judged against the day of the conversation."""
        field = self.fields["conversation_date"]
        try:
            return field.clean(
                field.widget.value_from_datadict(self.data, self.files, self.add_prefix("conversation_date"))
            )
        except forms.ValidationError:
            return None

    def clean_conversation_date(self):
        value = self.cleaned_data["conversation_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("De datum van het gesprek kan niet in de toekomst liggen."))
        return value

    def clean_summary(self) -> str:
        return self.cleaned_data["summary"].strip()

    @property
    def findings(self) -> list[guard.Finding]:
        """The summary's findings that stand open (after is_valid)."""
        return self.guard_checks["summary"].open

    @property
    def dismissed_findings(self) -> list[guard.Finding]:
        """The summary's findings marked as not personal or left as they are (after is_valid)."""
        return [finding for finding, _reason in self.guard_checks["summary"].marked]

    @property
    def marks(self) -> list[tuple[guard.Finding, str]]:
        """The summary's findings marked as not personal or left as they are, each with its reason."""
        return self.guard_checks["summary"].marked


class SignalFilterForm(forms.Form):
    """The list's filters, named in Dutch in the URL like the table builder's (thema, wijk, van, tot)."""

    # The names the list's parameters had before; a link that still carries them is sent on (signals/views.py).
    OLD_NAMES = {
        "theme": "thema",
        "district": "wijk",
        "date_from": "van",
        "date_to": "tot",
        "channel": "kanaal",
        "kind": "soort",
        "inquiry": "verdiepingsvraag",
    }
    # Each filter as Signal.objects.filtered() names it.
    FILTERED = {
        "q": "q",
        "thema": "theme",
        "wijk": "district",
        "van": "date_from",
        "tot": "date_to",
        "kanaal": "channel",
        "soort": "kind",
    }

    q = forms.CharField(label=_("Zoek in de tekst"), required=False, max_length=200)
    thema = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.none(), required=False, empty_label=_("Alle thema's")
    )
    wijk = forms.ModelChoiceField(
        label=_("Wijk"), queryset=Area.objects.none(), required=False, empty_label=_("Alle wijken")
    )
    van = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())
    kanaal = forms.ChoiceField(label=_("Kanaal"), required=False)
    soort = forms.ChoiceField(label=_("Soort"), required=False)
    verdiepingsvraag = forms.ModelChoiceField(
        label=_("Verdiepingsvraag"), queryset=Inquiry.objects.all(), required=False, empty_label=_("Alle signalen")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thema"].queryset = Theme.objects.all()
        tree = [(t.pk, _theme_option_label(t)) for t in Theme.objects.in_tree_order()]
        self.fields["thema"].choices = [("", _("Alle thema's")), *tree]
        self.fields["wijk"].queryset = Area.objects.districts()
        self.fields["kanaal"].choices = [("", _("Alle kanalen")), *Signal.Channel.choices]
        self.fields["soort"].choices = [("", _("Alle soorten")), *Signal.Kind.choices]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data

    def filters(self) -> dict:
        """The filters that are right, as Signal.objects.filtered() takes them (call after is_valid())."""
        return {self.FILTERED[name]: value for name, value in self.cleaned_data.items() if name in self.FILTERED}


def _theme_option_label(theme: Theme) -> str:
    label = theme.tree_label
    return label if theme.is_active else _("%(theme)s (niet meer in gebruik)") % {"theme": label}


class ThemeForm(GuardedFormMixin, ErrorSummaryMixin, forms.ModelForm):
    guarded_fields = ("name", "name_en")

    class Meta:
        model = Theme
        fields = ["name", "name_en", "parent", "position", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        parents = Theme.objects.filter(parent__isnull=True)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = lambda t: t.label
        self.fields["parent"].empty_label = _("(geen: dit is een hoofdthema)")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
