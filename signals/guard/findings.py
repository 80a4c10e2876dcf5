"""What the personal-data guard reports, and how a finding is replaced."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
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
    LICENCE_PLATE = "KENTEKEN"
    # A soft kind: a phrase that may single out one person ("de enige ..."). The member
    # sees it with a suggestion and may save anyway; the choice is recorded without the text.
    RECOGNISABLE = "HERKENBAAR"

    @property
    def tag(self) -> str:
        return f"[{self.value}]"

    @property
    def is_soft(self) -> bool:
        """A hint the member may save anyway, not a finding that blocks saving."""
        return self is Kind.RECOGNISABLE


# The version of each kind's detector. Raise a kind's number whenever its detector
# changes: a rescan then checks again the spans of that kind a member had marked
# as not personal under an older version (signals/tasks.py).
# Version 2 (issue 12): every kind reads a normalised text (invisible characters, full-width
# forms and look-alikes undone), names and dates of birth have new rules, e-mail is found
# when obfuscated ("[at]"), addresses with "str."; licence plates and the soft kind are new.
GUARD_VERSIONS: dict[Kind, int] = {kind: 1 for kind in Kind} | {
    Kind.NAME: 2,
    Kind.ADDRESS: 2,
    Kind.POSTCODE: 2,
    Kind.PHONE: 2,
    Kind.EMAIL: 2,
    Kind.BSN: 2,
    Kind.IBAN: 2,
    Kind.BIRTH_DATE: 2,
}


# When two findings overlap, the one whose kind comes first here wins: shapes
# with a checksum or a fixed form are surer than a name from a word list.
PRIORITY = [
    Kind.EMAIL,
    Kind.IBAN,
    Kind.BSN,
    Kind.PHONE,
    Kind.BIRTH_DATE,
    Kind.POSTCODE,
    Kind.LICENCE_PLATE,
    Kind.ADDRESS,
    Kind.NAME,
    Kind.RECOGNISABLE,
]


@dataclass(frozen=True, order=True)
class Finding:
    start: int
    end: int
    kind: Kind
    text: str
    # What a one-click replacement puts in place of the text; empty: the kind's tag.
    suggestion: str = field(default="", compare=False)

    @property
    def replacement(self) -> str:
        return self.suggestion or self.kind.tag

    @property
    def key(self) -> str:
        """Identifies a finding across edits of the text, without holding the text."""
        digest = hashlib.sha256(f"{self.kind}:{self.text}".encode()).hexdigest()[:16]
        return f"{self.kind.value}-{digest}"

    def as_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind.value,
            "text": self.text,
            "suggestion": self.suggestion,
        }


def replace_findings(text: str, findings: list[Finding]) -> str:
    """Replace each finding by its replacement (its tag, or a soft hint's suggestion),
    working from the end so offsets stay right. A soft hint that overlaps a hard finding
    is left out: the hard finding's tag goes in, the hint's phrase stays."""
    hard = [f for f in findings if not f.kind.is_soft]
    soft = [f for f in findings if f.kind.is_soft and all(f.end <= h.start or f.start >= h.end for h in hard)]
    for finding in sorted(hard + soft, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + finding.replacement + text[finding.end :]
    return text


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep one finding per stretch of text: the longest, then the surest kind.

    Longest first, so a phone number "+31 (0)15 256 7781" is not cut down to
    the nine digits inside it that happen to pass the BSN test. Hard findings and
    soft hints are resolved apart: a hint ("de huisarts van ...") may overlap a
    name, and never removes or swallows a hard finding."""
    hard = _one_per_stretch([f for f in findings if not f.kind.is_soft])
    soft = _one_per_stretch([f for f in findings if f.kind.is_soft])
    return sorted(hard + soft)


def _one_per_stretch(findings: list[Finding]) -> list[Finding]:
    ranked = sorted(findings, key=lambda f: (-(f.end - f.start), PRIORITY.index(f.kind), f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept)
