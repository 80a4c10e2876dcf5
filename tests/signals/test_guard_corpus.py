"""Measure the guard on the project's own Dutch corpora and hold it to the targets:
recall of at least 95% on every kind, false alarms on at most 10% of clean notes.

guard_corpus.txt was used while the detectors were built; guard_corpus_holdout.txt
was written apart from the code and first measured after. The figures are printed
at the end of the test run."""

from pathlib import Path

import pytest

from signals.guard import scan
from tests.signals.corpus import REPORTS, read_corpus, score

HERE = Path(__file__).parent
CORPORA = {"development corpus": HERE / "guard_corpus.txt", "held-out corpus": HERE / "guard_corpus_holdout.txt"}
KINDS = ["NAAM", "ADRES", "POSTCODE", "TELEFOON", "E-MAIL", "BSN", "IBAN", "GEBOORTEDATUM"]


@pytest.fixture(scope="module", params=list(CORPORA))
def corpus_score(request):
    notes = read_corpus(CORPORA[request.param])
    result = score(notes, scan)
    REPORTS.append(result.report(request.param))
    return result


def test_the_corpus_is_big_enough_and_covers_every_kind(corpus_score):
    assert corpus_score.clean_notes >= 30
    assert sum(corpus_score.total.values()) >= 100
    assert all(corpus_score.total.get(kind, 0) >= 10 for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_recall_per_kind_is_at_least_95_percent(corpus_score, kind):
    missed = [m for m in corpus_score.misses if f" {kind} " in m]
    assert corpus_score.recall(kind) >= 0.95, missed


def test_no_finding_swallows_two_pieces_of_personal_data(corpus_score):
    assert corpus_score.merged == 0


def test_at_most_one_in_ten_clean_notes_gets_a_false_alarm(corpus_score):
    assert corpus_score.false_alarm_rate <= 0.10
