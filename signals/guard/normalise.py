"""Undo the tricks that hide personal data from the detectors, with a map back to the original.

A member (or a copied text) can hide a phone number from a regular expression
without meaning to: a zero-width space from a chat app, full-width digits from
a phone's keyboard, a Cyrillic "а" in a name, "jan [at] example.nl". The guard
scans the normalised text and reports every finding at the characters the
member typed, so a one-click replacement replaces what is on the screen.
Pure functions: no Django, no deduce.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# Invisible characters that are not Unicode category Cf (format) but hide just as well.
_INVISIBLE_EXTRA = {"\u034f", "\u115f", "\u1160", "\u17b4", "\u17b5", "\u180e", "\u3164", "\uffa0"}

# Letters that look Latin in most fonts, dashes and symbols that stand for "-", "@" or ".".
_LOOK_ALIKES = str.maketrans(
    "АВЕКМНОРСТХУІЈЅаеорсуххіјѕԁһӏԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρνκ‐‑‒–—―−⁃﹘﹣－٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹＠",
    "ABEKMHOPCTXYIJSaeopcyxxijsdhlqwABEZHIKMNOPTYXoipvk---------0123456789012345678901@",
)

_EMAIL_LOCAL = r"\w[\w+-]*(?:\s?\.\s?[\w+-]+)*"
_AT = r"(?:\s*[\[({<]\s*(?:at|apenstaartje)\s*[\])}>]\s*|\s+(?:at|apenstaartje|@)\s+|\s*@\s+|\s+@\s*)"
_DOT = r"(?:\s*[\[({<]\s*(?:dot|punt)\s*[\])}>]\s*|\s+(?:dot|punt)\s+|\s?\.\s?)"
_TLD = r"(?:nl|com|org|net|be|de|eu|info|fr|uk|io|biz|me|online|email|frl)"
# "jan [at] kpnmail.nl", "jan at kpnmail dot nl", "jan apenstaartje kpnmail.nl": only with a
# domain that ends in a known top-level domain, so "hij at een appel" stays as it is.
OBFUSCATED_EMAIL_RE = re.compile(
    r"(?<![\w.+-])" + _EMAIL_LOCAL + r"(?P<at>" + _AT + r")[\w-]+(?:" + _DOT + r"[\w-]+)*?" + _DOT + _TLD + r"\b",
    re.IGNORECASE,
)
_SEPARATOR_RE = re.compile(r"(?P<at>" + _AT + r")|(?P<dot>" + _DOT + r")", re.IGNORECASE)
# "molenstr. 12", "Dorpsstr 4": the address detector wants the whole street word.
STREET_ABBREVIATION_RE = re.compile(r"(?<=[^\W\d_]{2})(?P<abbr>str|ln)(?:\.\s*|\s+)(?=\d)", re.IGNORECASE)
_STREET_WORDS = {"str": "straat ", "ln": "laan "}


@dataclass(frozen=True)
class Normalised:
    """The normalised text, and for each of its characters the span of the original it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that `text[start:end]` came from."""
        if end <= start:
            position = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return position, position
        return self.starts[start], self.ends[end - 1]


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in _INVISIBLE_EXTRA


def _fold(char: str) -> str:
    """One visible character as the detectors expect it: NFKC, then look-alikes."""
    if char.isascii():
        return char
    folded = unicodedata.normalize("NFKC", char).translate(_LOOK_ALIKES)
    if folded.isdecimal() and not folded.isascii():
        folded = "".join(str(unicodedata.decimal(c, c)) for c in folded)
    return folded


def _fold_characters(text: str) -> Normalised:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, char in enumerate(text):
        if _is_invisible(char):
            continue
        if unicodedata.combining(char) and chars:
            # A combining accent joins the letter before it ("e" + "´" is "é").
            composed = unicodedata.normalize("NFC", chars[-1] + char)
            if len(composed) == 1:
                chars[-1], ends[-1] = composed, index + 1
            continue
        for piece in _fold(char):
            chars.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return Normalised("".join(chars), tuple(starts), tuple(ends))


def _substitute(
    source: Normalised, pattern: re.Pattern, replace: Callable[[re.Match], list[tuple[int, int, str]]]
) -> Normalised:
    """Apply the replacements `replace` returns for each match (spans of source.text and their
    new text); a new character maps to the whole original span it replaces."""
    edits = [edit for m in pattern.finditer(source.text) for edit in replace(m)]
    if not edits:
        return source
    text, starts, ends, position = [], [], [], 0
    for start, end, new in edits:
        text.append(source.text[position:start])
        starts.extend(source.starts[position:start])
        ends.extend(source.ends[position:start])
        if end > start:
            text.append(new)
            starts.extend([source.starts[start]] * len(new))
            ends.extend([source.ends[end - 1]] * len(new))
        position = end
    text.append(source.text[position:])
    starts.extend(source.starts[position:])
    ends.extend(source.ends[position:])
    return Normalised("".join(text), tuple(starts), tuple(ends))


def _email_separators(m: re.Match) -> list[tuple[int, int, str]]:
    edits = []
    for sep in _SEPARATOR_RE.finditer(m.group()):
        new = "@" if sep.group("at") else "."
        if sep.group() != new:
            edits.append((m.start() + sep.start(), m.start() + sep.end(), new))
    return edits


def _street_word(m: re.Match) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _STREET_WORDS[m.group("abbr").lower()])]


def normalise(text: str) -> Normalised:
    """NFKC, no invisible characters, look-alikes folded, obfuscated e-mail and street
    abbreviations written out. Ordinary text comes back unchanged."""
    if text.isascii():  # nothing to fold: each character maps to itself
        result = Normalised(text, tuple(range(len(text))), tuple(range(1, len(text) + 1)))
    else:
        result = _fold_characters(text)
    result = _substitute(result, OBFUSCATED_EMAIL_RE, _email_separators)
    return _substitute(result, STREET_ABBREVIATION_RE, _street_word)
