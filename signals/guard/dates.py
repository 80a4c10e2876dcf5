"""Dates of birth: with a trigger word ("geboren", "geb.", "*"), or a full date so long ago
that it can only be a birthday in a conversation note, or a birthday with the age turned.

A date more than `years` before the day the note is about is a finding even without
"geboren": "Mevrouw, 14-02-1939, woont alleen". Recent dates ("op 3 maart 2025 belde
ze") are left alone. Pure functions: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from signals.guard.findings import Finding, Kind

_UNITS = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TEENS = ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"]
_TENS = ["twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"]


def _number_words() -> dict[str, int]:
    """Dutch number words 1 to 99 ("een", "eenentwintig", "drieëndertig")."""
    words = {word: n for n, word in enumerate(_UNITS, start=1)}
    words.update({word: n for n, word in enumerate(_TEENS, start=10)})
    for t, tens in enumerate(_TENS, start=2):
        words[tens] = t * 10
        for u, unit in enumerate(_UNITS, start=1):
            joint = "ën" if unit.endswith("e") else "en"
            words[unit + joint + tens] = t * 10 + u
            words[unit + "en" + tens] = t * 10 + u  # typed without the diaeresis
    words["één"] = 1
    return words


NUMBER_WORDS = _number_words()
_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8}
_NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_DAY_WORD = r"(?:" + "|".join(_ORDINALS) + "|" + _NUMBER + r")"
_YEAR_WORD = r"(?:negentien(?:\s?honderd\s?)?|tweeduizend(?:\s?en\s?)?)(?:" + _NUMBER + r")?"

MONTHS = {
    "jan": 1, "feb": 2, "maart": 3, "mrt": 3, "apr": 4, "mei": 5, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uari)?|feb(?:ruari)?|maart|mrt|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|aug(?:ustus)?"
    r"|sep(?:t(?:ember)?)?|okt(?:ober)?|oct|nov(?:ember)?|dec(?:ember)?)\.?"
)
_STAR = r"(?P<star>\*\s?)?"
_NUMERIC_RE = re.compile(
    r"(?<![\w.*])" + _STAR + r"(?:(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"
    r"|(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|['’]\d{2}|\d{2}))(?![\w]|[-/.]\d)"
)
_WRITTEN_RE = re.compile(
    r"(?<![\w.*])" + _STAR + r"(?P<d>\d{1,2}|" + _DAY_WORD + r")(?:e|ste|de)?\s+" + _MONTH + r"\s+"
    r"(?P<y>\d{4}|['’]\d{2}|" + _YEAR_WORD + r"|\d{2}(?=\s*(?:jaar\b|[.,;:!?)]|$)))(?![\w'’-])",
    re.IGNORECASE,
)
_DAY_MONTH = r"(?P<d>\d{1,2}|" + _DAY_WORD + r")(?:e|ste|de)?\s+" + _MONTH
# A birthday: "wordt op 12 maart 80" (with the age turned), "wordt 80 op 12 maart", "is jarig op 12 maart".
_BIRTHDAY_RES = (
    re.compile(r"\b(?:wordt|werd)\s+(?:op\s+)?(?P<span>" + _DAY_MONTH + r"\s+\d{2,3})(?:\s+jaar)?\b", re.I),
    re.compile(r"\b(?:wordt|werd)\s+\d{1,3}(?:\s+jaar)?\s+op\s+(?P<span>" + _DAY_MONTH + r")", re.I),
    re.compile(r"\b(?:jarig|verjaardag)(?:\s+(?:is|op|valt|was|viert))*\s+(?P<span>" + _DAY_MONTH + r")", re.I),
)
_TRIGGER_BEFORE_RE = re.compile(
    r"(?:geboren|geb\.?\s?datum|geboortedatum|geboorte\s?datum|geb\.|\bgeb|geboortedag|geboortejaar)"
    r"\W{0,3}(?:(?:op|is|in|:)\W{0,2})?$",
    re.IGNORECASE,
)
_TRIGGER_AFTER_RE = re.compile(r"^\W{0,2}(?:\w+\W+){0,1}geboren\b", re.IGNORECASE)


def _number(word: str) -> int | None:
    word = word.lower().replace(" ", "")
    if word.isdigit():
        return int(word)
    return _ORDINALS.get(word) or NUMBER_WORDS.get(word)


def _year(raw: str, reference: date) -> int | None:
    raw = raw.lower().replace(" ", "").lstrip("'’")
    if raw.isdigit():
        if len(raw) == 4:
            return int(raw)
        year = 2000 + int(raw)
        return year if year <= reference.year else year - 100
    for head, century in (
        ("negentienhonderd", 1900),
        ("negentien", 1900),
        ("tweeduizenden", 2000),
        ("tweeduizend", 2000),
    ):
        if raw.startswith(head):
            rest = raw[len(head) :]
            value = NUMBER_WORDS.get(rest) if rest else 0
            return century + value if value is not None else None
    return None


def _as_date(year: int | None, month: int | None, day: int | None) -> date | None:
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower()[:3]) or MONTHS.get(word.lower()[:5])


def _years_before(reference: date, years: int) -> date:
    try:
        return reference.replace(year=reference.year - years)
    except ValueError:  # 29 February
        return reference.replace(year=reference.year - years, day=28)


def _has_trigger(text: str, start: int, end: int) -> bool:
    return bool(
        _TRIGGER_BEFORE_RE.search(text[max(0, start - 30) : start]) or _TRIGGER_AFTER_RE.search(text[end : end + 25])
    )


def _numeric_date(m: re.Match, reference: date) -> tuple[date | None, bool]:
    """The date, and whether its form alone is safe to judge by age (a two-digit year needs a dash,
    slash or apostrophe: "artikel 2.3.15" is no date)."""
    if m.group("iso_y"):
        return _as_date(int(m.group("iso_y")), int(m.group("iso_m")), int(m.group("iso_d"))), True
    raw_year = m.group("y")
    safe = len(raw_year) == 4 or raw_year[0] in "'’" or m.group("sep") != "."
    return _as_date(_year(raw_year, reference), int(m.group("m")), int(m.group("d"))), safe


def find_birth_dates(text: str, reference: date, years: int) -> Iterator[Finding]:
    """Dates of birth in `text`; `reference` is the day the note is about, `years` how long ago a
    full date must lie to count as a date of birth without a trigger word."""
    limit = _years_before(reference, years)
    for m in _NUMERIC_RE.finditer(text):
        when, safe = _numeric_date(m, reference)
        if when and (m.group("star") or _has_trigger(text, m.start(), m.end()) or (safe and when < limit)):
            yield Finding(m.start(), m.end(), Kind.BIRTH_DATE, m.group())
    for m in _WRITTEN_RE.finditer(text):
        when = _as_date(_year(m.group("y"), reference), _month(m.group("month")), _number(m.group("d")))
        if when and (m.group("star") or _has_trigger(text, m.start(), m.end()) or when < limit):
            yield Finding(m.start(), m.end(), Kind.BIRTH_DATE, m.group())
    for pattern in _BIRTHDAY_RES:
        for m in pattern.finditer(text):
            if 1 <= (_number(m.group("d")) or 0) <= 31:
                yield Finding(m.start("span"), m.end("span"), Kind.BIRTH_DATE, m.group("span"))
