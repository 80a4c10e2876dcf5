"""Every kind of file the readers cannot read gets a clear Dutch message that says what to do,
never an error page or "probeer het later": retrying the same file cannot help."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from monitoring.analysis.importing import FileRefused, cbs_columns, read_cbs, read_indicators, read_long
from monitoring.models import Import, Observation, Upload

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark"
ROW = "eenzaam,WK050325,2016,,46,120,40,52,43"
CATALOGUE_HEADER = "code,name,unit,polarity,source,themes,definition"
CBS_HEADER = '"ID";"WijkenEnBuurten";"Perioden";"AantalInwoners_5"'


def no_personal_data(_text):
    return []


def long_file(data: bytes):
    return read_long(
        data, known_indicators={"eenzaam"}, known_areas={"GM0503", "WK050325"}, min_cell=10, scan=no_personal_data
    )


def catalogue_file(data: bytes):
    return read_indicators(data, choices={}, themes={}, scan=no_personal_data)


def cbs_file(data: bytes):
    return read_cbs(
        data,
        mapping={"AantalInwoners_5": "inwoners"},
        known_indicators={"inwoners"},
        known_areas={"GM0503"},
        scan=no_personal_data,
    )


def refusal(reader, data: bytes) -> list:
    with pytest.raises(FileRefused) as refused:
        reader(data)
    return refused.value.errors


def xlsx(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def a_zip(**files: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in files.items():
            archive.writestr(name.replace("__", "/"), text)
    return out.getvalue()


# A compound file (the container of an old .xls and of a password-protected Office file).
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_XLSX = CFB_MAGIC + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 200
OLD_XLS = CFB_MAGIC + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 200
GOOD_XLSX = xlsx(HEADER.split(","), ["eenzaam", "WK050325", 2016, None, 46, 120, 40, 52, 43])

# What a file is, what the reader must say about it (a part of the problem) and a part of the advice.
UNREADABLE = {
    "a NUL byte": ((HEADER + "\n" + ROW + "\x00\n").encode(), "tekens die niet in een CSV horen", "CSV UTF-8"),
    "a cell past the field limit": (
        (HEADER + "\neenzaam,WK050325,2016," + "x" * 200_000 + ",46,,,,\n").encode(),
        "te lang",
        "aanhalingsteken",
    ),
    "an unbalanced quote": (
        (HEADER + '\neenzaam,WK050325,2016,"65+,46,120,,,\n' + ROW + "\n").encode(),
        "niet is afgesloten",
        "aanhalingsteken",
    ),
    "text after a closing quote": (
        (HEADER + '\neenzaam,WK050325,2016,"65"+,46,120,,,\n').encode(),
        "na een aanhalingsteken",
        "aanhalingstekens",
    ),
    "neither UTF-8 nor Windows-1252": (
        (HEADER + "\neenzaam,WK050325,2016,caf\x81,46,120,,,\n").encode("latin-1"),
        "tekens",
        "CSV UTF-8",
    ),
    "UTF-8 mixed with another encoding": (
        (HEADER + "\neenzaam,WK050325,2016,café,46,120,,,\n").encode() + b"eenzaam,GM0503,2016,caf\xe9,46,120,,,\n",
        "tekens",
        "CSV UTF-8",
    ),
    "a corrupt XLSX": (GOOD_XLSX[: len(GOOD_XLSX) // 2], "beschadigd", "opnieuw op"),
    "a password-protected XLSX": (ENCRYPTED_XLSX, "wachtwoord", "zonder wachtwoord"),
    "an old XLS": (OLD_XLS, ".xls", ".xlsx"),
    "a zip that is no XLSX": (a_zip(readme__txt="hallo"), "zip", "XLSX"),
    "an OpenDocument spreadsheet": (
        a_zip(mimetype="application/vnd.oasis.opendocument.spreadsheet", content__xml="<x/>"),
        "ODS",
        "XLSX",
    ),
    "a PDF": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\x00\x00endobj\n", "geen CSV", "XLSX"),
    "an empty file": (b"  \r\n ", "leeg", "kopregel"),
    "only the header": ((HEADER + "\r\n").encode(), "geen rijen", "onder de kopregel"),
    "an XLSX with only the header": (xlsx(HEADER.split(",")), "geen rijen", "onder de kopregel"),
    "semicolons": ((HEADER.replace(",", ";") + "\n" + ROW.replace(",", ";") + "\n").encode(), "puntkomma", "komma"),
    "tabs": ((HEADER.replace(",", "\t") + "\n" + ROW.replace(",", "\t") + "\n").encode(), "tabs", "komma"),
}


@pytest.mark.parametrize("kind", UNREADABLE)
def test_an_unreadable_long_format_file_says_what_is_wrong_and_what_to_do(kind):
    data, problem, advice = UNREADABLE[kind]
    errors = refusal(long_file, data)
    assert any(problem.lower() in e.problem.lower() for e in errors), [str(e) for e in errors]
    assert any(advice.lower() in e.expected.lower() for e in errors), [str(e) for e in errors]
    assert all(e.expected for e in errors)
    assert not any("later" in str(e) for e in errors)


@pytest.mark.parametrize(
    "kind",
    ["a NUL byte", "an unbalanced quote", "a corrupt XLSX", "a password-protected XLSX", "a zip that is no XLSX"],
)
def test_the_catalogue_reader_says_the_same_about_an_unreadable_file(kind):
    data, problem, _advice = UNREADABLE[kind]
    data = data.replace(HEADER.encode(), CATALOGUE_HEADER.encode())
    assert any(problem.lower() in e.problem.lower() for e in refusal(catalogue_file, data))


def test_a_catalogue_separated_by_semicolons_says_so():
    errors = refusal(catalogue_file, (CATALOGUE_HEADER.replace(",", ";") + "\na;b;c;d;e;f;g\n").encode())
    assert "puntkomma" in errors[0].problem and "komma" in errors[0].expected


def test_a_cbs_file_with_an_unbalanced_quote_or_a_nul_byte_is_refused_not_an_error():
    unbalanced = (CBS_HEADER + '\n0;"GM0503    ;2024JJ00;109577\n').encode()
    assert "niet is afgesloten" in refusal(cbs_file, unbalanced)[0].problem
    nul = (CBS_HEADER + '\n0;"GM0503    ";"2024JJ00";109\x00577\n').encode()
    assert "tekens die niet in een CSV horen" in refusal(cbs_file, nul)[0].problem
    with pytest.raises(FileRefused):
        cbs_columns(('"ID";"' + "x" * 200_000 + '"\n').encode())


def test_a_comma_separated_file_chosen_as_cbs_says_it_has_commas():
    errors = refusal(cbs_columns, (HEADER + "\n" + ROW + "\n").encode())
    assert "komma" in errors[0].problem and "lang formaat" in errors[0].expected


def test_a_cbs_file_with_only_its_header_has_no_rows():
    assert "geen rijen" in refusal(cbs_file, (CBS_HEADER + "\n").encode())[0].problem


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ((HEADER + "\n" + ROW + "\n").encode("utf-16"), "UTF-16 with a byte order mark, as Excel's Unicode text"),
        ((HEADER + "\r" + ROW + "\r").encode(), "old Mac line ends"),
        ((HEADER + "\r\n" + ROW.replace(",,", ",Zoë,", 1) + "\r\n").encode("cp1252"), "Windows-1252"),
        (("\ufeff" + HEADER + "\n" + ROW + "\n").encode(), "UTF-8 with a byte order mark"),
        (GOOD_XLSX, "an XLSX"),
    ],
)
def test_files_that_can_be_read_are_read(data, why):
    assert len(long_file(data)) == 1, why


# Through the pages: refused, shown, nothing stored, never a failure.

with_figures = pytest.mark.usefixtures("delft", "lonely_indicator")


def upload(client, data: bytes, fmt: str = "long", name: str = "cijfers.csv"):
    file = SimpleUploadedFile(name, data)
    return client.post(reverse("monitoring:upload"), {"format": fmt, "file": file}, follow=True)


@pytest.mark.django_db
@with_figures
@pytest.mark.parametrize("kind", UNREADABLE)
def test_an_unreadable_upload_is_refused_with_its_message_and_stores_nothing(coordinator_client, kind):
    data, problem, advice = UNREADABLE[kind]
    page = upload(coordinator_client, data)
    text = page.content.decode()
    assert page.status_code == 200
    assert Upload.objects.get().status == Upload.Status.REFUSED
    assert problem.lower() in text.lower() and advice.lower() in text.lower()
    assert "later" not in text
    assert not Observation.objects.exists() and not Import.objects.exists()


@pytest.mark.django_db
@with_figures
@pytest.mark.parametrize(
    "data",
    [
        ('"ID";"' + "x" * 200_000 + '"\n').encode(),
        b'"ID";"WijkenEnBuurten";"Perioden\n0;GM0503;2024JJ00\n',
        b"\xff\xfe\x00\x00garbage\x00",
    ],
)
def test_an_unreadable_cbs_file_gets_a_message_in_the_form_or_the_check(coordinator_client, data):
    page = upload(coordinator_client, data, fmt="cbs")
    assert page.status_code == 200
    upload_row = Upload.objects.first()
    assert upload_row is None or upload_row.status != Upload.Status.FAILED


@pytest.mark.django_db
def test_a_failure_of_the_app_itself_does_not_tell_the_user_to_try_again_later(coordinator_client, coordinator):
    failed = Upload.objects.create(
        uploaded_by=coordinator, file_name="x.csv", data=b"", size=0, format="long", status=Upload.Status.FAILED
    )
    text = coordinator_client.get(reverse("monitoring:upload_detail", args=[failed.pk])).content.decode()
    assert "Probeer het later" not in text and "later" not in text
    assert "beheerder" in text and str(failed.pk) in text
