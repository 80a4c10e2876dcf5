"""Kappa per theme: Cohen's for two members (as scikit-learn computes it), Fleiss' for more (checked
against a value worked out by hand), no number where kappa is undefined, a reading in plain Dutch, and
the signals on which members differ. Pure: no database."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from learning.agreement import analysis, kappa


def test_cohen_is_scikit_learns_value():
    first = [1, 1, 0, 0, 1, 0, 1, 0, 0, 0]
    second = [1, 0, 0, 0, 1, 1, 1, 0, 0, 0]
    assert kappa.cohen(first, second) == pytest.approx(cohen_kappa_score(first, second))
    # By hand: agree on 8 of 10; chance = 0.4 * 0.4 + 0.6 * 0.6 = 0.52; (0.8 - 0.52) / 0.48
    assert kappa.cohen(first, second) == pytest.approx(0.28 / 0.48)


def test_fleiss_matches_a_value_worked_out_by_hand():
    # Three members, four signals; how many chose the theme: 3, 0, 2, 1.
    rows = [[1, 1, 1], [0, 0, 0], [1, 1, 0], [0, 1, 0]]
    # Per signal the share of agreeing pairs: 1, 1, 1/3, 1/3, so observed = (8/3) / 4 = 2/3.
    # Share of ones: 6/12 = 1/2, so chance = 1/4 + 1/4 = 1/2. Kappa = (2/3 - 1/2) / (1 - 1/2) = 1/3.
    observed, chance = Fraction(2, 3), Fraction(1, 2)
    assert kappa.fleiss(rows) == pytest.approx(float((observed - chance) / (1 - chance)))
    assert kappa.fleiss(rows) == pytest.approx(1 / 3)


def test_fleiss_of_two_members_is_scotts_pi():
    rows = [[1, 1], [1, 0], [0, 0], [0, 0], [1, 1], [0, 1], [0, 0], [0, 0]]
    # Scott's pi: observed 6/8; pooled share of ones 6/16, chance = (3/8)^2 + (5/8)^2 = 34/64.
    observed, chance = 6 / 8, 34 / 64
    assert kappa.fleiss(rows) == pytest.approx((observed - chance) / (1 - chance))


def test_two_members_get_cohen_and_more_get_fleiss():
    rows = [[1, 1], [1, 0], [0, 0], [0, 0], [1, 1], [0, 1], [1, 1], [0, 0]]
    assert kappa.kappa(rows) == pytest.approx(cohen_kappa_score([r[0] for r in rows], [r[1] for r in rows]))
    three = [[*r, r[0]] for r in rows]
    assert kappa.kappa(three) == pytest.approx(kappa.fleiss(three))


@pytest.mark.parametrize("value", [0, 1])
def test_kappa_is_undefined_when_every_rating_is_the_same(value):
    assert kappa.cohen([value] * 5, [value] * 5) is None
    assert kappa.fleiss([[value] * 3] * 5) is None
    assert kappa.kappa([]) is None


def test_cohen_like_edge_cases_of_fleiss():
    assert kappa.fleiss([[1, 1, 1], [0, 0, 0], [1, 1, 1]]) == pytest.approx(1.0)  # full agreement
    assert kappa.fleiss([[1, 0], [0, 1], [1, 0], [0, 1]]) == pytest.approx(-1.0)  # never agree
    assert kappa.cohen([1, 0, 1, 0], [0, 1, 0, 1]) == pytest.approx(-1.0)
    # One member never chooses the theme, the other always: agreement is nil, kappa 0 (not undefined).
    assert kappa.cohen([1, 1, 1], [0, 0, 0]) == pytest.approx(0.0)


def test_ratings_must_line_up():
    with pytest.raises(ValueError):
        kappa.cohen([1, 0], [1])
    with pytest.raises(ValueError):
        kappa.fleiss([[1, 0, 1], [1, 0]])


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (-0.3, "minder dan toeval"),
        (0.0, "nauwelijks"),
        (0.2, "nauwelijks"),
        (0.21, "matig"),
        (0.4, "matig"),
        (0.55, "redelijk"),
        (0.61, "goed"),
        (0.8, "goed"),
        (0.81, "bijna volledig"),
        (1.0, "bijna volledig"),
    ],
)
def test_the_reading_follows_landis_and_koch_in_dutch(value, name):
    band, sentence = kappa.reading(value)
    assert band == name
    assert sentence.startswith("De leden")


def test_an_undefined_kappa_reads_as_no_number():
    band, sentence = kappa.reading(None)
    assert band == ""
    assert "geen getal" in sentence


ratings = st.integers(min_value=2, max_value=5).flatmap(
    lambda members: st.lists(st.lists(st.integers(0, 1), min_size=members, max_size=members), min_size=1, max_size=30)
)


@given(st.lists(st.integers(0, 1), min_size=1, max_size=30), st.integers(min_value=2, max_value=5))
def test_identical_ratings_give_one_where_kappa_is_defined(column, members):
    rows = [[r] * members for r in column]
    value = kappa.kappa(rows)
    if len(set(column)) == 1:
        assert value is None
    else:
        assert value == pytest.approx(1.0)


@given(ratings, st.randoms(use_true_random=False))
def test_kappa_does_not_depend_on_the_order_of_members(rows, random):
    order = list(range(len(rows[0])))
    random.shuffle(order)
    shuffled = [[row[i] for i in order] for row in rows]
    before, after = kappa.kappa(rows), kappa.kappa(shuffled)
    assert (before is None) == (after is None)
    if before is not None:
        assert after == pytest.approx(before)
        assert -1.0 - 1e-9 <= before <= 1.0 + 1e-9


# The outcome of a round, from the answers


def test_agreement_counts_only_signals_every_member_answered_and_lists_differences():
    a, b, c = 1, 2, 3  # members
    answers = {
        (10, a): {7}, (10, b): {7}, (10, c): {7, 8},
        (11, a): {8}, (11, b): {7}, (11, c): {8},
        (12, a): {7},  # b and c did not answer 12 yet: it does not count
    }  # fmt: skip
    results = analysis.round_agreement(
        theme_ids=[7, 8, 9], signal_ids=[10, 11, 12], member_ids=[a, b, c], answers=answers
    )
    seven, eight, nine = results
    assert (seven.signals, seven.by_anyone, seven.by_all) == (2, 2, 1)
    assert seven.differences == [analysis.Difference(signal_id=11, chose=(b,), left=(a, c))]
    assert [d.signal_id for d in eight.differences] == [10, 11]
    assert eight.differences[0].chose == (c,)
    assert nine.value is None and nine.undefined is analysis.Undefined.UNUSED
    assert nine.by_anyone == 0 and nine.differences == []


def test_a_theme_everyone_always_chose_has_no_number_and_says_why():
    answers = {(s, m): {7} for s in (1, 2) for m in (1, 2)}
    (result,) = analysis.round_agreement(theme_ids=[7], signal_ids=[1, 2], member_ids=[1, 2], answers=answers)
    assert result.value is None and result.undefined is analysis.Undefined.ALWAYS
    assert result.by_all == 2


def test_no_number_before_any_signal_is_done_by_everyone():
    (result,) = analysis.round_agreement(theme_ids=[7], signal_ids=[1], member_ids=[1, 2], answers={(1, 1): {7}})
    assert result.value is None and result.undefined is analysis.Undefined.NO_SIGNALS
