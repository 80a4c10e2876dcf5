from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from monitoring.models import Area
from monitoring.services.load_data import load_data_generate


class Command(BaseCommand):
    help = (
        "Fill the database with believable synthetic data to measure the pages at scale: --signals N signals "
        "(demo note texts, random districts, dates over the last five years, channels, group sizes and their "
        "themes) and --observations M observations of synthetic indicators (codes starting with 'load-', source "
        "'Synthetische belasting') per area, month and category. Adds to what is there; written in batches of "
        "5,000. Needs the municipality's areas (load_areas). Refused while DEBUG is off unless --force: never "
        "run it on a council's real database. Prints 'signals: N, observations: M'."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--signals", type=int, default=0)
        parser.add_argument("--observations", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="also with DEBUG off (a test database)")

    def handle(self, *args, signals: int, observations: int, seed: int, force: bool, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: synthetic data must not mix with real data. Use --force on a test database."
            )
        if signals < 0 or observations < 0:
            raise CommandError("--signals and --observations must be 0 or more.")
        if not Area.objects.filter(code=settings.MUNICIPALITY_CODE).exists():
            raise CommandError(
                f"Load the areas first: manage.py load_areas --municipality {settings.MUNICIPALITY_CODE}"
            )
        made = load_data_generate(signals=signals, observations=observations, seed=seed)
        self.stdout.write(f"signals: {made['signals']}, observations: {made['observations']}")
