"""Following up a verdict: data requests to the municipality and the council's follow-up inquiries,
with signals logged under an inquiry and counted per district without giving away small numbers."""

import re

import pytest
from django.urls import reverse

from monitoring.analysis.disclosure import Rule
from monitoring.models import DataRequest, Inquiry
from signals.models import Signal, Theme
from tests.exact_counts import show_counts_exactly
from tests.factories import DataRequestFactory, InquiryFactory, SignalFactory

pytestmark = pytest.mark.django_db

DATA_REQUESTS = reverse("monitoring:data_requests")
NEW_DATA_REQUEST = reverse("monitoring:data_request_create")
INQUIRIES = reverse("monitoring:inquiries")
NEW_SIGNAL = reverse("signals:create")


@pytest.fixture
def loneliness(db):
    return Theme.objects.get(slug="eenzaamheid")


def status_url(item) -> str:
    return reverse("monitoring:data_request_status", args=[item.pk])


def selected(page: str, name: str) -> list[str]:
    """The values chosen in a select on the page."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


# Data requests


def test_a_data_request_is_prefilled_from_a_comparison_row(coordinator_client, loneliness, buitenhof):
    SignalFactory.create_batch(6, district=buitenhof)  # eenzaamheid in 2025, and no figures: a data gap
    url = f"{NEW_DATA_REQUEST}?thema={loneliness.pk}&gebied=WK050325&periode=2025&oordeel=datagat"
    page = coordinator_client.get(url).content.decode()
    assert selected(page, "theme") == [str(loneliness.pk)]
    assert selected(page, "area") == [str(buitenhof.pk)]
    assert selected(page, "verdict") == ["datagat"] and selected(page, "level") == ["wijk"]
    assert 'name="period" value="2025"' in page
    assert "Oordeel in de vergelijking: datagat" in page
    assert "Er zijn geen cijfers over eenzaamheid in Buitenhof" in page  # the comparison's own explanation


def test_wrong_link_parameters_are_left_out_with_a_message(coordinator_client, loneliness, delft):
    url = f"{NEW_DATA_REQUEST}?thema=abc&gebied=WK999999&periode=1800&oordeel=onzin"
    response = coordinator_client.get(url)
    page = response.content.decode()
    assert response.status_code == 200 and "Een deel van de link klopt niet" in page
    assert selected(page, "theme") == [""] and selected(page, "verdict") == [""]
    right_theme = coordinator_client.get(f"{NEW_DATA_REQUEST}?thema={loneliness.pk}&periode=soon").content.decode()
    assert selected(right_theme, "theme") == [str(loneliness.pk)]


def test_a_new_data_request_is_stored_as_a_draft(coordinator_client, coordinator, loneliness, buitenhof):
    response = coordinator_client.post(
        f"{NEW_DATA_REQUEST}?thema={loneliness.pk}&gebied=WK050325&periode=2025&oordeel=datagat",
        {
            "theme": loneliness.pk,
            "area": buitenhof.pk,
            "period": "2025",
            "verdict": "datagat",
            "which_data": "Gebruik van sociale media door 65-plussers",
            "why": "Leden horen het vaak; er zijn geen cijfers.",
            "level": "wijk",
        },
    )
    stored = DataRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring:data_request", args=[stored.pk])
    assert stored.status == "concept" and stored.created_by == coordinator
    assert (stored.theme, stored.area, stored.period, stored.verdict) == (loneliness, buitenhof, 2025, "datagat")


def test_a_data_request_needs_what_and_why_and_keeps_what_was_typed(coordinator_client, loneliness):
    response = coordinator_client.post(
        NEW_DATA_REQUEST,
        {"theme": loneliness.pk, "which_data": "Cijfers over dagbesteding", "why": " ", "level": "wijk"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'href="#id_why"' in page
    assert "Cijfers over dagbesteding" in page
    assert not DataRequest.objects.exists()


def test_a_data_request_goes_from_draft_to_delivered(coordinator_client, coordinator):
    item = DataRequestFactory(created_by=coordinator)
    for status in ("ingediend", "toegezegd", "geleverd"):
        response = coordinator_client.post(status_url(item), {"status": status}, follow=True)
        assert f"heeft nu de status „{status}”" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "geleverd"
    page = coordinator_client.get(reverse("monitoring:data_request", args=[item.pk])).content.decode()
    assert "is afgerond" in page and 'name="status"' not in page


@pytest.mark.parametrize(
    ("start", "wanted"),
    [("concept", "geleverd"), ("concept", "toegezegd"), ("geleverd", "afgewezen"), ("afgewezen", "ingediend")],
)
def test_a_data_request_skips_no_step_and_a_finished_one_stays(coordinator_client, coordinator, start, wanted):
    item = DataRequestFactory(created_by=coordinator, status=start)
    response = coordinator_client.post(status_url(item), {"status": wanted}, follow=True)
    assert response.status_code == 200 and "Er is niets veranderd" in response.content.decode()
    item.refresh_from_db()
    assert item.status == start


def test_an_unknown_status_is_refused_without_an_error_page(coordinator_client, coordinator):
    item = DataRequestFactory(created_by=coordinator)
    response = coordinator_client.post(status_url(item), {"status": "weg"}, follow=True)
    assert response.status_code == 200 and "kan niet naar „onbekend”" in response.content.decode()
    assert coordinator_client.get(status_url(item)).status_code == 405


def test_the_detail_page_offers_only_the_next_statuses(coordinator_client, coordinator):
    item = DataRequestFactory(created_by=coordinator, status="ingediend")
    page = coordinator_client.get(reverse("monitoring:data_request", args=[item.pk])).content.decode()
    assert re.findall(r'name="status" value="(\w+)"', page) == ["toegezegd", "afgewezen"]


def test_the_data_request_list_filters_by_status(coordinator_client, coordinator):
    DataRequestFactory(created_by=coordinator, which_data="Cijfers over schuldhulp")
    DataRequestFactory(created_by=coordinator, which_data="Cijfers over mantelzorg", status="toegezegd")
    page = coordinator_client.get(DATA_REQUESTS + "?status=toegezegd").content.decode()
    assert "Cijfers over mantelzorg" in page and "Cijfers over schuldhulp" not in page
    everything = coordinator_client.get(DATA_REQUESTS + "?status=weet-niet")
    assert everything.status_code == 200 and "2 datavragen" in everything.content.decode()


def test_the_data_request_list_needs_no_query_per_row(
    coordinator_client, coordinator, buitenhof, django_assert_max_num_queries
):
    for _n in range(8):
        DataRequestFactory(created_by=coordinator, area=buitenhof, period=2025, verdict="datagat")
    with django_assert_max_num_queries(10):
        page = coordinator_client.get(DATA_REQUESTS).content.decode()
    assert page.count("Buitenhof · 2025") == 8


def test_members_do_not_see_or_change_data_requests(member_client, coordinator):
    item = DataRequestFactory(created_by=coordinator)
    assert member_client.get(DATA_REQUESTS).status_code == 403
    assert member_client.get(NEW_DATA_REQUEST).status_code == 403
    assert member_client.post(status_url(item), {"status": "ingediend"}).status_code == 403
    item.refresh_from_db()
    assert item.status == "concept"


# Inquiries


def signal_data(**overrides):
    data = {
        "conversation_date": "2025-03-14",
        "district": "",
        "channel": "spreekuur",
        "kind": "knelpunt",
        "residents": "1",
        "age_band": "",
        "summary": "Een bewoner stopte met de dagbesteding omdat het busje niet meer komt.",
        "themes": [str(Theme.objects.get(slug="eenzaamheid").pk)],
        "dismissed": "",
    }
    data.update(overrides)
    return data


def test_a_coordinator_opens_an_inquiry_prefilled_from_a_row(coordinator_client, coordinator, loneliness, buitenhof):
    url = f"{reverse('monitoring:inquiry_create')}?thema={loneliness.pk}&gebied=WK050325"
    page = coordinator_client.get(url).content.decode()
    assert selected(page, "theme") == [str(loneliness.pk)] and selected(page, "area") == [str(buitenhof.pk)]
    response = coordinator_client.post(
        url, {"question": "Waarom  stoppen ouderen\nmet de dagbesteding?", "theme": loneliness.pk, "area": buitenhof.pk}
    )
    stored = Inquiry.objects.get()
    assert response.status_code == 302 and response.url == reverse("monitoring:inquiry", args=[stored.pk])
    assert stored.question == "Waarom stoppen ouderen met de dagbesteding?"
    assert stored.is_open and stored.created_by == coordinator and stored.area == buitenhof


def test_the_signal_form_offers_open_inquiries_only(member_client):
    InquiryFactory(question="Wat maakt de buurtbus onmisbaar?")
    InquiryFactory(question="Een oude vraag die dicht is", is_open=False)
    page = member_client.get(NEW_SIGNAL).content.decode()
    assert "Verdiepingsvraag" in page and "Wat maakt de buurtbus onmisbaar?" in page
    assert "Een oude vraag die dicht is" not in page


def test_without_open_inquiries_the_signal_form_leaves_the_field_out(member_client):
    InquiryFactory(question="Een oude vraag die dicht is", is_open=False)
    assert 'name="inquiry"' not in member_client.get(NEW_SIGNAL).content.decode()


def test_a_member_logs_a_signal_under_an_open_inquiry(member_client, member):
    question = InquiryFactory()
    response = member_client.post(NEW_SIGNAL, signal_data(inquiry=str(question.pk)))
    assert response.status_code == 302
    assert Signal.objects.get().inquiry == question


def test_a_signal_cannot_be_put_under_a_closed_inquiry(member_client):
    closed = InquiryFactory(is_open=False)
    InquiryFactory(question="Een andere vraag die open is")
    response = member_client.post(NEW_SIGNAL, signal_data(inquiry=str(closed.pk)))
    page = response.content.decode()
    assert response.status_code == 200 and "intussen gesloten" in page
    assert "busje niet meer komt" in page  # what was typed stays
    assert not Signal.objects.exists()


def test_a_signal_keeps_its_inquiry_after_the_inquiry_closed(member_client, member):
    question = InquiryFactory()
    signal = SignalFactory(created_by=member, inquiry=question)
    question.is_open = False
    question.save()
    edit = reverse("signals:edit", args=[signal.pk])
    assert selected(member_client.get(edit).content.decode(), "inquiry") == [str(question.pk)]
    response = member_client.post(edit, signal_data(inquiry=str(question.pk), residents="3"))
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.inquiry == question and signal.residents == 3


def test_closing_and_reopening_an_inquiry(coordinator_client):
    question = InquiryFactory()
    toggle = reverse("monitoring:inquiry_toggle", args=[question.pk])
    response = coordinator_client.post(toggle, {"open": "0"}, follow=True)
    assert "De vraag is gesloten" in response.content.decode()
    question.refresh_from_db()
    assert not question.is_open
    coordinator_client.post(toggle, {"open": "0"})  # a second click on the same button changes nothing
    question.refresh_from_db()
    assert not question.is_open
    coordinator_client.post(toggle, {"open": "1"})
    question.refresh_from_db()
    assert question.is_open


def test_a_bad_toggle_changes_nothing_and_members_cannot_toggle(coordinator_client, client, member):
    question = InquiryFactory()
    toggle = reverse("monitoring:inquiry_toggle", args=[question.pk])
    response = coordinator_client.post(toggle, {"open": "misschien"}, follow=True)
    assert response.status_code == 200 and "Er is niets veranderd" in response.content.decode()
    client.force_login(member)
    assert client.post(toggle, {"open": "0"}).status_code == 403
    question.refresh_from_db()
    assert question.is_open


def counts_in(page: str) -> list[str]:
    return re.findall(r'<td class="text-end(?: fw-bold)?">([^<]*)</td>', page)


def keys(signals) -> int:
    return sum(signal.record_key for signal in signals)


def test_the_inquiry_page_counts_signals_per_district_with_noise_and_the_total_as_a_cell_of_its_own(
    member_client, delft
):
    question = InquiryFactory()
    buitenhof, tanthof = delft.children.get(code="WK050325"), delft.children.get(code="WK050323")
    in_buitenhof = SignalFactory.create_batch(6, district=buitenhof, inquiry=question)
    in_tanthof = SignalFactory.create_batch(2, district=tanthof, inquiry=question)
    SignalFactory.create_batch(3, district=tanthof)  # not under the question
    page = member_client.get(reverse("monitoring:inquiry", args=[question.pk])).content.decode()
    assert "Buitenhof" in page and "Tanthof-Oost" in page
    rule = Rule(5)
    expected = [rule.perturb(6, keys(in_buitenhof)), rule.perturb(2, keys(in_tanthof))]
    expected.append(rule.perturb(8, keys(in_buitenhof) + keys(in_tanthof)))  # not the sum of the shown cells
    assert counts_in(page) == [str(n) for n in expected] and expected[1] != 2
    assert "Waarom stoppen ouderen met de dagbesteding?" in page and "Kleine verschillen kunnen ruis zijn" in page


def test_the_inquiry_list_shows_the_same_total_as_the_inquiry_page(member_client, delft):
    question = InquiryFactory()
    SignalFactory.create_batch(3, district=delft.children.get(code="WK050325"), inquiry=question)
    InquiryFactory(question="Een vraag zonder signalen", is_open=False)
    page = member_client.get(INQUIRIES).content.decode()
    detail = member_client.get(reverse("monitoring:inquiry", args=[question.pk])).content.decode()
    assert counts_in(page) == [counts_in(detail)[-1], "0"]
    assert "gesloten" in page and "open" in page
    only_closed = member_client.get(INQUIRIES + "?status=gesloten").content.decode()
    assert "Een vraag zonder signalen" in only_closed and "dagbesteding" not in only_closed


def test_the_inquiry_list_needs_no_query_per_row(
    member_client, delft, django_assert_max_num_queries, settings, tmp_path
):
    show_counts_exactly(settings, tmp_path)
    buitenhof = delft.children.get(code="WK050325")
    for n in range(8):
        SignalFactory.create_batch(5, district=buitenhof, inquiry=InquiryFactory(question=f"Vraag {n}"))
    with django_assert_max_num_queries(10):
        page = member_client.get(INQUIRIES).content.decode()
    assert counts_in(page) == ["5"] * 8


def test_the_signals_list_shows_the_signals_under_an_inquiry(member_client, delft):
    question = InquiryFactory()
    SignalFactory(inquiry=question, summary="Het busje naar de dagbesteding rijdt niet meer.")
    SignalFactory(summary="Een verhaal zonder vraag.")
    detail = member_client.get(reverse("monitoring:inquiry", args=[question.pk])).content.decode()
    link = re.search(r'href="(/signalen/\?verdiepingsvraag=\d+)"', detail).group(1)
    page = member_client.get(link).content.decode()
    assert "busje naar de dagbesteding" in page and "zonder vraag" not in page


def test_the_inquiry_pages_are_for_the_council_not_the_privacy_officer(client, privacy_officer):
    client.force_login(privacy_officer)
    assert client.get(INQUIRIES).status_code == 403


def test_a_signal_can_be_started_from_an_open_inquiry(member_client, delft):
    inquiry = InquiryFactory(question="Hoe vinden ouderen de weg naar de buurtbus?")
    detail = member_client.get(reverse("monitoring:inquiry", args=[inquiry.pk])).content.decode()
    assert f"/signalen/nieuw/?verdiepingsvraag={inquiry.pk}" in detail
    form = member_client.get(reverse("signals:create"), {"verdiepingsvraag": inquiry.pk}).content.decode()
    assert f'<option value="{inquiry.pk}" selected>' in form
