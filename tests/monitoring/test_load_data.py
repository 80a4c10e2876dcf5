"""generate_load_data: believable synthetic signals and observations for load tests."""

import io

import pytest
from django.core.management import CommandError, call_command

from monitoring.models import Indicator, Observation
from signals.guard import scan
from signals.models import Signal

pytestmark = pytest.mark.django_db


def test_it_adds_the_asked_numbers_of_signals_and_observations(delft, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("generate_load_data", "--signals", "300", "--observations", "1000", stdout=out)
    assert out.getvalue().strip() == "signals: 300, observations: 1000"
    assert Signal.objects.count() == 300 and Observation.objects.count() == 1000
    assert all(s.themes.exists() for s in Signal.objects.all()[:50])  # every signal carries its note's themes
    assert Indicator.objects.filter(code__startswith="load-").exists()
    districts = set(Signal.objects.exclude(district=None).values_list("district__parent__code", flat=True))
    assert districts == {"GM0503"}


def test_a_second_run_adds_more_without_clashing(delft, settings):
    settings.DEBUG = True
    call_command("generate_load_data", "--observations", "500", stdout=io.StringIO())
    call_command("generate_load_data", "--observations", "500", "--seed", "2", stdout=io.StringIO())
    assert Observation.objects.count() == 1000


def test_the_synthetic_texts_hold_no_personal_data(delft, settings):
    settings.DEBUG = True
    call_command("generate_load_data", "--signals", "200", stdout=io.StringIO())
    texts = set(Signal.objects.values_list("summary", flat=True))
    assert len([t for t in texts if scan(t)]) <= 0.02 * len(texts)


def test_it_refuses_a_production_database(delft, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("generate_load_data", "--signals", "10")
    assert not Signal.objects.exists()
