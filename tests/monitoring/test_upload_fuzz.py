"""Whatever bytes come in, the file readers refuse them with their own error or read them:
never another exception, which the upload page would show as a failure of the app."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitoring.analysis.importing import FileRefused, cbs_columns, read_cbs, read_indicators, read_long

HEADER = "indicator,area,period,category,value,n,ci_low,ci_high,benchmark\n"
CATALOGUE_HEADER = "code,name,unit,polarity,source,themes,definition\n"
CBS_HEADER = '"ID";"WijkenEnBuurten";"Perioden";"AantalInwoners_5"\n'


def no_personal_data(_text):
    return []


def read_all(data: bytes) -> None:
    """Every reader on the same bytes: each refuses them or reads them."""
    readers = [
        lambda: read_long(
            data, known_indicators={"eenzaam"}, known_areas={"GM0503", "WK050325"}, min_cell=10, scan=no_personal_data
        ),
        lambda: read_indicators(
            data, choices={"unit": {"percentage"}}, themes={"eenzaamheid": 1}, scan=no_personal_data
        ),
        lambda: read_cbs(
            data,
            mapping={"AantalInwoners_5": "inwoners"},
            known_indicators={"inwoners"},
            known_areas={"GM0503"},
            scan=no_personal_data,
        ),
        lambda: cbs_columns(data),
    ]
    for read in readers:
        try:
            read()
        except FileRefused as refused:
            assert refused.errors and all(error.problem for error in refused.errors)


# The characters that trouble a CSV reader, and some text around them.
csv_text = st.lists(
    st.sampled_from([*",;\t\"'\n\r\x00\x1a=+-.@ €ë", "a", "1", "GM0503", "WK050325", "2016", "eenzaam"]), max_size=150
).map("".join)
fuzz = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(st.binary(max_size=2000))
def test_random_bytes_are_refused_or_read(data):
    read_all(data)


@fuzz
@given(
    st.sampled_from(["", "\ufeff", HEADER, CATALOGUE_HEADER, CBS_HEADER]),
    csv_text,
    st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_random_csv_text_is_refused_or_read(header, text, encoding):
    read_all((header + text).encode(encoding, errors="replace"))


@fuzz
@given(
    st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xfe", b"\xef\xbb\xbf"]),
    st.binary(max_size=500),
)
def test_random_bytes_behind_a_known_signature_are_refused_or_read(signature, rest):
    read_all(signature + rest)


@pytest.mark.parametrize("size", [1, 1000])
def test_random_cells_in_a_real_xlsx_are_refused_or_read(size):
    import io
    import random

    from openpyxl import Workbook

    chance = random.Random(size)
    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    for _row in range(size):
        book.active.append([chance.choice([None, 0.5, -1, 1e300, "x", "=1+1", "2016"]) for _ in range(12)])
    out = io.BytesIO()
    book.save(out)
    read_all(out.getvalue())
