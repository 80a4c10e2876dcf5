"""The perturbation table of the cell-key method, without a database."""

from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from monitoring.analysis.ptable import KEYS, Parameters, PTableError, expected_and_variance, make, read_csv, write_csv

TABLE = make(Parameters())


def test_zero_stays_zero_and_one_or_two_never_show():
    for count in range(0, 60):
        for key in range(KEYS):
            shown = TABLE.perturb(count, key)
            assert shown not in (1, 2)
            assert (shown == 0) == (count == 0) or count in (1, 2, 3)


@given(st.integers(0, 10**7), st.integers(0, KEYS - 1))
def test_the_noise_is_at_most_three_and_never_makes_a_count_negative(count, key):
    shown = TABLE.perturb(count, key)
    assert shown >= 0 and abs(shown - count) <= 3


def test_every_row_is_unbiased_over_the_keys_as_far_as_whole_keys_allow():
    for row in TABLE.rows:
        mean, _variance = expected_and_variance(row)
        assert mean == pytest.approx(row.count, abs=0.01)
    assert expected_and_variance(TABLE.rows[-1])[1] == pytest.approx(1.5, abs=0.02)


def test_the_same_count_and_key_always_give_the_same_figure():
    assert [TABLE.perturb(17, k) for k in range(KEYS)] == [TABLE.perturb(17, k) for k in range(KEYS)]


def test_the_shipped_file_is_the_default_table_and_reads_back_the_same():
    shipped = Path(settings.PTABLE_FILE).read_text(encoding="utf-8")
    assert shipped == write_csv(TABLE)
    again = read_csv(shipped)
    assert again.parameters.max_noise == 3 and again.parameters.small == 2
    assert all(again.perturb(c, k) == TABLE.perturb(c, k) for c in range(12) for k in range(KEYS))


def test_a_file_with_a_gap_in_its_keys_is_refused():
    first_of_two = next(line for line in write_csv(TABLE).splitlines() if line.startswith("2,0,"))
    broken = write_csv(TABLE).replace(first_of_two, first_of_two.rsplit(",", 1)[0] + ",90")
    assert broken != write_csv(TABLE)
    with pytest.raises(PTableError):
        read_csv(broken)


def test_what_one_figure_tells_an_attacker_who_knows_the_table():
    assert TABLE.possible_counts(0) == {0, 1, 2, 3}
    assert TABLE.possible_counts(3) == {1, 2, 3, 4, 5, 6}
    assert TABLE.possible_counts(10) == set(range(7, 14))


def test_every_shown_figure_stands_for_at_least_three_true_counts_next_to_each_other():
    for shown in (0, *range(3, 40)):
        possible = sorted(TABLE.possible_counts(shown))
        assert len(possible) >= 3 and possible == list(range(possible[0], possible[-1] + 1))


def test_a_variance_the_noise_cannot_have_is_refused():
    with pytest.raises(ValueError):
        make(Parameters(max_noise=2, variance=5.0))


def test_the_issue_s_first_sketch_of_noise_at_most_two_is_still_available_as_parameters():
    narrow = make(Parameters(max_noise=2, variance=1.0))
    assert all(abs(narrow.perturb(c, k) - c) <= 2 for c in range(30) for k in range(KEYS))
