"""The shortcuts the rule components take for speed give the answers of the long way:
word classes by ending, the positions rules start from, the core-word scan of the time
grammar, and the quotation-mark pre-scan."""

from __future__ import annotations

import re

import pytest
import spacy

import newsgraph.annotate  # noqa: F401  (registers the components)
from newsgraph import lexicon as data_lexicon
from newsgraph.annotate import extensions
from newsgraph.annotate.events import lexicon
from newsgraph.annotate.events.lexicon import WordSet
from newsgraph.annotate.events.tokens import DocView
from newsgraph.annotate.quotes.marks import find, mark_starts, marked
from newsgraph.annotate.time import grammar

TEXT = (
    "Il governo italiano ha firmato ieri, secondo l'ANSA, l'accordo con la Francia; "
    "poi (in gran parte) ha detto che Parigi e Berlino attaccheranno velocemente "
    "«le basi» nei confronti di Mosca."
)


def _view(text: str = TEXT) -> DocView:
    nlp = spacy.blank("it")
    doc = nlp.make_doc(text)
    extensions.keep_text(doc, text)
    doc.ents = [
        doc.char_span(m.start(), m.end(), label=label)
        for word, label in (("Francia", "COUNTRY"), ("Parigi", "LOCATION"), ("Mosca", "LOCATION"))
        for m in re.finditer(word, text)
    ]
    return DocView(doc, lexicon.load("it"))


@pytest.mark.parametrize("lang", ["it", "en"])
def test_a_form_no_table_lists_gets_the_classes_its_full_reading_gives(lang):
    lex = lexicon.load(lang)
    listed = ["ha", "che", "di", "nei", "ma", "non", "e", "(", ",", "the", "said", "and"]
    unlisted = ["velocemente", "attaccheranno", "quickly", "zanzibar", "governo", "xyz"]
    for form in [*listed, *unlisted, *list(lex.verbs)[:200]]:
        assert lex.word(form) == lex._classify(form, lex._ending(form)), form
    # Two unlisted forms with the same ending share one value.
    assert lex.word("rapidamente") is lex.word("lentamente")


def test_word_sets_meet_a_collection_as_membership_says():
    words = WordSet(["accordo", "tratt*"])
    assert words.meets(["il", "trattato"]) and words.meets({"accordo"})
    assert not words.meets(["il", "governo"]) and not words.meets([])
    assert not WordSet(["accordo"]).meets(["accordi"])


def test_rules_start_only_where_their_words_can_start():
    view = _view()
    lex = view.lex
    n = len(view.norm)
    opens = [
        i
        for i in range(n)
        if view.norm[i] in {",", ";", "(", ")"}
        or view.conj[i]
        or view.sub[i]
        or view.relative[i]
        or view.contrast[i]
    ]
    assert view.clause_marks == opens and len(opens) >= 5
    assert view.trigger_marks == [i for i in range(n) if view.norm[i] in lex.trigger_forms]
    assert view.trigger_marks  # "firmato", "attaccheranno"…
    # "nei confronti di" is one preposition; "in gran parte" an adverb.
    di = view.norm.index("confronti") + 1
    assert view.prep[di] is not None and view.prep_part[di - 1] and view.prep_part[di - 2]
    assert view.adverb[view.norm.index("gran")]


def test_a_span_has_a_mention_where_a_token_of_it_is_one():
    view = _view()
    n = len(view.norm)
    for start in range(n):
        for end in range(start, n + 1):
            expected = max(view.mention_at[start:end], default=-1) >= 0
            assert view.mentions_within(start, end) == expected, (start, end)


TIME_TEXTS = [
    "2024 fu l'anno; il 7 ottobre 2023 e l'11 settembre, gli anni '90 e il 1.200 Su-35",
    "Lunedì 3 marzo, ieri sera e domani mattina: 13/01/2025, 1° gennaio, tre giorni fa",
    "5 giorni dopo,3 mesi prima.2020 e -2019 /2018 ’80 x2021 nel 2022.",
    "Last Monday, on March 3, 2024, in the '90s and 10 days ago; 1,200 F-16s",
    "",
]


@pytest.mark.parametrize("lang", ["it", "en"])
def test_the_core_scan_finds_what_a_look_behind_scan_finds(lang):
    g = grammar.load(lang)
    reference = re.compile(
        r"(?<![\w.,/\-])['’]?\d+|(?<!\w)" + grammar.alternation(g.core_kinds) + r"(?!\w)"
    )
    for text in TIME_TEXTS:
        low = grammar.lower(text)
        expected = [(m.start(), m.end(), m.group()) for m in reference.finditer(low)]
        assert list(g._cores(low)) == expected, text


def test_a_core_word_must_end_in_a_letter_or_digit():
    with pytest.raises(data_lexicon.LexiconError, match="must end in a letter"):
        grammar.Grammar("it", {"classes": {"unit": ["giorni", "l'"]}})


def test_a_sentence_without_a_mark_start_has_no_quotation():
    pairs = [("«", "»"), ("“", "”"), ("``", "''"), ('"', '"')]
    text = 'Disse «basta» ieri. Nulla qui. Poi ``sì\'\' e "no". Fine “aperta\nchiusa”.'
    starts = mark_starts(text, pairs)
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    for lo, hi in bounds:
        if not marked(starts, lo, hi):
            assert find(text, pairs, lo, hi) == []
    assert [marked(starts, lo, hi) for lo, hi in bounds] == [True, False, True, True]
    assert mark_starts(text, []) == []
