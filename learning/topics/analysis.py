"""Emerging topics: the signals' texts clustered with NMF on TF-IDF. Pure: texts and numbers in, topics out.

- ``prepare``: lower case, accents folded (ë → e), the guard's tags (``[NAAM]``, ``[ADRES]``) and numbers
  taken out (they say nothing about what a story is about), Dutch stop words left out by the vectoriser.
- ``fit``: for each number of topics k from ``k_min`` to ``k_max``, NMF (fixed seed, deterministic
  initialisation ``nndsvda``) on TF-IDF; the k whose topics are most coherent wins (``score``: the mean
  UMass coherence of the topics' top words, less the share of top words a topic shares with another).
- ``Model.assign``: each text goes to the topic it weighs most on, the earlier period's texts through the
  same fitted vocabulary and topics (``transform``); a text with none of the vocabulary's words stays out.
- ``coverage``: how well one existing theme covers a topic; ``growth``: whether a topic's share of all
  signals grew against the previous period, with the comparison's exact conditional test.

The stop words are our own short list (below): the most frequent Dutch function words plus words every
note of the council holds ("bewoner", "vertelde"). scikit-learn has an English list only, and a frequency
list (wordfreq) would also drop content words that are simply common ("geld", "huis").
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass

import numpy as np
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer

from monitoring.analysis.inference import benjamini_hochberg, dispersion, moments, two_sample

SEED = 13
TOP_WORDS = 8  # words shown per topic
COHERENCE_WORDS = 10  # words per topic whose co-occurrence is scored
MAX_ITER = 400

_STOP_TEXT = """
    aan al alle alleen als altijd ander andere anders ben bij bijna binnen dan dat de deze die dit doen doet door
    dus een eens eigen elk elke en er ergens ermee erg even geen gaan gaat geweest had hadden heb hebben heeft
    hem hen het hier hij hoe hun iemand iets ik in is ja je jij jou jouw kan komen komt kon konden kun kunnen
    laat maar meer men met mij mijn moet moeten na naar nee niet niets nog nooit nu of om omdat ons onze ook op
    over per te ten ter tegen toch toen tot u uit uw van veel voor vaak want was waren wat we wel welke werd
    wie wij wil willen word worden wordt zal ze zelf zich zij zijn zo zonder zou zouden zeer zit zitten
    weer wordt daar daarom daardoor dezelfde hierdoor waar waarom wanneer sinds keer soms steeds echt heel
    vindt vond zegt zei zeggen vertelde vertelt vraagt vroeg kreeg krijgt krijgen gaf geeft staat stond ging
    meneer mevrouw man vrouw bewoner bewoners inwoner inwoners mensen graag hele weet weten haar hem zijn
    mee via paar dagen dag jaar jaren week weken maand maanden uur moest kwam kwamen ging gingen zag ziet
    kijkt denkt dacht kunt moest wilde wilt zoals tussen onder boven achter naast terwijl omdat toen tijdens
    eerst daarna later nadat waardoor waarbij ander eerder verder snel goed slecht groot klein nieuw oud
    twee drie vier vijf zes zeven acht negen tien half halve eerste tweede beetje veel weinig genoeg
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_TAG = re.compile(r"\[[A-Z_-]+\]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TOKEN_PATTERN = r"(?u)\b[a-z][a-z]{2,}\b"  # words of three letters or more, after folding


def fold(text: str) -> str:
    """Lower case without accents: "financiële" → "financiele"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def prepare(text: str) -> str:
    """A text as the vectoriser reads it: tags and numbers out, folded."""
    return fold(_NUMBER.sub(" ", _TAG.sub(" ", text or "")))


def umass(top_words: list[int], documents: np.ndarray) -> float:
    """UMass coherence (Mimno, Wallach, Talley, Leenders & McCallum 2011, "Optimizing semantic coherence
    in topic models", EMNLP): for the topic's top words v1..vM by weight, the mean over pairs l < m of
    log((D(v_m, v_l) + 1) / D(v_l)), D counting the documents holding the words. Closer to 0 is more
    coherent: the topic's words are found together in the same signals. ``documents`` is the
    document × word presence matrix (bool)."""
    scores = []
    for m in range(1, len(top_words)):
        for l_ in range(m):
            together = np.count_nonzero(documents[:, top_words[m]] & documents[:, top_words[l_]])
            alone = np.count_nonzero(documents[:, top_words[l_]])
            if alone:
                scores.append(np.log((together + 1) / alone))
    return float(np.mean(scores)) if scores else float("-inf")


@dataclass
class Model:
    """A fitted vocabulary and topics: what ``assign`` applies to any texts."""

    vectorizer: TfidfVectorizer
    nmf: NMF
    coherence: dict[int, float]  # per k tried, the mean UMass coherence of its topics

    @property
    def k(self) -> int:
        return self.nmf.n_components

    def top_words(self, n: int = TOP_WORDS) -> list[list[str]]:
        words = self.vectorizer.get_feature_names_out()
        return [
            [str(words[i]) for i in np.argsort(-row, kind="stable")[:n] if row[i] > 0] for row in self.nmf.components_
        ]

    def weights(self, texts: list[str]) -> np.ndarray:
        """Document × topic weights."""
        if not texts:
            return np.zeros((0, self.k))
        return self.nmf.transform(self.vectorizer.transform([prepare(t) for t in texts]))

    def assign(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per text its topic (−1: none of the vocabulary's words) and its weight on that topic."""
        weights = self.weights(texts)
        if not len(weights):
            return np.zeros(0, dtype=int), np.zeros(0)
        best = weights.argmax(axis=1)
        strength = weights.max(axis=1)
        return np.where(strength > 0, best, -1), strength


def vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(
        preprocessor=prepare,
        token_pattern=TOKEN_PATTERN,
        stop_words=sorted(STOP_WORDS),
        min_df=2,
        max_df=0.5,
        sublinear_tf=True,
    )


def fit(texts: list[str], *, k_min: int, k_max: int, seed: int = SEED, progress=None) -> Model | None:
    """Topics for the texts, their number chosen by coherence within k_min..k_max (fewer when there are
    too few texts or words: at least two texts per topic). None when nothing can be clustered.
    ``progress``, when given, is called with the share of the numbers of topics tried (0..1)."""
    vectors = vectorizer()
    try:
        matrix = vectors.fit_transform(texts)
    except ValueError:  # no word is left (empty texts, or only stop words)
        return None
    k_max = min(k_max, matrix.shape[1], len(texts) // 2)
    if k_max < 2:
        return None
    present = (matrix > 0).toarray()
    best: tuple[float, NMF] | None = None
    coherence = {}
    tried = range(min(max(2, k_min), k_max), k_max + 1)
    for k in tried:
        with warnings.catch_warnings():
            # Not converging within MAX_ITER on a small corpus still gives usable, reproducible topics.
            warnings.simplefilter("ignore", (ConvergenceWarning, RuntimeWarning))
            nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=MAX_ITER).fit(matrix)
        coherence[k] = round(score(nmf.components_, present), 4)
        if best is None or coherence[k] > best[0]:
            best = (coherence[k], nmf)
        if progress is not None:
            progress((k - tried.start + 1) / len(tried))
    return Model(vectors, best[1], coherence)


def score(components: np.ndarray, present: np.ndarray) -> float:
    """How good k topics are: their mean UMass coherence, less the mean share of a topic's top words that
    are also another topic's top words. Coherence alone rewards splitting a topic in two on a small
    corpus (each half's words meet by chance more often); two halves of one topic repeat each other's
    words, and the second term takes that back: coherence against exclusivity, as Roberts, Stewart &
    Airoldi weigh them in choosing the number of topics (structural topic models, 2014-2016)."""
    tops = [[i for i in np.argsort(-row, kind="stable")[:COHERENCE_WORDS] if row[i] > 0] for row in components]
    coherence = np.mean([umass(top, present) for top in tops])
    shared = []
    for i, top in enumerate(tops):
        others = set().union(*(set(other) for j, other in enumerate(tops) if j != i))
        shared.append(len(others.intersection(top)) / len(top) if top else 1.0)
    return float(coherence - np.mean(shared))


def coverage(theme_sets: list[set[int]], order: list[int]) -> tuple[int | None, int]:
    """The theme most of a topic's signals carry and how many carry it. ``theme_sets``: per signal its
    themes (with their main themes); ``order``: every theme id, the preferred first on a tie (aspects
    before main themes, so the most specific theme is named)."""
    counts = Counter(t for themes in theme_sets for t in themes)
    if not counts:
        return None, 0
    rank = {theme: i for i, theme in enumerate(order)}
    theme = max(counts, key=lambda t: (counts[t], -rank.get(t, len(rank)), -t))
    return theme, counts[theme]


@dataclass(frozen=True)
class Growth:
    p: np.ndarray  # one-sided: the topic's share in the previous period is lower than now
    adjusted: np.ndarray  # Benjamini–Hochberg over the topics
    grows: np.ndarray  # adjusted ≤ fdr and the share went up


def growth(now: list[int], total_now: int, before: list[int], total_before: int, *, fdr: float) -> Growth:
    """Per topic: did its share of all signals grow? The comparison's exact conditional test
    (monitoring.analysis.inference.two_sample) with the periods swapped: is the share in the previous
    period lower than in this one? As in the comparison, overdispersion is estimated across the topics,
    but for each topic from the other topics only: among three to twelve topics, the one that grew would
    otherwise widen its own test until it hides."""
    x, x_ref = np.asarray(now, dtype=float), np.asarray(before, dtype=float)
    if not len(x):
        empty = np.zeros(0)
        return Growth(empty, empty, np.zeros(0, dtype=bool))
    p = np.array([two_sample(x_ref[i], total_before, x[i], total_now, alternative="less",
                             phi=_dispersion_without(i, x_ref, total_before, x, total_now)).p.item()
                  for i in range(len(x))])  # fmt: skip
    adjusted = benjamini_hochberg(p)
    with np.errstate(divide="ignore", invalid="ignore"):
        up = (x / max(total_now, 1)) > (x_ref / total_before if total_before else np.inf)
    grows = np.where(np.isnan(adjusted), False, adjusted <= fdr) & up
    return Growth(p, adjusted, grows)


def _dispersion_without(i: int, x, n, x_ref, n_ref) -> float:
    """Pearson's χ² per degree of freedom over the other topics (never below 1; 1 when there are none)."""
    others = np.arange(len(x)) != i
    expected, variance, *_rest = moments(x[others], n, x_ref[others], n_ref)
    return dispersion(x[others], expected, variance)
