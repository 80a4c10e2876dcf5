import os
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from signals.exporting import WRITERS, signal_rows
from signals.models import Signal


class Command(BaseCommand):
    help = (
        "Write all signals with their themes to stdout, oldest first. "
        "--format csv: one header row, themes as slugs joined by '|', cells that a spreadsheet would run "
        "as a formula start with a quote. --format jsonl: one JSON object per line, themes as a list. "
        "Columns/keys: id, conversation_date, district_code, district, channel, kind, residents, age_band, "
        "themes, summary, created_at. The author is never exported. "
        "Without --as-user (an operator on the server) every date is written in full. With --as-user USERNAME "
        "the rule of that user's role applies, as on the pages: unless the user may change every signal "
        "(coordinators), conversation_date and created_at of other members' signals hold the month only "
        "(YYYY-MM). A user who may not view signals is refused."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=sorted(WRITERS), default="csv")
        parser.add_argument(
            "--as-user",
            metavar="USERNAME",
            dest="as_user",
            help="export what this user may see: other members' dates to the month unless a coordinator",
        )

    def handle(self, *args, format: str, as_user: str | None = None, **options) -> None:
        viewer = _viewer(as_user) if as_user is not None else None
        signals = Signal.objects.with_related().order_by("conversation_date", "pk").iterator(chunk_size=1000)
        try:
            WRITERS[format](signal_rows(signals, viewer=viewer), self.stdout)
        except BrokenPipeError:
            # The reader stopped early (`| head`): not an error. Silence the final flush.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _viewer(username: str):
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Unknown user: {username!r}.")
    if not user.has_perm("signals.view_signal"):
        raise CommandError(f"User {username!r} may not view signals.")
    return user
