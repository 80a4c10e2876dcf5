"""The signal form helps before it refuses (issue 14): today's date is filled in, the summary's limit
stands under the box, and a failed save opens on one error summary that takes the focus."""

import re

import pytest
from django.urls import reverse
from freezegun import freeze_time

from signals.guard import scan
from signals.models import Signal
from tests.factories import SignalFactory
from tests.signals.test_signal_form import form_data

pytestmark = pytest.mark.django_db

CREATE = reverse("signals:create")


def date_input(page: str) -> str:
    return re.search(r'<input[^>]*name="conversation_date"[^>]*>', page).group(0)


@freeze_time("2025-06-01 10:00")
def test_a_new_signal_has_todays_date_filled_in(member_client):
    assert 'value="2025-06-01"' in date_input(member_client.get(CREATE).content.decode())


@freeze_time("2025-06-01 10:00")
def test_the_date_typed_is_kept_when_the_form_comes_back(member_client):
    page = member_client.post(CREATE, form_data(conversation_date="2025-05-20", themes=[])).content.decode()
    assert 'value="2025-05-20"' in date_input(page)
    page = member_client.post(CREATE, form_data(conversation_date="", themes=[])).content.decode()
    # Left empty stays empty: the member sees the error, not a guess.
    assert not re.search(r'value="\d', date_input(page))


@freeze_time("2025-06-01 10:00")
def test_editing_shows_the_signals_own_date(member_client, member):
    signal = SignalFactory(created_by=member)
    page = member_client.get(reverse("signals:edit", args=[signal.pk])).content.decode()
    assert 'value="2025-03-14"' in date_input(page)


def test_the_summarys_limit_stands_under_the_box_and_describes_it(member_client):
    page = member_client.get(CREATE).content.decode()
    textarea = re.search(r"<textarea[^>]*>", page).group(0)
    hint = re.search(r'<span[^>]*id="id_summary_limit"[^>]*>([^<]*)</span>', page)
    assert hint and hint.group(1).strip() == "Hooguit 4.000 tekens."
    assert "id_summary_helptext" in re.search(r'aria-describedby="([^"]*)"', textarea).group(1)
    assert 'id="id_summary_helptext"' in page and page.index('id="id_summary_helptext"') < hint.start()
    assert 'data-char-max="4000"' in textarea and 'data-char-hint="id_summary_limit"' in textarea
    assert "maxlength" not in textarea  # a longer paste is not cut off without a word
    assert re.search(r'<script src="[^"]*js/char-count\.js" defer>', page)


def test_the_limit_is_written_in_the_english_way_in_english(member_client):
    member_client.post(reverse("set_language"), {"language": "en"})
    page = member_client.get(CREATE).content.decode()
    assert re.search(r'id="id_summary_limit"[^>]*>[^<]*4,000', page)


def test_a_failed_save_shows_one_error_summary_that_can_take_the_focus(member_client):
    page = member_client.post(CREATE, form_data(residents="0", themes=[])).content.decode()
    assert page.count("Het signaal is nog niet opgeslagen") == 1
    summary = re.search(r'<div class="alert alert-danger"[^>]*>', page).group(0)
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert re.search(r'<script src="[^"]*js/error-summary\.js" defer>', page)


def test_a_guard_button_shows_no_error_summary(member_client):
    text = "Gesproken met Jan de Vries, bereikbaar op 06-12345678."
    phone = scan(text)[1]
    page = member_client.post(CREATE, form_data(summary=text, guard_action=f"replace:{phone.key}")).content.decode()
    assert "data-error-summary" not in page and "Vervangen door een label." in page


def test_the_save_button_posts_to_the_page_without_a_fragment(member_client):
    # A guard button leaves #guard-summary in the address; the next save must not land there again
    # but open at the error summary.
    page = member_client.get(CREATE + "?verdiepingsvraag=3").content.decode()
    form = re.search(r'<form method="post"[^>]*>', page[page.index("<main") :]).group(0)
    assert 'action="/signalen/nieuw/?verdiepingsvraag=3"' in form
    assert not Signal.objects.exists()
