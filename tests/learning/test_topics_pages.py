"""The topics pages as members and coordinators use them: start a search, follow its progress, read the
topics (counts perturbed, examples under need-to-know), and turn an uncovered topic into a theme."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.topics.models import TopicRun
from learning.topics.services import topicrun_execute
from monitoring.models import Area
from signals import counting
from signals.models import Signal, SignalCount, Theme
from tests.factories import SignalFactory, UserFactory
from tests.learning.topics_corpus import planted_texts

pytestmark = pytest.mark.django_db
PERSONAL = "Jan de Vries, Oude Delft 12, 2611 HB Delft, 06-12345678, BSN 111222333"
# The themes each planted topic's signals carry; the green topic's are spread over three: no theme covers it.
COVERED = {"vervoer": ["vervoer-en-bereikbaarheid"], "geld": ["financiele-zorgen"], "school": ["taal"]}
SPREAD = ["eenzaamheid", "mantelzorg", "vrijwilligerswerk"]


def make_signals(*, author, days_back=range(0, 80), texts=None) -> list[Signal]:
    """The planted texts as signals of the last weeks, spread over Delft's districts."""
    districts = list(Area.objects.districts())[:4]
    today = timezone.localdate()
    themes = {t.slug: t for t in Theme.objects.all()}
    made = []
    for n, (topic, text) in enumerate(texts or planted_texts()):
        slugs = COVERED.get(topic, [SPREAD[n % 3]])
        made.append(
            SignalFactory(
                summary=text,
                conversation_date=today - datetime.timedelta(days=days_back[n % len(days_back)]),
                district=districts[n % len(districts)],
                created_by=author,
                themes=[themes[s] for s in slugs],
            )
        )
    return made


def run_for(user, area=None, date_from=None, date_to=None) -> TopicRun:
    today = timezone.localdate()
    run = TopicRun.objects.create(
        created_by=user,
        area=area or Area.objects.get(code="GM0503"),
        date_from=date_from or today - datetime.timedelta(days=89),
        date_to=date_to or today,
    )
    topicrun_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def topic_with(run: TopicRun, word: str) -> dict:
    return next(t for t in run.topics if word in t["words"])


def test_a_member_starts_a_search_follows_its_progress_and_reads_the_topics(
    member_client, member, coordinator, delft, eager_celery, django_capture_on_commit_callbacks, monkeypatch
):
    make_signals(author=coordinator)
    steps = []
    original = TopicRun.progress_set
    monkeypatch.setattr(TopicRun, "progress_set", lambda self, p: (steps.append(p), original(self, p)))
    form = member_client.get(reverse("learning:topics")).content.decode()
    assert 'name="van"' in form and 'name="gebied"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(reverse("learning:topics"), {"van": "", "tot": "", "gebied": ""})
        assert response.status_code == 200 and not TopicRun.objects.exists()  # the form says what is missing
        today = timezone.localdate()
        data = {"van": today - datetime.timedelta(days=89), "tot": today, "gebied": delft.pk}
        response = member_client.post(reverse("learning:topics"), data)
    run = TopicRun.objects.get()
    assert response.url == reverse("learning:topics_run", args=[run.pk])
    assert run.status == TopicRun.Status.DONE and run.progress == 100 and run.created_by == member
    assert steps == sorted(steps) and steps[0] == 10 and len(steps) > 3  # the bar moves forward only
    page = member_client.get(response.url).content.decode()
    assert "Onderwerp 1" in page and "Onderwerp 4" in page and "buurtbus" in page
    assert "mogelijk nieuw thema" in page


def test_the_progress_is_polled_while_the_search_waits_and_the_page_reloads_when_it_is_done(member_client, delft):
    run = TopicRun.objects.create(area=delft, date_from=datetime.date(2025, 1, 1), date_to=datetime.date(2025, 3, 1))
    url = reverse("learning:topics_progress", args=[run.pk])
    waiting = member_client.get(url, headers={"HX-Request": "true"})
    assert 'role="progressbar"' in waiting.content.decode() or "<progress" in waiting.content.decode()
    assert "in de wachtrij" in member_client.get(reverse("learning:topics_run", args=[run.pk])).content.decode()
    topicrun_execute(run_id=run.pk)
    done = member_client.get(url, headers={"HX-Request": "true"})
    assert done.headers.get("HX-Refresh") == "true"
    assert member_client.get(url).status_code == 302  # without htmx: to the page itself


def test_the_result_keeps_numbers_and_ids_never_a_text(coordinator, delft):
    signals = make_signals(author=coordinator)
    run = run_for(coordinator)
    stored = str(run.result)
    assert all(s.summary[:20] not in stored for s in signals)
    assert {pk for t in run.topics for pk in t["signal_ids"]} <= {s.pk for s in signals}


def test_the_planted_topics_are_found_and_only_the_uncovered_one_is_flagged(coordinator, delft):
    make_signals(author=coordinator)
    run = run_for(coordinator)
    assert len(run.topics) == 4
    flagged = {word for t in run.topics if t["new_theme"] for word in t["words"][:1]}
    green = topic_with(run, "speeltuin")
    assert green["new_theme"] and len(flagged) == 1
    bus = topic_with(run, "buurtbus")
    assert bus["theme"] == Theme.objects.get(slug="vervoer-en-bereikbaarheid").pk and not bus["new_theme"]
    assert bus["coverage_shown"] == 1.0


def test_a_district_narrows_the_search(coordinator, delft):
    signals = make_signals(author=coordinator)
    district = signals[0].district
    run = run_for(coordinator, area=district)
    ids = {pk for t in run.topics for pk in t["signal_ids"]}
    assert ids and ids <= {s.pk for s in signals if s.district_id == district.pk}


def test_a_member_sees_examples_to_the_month_without_author_a_coordinator_in_full(member_client, client, delft):
    author = UserFactory(username="schrijver-coordinator")
    make_signals(author=author, days_back=[40])
    run = run_for(author)
    day = timezone.localdate() - datetime.timedelta(days=40)
    url = reverse("learning:topics_run", args=[run.pk])
    page = member_client.get(url).content.decode()
    assert "schrijver-coordinator" not in page
    from django.utils.formats import date_format

    assert date_format(day, "F Y") in page and date_format(day, "j F Y") not in page
    assert page.count('<li><a href="/signalen/') <= 3 * len(run.topics)
    coordinator = UserFactory(username="de-coordinator")
    from django.contrib.auth.models import Group

    coordinator.groups.add(Group.objects.get(name="coordinator"))
    client.force_login(coordinator)
    assert date_format(day, "j F Y") in client.get(url).content.decode()


def test_a_topic_that_grew_against_the_previous_period_is_marked_with_its_p_value(member_client, coordinator, delft):
    texts = planted_texts(per_topic=15)
    make_signals(author=coordinator, days_back=range(0, 80), texts=texts)
    # The previous 90 days: the same topics, but hardly any money worries.
    earlier = [pair for pair in planted_texts(per_topic=15, seed=2) if pair[0] != "geld"]
    earlier += planted_texts(topics=("geld",), per_topic=1, seed=3)
    make_signals(author=coordinator, days_back=range(95, 175), texts=earlier)
    run = run_for(coordinator)
    money = topic_with(run, "schulden")
    assert money["grows"] and money["adjusted"] <= 0.1
    assert not topic_with(run, "buurtbus")["grows"]
    page = member_client.get(reverse("learning:topics_run", args=[run.pk])).content.decode()
    assert "groeit</span>" in page and "<details" in page and "(p)" in page


def test_a_coordinator_turns_a_flagged_topic_into_a_theme_and_tags_its_signals_in_one_step(
    coordinator_client, coordinator, delft
):
    make_signals(author=coordinator)
    run = run_for(coordinator)
    index = run.topics.index(topic_with(run, "speeltuin"))
    ids = run.topics[index]["signal_ids"]
    url = reverse("learning:topics_theme", args=[run.pk, index])
    form = coordinator_client.get(url).content.decode()
    assert form.count('name="signalen"') == len(ids) and form.count(" checked>") == len(ids)  # all ticked
    kept, left = ids[:-2], ids[-2:]
    data = {"name": "Groen en spelen", "name_en": "Green and play", "parent": "", "signalen": kept}
    preview = coordinator_client.post(url, {**data, "stap": "voorbeeld"}).content.decode()
    assert "Zo wordt het thema opgeslagen" in preview and not Theme.objects.filter(name="Groen en spelen").exists()
    assert f"{len(kept)} signalen krijgen dit thema" in preview
    response = coordinator_client.post(url, {**data, "stap": "opslaan"})
    assert response.status_code == 302
    theme = Theme.objects.get(name="Groen en spelen")
    assert set(theme.signals.values_list("pk", flat=True)) == set(kept)
    assert not theme.signals.filter(pk__in=left).exists()
    assert _counts() == _rebuilt()


def _counts() -> list[tuple]:
    return sorted(SignalCount.objects.values_list("theme", "family", "district", "year", "month", "kind", "signals",
                                                  "residents", "key_sum").filter(signals__gt=0))  # fmt: skip


def _rebuilt() -> list[tuple]:
    counting.counts_rebuild()
    return _counts()


def test_the_new_themes_names_are_guarded_and_what_was_typed_stays(coordinator_client, coordinator, delft):
    make_signals(author=coordinator)
    run = run_for(coordinator)
    url = reverse("learning:topics_theme", args=[run.pk, 0])
    before = Theme.objects.count()
    response = coordinator_client.post(
        url, {"name": PERSONAL, "stap": "opslaan", "signalen": run.topics[0]["signal_ids"]}
    )
    html = response.content.decode()
    assert response.status_code == 200 and Theme.objects.count() == before
    assert '<mark class="finding">06-12345678' in html and 'id="guard-name"' in html
    assert 'value="Jan de Vries' in html


def test_who_may_do_what(member_client, privacy_client, coordinator, delft):
    make_signals(author=coordinator)
    run = run_for(coordinator)
    theme_url = reverse("learning:topics_theme", args=[run.pk, 0])
    assert member_client.get(reverse("learning:topics_run", args=[run.pk])).status_code == 200
    assert member_client.get(theme_url).status_code == 403  # a theme needs signals.add_theme
    assert privacy_client.get(reverse("learning:topics_run", args=[run.pk])).status_code == 200
    assert privacy_client.post(reverse("learning:topics"), {"gebied": run.area_id}).status_code == 403
    assert "Onderwerpen zoeken" not in privacy_client.get(reverse("learning:topics")).content.decode()
    hub = member_client.get(reverse("learning:index")).content.decode()
    assert reverse("learning:topics") in hub


@pytest.mark.parametrize(
    "data",
    [
        {"van": "gisteren", "tot": "2025-13-45", "gebied": "x"},
        {"van": "2025-03-01", "tot": "2025-01-01", "gebied": "99999999999999999999"},
        {"van": "1900-01-01", "tot": "2999-01-01"},
        {"van": "2020-01-01", "tot": "2025-01-01", "gebied": "-1"},
    ],
)
def test_junk_in_the_start_form_is_a_message_not_an_error(member_client, delft, data):
    response = member_client.post(reverse("learning:topics"), data)
    assert response.status_code == 200 and not TopicRun.objects.exists()
    assert "De zoektocht is nog niet gestart" in response.content.decode()


def test_junk_on_the_theme_page_is_a_message_or_not_found(coordinator_client, coordinator, delft):
    make_signals(author=coordinator)
    run = run_for(coordinator)
    url = reverse("learning:topics_theme", args=[run.pk, 0])
    response = coordinator_client.post(
        url, {"name": "Iets", "parent": "abc", "signalen": ["x", "9" * 25], "stap": "opslaan"}
    )
    assert response.status_code == 200 and not Theme.objects.filter(name="Iets").exists()
    assert coordinator_client.get(reverse("learning:topics_theme", args=[run.pk, 999])).status_code == 404
    assert coordinator_client.get(reverse("learning:topics_run", args=[999999])).status_code == 404
    waiting = TopicRun.objects.create(area=run.area, date_from=run.date_from, date_to=run.date_to)
    assert coordinator_client.get(reverse("learning:topics_theme", args=[waiting.pk, 0])).status_code == 404


def test_too_few_signals_says_so(member_client, coordinator, delft):
    SignalFactory(summary="Alleen dit ene verhaal over de buurtbus.", conversation_date=timezone.localdate())
    run = run_for(coordinator)
    assert run.status == TopicRun.Status.DONE and run.topics == []
    page = member_client.get(reverse("learning:topics_run", args=[run.pk])).content.decode()
    assert "te weinig signalen" in page
