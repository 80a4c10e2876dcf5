"""What the personal-data guard reports, and how a finding is replaced."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    NAME = "NAAM"
    ADDRESS = "ADRES"
    POSTCODE = "POSTCODE"
    PHONE = "TELEFOON"
    EMAIL = "E-MAIL"
    BSN = "BSN"
    IBAN = "IBAN"
    BIRTH_DATE = "GEBOORTEDATUM"

    @property
    def tag(self) -> str:
        return f"[{self.value}]"


# When two findings overlap, the one whose kind comes first here wins: shapes
# with a checksum or a fixed form are surer than a name from a word list.
PRIORITY = [Kind.EMAIL, Kind.IBAN, Kind.BSN, Kind.PHONE, Kind.BIRTH_DATE, Kind.POSTCODE, Kind.ADDRESS, Kind.NAME]


@dataclass(frozen=True, order=True)
class Finding:
    start: int
    end: int
    kind: Kind
    text: str

    @property
    def key(self) -> str:
        """Identifies a finding across edits of the text, without holding the text."""
        digest = hashlib.sha256(f"{self.kind}:{self.text}".encode()).hexdigest()[:16]
        return f"{self.kind.value}-{digest}"

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "kind": self.kind.value, "text": self.text}


def replace_findings(text: str, findings: list[Finding]) -> str:
    """Replace each finding by its tag, working from the end so offsets stay right."""
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + finding.kind.tag + text[finding.end :]
    return text


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep one finding per stretch of text: the longest, then the surest kind.

    Longest first, so a phone number "+31 (0)15 256 7781" is not cut down to
    the nine digits inside it that happen to pass the BSN test."""
    ranked = sorted(findings, key=lambda f: (-(f.end - f.start), PRIORITY.index(f.kind), f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept)
