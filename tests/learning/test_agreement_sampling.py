"""Drawing a round's sample: its size, its filters, a seed that draws the same sample again, and only
signals the invited members may read, with a text to read."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from learning.agreement import sampling, services
from learning.agreement.forms import RoundForm
from signals.models import Theme
from signals.retention import TOMBSTONE
from tests.factories import AreaFactory, SignalFactory, UserFactory

pytestmark = pytest.mark.django_db


def lid(name: str):
    user = UserFactory(username=name)
    user.groups.add(Group.objects.get(name="lid"))
    return user


@pytest.fixture
def members(member):
    return [member, lid("tweede-lid")]


def make(n: int, **kwargs) -> list:
    """n signals by one author (an account per signal would hash a password each time: slow)."""
    return SignalFactory.create_batch(n, created_by=UserFactory(username="schrijver"), **kwargs)


def test_the_sample_has_the_size_asked_and_no_signal_twice(coordinator, members):
    make(30)
    agreement_round = services.round_create(user=coordinator, size=12, members=members)
    ids = list(agreement_round.round_signals.values_list("signal_id", flat=True))
    assert len(ids) == 12 == len(set(ids))
    assert list(agreement_round.round_signals.values_list("position", flat=True)) == list(range(1, 13))
    assert agreement_round.members.count() == 2


def test_the_same_seed_draws_the_same_signals_in_the_same_order(coordinator, members):
    make(40)
    first = services.round_create(user=coordinator, size=10, members=members, seed=20250314)
    second = services.round_create(user=coordinator, size=10, members=members, seed=20250314)
    other = services.round_create(user=coordinator, size=10, members=members, seed=7)
    order = lambda r: list(r.round_signals.values_list("signal_id", flat=True))  # noqa: E731
    assert order(first) == order(second) != order(other)
    assert first.seed == 20250314


def test_the_seed_is_stored_and_explains_the_sample(coordinator, members):
    signals = make(25)
    agreement_round = services.round_create(user=coordinator, size=8, members=members)
    drawn = sampling.draw([s.pk for s in reversed(signals)], 8, agreement_round.seed)
    assert drawn == list(agreement_round.round_signals.values_list("signal_id", flat=True))


def test_filters_on_theme_district_and_period_choose_the_pool(coordinator, members, delft):
    district = AreaFactory(level="wijk", parent=delft)
    theme = Theme.objects.get(slug="eenzaamheid")
    other_theme = Theme.objects.exclude(pk=theme.pk).filter(parent__isnull=True).first()
    inside = make(6, district=district, conversation_date=datetime.date(2025, 3, 10))
    make(4, district=district, conversation_date=datetime.date(2024, 3, 10))  # too early
    make(4, conversation_date=datetime.date(2025, 3, 10))  # no district
    make(4, district=district, conversation_date=datetime.date(2025, 3, 10), themes=[other_theme])
    agreement_round = services.round_create(
        user=coordinator,
        size=6,
        members=members,
        theme=theme,
        district=district,
        date_from=datetime.date(2025, 1, 1),
        date_to=datetime.date(2025, 12, 31),
    )
    assert set(agreement_round.round_signals.values_list("signal_id", flat=True)) == {s.pk for s in inside}
    with pytest.raises(services.NotEnoughSignals):
        services.round_create(user=coordinator, size=11, members=members, theme=theme, district=district)


def test_no_text_past_its_retention_nor_a_flagged_text_comes_in(coordinator, members):
    readable = make(3)
    make(1, summary=TOMBSTONE)
    make(1, guard_flagged_at=timezone.now())
    agreement_round = services.round_create(user=coordinator, size=3, members=members)
    assert set(agreement_round.round_signals.values_list("signal_id", flat=True)) == {s.pk for s in readable}
    with pytest.raises(services.NotEnoughSignals):
        services.round_create(user=coordinator, size=4, members=members)


def test_only_members_who_may_read_signals_can_be_invited(coordinator, member, privacy_officer):
    offered = RoundForm().fields["members"].queryset
    assert member in offered and coordinator in offered
    assert privacy_officer not in offered
    form = RoundForm({"size": 5, "members": [member.pk, privacy_officer.pk]})
    assert not form.is_valid() and "members" in form.errors
    with pytest.raises(ValueError):
        services.round_create(user=coordinator, size=5, members=[member, privacy_officer])


def test_one_member_is_not_enough(member):
    form = RoundForm({"size": 5, "members": [member.pk]})
    assert not form.is_valid()
    assert "twee of meer" in str(form.errors["members"])


def test_letters_do_not_follow_the_order_of_names():
    seen = {tuple(sampling.letters(4, seed)) for seed in range(30)}
    assert len(seen) > 1
    assert all(sorted(letters) == ["A", "B", "C", "D"] for letters in seen)
