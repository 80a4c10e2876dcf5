"""The indicator catalogue: one indicator a row, as CSV or XLSX, themes separated by |."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from monitoring.analysis.importing import checks
from monitoring.analysis.importing.checks import RowError, header_error, row_error
from monitoring.analysis.importing.files import FileRefused, separator_problem, table
from monitoring.analysis.importing.personal_data import PersonalDataCheck, Scan

INDICATOR_REQUIRED = ["code", "name", "unit", "polarity", "source", "themes", "definition"]
INDICATOR_OPTIONAL = ["name_en", "periodicity", "lowest_level", "owner", "reference"]
_COLUMNS = {*INDICATOR_REQUIRED, *INDICATOR_OPTIONAL}  # the columns read; any other is left alone
_FILLED = ("code", "name", "unit", "polarity", "source", "definition")  # themes may be empty
_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
# The longest text each column may hold (the catalogue's database fields).
_TEXT_LIMITS = {"code": 60, "name": 200, "name_en": 200, "source": 200, "owner": 200, "reference": 200}


@dataclass(frozen=True)
class IndicatorRow:
    row: int
    values: dict[str, str]
    theme_ids: tuple[int, ...]


def read_indicators(
    data: bytes, *, choices: dict[str, set[str]], themes: dict[str, int], scan: Scan
) -> list[IndicatorRow]:
    """Rows of the indicator catalogue. `themes` maps lower-case names and slugs to ids;
    `scan` finds personal data in a text (the guard's)."""
    reader = iter(table(data))
    header = [h.strip().lower() for h in next(reader, [])]
    _check_header(header)
    rows, errors, seen, personal = [], [], {}, PersonalDataCheck(scan, formulas_refused=True)
    for number, raw in enumerate(reader, start=2):
        padded = [*raw, *[""] * (len(header) - len(raw))]
        cells = {k: (v or "").strip() for k, v in zip(header, padded, strict=False) if k}
        # A row with personal data gets no other check: their messages could quote it.
        if not any(cells.values()) or personal.row(number, {k: v for k, v in cells.items() if k in _COLUMNS}):
            continue
        names = [t.strip().lower() for t in cells.get("themes", "").split("|") if t.strip()]
        row_errors = _cell_errors(number, cells, choices) + _unknown_themes(number, names, themes)
        row_errors += checks.repeated_code(seen, cells["code"], number)
        errors += row_errors
        if not row_errors:
            rows.append(IndicatorRow(number, cells, tuple(sorted({themes[t] for t in names}))))
    errors = personal.errors() + errors
    if errors:
        raise FileRefused(errors)
    if not rows:
        raise FileRefused([checks.no_rows()])
    return rows


def _check_header(header: list[str]) -> None:
    separator = separator_problem(header, delimiter=",")
    if separator:
        raise FileRefused([separator])
    missing = [h for h in INDICATOR_REQUIRED if h not in header]
    if missing:
        raise FileRefused(
            [
                header_error(
                    gettext_noop("Deze kolommen ontbreken: %(missing)s."),
                    gettext_noop("Verwacht minstens: %(headers)s."),
                    missing=", ".join(missing),
                    headers=",".join(INDICATOR_REQUIRED),
                )
            ]
        )


def _cell_errors(number: int, cells: dict[str, str], choices: dict[str, set[str]]) -> list[RowError]:
    errors = checks.formulas(number, cells) + checks.required(number, cells, _FILLED)
    for column, allowed in choices.items():
        value = cells.get(column, "")
        if value and value not in allowed:
            errors.append(
                row_error(
                    number,
                    column,
                    gettext_noop("„%(value)s” is niet bekend."),
                    gettext_noop("Verwacht: %(allowed)s."),
                    value=value[:40],
                    allowed=" | ".join(sorted(allowed)),
                )
            )
    errors += _code_errors(number, cells.get("code", ""))
    for column, limit in _TEXT_LIMITS.items():
        errors += checks.too_long(number, column, cells.get(column, ""), limit)
    return errors


def _code_errors(number: int, code: str) -> list[RowError]:
    """A code is part of web addresses, so it is a slug; a template's example is no code."""
    if code.startswith(checks.EXAMPLE_PREFIX):
        return checks.example_row(number, "code", code)
    if not code or _SLUG_RE.match(code):
        return []
    return [
        row_error(
            number,
            "code",
            gettext_noop("„%(value)s” kan geen code zijn."),
            gettext_noop("Verwacht: letters, cijfers, - of _, zonder spaties, zoals eenzaam-65plus."),
            value=code[:40],
        )
    ]


def _unknown_themes(number: int, names: list[str], themes: dict[str, int]) -> list[RowError]:
    unknown = [t for t in names if t not in themes]
    if not unknown:
        return []
    return [
        row_error(
            number,
            "themes",
            gettext_noop("Onbekend thema: %(names)s."),
            gettext_noop("Verwacht: namen of korte namen van thema's, gescheiden door |."),
            names=", ".join(unknown),
        )
    ]
