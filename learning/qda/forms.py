"""Forms of the exchange pages: the export's filters and the codebook's upload. Neither has a
free-text field: the guard checks the names inside an uploaded codebook (learning/qda/codebook.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from config.formfields import MAX_ID, DateInput, ErrorSummaryMixin
from learning.qda.reading import MAX_BYTES
from monitoring.models import Area
from signals.models import Theme


class BoundedModelChoiceField(forms.ModelChoiceField):
    """An id larger than the database can hold is a wrong choice, not a database error."""

    def to_python(self, value):
        if str(value).strip().isdigit() and int(str(value).strip()) > MAX_ID:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ExportForm(ErrorSummaryMixin, forms.Form):
    """Which signals go into a project: a theme (with its aspects), a district, a period."""

    FILTERED = {"thema": "theme", "wijk": "district", "van": "date_from", "tot": "date_to"}

    thema = BoundedModelChoiceField(label=_("Thema"), queryset=Theme.objects.none(), required=False)
    wijk = BoundedModelChoiceField(
        label=_("Wijk"), queryset=Area.objects.none(), required=False, empty_label=_("Alle wijken")
    )
    van = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput())
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["thema"].queryset = Theme.objects.all()
        self.fields["thema"].choices = [("", _("Alle thema's"))] + [
            (t.pk, t.tree_label) for t in Theme.objects.in_tree_order()
        ]
        self.fields["wijk"].queryset = Area.objects.districts()

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Deze datum ligt vóór de begindatum."))
        return data

    def filters(self) -> dict:
        """The filters as Signal.objects.filtered() takes them (after is_valid())."""
        return {self.FILTERED[name]: value for name, value in self.cleaned_data.items() if name in self.FILTERED}


class CodebookUploadForm(ErrorSummaryMixin, forms.Form):
    file = forms.FileField(
        label=_("Codeboek"),
        help_text=_("Een REFI-QDA-codeboek (.qdc) uit QualCoder, ATLAS.ti, MAXQDA of NVivo."),
        widget=forms.ClearableFileInput(attrs={"accept": ".qdc,.xml"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot (%(size)s kB). Het mag hooguit %(max)s kB zijn.")
                % {"size": file.size // 1000, "max": MAX_BYTES // 1000}
            )
        return file
