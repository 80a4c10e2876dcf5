"""Pattern detectors for personal data that follows a fixed shape.

Each detector takes the text and yields Findings. Checksums (the BSN
11-test, the IBAN mod-97 check) keep ordinary numbers from being flagged.
Pure functions: no Django, no deduce.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from signals.guard.findings import Finding, Kind

_SEP = r"[ \-./]?"

EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.IGNORECASE)

# A run of digits with single separators, optionally led by + or 00 and with
# an area code in brackets; validated afterwards by digit count.
PHONE_RE = re.compile(
    r"(?<![\w+@.,-])(?:\+|00)?(?:\(\s?\d{1,4}\s?\)|\d)"
    r"(?:(?:\s?[\-./]\s?|\s)?(?:\(\s?0\s?\)|\(\s?\d{2,4}\s?\)|\d)){7,15}(?![\w@]|[.,]\d)"
)

BSN_RE = re.compile(r"(?<![\w.,€/+)-])\d(?:[ .]?\d){8}(?![\w]|[.,/-]\d)")

POSTCODE_RE = re.compile(r"(?<![\w€.,])[1-9]\d{3}(\s?)([A-Za-z]{2})(?![\w])")
# Two-letter Dutch words that follow a number in ordinary text ("in 2024 op").
_POSTCODE_WORDS = {
    "af",
    "al",
    "at",
    "be",
    "da",
    "de",
    "di",
    "do",
    "en",
    "er",
    "ge",
    "ha",
    "he",
    "hm",
    "ie",
    "ik",
    "in",
    "is",
    "je",
    "ja",
    "km",
    "kg",
    "me",
    "mb",
    "gb",
    "na",
    "ne",
    "nu",
    "of",
    "oh",
    "ok",
    "om",
    "on",
    "op",
    "pm",
    "am",
    "te",
    "to",
    "tv",
    "uw",
    "we",
    "wo",
    "za",
    "zo",
    "ze",
    "vr",
    "ma",
    "st",
    "ml",
    "cm",
    "mm",
}
_POSTCODE_NEVER = {"SA", "SD", "SS"}

_IBAN_START_RE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})")
IBAN_LENGTHS = {
    "AD": 24,
    "AT": 20,
    "BE": 16,
    "BG": 22,
    "CH": 21,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "EE": 20,
    "ES": 24,
    "FI": 18,
    "FR": 27,
    "GB": 22,
    "GR": 27,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IS": 26,
    "IT": 27,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MA": 28,
    "MT": 31,
    "NL": 18,
    "NO": 15,
    "PL": 28,
    "PT": 25,
    "RO": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SR": 22,
    "TR": 26,
    "UA": 29,
}

_STREET_SUFFIX = (
    r"straat|laan|weg|plein|singel|gracht|kade|dijk|pad|hof|park|dreef|steeg|markt|plantsoen|baan|erf|wal"
    r"|veld|haven|boulevard|allee|hoeve|oord|zoom|poort|dam|burgwal|vliet|steijn|ring|lei|donk|akker|rade"
)
_LETTERS = r"[^\W\d_]"
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"
# A street: up to four leading words, a word ending in a street suffix, a house number.
ADDRESS_RE = re.compile(
    r"(?<![\w-])(?P<lead>(?:(?:" + _CAP + _LETTERS + r"*\.?|van|de|der|den|het|ten|ter|la|le|v\.d\.)\s+){0,4})"
    r"(?P<street>" + _LETTERS + r"[\w'-]*(?:" + _STREET_SUFFIX + r"))\s+"
    r"(?P<number>\d{1,5}(?:\s?-?\s?(?:[a-zA-Z]|I{1,3}|IV|bis|hs|zw|rd)\b|-\d{1,3}\b)?)"
    r"(?![\w,]\d|\s?%|\s?(?:jaar|keer|x)\b)"
)

_TITLE = (
    r"(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|mnr\.?|dhr\.?|de\s+heer|heer|juffrouw|juf|meester|dokter|dr\.?|mr\.?)"
)
_RELATION = (
    r"(?:zoon|zoontje|dochter|dochtertje|man|vrouw|partner|moeder|vader|broer|broertje|zus|zusje|buurman|buurvrouw"
    r"|kleinzoon|kleindochter|echtgenoot|echtgenote|neef|nicht|oom|tante|vriend|vriendin|opa|oma|kind|baby"
    r"|schoonzoon|schoondochter|stiefzoon|stiefdochter|pleegzoon|pleegdochter|mantelzorger|cliënt|client|bewoner|bewoonster)"
)
NAME_WORD = _CAP + _LETTERS + r"+(?:['’-]" + _CAP + r"?" + _LETTERS + r"+)?"
_INFIX = r"(?:(?:van|de|der|den|het|ter|ten|te|el|al|bin|ben|da|dos|du|la|le|op|in\s+'t|van\s+'t|'t)\s+)"
_FULL_NAME = NAME_WORD + r"(?:\s+" + _INFIX + r"*" + NAME_WORD + r")?"
NAME_AFTER_TITLE_RE = re.compile(
    r"(?i:\b" + _TITLE + r")\s+((?:[A-Z]\.\s?){0,3}" + _INFIX + r"*" + _FULL_NAME + r")",
)
NAME_AFTER_RELATION_RE = re.compile(r"(?i:\b" + _RELATION + r")\s+(" + _FULL_NAME + r")(?=[\s,.;:!?)]|$)")
# Two name words after a verb of meeting, or followed by an age or birth: "met Yonas Habte, 24 jaar".
_TWO_WORDS = NAME_WORD + r"\s+" + _INFIX + r"*" + NAME_WORD
NAME_IN_CONTEXT_RE = re.compile(
    r"(?:\b(?i:gesproken met|gesprek met|sprak met|spraken met|belde met|bezoek bij|bezocht|kwam|heet|heette"
    r"|genaamd)\s+"
    r"(" + _TWO_WORDS + r"))"
    r"|(?:(" + _FULL_NAME + r")(?=,?\s*\(?\d{1,3}\)?\s*(?:jaar\b|\))|,?\s*\(?(?:geboren|geb\.)))"
)


def find_emails(text: str) -> Iterator[Finding]:
    for m in EMAIL_RE.finditer(text):
        yield Finding(m.start(), m.end(), Kind.EMAIL, m.group())


def _is_phone_number(raw: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    international = raw.startswith("+") or raw.startswith("00")
    if raw.startswith("00"):
        digits = digits[2:]
    if international:
        if digits.startswith("31"):
            rest = digits[2:]
            rest = rest[1:] if rest.startswith("0") else rest
            return len(rest) == 9
        return 8 <= len(digits) <= 15
    return len(digits) == 10 and digits[0] == "0" and digits[1] != "0"


def find_phones(text: str) -> Iterator[Finding]:
    for m in PHONE_RE.finditer(text):
        raw = m.group().rstrip(" -./")
        if _is_phone_number(raw):
            yield Finding(m.start(), m.start() + len(raw), Kind.PHONE, raw)


def bsn_is_valid(digits: str) -> bool:
    """The Dutch 11-test for a citizen service number (BSN)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def find_bsns(text: str) -> Iterator[Finding]:
    for m in BSN_RE.finditer(text):
        if re.search(r"(?:€|eur|euro)\s*$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE):
            continue
        if bsn_is_valid(re.sub(r"\D", "", m.group())):
            yield Finding(m.start(), m.end(), Kind.BSN, m.group())


def iban_is_valid(iban: str) -> bool:
    iban = iban.replace(" ", "").upper()
    if IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isalnum():
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _iban_end(text: str, start: int, length: int) -> int | None:
    """Where an IBAN of `length` characters starting at `start` ends, allowing single spaces."""
    count, pos = 0, start
    while pos < len(text) and count < length:
        ch = text[pos]
        if ch.isalnum():
            count += 1
        elif not (ch == " " and pos > start and text[pos - 1] != " "):
            return None
        pos += 1
    if count < length or (pos < len(text) and text[pos].isalnum()):
        return None
    return pos


def find_ibans(text: str) -> Iterator[Finding]:
    for m in _IBAN_START_RE.finditer(text):
        length = IBAN_LENGTHS.get(m.group(1).upper())
        end = _iban_end(text, m.start(), length) if length else None
        if end and iban_is_valid(text[m.start() : end]):
            yield Finding(m.start(), end, Kind.IBAN, text[m.start() : end])


def find_postcodes(text: str) -> Iterator[Finding]:
    for m in POSTCODE_RE.finditer(text):
        letters = m.group(2)
        if letters.upper() in _POSTCODE_NEVER:
            continue
        if not letters.isupper() and letters.lower() in _POSTCODE_WORDS:
            continue
        yield Finding(m.start(), m.end(), Kind.POSTCODE, m.group())


def find_addresses(text: str, is_known_street: Callable[[str], bool] | None = None) -> Iterator[Finding]:
    """Street with house number. Leading words join the street only when together
    they are a known street, or, for unknown streets, when they do not open a sentence
    ("Woont Kerkstraat 12" keeps "Woont" out)."""
    for m in ADDRESS_RE.finditer(text):
        lead = list(re.finditer(r"\S+", m.group("lead")))
        start = m.start("street")
        known = False
        if is_known_street:
            for word in lead:
                if is_known_street(text[m.start("lead") + word.start() : m.end("street")]):
                    start, known = m.start("lead") + word.start(), True
                    break
        if not known:
            for word in reversed(lead):
                word_start = m.start("lead") + word.start()
                if word.group()[0].islower() or opens_sentence(text, word_start):
                    break
                start = word_start
        yield Finding(start, m.end(), Kind.ADDRESS, text[start : m.end()])


def opens_sentence(text: str, position: int) -> bool:
    return re.search(r"(?:^|[.!?:;]\s+|\n)$", text[:position]) is not None


# Dutch licence plates by RDW side code: letters (L) and digits (9) in three groups.
_PLATE_SHAPES = (
    "LL-99-99", "99-99-LL", "99-LL-99", "LL-99-LL", "LL-LL-99", "99-LL-LL", "99-LLL-9",
    "9-LLL-99", "LL-999-L", "L-999-LL", "LLL-99-L", "L-99-LLL", "9-LL-999", "999-LL-9",
)  # fmt: skip
# Plates have no vowels since side code 4; without dashes only such letters count, so
# article numbers and codes ("AB123C") stay clean.
_CONSONANT = "[B-DF-HJ-NP-TV-Z]"


def _plate_pattern(shape: str, separator: str) -> str:
    letter = "[A-Z]" if separator else _CONSONANT
    return separator.join((letter if group[0] == "L" else r"\d") + f"{{{len(group)}}}" for group in shape.split("-"))


# With dashes every side code; without, only shapes that a postcode ("2611AB"), a year or an
# article number cannot take (three groups, the middle one of the other sort).
_UNDASHED = [s for s in _PLATE_SHAPES if s not in ("99-99-LL", "LL-99-99")]
LICENCE_PLATE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(_plate_pattern(s, "-") for s in _PLATE_SHAPES)
    + "|"
    + "|".join(_plate_pattern(s, "") for s in _UNDASHED)
    + r")(?![\w]|-\w)",
    re.IGNORECASE,
)


def find_licence_plates(text: str) -> Iterator[Finding]:
    for m in LICENCE_PLATE_RE.finditer(text):
        if "-" not in m.group() and not m.group().isupper():
            continue  # "ab12cd" in lower case without dashes: too like a code or a word
        yield Finding(m.start(), m.end(), Kind.LICENCE_PLATE, m.group())


def find_titled_names(text: str) -> Iterator[Finding]:
    """Names that follow a title or a relation ("mevrouw Jansen", "haar zoon Daan") or that
    stand in a telling context ("gesproken met Yonas Habte", "Filmon Tekle, geboren op")."""
    for pattern in (NAME_AFTER_TITLE_RE, NAME_AFTER_RELATION_RE, NAME_IN_CONTEXT_RE):
        for m in pattern.finditer(text):
            group = next(i for i in range(1, (m.lastindex or 1) + 1) if m.group(i))
            yield Finding(m.start(group), m.end(group), Kind.NAME, m.group(group))


PATTERN_DETECTORS = (find_emails, find_ibans, find_bsns, find_phones, find_postcodes, find_licence_plates)
