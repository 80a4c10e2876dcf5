from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from monitoring.models import Source


class Command(BaseCommand):
    help = (
        "Show or set the design effect of a source (default 1.5): how much larger the variance of a percentage "
        "from that source is than in a simple random sample, because of weighting and clustering. The comparison "
        "uses it to test a figure that has n but no confidence interval (docs/methodology.md). Without arguments "
        "it prints every source with its design effect; with a source's name and a number from 1 to 20 it sets it "
        "and prints the new value."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", nargs="?", help="the source's name, as on /monitoring/bronnen/")
        parser.add_argument("value", nargs="?", type=float, help="the design effect, from 1 to 20")

    def handle(self, *args, source, value, **options) -> None:
        if source is None:
            for name, effect in Source.objects.values_list("name", "design_effect"):
                self.stdout.write(f"{effect:g}\t{name}")
            return
        found = Source.objects.filter(name=source).first()
        if found is None:
            raise CommandError(f"Unknown source {source!r}.")
        if value is not None:
            try:
                found.set_design_effect(value)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"{found.design_effect:g}\t{found.name}")
