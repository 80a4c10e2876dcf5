from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from learning.qda.schema import schema_errors
from learning.qda.services import qda_codebook_export


class Command(BaseCommand):
    help = (
        "Write the theme tree as a REFI-QDA codebook (.qdc) to OUTPUT: main themes as codes with their aspects "
        "inside, each with a GUID derived from the theme's id (a codebook edited elsewhere and read back at "
        "/leren/qda/ is matched to these themes), the theme's origin as the code's description. No signals. "
        "The file is checked against the REFI-QDA Codebook XSD before it is written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("output", metavar="OUTPUT", help="the .qdc file to write")

    def handle(self, *args, output: str, **options) -> None:
        data = qda_codebook_export()
        errors = schema_errors(data, codebook=True)
        if errors:
            raise CommandError("The codebook does not fit the REFI-QDA Codebook XSD: " + "; ".join(errors[:5]))
        Path(output).write_bytes(data)
        self.stdout.write(f"Wrote {output} ({len(data)} bytes).")
