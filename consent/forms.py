from __future__ import annotations

import re

from crispy_forms.helper import FormHelper
from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from config.formfields import DateInput, ErrorSummaryMixin
from consent.models import AccessLog, Consent, Contact, DataCategory, Purpose
from signals.guard.forms import GuardedFormMixin

_PHONE_RE = re.compile(r"^(?:\+|00)?[\d\s()\-.]{8,20}$")


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def clean_phone(value: str) -> str:
    value = value.strip()
    digits = re.sub(r"\D", "", value)
    if value and (not _PHONE_RE.match(value) or not 10 <= len(digits) <= 15):
        raise forms.ValidationError(_("Vul een telefoonnummer in van 10 cijfers, zoals 06-12345678 of 015-2123456."))
    return value


class ContactForm(forms.Form):
    """A resident's contact data, typed with their consent: the personal-data guard stays off here
    (tests/test_guarded_fields.py lists these fields as exempt for that reason)."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    phone = forms.CharField(label=_("Telefoonnummer"), required=False, max_length=30)
    preferred_channel = forms.ChoiceField(label=_("Liefst contact via"), choices=Contact.Channel.choices)
    purpose = forms.ModelChoiceField(
        label=_("Doel van de toestemming"),
        queryset=Purpose.objects.filter(is_active=True),
        empty_label=_("Kies een doel"),
    )
    method = forms.ChoiceField(label=_("Hoe is de toestemming gegeven?"), choices=Consent.Method.choices)
    text_confirmed = forms.BooleanField(
        label=_(
            "De inwoner heeft de toestemmingstekst van dit doel gelezen of voorgelezen gekregen en stemt ermee in."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_phone(self) -> str:
        return clean_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        channel = data.get("preferred_channel")
        if channel == Contact.Channel.EMAIL and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul een e-mailadres in: dat is de manier van contact die de inwoner koos."))
        if channel == Contact.Channel.PHONE and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Vul een telefoonnummer in: dat is de manier van contact die de inwoner koos."))
        self._only_what_the_purpose_stores(data)
        return data

    def _only_what_the_purpose_stores(self, data: dict) -> None:
        """The purpose stores only the data its consent text names (consent.models.DataCategory)."""
        purpose = data.get("purpose")
        if purpose is None:
            return
        for field, category in (("email", DataCategory.EMAIL), ("phone", DataCategory.PHONE)):
            if data.get(field) and category not in purpose.data_categories and field not in self.errors:
                self.add_error(
                    field,
                    _(
                        "Dit doel bewaart geen %(data)s: de toestemmingstekst noemt het niet. Laat het veld leeg "
                        "of kies een ander doel."
                    )
                    % {"data": category.label},
                )


class AddConsentForm(forms.Form):
    text_confirmed = forms.BooleanField(
        label=_(
            "De inwoner heeft de toestemmingstekst van dit doel gelezen of voorgelezen gekregen en stemt ermee in."
        ),
    )
    purpose = forms.ModelChoiceField(label=_("Doel"), queryset=Purpose.objects.none(), empty_label=_("Kies een doel"))
    method = forms.ChoiceField(label=_("Hoe is de toestemming gegeven?"), choices=Consent.Method.choices)

    def __init__(self, *args, contact: Contact, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        held = contact.active_consents().values_list("purpose_id", flat=True)
        self.fields["purpose"].queryset = Purpose.objects.filter(is_active=True).exclude(pk__in=list(held))
        self.order_fields(["purpose", "method", "text_confirmed"])
        self.helper = _helper()


class AccessReasonForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom opent u deze gegevens?"), choices=AccessLog.Reason.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PurposeForm(GuardedFormMixin, ErrorSummaryMixin, forms.ModelForm):
    guarded_fields = ("name", "slug", "description", "consent_text")

    consent_text = forms.CharField(
        label=_("Toestemmingstekst"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Als u de tekst verandert, komt er een nieuwe versie. Eerdere toestemmingen houden hun eigen versie."
        ),
    )

    class Meta:
        model = Purpose
        fields = ["name", "slug", "description", "retention_days", "is_active"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.current_text:
            self.fields["consent_text"].initial = self.instance.current_text.text
            self.fields["slug"].disabled = True
        self.helper = _helper()


class ResidentRequestForm(forms.Form):
    email = forms.CharField(label=_("Uw e-mailadres"), max_length=254)

    def clean_email(self) -> str:
        value = self.cleaned_data["email"].strip()
        try:
            validate_email(value)
        except forms.ValidationError:
            raise forms.ValidationError(_("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")) from None
        return value

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class AccessLogFilterForm(forms.Form):
    gebruiker = forms.CharField(label=_("Gebruiker"), required=False)
    contact = forms.CharField(label=_("Kenmerk contact"), required=False)
    reden = forms.ChoiceField(label=_("Reden"), required=False)
    van = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    OLD_NAMES = {"user": "gebruiker", "reason": "reden", "date_from": "van", "date_to": "tot"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reden"].choices = [("", _("Alle redenen")), *AccessLog.Reason.choices]
        self.helper = _helper()
