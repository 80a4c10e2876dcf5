"""Forms of the topics pages: the question (period and area) and turning a topic into a theme."""

from __future__ import annotations

from datetime import date

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.formfields import BoundedIdsMixin, DateInput, ErrorSummaryMixin
from learning.topics.services import default_period
from monitoring.models import Area
from signals.forms import ThemeForm
from signals.models import Signal, conversation_date_lower_bound

MAX_DAYS = 3 * 366  # a longer period mixes too much to say what is new


def topic_areas():
    """The municipality and its districts."""
    return (Area.objects.filter(code=settings.MUNICIPALITY_CODE) | Area.objects.districts()).order_by("level", "name")


class TopicRunForm(ErrorSummaryMixin, forms.Form):
    van = forms.DateField(label=_("Van"), widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), widget=DateInput())
    gebied = forms.ModelChoiceField(
        label=_("Gebied"),
        queryset=Area.objects.none(),
        empty_label=None,
        help_text=_("Kies een wijk om alleen de signalen uit die wijk te bekijken."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebied"].queryset = topic_areas()
        date_from, date_to = default_period()
        self.fields["van"].initial, self.fields["tot"].initial = date_from, date_to
        self.fields["gebied"].initial = topic_areas().filter(code=settings.MUNICIPALITY_CODE).first()

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("van"), cleaned.get("tot")
        if not (isinstance(date_from, date) and isinstance(date_to, date)):
            return cleaned
        if date_from > date_to:
            self.add_error("tot", _("Deze datum ligt voor de eerste datum. Kies een latere datum."))
        elif (date_to - date_from).days + 1 > MAX_DAYS:
            self.add_error("van", _("Kies een periode van hooguit drie jaar."))
        if date_from < conversation_date_lower_bound():
            self.add_error("van", _("Zo ver terug zijn er geen signalen. Kies een latere datum."))
        if date_to > timezone.localdate():
            self.add_error("tot", _("Deze datum ligt in de toekomst. Kies vandaag of eerder."))
        return cleaned


class SignalChoiceField(BoundedIdsMixin, forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class TopicThemeForm(ThemeForm):
    """A new theme from a topic: its names (guarded, as on the theme page) and where it stands, and the
    topic's signals to tag with it (all ticked at first)."""

    signalen = SignalChoiceField(
        label=_("Signalen die dit thema krijgen"),
        queryset=Signal.objects.none(),
        required=False,
        help_text=_("Haal het vinkje weg bij een signaal dat niet over dit onderwerp gaat."),
    )

    class Meta(ThemeForm.Meta):
        fields = ["name", "name_en", "parent"]

    def __init__(self, *args, signal_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signalen"].queryset = Signal.objects.filter(pk__in=signal_ids)
        self.fields["signalen"].initial = list(signal_ids)
