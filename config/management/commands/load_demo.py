from django.conf import settings
from django.core.management.base import BaseCommand

from config.demo import DemoAccountsRefused, demo_accounts_create
from consent.demo import demo_contacts_load
from monitoring.services import areas_load
from signals.demo import demo_signals_load


class Command(BaseCommand):
    help = (
        "Load the demo data, idempotently: the municipality (MUNICIPALITY_CODE, default Delft GM0503) and its "
        "districts and, only while DEBUG is on, the demo accounts and 400 fictional signals over the last "
        "two years, and 5 fictional contacts with consents in every state. A second run adds nothing."
    )

    def handle(self, *args, **options) -> None:
        area, created, updated = areas_load(municipality_code=settings.MUNICIPALITY_CODE)
        self.stdout.write(f"areas: {area.code} {area.name}, {created} districts created, {updated} updated")
        if not settings.DEBUG:
            # Fictional signals and accounts must never mix with a council's real data.
            self.stdout.write("demo accounts and signals: skipped (DEBUG is off)")
            return
        try:
            accounts = demo_accounts_create()
        except DemoAccountsRefused:  # pragma: no cover - DEBUG was checked above
            accounts = []
        self.stdout.write(f"demo accounts: {len(accounts)} created")
        made = demo_signals_load()
        self.stdout.write(f"signals: {made} created")
        contacts = demo_contacts_load()
        self.stdout.write(f"contacts: {contacts} created")
