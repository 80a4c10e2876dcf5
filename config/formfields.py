"""Form-field pieces every app uses."""

from __future__ import annotations

from django import forms

MAX_ID = 2**63 - 1


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
