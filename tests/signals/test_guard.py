"""The personal-data guard on single cases. The corpus test measures it on many notes."""

import pytest

from signals.guard import Kind, replace_findings, scan
from signals.guard.patterns import bsn_is_valid, iban_is_valid


def kinds(text):
    return [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BSN 2345.67.892 staat op de brief.", [(Kind.BSN, "2345.67.892")]),
        ("Bel +31 6 12345678 na vijven.", [(Kind.PHONE, "+31 6 12345678")]),
        ("Bereikbaar op 070-1234567.", [(Kind.PHONE, "070-1234567")]),
        ("Of op (015) 212 34 56.", [(Kind.PHONE, "(015) 212 34 56")]),
        ("Mail naar j.de.vries+adviesraad@example.nl graag.", [(Kind.EMAIL, "j.de.vries+adviesraad@example.nl")]),
        ("Rekening NL91 ABNA 0417 1643 00 is leeg.", [(Kind.IBAN, "NL91 ABNA 0417 1643 00")]),
        ("Postcode 2611AB klopt niet.", [(Kind.POSTCODE, "2611AB")]),
        ("Zij is geboren op 3 april 1951 in Delft.", [(Kind.BIRTH_DATE, "3 april 1951")]),
        ("Woont aan de Kerkstraat 12a.", [(Kind.ADDRESS, "Kerkstraat 12a")]),
    ],
)
def test_finds_each_kind_whole(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bijeenkomst in Delft, Buitenhof en Tanthof-Oost op 12 maart 2024 om 14.30 uur.",
        "De huisarts, het wijkteam, GGD Haaglanden en de voedselbank werkten samen.",
        "Veel klachten over de Kerkstraat en de Papsouwselaan zonder stoplicht.",
        "Een vrouw van 82 betaalt € 1.250 per maand; 12 bewoners en 3 van de 10 jongeren.",
        "In 2024 op de markt; buslijn 40 rijdt niet meer. Artikel 2.3.5 Wmo geldt.",
        "De bakker op de hoek en de visser op de markt hangen de poster op.",
        "Het nummer 123456789 is geen BSN en 1234 5678 ook niet.",
    ],
)
def test_ordinary_words_places_organisations_dates_and_numbers_are_not_findings(text):
    assert scan(text) == []


def test_two_names_in_two_sentences_are_two_findings():
    assert kinds("Gesproken met Jan de Vries. Mevrouw Blom belde ook.") == [
        (Kind.NAME, "Jan de Vries"),
        (Kind.NAME, "Blom"),
    ]
    assert kinds("Dhr. A. de Vries en mw. J. Blom.") == [(Kind.NAME, "A. de Vries"), (Kind.NAME, "J. Blom")]


def test_titles_stay_out_of_the_name():
    assert kinds("Gesprek met mevrouw Jansen over de buurtbus.") == [(Kind.NAME, "Jansen")]


def test_replacing_puts_tags_where_the_findings_were():
    text = "Mevrouw Jansen belde vanaf 06-12345678 over haar huur."
    assert replace_findings(text, scan(text)) == "Mevrouw [NAAM] belde vanaf [TELEFOON] over haar huur."


def test_a_replaced_text_has_nothing_left_to_find():
    text = "Dhr. Yilmaz (geb. 02-02-1950), Kerkstraat 12, 2611 AB, BSN 111222333, mail y@example.nl."
    replaced = replace_findings(text, scan(text))
    assert scan(replaced) == []
    assert "[NAAM]" in replaced and "[GEBOORTEDATUM]" in replaced and "[ADRES]" in replaced


@pytest.mark.parametrize(
    ("number", "valid"),
    [("111222333", True), ("123456782", True), ("123456789", False), ("000000000", False), ("12345678", False)],
)
def test_bsn_eleven_test(number, valid):
    assert bsn_is_valid(number) is valid


@pytest.mark.parametrize(
    ("iban", "valid"),
    [
        ("NL91ABNA0417164300", True),
        ("NL91 ABNA 0417 1643 00", True),
        ("NL92ABNA0417164300", False),
        ("NL91ABNA041716430", False),
    ],
)
def test_iban_check(iban, valid):
    assert iban_is_valid(iban) is valid


def test_the_detector_is_built_once_per_process():
    from signals.guard import get_detector

    assert get_detector() is get_detector()
