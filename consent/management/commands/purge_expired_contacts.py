from django.core.management.base import BaseCommand

from consent.services import purge_expired


class Command(BaseCommand):
    help = (
        "End every consent past its end date, then erase the personal fields of each contact that has no "
        "active consent left (a bare record stays as proof of when and why consent ended). Idempotent; safe to "
        "stop and run again. --dry-run counts without changing anything. Prints: "
        "'consents ended: N' and 'contacts erased: M'."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what would be done, change nothing")

    def handle(self, *args, dry_run: bool, **options) -> None:
        result = purge_expired(dry_run=dry_run)
        prefix = "would be " if dry_run else ""
        self.stdout.write(f"consents {prefix}ended: {result.consents_ended}")
        self.stdout.write(f"contacts {prefix}erased: {result.contacts_erased}")
