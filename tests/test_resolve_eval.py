"""The cross-document layers of ``newsgold/1`` on hand-made results: a gold ``same_as``
link and a date that only the other article gives, scored on a resolved store."""

from resolve_helpers import article

from newsgraph.eval.layers.crossdoc import score_cross_document, score_entities_across
from newsgraph.resolve import crossdoc
from newsgraph.store import Store

PUTIN = ("Putin", "person/vladimir-putin", "PERSON", "Vladimir Putin", "RU")
PEZ = ("Pezeshkian", "person/masoud-pezeshkian", "PERSON", "Masoud Pezeshkian", "IR")
PEZ2 = ("Massoud Pezeshkian", "person/masoud-pezeshkian", "PERSON", "Masoud Pezeshkian", "IR")
ASHGABAT = ("Ashgabat", "place/ashgabat", "LOCATION", "Ashgabat", "TM")
KAZAN = ("Kazan", "place/kazan", "LOCATION", "Kazan", "RU")


def meeting(location, when=None):
    return {
        "type": "CONSULT",
        "actors": ["person/vladimir-putin"],
        "recipients": ["person/masoud-pezeshkian"],
        "location": location,
        "date": when,
        "date_granularity": "day" if when else None,
    }


ENTITIES = [
    {"name": "Vladimir Putin", "type": "PERSON", "mentions": ["Putin"]},
    {
        "name": "Masoud Pezeshkian",
        "type": "PERSON",
        "mentions": ["Pezeshkian", "Massoud Pezeshkian"],
    },
]


def gold_event(evidence, **extra):
    return {
        "type": "CONSULT",
        "source": ["Vladimir Putin"],
        "target": ["Masoud Pezeshkian"],
        "evidence": evidence,
        **extra,
    }


def _score(second_location):
    results = [
        article("a1", None, [PUTIN, PEZ, ASHGABAT], [meeting("place/ashgabat")]),
        article(
            "a2",
            "2025-01-13",
            [PUTIN, PEZ2, second_location],
            [meeting(second_location[1], "2024-10-11")],
        ),
    ]
    docs = [
        {
            "id": "d1",
            "entities": ENTITIES,
            "events": [
                gold_event("Putin, Pezeshkian, Ashgabat", date_via_other_article="2024-10-11")
            ],
        },
        {
            "id": "d2",
            "entities": ENTITIES,
            "events": [gold_event("Putin, Massoud Pezeshkian", same_as="d1#event1")],
        },
    ]
    with Store(":memory:") as store:
        store.write_batch(results)
        crossdoc.resolve(store)
        return (
            score_cross_document(docs, results, store),
            score_entities_across(docs, results, store),
        )


def test_a_link_and_a_borrowed_date_are_hits_when_resolved():
    events, entities = _score(ASHGABAT)
    assert (events.tp, events.fp, events.fn) == (2, 0, 0)
    assert events.report()["pairs"] == 1.0 and events.report()["dates"] == 1.0
    # Both people are one entity across the two documents.
    assert (entities.tp, entities.fp, entities.fn) == (2, 0, 0)


def test_events_kept_apart_are_misses():
    events, _ = _score(KAZAN)  # another place: two meetings, no date to borrow
    assert (events.tp, events.fn) == (0, 2)
    assert {key for miss in events.misses for key in miss} >= {"same_as", "date_via_other_article"}
