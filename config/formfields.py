"""Form pieces every app uses."""

from __future__ import annotations

from django import forms

MAX_ID = 2**63 - 1


class DateInput(forms.DateInput):
    """The browser's date picker; its value is always written as YYYY-MM-DD, the only form it reads."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class BoundedIdsMixin:
    """For a ModelMultipleChoiceField: an id larger than the database can hold is a wrong choice
    with the field's own message, not a database error (Django checks this for one id, not for a list)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if text.isdigit() and int(text) > MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text[:20]}
                )
        return super()._check_values(value)


class ErrorSummaryMixin:
    """For a form: its problems as (anchor, label, message) for the summary above it
    (templates/_error_summary.html). A group of radios or checkboxes links to its first box."""

    def error_summary(self) -> list[tuple[str, str, str]]:
        items = []
        for name, errors in self.errors.items():
            if name not in self.fields or self.fields[name].widget.is_hidden:
                continue
            field = self[name]
            grouped = field.widget_type in ("radioselect", "checkboxselectmultiple") and field.subwidgets
            anchor = field.subwidgets[0].id_for_label if grouped else field.id_for_label
            items += [(anchor, field.label, error) for error in errors]
        return items
