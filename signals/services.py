"""Workflows on signals that touch more than one model."""

from __future__ import annotations

from django.db import transaction

from signals.forms import SignalForm
from signals.models import DismissedFinding, Signal


@transaction.atomic
def signal_save(*, form: SignalForm, user) -> Signal:
    """Store a valid signal form, with the findings the member marked as not personal."""
    is_new = form.instance.pk is None
    signal = form.save(commit=False)
    if is_new:
        signal.created_by = user
    signal.guard_flagged_at = None
    signal.save()
    form.save_m2m()
    signal.dismissed_findings.all().delete()
    DismissedFinding.objects.bulk_create(
        DismissedFinding(signal=signal, kind=f.kind.value, start=f.start, end=f.end, dismissed_by=user)
        for f in form.dismissed_findings
    )
    return signal
