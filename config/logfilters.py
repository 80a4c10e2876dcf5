"""A log formatter that keeps personal data out of the logs.

Log lines can carry what a visitor typed (a path in "Not Found: ...", a query
string, an exception message or a database error quoting a row). The
fixed-shape detectors of the personal-data guard (e-mail, phone, postcode,
BSN, IBAN, licence plate) are cheap regular expressions, so every formatted line,
traceback included, passes through them and what they find is replaced by its tag.
They read the line normalised as the guard reads a note (no invisible characters,
full-width digits or "[at]" to hide behind); the tags replace the characters as logged.
"""

import logging

from signals.guard.findings import Finding, replace_findings, resolve_overlaps
from signals.guard.normalise import normalise
from signals.guard.patterns import find_bsns, find_emails, find_ibans, find_licence_plates, find_phones, find_postcodes

_DETECTORS = (find_emails, find_ibans, find_bsns, find_phones, find_postcodes, find_licence_plates)


def redact(text: str) -> str:
    normalised = normalise(text)
    findings = []
    for f in resolve_overlaps([f for detect in _DETECTORS for f in detect(normalised.text)]):
        start, end = normalised.original_span(f.start, f.end)
        findings.append(Finding(start, end, f.kind, text[start:end]))
    return replace_findings(text, findings) if findings else text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
