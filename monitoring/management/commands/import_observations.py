from django.core.management.base import CommandError

from monitoring.management.importcommand import ImportCommand
from monitoring.services import observations_import


class Command(ImportCommand):
    help = (
        "Import observations, all or nothing. --format long (default): a CSV with headers exactly "
        "indicator,area,period,category,value,n,ci_low,ci_high,benchmark. --format cbs: a CBS open-data or "
        "StatLine CSV export (semicolons, a region column such as WijkenEnBuurten, a Perioden column), with "
        "--map COLUMN=INDICATOR for each column to import (repeat it) and optionally --category-column. "
        "Prints 'rows: N, new: A, changed: B, unchanged: C'. A refused file prints one line per problem "
        "('rij R, kolom K: ...') and exits non-zero; nothing is stored. --dry-run checks and counts only."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--format", choices=["long", "cbs"], default="long", help="the file format")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=INDICATOR",
            help="with --format cbs: a column of the file and the indicator code it holds",
        )
        parser.add_argument("--category-column", default="", help="with --format cbs: a column holding categories")

    def import_file(self, *, data: bytes, file_name: str, dry_run: bool, options: dict):
        mapping = {}
        for pair in options["map"]:
            column, sep, code = pair.partition("=")
            if not sep or not column.strip() or not code.strip():
                raise CommandError(f"--map needs COLUMN=INDICATOR, got {pair!r}")
            mapping[column.strip()] = code.strip()
        return observations_import(
            data=data,
            file_name=file_name,
            dry_run=dry_run,
            fmt=options["format"],
            mapping=mapping,
            category_column=options["category_column"],
        )
