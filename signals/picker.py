"""The theme picker (templates/signals/_theme_choices.html, docs/adr/0013-theme-picker.md).

The themes stand under their dimension, each dimension folded in a <details> that is open when it holds
a ticked theme or matches the filter. A form that offers the filter names its box in `THEME_FILTER`; the
filter hides the themes that do not match and never drops one: a ticked theme stays in the form, ticked.
static/js/theme-picker.js filters the same way as the member types, on the `search` text given here.
"""

from __future__ import annotations

import unicodedata

from django.forms import BoundField
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext

QUERY_MAX = 100  # longer than any theme name; a longer text is cut


def searchable(text: object) -> str:
    """Text as the filter compares it: without accents and case-folded ("Financiële" → "financiele")."""

    def bare(value: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))

    return bare(bare(str(text)).casefold())


def theme_matches(query: str, *names: str) -> bool:
    """Whether every word of the query occurs in the names (a theme's and its dimension's); an empty query
    matches all."""
    haystack = " ".join(searchable(name) for name in names)
    return all(word in haystack for word in searchable(query).split())


class ThemePickerBoundField(BoundField):
    """The theme checkboxes as the picker shows them."""

    @property
    def filter_name(self) -> str:
        """The filter box's name, or "" when the form offers no filter."""
        name = getattr(self.form, "THEME_FILTER", "")
        return self.form.add_prefix(name) if name else ""

    @property
    def filter_applied_name(self) -> str:
        """The hidden input holding the filter the page shows (signals.forms.SignalForm.filter_pressed)."""
        return f"{self.filter_name}_toegepast"

    @cached_property
    def query(self) -> str:
        if not (self.filter_name and self.form.is_bound):
            return ""
        return self.form.data.get(self.filter_name, "").strip()[:QUERY_MAX]

    @cached_property
    def groups(self) -> list[dict]:
        """Per dimension: its name, its options, how many are ticked, and whether it is open or hidden."""
        widget = self.field.widget
        optgroups = widget.optgroups(self.html_name, widget.format_value(self.value()), {"id": self.auto_id})
        return [self._group(name, options) for name, options, _index in optgroups]

    def _group(self, name: str, options: list[dict]) -> dict:
        shown = [
            {
                "id": o["attrs"]["id"],
                "value": o["value"],
                "label": o["label"],
                "checked": o["selected"],
                "hidden": not theme_matches(self.query, o["label"], name),
                "search": searchable(f"{o['label']} {name}"),
            }
            for o in options
        ]
        ticked = sum(o["checked"] for o in shown)
        matched = any(not o["hidden"] for o in shown)
        return {
            "name": name,
            "options": shown,
            "ticked": ticked,
            "ticked_label": self.ticked_text % ticked if ticked else "",
            "open": bool(ticked) or bool(self.query and matched),
            "hidden": not matched,
        }

    @property
    def chosen(self) -> list[str]:
        """The labels of the ticked themes, also those the filter hides."""
        return [o["label"] for group in self.groups for o in group["options"] if o["checked"]]

    @property
    def chosen_text(self) -> str:
        chosen = self.chosen
        return self.chosen_texts["some"] % ", ".join(chosen) if chosen else self.chosen_texts["none"]

    @property
    def found(self) -> str:
        """What the filter found, said on the page; "" without a filter."""
        if not self.query:
            return ""
        count = sum(not o["hidden"] for group in self.groups for o in group["options"])
        if not count:
            return self.found_texts["none"]
        return self.found_texts["one" if count == 1 else "other"] % count

    # The texts static/js/theme-picker.js fills in as the member types ("%s" is a number or a list).
    @property
    def ticked_text(self) -> str:
        return gettext("(%s aangevinkt)")

    @property
    def found_texts(self) -> dict:
        return {
            "one": ngettext("%s thema gevonden", "%s thema's gevonden", 1),
            "other": ngettext("%s thema gevonden", "%s thema's gevonden", 2),
            "none": gettext("Geen thema gevonden. Probeer een ander woord, of maak het filter leeg."),
        }

    @property
    def chosen_texts(self) -> dict:
        return {"some": gettext("Aangevinkt: %s."), "none": gettext("Nog geen thema aangevinkt.")}
