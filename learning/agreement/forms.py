"""The forms of a round of agreement: drawing the sample, and one member's themes for one signal."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from config.formfields import BoundedIdsMixin, DateInput, ErrorSummaryMixin
from learning.agreement.services import may_be_invited, members_who_may_tag
from monitoring.models import Area
from signals.forms import ThemeChoiceField
from signals.guard.forms import GuardedFormMixin
from signals.models import Theme

MIN_SIZE, MAX_SIZE, DEFAULT_SIZE = 5, 200, 20
MAX_MEMBERS = 26  # a letter (A to Z) per member
NOTE_MAX = 1000


class MemberChoiceField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        full_name = obj.get_full_name()
        return f"{full_name} ({obj.get_username()})" if full_name else obj.get_username()


class RoundForm(GuardedFormMixin, ErrorSummaryMixin, forms.Form):
    guarded_fields = ("note",)

    size = forms.IntegerField(
        label=_("Aantal signalen"),
        min_value=MIN_SIZE,
        max_value=MAX_SIZE,
        initial=DEFAULT_SIZE,
        help_text=_("Tussen 20 en 50 is een goede maat: genoeg om iets te zeggen, niet te veel werk."),
    )
    members = MemberChoiceField(
        label=_("Leden die meedoen"),
        queryset=members_who_may_tag().none(),
        help_text=_("Kies twee of meer leden. Zij kiezen elk apart thema's, zonder elkaars keuzes te zien."),
    )
    theme = forms.ModelChoiceField(
        label=_("Alleen signalen met dit thema"), queryset=Theme.objects.none(), required=False
    )
    district = forms.ModelChoiceField(
        label=_("Alleen signalen uit deze wijk"), queryset=Area.objects.none(), required=False
    )
    date_from = forms.DateField(label=_("Gesprek vanaf"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Gesprek tot en met"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom deze ronde? De leden zien deze tekst. Hooguit 1.000 tekens."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members_who_may_tag()
        self.fields["theme"].queryset = Theme.objects.all()
        self.fields["theme"].choices = [
            ("", _("Alle thema's")),
            *((t.pk, t.tree_label) for t in Theme.objects.in_tree_order()),
        ]
        self.fields["district"].queryset = Area.objects.districts()
        self.fields["district"].empty_label = _("Alle wijken")
        self.fields["note"].widget.attrs.pop("maxlength", None)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_members(self):
        members = self.cleaned_data["members"]
        if len(members) < 2:
            raise forms.ValidationError(_("Kies twee of meer leden: overeenstemming meet je tussen leden."))
        if len(members) > MAX_MEMBERS:
            raise forms.ValidationError(_("Kies hooguit %(max)s leden.") % {"max": MAX_MEMBERS})
        if not all(may_be_invited(m) for m in members):
            raise forms.ValidationError(_("Een van deze leden mag geen signalen lezen."))
        return members

    def clean_note(self) -> str:
        return self.cleaned_data["note"].strip()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Deze datum ligt vóór de begindatum."))
        return data


class RoundTagForm(ErrorSummaryMixin, forms.Form):
    """The themes one member chooses for one signal of the sample: the signal form's checkboxes."""

    themes = ThemeChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.none(),
        error_messages={"required": _("Kies één of meer thema's.")},
    )

    def __init__(self, *args, chosen=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        field.queryset = Theme.objects.for_form([t.pk for t in chosen])
        field.help_text = _("Kies de thema's die bij deze tekst passen. Eén of meer.")
        field.widget.choices = field.grouped_choices()
        if not self.is_bound:
            self.initial["themes"] = [t.pk for t in chosen]
