"""signals.services.signals_tag, which turning a topic into a theme uses: the kept counts after tagging
are what counting them again from the signals gives."""

from __future__ import annotations

import datetime

import pytest

from monitoring.models import Area
from signals import counting
from signals.models import SignalCount, Theme
from signals.services import signals_tag
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def _counts() -> list[tuple]:
    rows = SignalCount.objects.filter(signals__gt=0)
    return sorted(
        rows.values_list("theme", "family", "district", "year", "month", "kind", "signals", "residents", "key_sum")
    )


def test_tagging_keeps_the_counts_as_a_rebuild_gives_them(delft):
    districts = [*list(Area.objects.districts())[:2], None]
    aspect = Theme.objects.filter(parent__isnull=False).first()
    signals = [
        SignalFactory(
            conversation_date=datetime.date(2025, 1 + n % 3, 10), district=districts[n % 3], residents=1 + n % 4,
            kind=["knelpunt", "idee"][n % 2],
        )
        for n in range(9)
    ]  # fmt: skip
    signals[0].themes.add(aspect)  # one already carries it: left alone
    counting.counts_rebuild()
    tagged = signals_tag(signals=signals, theme=aspect)
    assert tagged == 8
    assert set(aspect.signals.values_list("pk", flat=True)) == {s.pk for s in signals}
    kept = _counts()
    counting.counts_rebuild()
    assert kept == _counts()
    assert signals_tag(signals=signals, theme=aspect) == 0  # a second time changes nothing
    assert kept == _counts()


def test_a_new_main_theme_counts_as_its_own_family(delft):
    signals = [SignalFactory() for _n in range(3)]
    theme = Theme.objects.create(name="Groen en spelen")
    signals_tag(signals=signals[:2], theme=theme)
    row = SignalCount.objects.get(theme=theme.pk, family=True)
    assert row.signals == 2
    kept = _counts()
    counting.counts_rebuild()
    assert kept == _counts()
