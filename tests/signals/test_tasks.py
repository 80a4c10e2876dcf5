"""The rescan task, run in-process: a better guard also protects older notes."""

import pytest

from signals.guard import Kind
from signals.guard.findings import GUARD_VERSIONS
from signals.models import DismissedFinding
from signals.tasks import rescan_all_signals, rescan_signal
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def test_a_signal_with_personal_data_is_flagged_and_a_clean_one_is_not():
    dirty = SignalFactory(summary="Bel haar op 06-12345678.")
    clean = SignalFactory(summary="Een schone notitie over de buurtbus.")
    assert rescan_signal(dirty.pk) == 1 and rescan_signal(clean.pk) == 0
    dirty.refresh_from_db()
    clean.refresh_from_db()
    assert dirty.guard_flagged_at is not None and clean.guard_flagged_at is None


def test_dismissed_findings_do_not_flag_again():
    signal = SignalFactory(summary="Mevrouw Blom van de bibliotheek helpt.")
    version = GUARD_VERSIONS[Kind.NAME]  # marked under the present detector
    DismissedFinding.objects.create(signal=signal, kind="NAAM", start=8, end=12, guard_version=version)
    assert rescan_signal(signal.pk) == 0


def test_a_deleted_signal_is_skipped():
    assert rescan_signal(987654) == 0


def test_the_weekly_job_fans_out_one_task_per_signal(eager_celery):
    clean = SignalFactory.create_batch(3)
    dirty = SignalFactory(summary="mail j@example.nl")
    assert rescan_all_signals() == 4
    dirty.refresh_from_db()
    assert dirty.guard_flagged_at is not None
    assert all(s.__class__.objects.get(pk=s.pk).guard_flagged_at is None for s in clean)
