"""Reading an observations file in the long format. Pure: bytes in, rows or row-level errors out.

Headers, exactly: indicator,area,period,category,value,n,ci_low,ci_high,benchmark.
Every problem is reported with its row number, column, what is wrong and what is
expected, in Dutch; a file with any problem is refused whole.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from monitoring.analysis.periods import Period, PeriodError, parse_period

HEADERS = ["indicator", "area", "period", "category", "value", "n", "ci_low", "ci_high", "benchmark"]
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
_FORMULA_START = ("=", "+", "@")
_XLSX_MAGIC = b"PK\x03\x04"  # an XLSX is a zip archive


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    problem: str
    expected: str

    def __str__(self) -> str:
        where = (
            _("rij %(row)s, kolom %(column)s") % {"row": self.row, "column": self.column} if self.row else self.column
        )
        return f"{where}: {self.problem} {self.expected}".strip()


class FileRefused(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


@dataclass(frozen=True)
class ObservationRow:
    row: int
    indicator: str
    area: str
    period: Period
    category: str
    value: float
    n: int | None
    ci_low: float | None
    ci_high: float | None
    benchmark: float | None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.indicator, self.area, self.period.label, self.category)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    if not data.strip():
        raise FileRefused([RowError(0, _("bestand"), _("Het bestand is leeg."), _("Verwacht: een kopregel en rijen."))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def table(data: bytes) -> list[list[str]]:
    """The rows of a CSV (comma separated) or of the first sheet of an XLSX, as text.

    XLSX is read with formulas kept as formulas, so they are refused like in a CSV."""
    if not data.startswith(_XLSX_MAGIC):
        return list(csv.reader(io.StringIO(decode(data))))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(
            [
                RowError(
                    0,
                    _("bestand"),
                    _("Dit is geen geldig Excel-bestand (XLSX)."),
                    _("Verwacht: een XLSX uit Excel of LibreOffice, of een CSV."),
                )
            ]
        ) from None
    workbook.close()
    if not any(any(c.strip() for c in row) for row in rows):
        raise FileRefused([RowError(0, _("bestand"), _("Het bestand is leeg."), _("Verwacht: een kopregel en rijen."))])
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _no_progress(_share: float) -> None:
    pass


_PROGRESS_EVERY = 5000  # rows between two progress reports


def read_long(
    data: bytes,
    *,
    known_indicators: set[str],
    known_areas: set[str],
    min_cell: int,
    progress: Callable[[float], None] = _no_progress,
) -> list[ObservationRow]:
    lines = table(data)
    reader = iter(lines)
    header = [h.strip().lower() for h in next(reader, [])]
    _check_header(header)
    rows, errors, seen = [], [], {}
    for number, cells in enumerate(reader, start=2):
        if number % _PROGRESS_EVERY == 0:
            progress(number / len(lines))
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(HEADERS) and any(c.strip() for c in cells[len(HEADERS) :]):
            errors.append(
                RowError(
                    number,
                    _("rij"),
                    _("Deze rij heeft %(count)s cellen.") % {"count": len(cells)},
                    _("Verwacht: %(expected)s cellen, zoals de kopregel.") % {"expected": len(HEADERS)},
                )
            )
            continue
        row, row_errors = _read_row(
            number,
            dict(zip(HEADERS, cells + [""] * (len(HEADERS) - len(cells)), strict=False)),
            known_indicators,
            known_areas,
            min_cell,
        )
        errors += row_errors
        if row is not None:
            if row.key in seen:
                errors.append(
                    RowError(
                        number,
                        "indicator",
                        _("Deze combinatie staat ook in rij %(row)s.") % {"row": seen[row.key]},
                        _("Verwacht: één rij per indicator, gebied, periode en categorie."),
                    )
                )
            seen.setdefault(row.key, number)
            rows.append(row)
    if not rows and not errors:
        errors.append(RowError(0, _("bestand"), _("Er staan geen rijen in het bestand."), ""))
    if errors:
        raise FileRefused(errors)
    return rows


def _check_header(header: list[str]) -> None:
    personal = [h for h in header if h in PERSONAL_COLUMNS]
    if personal:
        raise FileRefused(
            [
                RowError(
                    1,
                    ", ".join(personal),
                    _("Deze kolom lijkt persoonsgegevens te bevatten."),
                    _("Alleen geanonimiseerde, opgetelde cijfers mogen erin."),
                )
            ]
        )
    if len(header) == 1 and ";" in header[0]:
        raise FileRefused(
            [
                RowError(
                    1,
                    _("kopregel"),
                    _("Het bestand is gescheiden met puntkomma's."),
                    _("Verwacht: komma's, of kies het CBS-formaat."),
                )
            ]
        )
    if header != HEADERS:
        missing = [h for h in HEADERS if h not in header]
        raise FileRefused(
            [
                RowError(
                    1,
                    _("kopregel"),
                    _("De kolommen kloppen niet (ontbreekt: %(missing)s).") % {"missing": ", ".join(missing) or "–"},
                    _("Verwacht precies: %(headers)s.") % {"headers": ",".join(HEADERS)},
                )
            ]
        )


def _read_row(number, cells, known_indicators, known_areas, min_cell):
    errors = [
        RowError(number, column, _("Dit lijkt een formule."), _("Verwacht: een gewone waarde."))
        for column, value in cells.items()
        if value.strip().startswith(_FORMULA_START)
    ]
    if errors:
        return None, errors
    indicator, area = cells["indicator"].strip(), cells["area"].strip().upper()
    if indicator not in known_indicators:
        errors.append(
            RowError(
                number,
                "indicator",
                _("Onbekende indicator „%(code)s”.") % {"code": indicator[:40]},
                _("Verwacht: een code uit de indicatorcatalogus."),
            )
        )
    if area not in known_areas:
        errors.append(
            RowError(
                number,
                "area",
                _("Onbekend gebied „%(code)s”.") % {"code": area[:20]},
                _("Verwacht: een CBS-code zoals GM0503 of WK050325."),
            )
        )
    try:
        period = parse_period(cells["period"])
    except PeriodError as exc:
        errors.append(RowError(number, "period", str(exc), ""))
        period = None
    numbers = {}
    for column in ("value", "n", "ci_low", "ci_high", "benchmark"):
        numbers[column], problem = _number(cells[column], required=column == "value", whole=column == "n")
        if problem:
            errors.append(
                RowError(
                    number,
                    column,
                    problem,
                    _("Verwacht: een getal, zoals 12,5 of 12.5.") if column != "n" else _("Verwacht: een heel getal."),
                )
            )
    n = numbers["n"]
    if n is not None and n < min_cell:
        errors.append(
            RowError(
                number,
                "n",
                _("De groep is te klein (%(n)s).") % {"n": int(n)},
                _("Verwacht: minstens %(min)s waarnemingen, anders is het niet anoniem.") % {"min": min_cell},
            )
        )
    errors += _range_errors(number, numbers, cells["category"].strip())
    if errors:
        return None, errors
    row = ObservationRow(
        number,
        indicator,
        area,
        period,
        cells["category"].strip(),
        numbers["value"],
        int(n) if n is not None else None,
        numbers["ci_low"],
        numbers["ci_high"],
        numbers["benchmark"],
    )
    return row, []


MAX_FIGURE = 1e12  # larger than any figure about a municipality: a typing or export error
MAX_N = 2_000_000_000
MAX_CATEGORY = 100


def _range_errors(number: int, numbers: dict, category: str) -> list[RowError]:
    """Figures out of any sensible range, a confidence interval upside down, a category too long."""
    errors = [
        RowError(number, column, _("Dit getal is te groot."), _("Verwacht: een getal tussen -10^12 en 10^12."))
        for column in ("value", "ci_low", "ci_high", "benchmark")
        if numbers[column] is not None and abs(numbers[column]) > MAX_FIGURE
    ]
    if numbers["n"] is not None and numbers["n"] > MAX_N:
        errors.append(RowError(number, "n", _("Dit aantal is te groot."), _("Verwacht: hooguit 2 miljard.")))
    low, high, value = numbers["ci_low"], numbers["ci_high"], numbers["value"]
    if low is not None and high is not None and not errors and not low <= (value if value is not None else low) <= high:
        errors.append(
            RowError(
                number,
                "ci_low",
                _("Het betrouwbaarheidsinterval klopt niet (%(low)s tot %(high)s).") % {"low": low, "high": high},
                _("Verwacht: ci_low ≤ value ≤ ci_high."),
            )
        )
    if len(category) > MAX_CATEGORY:
        errors.append(RowError(number, "category", _("Deze categorie is te lang."), _("Verwacht: hooguit 100 tekens.")))
    return errors


def _number(raw: str, *, required: bool, whole: bool) -> tuple[float | None, str]:
    value = raw.strip().replace(" ", "")
    if not value:
        return None, (_("Deze cel is leeg.") if required else "")
    if "," in value and "." not in value:
        value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        return None, _("„%(value)s” is geen getal.") % {"value": raw.strip()[:30]}
    if not math.isfinite(number) or (whole and (number != int(number) or number < 0)):
        return None, _("„%(value)s” is geen geldig aantal.") % {"value": raw.strip()[:30]}
    return number, ""


INDICATOR_REQUIRED = ["code", "name", "unit", "polarity", "source", "themes", "definition"]
INDICATOR_OPTIONAL = ["name_en", "periodicity", "lowest_level", "owner", "reference"]


@dataclass(frozen=True)
class IndicatorRow:
    row: int
    values: dict[str, str]
    theme_ids: tuple[int, ...]


def read_indicators(data: bytes, *, choices: dict[str, set[str]], themes: dict[str, int]) -> list[IndicatorRow]:
    """Rows of the indicator catalogue. `themes` maps lower-case names and slugs to ids."""
    reader = iter(table(data))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [h for h in INDICATOR_REQUIRED if h not in header]
    if missing:
        raise FileRefused(
            [
                RowError(
                    1,
                    _("kopregel"),
                    _("Deze kolommen ontbreken: %(missing)s.") % {"missing": ", ".join(missing)},
                    _("Verwacht minstens: %(headers)s.") % {"headers": ",".join(INDICATOR_REQUIRED)},
                )
            ]
        )
    rows, errors, seen = [], [], {}
    for number, raw in enumerate(reader, start=2):
        padded = [*raw, *[""] * (len(header) - len(raw))]
        cells = {k: (v or "").strip() for k, v in zip(header, padded, strict=False) if k}
        if not any(cells.values()):
            continue
        row_errors = _indicator_errors(number, cells, choices)
        names = [t.strip().lower() for t in cells.get("themes", "").split("|") if t.strip()]
        unknown = [t for t in names if t not in themes]
        if unknown:
            row_errors.append(
                RowError(
                    number,
                    "themes",
                    _("Onbekend thema: %(names)s.") % {"names": ", ".join(unknown)},
                    _("Verwacht: namen of korte namen van thema's, gescheiden door |."),
                )
            )
        if cells["code"] in seen:
            row_errors.append(
                RowError(
                    number,
                    "code",
                    _("Deze code staat ook in rij %(row)s.") % {"row": seen[cells["code"]]},
                    _("Verwacht: één rij per indicator."),
                )
            )
        seen.setdefault(cells["code"], number)
        errors += row_errors
        if not row_errors:
            rows.append(IndicatorRow(number, cells, tuple(sorted({themes[t] for t in names}))))
    if errors:
        raise FileRefused(errors)
    if not rows:
        raise FileRefused([RowError(0, _("bestand"), _("Er staan geen rijen in het bestand."), "")])
    return rows


def _indicator_errors(number: int, cells: dict[str, str], choices: dict[str, set[str]]) -> list[RowError]:
    errors = [
        RowError(number, column, _("Dit lijkt een formule."), _("Verwacht: een gewone waarde."))
        for column, value in cells.items()
        if value.startswith(_FORMULA_START)
    ]
    for column in ("code", "name", "unit", "polarity", "source", "definition"):
        if not cells.get(column):
            errors.append(RowError(number, column, _("Deze cel is leeg."), _("Verwacht: een waarde.")))
    for column, allowed in choices.items():
        value = cells.get(column, "")
        if value and value not in allowed:
            errors.append(
                RowError(
                    number,
                    column,
                    _("„%(value)s” is niet bekend.") % {"value": value[:40]},
                    _("Verwacht: %(allowed)s.") % {"allowed": " | ".join(sorted(allowed))},
                )
            )
    return errors + _indicator_text_errors(number, cells)


_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
# The longest text each column may hold (the catalogue's database fields).
_TEXT_LIMITS = {"code": 60, "name": 200, "name_en": 200, "source": 200, "owner": 200, "reference": 200}


def _indicator_text_errors(number: int, cells: dict[str, str]) -> list[RowError]:
    errors = []
    code = cells.get("code", "")
    if code and not _SLUG_RE.match(code):
        errors.append(
            RowError(
                number,
                "code",
                _("„%(value)s” kan geen code zijn.") % {"value": code[:40]},
                _("Verwacht: letters, cijfers, - of _, zonder spaties, zoals eenzaam-65plus."),
            )
        )
    for column, limit in _TEXT_LIMITS.items():
        if len(cells.get(column, "")) > limit:
            errors.append(
                RowError(
                    number,
                    column,
                    _("Deze tekst is te lang."),
                    _("Verwacht: hooguit %(limit)s tekens.") % {"limit": limit},
                )
            )
    return errors


_REGION_RE = re.compile(r"^(GM|WK|BU)\d{4,8}$")
_REGION_COLUMNS = ("wijkenenbuurten", "regios", "regio's", "gemeenten", "wijken")
_MISSING = {"", ".", "-", "x"}  # StatLine writes "." for a figure that is not known


def read_cbs(
    data: bytes,
    *,
    mapping: dict[str, str],
    known_indicators: set[str],
    known_areas: set[str],
    category_column: str = "",
    progress: Callable[[float], None] = _no_progress,
) -> list[ObservationRow]:
    """A CBS open-data or StatLine CSV: semicolons, quotes, region keys padded with spaces,
    Perioden keys like 2023JJ00. `mapping` says which column holds which indicator."""
    text = decode(data)
    total_lines = text.count("\n") + 1
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    columns = _cbs_columns_checked(reader.fieldnames)
    region = cbs_region_column(columns)
    errors = _cbs_header_errors(columns, region, mapping, known_indicators, category_column)
    if errors:
        raise FileRefused(errors)
    rows, seen = [], {}
    for number, raw in enumerate(reader, start=2):
        if number % _PROGRESS_EVERY == 0:
            progress(min(1.0, number / total_lines))
        if None in raw:  # more cells than the header has columns
            errors.append(
                RowError(
                    number,
                    _("rij"),
                    _("Deze rij heeft meer cellen dan de kopregel."),
                    _("Verwacht: één cel per kolom."),
                )
            )
            continue
        cells = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        row_values, row_errors = _cbs_row(number, cells, region, mapping, known_areas, category_column)
        errors += row_errors
        for row in row_values:
            if row.key in seen:
                errors.append(
                    RowError(
                        number,
                        row.indicator,
                        _("Deze combinatie staat ook in rij %(row)s.") % {"row": seen[row.key]},
                        _("Verwacht: één rij per indicator, gebied, periode en categorie."),
                    )
                )
            seen.setdefault(row.key, number)
            rows.append(row)
    if errors:
        raise FileRefused(errors)
    if not rows:
        raise FileRefused(
            [RowError(0, _("bestand"), _("Er staan geen cijfers voor onze gebieden in het bestand."), "")]
        )
    return rows


def cbs_columns(data: bytes) -> list[str]:
    """The column names of a CBS file, for the mapping step; refused when it is not one."""
    first_line = decode(data).lstrip().split("\n", 1)[0]
    return _cbs_columns_checked(next(csv.reader([first_line], delimiter=";"), []))


def cbs_region_column(columns: list[str]) -> str:
    return next((c for c in columns if c.lower().replace(" ", "") in _REGION_COLUMNS), "")


def _cbs_columns_checked(fieldnames) -> list[str]:
    columns = [c.strip() for c in fieldnames or []]
    if len(columns) < 2:
        raise FileRefused(
            [
                RowError(
                    1,
                    _("kopregel"),
                    _("Dit is geen CBS-bestand met puntkomma's."),
                    _("Verwacht: een export van CBS open data of StatLine."),
                )
            ]
        )
    return columns


def _cbs_row(number, cells, region, mapping, known_areas, category_column):
    """The observations in one CBS row: one per mapped column with a known figure."""
    area = cells.get(region, "").upper()
    if area not in known_areas:
        if _REGION_RE.match(area):
            return [], []  # another region in a national table: not ours
        return [], [
            RowError(
                number,
                region,
                _("Onbekend gebied „%(code)s”.") % {"code": area[:20]},
                _("Verwacht: een CBS-code zoals GM0503 of WK050325."),
            )
        ]
    try:
        period = parse_period(cells.get("Perioden", ""))
    except PeriodError as exc:
        return [], [RowError(number, "Perioden", str(exc), "")]
    category = cells.get(category_column, "") if category_column else ""
    rows, errors = [], []
    for column, code in mapping.items():
        raw_value = cells.get(column, "")
        if raw_value.lower() in _MISSING:
            continue
        value, problem = _number(raw_value, required=True, whole=False)
        if not problem and abs(value) > MAX_FIGURE:
            problem = _("Dit getal is te groot.")
        if problem:
            errors.append(RowError(number, column, problem, _("Verwacht: een getal, zoals 12,5 of 12.5.")))
        else:
            rows.append(ObservationRow(number, code, area, period, category, value, None, None, None, None))
    return rows, errors


def _cbs_header_errors(columns, region, mapping, known_indicators, category_column) -> list[RowError]:
    errors = []
    personal = [c for c in columns if c.lower() in PERSONAL_COLUMNS]
    if personal:
        errors.append(
            RowError(
                1,
                ", ".join(personal),
                _("Deze kolom lijkt persoonsgegevens te bevatten."),
                _("Alleen geanonimiseerde, opgetelde cijfers mogen erin."),
            )
        )
    if not region:
        errors.append(
            RowError(1, _("kopregel"), _("Er is geen kolom met gebieden (zoals WijkenEnBuurten of RegioS)."), "")
        )
    if "Perioden" not in columns:
        errors.append(RowError(1, _("kopregel"), _("Er is geen kolom Perioden."), ""))
    if category_column and category_column not in columns:
        errors.append(RowError(1, category_column, _("Deze kolom staat niet in het bestand."), ""))
    if not mapping:
        errors.append(
            RowError(
                1,
                _("koppeling"),
                _("Er is geen kolom aan een indicator gekoppeld."),
                _("Verwacht: bijvoorbeeld AantalInwoners_5=inwoners."),
            )
        )
    for column, code in mapping.items():
        if column not in columns:
            errors.append(RowError(1, column, _("Deze kolom staat niet in het bestand."), ""))
        if code not in known_indicators:
            errors.append(
                RowError(
                    1,
                    column,
                    _("Onbekende indicator „%(code)s”.") % {"code": code[:40]},
                    _("Verwacht: een code uit de indicatorcatalogus."),
                )
            )
    return errors
