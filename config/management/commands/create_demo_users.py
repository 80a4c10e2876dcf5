from django.core.management.base import BaseCommand, CommandError

from config.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccountsRefused, demo_accounts_create


class Command(BaseCommand):
    help = (
        "Create the demo accounts lid, coordinator, privacy and beheerder (one per role) with password "
        f"'{DEMO_PASSWORD}'. Refused when DEBUG is off. Existing accounts are left as they are."
    )

    def handle(self, *args, **options) -> None:
        try:
            created = demo_accounts_create()
        except DemoAccountsRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"demo accounts: {len(created)} created, {len(DEMO_ACCOUNTS) - len(created)} already there")
