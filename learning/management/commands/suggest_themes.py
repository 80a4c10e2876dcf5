import json
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from learning.suggestions.services import NoModel, suggestions_for_lines


class Command(BaseCommand):
    help = (
        "Suggest themes for each line of FILE (one text a line; '-' reads standard input) with the newest "
        'stored model. Prints one JSON object a line: {"line": N, "suggestions": [{"theme": slug, '
        '"confidence": 0.xx}, ...]}, best first. --top K (default 3); --min-confidence X (default '
        "SUGGEST_MIN_CONFIDENCE; 0 shows the best K whatever their confidence). Fails when no model is trained."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--top", type=int, default=3)
        parser.add_argument("--min-confidence", type=float, default=None)

    def handle(self, *args, **options) -> None:
        top, minimum = options["top"], options["min_confidence"]
        if top < 1:
            raise CommandError("--top must be 1 or more")
        minimum = settings.SUGGEST_MIN_CONFIDENCE if minimum is None else minimum
        if not 0 <= minimum <= 1:
            raise CommandError("--min-confidence must lie between 0 and 1")
        lines = self._read(options["file"])
        try:
            results = suggestions_for_lines(lines=lines, top=top, min_confidence=minimum)
        except NoModel:
            raise CommandError("no theme model has been trained yet: run `manage.py train_theme_model` first") from None
        for number, suggestions in enumerate(results, start=1):
            row = [{"theme": s.theme, "confidence": round(s.confidence, 2)} for s in suggestions]
            self.stdout.write(json.dumps({"line": number, "suggestions": row}, ensure_ascii=False))

    def _read(self, name: str) -> list[str]:
        if name == "-":
            return sys.stdin.read().splitlines()
        try:
            with open(name, encoding="utf-8") as handle:
                return handle.read().splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {name}: {error.__class__.__name__}") from None
