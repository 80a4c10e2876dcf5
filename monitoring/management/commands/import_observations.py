from monitoring.management.importcommand import ImportCommand
from monitoring.services import observations_import


class Command(ImportCommand):
    help = (
        "Import observations from a CSV file in the long format (headers exactly: "
        "indicator,area,period,category,value,n,ci_low,ci_high,benchmark), all or nothing. "
        "Prints 'rows: N, new: A, changed: B, unchanged: C'. A refused file prints one line per problem "
        "('rij R, kolom K: ...') and exits non-zero; nothing is stored. --dry-run checks and counts only."
    )
    importer = staticmethod(observations_import)

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--format", choices=["long"], default="long", help="the file format (long)")
