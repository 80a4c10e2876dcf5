"""The theme suggestions' workflows: load the tagged signals and the catalogue, train and store a
model, load the newest one, suggest themes for a text. The learning itself is in model.py."""

from __future__ import annotations

import csv
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

import skops.io as sio
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from learning.suggestions import evaluation, model
from learning.suggestions.models import KEEP_MODELS, ThemeModel, ThemeModelTraining
from signals.models import Signal, Theme
from signals.retention import TOMBSTONE

logger = logging.getLogger(__name__)

DESCRIPTIONS = Path(__file__).with_name("descriptions.csv")
# What a stored model may hold besides what skops trusts by default; loading refuses anything else.
TRUSTED = [
    "learning.suggestions.text.prepare_all",
    "learning.suggestions.model.CalibratedLinearOneVsRest",
    "numpy.dtype",
    "scipy.sparse._csr.csr_matrix",
]


def theme_descriptions() -> dict[str, str]:
    """The plain-Dutch description of each seeded theme (descriptions.csv), by slug."""
    with DESCRIPTIONS.open(encoding="utf-8", newline="") as handle:
        return {row["slug"]: row["description"] for row in csv.DictReader(handle)}


def catalogue() -> list[model.CatalogueTheme]:
    """Every active theme with its place in the tree and its name and description as one document."""
    descriptions = theme_descriptions()
    themes = Theme.objects.filter(is_active=True).select_related("parent").in_tree_order()
    return [
        model.CatalogueTheme(
            slug=t.slug,
            parent=t.parent.slug if t.parent_id else None,
            document=f"{t.name}. {t.name_en}. {descriptions.get(t.slug, '')}",
        )
        for t in themes
    ]


def training_data() -> tuple[list[str], list[set[str]]]:
    """The texts of the tagged signals and their themes' slugs (a text past its retention period is gone)."""
    pairs = Signal.themes.through.objects.values_list("signal_id", "theme__slug")
    labels: dict[int, set[str]] = {}
    for signal_id, slug in pairs.iterator(chunk_size=10_000):
        labels.setdefault(signal_id, set()).add(slug)
    rows = Signal.objects.filter(pk__in=list(labels)).exclude(summary=TOMBSTONE).order_by("pk")
    texts, tags = [], []
    for pk, summary in rows.values_list("pk", "summary").iterator(chunk_size=10_000):
        texts.append(summary)
        tags.append(labels[pk])
    return texts, tags


def tagged_signal_count() -> int:
    return Signal.objects.filter(themes__isnull=False).exclude(summary=TOMBSTONE).distinct().count()


def theme_model_train(*, training_id: int | None = None, evaluate: bool = True) -> int | None:
    """Evaluate (cross-validated), train on all tagged signals and store a new version; None when there
    are fewer tagged signals than SUGGEST_MIN_SIGNALS."""
    training = ThemeModelTraining.objects.filter(pk=training_id).first() if training_id else None
    _set_status(training, ThemeModelTraining.Status.RUNNING)
    try:
        version = _train(evaluate=evaluate)
    except Exception:
        _set_status(training, ThemeModelTraining.Status.FAILED)
        raise
    _set_status(training, ThemeModelTraining.Status.DONE, version=version)
    return version


def _train(*, evaluate: bool) -> int | None:
    texts, labels = training_data()
    if len(texts) < settings.SUGGEST_MIN_SIGNALS:
        return None
    themes = catalogue()
    minimum = settings.SUGGEST_MIN_THEME_SIGNALS
    figures = (
        evaluation.evaluate(
            texts, labels, themes, min_theme_signals=minimum, min_confidence=settings.SUGGEST_MIN_CONFIDENCE
        )
        if evaluate
        else {}
    )
    bundle = model.fit(texts, labels, themes, min_theme_signals=minimum)
    figures["trained_themes"] = len(bundle["trained"])
    figures["described_themes"] = len(bundle["slugs"]) - len(bundle["trained"])
    return theme_model_store(bundle=bundle, signal_count=len(texts), evaluation=figures).version


@transaction.atomic
def theme_model_store(*, bundle: dict, signal_count: int, evaluation: dict) -> ThemeModel:
    """Store a fitted bundle as the next version and delete all but the last KEEP_MODELS."""
    newest = ThemeModel.objects.select_for_update().newest_version() or 0
    stored = ThemeModel.objects.create(
        version=newest + 1, signal_count=signal_count, evaluation=evaluation, fitted=sio.dumps(bundle)
    )
    keep = ThemeModel.objects.order_by("-version").values_list("pk", flat=True)[:KEEP_MODELS]
    ThemeModel.objects.exclude(pk__in=list(keep)).delete()
    return stored


def load_bundle(data: bytes) -> dict:
    """A stored model back in memory; skops refuses any type that is not trusted (no pickle)."""
    return sio.loads(bytes(data), trusted=TRUSTED)


def _set_status(training: ThemeModelTraining | None, status: str, *, version: int | None = None) -> None:
    if training is None:
        return
    training.status = status
    training.model_version = version
    if status in (ThemeModelTraining.Status.DONE, ThemeModelTraining.Status.FAILED):
        training.finished_at = timezone.now()
    training.save(update_fields=["status", "model_version", "finished_at"])


def theme_model_training_start(*, user) -> ThemeModelTraining:
    """Ask for a training run, unless one is waiting or running; the worker starts after the commit."""
    busy = ThemeModelTraining.objects.filter(
        status__in=[ThemeModelTraining.Status.QUEUED, ThemeModelTraining.Status.RUNNING]
    ).first()
    if busy:
        return busy
    training = ThemeModelTraining.objects.create(requested_by=user)
    from learning.suggestions.tasks import train_theme_model

    transaction.on_commit(lambda: train_theme_model.delay(training.pk))
    return training


# --- the model in memory: one per process, reloaded when a newer version is stored


class _Loaded:
    lock = threading.Lock()
    stamp: tuple | None = None  # (version, trained_at)
    bundle: dict | None = None
    signal_count: int = 0


def current_model() -> tuple[dict | None, int]:
    """The newest stored model (bundle, signal count), loaded once per process; one cheap query per call
    sees whether a newer version was stored since."""
    newest = ThemeModel.objects.newest_stamp()
    if newest is None:
        return None, 0
    if newest != _Loaded.stamp:
        with _Loaded.lock:
            if newest != _Loaded.stamp:
                row = ThemeModel.objects.filter(version=newest[0]).values_list("fitted", "signal_count").first()
                if row is None:  # deleted in between: the next call tries again
                    return _Loaded.bundle, _Loaded.signal_count
                _Loaded.bundle, _Loaded.signal_count, _Loaded.stamp = load_bundle(row[0]), row[1], newest
    return _Loaded.bundle, _Loaded.signal_count


@dataclass
class ShownSuggestion:
    theme: Theme
    confidence: float
    source: str

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)


@dataclass
class SuggestionResult:
    available: bool
    suggestions: list[ShownSuggestion] = field(default_factory=list)


def themes_suggest(*, text: str, top: int = evaluation.TOP, min_confidence: float | None = None) -> SuggestionResult:
    """The best themes for a text at or above the minimum confidence, or "not available" while the model
    learned from fewer tagged signals than SUGGEST_MIN_SIGNALS. Stores and logs nothing of the text."""
    bundle, signal_count = current_model()
    if bundle is None or signal_count < settings.SUGGEST_MIN_SIGNALS:
        return SuggestionResult(available=False)
    if not text.strip():
        return SuggestionResult(available=True)
    minimum = settings.SUGGEST_MIN_CONFIDENCE if min_confidence is None else min_confidence
    ranked = model.rank(bundle, [text])[0].top(top, minimum)
    themes = Theme.objects.select_related("parent").in_bulk([s.theme for s in ranked], field_name="slug")
    shown = [ShownSuggestion(themes[s.theme], s.confidence, s.source) for s in ranked if s.theme in themes]
    return SuggestionResult(available=True, suggestions=shown)


class NoModel(Exception):
    """No theme model has been trained yet."""


def suggestions_for_lines(*, lines: list[str], top: int, min_confidence: float) -> list[list[model.Suggestion]]:
    """For the command: the suggestions per line, as slugs and confidences."""
    bundle, _count = current_model()
    if bundle is None:
        raise NoModel
    return [ranking.top(top, min_confidence) for ranking in model.rank(bundle, lines)] if lines else []


def dumps_check(bundle: dict) -> list[str]:
    """The types in a bundle that skops would not load (for the tests: this must stay empty)."""
    return [t for t in sio.get_untrusted_types(data=sio.dumps(bundle)) if t not in TRUSTED]
