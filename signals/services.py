"""Workflows on signals that touch more than one model."""

from __future__ import annotations

from django.db import transaction

from signals import counting
from signals.forms import SignalForm
from signals.guard.findings import GUARD_VERSIONS
from signals.models import DismissedFinding, Signal, Theme


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
    _keep_dismissals(signal=signal, marks=form.marks, user=user)
    return signal


@transaction.atomic
def theme_save(*, form) -> Theme:
    """Store a theme form. A theme moved under another main theme changes which family its signals
    count in, so the kept counts are made again (themes move rarely; a recount is exact)."""
    moved = "parent" in form.changed_data and form.instance.pk is not None
    theme = form.save()
    if moved:
        counting.counts_rebuild()
    return theme


@transaction.atomic
def signal_delete(*, signal: Signal) -> None:
    """Delete a signal and take it out of the counts."""
    counting.counts_add(counting.share_of(signal), -1)
    signal.delete()


@transaction.atomic
def signals_tag(*, signals, theme: Theme) -> int:
    """Tag the signals with the theme, keeping the counts as signal_save does (each signal's share taken
    out before and put back after). Signals that already carry it are left alone; returns how many were tagged."""
    signals = list(signals)
    through = Signal.themes.through.objects.filter(theme=theme, signal_id__in=[s.pk for s in signals])
    tagged = set(through.values_list("signal_id", flat=True))
    made = 0
    for signal in signals:
        if signal.pk in tagged:
            continue
        before = counting.share_of(signal)
        signal.themes.add(theme)
        counting.counts_add(before, -1)
        counting.counts_add(counting.share_of(signal), 1)
        tagged.add(signal.pk)
        made += 1
    return made


def _keep_dismissals(*, signal: Signal, marks: list, user) -> None:
    """Store the summary's marks without text, with their reason and the guard's version of their
    kind; earlier marks keep who made them and when."""
    wanted = {(f.kind.value, f.start, f.end): reason for f, reason in marks}
    marks_before = list(signal.dismissed_findings.all())
    # A mark made under an older version of its kind's detector was asked again: it is made anew.
    stored = {(d.kind, d.start, d.end): d.pk for d in marks_before if d.is_current}
    outdated = [d.pk for d in marks_before if not d.is_current or (d.kind, d.start, d.end) not in wanted]
    DismissedFinding.objects.filter(pk__in=outdated).delete()
    DismissedFinding.objects.bulk_create(
        DismissedFinding(
            signal=signal,
            kind=kind,
            start=start,
            end=end,
            reason=reason,
            dismissed_by=user,
            guard_version=GUARD_VERSIONS.get(kind, 1),
        )
        for (kind, start, end), reason in wanted.items()
        if (kind, start, end) not in stored
    )
