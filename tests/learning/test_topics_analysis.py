"""The clustering alone (no database): planted topics are found, the number of topics is the most
coherent one within the bounds, the text is prepared as documented, the growth test and coverage."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from learning.topics import analysis
from tests.learning.topics_corpus import PLANTED, planted_texts


def _found(model, texts):
    """Per planted topic, the set of fitted topics its texts went to."""
    assigned, _strength = model.assign([text for _topic, text in texts])
    found = {}
    for (topic, _text), t in zip(texts, assigned, strict=True):
        found.setdefault(topic, set()).add(int(t))
    return found


def test_the_planted_topics_are_found_each_as_one_topic():
    texts = planted_texts()
    model = analysis.fit([t for _topic, t in texts], k_min=2, k_max=8)
    found = _found(model, texts)
    assert model.k == len(PLANTED)
    assert all(len(topics) == 1 for topics in found.values())  # each planted topic in one fitted topic
    assert len(set().union(*found.values())) == len(PLANTED)  # and no two planted topics together
    for words in model.top_words(4):
        homes = {topic for topic, vocabulary in PLANTED.items() if set(words) <= set(vocabulary)}
        assert len(homes) == 1  # a topic's top words all come from one planted topic


def test_three_planted_topics_give_three():
    texts = planted_texts(topics=("vervoer", "geld", "school"))
    assert analysis.fit([t for _topic, t in texts], k_min=2, k_max=6).k == 3


@pytest.mark.parametrize(("k_min", "k_max"), [(2, 8), (3, 12), (5, 7), (2, 3)])
def test_k_is_the_most_coherent_within_the_bounds(k_min, k_max):
    texts = [t for _topic, t in planted_texts()]
    model = analysis.fit(texts, k_min=k_min, k_max=k_max)
    assert set(model.coherence) == set(range(k_min, k_max + 1))
    assert k_min <= model.k <= k_max
    assert model.coherence[model.k] == max(model.coherence.values())


def test_the_search_is_deterministic():
    texts = [t for _topic, t in planted_texts(seed=7)]
    first, second = analysis.fit(texts, k_min=2, k_max=6), analysis.fit(texts, k_min=2, k_max=6)
    assert first.k == second.k and first.top_words() == second.top_words()
    assert np.array_equal(first.assign(texts)[0], second.assign(texts)[0])


def test_text_is_folded_and_tags_numbers_and_stop_words_are_left_out():
    assert analysis.prepare("Financiële zorgen: [NAAM] betaalt € 1.250,50 per maand [E-MAIL]") == (
        "financiele zorgen:   betaalt €   per maand  "
    )
    words = analysis.vectorizer().build_analyzer()("De bewoner vertelde dat het café 3 keer dicht was [NAAM]")
    assert words == ["cafe", "dicht"]


def test_umass_is_zero_for_words_always_together_and_lower_for_words_apart():
    together = np.array([[1, 1, 0], [1, 1, 0], [1, 1, 1], [0, 0, 1]], dtype=bool)
    assert analysis.umass([0, 1], together) == pytest.approx(np.log(4 / 3))
    assert analysis.umass([0, 2], together) < analysis.umass([0, 1], together)


@pytest.mark.parametrize("texts", [[], ["", ""], ["de het een", "en is was"], ["alleen één tekst over de buurtbus"]])
def test_too_little_to_cluster_gives_no_model(texts):
    assert analysis.fit(texts, k_min=3, k_max=12) is None


@given(st.lists(st.text(max_size=80), max_size=12))
def test_any_texts_give_a_model_or_none_never_an_error(texts):
    model = analysis.fit(texts, k_min=2, k_max=4)
    if model is not None:
        assigned, _strength = model.assign(texts)
        assert len(assigned) == len(texts) and set(assigned.tolist()) <= set(range(-1, model.k))


def test_coverage_names_the_most_common_theme_and_prefers_the_more_specific_on_a_tie():
    theme_sets = [{1, 10}, {1, 10}, {2}, set()]
    assert analysis.coverage(theme_sets, order=[10, 1, 2]) == (10, 2)
    assert analysis.coverage([set(), set()], order=[1]) == (None, 0)


def test_a_topic_whose_share_grew_is_marked_and_one_that_stayed_is_not():
    grown = analysis.growth([30, *[10] * 6], 200, [5, *[10] * 6], 200, fdr=0.1)
    assert grown.grows.tolist() == [True] + [False] * 6
    assert grown.p[0] < 0.01 < 0.5 < grown.p[1]
    assert grown.adjusted[0] <= 0.1


def test_the_topic_that_grew_does_not_hide_itself_among_a_few_topics():
    # Dispersion is estimated from the other topics: with three topics the one that grew still shows.
    assert analysis.growth([30, 10, 10], 100, [5, 10, 10], 100, fdr=0.1).grows.tolist() == [True, False, False]


def test_topics_that_vary_a_lot_widen_the_test():
    steady = analysis.growth([20, 10, 10, 10], 100, [10, 10, 10, 10], 100, fdr=0.1)
    wild = analysis.growth([20, 25, 2, 10], 100, [10, 5, 20, 10], 100, fdr=0.1)
    assert wild.p[0] > steady.p[0]


def test_more_signals_overall_is_no_growth():
    # Twice as many signals in every topic: the shares stay, so nothing grows (exposure-aware).
    grown = analysis.growth([20, 40, 60], 200, [10, 20, 30], 100, fdr=0.1)
    assert not grown.grows.any()


def test_without_a_previous_period_nothing_is_tested():
    grown = analysis.growth([5, 5], 10, [0, 0], 0, fdr=0.1)
    assert np.isnan(grown.p).all() and not grown.grows.any()
