"""Dutch writes month names in lower case ("23 okt 2026"); the walkthrough found "23 Okt" in the signal list."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import SignalFactory

pytestmark = pytest.mark.django_db


def test_the_signal_list_writes_dutch_months_in_lower_case(coordinator_client, coordinator):
    SignalFactory(conversation_date=datetime.date(2025, 10, 23), created_by=coordinator)
    page = coordinator_client.get(reverse("signals:list")).content.decode()
    assert "23 okt 2025" in page
    assert "Okt" not in page


def test_the_english_list_abbreviates_months_the_english_way(coordinator_client, coordinator):
    SignalFactory(conversation_date=datetime.date(2025, 10, 23), created_by=coordinator)
    coordinator_client.cookies["django_language"] = "en"
    page = coordinator_client.get(reverse("signals:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "23 Oct. 2025" in page
