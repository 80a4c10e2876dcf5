from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from monitoring.services import UnknownMunicipality, areas_load


class Command(BaseCommand):
    help = (
        "Load a municipality and its districts (wijken) from the bundled CBS district list 2023. "
        "Existing areas are updated by CBS code; nothing is removed. Default: MUNICIPALITY_CODE."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--municipality", default=settings.MUNICIPALITY_CODE, help="CBS code, e.g. GM0503")

    def handle(self, *args, municipality: str, **options) -> None:
        try:
            area, created, updated = areas_load(municipality_code=municipality)
        except UnknownMunicipality as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{area.code} {area.name}: {created} districts created, {updated} updated")
