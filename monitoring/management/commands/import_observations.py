from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from monitoring.importing import FileRefused
from monitoring.services import observations_import


class Command(BaseCommand):
    help = (
        "Import observations from a CSV file in the long format (headers exactly: "
        "indicator,area,period,category,value,n,ci_low,ci_high,benchmark), all or nothing. "
        "Prints 'rows: N, new: A, changed: B, unchanged: C'. A refused file prints one line per problem "
        "('rij R, kolom K: ...') and exits non-zero; nothing is stored. --dry-run checks and counts only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["long"], default="long", help="the file format (long)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        try:
            summary = observations_import(data=data, file_name=path.name, dry_run=dry_run)
        except FileRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{path.name} refused: {len(refused.errors)} problem(s); nothing was stored.") from None
        self.stdout.write(
            f"rows: {summary.rows}, new: {summary.created}, changed: {summary.changed}, unchanged: {summary.unchanged}"
        )
