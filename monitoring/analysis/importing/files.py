"""Reading an uploaded file's bytes: what kind of file it is, its text encoding, CSV or the first
sheet of an XLSX.

A file that cannot be read is refused with a message that says what to do, never with an error of
the csv module or openpyxl: those would reach the page as a failure of the app, and uploading the
same file again would fail the same way.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable

from django.utils.translation import gettext_noop

from monitoring.analysis.importing.checks import RowError, file_error, header_error, line_error

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")  # an XLSX is a zip archive
# The container of an old Excel file (.xls) and of every Office file that has a password.
COMPOUND_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")  # the stream a password-protected file holds
# Files that are clearly neither text nor a spreadsheet: PDF, PNG, JPEG, GIF, gzip, RAR, 7-Zip.
_OTHER_MAGICS = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")
_BOMS = (  # the longer UTF-32 marks first: they start like the UTF-16 ones
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # no tab, line feed or carriage return
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
    """The text of a CSV: UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, else Windows-1252.
    Refused when it is empty, not text, or holds characters no CSV has."""
    if not data.strip():
        raise FileRefused([_empty_file()])
    not_text = _not_text(data)
    if not_text:
        raise FileRefused([not_text])
    text = _text(data)
    if not text.strip():
        raise FileRefused([_empty_file()])
    control = _CONTROL.search(text)
    if control:
        raise FileRefused([_control_character(text.count("\n", 0, control.start()) + 1)])
    return text


def table(data: bytes, *, delimiter: str = ",") -> list[list[str]]:
    """The rows of a CSV or of the first sheet of an XLSX, as text.

    XLSX is read with formulas kept as formulas, so they are refused like in a CSV."""
    if not data.startswith(ZIP_MAGICS):
        return csv_rows(decode(data), delimiter=delimiter)
    rows = _sheet_rows(data)
    if not any(any(c.strip() for c in row) for row in rows):
        raise FileRefused([_empty_file()])
    return rows


def csv_rows(text: str, *, delimiter: str) -> list[list[str]]:
    """The rows of a CSV text; a quote that is not closed, text after a closing quote or a cell
    longer than the csv module takes are refused with the row they start in."""
    # Universal newlines: a file from an old Mac ends its lines with a carriage return alone.
    reader = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as error:
        raise FileRefused([_csv_problem(str(error), len(rows) + 1)]) from None
    return rows


def separator_problem(header: list[str], *, delimiter: str) -> RowError | None:
    """A header read as one cell that holds another separator: the file uses a different one."""
    if len(header) != 1:
        return None
    cell = header[0]
    if delimiter == ";":
        if "," in cell:
            return header_error(
                gettext_noop("Het bestand is gescheiden met komma's."),
                gettext_noop(
                    "Verwacht: puntkomma's, zoals in een CSV-download van CBS. "
                    "Is het een bestand in het lange formaat? Kies dan „lang formaat”."
                ),
            )
        return None
    if ";" in cell:
        return header_error(gettext_noop("Het bestand is gescheiden met puntkomma's."), _use_commas())
    if "\t" in cell:
        return header_error(gettext_noop("Het bestand is gescheiden met tabs."), _use_commas())
    return None


def _use_commas() -> str:
    # A Dutch Excel writes semicolons in every kind of CSV, so saving again as CSV does not help.
    return gettext_noop(
        "Verwacht: komma's. Sla het bestand in Excel of LibreOffice op als Excel-werkmap (.xlsx) en upload dat; "
        "dan doet het scheidingsteken er niet toe."
    )


def _not_text(data: bytes) -> RowError | None:
    """A message for a file that is no text at all: a spreadsheet of another kind, a PDF, an image."""
    if data.startswith(ZIP_MAGICS):
        return file_error(
            gettext_noop("Dit is een Excel- of zip-bestand, geen CSV."),
            gettext_noop(
                "Verwacht: een CSV-bestand. Download het CBS-bestand als CSV, of kies „lang formaat” voor een XLSX."
            ),
        )
    if data.startswith(COMPOUND_MAGIC):
        return _compound_file(data)
    if data.startswith(_OTHER_MAGICS):
        return file_error(gettext_noop("Dit is geen CSV en geen Excel-bestand."), _save_as())
    return None


def _compound_file(data: bytes) -> RowError:
    if _ENCRYPTED in data:
        return file_error(
            gettext_noop("Het Excel-bestand is beveiligd met een wachtwoord. Meedoen kan het daarom niet openen."),
            gettext_noop(
                "Verwacht: een bestand zonder wachtwoord. Open het in Excel, haal het wachtwoord weg (Bestand, Info, "
                "Werkmap beveiligen) en upload het opnieuw, of sla het op als CSV UTF-8."
            ),
        )
    return file_error(
        gettext_noop("Dit is een ouder Excel-bestand (.xls) of een ander ouder Office-bestand."),
        gettext_noop("Verwacht: een Excel-werkmap (.xlsx) of een CSV. Open het in Excel en sla het op als .xlsx."),
    )


def _save_as() -> str:
    return gettext_noop(
        "Verwacht: een CSV (tekst, gescheiden door komma's) of een Excel-werkmap (.xlsx). Sla het bestand in Excel "
        "of LibreOffice op als „CSV UTF-8” of als Excel-werkmap (.xlsx)."
    )


def _text(data: bytes) -> str:
    """The bytes as text; refused when no encoding a spreadsheet program writes fits them."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                raise FileRefused([_unreadable_characters()]) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Part UTF-8 and part something else (rows pasted from two files): no single reading is right.
    if _UTF8_SEQUENCE.search(data):
        raise FileRefused([_unreadable_characters()])
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileRefused([_unreadable_characters()]) from None


def _unreadable_characters() -> RowError:
    return file_error(
        gettext_noop(
            "De letters en tekens in het bestand zijn niet te lezen. Het is opgeslagen in een onbekende tekenset."
        ),
        gettext_noop(
            "Verwacht: UTF-8. Sla het bestand in Excel of LibreOffice op als „CSV UTF-8” of als Excel-werkmap (.xlsx)."
        ),
    )


def _control_character(row: int) -> RowError:
    return line_error(
        row,
        gettext_noop(
            "In deze rij staan tekens die niet in een CSV horen. Misschien is het geen CSV, of is het beschadigd."
        ),
        gettext_noop(
            "Verwacht: gewone tekst. Sla het bestand in Excel of LibreOffice opnieuw op als „CSV UTF-8” of als .xlsx."
        ),
    )


def _csv_problem(message: str, row: int) -> RowError:
    """The csv module's error (English, for programmers) as a message for the user."""
    if "field limit" in message:
        return line_error(
            row,
            gettext_noop("Een cel in deze rij is te lang: meer dan %(limit)s tekens."),
            gettext_noop(
                'Verwacht: korte cellen. Meestal staat er een aanhalingsteken (") dat niet is afgesloten: dan '
                "loopt de cel door tot ver in het bestand. Zet een aanhalingsteken aan het eind van de cel."
            ),
            limit=csv.field_size_limit(),
        )
    if "unexpected end of data" in message:
        return line_error(
            row,
            gettext_noop('In deze rij begint een cel met een aanhalingsteken (") dat niet is afgesloten.'),
            gettext_noop("Verwacht: een aanhalingsteken aan het eind van de cel, of geen aanhalingsteken."),
        )
    if "expected after" in message:
        return line_error(
            row,
            gettext_noop('In deze rij staat tekst na een aanhalingsteken (") dat een cel afsluit.'),
            gettext_noop(
                "Verwacht: de hele cel tussen aanhalingstekens. Een aanhalingsteken in de tekst schrijft u dubbel "
                '(""). Of sla het bestand opnieuw op vanuit Excel of LibreOffice.'
            ),
        )
    return line_error(
        row,
        gettext_noop("Deze rij is niet te lezen als CSV."),
        gettext_noop(
            "Verwacht: een gewone CSV. Sla het bestand in Excel of LibreOffice opnieuw op als „CSV UTF-8” of als .xlsx."
        ),
    )


def _sheet_rows(data: bytes) -> list[list[str]]:
    """The first sheet of an XLSX, refused with a message when the zip is something else or damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            kind = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:  # a damaged zip raises many kinds (BadZipFile, EOFError, zlib.error, ...)
        raise FileRefused([_damaged_workbook()]) from None
    if "xl/workbook.xml" not in names:
        raise FileRefused([_not_a_workbook(kind)])
    return _workbook_rows(data)


def _workbook_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            sheet = workbook.worksheets[0]
            return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileRefused([_damaged_workbook()]) from None


def _damaged_workbook() -> RowError:
    return file_error(
        gettext_noop("Het Excel-bestand is beschadigd of niet helemaal geüpload. Meedoen kan het niet openen."),
        gettext_noop(
            "Verwacht: een heel XLSX-bestand. Open het in Excel of LibreOffice, sla het opnieuw op en upload het dan."
        ),
    )


def _not_a_workbook(kind: bytes) -> RowError:
    if kind.startswith(b"application/vnd.oasis.opendocument"):
        return file_error(
            gettext_noop("Dit is een OpenDocument-bestand (ODS) uit LibreOffice of OpenOffice."),
            gettext_noop("Verwacht: XLSX of CSV. Kies in LibreOffice Opslaan als en dan Excel 2007-365 (.xlsx)."),
        )
    return file_error(
        gettext_noop("Dit is een zip-bestand, maar geen Excel-bestand (XLSX)."),
        gettext_noop("Verwacht: een XLSX of een CSV. Pak het zip-bestand uit en upload het bestand dat erin zit."),
    )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _empty_file() -> RowError:
    return file_error(
        gettext_noop("Het bestand is leeg."), gettext_noop("Verwacht: een kopregel met de kolommen en daaronder rijen.")
    )
