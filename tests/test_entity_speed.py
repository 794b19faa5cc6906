"""The entity rules' fast paths give what the full searches they skip would give."""

from __future__ import annotations

import pytest
from entities_helpers import nlp, run

from newsgraph.annotate.entities import EntityRecognizer
from newsgraph.annotate.entities.gazetteer import _INTO_ELISION, Gazetteer, Match, _accept
from newsgraph.annotate.entities.names import Names
from newsgraph.annotate.entities.tokens import TokenView
from newsgraph.kb import Name

NAMES = [
    Name("Che", "q:che", "it", "name"),  # a proper name that is also an ordinary word
    Name("In", "q:in", "it", "name"),
    Name("droni", "q:drone", "it", "name"),  # a lower-case name: any case
    Name("Roma", "q:roma", "it", "name"),
    Name("Stati Uniti", "q:usa", "it", "name"),
    Name("Stati Uniti d'America", "q:usa", "it", "name"),
    Name("Stato di Israele", "q:isr", "it", "name"),
    Name("stato", "q:state", "it", "adjective"),  # a one-word phrase that starts longer ones
    Name("L'Aia", "q:aia", "it", "name"),
    Name("NATO", "q:nato", "it", "name"),
    Name("Su-35", "q:su35", "it", "name"),
]

TEXTS = [
    "Che cosa dice Roma? Che i droni degli Stati Uniti d'America volano in Israele.",
    "In Italia lo stato e lo Stato di Israele, la Nato e la NATO, il Su-35 e il SU-35.",
    "Droni sull'Aia e dell'Aia, L'Aia e l'Aia. Stati Uniti. Stato.",
    "in che modo? IN CHE MODO? Chi è Che? Roma, Stati Uniti, stati uniti.",
]


def _every_length(gazetteer: Gazetteer, view: TokenView) -> list[Match]:
    """The longest match at each token, trying every phrase length at every token."""
    longest = max(len(key) for key in gazetteer.phrases)
    out = []
    for start, end, _ in view.sentences:
        for i in range(start, end):
            for size in range(min(longest, end - i), 0, -1):
                hits = gazetteer.phrases.get(tuple(view.key[i : i + size]))
                if hits is None:
                    continue
                before = view.text[i - 1] if i > start else ""
                elision = before.islower() and _INTO_ELISION.match(before) is not None
                match = _accept(hits, view.text, i, i + size, view.first_word[i], elision)
                if match is not None:
                    out.append(match)
                    break
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_gazetteer_finds_what_trying_every_length_finds(text: str) -> None:
    tokenizer = nlp("it").tokenizer
    gazetteer = Gazetteer(NAMES, lambda name: [t.text for t in tokenizer(name)])
    view = TokenView(run(text))
    found = gazetteer.find(view)
    assert found == _every_length(gazetteer, view)
    assert found  # the texts name something


def test_proper_names_are_tried_only_with_a_capital() -> None:
    tokenizer = nlp("it").tokenizer
    gazetteer = Gazetteer(NAMES, lambda name: [t.text for t in tokenizer(name)])
    assert {"che", "in", "roma"} <= gazetteer.proper_words
    assert "droni" in gazetteer.words and "stato" in gazetteer.words
    assert "stato" not in gazetteer.proper_words  # also an adjective, in any case
    view = TokenView(run("Che dice? Dice che in Roma i droni."))
    entries = [(view.text[m.start], m.hits[0].entry) for m in gazetteer.find(view)]
    assert entries == [("Che", "q:che"), ("Roma", "q:roma"), ("droni", "q:drone")]


@pytest.mark.parametrize(
    "text",
    [
        "Il governo ha deciso. Ma il ministro Carlo Rossi no. (PO) Prato, e poi Roma.",
        "Dopo la Provincia di Bolzano, Ieri il Comune. Il Presidente del Senato parla. Ma no.",
        "PO. Il. Ma Rossi, Marco Bianchi e La Stampa (FI) dicono no.",
    ],
)
def test_opening_words_are_dropped_as_the_full_search_drops_them(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = run(text)
    component = nlp("it").get_pipe("newsgraph_entities")
    assert isinstance(component, EntityRecognizer)
    names = component.names
    view = TokenView(doc)
    chunks = [c for start, end, _ in view.sentences for c in names._chunks(view, start, end)]
    assert any(names._opening_word(view, *c) for c in chunks)
    fast = [names._segments(view, c, set(), set()) for c in chunks]
    monkeypatch.setattr(Names, "_opening_word", lambda self, view, a, b: False)
    assert fast == [names._segments(view, c, set(), set()) for c in chunks]
