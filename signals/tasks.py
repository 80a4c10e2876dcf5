"""Background work on signals. Thin: take ids, call the guard, store the result."""

from celery import shared_task
from django.utils import timezone

from signals import guard
from signals.counting import counts_rebuild
from signals.models import Signal


@shared_task
def rescan_signal(signal_id: int) -> int:
    """Scan a stored signal again; flag it when findings stand that no one dismissed.

    A mark made under an older version of its kind's detector no longer counts: the better
    detector asks again. Returns the number of open findings (0 when the signal is gone).
    """
    signal = Signal.objects.filter(pk=signal_id).first()
    if signal is None:
        return 0
    dismissed = {(d.kind, d.start, d.end) for d in signal.dismissed_findings.all() if d.is_current}
    found = guard.scan(signal.summary, reference_date=signal.conversation_date)
    # A soft hint (HERKENBAAR) does not flag a signal: the member may save with it.
    open_findings = [f for f in found if not f.kind.is_soft and (f.kind.value, f.start, f.end) not in dismissed]
    flagged_at = timezone.now() if open_findings else None
    if flagged_at is not None or signal.guard_flagged_at is not None:
        Signal.objects.filter(pk=signal_id).update(guard_flagged_at=flagged_at)
    return len(open_findings)


@shared_task
def rescan_all_signals() -> int:
    """Fan out one rescan per signal (scheduled in config/celery.py)."""
    ids = list(Signal.objects.values_list("pk", flat=True))
    for signal_id in ids:
        rescan_signal.delay(signal_id)
    return len(ids)


@shared_task
def rebuild_signal_counts() -> None:
    """Count all signals again (scheduled in config/celery.py): a safety net under the counts
    that every save and delete keeps up to date, e.g. after a fix made directly in the database."""
    counts_rebuild()
