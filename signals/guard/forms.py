"""The personal-data guard on every free-text field a person types, for any form.

A form lists its free-text fields in `guarded_fields` and mixes in `GuardedFormMixin`. On each
submit those fields are scanned; while a finding stands the form is invalid and the page shows
the text with the findings marked (templates/signals/_guard.html). Plain submit buttons named
`guard_action` act on a finding without JavaScript, and the form applies them itself to the
posted data, so a view needs no change: the form is simply not valid after a guard button.

    replace:<field>:<key>   replace the finding by its label or suggestion, everywhere it stands
    dismiss:<field>:<key>   mark it as not personal, with the reason chosen beside the button
    keep:<field>:<key>      leave a soft hint (HERKENBAAR) as it is
    replace_all:<field>     replace every open finding of the field

A key names a finding by its kind and text without holding the text, so a button acts on the
finding the member saw even after an edit. What was marked travels in a hidden input per field
as "key:reason,key:reason": no text. A soft hint stops the first submit once; a second submit
after it was shown saves, and counts as "left as it is".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.utils.html import format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from signals import guard

ACTION = "guard_action"
KEEP = "laten_staan"  # the reason of a soft hint left as it is
REASONS = [
    ("geen_persoon", _("geen persoon")),
    ("organisatie_of_plek", _("naam van een organisatie of plek")),
    ("publiek_persoon", _("publiek persoon in functie")),
    ("anders", _("anders")),
]
REASON_LABELS = {**dict(REASONS), KEEP: _("herkenbaar, maar bewust zo gelaten")}

KIND_LABELS = {
    guard.Kind.NAME: _("naam"),
    guard.Kind.ADDRESS: _("adres"),
    guard.Kind.POSTCODE: _("postcode"),
    guard.Kind.PHONE: _("telefoonnummer"),
    guard.Kind.EMAIL: _("e-mailadres"),
    guard.Kind.BSN: _("burgerservicenummer (BSN)"),
    guard.Kind.IBAN: _("bankrekeningnummer (IBAN)"),
    guard.Kind.BIRTH_DATE: _("geboortedatum"),
    guard.Kind.LICENCE_PLATE: _("kenteken"),
    guard.Kind.RECOGNISABLE: _("herkenbare omschrijving"),
}


def kind_label(kind: str) -> str:
    try:
        return str(KIND_LABELS[guard.Kind(kind)])
    except ValueError:
        return kind


def parse_marks(raw: str) -> dict[str, str]:
    """The hidden input's "key:reason,key" as {key: reason}; a reason that is not known is dropped."""
    marks = {}
    for entry in raw.split(","):
        key, _sep, reason = entry.strip().partition(":")
        if key:
            marks[key] = reason if reason in REASON_LABELS else ""
    return marks


def format_marks(marks: dict[str, str]) -> str:
    return ",".join(f"{key}:{reason}" if reason else key for key, reason in marks.items())


@dataclass
class FieldCheck:
    """The guard's result for one field: the text scanned, what stands open, what was marked."""

    text: str = ""
    open: list[guard.Finding] = field(default_factory=list)
    marked: list[tuple[guard.Finding, str]] = field(default_factory=list)  # (finding, reason)


class GuardedFormMixin:
    """Put before forms.Form/ModelForm. Subclasses name their free-text fields in `guarded_fields`."""

    guarded_fields: tuple[str, ...] = ()
    # The hidden input of a field's marks, when it is not "<field>_gemarkeerd" (the signal form's older name).
    guard_mark_names: dict[str, str] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.guard_checks = {name: FieldCheck() for name in self.guarded_fields}
        self.guard_pressed = False
        self._guard_done = ""  # what the button did: replaced, dismissed, kept, stale, no_reason
        self._guard_field = ""
        if self.is_bound:
            self.data = self.data.copy()
            self._guard_apply(self.data.get(ACTION, ""))

    # --- names in the posted data
    def guard_marks_name(self, name: str) -> str:
        return self.add_prefix(self.guard_mark_names.get(name, f"{name}_gemarkeerd"))

    def guard_seen_name(self, name: str) -> str:
        return self.add_prefix(f"{name}_hints_getoond")

    def guard_reason_name(self, name: str, key: str) -> str:
        return self.add_prefix(f"{name}_reden_{key}")

    def guard_marks(self, name: str) -> dict[str, str]:
        raw = (
            self.data.get(self.guard_marks_name(name), "")
            if self.is_bound
            else self.initial.get(self.guard_marks_name(name), "")
        )
        return parse_marks(raw or "")

    def guard_reference_date(self) -> date | None:
        """The day the texts are about (for a date of birth); today when None."""
        return None

    # --- the buttons
    def _guard_apply(self, action: str) -> None:
        if not action:
            return
        self.guard_pressed = True
        verb, name, key = _parse_action(action, self.guarded_fields)
        self._guard_field = name
        if name not in self.guarded_fields or verb not in ("replace", "dismiss", "keep", "replace_all"):
            self._guard_done = "stale"
            return
        text_name = self.add_prefix(name)
        text = (self.data.get(text_name) or "").strip()
        marks = self.guard_marks(name)
        findings = [f for f in guard.scan(text, reference_date=self.guard_reference_date()) if f.key not in marks]
        chosen = findings if verb == "replace_all" else [f for f in findings if f.key == key]
        if not chosen:
            self._guard_done = "stale"
        elif verb in ("replace", "replace_all"):
            self.data[text_name] = guard.replace_findings(text, chosen)
            self._guard_done = "replaced"
        else:
            reason = KEEP if verb == "keep" else self.data.get(self.guard_reason_name(name, key), "")
            if reason not in REASON_LABELS:
                self._guard_done = "no_reason"
                return
            self.data[self.guard_marks_name(name)] = format_marks({**marks, key: reason})
            self._guard_done = "kept" if verb == "keep" else "dismissed"

    def is_valid(self) -> bool:
        """Never valid after a guard button: the member checks the changed text before saving."""
        return super().is_valid() and not self.guard_pressed

    # --- the check
    def clean(self):
        cleaned = super().clean()
        for name in self.guarded_fields:
            if name in cleaned and name not in self._errors and isinstance(cleaned[name], str):
                self._guard_check(name, cleaned[name])
        return cleaned

    def _guard_check(self, name: str, text: str) -> None:
        marks = self.guard_marks(name)
        seen = set() if self.guard_pressed else set(self.data.get(self.guard_seen_name(name), "").split(","))
        check = FieldCheck(text=text)
        for finding in guard.scan(text, reference_date=self.guard_reference_date()):
            if finding.key in marks:
                check.marked.append((finding, marks[finding.key]))
            elif finding.kind.is_soft and finding.key in seen:
                marks[finding.key] = KEEP  # shown once and saved again: left as it is
                check.marked.append((finding, KEEP))
            else:
                check.open.append(finding)
        self.guard_checks[name] = check
        self.data[self.guard_marks_name(name)] = format_marks(marks)
        hard = [f for f in check.open if not f.kind.is_soft]
        if hard:
            self.add_error(name, forms.ValidationError(_personal_data_message(len(hard)), code="personal_data"))
        elif check.open:
            self.add_error(name, forms.ValidationError(_soft_message(), code="recognisable"))

    # --- for the templates
    def guard_hidden(self) -> str:
        """The hidden inputs that carry each field's marks and shown hints from submit to submit."""
        rows = []
        for name in self.guarded_fields:
            marks = format_marks(self.guard_marks(name))
            seen = ",".join(f.key for f in self.guard_checks[name].open if f.kind.is_soft)
            rows += [(self.guard_marks_name(name), marks), (self.guard_seen_name(name), seen)]
        return format_html_join("", '<input type="hidden" name="{}" value="{}">', rows)

    @property
    def guard_blocks(self) -> dict[str, dict]:
        """Per guarded field what _guard.html shows: the marked text, the findings and their buttons."""
        return {name: self._guard_block(name) for name in self.guarded_fields}

    def _guard_block(self, name: str) -> dict:
        check = self.guard_checks[name]
        bound = self[name]
        unique = {f.key: f for f in check.open}.values()
        return {
            "name": name,
            "id": f"guard-{bound.html_name}",
            "label": bound.label,
            "findings": [self._finding_for_display(name, f) for f in unique],
            "hard": [f for f in check.open if not f.kind.is_soft],
            "marked": _pieces(check.text, check.open),
            "feedback": self.guard_feedback if self._guard_field == name else "",
        }

    def _finding_for_display(self, name: str, finding: guard.Finding) -> dict:
        reason_name = self.guard_reason_name(name, finding.key)
        return {
            "key": finding.key,
            "text": finding.text,
            "replacement": finding.replacement,
            "label": KIND_LABELS.get(finding.kind, finding.kind.value),
            "is_soft": finding.kind.is_soft,
            "action": f"{name}:{finding.key}",
            "reason_name": reason_name,
            "reason_id": f"id_{reason_name}",
            "reason": self.data.get(reason_name, "") if self.is_bound else "",
        }

    @property
    def guard_reasons(self) -> list[tuple[str, str]]:
        return REASONS

    @property
    def guard_feedback(self) -> str:
        """What the guard button did, said on the page so a screen-reader user hears it too."""
        if not self._guard_done:
            return ""
        if self._guard_done == "stale":
            return gettext("Die melding staat niet meer in de tekst. Er is niets veranderd of opgeslagen.")
        if self._guard_done == "no_reason":
            return gettext("Kies eerst waarom het geen persoonsgegeven is. Er is niets veranderd.")
        done = {
            "replaced": gettext("Vervangen door een label."),
            "dismissed": gettext("Gemarkeerd als geen persoonsgegeven."),
            "kept": gettext("De tekst blijft zo staan."),
        }[self._guard_done]
        remaining = sum(len({f.key for f in c.open}) for c in self.guard_checks.values())
        if remaining:
            more = ngettext("Er staat nog %(n)s melding open.", "Er staan nog %(n)s meldingen open.", remaining)
            return f"{done} {more % {'n': remaining}}"
        return f"{done} {gettext('Alles is nagekeken. Controleer de tekst en sla op.')}"

    def guard_marked_findings(self, name: str) -> list[tuple[guard.Finding, str]]:
        """The findings of a field marked as not personal or left as they are, with the reason (after is_valid)."""
        return self.guard_checks[name].marked


def _parse_action(action: str, fields: tuple[str, ...]) -> tuple[str, str, str]:
    """(verb, field, key); "replace:KEY" and "replace_all" without a field mean the first guarded field."""
    verb, _sep, rest = action.partition(":")
    first = fields[0] if fields else ""
    if verb == "replace_all":
        return verb, rest or first, ""
    name, _sep, key = rest.partition(":")
    if not key:  # the older two-part form
        return verb, first, name
    return verb, name, key


def _pieces(text: str, findings: list[guard.Finding]) -> list[tuple[str, guard.Finding | None]]:
    """The text cut into pieces; a piece that is a finding carries it."""
    pieces: list[tuple[str, guard.Finding | None]] = []
    position = 0
    for finding in sorted(findings):
        pieces.append((text[position : finding.start], None))
        pieces.append((finding.text, finding))
        position = finding.end
    pieces.append((text[position:], None))
    return [p for p in pieces if p[0]]


def _personal_data_message(count: int) -> str:
    return gettext(
        "We vonden mogelijk persoonsgegevens in de tekst (%(count)s). Vervang ze door een label "
        "of geef aan dat het geen persoonsgegeven is. Er is nog niets opgeslagen."
    ) % {"count": count}


def _soft_message() -> str:
    return gettext(
        "De tekst beschrijft misschien iemand die herkenbaar is. Kijk naar de tip onder het veld. "
        "Wilt u het zo laten? Sla dan nog een keer op."
    )
