"""The newsgold ``events``, ``event_modality`` and ``quotes`` scorers on hand-made results."""

from __future__ import annotations

from newsgraph.eval.layers import SCORERS
from newsgraph.model import Annotated, Article, Entity, Event, Mention, Quote, Sentence

TEXT = (
    "Putin ha incontrato Pezeshkian a Ashgabat. "
    "Il cosiddetto “asse della resistenza” è crollato, ha detto “il leader supremo”."
)
GOLD = {
    "id": "d1",
    "entities": [
        {"name": "Vladimir Putin", "type": "PERSON", "mentions": ["Putin"]},
        {"name": "Masoud Pezeshkian", "type": "PERSON", "mentions": ["Pezeshkian"]},
        {"name": "Ashgabat", "type": "LOCATION", "mentions": ["Ashgabat"]},
    ],
    "events": [
        {
            "type": "CONSULT",
            "source": ["Vladimir Putin"],
            "target": ["Masoud Pezeshkian"],
            "location": "Ashgabat",
            "date": {"any_of": ["2024-10-11", None]},
            "modality": {"any_of": ["asserted", "planned"]},
            "evidence": "ha incontrato Pezeshkian",
        },
        {
            "type": "ACCUSE",
            "source": ["Vladimir Putin"],
            "target": [],
            "modality": "asserted",
            "evidence": "crollato",
        },
    ],
    "quotes": [{"speaker": "Vladimir Putin", "text": "il leader supremo"}],
    "quoted_terms_not_speech": ["asse della resistenza"],
}


def result(events: list[Event], quotes: list[Quote] | None = None) -> Annotated:
    article = Article(id="a", text=TEXT, raw=TEXT, origin="t")
    first = TEXT.index("Il cosiddetto")
    return Annotated(
        article=article,
        sentences=[
            Sentence("s0", "a", 0, 0, first - 1, TEXT[: first - 1]),
            Sentence("s1", "a", 1, first, len(TEXT), TEXT[first:]),
        ],
        entities=[
            Entity("p1", "Vladimir Putin", "PERSON"),
            Entity("p2", "Pezeshkian", "PERSON"),
            Entity("l1", "Aşgabat", "LOCATION", aliases=["Ashgabat"]),
        ],
        mentions=[Mention("m1", "a", 0, 0, 5, "Putin", "PERSON", entity_id="p1")],
        events=events,
        quotes=quotes or [],
    )


def event(
    type_: str, actors: list[str], recipients: list[str], sentence: int = 0, **attrs: object
) -> Event:
    return Event(
        id=type_ + str(sentence),
        article_id="a",
        sentence=sentence,
        start=0,
        end=1,
        type=type_,
        trigger="x",
        actors=actors,
        recipients=recipients,
        location="l1",
        modality="asserted",
        attrs=dict(attrs),
    )


def test_event_matches_by_name_alias_and_evidence_sentence():
    score = SCORERS["events"](GOLD, result([event("CONSULT", ["p1"], ["p2"])]))
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)
    report = score.report()
    assert report["date_accuracy"] == 1.0 and report["location_accuracy"] == 1.0
    assert score.misses[0]["type"] == "ACCUSE"


def test_wrong_sentence_or_roles_do_not_match():
    moved = event("CONSULT", ["p1"], ["p2"], sentence=1)
    swapped = event("CONSULT", ["p2"], ["p1"])
    score = SCORERS["events"](GOLD, result([moved, swapped]))
    assert (score.tp, score.fp) == (0, 2)


def test_reciprocal_event_and_retold_event():
    both = event(
        "CONSULT", ["p1", "p2"], [], sentence=1, reciprocal=True, mentions=[{"sentence": 0}]
    )
    score = SCORERS["events"](GOLD, result([both]))
    assert score.tp == 1  # its retelling in sentence 0 holds the evidence


def test_empty_gold_target_matches_any_recipient_and_modality_accuracy():
    accuse = event("ACCUSE", ["p1"], ["l1"], sentence=1)
    accuse.modality = "alleged"
    res = result([event("CONSULT", ["p1"], ["p2"]), accuse])
    assert SCORERS["events"](GOLD, res).tp == 2
    modality = SCORERS["event_modality"](GOLD, res).report()
    assert modality["accuracy"] == 0.5


def test_quotes_need_overlap_and_speaker_and_terms_are_counted():
    start = TEXT.index("il leader supremo")
    speech = Quote(
        "q1", "a", 1, start, start + len("il leader supremo"), "il leader supremo", speaker="p1"
    )
    term_at = TEXT.index("asse della resistenza")
    term = Quote("q2", "a", 1, term_at, term_at + 21, "asse della resistenza")
    score = SCORERS["quotes"](GOLD, result([], [speech, term]))
    assert (score.tp, score.fp, score.fn) == (1, 1, 0)
    assert score.report()["terms_as_speech"] == 1.0
    assert score.false_hits[0]["quoted_term"] is True
    unattributed = Quote("q3", "a", 1, speech.start, speech.end, speech.text)
    assert SCORERS["quotes"](GOLD, result([], [unattributed])).fn == 1
