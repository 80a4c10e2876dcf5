"""The checks all import formats share, each message written once. Pure: values in, RowErrors out.

A check returns a list of RowError, empty when the value is good, so a reader adds them up.

Messages are kept untranslated (a Text: the Dutch source text and the values for its placeholders)
and translated only when shown: an upload's messages are stored and may be read later, in English.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from monitoring.analysis.periods import FIRST_YEAR, LAST_YEAR, Period, PeriodError, parse_period

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
EXAMPLE_PREFIX = "voorbeeld-"  # the codes of the templates' example rows (examples.py)
_FORMULA_START = ("=", "+", "@")


@dataclass(frozen=True)
class Text:
    """A message in its Dutch source form (the msgid) with the values for its placeholders.
    A value is plain (text from the file, a number) or a Text, or a list of them (joined by commas)."""

    msgid: str
    values: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        """The message in the active language, numbers written as it writes them."""
        text = gettext(self.msgid) if self.msgid else ""
        return text % {name: _shown(value) for name, value in self.values.items()} if self.values else text

    def stored(self) -> dict:
        """The message as JSON, to translate when it is read."""
        values = {name: _stored(value) for name, value in self.values.items()}
        return {"id": self.msgid, "values": values} if values else {"id": self.msgid}

    @classmethod
    def from_stored(cls, stored: object) -> Text | str:
        """A stored message; a plain text (how messages were stored before) is returned as it is."""
        if not isinstance(stored, dict):
            return "" if stored is None else str(stored)
        values = stored.get("values") or {}
        return cls(str(stored.get("id", "")), {str(k): _from_stored(v) for k, v in values.items()})


def _shown(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return number_format(value, force_grouping=True)


def _stored(value: object) -> object:
    if isinstance(value, Text):
        return value.stored()
    if isinstance(value, list | tuple):
        return [_stored(v) for v in value]
    return value


def _from_stored(value: object) -> object:
    if isinstance(value, dict):
        return Text.from_stored(value)
    if isinstance(value, list):
        return [_from_stored(v) for v in value]
    return value


@dataclass(frozen=True)
class RowError:
    row: int
    place: str | Text  # a column of the file, or a word for the file, its header or a whole row
    problem_text: Text
    expected_text: Text | None = None
    # The cell or header seems to hold personal data: the upload's stored bytes are then dropped.
    personal_data: bool = False

    @property
    def column(self) -> str:
        return str(self.place)

    @property
    def problem(self) -> str:
        return str(self.problem_text)

    @property
    def expected(self) -> str:
        return str(self.expected_text) if self.expected_text else ""

    def __str__(self) -> str:
        where = (
            gettext("rij %(row)s, kolom %(column)s") % {"row": self.row, "column": self.column}
            if self.row
            else self.column
        )
        return f"{where}: {self.problem} {self.expected}".strip()

    def stored(self) -> dict:
        """The error as JSON (an upload keeps its errors), translated when it is shown."""
        return {
            "row": self.row,
            "column": _stored(self.place),
            "problem": self.problem_text.stored(),
            "expected": self.expected_text.stored() if self.expected_text else "",
        }


def stored_error_shown(stored: Mapping) -> dict:
    """A stored error in the active language: row, column, problem and expected as text."""
    return {
        "row": stored.get("row") or 0,
        **{key: str(Text.from_stored(stored.get(key))) for key in ("column", "problem", "expected")},
    }


def row_error(row: int, column: str | Text, problem: str, expected: str = "", /, **values: object) -> RowError:
    """One problem in one place. `problem` and `expected` are Dutch source texts (marked with
    gettext_noop), `values` fill their %(name)s placeholders when they are shown; the parameters
    are positional-only so that a placeholder may be called `row` too."""
    return RowError(row, column, _text(problem, values), _text(expected, values) if expected else None)


def _text(msgid: str, values: dict[str, object]) -> Text:
    """The message with only the values it uses: problem and expected share one set."""
    return Text(msgid, {name: value for name, value in values.items() if f"%({name})" in msgid})


def file_error(problem: str, expected: str = "", /, **values: object) -> RowError:
    return row_error(0, Text(gettext_noop("bestand")), problem, expected, **values)


def header_error(problem: str, expected: str = "", /, **values: object) -> RowError:
    return row_error(1, Text(gettext_noop("kopregel")), problem, expected, **values)


def line_error(row: int, problem: str, expected: str = "", /, **values: object) -> RowError:
    """A problem with a whole row rather than one of its cells."""
    return row_error(row, Text(gettext_noop("rij")), problem, expected, **values)


def no_rows() -> RowError:
    return file_error(
        gettext_noop("Er staan geen rijen in het bestand."),
        gettext_noop("Verwacht: onder de kopregel minstens één rij met een cijfer."),
    )


def personal_columns(columns: Iterable[str]) -> list[RowError]:
    personal = [c for c in columns if c.lower() in PERSONAL_COLUMNS]
    if not personal:
        return []
    error = row_error(
        1,
        ", ".join(personal),
        gettext_noop("Deze kolom lijkt persoonsgegevens te bevatten."),
        gettext_noop("Alleen geanonimiseerde, opgetelde cijfers mogen erin."),
    )
    return [replace(error, personal_data=True)]


def missing_column(column: str) -> RowError:
    return row_error(1, column, gettext_noop("Deze kolom staat niet in het bestand."))


def formulas(row: int, cells: dict[str, str]) -> list[RowError]:
    """Cells a spreadsheet would run as a formula when the file is opened again."""
    return [
        row_error(row, column, gettext_noop("Dit lijkt een formule."), gettext_noop("Verwacht: een gewone waarde."))
        for column, value in cells.items()
        if is_formula(value)
    ]


def is_formula(value: str) -> bool:
    return value.strip().startswith(_FORMULA_START)


def required(row: int, cells: dict[str, str], columns: Iterable[str]) -> list[RowError]:
    return [_empty(row, column, gettext_noop("Verwacht: een waarde.")) for column in columns if not cells.get(column)]


def _empty(row: int, column: str, expected: str) -> RowError:
    return row_error(row, column, gettext_noop("Deze cel is leeg."), expected)


def unknown_indicator(row: int, column: str, code: str, known: set[str]) -> list[RowError]:
    if code in known:
        return []
    if code.startswith(EXAMPLE_PREFIX):
        return example_row(row, column, code)
    return [
        row_error(
            row,
            column,
            gettext_noop("Onbekende indicator „%(code)s”."),
            gettext_noop("Verwacht: een code uit de indicatorcatalogus."),
            code=code[:40],
        )
    ]


def example_row(row: int, column: str, code: str) -> list[RowError]:
    """A row the template gave as an example, left in the file: never imported as a figure."""
    if not code.startswith(EXAMPLE_PREFIX):
        return []
    return [
        row_error(
            row,
            column,
            gettext_noop("Dit is een voorbeeldrij uit het sjabloon."),
            gettext_noop("Verwacht: uw eigen rijen. Haal de rijen die met voorbeeld- beginnen weg, of vervang ze."),
        )
    ]


def unknown_area(row: int, column: str, code: str, known: set[str]) -> list[RowError]:
    if code in known:
        return []
    return [
        row_error(
            row,
            column,
            gettext_noop("Onbekend gebied „%(code)s”."),
            gettext_noop("Verwacht: een CBS-code zoals GM0503 of WK050325."),
            code=code[:20],
        )
    ]


def period(row: int, column: str, raw: str) -> tuple[Period | None, list[RowError]]:
    try:
        return parse_period(raw), []
    except PeriodError:
        return None, [RowError(row, column, _period_problem(raw.strip()))]


def _period_problem(value: str) -> Text:
    """What parse_period said, kept untranslated: it translates its message when it raises, so
    the same four texts (msgids) are chosen here, by the same rules."""
    year = re.match(r"^(\d{4})", value)
    if year and not FIRST_YEAR <= int(year.group(1)) <= LAST_YEAR:
        return Text(
            gettext_noop("Het jaar %(year)s kan niet kloppen. Verwacht: een jaar van %(first)s tot en met %(last)s."),
            {"year": year.group(1), "first": str(FIRST_YEAR), "last": str(LAST_YEAR)},
        )
    if month := re.match(r"^\d{4}(?:-|MM)(\d{2})$", value):
        return Text(gettext_noop("Maand %(month)s bestaat niet."), {"month": str(int(month.group(1)))})
    if re.match(r"^\d{4}/\d{4}$", value):
        return Text(gettext_noop("Een meetronde loopt over twee opeenvolgende jaren, zoals 2015/2016."))
    return Text(
        gettext_noop(
            "Onbekende periode „%(value)s”. "
            "Verwacht: 2016, 2016-Q1, 2016-03, 2015/2016 of een CBS-sleutel als 2023JJ00."
        ),
        {"value": value[:40]},
    )


def expected_number() -> str:
    return gettext_noop("Verwacht: een getal, zoals 12,5 of 12.5.")


def number(
    row: int, column: str, raw: str, *, required: bool, whole: bool = False
) -> tuple[float | None, list[RowError]]:
    """A figure written with a decimal comma or point; `whole` for a count, which is never negative."""
    expected = gettext_noop("Verwacht: een heel getal.") if whole else expected_number()
    text = raw.strip().replace(" ", "")
    if not text:
        return None, [_empty(row, column, expected)] if required else []
    value = _float(text)
    if value is None:
        return None, [
            row_error(row, column, gettext_noop("„%(value)s” is geen getal."), expected, value=raw.strip()[:30])
        ]
    if not math.isfinite(value) or (whole and (value != int(value) or value < 0)):
        return None, [
            row_error(row, column, gettext_noop("„%(value)s” is geen geldig aantal."), expected, value=raw.strip()[:30])
        ]
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
            row,
            column,
            gettext_noop("Dit getal is te groot."),
            expected or gettext_noop("Verwacht: een getal tussen -10^12 en 10^12."),
        )
    ]


def count_too_large(row: int, column: str, n: float | None) -> list[RowError]:
    if n is None or n <= MAX_N:
        return []
    return [
        row_error(row, column, gettext_noop("Dit aantal is te groot."), gettext_noop("Verwacht: hooguit 2 miljard."))
    ]


def small_group(row: int, column: str, n: float | None, min_cell: int) -> list[RowError]:
    """A figure about fewer people than `min_cell` could point at someone."""
    if n is None or n >= min_cell:
        return []
    return [
        row_error(
            row,
            column,
            gettext_noop("De groep is te klein (%(n)s)."),
            gettext_noop("Verwacht: minstens %(min)s waarnemingen, anders is het niet anoniem."),
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
            gettext_noop("Het betrouwbaarheidsinterval klopt niet (%(low)s tot %(high)s)."),
            gettext_noop("Verwacht: ci_low ≤ value ≤ ci_high."),
            low=low,
            high=high,
        )
    ]


def too_long(row: int, column: str, text: str, limit: int, *, problem: str = "") -> list[RowError]:
    if len(text) <= limit:
        return []
    return [
        row_error(
            row,
            column,
            problem or gettext_noop("Deze tekst is te lang."),
            gettext_noop("Verwacht: hooguit %(limit)s tekens."),
            limit=limit,
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
            gettext_noop("Deze combinatie staat ook in rij %(row)s."),
            gettext_noop("Verwacht: één rij per indicator, gebied, periode en categorie."),
            row=first,
        )
    ]


def repeated_code(seen: dict[Hashable, int], code: str, row: int) -> list[RowError]:
    first = _first_row(seen, code, row)
    if first is None:
        return []
    return [
        row_error(
            row,
            "code",
            gettext_noop("Deze code staat ook in rij %(row)s."),
            gettext_noop("Verwacht: één rij per indicator."),
            row=first,
        )
    ]


def _first_row(seen: dict[Hashable, int], key: Hashable, row: int) -> int | None:
    """The row `key` was first seen in, or None the first time; remembers it either way."""
    first = seen.get(key)
    seen.setdefault(key, row)
    return first
