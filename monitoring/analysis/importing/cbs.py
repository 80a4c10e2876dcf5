"""The CBS format: an open-data or StatLine CSV, read into long-format rows.

Semicolons, quotes, region keys padded with spaces, Perioden keys like 2023JJ00; a mapping
says which column holds which indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from monitoring.analysis.importing import checks
from monitoring.analysis.importing.checks import RowError, Text, file_error, header_error, line_error, row_error
from monitoring.analysis.importing.files import (
    FileRefused,
    Progress,
    csv_rows,
    decode,
    no_progress,
    report_progress,
    separator_problem,
)
from monitoring.analysis.importing.long_format import ObservationRow
from monitoring.analysis.importing.personal_data import PersonalDataCheck, Scan

_REGION_RE = re.compile(r"^(GM|WK|BU)\d{4,8}$")
_REGION_COLUMNS = ("wijkenenbuurten", "regios", "regio's", "gemeenten", "wijken")
_PERIOD_COLUMN = "Perioden"
_MISSING = {"", ".", "-", "x"}  # StatLine writes "." for a figure that is not known


@dataclass(frozen=True)
class _Layout:
    """Where the figures are in the file, and which of its regions are ours."""

    region: str
    mapping: dict[str, str]
    category_column: str
    known_areas: set[str]

    @property
    def used_columns(self) -> list[str]:
        """The columns whose cells are stored or shown; the others are never read."""
        return [self.region, _PERIOD_COLUMN, *([self.category_column] if self.category_column else []), *self.mapping]


def read_cbs(
    data: bytes,
    *,
    mapping: dict[str, str],
    known_indicators: set[str],
    known_areas: set[str],
    scan: Scan,
    category_column: str = "",
    progress: Progress = no_progress,
) -> list[ObservationRow]:
    """The observations in a CBS file; `mapping` says which column holds which indicator,
    `scan` finds personal data in a text (the guard's)."""
    lines = csv_rows(decode(data), delimiter=";")
    first = next((index for index, cells in enumerate(lines) if cells), 0)  # after any blank lines
    columns = _columns_checked(lines[first] if lines else [])
    layout = _Layout(cbs_region_column(columns), mapping, category_column, known_areas)
    errors = _header_errors(columns, layout, known_indicators)
    if errors:
        raise FileRefused(errors)
    rows, seen, personal = [], {}, PersonalDataCheck(scan)
    for number, cells in enumerate(lines[first + 1 :], start=first + 2):
        report_progress(progress, number, len(lines))
        row_values, row_errors = _read_line(number, cells, columns, layout, personal)
        errors += row_errors
        for row in row_values:
            errors += checks.repeated_combination(seen, row.key, number, row.indicator)
            rows.append(row)
    errors = personal.errors() + errors
    if errors:
        raise FileRefused(errors)
    if not rows:
        raise FileRefused([_no_figures(lines[first + 1 :])])
    return rows


def _no_figures(rows: list[list[str]]) -> RowError:
    if not any(any(c.strip() for c in cells) for cells in rows):
        return checks.no_rows()
    return file_error(
        gettext_noop("Er staan geen cijfers voor onze gebieden in het bestand."),
        gettext_noop(
            "Verwacht: rijen met de gemeente of haar wijken, zoals GM0503 of WK050325. Kies bij CBS de juiste regio's."
        ),
    )


def cbs_columns(data: bytes) -> list[str]:
    """The column names of a CBS file, for the mapping step; refused when it is not one."""
    first_line = decode(data).lstrip().splitlines()[0]
    return _columns_checked(next(iter(csv_rows(first_line, delimiter=";")), []))


def cbs_region_column(columns: list[str]) -> str:
    return next((c for c in columns if c.lower().replace(" ", "") in _REGION_COLUMNS), "")


def _columns_checked(header: list[str]) -> list[str]:
    columns = [c.strip() for c in header]
    separator = separator_problem(columns, delimiter=";")
    if separator:
        raise FileRefused([separator])
    if len(columns) < 2:
        raise FileRefused(
            [
                header_error(
                    gettext_noop("Dit is geen CBS-bestand met puntkomma's."),
                    gettext_noop("Verwacht: een export van CBS open data of StatLine."),
                )
            ]
        )
    return columns


def _header_errors(columns: list[str], layout: _Layout, known_indicators: set[str]) -> list[RowError]:
    errors = checks.personal_columns(columns)
    if not layout.region:
        errors.append(header_error(gettext_noop("Er is geen kolom met gebieden (zoals WijkenEnBuurten of RegioS).")))
    if _PERIOD_COLUMN not in columns:
        errors.append(header_error(gettext_noop("Er is geen kolom Perioden.")))
    if layout.category_column and layout.category_column not in columns:
        errors.append(checks.missing_column(layout.category_column))
    if not layout.mapping:
        errors.append(
            row_error(
                1,
                Text(gettext_noop("koppeling")),
                gettext_noop("Er is geen kolom aan een indicator gekoppeld."),
                gettext_noop("Verwacht: bijvoorbeeld AantalInwoners_5=inwoners."),
            )
        )
    for column, code in layout.mapping.items():
        if column not in columns:
            errors.append(checks.missing_column(column))
        errors += checks.unknown_indicator(1, column, code, known_indicators)
    return errors


def _read_line(
    number: int, cells: list[str], columns: list[str], layout: _Layout, personal: PersonalDataCheck
) -> tuple[list[ObservationRow], list[RowError]]:
    if not cells:  # a blank line
        return [], []
    if len(cells) > len(columns):
        return [], [
            line_error(
                number,
                gettext_noop("Deze rij heeft meer cellen dan de kopregel."),
                gettext_noop("Verwacht: één cel per kolom."),
            )
        ]
    named = {column: value.strip() for column, value in zip(columns, cells, strict=False)}
    if _not_ours(named, layout):
        return [], []
    # A row with personal data gets no other check: their messages could quote it.
    if personal.row(number, {column: named.get(column, "") for column in layout.used_columns}):
        return [], []
    return _read_row(number, named, layout)


def _not_ours(cells: dict[str, str], layout: _Layout) -> bool:
    """Another region in a national table: not read, not stored, not shown."""
    area = cells.get(layout.region, "").upper()
    return area not in layout.known_areas and bool(_REGION_RE.match(area))


def _read_row(number: int, cells: dict[str, str], layout: _Layout) -> tuple[list[ObservationRow], list[RowError]]:
    """The observations in one CBS row: one per mapped column with a known figure."""
    area = cells.get(layout.region, "").upper()
    errors = checks.unknown_area(number, layout.region, area, layout.known_areas)
    if errors:
        return [], errors
    period, errors = checks.period(number, _PERIOD_COLUMN, cells.get(_PERIOD_COLUMN, ""))
    if errors:
        return [], errors
    category = cells.get(layout.category_column, "") if layout.category_column else ""
    rows = []
    for column, code in layout.mapping.items():
        raw_value = cells.get(column, "")
        if raw_value.lower() in _MISSING:
            continue
        value, problems = checks.number(number, column, raw_value, required=True)
        problems = problems or checks.too_large(number, column, value, expected=checks.expected_number())
        errors += problems
        if not problems:
            rows.append(ObservationRow(number, code, area, period, category, value, None, None, None, None))
    return rows, errors
