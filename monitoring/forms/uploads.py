"""Forms of the upload pages: choosing a file and its format, and mapping CBS columns."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from config.formfields import ErrorSummaryMixin
from monitoring.analysis.importing import FileRefused, cbs_columns, cbs_region_column
from monitoring.models import Indicator, Upload

_XLSX_MAGIC = b"PK\x03\x04"
_NOT_FIGURES = {"id", "perioden"}  # CBS columns that never hold an indicator's values


class UploadForm(ErrorSummaryMixin, forms.Form):
    format = forms.ChoiceField(
        label=_("Soort bestand"),
        choices=Upload.Format.choices,
        initial=Upload.Format.LONG,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een CSV- of XLSX-bestand. Een CBS-bestand is altijd een CSV."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt,text/csv"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot (%(size)s MB). Het mag hooguit %(max)s MB zijn.")
                % {"size": round(file.size / 1_000_000, 1), "max": settings.IMPORT_MAX_BYTES // 1_000_000}
            )
        return file

    def clean(self):
        cleaned = super().clean()
        file = cleaned.get("file")
        if file is None or self.errors:
            return cleaned
        cleaned["data"] = file.read()
        if cleaned.get("format") == Upload.Format.CBS:
            self._check_cbs(cleaned["data"])
        return cleaned

    def _check_cbs(self, data: bytes) -> None:
        if data.startswith(_XLSX_MAGIC):
            self.add_error(
                "file", _("Dit is een Excel-bestand. Download het CBS-bestand als CSV, of kies Lang formaat.")
            )
            return
        try:
            cbs_columns(data)
        except FileRefused as refused:
            self.add_error("file", " ".join(f"{e.problem} {e.expected}".strip() for e in refused.errors))


class CbsMappingForm(forms.Form):
    """One choice per column of the file: which indicator it holds, or none."""

    category_column = forms.ChoiceField(
        label=_("Kolom met categorieën"),
        required=False,
        help_text=_("Alleen als een kolom groepen onderscheidt, zoals leeftijd of verwijzer."),
    )

    def __init__(self, *args, upload: Upload, **kwargs):
        super().__init__(*args, **kwargs)
        columns = cbs_columns(bytes(upload.data))
        region = cbs_region_column(columns)
        self.figure_columns = [c for c in columns if c != region and c.lower() not in _NOT_FIGURES]
        indicators = [("", _("niet importeren"))] + [
            (i.code, f"{i.code}: {i.name}") for i in Indicator.objects.only("code", "name")
        ]
        for index, column in enumerate(self.figure_columns):
            self.fields[f"kolom_{index}"] = forms.ChoiceField(
                label=column, required=False, choices=indicators, initial=upload.mapping.get(column, "")
            )
        self.fields["category_column"].choices = [("", _("geen"))] + [(c, c) for c in self.figure_columns]
        self.fields["category_column"].initial = upload.category_column
        self.region_column = region

    def clean(self):
        cleaned = super().clean()
        mapping = {
            column: cleaned.get(f"kolom_{index}")
            for index, column in enumerate(self.figure_columns)
            if cleaned.get(f"kolom_{index}")
        }
        category = cleaned.get("category_column", "")
        if category and category in mapping:
            raise forms.ValidationError(_("De kolom met categorieën kan niet ook een indicator zijn."))
        if not mapping:
            raise forms.ValidationError(_("Koppel minstens één kolom aan een indicator."))
        doubles = sorted({code for code in mapping.values() if list(mapping.values()).count(code) > 1})
        if doubles:
            raise forms.ValidationError(
                _("Elke indicator mag maar aan één kolom gekoppeld zijn: %(codes)s.") % {"codes": ", ".join(doubles)}
            )
        cleaned["mapping"] = mapping
        return cleaned
