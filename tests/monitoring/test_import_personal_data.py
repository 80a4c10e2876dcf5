"""Personal data in any text cell of an import file refuses the whole file, for every format.

The privacy officer found a long-format row whose category held a name, a BSN, an address and a
phone number: it was imported and every member saw it on the indicator page. The personal-data
guard now reads every cell the import would store or show; the message names the row, the column
and the kind of data, never the data itself.
"""

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from monitoring.analysis.importing import FileRefused, read_long
from monitoring.analysis.importing import files as import_files
from monitoring.analysis.importing.personal_data import MAX_MESSAGES
from monitoring.models import Import, Indicator, Observation, Upload
from monitoring.services import indicators_import, observations_import
from signals.guard import Finding, Kind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("delft", "lonely_indicator", "cbs_indicators")]

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
CBS_HEADER = '"ID";"WijkenEnBuurten";"Perioden";"Geslacht";"AantalInwoners_5"\n'
CATALOGUE_HEADER = "code,name,unit,polarity,source,themes,definition,owner\n"
CATALOGUE_ROW = '{code},{name},percentage,higher_is_worse,GGD,Eenzaamheid,"{definition}",GGD Haaglanden\n'

# What the privacy officer found in one category cell, one kind at a time, and how the message names it.
PERSONAL = {
    "name": ("Fatima El Amrani", "Mogelijk een naam."),
    "bsn": ("123456782", "Mogelijk een burgerservicenummer (BSN)."),
    "address": ("Molenstraat 12", "Mogelijk een adres."),
    "phone": ("06-12345678", "Mogelijk een telefoonnummer."),
}
ADVICE = "Haal persoonsgegevens uit het bestand en upload het opnieuw."


def long_csv(category: str = "65+") -> bytes:
    return (HEADER + "eenzaam,WK050325,2016,,46,120,,,\n" + f'eenzaam,GM0503,2016,"{category}",38,200,,,\n').encode()


def long_xlsx(category: str = "65+") -> bytes:
    workbook = Workbook()
    for row in (
        HEADER.strip().split(","),
        ["eenzaam", "WK050325", 2016, None, 46, 120],
        ["eenzaam", "GM0503", 2016, category, 38, 200],
    ):
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def cbs_csv(category: str = "Vrouwen") -> bytes:
    return (
        CBS_HEADER + '0;"GM0503    ";"2024JJ00";"Mannen";54000\n' + f'1;"WK050325  ";"2024JJ00";"{category}";7000\n'
    ).encode()


def catalogue_csv(definition: str = "% eenzaam") -> bytes:
    rows = CATALOGUE_ROW.format(code="a", name="Eenzaam", definition="% eenzaam")
    rows += CATALOGUE_ROW.format(code="b", name="Vaak eenzaam", definition=definition)
    return (CATALOGUE_HEADER + rows).encode()


def import_long(data: bytes, **kwargs):
    return observations_import(data=data, file_name="cijfers.csv", **kwargs)


def import_cbs(data: bytes, **kwargs):
    mapping = {"AantalInwoners_5": "inwoners"}
    return observations_import(
        data=data, file_name="cbs.csv", fmt="cbs", mapping=mapping, category_column="Geslacht", **kwargs
    )


def import_catalogue(data: bytes, **kwargs):
    return indicators_import(data=data, file_name="catalogus.csv", **kwargs)


# Each import format: how to build a file with a text cell, how to import it, where that cell is.
FORMATS = {
    "long": (long_csv, import_long, "rij 3, kolom category"),
    "long-xlsx": (long_xlsx, import_long, "rij 3, kolom category"),
    "cbs": (cbs_csv, import_cbs, "rij 3, kolom Geslacht"),
    "catalogue": (catalogue_csv, import_catalogue, "rij 3, kolom definition"),
}


def nothing_stored() -> bool:
    indicators = set(Indicator.objects.values_list("code", flat=True))
    return (
        not Observation.objects.exists()
        and not Import.objects.exists()
        and indicators == {"eenzaam", "inwoners", "dichtheid"}  # the fixtures' only
    )


def refusal(importer, data: bytes) -> list[str]:
    with pytest.raises(FileRefused) as refused:
        importer(data)
    assert nothing_stored()
    return [str(e) for e in refused.value.errors]


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


@pytest.mark.parametrize("kind", PERSONAL)
@pytest.mark.parametrize("fmt", FORMATS)
def test_personal_data_in_a_text_cell_refuses_the_file_naming_row_and_column(fmt, kind):
    build, importer, where = FORMATS[fmt]
    value, problem = PERSONAL[kind]
    messages = refusal(importer, build(value))
    assert f"{where}: {problem} {ADVICE}" in messages


@pytest.mark.parametrize("kind", PERSONAL)
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_message_holds_no_personal_data(fmt, kind):
    build, importer, _where = FORMATS[fmt]
    value, _problem = PERSONAL[kind]
    messages = " ".join(refusal(importer, build(value)))
    assert value not in messages
    assert not digits(value) or digits(value) not in digits(messages)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_clean_file_still_imports(fmt):
    build, importer, _where = FORMATS[fmt]
    assert importer(build()).created == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_privacy_officers_cell_with_everything_at_once_is_refused(fmt):
    build, importer, where = FORMATS[fmt]
    everything = "Fatima El Amrani, BSN 123456782, Molenstraat 12, tel. 06-12345678"
    messages = refusal(importer, build(everything))
    found = next(m for m in messages if m.startswith(where))
    for phrase in ("een naam", "een burgerservicenummer (BSN)", "een adres", "een telefoonnummer"):
        assert phrase in found
    shown = " ".join(messages)
    assert not any(part in shown for part in ("Fatima", "Amrani", "Molenstraat", "123456782", "12345678"))


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("eenzaam,GM0503,2016,,123456782,200,,,", "value"),  # a BSN that reads as a figure
        ("eenzaam,GM0503,2016,,46,123456782,,,", "n"),  # ... or as a sample size
        ("eenzaam,GM0503,2016,,0612345678,200,,,", "value"),  # a phone number that reads as a figure
        ("eenzaam,Fatima El Amrani,2016,,46,200,,,", "area"),  # would have been quoted as an unknown area
        ("eenzaam,GM0503,2016,,Jan de Vries,200,,,", "value"),  # would have been quoted as not a number
    ],
)
def test_numbers_and_codes_are_scanned_too_and_never_quoted(row, column):
    messages = refusal(import_long, (HEADER + row + "\n").encode())
    assert messages[0].startswith(f"rij 2, kolom {column}: Mogelijk")
    assert not any(part in " ".join(messages) for part in ("123456782", "0612345678", "Fatima", "Jan de Vries"))


def test_figures_that_are_no_bsn_or_phone_number_pass():
    data = HEADER + "eenzaam,GM0503,2016,,123456789,200,,,\neenzaam,WK050325,2016,,46,1234567,,,\n"
    assert import_long(data.encode()).created == 2  # 123456789 fails the BSN's 11-test


def test_other_text_cells_of_the_catalogue_are_scanned():
    data = (CATALOGUE_HEADER + CATALOGUE_ROW.format(code="a", name="Eenzaam", definition="% eenzaam")).encode()
    data = data.replace(b"GGD Haaglanden", b'"Jan de Vries, 06-12345678"')
    messages = refusal(import_catalogue, data)
    assert messages[0].startswith("rij 2, kolom owner: Mogelijk een naam, een telefoonnummer.")


def test_a_soft_hint_does_not_refuse_the_file(monkeypatch):
    def scan(text, **kwargs):
        return [Finding(0, len(text), Kind.RECOGNISABLE, text)] if "de enige" in text else []

    monkeypatch.setattr("signals.guard.scan", scan)
    summary = import_long(long_csv("de enige met een rolstoel in de wijk"))
    assert summary.created == 2
    assert Observation.objects.filter(category="de enige met een rolstoel in de wijk").exists()


def test_a_hard_finding_from_the_scan_refuses(monkeypatch):
    """The import uses the guard's scan as it is at the time, so the guard's rules are the import's."""

    def scan(text, **kwargs):
        return [Finding(0, len(text), Kind.LICENCE_PLATE, text)] if text == "65+" else []

    monkeypatch.setattr("signals.guard.scan", scan)
    assert "rij 3, kolom category: Mogelijk een kenteken. " + ADVICE in refusal(import_long, long_csv("65+"))


def test_a_phone_number_in_full_width_digits_is_refused():
    messages = refusal(import_long, long_csv("０６-１２３４５６７８"))
    assert "rij 3, kolom category: Mogelijk een telefoonnummer. " + ADVICE in messages


def test_each_distinct_value_is_scanned_once():
    scanned = []

    def scan(text):
        scanned.append(text)
        return []

    rows = "".join(f"eenzaam,GM0503,{1980 + i},{'mannen' if i % 2 else 'vrouwen'},46,200,,,\n" for i in range(40))
    read_long((HEADER + rows).encode(), known_indicators={"eenzaam"}, known_areas={"GM0503"}, min_cell=10, scan=scan)
    assert sorted(scanned) == sorted(set(scanned))  # 40 rows, 6 columns filled: 45 distinct values
    assert set(scanned) == {"eenzaam", "GM0503", "mannen", "vrouwen", "46", "200"} | {str(1980 + i) for i in range(40)}


def test_the_messages_are_capped_and_the_rest_counted():
    rows = "".join(f"eenzaam,GM0503,{1900 + i},Jan de Vries,46,200,,,\n" for i in range(MAX_MESSAGES + 30))
    messages = refusal(import_long, (HEADER + rows).encode())
    assert len(messages) == MAX_MESSAGES + 1
    assert messages[-1] == "bestand: En nog 30 cellen met mogelijk persoonsgegevens. " + ADVICE


def test_personal_data_comes_first_among_other_problems():
    data = HEADER + "eenzaam,GM0503,2016,,veel,200,,,\neenzaam,GM0503,2017,Jan de Vries,46,200,,,\n"
    messages = refusal(import_long, data.encode())
    assert messages[0].startswith("rij 3, kolom category: Mogelijk een naam.")
    assert any(m.startswith("rij 2, kolom value:") for m in messages[1:])


def test_the_command_prints_the_place_not_the_data(tmp_path):
    path = tmp_path / "cijfers.csv"
    path.write_bytes(long_csv("Fatima El Amrani"))
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("import_observations", str(path), stdout=io.StringIO(), stderr=err)
    assert "rij 3, kolom category: Mogelijk een naam." in err.getvalue()
    assert "Fatima" not in err.getvalue()


def test_a_large_upload_checked_in_the_background_is_refused_with_progress_and_stores_nothing(
    coordinator_client, settings, eager_celery, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    settings.IMPORT_BACKGROUND_BYTES = 0
    monkeypatch.setattr(import_files, "PROGRESS_EVERY", 1)
    reported = []
    monkeypatch.setattr(Upload, "progress_set", lambda self, percent: reported.append(percent))
    rows = "".join(f"eenzaam,GM0503,{1900 + i},,46,200,,,\n" for i in range(20))
    data = (HEADER + rows + 'eenzaam,WK050325,2016,"Molenstraat 12, tel. 06-12345678",46,200,,,\n').encode()
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True) as queued:
        page = coordinator_client.post(
            reverse("monitoring:upload"),
            {"format": "long", "file": SimpleUploadedFile("cijfers.csv", data)},
            follow=True,
        )
    assert len(queued) == 1  # handed to the worker
    upload = Upload.objects.get()
    assert upload.status == Upload.Status.REFUSED
    # Stored untranslated (a message id and its values), so each reader sees it in their language.
    assert upload.errors[0] == {
        "row": 22,
        "column": "category",
        "problem": {
            "id": "Mogelijk %(kinds)s.",
            "values": {"kinds": [{"id": "een adres"}, {"id": "een telefoonnummer"}]},
        },
        "expected": {"id": ADVICE},
    }
    assert reported and reported == sorted(reported)  # the bar moved forward while the file was read
    assert nothing_stored()
    shown = coordinator_client.get(reverse("monitoring:upload_detail", args=[upload.pk])).content.decode()
    assert "Mogelijk een adres, een telefoonnummer." in shown
    for text in (shown, page.content.decode(), caplog.text):
        assert "Molenstraat" not in text and "12345678" not in text


def test_a_formula_keeps_its_own_message_and_the_rest_of_its_row_is_still_scanned():
    data = HEADER + 'eenzaam,GM0503,2016,"Jan de Vries",=HYPERLINK(1),200,,,\n'
    messages = refusal(import_long, data.encode())
    assert messages[0].startswith("rij 2, kolom category: Mogelijk een naam.")
    assert not any("kolom value: Mogelijk" in m for m in messages)


def test_a_cbs_file_has_no_formula_check_so_a_formula_there_is_scanned():
    assert "rij 3, kolom Geslacht: Mogelijk een naam. " + ADVICE in refusal(import_cbs, cbs_csv("=Fatima El Amrani"))


def test_a_file_refused_for_personal_data_is_not_kept_and_cannot_be_mapped_again(coordinator_client):
    """A refused upload waits a week for the clean-up; one refused for personal data keeps none of it."""
    data = cbs_csv("Fatima El Amrani")
    coordinator_client.post(reverse("monitoring:upload"), {"format": "cbs", "file": SimpleUploadedFile("x.csv", data)})
    upload = Upload.objects.get()
    mapping = reverse("monitoring:upload_mapping", args=[upload.pk])
    page = coordinator_client.post(mapping, {"kolom_0": "inwoners", "kolom_1": ""}, follow=True)
    upload.refresh_from_db()
    assert upload.status == Upload.Status.REFUSED
    assert bytes(upload.data) == b""
    assert mapping not in page.content.decode()  # no "Koppeling aanpassen" without a file
    assert coordinator_client.get(mapping).status_code == 302


def test_a_file_refused_for_another_reason_keeps_its_bytes_for_a_new_mapping(coordinator_client):
    data = cbs_csv("Vrouwen").replace(b";7000", b";veel")
    coordinator_client.post(reverse("monitoring:upload"), {"format": "cbs", "file": SimpleUploadedFile("x.csv", data)})
    upload = Upload.objects.get()
    mapping = reverse("monitoring:upload_mapping", args=[upload.pk])
    coordinator_client.post(mapping, {"kolom_0": "inwoners", "kolom_1": ""})
    upload.refresh_from_db()
    assert upload.status == Upload.Status.REFUSED and bytes(upload.data)
    assert coordinator_client.get(mapping).status_code == 200
