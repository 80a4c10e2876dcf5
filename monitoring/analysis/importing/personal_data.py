"""The personal-data check on the text cells of an import file. Pure: the scan comes in from the caller.

The import services pass in the personal-data guard's scan (`signals.guard.scan`), so this layer
reads no settings and loads no word lists, and a test can pass in a scan of its own. A cell that
holds personal data refuses the whole file; the message names the row, the column and the kind of
data, never the data itself: messages land on a page and may reach a log.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext_noop

from monitoring.analysis.importing.checks import RowError, Text, file_error, is_formula, row_error

# The guard's scan: text in, findings out, each with a `kind` that tells by `is_soft` whether it is
# only a hint. Soft hints ("de enige ...") do not refuse a file; every other kind does.
Scan = Callable[[str], Iterable[Any]]

MAX_MESSAGES = 100  # one per cell; past this the file needs cleaning at the source, not reading line by line
_DISTINCT_KEPT = 100_000  # distinct cell values whose outcome is remembered


def _kind_phrases() -> dict[str, str]:
    """What each kind of the guard is called in a message, in the order the message lists them."""
    return {
        "NAAM": gettext_noop("een naam"),
        "ADRES": gettext_noop("een adres"),
        "POSTCODE": gettext_noop("een postcode"),
        "TELEFOON": gettext_noop("een telefoonnummer"),
        "E-MAIL": gettext_noop("een e-mailadres"),
        "BSN": gettext_noop("een burgerservicenummer (BSN)"),
        "IBAN": gettext_noop("een rekeningnummer (IBAN)"),
        "GEBOORTEDATUM": gettext_noop("een geboortedatum"),
        "KENTEKEN": gettext_noop("een kenteken"),
    }


class PersonalDataCheck:
    """Scans the cells of a file row by row and keeps a message for each cell with personal data."""

    def __init__(self, scan: Scan, *, formulas_refused: bool = False) -> None:
        """`formulas_refused`: the reader refuses a formula with its own message, which does not
        quote it, so formulas are not scanned (the guard takes "=HYPERLINK(...)" for a name)."""
        self._scan = scan
        self._formulas_refused = formulas_refused
        # Each distinct value is scanned once: a 1,000,000-row file holds few distinct categories,
        # labels and names, and its figures repeat. The memory is bounded, so a file of millions of
        # different values cannot fill it; a value forgotten is simply scanned again.
        self._kinds = lru_cache(maxsize=_DISTINCT_KEPT)(self._hard_kinds)
        self._errors: list[RowError] = []
        self._cells = 0

    def row(self, number: int, cells: Mapping[str, str]) -> bool:
        """Scan one row's cells (column -> text, numbers and codes too: a BSN or a phone number
        is digits); True when one of them seems to hold personal data."""
        found = False
        for column, value in cells.items():
            text = value.strip()
            kinds = self._kinds(text) if text and not (self._formulas_refused and is_formula(text)) else ()
            if kinds:
                found = True
                self._add(number, column, kinds)
        return found

    def errors(self) -> list[RowError]:
        """A message per cell with personal data, at most MAX_MESSAGES, then one counting the rest."""
        rest = self._cells - len(self._errors)
        if not rest:
            return list(self._errors)
        more = file_error(
            gettext_noop("En nog %(count)s cellen met mogelijk persoonsgegevens."),
            _remove_and_upload_again(),
            count=rest,
        )
        return [*self._errors, replace(more, personal_data=True)]

    def _hard_kinds(self, text: str) -> tuple[str, ...]:
        """The kinds of personal data found in `text`, leaving out the soft hints."""
        return tuple(sorted({str(f.kind) for f in self._scan(text) if not f.kind.is_soft}))

    def _add(self, number: int, column: str, kinds: tuple[str, ...]) -> None:
        self._cells += 1
        if len(self._errors) >= MAX_MESSAGES:
            return
        phrases = _kind_phrases()
        named = [Text(phrase) for kind, phrase in phrases.items() if kind in kinds]
        if len(named) < len(kinds):  # a kind the guard learnt after this list was written
            named.append(Text(gettext_noop("persoonsgegevens")))
        error = row_error(number, column, gettext_noop("Mogelijk %(kinds)s."), _remove_and_upload_again(), kinds=named)
        self._errors.append(replace(error, personal_data=True))


def _remove_and_upload_again() -> str:
    return gettext_noop("Haal persoonsgegevens uit het bestand en upload het opnieuw.")
