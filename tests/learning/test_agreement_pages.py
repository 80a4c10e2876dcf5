"""The pages of a round of agreement: a coordinator makes one, invited members tag the sample blind
(the page shows only the text), members who did not hand in see no outcome, others see no round at
all, and a round leaves the signals' own themes and counts as they were."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from learning.agreement import services
from learning.agreement.models import AgreementRound, RoundTag
from signals.models import Signal, SignalCount, Theme
from tests.factories import SignalFactory, UserFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Een bewoner van 80 kan de dagbesteding niet meer bereiken sinds de bus niet meer rijdt."


def lid(name: str):
    user = UserFactory(username=name)
    user.groups.add(Group.objects.get(name="lid"))
    return user


@pytest.fixture
def themes():
    return {slug: Theme.objects.get(slug=slug) for slug in ("eenzaamheid",)} | {
        "other": Theme.objects.filter(is_active=True).exclude(slug="eenzaamheid").first()
    }


@pytest.fixture
def second():
    return lid("tweede-lid")


@pytest.fixture
def agreement_round(coordinator, member, second, themes):
    author = UserFactory(username="schrijver-van-het-signaal")
    SignalFactory.create_batch(3, created_by=author, summary=SUMMARY, themes=[themes["eenzaamheid"]])
    return services.round_create(user=coordinator, size=3, members=[member, second], seed=1)


def tag(client, agreement_round, position, *themes):
    url = reverse("learning:agreement_tag", args=[agreement_round.pk, position])
    return client.post(url, {"themes": [t.pk for t in themes]})


def as_user(client, user):
    client.force_login(user)
    return client


def test_a_coordinator_makes_a_round_through_the_form(coordinator_client, member, second):
    SignalFactory.create_batch(6, created_by=member)
    response = coordinator_client.post(
        reverse("learning:agreement_create"), {"size": 5, "members": [member.pk, second.pk], "note": "Proefronde"}
    )
    agreement_round = AgreementRound.objects.get()
    assert response.status_code == 302 and response.url == agreement_round.get_absolute_url()
    assert agreement_round.round_signals.count() == 5 and agreement_round.note == "Proefronde"
    page = coordinator_client.get(response.url).content.decode()
    assert str(agreement_round.seed) in page and "0 van 5" in page


def test_too_few_signals_keeps_what_was_typed_and_says_so(coordinator_client, member, second):
    SignalFactory.create_batch(2, created_by=member)
    response = coordinator_client.post(
        reverse("learning:agreement_create"), {"size": 5, "members": [member.pk, second.pk], "note": "Eerste ronde"}
    )
    assert response.status_code == 200 and not AgreementRound.objects.exists()
    assert "niet genoeg signalen" in response.content.decode() and "Eerste ronde" in response.content.decode()


def test_the_note_goes_through_the_personal_data_guard(coordinator_client, member, second):
    SignalFactory.create_batch(6, created_by=member)
    note = "Vraag Jan de Vries, 06-12345678, wat hij ervan vindt."
    response = coordinator_client.post(
        reverse("learning:agreement_create"), {"size": 5, "members": [member.pk, second.pk], "note": note}
    )
    assert response.status_code == 200 and not AgreementRound.objects.exists()
    assert "Mogelijk persoonsgegevens" in response.content.decode()


def test_the_tagging_page_shows_only_the_text(client, agreement_round, member, second, themes):
    tag(as_user(client, member), agreement_round, 1, themes["other"])
    html = as_user(client, second).get(reverse("learning:agreement_tag", args=[agreement_round.pk, 1])).content.decode()
    assert SUMMARY in html
    assert "schrijver-van-het-signaal" not in html and "lid-user" not in html  # no author, no other member
    assert "checked" not in html  # neither the signal's own themes nor the other member's choice
    assert "maart 2025" not in html and "14-03-2025" not in html  # no date
    assert "Signaal 1 van 3" in html
    assert 'type="checkbox"' in html and "<legend" in html  # the signal form's grouped checkboxes


def test_a_member_sees_their_own_choice_when_they_come_back(client, agreement_round, member, themes):
    as_user(client, member)
    response = tag(client, agreement_round, 1, themes["other"])
    assert response.url == reverse("learning:agreement_tag", args=[agreement_round.pk, 2])
    html = client.get(reverse("learning:agreement_tag", args=[agreement_round.pk, 1])).content.decode()
    assert f'value="{themes["other"].pk}" id="id_themes_' in html and html.count("checked") == 1
    assert "1 van 3" in client.get(agreement_round.get_absolute_url()).content.decode()


def test_a_member_not_invited_sees_nothing_of_the_round(client, agreement_round):
    as_user(client, lid("niet-uitgenodigd"))
    for name, args in [
        ("learning:agreement_round", [agreement_round.pk]),
        ("learning:agreement_tag", [agreement_round.pk, 1]),
        ("learning:agreement_results", [agreement_round.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404
    assert client.post(reverse("learning:agreement_finish", args=[agreement_round.pk])).status_code == 404
    assert "Ronde" not in client.get(reverse("learning:agreement")).content.decode().split("Uw rondes")[1]


def test_no_outcome_before_handing_in(client, agreement_round, member, second, themes):
    as_user(client, member)
    results = reverse("learning:agreement_results", args=[agreement_round.pk])
    assert client.get(results).status_code == 403
    for position in (1, 2):
        tag(client, agreement_round, position, themes["eenzaamheid"])
    finish = reverse("learning:agreement_finish", args=[agreement_round.pk])
    client.post(finish)  # not every signal done yet: refused
    assert client.get(results).status_code == 403
    tag(client, agreement_round, 3, themes["eenzaamheid"])
    assert client.post(finish).url == results
    assert client.get(results).status_code == 200
    # Handed in: the choices stay as they are.
    assert tag(client, agreement_round, 1, themes["other"]).url == agreement_round.get_absolute_url()
    assert not RoundTag.objects.filter(theme=themes["other"]).exists()


def test_a_coordinator_in_the_round_waits_like_everyone(client, coordinator, member, themes):
    SignalFactory.create_batch(3, created_by=member)
    agreement_round = services.round_create(user=coordinator, size=3, members=[member, coordinator])
    results = reverse("learning:agreement_results", args=[agreement_round.pk])
    assert as_user(client, coordinator).get(results).status_code == 403
    other = UserFactory(username="andere-coordinator")
    other.groups.add(Group.objects.get(name="coordinator"))
    assert as_user(client, other).get(results).status_code == 200  # not in the round: sees how far it is


def test_only_coordinators_make_and_close_rounds(client, agreement_round, member, privacy_officer):
    as_user(client, member)
    assert client.get(reverse("learning:agreement_create")).status_code == 403
    assert client.post(reverse("learning:agreement_close", args=[agreement_round.pk])).status_code == 403
    agreement_round.refresh_from_db()
    assert agreement_round.is_open
    assert as_user(client, privacy_officer).get(reverse("learning:agreement")).status_code == 403
    client.logout()
    assert client.get(reverse("learning:agreement")).status_code == 302


def test_the_outcome_per_theme_with_kappa_reading_and_differences(client, agreement_round, member, second, themes):
    lonely, other = themes["eenzaamheid"], themes["other"]
    as_user(client, member)
    for position, chosen in ((1, [lonely]), (2, [lonely, other]), (3, [other])):
        tag(client, agreement_round, position, *chosen)
    as_user(client, second)
    for position, chosen in ((1, [lonely]), (2, [lonely]), (3, [other])):
        tag(client, agreement_round, position, *chosen)
    html = (
        as_user(client, agreement_round.created_by)
        .get(reverse("learning:agreement_results", args=[agreement_round.pk]))
        .content.decode()
    )
    assert "Cohen" in html
    assert "1,00" in html and "Bijna volledig" in html  # loneliness: the same on all three
    assert "Signaal 2" in html and "Wel gekozen door" in html  # the other theme: they differ on signal 2
    assert "lid-user" not in html and "tweede-lid" not in html  # open round: letters, no names
    assert "Niemand koos deze thema" in html
    assert "minder dan 20 signalen" in html
    assert "lid A (" not in client.get(agreement_round.get_absolute_url()).content.decode()  # no letter to a name
    client.post(reverse("learning:agreement_close", args=[agreement_round.pk]))
    closed = client.get(reverse("learning:agreement_results", args=[agreement_round.pk])).content.decode()
    assert "lid-user" in closed  # closed: the coordinator sees who chose what


def test_a_member_sees_others_by_letter_and_themself_as_u(client, agreement_round, member, second, themes):
    for user in (member, second):
        as_user(client, user)
        for position in (1, 2, 3):
            tag(client, agreement_round, position, themes["eenzaamheid"] if user == member else themes["other"])
        client.post(reverse("learning:agreement_finish", args=[agreement_round.pk]))
    agreement_round.close()
    html = client.get(reverse("learning:agreement_results", args=[agreement_round.pk])).content.decode()
    assert "u (lid" in html and "lid-user" not in html


def test_a_round_leaves_the_signals_themes_and_counts_as_they_were(client, agreement_round, member, second, themes):
    before_themes = {s.pk: set(s.themes.values_list("pk", flat=True)) for s in Signal.objects.all()}
    before_counts = sorted(SignalCount.objects.values_list("theme", "district", "year", "month", "kind", "signals"))
    for user in (member, second):
        as_user(client, user)
        for position in (1, 2, 3):
            tag(client, agreement_round, position, themes["other"])
        client.post(reverse("learning:agreement_finish", args=[agreement_round.pk]))
    agreement_round.close()
    assert RoundTag.objects.count() == 6
    assert {s.pk: set(s.themes.values_list("pk", flat=True)) for s in Signal.objects.all()} == before_themes
    after_counts = sorted(SignalCount.objects.values_list("theme", "district", "year", "month", "kind", "signals"))
    assert after_counts == before_counts


@pytest.mark.parametrize(
    "junk", [[], ["abc"], ["99999999999999999999999"], ["-1"], ["<script>"], ["1", "1"], ["ë" * 300]]
)
def test_junk_choices_give_a_message_not_an_error(client, agreement_round, member, junk):
    url = reverse("learning:agreement_tag", args=[agreement_round.pk, 1])
    response = as_user(client, member).post(url, {"themes": junk})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "alert-danger" in response.content.decode()


@pytest.mark.parametrize(
    "data", [{}, {"size": "x"}, {"size": "99999999999999999999", "members": ["a"]}, {"date_from": "2024-13-45"}]
)
def test_junk_in_the_round_form_gives_a_message(coordinator_client, data):
    response = coordinator_client.post(reverse("learning:agreement_create"), data)
    assert response.status_code == 200 and "alert-danger" in response.content.decode()


def test_a_place_that_is_not_in_the_sample_is_not_found(client, agreement_round, member):
    as_user(client, member)
    assert client.get(reverse("learning:agreement_tag", args=[agreement_round.pk, 99])).status_code == 404
    assert client.get(f"/leren/overeenstemming/{2**70}/").status_code == 404


def test_the_notice_on_the_signal_list_shows_open_tasks_only(client, agreement_round, member, themes):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    def notice(user):
        request = RequestFactory().get("/")
        request.user = user
        return render_to_string("learning/agreement/_my_tasks.html", request=request)

    assert reverse("learning:agreement") in notice(member)
    assert "uitgenodigd" not in notice(lid("niet-uitgenodigd"))
    agreement_round.close()
    assert "uitgenodigd" not in notice(member)


def test_the_hub_card_shows_to_who_may_use_it(client, coordinator, member, privacy_officer):
    assert (
        reverse("learning:agreement_create")
        in as_user(client, coordinator).get(reverse("learning:index")).content.decode()
    )
    page = as_user(client, member).get(reverse("learning:index")).content.decode()
    assert reverse("learning:agreement") in page and reverse("learning:agreement_create") not in page


def test_once_two_hand_in_a_member_who_dropped_out_does_not_hold_them_back(client, coordinator, member, second, themes):
    SignalFactory.create_batch(3, created_by=member)
    third = lid("derde-lid")
    agreement_round = services.round_create(user=coordinator, size=3, members=[member, second, third])
    for user in (member, second):
        as_user(client, user)
        for position in (1, 2, 3):
            tag(client, agreement_round, position, themes["eenzaamheid"])
        client.post(reverse("learning:agreement_finish", args=[agreement_round.pk]))
    as_user(client, third)
    tag(client, agreement_round, 1, themes["other"])
    html = as_user(client, coordinator).get(reverse("learning:agreement_results", args=[agreement_round.pk])).content
    html = html.decode()
    assert "3 van de 3 signalen" in html and "Cohen" in html and "1 lid deed (nog) niet mee" in html
    assert themes["other"].label not in html.split("Niemand koos")[0]  # the third member's choice does not count


def test_every_page_needs_a_login_and_has_no_inline_script_or_style(client, agreement_round, member, coordinator):
    import re

    urls = [
        reverse("learning:agreement"),
        reverse("learning:agreement_create"),
        agreement_round.get_absolute_url(),
        reverse("learning:agreement_tag", args=[agreement_round.pk, 1]),
        reverse("learning:agreement_results", args=[agreement_round.pk]),
    ]
    for url in urls:
        assert client.get(url).url.startswith(reverse("login")), url
    for user in (member, coordinator):
        as_user(client, user)
        for url in urls:
            html = client.get(url).content.decode()
            assert all("src=" in t for t in re.findall(r"<script[^>]*>", html)) and " style=" not in html, url
