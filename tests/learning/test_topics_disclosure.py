"""Counts of signals on the topics pages go through the disclosure rule (docs/bescherming-kleine-aantallen.md):
each district's count in a topic is its cell's perturbed count, the same cell shows the same number in
every run, 1 and 2 never show, and a small count cannot be read back from two overlapping runs."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from monitoring.services.disclosure import disclosure_rule
from signals.models import Signal
from tests.learning.test_topics_pages import make_signals, run_for

pytestmark = pytest.mark.django_db


def possible(rule, count: int) -> set[int]:
    """Every number the ptable can show for a true count."""
    if count <= 0:
        return {0}
    table = rule.ptable
    row = table.rows[min(count, table.last)]
    return {t + count - row.count for t in row.targets}


def cells(run) -> dict[tuple, tuple[int, int, int]]:
    """Per (topic's signals, district): (shown, true count, key sum)."""
    keys = dict(Signal.objects.values_list("pk", "record_key"))
    districts = dict(Signal.objects.values_list("pk", "district_id"))
    found = {}
    for topic in run.topics:
        for cell in topic["districts"]:
            members = [pk for pk in topic["signal_ids"] if districts[pk] == cell["district"]]
            found[(tuple(sorted(topic["signal_ids"])), cell["district"])] = (
                cell["shown"], len(members), sum(keys[pk] for pk in members)
            )  # fmt: skip
    return found


def test_every_district_count_is_its_cells_perturbed_count_and_never_1_or_2(coordinator, delft):
    make_signals(author=coordinator)
    rule = disclosure_rule()
    run = run_for(coordinator)
    found = cells(run)
    assert found
    for shown, count, key_sum in found.values():
        assert shown == rule.perturb(count, key_sum)
        assert shown in possible(rule, count) and shown not in (1, 2)
    for topic in run.topics:
        members = topic["signal_ids"]
        key_sum = sum(Signal.objects.filter(pk__in=members).values_list("record_key", flat=True))
        assert topic["shown"] == rule.perturb(len(members), key_sum)


def test_two_runs_over_overlapping_periods_show_the_same_number_for_the_same_cell(coordinator, delft):
    make_signals(author=coordinator, days_back=range(0, 60))
    rule = disclosure_rule()
    today = timezone.localdate()
    first = run_for(coordinator, date_from=today - datetime.timedelta(days=59), date_to=today)
    second = run_for(coordinator, date_from=today - datetime.timedelta(days=89), date_to=today)  # the same signals
    third = run_for(coordinator, date_from=today - datetime.timedelta(days=29), date_to=today)  # half of them
    a, b, c = cells(first), cells(second), cells(third)
    assert a == b  # the same signals: the same cells, the same numbers
    for found in (a, c):
        for shown, count, _key in found.values():
            if 0 < count <= 4:
                # What a member sees of a small cell fits more than one true count, in each run.
                assert len([n for n in range(0, 10) if shown in possible(rule, n)]) > 1


def test_the_page_says_a_small_district_count_as_fewer_than_k(member_client, coordinator, delft):
    make_signals(author=coordinator)
    run = run_for(coordinator)
    page = member_client.get(reverse("learning:topics_run", args=[run.pk])).content.decode()
    shown = [cell["shown"] for topic in run.topics for cell in topic["districts"]]
    assert 0 not in shown  # districts shown as 0 are left out
    if any(0 < s < 5 for s in shown):
        assert "minder dan 5" in page
    for s in shown:
        if s >= 5:
            assert f"({s})" in page
