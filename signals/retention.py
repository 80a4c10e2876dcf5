"""The retention period of signal texts (docs/adr/0009-signal-retention.md).

SIGNAL_TEXT_RETENTION_YEARS after its conversation date a signal's text is replaced by a fixed
tombstone. Its themes, district, date, kind, channel, age band and residents stay, so every count
(SignalCount) stays the same; the findings members dismissed in the text go, since their offsets
point into a text that is gone, and so does a rescan's flag.

Every step is idempotent: a signal already emptied is not due again, so a run can stop anywhere
and run again. The nightly task fans out one task per signal due (scheduled in config/celery.py);
``manage.py purge_signal_texts`` does the same in batches.
"""

from __future__ import annotations

import datetime

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from signals.models import DismissedFinding, Signal, SignalQuerySet

TOMBSTONE = "[tekst verwijderd na bewaartermijn]"
BATCH = 1000


def retention_cutoff(today: datetime.date | None = None) -> datetime.date:
    """The last conversation date whose text is due today: exactly SIGNAL_TEXT_RETENTION_YEARS ago.

    A text is due on the day its conversation is that many years old (a 29 February on 1 March)."""
    today = today or timezone.localdate()
    year = today.year - settings.SIGNAL_TEXT_RETENTION_YEARS
    try:
        return today.replace(year=year)
    except ValueError:  # today is 29 February, that year has none
        return datetime.date(year, 2, 28)


def signals_due(today: datetime.date | None = None) -> SignalQuerySet:
    """The signals whose text is past its retention period and not yet replaced."""
    return Signal.objects.filter(conversation_date__lte=retention_cutoff(today)).exclude(summary=TOMBSTONE)


def _empty(ids: list[int]) -> int:
    """Replace the texts of these signals, in two statements. No save(): the counts do not change."""
    DismissedFinding.objects.filter(signal_id__in=ids).delete()
    return Signal.objects.filter(pk__in=ids).update(summary=TOMBSTONE, guard_flagged_at=None, updated_at=timezone.now())


@transaction.atomic
def signal_text_purge(*, signal_id: int, today: datetime.date | None = None) -> bool:
    """Replace one signal's text if it is due; False when it is not due, already done or gone."""
    if signals_due(today).select_for_update().filter(pk=signal_id).values_list("pk", flat=True).first() is None:
        return False
    return _empty([signal_id]) == 1


def signal_texts_purge(*, dry_run: bool = False, today: datetime.date | None = None) -> int:
    """Replace every text due, BATCH signals per transaction; returns how many (with dry_run: are due)."""
    if dry_run:
        return signals_due(today).count()
    replaced = 0
    while True:
        with transaction.atomic():
            ids = list(signals_due(today).order_by("pk").values_list("pk", flat=True)[:BATCH])
            if not ids:
                return replaced
            replaced += _empty(ids)


@shared_task
def purge_signal_text(signal_id: int) -> bool:
    """Replace one signal's text if it is due (a no-op when not due or already done)."""
    return signal_text_purge(signal_id=signal_id)


@shared_task
def purge_signal_texts() -> int:
    """Fan out one purge per signal due (scheduled in config/celery.py); returns how many were queued."""
    ids = list(signals_due().values_list("pk", flat=True))
    for signal_id in ids:
        purge_signal_text.delay(signal_id)
    return len(ids)
