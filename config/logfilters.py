"""A log formatter that keeps personal data out of the logs.

Log lines can carry what a visitor typed (a path in "Not Found: ...", a query
string, an exception message or a database error quoting a row). The
fixed-shape detectors of the personal-data guard (e-mail, phone, postcode,
BSN, IBAN) are cheap regular expressions, so every formatted line, traceback
included, passes through them and what they find is replaced by its tag.
"""

import logging

from signals.guard.findings import replace_findings, resolve_overlaps
from signals.guard.patterns import find_bsns, find_emails, find_ibans, find_phones, find_postcodes

_DETECTORS = (find_emails, find_ibans, find_bsns, find_phones, find_postcodes)


def redact(text: str) -> str:
    findings = resolve_overlaps([f for detect in _DETECTORS for f in detect(text)])
    return replace_findings(text, findings) if findings else text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))
