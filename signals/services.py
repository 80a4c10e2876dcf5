"""Workflows on signals that touch more than one model."""

from __future__ import annotations

from django.db import transaction

from signals import counting
from signals.forms import SignalForm
from signals.models import DismissedFinding, Signal


@transaction.atomic
def signal_save(*, form: SignalForm, user) -> Signal:
    """Store a valid signal form, with the findings the member marked as not personal."""
    is_new = form.instance.pk is None
    before = counting.share_of(form.instance)  # read from the database, before the form's changes land
    signal = form.save(commit=False)
    if is_new:
        signal.created_by = user
    signal.guard_flagged_at = None
    signal.save()
    form.save_m2m()
    counting.counts_add(before, -1)
    counting.counts_add(counting.share_of(signal), 1)
    _keep_dismissals(signal=signal, findings=form.dismissed_findings, user=user)
    return signal


@transaction.atomic
def signal_delete(*, signal: Signal) -> None:
    """Delete a signal and take it out of the counts."""
    counting.counts_add(counting.share_of(signal), -1)
    signal.delete()


def _keep_dismissals(*, signal: Signal, findings: list, user) -> None:
    """Store the findings marked as not personal; earlier marks keep who made them and when."""
    wanted = {(f.kind.value, f.start, f.end) for f in findings}
    stored = {(d.kind, d.start, d.end): d for d in signal.dismissed_findings.all()}
    signal.dismissed_findings.filter(pk__in=[d.pk for key, d in stored.items() if key not in wanted]).delete()
    DismissedFinding.objects.bulk_create(
        DismissedFinding(signal=signal, kind=kind, start=start, end=end, dismissed_by=user)
        for kind, start, end in wanted - stored.keys()
    )
