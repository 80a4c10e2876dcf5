"""The shared shape of the import commands: read a file, import all or nothing, print a summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from monitoring.analysis.importing import FileRefused


class ImportCommand(BaseCommand):
    importer = None  # a service taking data=, file_name=, dry_run= and returning an ImportSummary

    def import_file(self, *, data: bytes, file_name: str, dry_run: bool, options: dict):
        return type(self).importer(data=data, file_name=file_name, dry_run=dry_run)

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and count, store nothing")

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
        try:
            summary = self.import_file(data=data, file_name=path.name, dry_run=dry_run, options=options)
        except FileRefused as refused:
            for error in refused.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{path.name} refused: {len(refused.errors)} problem(s); nothing was stored.") from None
        self.stdout.write(
            f"rows: {summary.rows}, new: {summary.created}, changed: {summary.changed}, unchanged: {summary.unchanged}"
        )
