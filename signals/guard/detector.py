"""The personal-data detector: deduce for names and addresses, patterns for the rest.

deduce (Dutch de-identification) recognises names and street addresses from
its word lists and context. It was built for medical records, so it also
flags places, institutions and ordinary dates; those are not personal data
in a conversation note and are dropped here. Fixed-shape data (phone, e-mail,
postcode, BSN, IBAN, date of birth) comes from signals.guard.patterns, which
also covers what deduce misses (dotted BSNs, the +31 prefix of a number).
"""

from __future__ import annotations

import functools
import re
import threading
from datetime import date
from pathlib import Path

from signals.guard import patterns
from signals.guard.allowlist import is_allowed_phrase, is_allowed_word
from signals.guard.dates import find_birth_dates
from signals.guard.findings import Finding, Kind, resolve_overlaps
from signals.guard.names import ORGANISATION_SUFFIX_RE, NameLists, find_names, opening_common_word
from signals.guard.normalise import normalise
from signals.guard.recognisable import find_recognisable

# deduce processor groups we need; the others are covered by our patterns.
_DEDUCE_GROUPS_OFF = {"institutions", "dates", "ages", "identifiers", "phone_numbers", "email_addresses", "urls"}
_LEADING_TITLE_RE = re.compile(
    r"^(?:(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|de\s+heer|heer|juffrouw|dokter|dr\.?|mr\.?|"
    r"zoon|dochter|buurman|buurvrouw|opa|oma)\s+)+",
    re.IGNORECASE,
)
_ABBREVIATIONS = {"dhr", "mw", "mevr", "mnr", "mr", "dr", "drs", "ir", "ing", "prof", "st", "mej"}
_SENTENCE_END_RE = re.compile(r"[.!?;:]\s+(?=[A-Z])|\n")
_TRIM = " \t\n,.;:()[]'\"-"
_NAME_TAIL_RE = re.compile(
    r"(?:\s(?:(?:van|de|der|den|ter|ten|el|al)\s)*" + patterns.NAME_WORD + r"(?![\w.]*\s*\d)){1,2}"
)
_NAME_HEAD_RE = re.compile(r"(?:\b[A-Z][a-z]{1,3}-)$")  # "Al-" of "Al-Hassan"
_HOUSE_NUMBER_TAIL_RE = re.compile(r"\s?-?\s?(?:[a-zA-Z]|I{1,3}|IV|bis|hs)\b|-\d{1,3}\b")
# deduce word lists of places and institutions: a "name" that is one of these is not a person.
_PLACE_LOOKUPS = ("street", "placename", "hospital", "healthcare_institution")
_STREET_WORD_RE = re.compile(r"\w{2}(?:straat|laan|weg|plein|singel|gracht|kade|dijk|park|dreef|steeg|markt)$", re.I)


class PersonalDataDetector:
    """Finds personal data in a text. Build once per process: loading takes seconds."""

    def __init__(self, cache_path: Path) -> None:
        from deduce import Deduce  # imported here: the import alone loads large word lists

        cache_path.mkdir(parents=True, exist_ok=True)
        self._deduce = Deduce(cache_path=cache_path)
        self._lookups = self._deduce.lookup_structs
        self._tokenizer = self._deduce.tokenizers["default"]
        self._names = NameLists(
            first_names=_one_word_entries(self._lookups["first_name"]),
            surnames=_one_word_entries(self._lookups["surname"])
            | frozenset(w.lower() for w in self._lookups["interfix_surname"].items() if " " not in w),
            zipf=_dutch_zipf,
            is_not_a_person=self._is_not_a_person,
        )
        _dutch_zipf("buurt")  # loads the word list now, not in the first member's request

    def scan(self, text: str, *, reference_date: date | None = None) -> list[Finding]:
        """Findings in `text`, offsets into `text` as given. `reference_date` is the day the
        text is about (a signal's conversation date; today when None).

        The detectors read a normalised copy (no invisible characters, no full-width digits,
        "[at]" written as "@"); each finding is mapped back to the characters the member typed."""
        from django.conf import settings

        normalised = normalise(text)
        found = self._scan_normalised(normalised.text, reference_date or date.today(), settings.GUARD_BIRTH_DATE_YEARS)
        results = []
        for f in found:
            start, end = normalised.original_span(f.start, f.end)
            results.append(Finding(start, end, f.kind, text[start:end], f.suggestion))
        return resolve_overlaps(results)

    def _scan_normalised(self, text: str, reference: date, years: int) -> list[Finding]:
        found: list[Finding] = []
        for detector in patterns.PATTERN_DETECTORS:
            found.extend(detector(text))
        found.extend(find_birth_dates(text, reference, years))
        found.extend(patterns.find_addresses(text, is_known_street=self._is_known_street))
        # A title or context ("mevrouw de Vries") is strong evidence: no place veto there.
        found.extend(f for f in patterns.find_titled_names(text) if not _is_plain_words(f))
        found.extend(f for f in find_names(text, self._names) if not _names_an_organisation(text, f, self._names))
        found.extend(f for f in self._deduce_findings(text, found) if not self._is_false_alarm(text, f))
        found.extend(find_recognisable(text))
        return found

    def _is_not_a_person(self, word: str) -> bool:
        """A place, street, institution, allow-listed organisation or month: never a name."""
        return (
            is_allowed_word(word)
            or bool(_STREET_WORD_RE.search(word))
            # Not the street list: many streets are named after a person ("Visser", "Roos").
            or any(self._matches(lookup, word) for lookup in _PLACE_LOOKUPS[1:])
        )

    def _matches(self, lookup: str, phrase: str) -> bool:
        tokens = [t.text for t in self._tokenizer.tokenize(phrase)]
        return bool(tokens) and self._lookups[lookup].longest_matching_prefix(tokens) == tokens

    def _is_known_street(self, phrase: str) -> bool:
        return self._matches("street", phrase)

    def _is_false_alarm(self, text: str, finding: Finding) -> bool:
        """A name from deduce's word lists that is really a place, street or organisation,
        or a Dutch word that opens a sentence ("Schimmel in de badkamer")."""
        if finding.kind is not Kind.NAME:
            return False
        if _is_plain_words(finding) or _names_an_organisation(text, finding, self._names):
            return True
        words = finding.text.split()
        if _STREET_WORD_RE.search(words[-1]) or opening_common_word(text, finding, self._names):
            return True
        capitalised = [w for w in words if w[:1].isupper()]
        phrase = " ".join(words[words.index(capitalised[0]) :])
        return any(self._matches(lookup, phrase) for lookup in _PLACE_LOOKUPS)

    def _deduce_findings(self, text: str, surer: list[Finding]) -> list[Finding]:
        doc = self._deduce.deidentify(text, disabled=_DEDUCE_GROUPS_OFF)
        results = []
        for annotation in doc.annotations:
            kind = _kind_for_tag(annotation.tag)
            if kind is None:
                continue
            for part_start, part_end in _sentence_parts(text, annotation.start_char, annotation.end_char):
                span = _trim_span(text, part_start, part_end, kind)
                if span is None or _covered(span, surer):
                    continue
                start, end = span
                if kind is Kind.ADDRESS and not re.search(r"[A-Za-z].*\d", text[start:end]):
                    continue  # a place or street without a house number is no address
                results.append(Finding(start, end, kind, text[start:end]))
        return results


def _sentence_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """deduce merges neighbouring names ("Jan de Vries. Mevrouw Blom"): cut at sentence ends."""
    parts, position = [], start
    for stop in _SENTENCE_END_RE.finditer(text, start, end):
        word = re.search(r"(\w+)$", text[position : stop.start()])
        if word and (len(word.group(1)) == 1 or word.group(1).lower() in _ABBREVIATIONS):
            continue  # "Dhr. A. de Vries": an initial or a title, not the end of a sentence
        parts.append((position, stop.start()))
        position = stop.end()
    parts.append((position, end))
    return parts


def _kind_for_tag(tag: str) -> Kind | None:
    if tag in ("persoon", "patient") or "naam" in tag or "initia" in tag:
        return Kind.NAME
    if tag == "locatie" or "straat" in tag or "huisnummer" in tag:
        return Kind.ADDRESS
    return None


def _trim_span(text: str, start: int, end: int, kind: Kind) -> tuple[int, int] | None:
    """Fit deduce's span to what gets replaced: no title in front, the whole
    surname ("Ahmad Al-Khatib") and the whole house number ("145-B") included."""
    piece = text[start:end]
    if kind is Kind.NAME:
        title = _LEADING_TITLE_RE.match(piece)
        if title:
            start += title.end()
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if kind is Kind.NAME and (head := _NAME_HEAD_RE.search(text, 0, start)):
        start = head.start()
    tail = _NAME_TAIL_RE if kind is Kind.NAME else _HOUSE_NUMBER_TAIL_RE
    more = tail.match(text, end)
    if more and not (kind is Kind.NAME and is_allowed_word(more.group().split()[-1])):
        end = more.end()
    return (start, end) if end > start else None


def _covered(span: tuple[int, int], surer: list[Finding]) -> bool:
    start, end = span
    return any(f.start <= start and end <= f.end for f in surer)


def _is_plain_words(finding: Finding) -> bool:
    """Lower-case words ("de visser" is a trade) or only allow-listed places and organisations."""
    capitalised = [w for w in finding.text.split() if w[:1].isupper()]
    return not capitalised or all(is_allowed_word(w) for w in capitalised) or is_allowed_phrase(finding.text)


_ORGANISATION_WORD_RE = re.compile(
    r"\s*-?(?:school|college|ziekenhuis|gasthuis|stichting|kliniek|lyceum|huis|centrum|kerk|fonds|museum)\b", re.I
)


def _names_an_organisation(text: str, finding: Finding, names: NameLists) -> bool:
    """ "Willem de Zwijgerschool", "Anne Frank College", "Albert Heijn": named after a person."""
    if finding.kind is not Kind.NAME:
        return False
    word = finding.text.split()[-1] + re.match(r"[\w'-]*", text[finding.end :]).group()
    return bool(
        (ORGANISATION_SUFFIX_RE.search(word) and len(word) > 6 and not names.is_name(word))
        or _ORGANISATION_WORD_RE.match(text, finding.end)
        or re.search(r"(?i:stichting|basisschool|school|st\.)\s+$", text[max(0, finding.start - 12) : finding.start])
        or is_allowed_phrase(finding.text)
    )


def _one_word_entries(trie) -> frozenset[str]:
    """The one-word entries of a deduce lookup trie, in lower case."""
    return frozenset(word.lower() for word, child in trie.children.items() if child.is_terminal)


@functools.cache
def _dutch_zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "nl")


_lock = threading.Lock()
_detector: PersonalDataDetector | None = None


def get_detector() -> PersonalDataDetector:
    """The process-wide detector, built on first use (about 6 s, 1 GiB)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                import gc

                from django.conf import settings

                _detector = PersonalDataDetector(Path(settings.DEDUCE_CACHE_DIR))
                # Keep the large lookup tables out of the garbage collector's
                # reach: faster collections and a quick process exit.
                gc.freeze()
    return _detector


def scan(text: str, *, reference_date: date | None = None) -> list[Finding]:
    return get_detector().scan(text, reference_date=reference_date)
