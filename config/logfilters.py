"""A logging filter that keeps personal data out of the logs.

Log lines can carry what a visitor typed (a path in "Not Found: ...", an
exception message). The fixed-shape detectors of the personal-data guard
(e-mail, phone, postcode, BSN, IBAN) are cheap regular expressions, so every
record passes through them and what they find is replaced by its tag.
"""

import logging

from signals.guard.findings import replace_findings, resolve_overlaps
from signals.guard.patterns import find_bsns, find_emails, find_ibans, find_phones, find_postcodes

_DETECTORS = (find_emails, find_ibans, find_bsns, find_phones, find_postcodes)


def redact(text: str) -> str:
    findings = resolve_overlaps([f for detect in _DETECTORS for f in detect(text)])
    return replace_findings(text, findings) if findings else text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
