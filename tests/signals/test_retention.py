"""The retention period of signal texts: after SIGNAL_TEXT_RETENTION_YEARS the text becomes a
tombstone, and everything the counts need stays."""

import datetime
import io

import pytest
from django.core.management import call_command
from freezegun import freeze_time

from signals.counting import counts_rebuild
from signals.models import DismissedFinding, Signal, SignalCount, Theme
from signals.retention import (
    TOMBSTONE,
    purge_signal_text,
    purge_signal_texts,
    retention_cutoff,
    signal_text_purge,
    signal_texts_purge,
    signals_due,
)
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 3, 14)
TEXT = "Mevrouw Blom van de bibliotheek helpt met formulieren."


@pytest.fixture(autouse=True)
def five_years(settings):
    settings.SIGNAL_TEXT_RETENTION_YEARS = 5


def signal_on(day: datetime.date, **extra) -> Signal:
    return SignalFactory(conversation_date=day, summary=TEXT, **extra)


def summary(signal: Signal) -> str:
    return Signal.objects.get(pk=signal.pk).summary


def counts() -> list[tuple]:
    return sorted(
        SignalCount.objects.values_list(
            "theme", "family", "district", "year", "month", "kind", "signals", "residents", "key_sum"
        )
    )


# When a text is due


def test_a_text_is_due_on_the_day_its_conversation_is_five_years_old():
    assert retention_cutoff(TODAY) == datetime.date(2025, 3, 14)
    due, day_later = signal_on(datetime.date(2025, 3, 14)), signal_on(datetime.date(2025, 3, 15))
    older = signal_on(datetime.date(2024, 6, 1))
    assert set(signals_due(TODAY)) == {due, older}
    assert signal_text_purge(signal_id=day_later.pk, today=TODAY) is False
    assert summary(day_later) == TEXT


def test_a_leap_day_is_due_on_the_first_of_march():
    leap = signal_on(datetime.date(2024, 2, 29))
    assert not signals_due(datetime.date(2029, 2, 28)).exists()
    assert list(signals_due(datetime.date(2029, 3, 1))) == [leap]
    assert retention_cutoff(datetime.date(2032, 2, 29)) == datetime.date(2027, 2, 28)


def test_the_setting_sets_the_period(settings):
    recent = signal_on(datetime.date(2028, 1, 1))
    assert not signals_due(TODAY).exists()
    settings.SIGNAL_TEXT_RETENTION_YEARS = 2
    assert list(signals_due(TODAY)) == [recent]


# What the purge does


def test_the_purge_keeps_everything_but_the_text(delft):
    themes = [Theme.objects.get(slug="taal"), Theme.objects.get(slug="eenzaamheid")]
    buitenhof = delft.children.get(code="WK050325")
    old = signal_on(datetime.date(2024, 5, 2), themes=themes, district=buitenhof, residents=3, age_band="80+")
    assert signal_text_purge(signal_id=old.pk, today=TODAY) is True
    old.refresh_from_db()
    assert old.summary == TOMBSTONE == "[tekst verwijderd na bewaartermijn]"
    assert set(old.themes.all()) == set(themes)
    assert (old.district, old.conversation_date, old.kind, old.residents, old.age_band) == (
        buitenhof,
        datetime.date(2024, 5, 2),
        "knelpunt",
        3,
        "80+",
    )


def test_the_counts_do_not_change(delft):
    signal_on(datetime.date(2024, 5, 2), themes=[Theme.objects.get(slug="taal")], residents=4)
    signal_on(datetime.date(2023, 1, 9), district=delft.children.get(code="WK050325"))
    signal_on(datetime.date(2029, 12, 1))
    before = counts()
    assert signal_texts_purge(today=TODAY) == 2
    assert counts() == before
    counts_rebuild()  # the nightly safety net counts the same from the emptied signals
    assert counts() == before


def test_dismissed_findings_and_the_flag_go_with_the_text():
    old, recent = signal_on(datetime.date(2024, 5, 2)), signal_on(datetime.date(2029, 5, 2))
    for signal in (old, recent):
        DismissedFinding.objects.create(signal=signal, kind="NAAM", start=9, end=13)
    Signal.objects.filter(pk=old.pk).update(guard_flagged_at=datetime.datetime(2029, 1, 1, tzinfo=datetime.UTC))
    signal_texts_purge(today=TODAY)
    assert not DismissedFinding.objects.filter(signal=old).exists()
    assert DismissedFinding.objects.filter(signal=recent).count() == 1
    assert Signal.objects.get(pk=old.pk).guard_flagged_at is None
    assert summary(recent) == TEXT


def test_the_purge_is_idempotent():
    old = signal_on(datetime.date(2024, 5, 2))
    assert signal_texts_purge(today=TODAY) == 1
    assert signal_texts_purge(today=TODAY) == 0
    assert signal_text_purge(signal_id=old.pk, today=TODAY) is False
    assert summary(old) == TOMBSTONE


def test_a_dry_run_counts_and_changes_nothing():
    olds = [signal_on(datetime.date(2024, 5, d)) for d in (1, 2, 3)]
    signal_on(datetime.date(2029, 5, 2))
    assert signal_texts_purge(dry_run=True, today=TODAY) == 3
    assert all(summary(s) == TEXT for s in olds)


def test_the_purge_works_through_more_than_one_batch(monkeypatch):
    monkeypatch.setattr("signals.retention.BATCH", 2)
    olds = [signal_on(datetime.date(2024, 5, d)) for d in range(1, 6)]
    assert signal_texts_purge(today=TODAY) == 5
    assert all(summary(s) == TOMBSTONE for s in olds)


# The tasks and the command


@freeze_time("2030-03-14 12:00:00")
def test_the_nightly_task_fans_out_one_task_per_signal_due(eager_celery):
    olds = [signal_on(datetime.date(2024, 5, d)) for d in (1, 2)]
    recent = signal_on(datetime.date(2029, 5, 2))
    assert purge_signal_texts.delay().get() == 2
    assert all(summary(s) == TOMBSTONE for s in olds) and summary(recent) == TEXT
    assert purge_signal_texts() == 0  # nothing due any more
    assert purge_signal_text.delay(recent.pk).get() is False
    assert purge_signal_text(987654) is False  # a signal deleted meanwhile


def test_celery_knows_every_scheduled_task():
    from config.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "signals.retention.purge_signal_texts" in scheduled
    assert scheduled <= set(app.tasks)


@freeze_time("2030-03-14 12:00:00")
def test_the_command_prints_one_line():
    signal_on(datetime.date(2024, 5, 2))
    signal_on(datetime.date(2029, 5, 2))
    out = io.StringIO()
    call_command("purge_signal_texts", "--dry-run", stdout=out)
    assert out.getvalue() == "signal texts due: 1\n"
    for expected in ("signal texts replaced: 1\n", "signal texts replaced: 0\n"):
        out = io.StringIO()
        call_command("purge_signal_texts", stdout=out)
        assert out.getvalue() == expected


def test_the_tombstone_passes_the_guard():
    from signals.tasks import rescan_signal

    old = signal_on(datetime.date(2024, 5, 2))
    signal_texts_purge(today=TODAY)
    assert rescan_signal(old.pk) == 0
