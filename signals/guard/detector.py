"""The personal-data detector: deduce for names and addresses, patterns for the rest.

deduce (Dutch de-identification) recognises names and street addresses from
its word lists and context. It was built for medical records, so it also
flags places, institutions and ordinary dates; those are not personal data
in a conversation note and are dropped here. Fixed-shape data (phone, e-mail,
postcode, BSN, IBAN, date of birth) comes from signals.guard.patterns, which
also covers what deduce misses (dotted BSNs, the +31 prefix of a number).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from signals.guard import patterns
from signals.guard.allowlist import is_allowed_word
from signals.guard.findings import Finding, Kind, resolve_overlaps

# deduce processor groups we need; the others are covered by our patterns.
_DEDUCE_GROUPS_OFF = {"institutions", "dates", "ages", "identifiers", "phone_numbers", "email_addresses", "urls"}
_LEADING_TITLE_RE = re.compile(
    r"^(?:(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|de\s+heer|heer|juffrouw|dokter|dr\.?|mr\.?|"
    r"zoon|dochter|buurman|buurvrouw|opa|oma)\s+)+",
    re.IGNORECASE,
)
_TRIM = " \t\n,.;:()[]'\"-"


class PersonalDataDetector:
    """Finds personal data in a text. Build once per process: loading takes seconds."""

    def __init__(self, cache_path: Path) -> None:
        from deduce import Deduce  # imported here: the import alone loads large word lists

        cache_path.mkdir(parents=True, exist_ok=True)
        self._deduce = Deduce(cache_path=cache_path)

    def scan(self, text: str) -> list[Finding]:
        found: list[Finding] = []
        for detector in patterns.PATTERN_DETECTORS:
            found.extend(detector(text))
        found.extend(patterns.find_titled_names(text))
        found.extend(self._deduce_findings(text, found))
        return resolve_overlaps([f for f in found if not _is_false_alarm(f)])

    def _deduce_findings(self, text: str, surer: list[Finding]) -> list[Finding]:
        doc = self._deduce.deidentify(text, disabled=_DEDUCE_GROUPS_OFF)
        results = []
        for annotation in doc.annotations:
            kind = _kind_for_tag(annotation.tag)
            if kind is None:
                continue
            span = _trim_span(text, annotation.start_char, annotation.end_char, kind)
            if span is None or _covered(span, surer):
                continue
            start, end = span
            if kind is Kind.ADDRESS and not re.search(r"[A-Za-z].*\d", text[start:end]):
                continue  # a place or street without a house number is no address
            results.append(Finding(start, end, kind, text[start:end]))
        return results


def _kind_for_tag(tag: str) -> Kind | None:
    if tag in ("persoon", "patient") or "naam" in tag or "initia" in tag:
        return Kind.NAME
    if tag == "locatie" or "straat" in tag or "huisnummer" in tag:
        return Kind.ADDRESS
    return None


def _trim_span(text: str, start: int, end: int, kind: Kind) -> tuple[int, int] | None:
    piece = text[start:end]
    if kind is Kind.NAME:
        title = _LEADING_TITLE_RE.match(piece)
        if title:
            start += title.end()
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return (start, end) if end > start else None


def _covered(span: tuple[int, int], surer: list[Finding]) -> bool:
    start, end = span
    return any(f.start <= start and end <= f.end for f in surer)


def _is_false_alarm(finding: Finding) -> bool:
    if finding.kind is not Kind.NAME:
        return False
    words = finding.text.split()
    if not any(ch.isupper() for ch in finding.text):
        return True  # names are capitalised; "de visser" is a trade
    return all(is_allowed_word(w) for w in words)


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


def scan(text: str) -> list[Finding]:
    return get_detector().scan(text)
