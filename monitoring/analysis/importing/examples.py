"""The templates to fill in: the headers of a format and three example rows, as CSV or XLSX. Pure.

The examples use real CBS codes of Delft and plausible figures, and indicator codes that start with
`voorbeeld-`: a file that still holds one is refused (checks.example_row), so an example is never
imported as a figure by mistake.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from monitoring.analysis.importing.catalogue import INDICATOR_OPTIONAL, INDICATOR_REQUIRED
from monitoring.analysis.importing.checks import EXAMPLE_PREFIX
from monitoring.analysis.importing.long_format import HEADERS


def _observation_columns() -> dict[str, str]:
    return {
        "indicator": _("Verplicht. De code van de indicator uit de indicatorcatalogus, zoals eenzaam."),
        "area": _(
            "Verplicht. De CBS-code van het gebied, zoals GM0503 (de gemeente) of WK050325 (een wijk). "
            "Alle codes staan op de pagina Gebiedscodes."
        ),
        "period": _(
            "Verplicht. Een jaar (2024), een kwartaal (2024-Q2), een maand (2024-03) of een meetronde (2023/2024)."
        ),
        "category": _("Mag leeg. Een groep binnen het gebied, zoals 65+."),
        "value": _("Verplicht. Het cijfer, met een komma of een punt voor de decimalen."),
        "n": _("Mag leeg. Over hoeveel mensen het cijfer gaat. Is de groep te klein, dan wordt het bestand geweigerd."),
        "ci_low": _("Mag leeg. De ondergrens van het betrouwbaarheidsinterval."),
        "ci_high": _("Mag leeg. De bovengrens van het betrouwbaarheidsinterval."),
        "benchmark": _("Mag leeg. Een cijfer om mee te vergelijken, zoals dat van Nederland."),
    }


def _catalogue_columns() -> dict[str, str]:
    return {
        "code": _("Verplicht. Een korte code met letters, cijfers, - of _, zonder spaties."),
        "name": _("Verplicht. De naam van de indicator."),
        "unit": _("Verplicht. Een van: percentage, aantal, per_1000, euro, gemiddelde."),
        "polarity": _("Verplicht. Een van: higher_is_better, higher_is_worse, neutral."),
        "source": _("Verplicht. De naam van de bron. Een nieuwe bron mag pas na goedkeuring gekoppeld worden."),
        "themes": _("Mag leeg. Namen of korte namen van thema's, gescheiden door |."),
        "definition": _("Verplicht. Wat de indicator precies meet."),
        "name_en": _("Mag leeg. De naam in het Engels."),
        "periodicity": _("Mag leeg. Een van: maand, kwartaal, jaar, tweejaarlijks, onregelmatig."),
        "lowest_level": _("Mag leeg. Het laagste gebiedsniveau, een van: land, gemeente, wijk, buurt."),
        "owner": _("Mag leeg. Wie de cijfers levert."),
        "reference": _("Mag leeg. Waar de cijfers vandaan komen, zoals een CBS-tabel."),
    }


@dataclass(frozen=True)
class Template:
    file_name: str  # without its extension
    headers: list[str]
    examples: list[list[object]]
    text_columns: tuple[str, ...]  # kept as text in the XLSX, so Excel does not make 2024-03 a date
    columns_explained: Callable[[], dict[str, str]]  # in the active language


OBSERVATIONS = Template(
    "meedoen-sjabloon-waarnemingen",
    HEADERS,
    [
        [f"{EXAMPLE_PREFIX}eenzaam", "GM0503", "2024", "", 46.5, 3120, 44.7, 48.3, 49.1],
        [f"{EXAMPLE_PREFIX}eenzaam", "WK050325", "2024", "65+", 52.8, 410, 47.9, 57.6, None],
        [f"{EXAMPLE_PREFIX}wmo-per-1000", "WK050311", "2024-Q2", "", 61.3, None, None, None, None],
    ],
    ("indicator", "area", "period", "category"),
    _observation_columns,
)

CATALOGUE = Template(
    "meedoen-sjabloon-indicatoren",
    INDICATOR_REQUIRED + INDICATOR_OPTIONAL,
    [
        [
            f"{EXAMPLE_PREFIX}eenzaam",
            "Voorbeeld: eenzaam",
            "percentage",
            "higher_is_worse",
            "GGD Haaglanden",
            "eenzaamheid|sociale-contacten",
            "Voorbeeld: percentage volwassenen (18+) dat zich matig of ernstig eenzaam voelt.",
            "Example: lonely",
            "tweejaarlijks",
            "wijk",
            "GGD Haaglanden",
            "Gezondheidsmonitor Volwassenen en Ouderen",
        ],
        [
            f"{EXAMPLE_PREFIX}wmo-per-1000",
            "Voorbeeld: inwoners met Wmo-ondersteuning per 1.000",
            "per_1000",
            "neutral",
            "Gemeente Delft, Wmo-registratie",
            "voor-jezelf-zorgen",
            "Voorbeeld: inwoners met een Wmo-voorziening per 1.000 inwoners, op de laatste dag van het kwartaal.",
            "Example: residents with Wmo support per 1,000",
            "kwartaal",
            "wijk",
            "Gemeente Delft, team Onderzoek",
            "",
        ],
        [
            f"{EXAMPLE_PREFIX}inwoners",
            "Voorbeeld: inwoners",
            "aantal",
            "neutral",
            "CBS",
            "",
            "Voorbeeld: aantal inwoners op 1 januari.",
            "Example: residents",
            "jaar",
            "wijk",
            "CBS",
            "Kerncijfers wijken en buurten (85984NED)",
        ],
    ],
    ("code", "name", "source", "themes", "definition", "name_en", "owner", "reference"),
    _catalogue_columns,
)


def template_csv(template: Template) -> bytes:
    """UTF-8 with a byte order mark, so Excel shows ë and € right; numbers with a decimal point."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(template.headers)
    writer.writerows([["" if cell is None else cell for cell in row] for row in template.examples])
    return ("\ufeff" + out.getvalue()).encode()


def template_xlsx(template: Template) -> bytes:
    """The first sheet to fill in (the one an upload reads); a second sheet explains each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Gegevens")
    sheet.append(template.headers)
    for row in template.examples:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    _text_columns(sheet, template)
    _explanation_sheet(book.create_sheet(_("Uitleg")), template)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_columns(sheet, template: Template) -> None:
    """Wide enough columns; the text columns formatted as text, for the rows typed later too."""
    from openpyxl.utils import get_column_letter

    for index, header in enumerate(template.headers, start=1):
        column = sheet.column_dimensions[get_column_letter(index)]
        column.width = max(12, len(header) + 4)
        if header not in template.text_columns:
            continue
        column.width = 24
        column.number_format = "@"
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.number_format = "@"
            cell.data_type = "s"  # text stays text, even if it looks like a number or a formula


def _explanation_sheet(sheet, template: Template) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append([_("Kolom"), _("Wat erin staat")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    explained = template.columns_explained()
    for header in template.headers:
        sheet.append([header, explained.get(header, "")])
    sheet.append([])
    sheet.append(
        [
            "",
            _(
                "De rijen die met voorbeeld- beginnen, zijn voorbeelden. Haal ze weg of vervang ze door uw eigen "
                "rijen; een bestand met een voorbeeldrij wordt geweigerd. Alleen het eerste blad wordt gelezen."
            ),
        ]
    )
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 100
    for row in sheet.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
