"""Sentences the event coder passes over: no trigger, no mention, no word that lets a
sentence matter without them."""

from __future__ import annotations

from events_helpers import annotate, country, group

from newsgraph.annotate.events import lexicon, triggers
from newsgraph.annotate.events.coder import inert
from newsgraph.annotate.events.tokens import view_for
from newsgraph.annotate.zones import sentences


def _inert(text: str, ents: list) -> list[bool]:
    doc = annotate(text, ents=ents, components=())
    view = view_for(doc, lexicon.load("it"))
    return [
        inert(view, s.start, s.end, triggers.find(view, s.start, s.end)) for s in sentences(doc)
    ]


def test_only_sentences_that_cannot_matter_are_inert():
    text = (
        "Hamas ha attaccato Israele. "  # a trigger and mentions
        "Piove da tre giorni. "  # nothing
        "La notizia era attesa da Hamas. "  # a mention: a subject for later sentences
        "Il gruppo era a Gaza. "  # an anaphoric noun names Hamas again
        "Ha detto che si deve aspettare."  # an obligation makes an event without a trigger
    )
    ents = [group("Hamas", "hamas"), country("Israele", "IL"), group("Hamas", "hamas", nth=1)]
    assert _inert(text, ents) == [False, True, False, False, False]


def test_inert_sentences_change_no_event():
    text = "Hamas ha lanciato razzi. Piove da tre giorni. Il gruppo ha poi minacciato Israele."
    doc = annotate(text, ents=[group("Hamas", "hamas"), country("Israele", "IL")])
    threat = [e for e in doc._.events if e.trigger == "minacciato"]
    assert [(e.actors, e.recipients) for e in threat] == [(["hamas"], ["IL"])]
