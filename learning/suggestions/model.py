"""The theme suggester, pure: it learns from tagged texts and the theme catalogue and suggests themes
for a new text. No database here: services.py loads the data and stores what this returns.

What it learns from:
- the texts of tagged signals, through TF-IDF on words (1–2) and characters (3–4 within words), and a
  calibrated linear one-vs-rest classifier (a linear SVM) for each theme with at least `min_theme_signals` signals;
- the catalogue: each theme's name and description (descriptions.csv) is one more document tagged with
  that theme, so its words are known even when few signals carry it; a theme with too few signals is
  suggested through the likeness of the text to its name and description only, on a scale learned from
  the themes that do have signals;
- the tree: a dimension is supported by its aspects (their probabilities rolled up).

The bundle that `fit` returns holds only scikit-learn objects, numpy/scipy arrays and plain lists and
dicts, so skops can store and load it without pickle. Its vocabulary holds n-grams of the texts: it is
never shown anywhere.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import _SigmoidCalibration
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.model_selection import KFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from learning.suggestions.text import prepare_all

# A bounded number of SGD passes on purpose (time on many signals): not converging further is expected.
# A filter at import, not around the fit: joblib's worker processes import this module and take the
# parent's filters, but a catch_warnings block in the task did not silence them there.
warnings.filterwarnings("ignore", category=ConvergenceWarning, module=r"sklearn\.linear_model\._stochastic_gradient")

SEED = 13
SCALE_SAMPLE = 2000  # texts the description scale learns from; more adds time, not accuracy
# Sources of a suggestion, as the form says them (views.py)
MODEL, DESCRIPTION, TREE = "model", "description", "tree"


@dataclass(frozen=True)
class CatalogueTheme:
    slug: str
    parent: str | None  # the dimension's slug, for an aspect
    document: str  # name and description


@dataclass(frozen=True)
class Suggestion:
    theme: str  # slug
    confidence: float
    source: str = MODEL
    parent: str | None = None


@dataclass
class Ranking:
    """All themes for one text, best first (no threshold, no cut)."""

    suggestions: list[Suggestion] = field(default_factory=list)

    def top(self, k: int, min_confidence: float = 0.0) -> list[Suggestion]:
        """The best k at or above min_confidence. An aspect says more than its dimension: where a
        dimension would stand while one of its aspects also passes, that aspect stands instead."""
        candidates = [s for s in self.suggestions if s.confidence >= min_confidence]
        chosen: list[Suggestion] = []
        for suggestion in candidates:
            if len(chosen) >= k:
                break
            taken = {c.theme for c in chosen}
            if suggestion.theme in taken:
                continue
            aspects = [c for c in candidates if c.parent == suggestion.theme]
            if aspects:
                suggestion = next((a for a in aspects if a.theme not in taken), None)
                if suggestion is None:
                    continue
            chosen.append(suggestion)
        return chosen


class CalibratedLinearOneVsRest(ClassifierMixin, BaseEstimator):
    """One linear SVM per theme (SGD, hinge loss), each with a sigmoid (Platt) learned on the decision
    values it gave for texts it did not learn from: what OneVsRestClassifier(CalibratedClassifierCV(
    ensemble=False)) does, except that all themes share one set of folds. The feature matrix is cut into
    its folds `cv` times, not `cv` times per theme: that cutting was 40% of the training time.
    A linear SVM trained by stochastic gradient descent: as good as LinearSVC on the demo data, and thirty
    times faster on 50,000 signals (bench/RESULTS.md).

    Fitted: `coef_` (themes × features), `intercept_` and `sigmoid_` (themes × 2: Platt's a and b)."""

    def __init__(self, *, alpha=1e-4, max_iter=10, tol=1e-3, n_iter_no_change=3, cv=3, n_jobs=2, random_state=SEED):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.cv = cv
        self.n_jobs = n_jobs
        self.random_state = random_state

    def fit(self, X, Y):
        X = sp.csr_matrix(X, dtype=np.float32)
        Y = np.asarray(Y).astype(bool)
        themes = Y.shape[1]
        folds = list(KFold(self.cv, shuffle=True, random_state=self.random_state).split(X))
        parts = [(train, X[train], Y[train]) for train, _test in folds] + [(None, X, Y)]
        # Each fold's rows are cut once; a part of the themes per process (the SVM holds the GIL, so
        # threads would take turns). joblib hands the matrix to the workers as shared memory maps.
        chunks = np.array_split(np.arange(themes), max(1, min(self.n_jobs, themes)))
        fitted = Parallel(n_jobs=self.n_jobs)(
            delayed(self._fit_linear)(X_part, Y_part[:, chunk]) for _rows, X_part, Y_part in parts for chunk in chunks
        )
        per_part = [fitted[i : i + len(chunks)] for i in range(0, len(fitted), len(chunks))]
        out_of_fold = np.zeros(Y.shape)
        for (_train, test), pieces in zip(folds, per_part[:-1], strict=True):
            coef, intercept = np.vstack([c for c, _i in pieces]), np.concatenate([i for _c, i in pieces])
            out_of_fold[test] = X[test] @ coef.T + intercept
        self.coef_ = np.vstack([c for c, _i in per_part[-1]])
        self.intercept_ = np.concatenate([i for _c, i in per_part[-1]])
        self.sigmoid_ = np.array([_platt(out_of_fold[:, j], Y[:, j]) for j in range(themes)])
        self.n_features_in_ = X.shape[1]
        return self

    def _fit_linear(self, X, Y) -> tuple[np.ndarray, np.ndarray]:
        fitted = [self._fit_one(X, Y[:, j]) for j in range(Y.shape[1])]
        return np.vstack([c for c, _i in fitted]).astype(np.float32), np.array([i for _c, i in fitted])

    def _fit_one(self, X, y) -> tuple[np.ndarray, float]:
        if y.all() or not y.any():  # a theme none (or all) of this fold's texts carry: always no (or yes)
            return np.zeros(X.shape[1], dtype=np.float32), 1.0 if y.any() else -1.0
        linear = SGDClassifier(
            loss="hinge",
            alpha=self.alpha,
            class_weight="balanced",
            max_iter=self.max_iter,
            tol=self.tol,
            n_iter_no_change=self.n_iter_no_change,
            random_state=self.random_state,
        )
        linear.fit(X, y)
        return linear.coef_[0], float(linear.intercept_[0])

    def decision_function(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef_.T) + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        """The chance of each theme (themes are not exclusive: a row does not sum to 1)."""
        return expit(-(self.sigmoid_[:, 0] * self.decision_function(X) + self.sigmoid_[:, 1]))

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)


def _platt(decisions: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    calibration = _SigmoidCalibration().fit(decisions, truth)
    return float(calibration.a_), float(calibration.b_)


def build_pipeline(*, seed: int = SEED, calibrated: bool = True) -> Pipeline:
    """Prepare → words and characters TF-IDF → one calibrated linear classifier per theme."""
    features = FeatureUnion(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2), sublinear_tf=True, min_df=1, max_features=200_000, dtype=np.float32
                ),
            ),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(3, 4),
                    sublinear_tf=True,
                    min_df=2,
                    max_features=300_000,
                    dtype=np.float32,
                ),
            ),
        ]
    )
    if calibrated:
        classifier = CalibratedLinearOneVsRest(random_state=seed)
    else:  # the bench's baseline: the same SVMs, without the calibration
        linear = SGDClassifier(
            loss="hinge", alpha=1e-4, class_weight="balanced", max_iter=20, tol=1e-3, random_state=seed
        )
        classifier = OneVsRestClassifier(linear, n_jobs=-1)
    return Pipeline([("prepare", FunctionTransformer(prepare_all)), ("features", features), ("classifier", classifier)])


def fit(
    texts: list[str],
    labels: list[set[str]],
    catalogue: list[CatalogueTheme],
    *,
    min_theme_signals: int,
    seed: int = SEED,
) -> dict:
    """Learn from tagged texts and the catalogue; returns the bundle that `rank` reads."""
    known = {t.slug for t in catalogue}
    labels = [set(ls) & known for ls in labels]
    counts = {t.slug: sum(t.slug in ls for ls in labels) for t in catalogue}
    trained = sorted(s for s, n in counts.items() if min_theme_signals <= n < len(texts))
    documents = [*texts, *(t.document for t in catalogue)]
    targets = [*labels, *({t.slug} for t in catalogue)]
    pipeline = build_pipeline(seed=seed)
    # The steps are fitted one by one so the texts are turned into features once, not three times.
    prepare_step, features, classifier = (step for _name, step in pipeline.steps)
    matrix = features.fit_transform(prepare_step.fit_transform(documents))
    if trained:
        classifier.fit(matrix, np.array([[slug in ls for slug in trained] for ls in targets], dtype=bool))
    else:  # too little to learn a classifier: the features alone, for the descriptions
        pipeline = Pipeline(pipeline.steps[:-1])
    bundle = {
        "pipeline": pipeline,
        "trained": trained,
        "slugs": [t.slug for t in catalogue],
        "parents": [t.parent or "" for t in catalogue],
        "theme_vectors": matrix[len(texts) :],
        "counts": [counts[t.slug] for t in catalogue],
    }
    bundle["description_scale"] = _fit_description_scale(bundle, matrix[: len(texts)], labels, seed)
    return bundle


def _similarities(bundle: dict, features) -> np.ndarray:
    # Each of the two TF-IDF parts is l2-normed, so the cosine of the union is half the dot product.
    return np.asarray((features @ bundle["theme_vectors"].T).todense()) / 2


def _description_features(similarities: np.ndarray) -> np.ndarray:
    """Per (text, theme): the likeness, and how far it stays below the best theme's likeness."""
    best = similarities.max(axis=1, keepdims=True)
    return np.stack([similarities.ravel(), (similarities - best).ravel()], axis=1)


def _fit_description_scale(bundle: dict, matrix, labels: list[set[str]], seed: int) -> LogisticRegression:
    """How likely a theme is, given only the likeness of a text to its name and description; learned
    over the (text, theme) pairs of the tagged signals (a fixed sample of them when there are many), so
    it holds for a theme without signals too."""
    scale = LogisticRegression(random_state=seed)
    rows = np.arange(matrix.shape[0])
    if len(rows) > SCALE_SAMPLE:
        rows = np.sort(np.random.default_rng(seed).choice(rows, SCALE_SAMPLE, replace=False))
    truth = np.array([[slug in labels[i] for slug in bundle["slugs"]] for i in rows]).ravel()
    if len(rows) == 0 or truth.all() or not truth.any():
        return scale.fit(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([0, 1]))
    return scale.fit(_description_features(_similarities(bundle, matrix[rows])), truth)


def rank(bundle: dict, texts: list[str]) -> list[Ranking]:
    """Every theme for each text with its confidence, best first."""
    features = bundle["pipeline"][:2].transform(texts)
    similarities = _similarities(bundle, features)
    by_description = bundle["description_scale"].predict_proba(_description_features(similarities))[:, 1]
    by_description = by_description.reshape(similarities.shape)
    slugs, trained = bundle["slugs"], bundle["trained"]
    by_model = bundle["pipeline"][2].predict_proba(features) if trained else np.zeros((len(texts), 0))
    model_column = {slug: i for i, slug in enumerate(trained)}
    parents = dict(zip(slugs, bundle["parents"], strict=True))
    rankings = []
    for row in range(len(texts)):
        scores = {}
        for col, slug in enumerate(slugs):
            if slug in model_column:
                # The text's likeness to the theme's description backs the classifier up: a new wording
                # the signals never used can still be close to what the theme is about.
                chance = max(by_model[row, model_column[slug]], by_description[row, col])
                scores[slug] = (float(chance), MODEL)
            else:
                scores[slug] = (float(by_description[row, col]), DESCRIPTION)
        _roll_up(scores, parents)
        ordered = sorted(scores.items(), key=lambda item: (-item[1][0], item[0]))
        rankings.append(Ranking([Suggestion(s, round(c, 4), src, parents[s] or None) for s, (c, src) in ordered]))
    return rankings


def _roll_up(scores: dict[str, tuple[float, str]], parents: dict[str, str]) -> None:
    """A dimension is at least as likely as "one of its aspects applies" (their probabilities combined
    as independent chances, ignoring the faint ones)."""
    aspects: dict[str, list[float]] = {}
    for slug, parent in parents.items():
        if parent and slug in scores and scores[slug][0] >= 0.1:
            aspects.setdefault(parent, []).append(scores[slug][0])
    for dimension, chances in aspects.items():
        combined = 1 - float(np.prod([1 - c for c in chances]))
        if dimension in scores and combined > scores[dimension][0]:
            scores[dimension] = (combined, TREE)
