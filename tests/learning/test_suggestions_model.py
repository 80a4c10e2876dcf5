"""The theme suggester itself, without the database: one text preparation for learning and suggesting,
deterministic training, the catalogue and the tree, abstention, the evaluation's figures, safe storage."""

from __future__ import annotations

import itertools

import pytest
import skops.io as sio
from skops.io.exceptions import UntrustedTypesFoundException

from learning.suggestions import evaluation, model
from learning.suggestions.text import prepare, prepare_all

PIECES = {
    "eenzaamheid": ["voelt zich erg eenzaam", "niemand komt nog op bezoek", "zit de hele dag alleen thuis"],
    "vervoer-en-bereikbaarheid": ["de buurtbus rijdt niet meer", "de regiotaxi kwam te laat", "de bushalte is ver weg"],
    "financiele-zorgen": ["heeft schulden", "kan de energierekening niet betalen", "houdt geen geld over"],
    "hoe-je-woont": ["schimmel in de slaapkamer", "de verhuurder repareert niets", "de woning is vochtig"],
    "digitale-vaardigheden": ["komt niet in DigiD", "snapt de computer niet", "het formulier staat alleen online"],
}
OPENERS = ["Een bewoner", "Mevrouw", "Meneer", "Een vader", "Een buurvrouw", "Een oudere man"]
CATALOGUE = [
    model.CatalogueTheme(
        "kwaliteit-van-leven", None, "Kwaliteit van leven. Hoe je woont, rondkomen, je veilig voelen."
    ),
    model.CatalogueTheme(
        "hoe-je-woont", "kwaliteit-van-leven", "Hoe je woont. Huis, woning, huur, verhuurder, schimmel."
    ),
    model.CatalogueTheme(
        "je-veilig-voelen", "kwaliteit-van-leven", "Je veilig voelen. Inbraak, overlast, straatverlichting."
    ),
    model.CatalogueTheme("eenzaamheid", None, "Eenzaamheid. Je alleen voelen, geen bezoek."),
    model.CatalogueTheme("vervoer-en-bereikbaarheid", None, "Vervoer. Bus, regiotaxi, halte."),
    model.CatalogueTheme("financiele-zorgen", None, "Financiële zorgen. Schulden, rekeningen, geld."),
    model.CatalogueTheme("digitale-vaardigheden", None, "Digitale vaardigheden. DigiD, computer, online."),
    model.CatalogueTheme("mantelzorg", None, "Mantelzorg. Zorgen voor een zieke partner of ouder, respijtzorg."),
]


def training_set(per_theme: int = 12) -> tuple[list[str], list[set[str]]]:
    """Short notes: an opener and two pieces of one theme; deterministic."""
    texts, labels = [], []
    for slug, pieces in PIECES.items():
        pairs = itertools.cycle(itertools.permutations(pieces, 2))
        for n in range(per_theme):
            first, second = next(pairs)
            texts.append(f"{OPENERS[n % len(OPENERS)]} {first} en {second}. Gesprek nummer {n}.")
            labels.append({slug})
    return texts, labels


@pytest.fixture(scope="module")
def bundle() -> dict:
    texts, labels = training_set()
    return model.fit(texts, labels, CATALOGUE, min_theme_signals=8)


def test_prepare_folds_case_accents_numbers_and_guard_labels():
    assert prepare("Financiële ZORGEN: € 60,50 per week, [NAAM] belde 3x!") == (
        "financiele zorgen euro 0 per week tag_naam belde 0 x"
    )
    assert prepare("[E-MAIL] en [TELEFOON]") == "tag_email en tag_telefoon"


def test_the_pipeline_prepares_with_the_same_function_at_training_and_at_suggesting(bundle):
    step = bundle["pipeline"].named_steps["prepare"]
    assert step.func is prepare_all
    features = bundle["pipeline"][:2]
    assert (features.transform(["Financiële zorgen"]) != features.transform(["financiele   ZORGEN"])).nnz == 0


def test_training_twice_on_the_same_data_gives_the_same_suggestions():
    texts, labels = training_set()
    first = model.fit(texts, labels, CATALOGUE, min_theme_signals=8)
    second = model.fit(texts, labels, CATALOGUE, min_theme_signals=8)
    note = ["Mevrouw zegt dat de regiotaxi weer te laat kwam."]
    assert model.rank(first, note)[0].suggestions == model.rank(second, note)[0].suggestions


def test_a_note_in_other_words_gets_its_theme_first(bundle):
    ranking = model.rank(bundle, ["Meneer heeft grote schulden en de energierekening is te hoog."])[0]
    best = ranking.top(3, 0.2)
    assert best[0].theme == "financiele-zorgen"
    assert best[0].source == model.MODEL
    assert best == sorted(best, key=lambda s: -s.confidence)


def test_a_theme_with_few_signals_is_suggested_only_through_its_description(bundle):
    assert "mantelzorg" not in bundle["trained"]
    ranking = model.rank(bundle, ["Zij zorgt voor haar zieke partner en wil respijtzorg, mantelzorg is zwaar."])[0]
    suggestion = next(s for s in ranking.suggestions if s.theme == "mantelzorg")
    assert suggestion.source == model.DESCRIPTION
    assert suggestion in ranking.top(3, 0.0)


def test_an_aspect_stands_where_its_dimension_would_and_the_dimension_is_rolled_up(bundle):
    ranking = model.rank(bundle, ["De verhuurder doet niets aan de schimmel in de vochtige woning."])[0]
    scores = {s.theme: s for s in ranking.suggestions}
    assert scores["kwaliteit-van-leven"].confidence >= scores["hoe-je-woont"].confidence
    shown = [s.theme for s in ranking.top(3, 0.0)]
    assert shown[0] == "hoe-je-woont" and "kwaliteit-van-leven" not in shown


def test_below_the_minimum_confidence_nothing_is_suggested(bundle):
    ranking = model.rank(bundle, ["Het weer was mooi en de koffie was lekker."])[0]
    assert ranking.top(3, 0.99) == []
    assert len(ranking.top(3, 0.0)) == 3


def test_the_bundle_is_stored_with_skops_and_loads_with_the_trusted_types_only(bundle):
    from learning.suggestions.services import TRUSTED, dumps_check, load_bundle

    assert dumps_check(bundle) == []
    loaded = load_bundle(sio.dumps(bundle))
    note = ["Niemand komt op bezoek, ze is eenzaam."]
    assert model.rank(loaded, note)[0].suggestions == model.rank(bundle, note)[0].suggestions
    with pytest.raises(UntrustedTypesFoundException):  # nothing loads that was not named as trusted
        sio.loads(sio.dumps(bundle), trusted=TRUSTED[1:])


def test_copies_of_a_note_with_another_first_line_are_one_group():
    note = (
        "Een vrouw van 84 vertelde dat ze sinds de dood van haar man soms een hele week met niemand praat. "
        "De thuiszorg komt wel, maar die heeft geen tijd voor een kop koffie."
    )
    other = (
        "Een man in Voorhof zegt dat de bus naar het ziekenhuis niet meer rijdt sinds de dienstregeling "
        "veranderde. Hij moet nu twee keer overstappen."
    )
    groups = evaluation.copy_groups([note, f"Op het spreekuur: {note}", other, f"Telefonisch: {other}"])
    assert groups == [0, 0, 1, 1]


def test_the_evaluation_gives_every_figure():
    texts, labels = training_set(per_theme=10)
    figures = evaluation.evaluate(texts, labels, CATALOGUE, min_theme_signals=8, min_confidence=0.2)
    assert figures["folds"] == 5 and figures["signals"] == 50
    for name in ("micro_f1", "macro_f1", "top3_hit_rate", "top3_family_hit_rate"):
        assert 0 <= figures[name] <= 1 and 0 <= figures["copies_apart"][name] <= 1
    assert figures["top3_hit_rate"] >= 0.8
    assert {row["theme"] for row in figures["per_theme"]} == set(PIECES)
    assert all({"precision", "recall", "support"} <= set(row) for row in figures["per_theme"])
    assert isinstance(figures["confused"], list)
