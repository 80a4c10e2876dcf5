import io
import json
import sys
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError

from signals.guard import scan


class Command(BaseCommand):
    help = (
        "Scan texts for personal data with the guard the signal form uses. Reads one text per line from FILE "
        "('-' for stdin), UTF-8, and prints one JSON object per line: "
        '{"line": N, "findings": [{"start": S, "end": E, "kind": K, "text": T}]}, '
        "N counting from 1, S and E character offsets in the line, K one of NAAM, ADRES, POSTCODE, TELEFOON, "
        "E-MAIL, BSN, IBAN, GEBOORTEDATUM, KENTEKEN, or HERKENBAAR (a soft hint: a phrase that may single out "
        "one person)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="a UTF-8 text file, or - for stdin")

    def handle(self, *args, file: str, **options) -> None:
        with self._open(file) as handle:
            try:
                for number, line in enumerate(handle, start=1):
                    findings = [_as_json(f) for f in scan(line.rstrip("\r\n"))]
                    self.stdout.write(json.dumps({"line": number, "findings": findings}, ensure_ascii=False))
            except UnicodeDecodeError:
                raise CommandError(f"{file} is not UTF-8 text.") from None

    def _open(self, file: str) -> TextIO:
        if file == "-":
            buffer = getattr(sys.stdin, "buffer", None)
            return io.TextIOWrapper(buffer, encoding="utf-8") if buffer else sys.stdin
        try:
            return open(file, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None


def _as_json(finding) -> dict:
    """The output format keeps its four fields; a hint's suggestion is for the form only."""
    return {"start": finding.start, "end": finding.end, "kind": finding.kind.value, "text": finding.text}
