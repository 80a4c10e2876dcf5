"""The checks all import formats share, each message written once. Pure: values in, RowErrors out.

A check returns a list of RowError, empty when the value is good, so a reader adds them up.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from monitoring.analysis.periods import Period, PeriodError, parse_period

# Column names that point at data about persons, not aggregates.
PERSONAL_COLUMNS = {
    "bsn",
    "burgerservicenummer",
    "naam",
    "name",
    "voornaam",
    "achternaam",
    "geboortedatum",
    "birthdate",
    "adres",
    "address",
    "straat",
    "huisnummer",
    "postcode",
    "email",
    "e-mail",
    "emailadres",
    "e-mailadres",
    "telefoon",
    "telefoonnummer",
    "phone",
}
MAX_FIGURE = 1e12  # larger than any figure about a municipality: a typing or export error
MAX_N = 2_000_000_000
_FORMULA_START = ("=", "+", "@")


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    problem: str
    expected: str
    # The cell or header seems to hold personal data: the upload's stored bytes are then dropped.
    personal_data: bool = False

    def __str__(self) -> str:
        where = (
            _("rij %(row)s, kolom %(column)s") % {"row": self.row, "column": self.column} if self.row else self.column
        )
        return f"{where}: {self.problem} {self.expected}".strip()


def row_error(row: int, column: str, problem: str, expected: str = "", /, **values: object) -> RowError:
    """One problem in one place. `values` fill the %(name)s placeholders of both (translated) texts;
    the parameters are positional-only so that a placeholder may be called `row` too."""
    if values:
        problem, expected = problem % values, expected % values
    return RowError(row, column, problem, expected)


def file_error(problem: str, expected: str = "", /, **values: object) -> RowError:
    return row_error(0, _("bestand"), problem, expected, **values)


def header_error(problem: str, expected: str = "", /, **values: object) -> RowError:
    return row_error(1, _("kopregel"), problem, expected, **values)


def line_error(row: int, problem: str, expected: str = "", /, **values: object) -> RowError:
    """A problem with a whole row rather than one of its cells."""
    return row_error(row, _("rij"), problem, expected, **values)


def no_rows() -> RowError:
    return file_error(_("Er staan geen rijen in het bestand."))


def personal_columns(columns: Iterable[str]) -> list[RowError]:
    personal = [c for c in columns if c.lower() in PERSONAL_COLUMNS]
    if not personal:
        return []
    error = row_error(
        1,
        ", ".join(personal),
        _("Deze kolom lijkt persoonsgegevens te bevatten."),
        _("Alleen geanonimiseerde, opgetelde cijfers mogen erin."),
    )
    return [replace(error, personal_data=True)]


def missing_column(column: str) -> RowError:
    return row_error(1, column, _("Deze kolom staat niet in het bestand."))


def formulas(row: int, cells: dict[str, str]) -> list[RowError]:
    """Cells a spreadsheet would run as a formula when the file is opened again."""
    return [
        row_error(row, column, _("Dit lijkt een formule."), _("Verwacht: een gewone waarde."))
        for column, value in cells.items()
        if is_formula(value)
    ]


def is_formula(value: str) -> bool:
    return value.strip().startswith(_FORMULA_START)


def required(row: int, cells: dict[str, str], columns: Iterable[str]) -> list[RowError]:
    return [_empty(row, column, _("Verwacht: een waarde.")) for column in columns if not cells.get(column)]


def _empty(row: int, column: str, expected: str) -> RowError:
    return row_error(row, column, _("Deze cel is leeg."), expected)


def unknown_indicator(row: int, column: str, code: str, known: set[str]) -> list[RowError]:
    if code in known:
        return []
    return [
        row_error(
            row,
            column,
            _("Onbekende indicator „%(code)s”."),
            _("Verwacht: een code uit de indicatorcatalogus."),
            code=code[:40],
        )
    ]


def unknown_area(row: int, column: str, code: str, known: set[str]) -> list[RowError]:
    if code in known:
        return []
    return [
        row_error(
            row,
            column,
            _("Onbekend gebied „%(code)s”."),
            _("Verwacht: een CBS-code zoals GM0503 of WK050325."),
            code=code[:20],
        )
    ]


def period(row: int, column: str, raw: str) -> tuple[Period | None, list[RowError]]:
    try:
        return parse_period(raw), []
    except PeriodError as exc:
        return None, [row_error(row, column, str(exc))]


def expected_number() -> str:
    return _("Verwacht: een getal, zoals 12,5 of 12.5.")


def number(
    row: int, column: str, raw: str, *, required: bool, whole: bool = False
) -> tuple[float | None, list[RowError]]:
    """A figure written with a decimal comma or point; `whole` for a count, which is never negative."""
    expected = _("Verwacht: een heel getal.") if whole else expected_number()
    text = raw.strip().replace(" ", "")
    if not text:
        return None, [_empty(row, column, expected)] if required else []
    value = _float(text)
    if value is None:
        return None, [row_error(row, column, _("„%(value)s” is geen getal."), expected, value=raw.strip()[:30])]
    if not math.isfinite(value) or (whole and (value != int(value) or value < 0)):
        return None, [row_error(row, column, _("„%(value)s” is geen geldig aantal."), expected, value=raw.strip()[:30])]
    return value, []


def _float(text: str) -> float | None:
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def too_large(row: int, column: str, value: float | None, *, expected: str = "") -> list[RowError]:
    """A figure out of any sensible range: a typing or export error."""
    if value is None or abs(value) <= MAX_FIGURE:
        return []
    return [
        row_error(
            row, column, _("Dit getal is te groot."), expected or _("Verwacht: een getal tussen -10^12 en 10^12.")
        )
    ]


def count_too_large(row: int, column: str, n: float | None) -> list[RowError]:
    if n is None or n <= MAX_N:
        return []
    return [row_error(row, column, _("Dit aantal is te groot."), _("Verwacht: hooguit 2 miljard."))]


def small_group(row: int, column: str, n: float | None, min_cell: int) -> list[RowError]:
    """A figure about fewer people than `min_cell` could point at someone."""
    if n is None or n >= min_cell:
        return []
    return [
        row_error(
            row,
            column,
            _("De groep is te klein (%(n)s)."),
            _("Verwacht: minstens %(min)s waarnemingen, anders is het niet anoniem."),
            n=int(n),
            min=min_cell,
        )
    ]


def interval(row: int, low: float | None, value: float | None, high: float | None) -> list[RowError]:
    """The confidence interval the right way round, around the value when there is one."""
    if low is None or high is None or low <= (low if value is None else value) <= high:
        return []
    return [
        row_error(
            row,
            "ci_low",
            _("Het betrouwbaarheidsinterval klopt niet (%(low)s tot %(high)s)."),
            _("Verwacht: ci_low ≤ value ≤ ci_high."),
            low=low,
            high=high,
        )
    ]


def too_long(row: int, column: str, text: str, limit: int, *, problem: str = "") -> list[RowError]:
    if len(text) <= limit:
        return []
    return [
        row_error(
            row, column, problem or _("Deze tekst is te lang."), _("Verwacht: hooguit %(limit)s tekens."), limit=limit
        )
    ]


def repeated_combination(seen: dict[Hashable, int], key: Hashable, row: int, column: str) -> list[RowError]:
    """An observation that an earlier row already gave; `seen` remembers the first row of each key."""
    first = _first_row(seen, key, row)
    if first is None:
        return []
    return [
        row_error(
            row,
            column,
            _("Deze combinatie staat ook in rij %(row)s."),
            _("Verwacht: één rij per indicator, gebied, periode en categorie."),
            row=first,
        )
    ]


def repeated_code(seen: dict[Hashable, int], code: str, row: int) -> list[RowError]:
    first = _first_row(seen, code, row)
    if first is None:
        return []
    return [
        row_error(
            row, "code", _("Deze code staat ook in rij %(row)s."), _("Verwacht: één rij per indicator."), row=first
        )
    ]


def _first_row(seen: dict[Hashable, int], key: Hashable, row: int) -> int | None:
    """The row `key` was first seen in, or None the first time; remembers it either way."""
    first = seen.get(key)
    seen.setdefault(key, row)
    return first
