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
    rows = SignalCount.objects.filter(signals__gt=0).values_list(
        "theme", "district", "year", "kind", "signals", "residents"
    )
    return {(t, d, y, kind): (n, r) for t, d, y, kind, n, r in rows}


def recounted() -> dict:
    counts_rebuild()
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
