from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from signals.guard import get_detector

CACHE_FILE = Path("cache") / "lookup_structs.pickle"


class Command(BaseCommand):
    help = (
        "Build the personal-data guard's lookup cache in DEDUCE_CACHE_DIR if it is not there yet "
        "(once per machine, 1 to 3 minutes). Returns at once when the cache exists; --force loads it anyway."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="load the guard even if the cache exists")

    def handle(self, *args, force: bool, **options) -> None:
        cache = Path(settings.DEDUCE_CACHE_DIR) / CACHE_FILE
        if cache.exists() and not force:
            self.stdout.write(f"guard cache present: {cache.parent}")
            return
        self.stdout.write("building the guard's word lists once for this machine (1 to 3 minutes)...")
        get_detector()
        self.stdout.write(f"guard ready; cache in {cache.parent}")
