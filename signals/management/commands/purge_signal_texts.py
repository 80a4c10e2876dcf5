from django.core.management.base import BaseCommand

from signals.retention import TOMBSTONE, signal_texts_purge


class Command(BaseCommand):
    help = (
        "Replace the text of every signal whose conversation date lies SIGNAL_TEXT_RETENTION_YEARS (default 5) "
        f"years or more back by '{TOMBSTONE}'. Themes, district, "
        "date, kind, channel, age band and residents stay, so no count changes; the findings members dismissed "
        "in the text are deleted. Idempotent, in batches of 1,000: safe to stop and run again. "
        "Prints one line: 'signal texts replaced: N' (with --dry-run: 'signal texts due: N', changing nothing)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count the texts due, change nothing")

    def handle(self, *args, dry_run: bool, **options) -> None:
        count = signal_texts_purge(dry_run=dry_run)
        self.stdout.write(f"signal texts {'due' if dry_run else 'replaced'}: {count}")
