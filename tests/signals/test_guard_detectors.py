"""The detectors of issue 12, tested the way the independent review attacked the guard:
names typed fast, dates of birth without "geboren", obfuscated e-mail, licence plates,
false alarms on organisations named after a person, and phrases that single one person out."""

from datetime import date

import pytest

from signals.guard import Kind, replace_findings, scan
from signals.guard.findings import GUARD_VERSIONS, Finding, resolve_overlaps


def found(text, kind=None, **kwargs):
    return [f.text for f in scan(text, **kwargs) if kind is None or f.kind is kind]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Gisteren sprak ik j. bakker over de lift.", "j. bakker"),
        ("Daarna kwam kevin van der berg binnen.", "kevin van der berg"),
        ("Volgens Kasia is de huur te hoog.", "Kasia"),
        ("Roos belde over de wachtlijst.", "Roos"),
        ("Ahmeds moeder spreekt geen Nederlands.", "Ahmeds"),
        ("We spraken met Visser over het park.", "Visser"),
        ("J.B. de Wit tekende de petitie.", "J.B. de Wit"),
        ("Tot slot zei Jolanda dat ze wil helpen.", "Jolanda"),
        ("Met dank aan m. de groot voor de koffie.", "m. de groot"),
    ],
)
def test_names_typed_fast_are_found(text, name):
    assert name in found(text, Kind.NAME)


@pytest.mark.parametrize(
    "text",
    [
        "Ouders van de Willem de Zwijgerschool en de Anne Frankschool willen een zebrapad.",
        "De Albert Heijn op het plein sluit om acht uur.",
        "Schimmel in de badkamer, al maanden.",
        "Bakker op de hoek is dicht; de visser op de markt niet.",
        "Het Reinier de Graaf heeft een nieuwe poli.",
        "Storm en regen braken het hek.",
        "Bij Jumbo en Lidl hangt de poster van het taalcafé.",
    ],
)
def test_organisations_and_sentence_opening_words_are_no_names(text):
    assert found(text, Kind.NAME) == []


@pytest.mark.parametrize(
    ("text", "birth_date"),
    [
        ("Mevrouw, 14-02-1939, woont alleen.", "14-02-1939"),
        ("Ze is van drie maart negentienachtenveertig.", "drie maart negentienachtenveertig"),
        ("Hij is van 3 maart 1948 en fietst nog.", "3 maart 1948"),
        ("Opa (*12-03-1944) kwam mee.", "*12-03-1944"),
        ("Oud formulier: geb. 1-4-'52.", "1-4-'52"),
        ("Ze wordt op 12 maart 80 en wil een feest.", "12 maart 80"),
        ("Zijn pas zegt 1950-07-21.", "1950-07-21"),
    ],
)
def test_dates_of_birth_are_found_without_the_word_geboren(text, birth_date):
    assert found(text, Kind.BIRTH_DATE, reference_date=date(2026, 6, 1)) == [birth_date]


@pytest.mark.parametrize(
    "text",
    [
        "Op 3 maart 2025 belde ze over de wachtlijst.",
        "De bijeenkomst is om 12-30 uur in zaal 2.",
        "Artikel 2.3.15 van de verordening geldt.",
        "In 1998 en 2004 werd de wijk vernieuwd.",
        "Op 3 maart 10 mensen op het spreekuur.",
    ],
)
def test_recent_dates_times_years_and_article_numbers_are_no_dates_of_birth(text):
    assert found(text, reference_date=date(2026, 6, 1)) == []


def test_a_date_counts_as_a_birth_date_by_the_day_the_note_is_about(settings):
    text = "Het formulier is van 14-02-2012."
    assert found(text, reference_date=date(2026, 6, 1)) == ["14-02-2012"]
    assert found(text, reference_date=date(2016, 6, 1)) == []
    settings.GUARD_BIRTH_DATE_YEARS = 20
    assert found(text, reference_date=date(2026, 6, 1)) == []


@pytest.mark.parametrize(
    "email",
    [
        "jan [at] kpnmail.nl",
        "jan(at)kpnmail.nl",
        "jan at kpnmail dot nl",
        "jan apenstaartje kpnmail.nl",
        "jan\uff20kpnmail.nl",
        "jan @ kpnmail.nl",
    ],
)
def test_obfuscated_email_is_found(email):
    assert found(f"Mail haar op {email} graag.", Kind.EMAIL) == [email]


@pytest.mark.parametrize(
    "plate", ["12-AB-34", "AB-12-CD", "1-ABC-23", "XX-999-X", "GH-512-K", "8-VKT-43", "ZD237S", "vn-04-bx"]
)
def test_licence_plates_are_found(plate):
    assert found(f"De auto met {plate} staat op de stoep.", Kind.LICENCE_PLATE) == [plate]


@pytest.mark.parametrize(
    "text",
    ["Om 12-30 uur.", "Postcode 2611AB klopt.", "Bestelnummer AB123C.", "Formulier WMO-2024-11.", "COVID-19 en MP3."],
)
def test_times_postcodes_and_codes_are_no_licence_plates(text):
    assert found(text, Kind.LICENCE_PLATE) == []


@pytest.mark.parametrize(
    ("text", "phrase", "suggestion"),
    [
        (
            "De enige Eritrese weduwe van boven de 80 in Abtswoude voelt zich alleen.",
            "De enige Eritrese weduwe van boven de 80 in Abtswoude",
            "Een oudere vrouw uit Abtswoude",
        ),
        (
            "De imam van de moskee in Buitenhof zei dat.",
            "De imam van de moskee in Buitenhof",
            "Een medewerker van de moskee",
        ),
        ("Hij is als enige in de flat zonder lift.", "als enige", "als een van de weinigen"),
        ("Gesprek met de huisarts van Voorhof.", "de huisarts van Voorhof", "een zorgverlener"),
    ],
)
def test_phrases_that_single_out_a_person_are_soft_hints_with_a_plainer_phrase(text, phrase, suggestion):
    hints = [f for f in scan(text) if f.kind is Kind.RECOGNISABLE]
    assert [(f.text, f.suggestion) for f in hints] == [(phrase, suggestion)]
    assert hints[0].kind.is_soft and hints[0].replacement == suggestion


@pytest.mark.parametrize(
    "text",
    ["De enige oplossing is een bushalte.", "Veel Syrische gezinnen in Buitenhof.", "De huisarts kwam niet."],
)
def test_ordinary_phrases_are_no_hints(text):
    assert scan(text) == []


def test_a_soft_hint_leaves_the_hard_finding_inside_it_intact():
    text = "De enige Eritrese weduwe in Abtswoude, mevrouw Jansen, belt."
    findings = scan(text)
    assert (Kind.NAME, "Jansen") in [(f.kind, f.text) for f in findings]
    hint = Finding(0, 55, Kind.RECOGNISABLE, text[:55], "een vrouw")
    name = next(f for f in findings if f.kind is Kind.NAME)
    assert resolve_overlaps([hint, name]) == sorted([hint, name])
    assert "[NAAM]" in replace_findings(text, [hint, name])


def test_every_changed_detector_has_a_new_version():
    for kind in (Kind.NAME, Kind.BIRTH_DATE, Kind.EMAIL, Kind.PHONE, Kind.BSN, Kind.IBAN, Kind.POSTCODE, Kind.ADDRESS):
        assert GUARD_VERSIONS[kind] >= 2


@pytest.mark.parametrize(
    "text",
    [
        "Schimmel, tocht en een hoge energierekening.",
        "Voor 15 Arabischtaligen was er één tolk.",
        "Bij Molen de Roos is een vrijwilligersgroep.",
    ],
)
def test_words_that_open_a_list_or_name_a_place_are_no_names(text):
    assert found(text, Kind.NAME) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("Jansen, 82, woont alleen.", "Jansen"), ("Yilmaz belde gisteren.", "Yilmaz"), ("Kasia is verhuisd.", "Kasia")],
)
def test_a_sentence_opening_surname_doing_something_is_still_a_name(text, name):
    assert found(text, Kind.NAME) == [name]
