"""The theme suggestions as a member and a coordinator meet them: in the signal form (with htmx and
without JavaScript), the evaluation page, storage and reload of a newer model, and no text leaking."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from learning.suggestions import services
from learning.suggestions.models import ThemeModel, ThemeModelTraining
from signals.models import Signal, Theme
from tests.factories import SignalFactory
from tests.learning.test_suggestions_model import training_set

pytestmark = pytest.mark.django_db

SUGGEST = reverse("learning:suggestions_suggest")
PAGE = reverse("learning:suggestions")
SECRET = "zwartbessenlikeurfabriek"  # a word that is in one training text only


@pytest.fixture
def few_minimums(settings):
    settings.SUGGEST_MIN_SIGNALS = 20
    settings.SUGGEST_MIN_THEME_SIGNALS = 8
    settings.SUGGEST_MIN_CONFIDENCE = 0.2


@pytest.fixture
def tagged(db, few_minimums):
    """Sixty signals with themes; one text holds a rare word."""
    texts, labels = training_set()
    themes = {t.slug: t for t in Theme.objects.all()}
    for n, (text, slugs) in enumerate(zip(texts, labels, strict=True)):
        text = f"{text} Bij de {SECRET} om de hoek." if n == 0 else text
        SignalFactory(summary=text, themes=[themes[s] for s in slugs])


@pytest.fixture
def member_browser(member) -> Client:
    """A member's own client, beside the coordinator's."""
    browser = Client()
    browser.force_login(member)
    return browser


@pytest.fixture
def trained(tagged) -> int:
    return services.theme_model_train(evaluate=False)


def form_data(**extra) -> dict:
    return {
        "conversation_date": "2025-03-14",
        "channel": "spreekuur",
        "kind": "knelpunt",
        "residents": "1",
        "summary": "Meneer heeft grote schulden en kan de energierekening niet betalen.",
        **extra,
    }


def test_htmx_gives_the_suggestions_as_a_part_of_the_form(member_client, trained):
    response = member_client.post(SUGGEST, {"summary": form_data()["summary"]}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    money = Theme.objects.get(slug="financiele-zorgen")
    assert f'value="kies:{money.pk}"' in html and "Financiële zorgen" in html
    assert "% zeker" in html and "vink het thema „Financiële zorgen” aan" in html
    assert html.count('name="thema_voorstel"') <= 3


def test_the_form_asks_for_suggestions_as_the_member_types_and_has_a_live_region(member_client, trained):
    html = member_client.get(reverse("signals:create")).content.decode()
    assert f'hx-post="{SUGGEST}"' in html and 'hx-trigger="input changed delay:600ms"' in html
    assert 'id="thema-voorstellen" aria-live="polite"' in html
    assert "js/theme-suggestions.js" in html and "<script>" not in html
    assert "Thema&#x27;s voorstellen" in html or "Thema's voorstellen" in html


def test_without_javascript_the_button_shows_suggestions_and_keeps_what_was_typed(member_client, trained):
    data = form_data(thema_voorstel="voorstellen", residents="3")
    response = member_client.post(reverse("signals:create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and Signal.objects.count() == 60  # nothing saved
    assert "grote schulden en kan de energierekening" in html and 'value="3"' in html
    money = Theme.objects.get(slug="financiele-zorgen")
    assert f'value="kies:{money.pk}"' in html
    assert "is-invalid" not in html  # no errors while the member is still filling in


def test_nothing_is_ticked_by_itself(member_client, trained):
    response = member_client.post(reverse("signals:create"), form_data(thema_voorstel="voorstellen"))
    form = response.context["form"]
    assert form["themes"].value() == []


def test_one_click_without_javascript_ticks_the_suggested_theme_and_keeps_the_others(member_client, trained):
    money = Theme.objects.get(slug="financiele-zorgen")
    lonely = Theme.objects.get(slug="eenzaamheid")
    data = form_data(thema_voorstel=f"kies:{money.pk}", themes=[str(lonely.pk)])
    response = member_client.post(reverse("signals:create"), data)
    assert sorted(response.context["form"]["themes"].value()) == sorted([str(lonely.pk), str(money.pk)])
    assert Signal.objects.count() == 60
    saved = member_client.post(reverse("signals:create"), form_data(themes=[str(lonely.pk), str(money.pk)]))
    assert saved.status_code == 302
    assert set(Signal.objects.latest("pk").themes.values_list("slug", flat=True)) == {
        "eenzaamheid",
        "financiele-zorgen",
    }


def test_a_made_up_theme_in_the_button_ticks_nothing(member_client, trained):
    response = member_client.post(reverse("signals:create"), form_data(thema_voorstel="kies:999999"))
    assert response.status_code == 200 and response.context["form"]["themes"].value() == []


def test_with_too_few_tagged_signals_the_form_says_suggestions_are_not_there_yet(member_client, trained, settings):
    settings.SUGGEST_MIN_SIGNALS = 1000
    html = member_client.post(SUGGEST, {"summary": "schulden"}).content.decode()
    assert "nog niet beschikbaar" in html and "kies:" not in html


def test_without_a_model_the_form_says_suggestions_are_not_there_yet(member_client, few_minimums):
    html = member_client.post(SUGGEST, {"summary": "schulden"}).content.decode()
    assert "nog niet beschikbaar" in html


def test_no_suggestion_below_the_minimum_confidence(member_client, trained, settings):
    settings.SUGGEST_MIN_CONFIDENCE = 1.0
    html = member_client.post(SUGGEST, {"summary": form_data()["summary"]}).content.decode()
    assert "kies:" not in html and "Geen thema gevonden" in html


def test_a_theme_with_few_signals_says_it_was_suggested_on_its_description(member_client, trained, settings):
    settings.SUGGEST_MIN_CONFIDENCE = 0.0
    text = "Zij is mantelzorger voor haar zieke moeder en wil respijtzorg."
    result = services.themes_suggest(text=text, top=60)
    care = next(s for s in result.suggestions if s.theme.slug == "mantelzorg")
    assert care.source == "description"
    html = member_client.post(SUGGEST, {"summary": text}).content.decode()
    if "Mantelzorg" in html:
        assert "voorgesteld op de beschrijving" in html


def test_the_suggestions_need_the_right_to_log_signals(client, privacy_client, trained):
    assert client.post(SUGGEST, {"summary": "schulden"}).status_code in (302, 403)
    assert privacy_client.post(SUGGEST, {"summary": "schulden"}).status_code == 403


def test_a_newer_stored_model_is_loaded_on_the_next_request(member_client, trained):
    services.themes_suggest(text="schulden")
    first = services._Loaded.stamp[0]
    second = services.theme_model_train(evaluate=False)
    services.themes_suggest(text="schulden")
    assert second == first + 1 and services._Loaded.stamp[0] == second


def test_only_the_last_three_models_are_kept(trained):
    for _ in range(3):
        services.theme_model_train(evaluate=False)
    assert list(ThemeModel.objects.values_list("version", flat=True)) == [4, 3, 2]


def test_the_evaluation_page_is_for_coordinators_with_numbers_and_without_text(
    coordinator_client, member_browser, tagged
):
    services.theme_model_train()
    html = coordinator_client.get(PAGE).content.decode()
    assert "Kwaliteit van de themavoorstellen" in html and "Financiële zorgen" in html
    assert "Vaakst verwisseld" in html and "nieuwe notities" in html
    figures = ThemeModel.objects.first().evaluation
    assert f"{figures['top3_hit_rate']:.2f}".replace(".", ",") in html
    assert SECRET not in html and "energierekening" not in html and "regiotaxi" not in html
    assert member_browser.get(PAGE).status_code == 403


def test_a_trained_model_never_shows_a_text_on_any_page(coordinator_client, member_browser, trained):
    pages = [
        coordinator_client.get(PAGE),
        coordinator_client.get(reverse("learning:suggestions_training")),
        coordinator_client.get(reverse("learning:index")),
        member_browser.post(SUGGEST, {"summary": "iets over een fabriek"}),
    ]
    for response in pages:
        assert SECRET not in response.content.decode()
    assert SECRET not in str(ThemeModel.objects.first().evaluation)


def test_a_coordinator_starts_a_training_and_sees_it_finish(
    coordinator_client, tagged, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(reverse("learning:suggestions_train"), follow=True)
    assert response.status_code == 200
    training = ThemeModelTraining.objects.get()
    assert training.status == ThemeModelTraining.Status.DONE and training.model_version == 1
    html = coordinator_client.get(reverse("learning:suggestions_training")).content.decode()
    assert "versie 1" in html


def test_a_busy_training_is_polled_and_says_busy(coordinator_client, tagged):
    ThemeModelTraining.objects.create(status=ThemeModelTraining.Status.RUNNING)
    html = coordinator_client.get(PAGE).content.decode()
    assert "Bezig met trainen" in html and 'hx-trigger="every 2s"' in html
    assert coordinator_client.post(reverse("learning:suggestions_train")).status_code == 302
    assert ThemeModelTraining.objects.count() == 1  # not a second one while one runs


def test_a_member_may_not_start_a_training(member_client, tagged):
    assert member_client.post(reverse("learning:suggestions_train")).status_code == 403
    assert not ThemeModelTraining.objects.exists()


def test_the_hub_shows_the_card_to_coordinators_only(coordinator_client, member_browser):
    assert "Kwaliteit van de themavoorstellen" in coordinator_client.get(reverse("learning:index")).content.decode()
    assert "Kwaliteit van de themavoorstellen" not in member_browser.get(reverse("learning:index")).content.decode()
