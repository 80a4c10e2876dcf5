"""Unicode tricks must not hide personal data, and every finding points at what was typed.

The property test hides known personal data the way a copied or deliberately disguised
text does (invisible characters, full-width forms, no-break spaces, odd dashes) and checks
that the guard still finds it, with a span that covers exactly the disguised characters."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from signals.guard import Kind, replace_findings, scan
from signals.guard.normalise import normalise

KNOWN = [
    ("06-12345678", Kind.PHONE),
    ("j.de.vries@example.nl", Kind.EMAIL),
    ("386685058", Kind.BSN),
    ("NL91 ABNA 0417 1643 00", Kind.IBAN),
    ("2611 AB", Kind.POSTCODE),
]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"]


def full_width(char: str) -> str:
    return chr(ord(char) + 0xFEE0) if "!" <= char <= "~" else char


@st.composite
def disguised(draw):
    plain, kind = draw(st.sampled_from(KNOWN))
    out = []
    for i, char in enumerate(plain):
        if draw(st.booleans()):
            char = full_width(char)
        elif char == " ":
            char = draw(st.sampled_from([" ", "\u00a0", "\u2009", "\u3000"]))
        elif char == "-":
            char = draw(st.sampled_from(["-", "\u2010", "\u2011", "\u2013", "\u2212", "\uff0d"]))
        out.append(char)
        if 0 < i < len(plain) - 1 and draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    return "".join(out), kind


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(disguised(), st.sampled_from(["Zie: {} graag.", "{}", "Haar gegevens ({}) staan op de brief."]))
def test_disguised_personal_data_is_found_at_the_typed_characters(case, frame):
    hidden, kind = case
    text = frame.format(hidden)
    start = text.index(hidden)
    found = [f for f in scan(text) if f.kind is kind]
    assert [(f.start, f.end, f.text) for f in found] == [(start, start + len(hidden), hidden)]


@pytest.mark.parametrize(
    ("text", "kind", "typed"),
    [
        ("Bel 06\u200b-\u200b12345678 vandaag.", Kind.PHONE, "06\u200b-\u200b12345678"),
        ("Nummer \uff10\uff16\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18 op de bel.", Kind.PHONE, None),
        ("Mail jan\uff20example.nl", Kind.EMAIL, "jan\uff20example.nl"),
        ("Mail jan [at] kpnmail.nl graag", Kind.EMAIL, "jan [at] kpnmail.nl"),
        ("Mail jan(at)kpnmail.nl graag", Kind.EMAIL, "jan(at)kpnmail.nl"),
        ("Mail jan at kpnmail dot nl graag", Kind.EMAIL, "jan at kpnmail dot nl"),
        ("Woont op de molenstr. 12 sinds jaren", Kind.ADDRESS, "molenstr. 12"),
        ("Mevrouw J\u0430nssen belde", Kind.NAME, "J\u0430nssen"),  # a Cyrillic a
        ("Kenteken \uff28\uff34\uff0d\uff18\uff18\uff0d\uff32\uff26 staat er", Kind.LICENCE_PLATE, None),
        ("Geboren op 3\u20134\u20131950 in Delft", Kind.BIRTH_DATE, "3\u20134\u20131950"),
    ],
)
def test_each_trick_of_the_review_is_found(text, kind, typed):
    found = [f for f in scan(text) if f.kind is kind]
    assert len(found) == 1
    assert found[0].text == text[found[0].start : found[0].end]
    if typed:
        assert found[0].text == typed


def test_replacing_a_disguised_finding_leaves_no_hidden_characters_of_it():
    text = "Bel 06\u200b-\u200b12345678 of mail jan [at] kpnmail.nl."
    assert replace_findings(text, scan(text)) == "Bel [TELEFOON] of mail [E-MAIL]."


def test_ordinary_text_is_not_changed_by_normalising():
    text = "Mevrouw Öztürk (82) woont op de Kerkstraat; €12,50 – 'oké'."
    result = normalise(text)
    assert result.original_span(0, len(result.text)) == (0, len(text))
    assert result.text.replace("-", "–") == text


def test_at_as_a_dutch_verb_is_not_an_email():
    assert normalise("Hij at een appel bij de buren.").text == "Hij at een appel bij de buren."


def test_the_log_filter_redacts_disguised_numbers_and_plates_where_they_were_logged():
    from config.logfilters import redact

    line = "Not Found: /x/06\u200b12345678/jan[at]kpnmail.nl/12-AB-34/"
    assert redact(line) == "Not Found: /x/[TELEFOON]/[E-MAIL]/[KENTEKEN]/"
