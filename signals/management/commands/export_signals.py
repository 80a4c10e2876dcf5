import os
import sys

from django.core.management.base import BaseCommand

from signals.exporting import WRITERS, signal_rows
from signals.models import Signal


class Command(BaseCommand):
    help = (
        "Write all signals with their themes to stdout, oldest first. "
        "--format csv: one header row, themes as slugs joined by '|', cells that a spreadsheet would run "
        "as a formula start with a quote. --format jsonl: one JSON object per line, themes as a list. "
        "Columns/keys: id, conversation_date, district_code, district, channel, kind, residents, age_band, "
        "themes, summary, created_at. The author is never exported."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=sorted(WRITERS), default="csv")

    def handle(self, *args, format: str, **options) -> None:
        signals = Signal.objects.with_related().order_by("conversation_date", "pk").iterator(chunk_size=1000)
        try:
            WRITERS[format](signal_rows(signals), self.stdout)
        except BrokenPipeError:
            # The reader stopped early (`| head`): not an error. Silence the final flush.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
