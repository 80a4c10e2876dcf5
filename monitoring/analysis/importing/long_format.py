"""The long format: one observation a row, as CSV or XLSX.

Headers, exactly: indicator,area,period,category,value,n,ci_low,ci_high,benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from monitoring.analysis.importing import checks
from monitoring.analysis.importing.checks import RowError, header_error, line_error
from monitoring.analysis.importing.files import (
    FileRefused,
    Progress,
    no_progress,
    report_progress,
    separator_problem,
    table,
)
from monitoring.analysis.importing.personal_data import PersonalDataCheck, Scan
from monitoring.analysis.periods import Period

HEADERS = ["indicator", "area", "period", "category", "value", "n", "ci_low", "ci_high", "benchmark"]
_NUMBERS = ("value", "n", "ci_low", "ci_high", "benchmark")
_FIGURES = ("value", "ci_low", "ci_high", "benchmark")  # the numbers that are not a count
MAX_CATEGORY = 100


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


@dataclass(frozen=True)
class _Known:
    indicators: set[str]
    areas: set[str]
    min_cell: int


def read_long(
    data: bytes,
    *,
    known_indicators: set[str],
    known_areas: set[str],
    min_cell: int,
    scan: Scan,
    progress: Progress = no_progress,
) -> list[ObservationRow]:
    """The observations in a long-format file. `scan` finds personal data in a text (the guard's)."""
    lines = table(data)
    reader = iter(lines)
    _check_header([h.strip().lower() for h in next(reader, [])])
    known = _Known(known_indicators, known_areas, min_cell)
    personal = PersonalDataCheck(scan, formulas_refused=True)
    rows, errors, seen = [], [], {}
    for number, cells in enumerate(reader, start=2):
        report_progress(progress, number, len(lines))
        # A row with personal data gets no other check: their messages could quote it.
        if not any(c.strip() for c in cells) or personal.row(number, dict(zip(HEADERS, cells, strict=False))):
            continue
        row, row_errors = _read_line(number, cells, known)
        errors += row_errors
        if row is not None:
            errors += checks.repeated_combination(seen, row.key, number, "indicator")
            rows.append(row)
    errors = personal.errors() + errors
    if not rows and not errors:
        errors.append(checks.no_rows())
    if errors:
        raise FileRefused(errors)
    return rows


def _check_header(header: list[str]) -> None:
    personal = checks.personal_columns(header)
    if personal:
        raise FileRefused(personal)
    separator = separator_problem(header, delimiter=",")
    if separator:
        raise FileRefused([separator])
    if header != HEADERS:
        missing = [h for h in HEADERS if h not in header]
        raise FileRefused(
            [
                header_error(
                    gettext_noop("De kolommen kloppen niet (ontbreekt: %(missing)s)."),
                    gettext_noop("Verwacht precies: %(headers)s."),
                    missing=", ".join(missing) or "–",
                    headers=",".join(HEADERS),
                )
            ]
        )


def _read_line(number: int, cells: list[str], known: _Known) -> tuple[ObservationRow | None, list[RowError]]:
    if len(cells) > len(HEADERS) and any(c.strip() for c in cells[len(HEADERS) :]):
        return None, [
            line_error(
                number,
                gettext_noop("Deze rij heeft %(count)s cellen."),
                gettext_noop("Verwacht: %(expected)s cellen, zoals de kopregel."),
                count=len(cells),
                expected=len(HEADERS),
            )
        ]
    padded = cells + [""] * (len(HEADERS) - len(cells))
    return _read_row(number, dict(zip(HEADERS, padded, strict=False)), known)


def _read_row(number: int, cells: dict[str, str], known: _Known) -> tuple[ObservationRow | None, list[RowError]]:
    errors = checks.formulas(number, cells)
    if errors:
        return None, errors
    indicator, area = cells["indicator"].strip(), cells["area"].strip().upper()
    category = cells["category"].strip()
    errors += checks.unknown_indicator(number, "indicator", indicator, known.indicators)
    errors += checks.unknown_area(number, "area", area, known.areas)
    period, period_errors = checks.period(number, "period", cells["period"])
    numbers, number_errors = _numbers(number, cells)
    errors += period_errors + number_errors
    errors += checks.small_group(number, "n", numbers["n"], known.min_cell)
    errors += _range_errors(number, numbers, category)
    if errors:
        return None, errors
    n = numbers["n"]
    row = ObservationRow(
        number,
        indicator,
        area,
        period,
        category,
        numbers["value"],
        int(n) if n is not None else None,
        numbers["ci_low"],
        numbers["ci_high"],
        numbers["benchmark"],
    )
    return row, []


def _numbers(number: int, cells: dict[str, str]) -> tuple[dict[str, float | None], list[RowError]]:
    numbers, errors = {}, []
    for column in _NUMBERS:
        numbers[column], problems = checks.number(
            number, column, cells[column], required=column == "value", whole=column == "n"
        )
        errors += problems
    return numbers, errors


def _range_errors(number: int, numbers: dict[str, float | None], category: str) -> list[RowError]:
    """Figures out of any sensible range, a confidence interval upside down, a category too long."""
    errors = [error for column in _FIGURES for error in checks.too_large(number, column, numbers[column])]
    errors += checks.count_too_large(number, "n", numbers["n"])
    if not errors:
        errors += checks.interval(number, numbers["ci_low"], numbers["value"], numbers["ci_high"])
    return errors + checks.too_long(
        number, "category", category, MAX_CATEGORY, problem=gettext_noop("Deze categorie is te lang.")
    )
