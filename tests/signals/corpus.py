"""Reads the guard's test corpus: one note per line, personal data marked [[KIND:text]].

\\uXXXX in a line stands for that character, so invisible characters and look-alikes stay
readable in the file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CORPUS_FILE = Path(__file__).with_name("guard_corpus.txt")
_MARK_RE = re.compile(r"\[\[([A-Z-]+):(.+?)\]\]")
_ESCAPE_RE = re.compile(r"\\u([0-9a-fA-F]{4})")
SOFT_KINDS = {"HERKENBAAR"}


@dataclass(frozen=True)
class Expected:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Note:
    line: int
    text: str
    expected: tuple[Expected, ...]


def parse_note(line_number: int, marked: str) -> Note:
    text, expected, position = [], [], 0
    length = 0
    for m in _MARK_RE.finditer(marked):
        before = marked[position : m.start()]
        text.append(before)
        length += len(before)
        expected.append(Expected(length, length + len(m.group(2)), m.group(1)))
        text.append(m.group(2))
        length += len(m.group(2))
        position = m.end()
    text.append(marked[position:])
    return Note(line_number, "".join(text), tuple(expected))


def read_corpus(path: Path = CORPUS_FILE) -> list[Note]:
    notes = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            notes.append(parse_note(number, _ESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), line)))
    return notes


@dataclass
class Score:
    """Recall per kind (a finding of the same kind covering the whole span) and false alarms."""

    found: dict[str, int]
    total: dict[str, int]
    clean_notes: int = 0
    clean_notes_with_alarm: int = 0  # a hard finding in a clean note
    clean_notes_with_hint: int = 0  # only a soft hint (HERKENBAAR) in a clean note
    misses: list[str] | None = None
    merged: int = 0  # findings that swallow two marked spans: approving one would approve both

    def recall(self, kind: str) -> float:
        return self.found.get(kind, 0) / self.total[kind]

    @property
    def false_alarm_rate(self) -> float:
        return self.clean_notes_with_alarm / self.clean_notes if self.clean_notes else 0.0

    @property
    def hint_rate(self) -> float:
        return self.clean_notes_with_hint / self.clean_notes if self.clean_notes else 0.0

    def report(self, name: str) -> str:
        lines = [f"{name}: {sum(self.total.values())} marked spans, {self.clean_notes} clean notes"]
        lines += [
            f"  {kind:<14} recall {self.recall(kind):6.1%} ({self.found.get(kind, 0)}/{n})"
            for kind, n in sorted(self.total.items())
        ]
        lines.append(f"  findings that swallow two marked spans: {self.merged}")
        lines.append(
            f"  clean notes with a false alarm: {self.false_alarm_rate:.1%} "
            f"({self.clean_notes_with_alarm}/{self.clean_notes})"
        )
        lines.append(
            f"  clean notes with only a soft hint (HERKENBAAR): {self.hint_rate:.1%} "
            f"({self.clean_notes_with_hint}/{self.clean_notes})"
        )
        return "\n".join(lines)


def score(notes: list[Note], scan) -> Score:
    result = Score(found={}, total={}, misses=[])
    for note in notes:
        findings = scan(note.text)
        hard = [f for f in findings if f.kind.value not in SOFT_KINDS]
        for e in note.expected:
            result.total[e.kind] = result.total.get(e.kind, 0) + 1
            if any(f.kind.value == e.kind and f.start <= e.start and e.end <= f.end for f in findings):
                result.found[e.kind] = result.found.get(e.kind, 0) + 1
            else:
                result.misses.append(f"line {note.line}: {e.kind} {note.text[e.start : e.end]!r}")
        result.merged += sum(1 for f in hard if sum(f.start < e.end and e.start < f.end for e in note.expected) > 1)
        if not note.expected:
            result.clean_notes += 1
            result.clean_notes_with_alarm += bool(hard)
            result.clean_notes_with_hint += bool(findings) and not hard
    return result


REPORTS: list[str] = []  # printed at the end of the test run by tests/conftest.py
