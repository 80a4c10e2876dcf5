"""The conversation date has a lower bound (SIGNALS_START_YEAR, at most ten years back), and periods
before the first real signal never enter the comparison (issue 10)."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from monitoring.services.comparing import comparison_years, first_logged
from signals.counting import counts_rebuild
from signals.models import Signal, Theme, conversation_date_lower_bound
from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("signals:create")


def form_data(**overrides):
    data = {
        "conversation_date": "2025-03-14",
        "district": "",
        "channel": "spreekuur",
        "kind": "knelpunt",
        "residents": "1",
        "age_band": "",
        "summary": "Een bewoner mist de buurtbus naar het winkelcentrum.",
        "themes": [str(Theme.objects.get(slug="vervoer-en-bereikbaarheid").pk)],
        "dismissed": "",
    }
    return {**data, **overrides}


@freeze_time("2026-06-01")
def test_a_date_before_the_council_started_is_refused_with_a_dutch_message_on_the_field(member_client, settings):
    settings.SIGNALS_START_YEAR = 2024
    response = member_client.post(CREATE, form_data(conversation_date="1900-01-01"))
    page = response.content.decode()
    assert response.status_code == 200 and not Signal.objects.exists()
    assert "De datum van het gesprek kan niet vóór 1 januari 2024 liggen" in page
    assert 'id="id_conversation_date"' in page and "is-invalid" in page  # the message belongs to the field


@freeze_time("2026-06-01")
def test_the_first_day_of_the_start_year_is_allowed(member_client, settings):
    settings.SIGNALS_START_YEAR = 2024
    member_client.post(CREATE, form_data(conversation_date="2024-01-01"))
    assert Signal.objects.get().conversation_date == datetime.date(2024, 1, 1)


@freeze_time("2026-06-01")
def test_the_bound_lies_at_most_ten_years_back(settings):
    settings.SIGNALS_START_YEAR = 2024
    assert conversation_date_lower_bound() == datetime.date(2024, 1, 1)
    settings.SIGNALS_START_YEAR = 1990
    assert conversation_date_lower_bound() == datetime.date(2016, 1, 1)


@freeze_time("2026-06-01")
def test_a_signal_dated_1900_never_enters_the_comparison(delft, settings):
    settings.SIGNALS_START_YEAR = 2024
    theme = Theme.objects.get(slug="eenzaamheid")
    # Stored before the rule existed (or by an import that skips the form).
    SignalFactory(conversation_date=datetime.date(1900, 1, 1), themes=[theme], created_by=None)
    for day in (3, 4, 5):
        SignalFactory(conversation_date=datetime.date(2025, 11, day), themes=[theme], created_by=None)
    counts_rebuild()
    assert first_logged() == datetime.date(2025, 11, 1)
    assert comparison_years() == [2025]
    out = io.StringIO()
    call_command("compare", "--format", "json", stdout=out)
    row = next(r for r in json.loads(out.getvalue()) if r["slug"] == "eenzaamheid")
    assert row["signals"] == 3  # 1900 is no earlier year and adds nothing
    assert "1900" not in out.getvalue()
