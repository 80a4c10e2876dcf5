"""Names that deduce's context rules miss: lower case, initials, a name doing something.

deduce wants a capitalised name in a context it knows ("mevrouw Jansen"). Notes are
typed fast: "j. bakker", "kevin van der berg", "Roos belde", "Volgens Kasia",
"Ahmeds moeder", "spraken met Visser". These rules look words up in deduce's own
first-name and surname lists (passed in as sets) and in a Dutch word list, so "Schimmel
in de badkamer" and "de visser op de markt" stay clean. Pure: no Django, no deduce.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from signals.guard.findings import Finding, Kind

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_INFIXES = {"van", "de", "der", "den", "het", "ter", "ten", "te", "el", "al", "da", "la", "le", "'t", "in", "op"}
# Verbs that make the word before or after them a person: "Roos belde", "zei Kasia".
_PERSON_VERBS = _words(
    "belde belt zei zegt vertelde vertelt vroeg vraagt woont woonde werkt werkte wil wilde meldde meldt "
    "mailde mailt appte appt klaagde klaagt schreef schrijft durft durfde hoopt hoopte zocht zoekt sprak "
    "spreekt voelt voelde weet wist vindt vond zorgt zorgde helpt hielp stuurde stuurt noemde noemt kwam"
)
# Verbs things do as well ("Schimmel heeft zich verspreid"): a person only for a word that is no Dutch word.
_WEAK_VERBS = _words("heeft had gaat ging zit zat kan kon moet moest mag mocht krijgt kreeg komt maakt maakte is was")
_PREPOSITIONS = _words("volgens met aan bij voor door namens tegen zonder dankzij samen naast")
_RELATIONS = _words(
    "moeder vader zoon dochter man vrouw broer zus oma opa kind kinderen ouders partner vriend vriendin "
    "buurman buurvrouw tante oom neef nicht kleinzoon kleindochter schoonmoeder baby familie"
)
_ABBREVIATIONS = {
    "o.a.", "t.a.v.", "a.u.b.", "i.p.v.", "m.b.t.", "n.a.v.", "d.w.z.", "e.d.", "e.a.", "m.i.", "p.m.", "a.s.",
    "i.v.m.", "z.s.m.", "s.v.p.", "v.d.", "t.z.t.", "c.q.", "b.v.", "m.u.v.", "n.v.t.", "p.p.", "t.o.v.", "i.o.m.",
    "e.v.", "n.b.", "o.b.v.", "v.w.b.", "z.o.z.", "d.m.v.",
}  # fmt: skip
_INITIALS_RE = re.compile(
    r"(?<![\w.])((?:[A-Za-z]\.\s?){1,3})((?:(?:van|de|der|den|het|ter|ten|te|in|'t|el|al|ben|bin|da|la|le)\s+)*)"
)
# Words that end an organisation's name: "Anne Frankschool", "Vluchtelingenwerk".
ORGANISATION_SUFFIX_RE = re.compile(
    r"(?:school|college|lyceum|gymnasium|academie|ziekenhuis|gasthuis|huis|stichting|kliniek|centrum|kerk|moskee"
    r"|werk|bank|zorg|dienst|team|loket|fonds|vereniging|museum|theater|zaal|hal|instituut|groep|winkel)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NameLists:
    first_names: frozenset[str]  # lower case
    surnames: frozenset[str]  # lower case
    # How common a word is in Dutch text (wordfreq's Zipf scale: 3 is once per million words).
    # The word list folds case, so names are in it too ("jansen" 4.1, "schimmel" 3.7).
    zipf: Callable[[str], float]
    is_not_a_person: Callable[[str], bool]  # a place, street, organisation, month

    def is_name(self, word: str) -> bool:
        lower = word.lower()
        return lower in self.first_names or lower in self.surnames

    def is_dutch_word(self, word: str) -> bool:
        """A common Dutch word, or a compound of them ("Regiotaxi", "Buurtbemiddeling")."""
        word = word.lower()
        if self.zipf(word) >= 3.0:
            return True
        for cut in range(3, len(word) - 2):
            head, tail = word[:cut], word[cut:]
            if self.zipf(tail) >= 3.0 and (len(tail) >= 6 or self.zipf(head.removesuffix("s")) >= 3.0):
                return True
        return False

    def is_everyday_word(self, word: str, threshold: float = 4.8) -> bool:
        """So common that in lower case it is a word, not a name ("ben", "mei", "meer")."""
        return self.zipf(word.lower()) >= threshold


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper() and not self.text.isupper()


def _opens_sentence(text: str, position: int) -> bool:
    return re.search(r"(?:^|[.!?:;]\s+|\n\s*)$", text[:position]) is not None


def _tail(text: str, tokens: list[_Token], index: int, lists: NameLists) -> int:
    """The end of a name that starts at tokens[index]: a surname after it ("Kasia Nowak",
    "Jan de Vries") joins it."""
    end, j = tokens[index].end, index + 1
    while j < len(tokens) and tokens[j].lower in _INFIXES and tokens[j].start - end <= 1:
        j += 1
    follows = j < len(tokens) and tokens[j].capitalised and tokens[j].start - tokens[j - 1].end <= 1
    if follows and not lists.is_not_a_person(tokens[j].text) and not ORGANISATION_SUFFIX_RE.search(tokens[j].text):
        return tokens[j].end
    return end


def _is_person_word(token: _Token, lists: NameLists) -> bool:
    """A capitalised word that, in a telling place, is a name: in the name lists or no Dutch word."""
    word = token.text.rstrip("'’")
    if not token.capitalised or len(word) < 2 or lists.is_not_a_person(word):
        return False
    if ORGANISATION_SUFFIX_RE.search(word) and not lists.is_name(word):
        return False
    return lists.is_name(word) or not lists.is_dutch_word(word.lower())


def _in_context(text: str, tokens: list[_Token], lists: NameLists) -> Iterator[Finding]:
    """ "Roos belde", "belde Roos", "volgens Kasia", "met Visser", "Ahmeds moeder"."""
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        near_after = after is not None and after.start - token.end <= 1
        subject = near_after and (
            after.lower in _PERSON_VERBS or (after.lower in _WEAK_VERBS and _weak_subject(token, before, lists))
        )
        named = (
            before is not None
            and token.start - before.end <= 1
            and (before.lower in _PERSON_VERBS or before.lower in _PREPOSITIONS)
        )
        if (subject or named) and _is_person_word(token, lists):
            end = _tail(text, tokens, i, lists) if named else token.end
            yield Finding(token.start, end, Kind.NAME, text[token.start : end])
        elif near_after and after.lower in _RELATIONS and re.search(r"(?:'s|’s|s)$", token.text):
            stem = re.sub(r"(?:'s|’s|s)$", "", token.text)
            if len(stem) > 1 and _is_person_word(_Token(token.start, token.end, stem), lists):
                yield Finding(token.start, token.end, Kind.NAME, token.text)


def _weak_subject(token: _Token, before: _Token | None, lists: NameLists) -> bool:
    """Before "is", "heeft", "kan": a first name, or a short word that is no Dutch word; not
    after an article ("de Roos is een molen") nor a long compound ("Arabischtaligen was")."""
    if before is not None and before.lower in {"de", "het", "een"}:
        return False
    return token.lower in lists.first_names or (len(token.text) <= 10 and not lists.is_dutch_word(token.text))


def _lower_case_names(text: str, tokens: list[_Token], lists: NameLists) -> Iterator[Finding]:
    """ "kevin van der berg", "femke de boer": a first name that is no Dutch word, then a surname."""
    for i, token in enumerate(tokens):
        if not token.text.islower() or token.lower not in lists.first_names or lists.is_everyday_word(token.lower):
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].lower in _INFIXES:
            j += 1
        if j >= len(tokens) or j - i > 4 or tokens[j].start - tokens[j - 1].end > 1:
            continue
        last = tokens[j]
        surname = last.lower in lists.surnames or not lists.is_dutch_word(last.lower)
        if surname and not lists.is_not_a_person(last.text) and last.lower not in _INFIXES:
            yield Finding(token.start, last.end, Kind.NAME, text[token.start : last.end])


def _initials(text: str, lists: NameLists) -> Iterator[Finding]:
    """Initials and a surname: "j. bakker", "J.B. de Wit"."""
    for m in _INITIALS_RE.finditer(text):
        if m.group(1).replace(" ", "").lower() in _ABBREVIATIONS:
            continue
        word = _WORD_RE.match(text, m.end())
        if not word:
            continue
        surname = word.group()
        listed = surname.lower() in lists.surnames
        unknown = not lists.is_not_a_person(surname) and not lists.is_dutch_word(surname)
        if listed or unknown:
            yield Finding(m.start(), word.end(), Kind.NAME, text[m.start() : word.end()])


def find_names(text: str, lists: NameLists) -> Iterator[Finding]:
    tokens = [_Token(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
    yield from _in_context(text, tokens, lists)
    yield from _lower_case_names(text, tokens, lists)
    yield from _initials(text, lists)


def opening_common_word(text: str, finding: Finding, lists: NameLists) -> bool:
    """A capitalised Dutch word that opens a sentence and does nothing a person does:
    "Schimmel in de badkamer", not "Yilmaz belde" nor "Jansen en haar man"."""
    if " " in finding.text or not _opens_sentence(text, finding.start):
        return False
    word = finding.text.lower()
    if not lists.is_dutch_word(word) or (word in lists.first_names and not lists.is_everyday_word(word, 4.5)):
        return False
    following = re.match(r"\s*([,(]|\w+)(?:\s+(\w+))?", text[finding.end :])
    nxt, then = (following.group(1).lower(), following.group(2) or "") if following else ("", "")
    if nxt == "en":  # "Jansen en haar man", "Jansen en Bakker"; not "Storm en regen"
        return not (then[:1].isupper() or then.lower() in {"haar", "zijn", "hun", "mijn", "ik", "ze", "zij", "hij"})
    if nxt == ",":  # "Jansen, 82, ...", "Jansen, Bakker en ..."; not "Schimmel, tocht en kou"
        return not (then[:1].isupper() or then.isdigit() or then.lower() in {"geboren", "geb", "de", "die"})
    return nxt not in _PERSON_VERBS and nxt not in {"(", "is", "was"} and not nxt.isdigit()
