"""Reading an uploaded file's bytes: the text encoding, CSV or the first sheet of an XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from django.utils.translation import gettext as _

from monitoring.analysis.importing.checks import RowError, file_error

XLSX_MAGIC = b"PK\x03\x04"  # an XLSX is a zip archive
PROGRESS_EVERY = 5000  # rows between two progress reports

Progress = Callable[[float], None]  # told the share of the rows read, from 0 to 1


class FileRefused(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def no_progress(_share: float) -> None:
    pass


def report_progress(progress: Progress, number: int, total: int) -> None:
    if number % PROGRESS_EVERY == 0:
        progress(min(1.0, number / total))


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252."""
    if not data.strip():
        raise FileRefused([_empty_file()])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def table(data: bytes) -> list[list[str]]:
    """The rows of a CSV (comma separated) or of the first sheet of an XLSX, as text.

    XLSX is read with formulas kept as formulas, so they are refused like in a CSV."""
    if not data.startswith(XLSX_MAGIC):
        return list(csv.reader(io.StringIO(decode(data))))
    rows = _sheet_rows(data)
    if not any(any(c.strip() for c in row) for row in rows):
        raise FileRefused([_empty_file()])
    return rows


def semicolon_separated(header: list[str]) -> bool:
    """A header read as one cell that holds semicolons: a CSV from Dutch Excel, or from CBS."""
    return len(header) == 1 and ";" in header[0]


def _sheet_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(
            [
                file_error(
                    _("Dit is geen geldig Excel-bestand (XLSX)."),
                    _("Verwacht: een XLSX uit Excel of LibreOffice, of een CSV."),
                )
            ]
        ) from None
    workbook.close()
    return rows


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _empty_file() -> RowError:
    return file_error(_("Het bestand is leeg."), _("Verwacht: een kopregel en rijen."))
