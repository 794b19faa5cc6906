"""Trigger lexicons as data: inflection from lemmas, compilation, and its safeguards."""

from __future__ import annotations

import pytest

from newsgraph.annotate.events import lexicon
from newsgraph.annotate.events.lexicon import EventLexiconError, WordSet, compile_lexicon
from newsgraph.annotate.events.morphology import Morphology

IT = {
    "endings": {
        "are": {
            "forms": {"inf": ["are"], "pp": ["ato", "ata"], "fut": ["erà"], "pres": ["a"]},
            "joins": [["c", "ei", "ch"], ["([cg])i", "ei", "\\1"]],
        }
    },
    "clitics": ["lo"],
    "clitic_features": ["inf"],
}


def test_forms_are_generated_from_lemmas_with_spelling_at_the_join():
    morph = Morphology.from_data(IT, {"prendere": {"pp": ["preso"]}})
    forms = morph.forms("attaccare")
    assert forms["attaccato"] == {"pp"}
    assert forms["attaccherà"] == {"fut"}  # c + e -> ch
    assert "attaccarlo" in forms  # clitic on the infinitive
    assert morph.forms("lanciare")["lancerà"] == {"fut"}  # ci + e -> c
    assert morph.forms("prendere")["preso"] == {"pp"}  # irregular form from the data


def test_english_doubling_and_irregular_forms():
    lex = lexicon.load("en")
    assert "expel" in lex.verbs["expelled"]
    assert "meet" in lex.verbs["met"]
    assert lex.verbs["denied"]["deny"] >= {"past", "pp"}


def test_italian_lexicon_maps_forms_to_triggers():
    lex = lexicon.load("it")
    assert "fut" in lex.verbs["ospiterà"]["ospitare"]
    assert "pp" in lex.verbs["sanzionati"]["sanzionare"]
    assert [t.type for t in lex.verb_triggers["accusare"]] == ["ACCUSE"]
    assert {t.type for t in lex.noun_triggers["colloqui"]} == {"CONSULT"}
    assert lex.prepositions["dagli"] == "da"
    assert lex.pro_drop and not lex.capitalised_demonyms


def test_short_generated_forms_never_shadow_function_words():
    assert "di" not in lexicon.load("it").verbs  # "d-i" would be a form of "dire"


def test_word_sets_take_prefix_patterns():
    words = WordSet(["milit*", "armi"])
    assert "militare" in words and "armi" in words
    assert "arma" not in words and 3 not in words


def test_bad_data_is_reported_not_guessed():
    base = {"morphology": IT, "triggers": []}
    with pytest.raises(EventLexiconError, match="must be words"):
        compile_lexicon(
            "xx",
            dict(
                base,
                triggers=[
                    {"id": "t", "type": "SANCTION", "verbs": ["x"], "recipient": ["direct", True]}
                ],
            ),
        )
    with pytest.raises(EventLexiconError, match="is no AID mode"):
        compile_lexicon("xx", dict(base, triggers=[{"id": "t", "type": "AID", "mode": "visit"}]))
    with pytest.raises(KeyError):
        compile_lexicon("xx", dict(base, triggers=[{"id": "t", "type": "FIGHT"}]))


def test_missing_language_data_yields_an_empty_lexicon():
    lex = lexicon.load("zz")
    assert not lex.verb_triggers and not lex.noun_triggers
