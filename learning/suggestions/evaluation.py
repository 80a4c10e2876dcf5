"""Cross-validated evaluation of the theme suggester, pure (no database).

Five folds with a fixed seed, twice: once with the signals shuffled into folds, and once with the
copies of one note (the same text with another first line, as the demo data has) kept in one fold, so
the model is never tested on a note it learned from: the second says how it does on new notes. What is
counted is what the form shows: the best three suggestions at or above the minimum confidence.
"""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
from joblib import Parallel, delayed
from sklearn.metrics import f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold, KFold

from learning.suggestions import model
from learning.suggestions.text import prepare

FOLDS = 5
PROCESSES = 2  # the machine's cores
TOP = 3
MAX_EVALUATED = 2000  # beyond this many signals a sample is evaluated: the figures barely move, training time does
COPY_KEY_CHARS = 120
HEADLINE = (
    "micro_f1",
    "macro_f1",
    "top3_hit_rate",
    "top3_family_hit_rate",
    "none_shown",
)  # two notes ending in the same prepared characters are copies of one note


def copy_groups(texts: list[str]) -> list[int]:
    """A group number per text; copies of one note share it."""
    keys: dict[str, int] = {}
    return [keys.setdefault(prepare(t)[-COPY_KEY_CHARS:], len(keys)) for t in texts]


def evaluate(
    texts: list[str],
    labels: list[set[str]],
    catalogue: list[model.CatalogueTheme],
    *,
    min_theme_signals: int,
    min_confidence: float,
    seed: int = model.SEED,
) -> dict:
    """The figures of the evaluation page, as a JSON-ready dict (no text, only slugs and numbers)."""
    texts, labels, sampled = _sample(texts, labels, seed)
    parents = {t.slug: t.parent for t in catalogue}
    fitting = {"catalogue": catalogue, "min_theme_signals": min_theme_signals, "seed": seed, "top": min_confidence}
    groups = copy_groups(texts)
    folds = min(FOLDS, len(set(groups)))
    if folds < 2:
        return {"signals": len(texts), "folds": 0}
    splits = [
        *KFold(folds, shuffle=True, random_state=seed).split(texts),
        *GroupKFold(folds, shuffle=True, random_state=seed).split(texts, groups=groups),
    ]
    # The folds' models learn side by side, one per process.
    predicted = Parallel(n_jobs=PROCESSES)(
        delayed(_fold_shown)(texts, labels, train, test, fitting) for train, test in splits
    )
    shown, unseen = (
        _collect(len(texts), splits[:folds], predicted[:folds]),
        _collect(len(texts), splits[folds:], predicted[folds:]),
    )
    new_notes = _scores(labels, unseen, parents, [t.slug for t in catalogue])
    return {
        "signals": len(texts),
        "sampled": sampled,
        "folds": folds,
        "seed": seed,
        "min_confidence": min_confidence,
        **_scores(labels, shown, parents, [t.slug for t in catalogue]),
        "copies_apart": {k: new_notes[k] for k in HEADLINE},
    }


def _fold_shown(texts, labels, train, test, fitting: dict) -> list[list[model.Suggestion]]:
    """What the form would have shown for each text of one fold, by a model that learned from the others."""
    bundle = model.fit(
        [texts[i] for i in train],
        [labels[i] for i in train],
        fitting["catalogue"],
        min_theme_signals=fitting["min_theme_signals"],
        seed=fitting["seed"],
    )
    return [ranking.top(TOP, fitting["top"]) for ranking in model.rank(bundle, [texts[i] for i in test])]


def _collect(count: int, splits, predicted) -> list[list[model.Suggestion]]:
    shown: list[list[model.Suggestion]] = [[] for _ in range(count)]
    for (_train, test), rows in zip(splits, predicted, strict=True):
        for i, row in zip(test, rows, strict=True):
            shown[i] = row
    return shown


def _sample(texts: list[str], labels: list[set[str]], seed: int) -> tuple[list[str], list[set[str]], bool]:
    if len(texts) <= MAX_EVALUATED:
        return texts, labels, False
    chosen = sorted(random.Random(seed).sample(range(len(texts)), MAX_EVALUATED))
    return [texts[i] for i in chosen], [labels[i] for i in chosen], True


def _family(slug: str, parents: dict[str, str | None]) -> str:
    return parents.get(slug) or slug


def _scores(labels, shown, parents, slugs) -> dict:
    predicted = [{s.theme for s in row} for row in shown]
    hits = [bool(gold & got) for gold, got in zip(labels, predicted, strict=True)]
    family_hits = [
        bool({_family(g, parents) for g in gold} & {_family(p, parents) for p in got})
        for gold, got in zip(labels, predicted, strict=True)
    ]
    present = [s for s in slugs if any(s in ls for ls in labels)]
    y_true = np.array([[s in ls for s in present] for ls in labels])
    y_pred = np.array([[s in got for s in present] for got in predicted])
    precision, recall, _f1, support = precision_recall_fscore_support(y_true, y_pred, zero_division=0)
    return {
        "micro_f1": round(float(f1_score(y_true, y_pred, average="micro", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(y_true, y_pred, average="macro", zero_division=0)), 4),
        "top3_hit_rate": round(sum(hits) / len(hits), 4),
        "top3_family_hit_rate": round(sum(family_hits) / len(family_hits), 4),
        "none_shown": round(sum(not got for got in predicted) / len(predicted), 4),
        "per_theme": [
            {"theme": s, "precision": round(float(p), 4), "recall": round(float(r), 4), "support": int(n)}
            for s, p, r, n in zip(present, precision, recall, support, strict=True)
        ],
        "confused": _confused(labels, predicted),
    }


def _confused(labels: list[set[str]], predicted: list[set[str]], limit: int = 10) -> list[dict]:
    """The pairs most often mixed up: a theme suggested where another, not suggested, was the right one."""
    pairs: Counter = Counter()
    for gold, got in zip(labels, predicted, strict=True):
        for wrong in got - gold:
            for missed in gold - got:
                pairs[(missed, wrong)] += 1
    return [{"theme": a, "suggested": b, "count": n} for (a, b), n in pairs.most_common(limit)]
