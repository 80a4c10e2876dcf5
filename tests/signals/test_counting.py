"""The counts per theme, district and year stay equal to the signals through every change."""

from datetime import date

import pytest
from django.db.models import Sum
from django.urls import reverse

from monitoring.models import Area
from signals.counting import counts_rebuild
from signals.models import Signal, SignalCount, Theme
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def counted() -> dict:
    """Per theme as tagged, summed over the months: (signals, residents)."""
    rows = (
        SignalCount.objects.themes()
        .filter(signals__gt=0)
        .values_list("theme", "district", "year", "kind")
        .annotate(n=Sum("signals"), r=Sum("residents"))
        .order_by()
    )
    return {(t, d, y, kind): (n, r) for t, d, y, kind, n, r in rows}


def every_row() -> set:
    """Every kept row with every figure, family rows and key sums included."""
    fields = ("theme", "family", "district", "year", "month", "kind", "signals", "residents", "key_sum")
    return set(SignalCount.objects.exclude(signals=0).values_list(*fields))


def recounted() -> dict:
    kept = every_row()
    counts_rebuild()
    assert every_row() == kept  # what every save kept is what a full recount gives
    return counted()


def test_a_new_signal_is_counted_per_theme_and_once_overall(member_client, delft):
    theme = Theme.objects.get(slug="taal")
    buitenhof = Area.objects.get(code="WK050325")
    member_client.post(
        reverse("signals:create"),
        {"conversation_date": "2025-06-01", "district": buitenhof.pk, "channel": "spreekuur", "kind": "knelpunt",
         "residents": 3, "summary": "De brieven van de gemeente zijn te moeilijk.", "themes": [theme.pk,
         Theme.objects.get(slug="eenzaamheid").pk]},
    )  # fmt: skip
    assert Signal.objects.count() == 1
    assert counted()[(0, buitenhof.pk, 2025, "knelpunt")] == (1, 3)
    assert counted()[(theme.pk, buitenhof.pk, 2025, "knelpunt")] == (1, 3)
    assert counted() == recounted()


def test_an_edit_moves_the_signal_between_counts(member_client, member, delft):
    signal = SignalFactory(created_by=member, residents=2, themes=[Theme.objects.get(slug="taal")])
    voorhof = Area.objects.get(code="WK050324")
    member_client.post(
        reverse("signals:edit", args=[signal.pk]),
        {"conversation_date": "2024-02-02", "district": voorhof.pk, "channel": "spreekuur", "kind": "knelpunt",
         "residents": 4, "summary": signal.summary, "themes": [Theme.objects.get(slug="mantelzorg").pk]},
    )  # fmt: skip
    assert SignalCount.objects.filter(year=2025).aggregate(n=Sum("signals"))["n"] == 0
    assert counted()[(Theme.objects.get(slug="mantelzorg").pk, voorhof.pk, 2024, "knelpunt")] == (1, 4)
    assert counted() == recounted()


def test_a_deleted_signal_leaves_the_counts(member_client, member, delft):
    signal = SignalFactory(created_by=member)
    SignalFactory(conversation_date=date(2025, 1, 1))
    member_client.post(reverse("signals:delete", args=[signal.pk]))
    assert not Signal.objects.filter(pk=signal.pk).exists()
    assert counted() == recounted()
    assert sum(n for (theme, _d, _y, _kind), (n, _r) in counted().items() if theme == 0) == 1


def test_a_main_theme_counts_a_signal_with_two_of_its_aspects_once(delft):
    first, second = Theme.objects.filter(parent__isnull=False, parent__slug="meedoen").order_by("pk")[:2]
    signal = SignalFactory(conversation_date=date(2025, 3, 9), themes=[first, second])
    counts_rebuild()
    family = SignalCount.objects.families().filter(theme=first.parent_id, signals__gt=0)
    assert [(row.year, row.month, row.signals, row.key_sum) for row in family] == [(2025, 3, 1, signal.record_key)]
    assert SignalCount.objects.themes().filter(theme__in=[first.pk, second.pk]).aggregate(n=Sum("signals"))["n"] == 2


def test_record_keys_are_drawn_at_random_and_summed_per_cell(delft):
    signals = SignalFactory.create_batch(40, conversation_date=date(2025, 5, 1))
    keys = [signal.record_key for signal in signals]
    assert all(0 <= key < 256 for key in keys) and len(set(keys)) > 10
    counts_rebuild()
    everything = SignalCount.objects.themes().get(theme=SignalCount.ALL_THEMES, year=2025, month=5, district=0)
    assert everything.key_sum == sum(keys)
