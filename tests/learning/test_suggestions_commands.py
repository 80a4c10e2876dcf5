"""The two commands of the theme suggestions, and the training task."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from learning.suggestions.models import ThemeModel
from learning.suggestions.tasks import train_theme_model
from tests.learning.test_suggestions_pages import few_minimums, tagged  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db


def run(*args) -> list[str]:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue().splitlines()


def test_train_theme_model_stores_a_model_and_ends_with_the_macro_f1(tagged):  # noqa: F811
    lines = run("train_theme_model")
    assert re.fullmatch(r"macro F1: [01]\.\d\d", lines[-1])
    stored = ThemeModel.objects.get()
    assert stored.version == 1 and stored.signal_count == 60 and "top3_hit_rate" in stored.evaluation


def test_train_theme_model_trains_nothing_with_too_few_signals(db, settings):
    settings.SUGGEST_MIN_SIGNALS = 50
    lines = run("train_theme_model")
    assert lines[-1] == "macro F1: 0.00" and not ThemeModel.objects.exists()


def test_suggest_themes_prints_one_json_object_a_line_best_first(tagged, tmp_path):  # noqa: F811
    train_theme_model()
    notes = tmp_path / "notes.txt"
    notes.write_text("Meneer heeft schulden en de energierekening is te hoog.\nDe regiotaxi kwam weer te laat.\n")
    rows = [json.loads(line) for line in run("suggest_themes", str(notes))]
    assert [r["line"] for r in rows] == [1, 2]
    assert rows[0]["suggestions"][0]["theme"] == "financiele-zorgen"
    assert rows[1]["suggestions"][0]["theme"] == "vervoer-en-bereikbaarheid"
    for row in rows:
        confidences = [s["confidence"] for s in row["suggestions"]]
        assert confidences == sorted(confidences, reverse=True) and len(confidences) <= 3
        assert all(c >= 0.2 for c in confidences)


def test_suggest_themes_top_and_min_confidence_zero_show_the_best_k(tagged, tmp_path, monkeypatch):  # noqa: F811
    train_theme_model()
    monkeypatch.setattr("sys.stdin", io.StringIO("Het weer was mooi vandaag.\n"))
    rows = [json.loads(line) for line in run("suggest_themes", "-", "--top", "5", "--min-confidence", "0")]
    assert len(rows) == 1 and len(rows[0]["suggestions"]) == 5
    rows = [json.loads(line) for line in run("suggest_themes", "-", "--min-confidence", "1")]
    assert rows == []  # stdin was read already: nothing left


def test_suggest_themes_fails_clearly_without_a_model(db, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("schulden\n")
    with pytest.raises(CommandError, match="no theme model has been trained yet"):
        call_command("suggest_themes", str(notes))


def test_suggest_themes_refuses_bad_options_and_a_missing_file(tagged, tmp_path):  # noqa: F811
    with pytest.raises(CommandError, match="--top"):
        call_command("suggest_themes", "-", "--top", "0")
    with pytest.raises(CommandError, match="--min-confidence"):
        call_command("suggest_themes", "-", "--min-confidence", "2")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("suggest_themes", str(tmp_path / "missing.txt"))


def test_the_nightly_task_trains_a_new_version(tagged, eager_celery):  # noqa: F811
    assert train_theme_model.delay().get() == 1
    assert train_theme_model.delay().get() == 2
    assert ThemeModel.objects.count() == 2


def test_the_nightly_training_is_scheduled():
    from config.celery import app

    entry = app.conf.beat_schedule["train-theme-model"]
    assert entry["task"] == train_theme_model.name


@pytest.mark.demo_model
def test_the_demo_comes_with_a_trained_model_once(db, settings):
    """`make run` shows suggestions from the first signal on: load_demo trains a first model, and only once."""
    settings.DEBUG = True
    first, second = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=first)
    assert "theme model: version 1 trained" in first.getvalue()
    call_command("load_demo", stdout=second)
    assert "theme model: version 1 present" in second.getvalue()
    assert ThemeModel.objects.count() == 1
