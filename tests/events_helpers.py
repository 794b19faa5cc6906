"""Hand-built documents for the event and quotation tests.

The tests must not depend on the entity and time components, so a document gets its
mentions and temporal expressions from the test itself: each is given by its surface text
(with the occurrence to take when the text repeats), label, entity id and attributes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from newsgraph.annotate import build_nlp
from newsgraph.model import Article, Entity, article_id_for

PRE = ("newsgraph_sentences",)


@dataclass
class Ent:
    text: str
    label: str
    id: str
    nth: int = 0
    attrs: dict[str, Any] = field(default_factory=dict)
    country: str | None = None
    code: str | None = None
    entity_attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Timex:
    text: str
    value: str
    granularity: str = "day"
    nth: int = 0


def _find(text: str, needle: str, nth: int) -> int:
    at = -1
    for _ in range(nth + 1):
        at = text.find(needle, at + 1)
        if at < 0:
            raise AssertionError(f"{needle!r} not in the test text")
    return at


def _span(doc: Doc, needle: str, nth: int, label: str, kb_id: str = "") -> Span:
    start = _find(doc.text, needle, nth)
    span = doc.char_span(start, start + len(needle), label=label, kb_id=kb_id)
    if span is None:
        raise AssertionError(f"{needle!r} does not fall on token boundaries")
    return span


def annotate(
    text: str,
    lang: str = "it",
    ents: list[Ent] | None = None,
    timexes: list[Timex] | None = None,
    published: str | None = None,
    components: tuple[str, ...] = ("newsgraph_events", "newsgraph_quotes"),
) -> Doc:
    """Run the sentence splitter, add the given mentions and dates, then ``components``."""
    article = Article(
        id=article_id_for(text),
        text=text,
        raw=text,
        origin="<test>",
        language=lang,
        published=published,
    )
    nlp = build_nlp(lang, PRE + components)
    doc = nlp.make_doc(text)
    doc._.article = article
    doc = nlp.get_pipe("newsgraph_sentences")(doc)
    spans, entities = [], {}
    for e in ents or []:
        span = _span(doc, e.text, e.nth, e.label, e.id)
        span._.attrs = dict(e.attrs)
        spans.append(span)
        entities[e.id] = Entity(
            id=e.id, name=e.id, type=e.label, country=e.country, code=e.code, attrs=e.entity_attrs
        )
    doc.ents = sorted(spans, key=lambda s: s.start)
    doc._.entities = entities
    timex_spans = []
    for t in timexes or []:
        span = _span(doc, t.text, t.nth, "date")
        span._.attrs = {"value": t.value, "granularity": t.granularity, "kind": "date"}
        timex_spans.append(span)
    doc.spans["timex"] = timex_spans
    for name in components:
        doc = nlp.get_pipe(name)(doc)
    return doc


def country(text: str, id_: str, nth: int = 0, code: str | None = None, **attrs: Any) -> Ent:
    return Ent(text, "COUNTRY", id_, nth, attrs, code=code)


def demonym(text: str, id_: str, nth: int = 0, **attrs: Any) -> Ent:
    return Ent(text, "COUNTRY", id_, nth, {"demonym": True, **attrs})


def group(text: str, id_: str, nth: int = 0, kind: str | None = None) -> Ent:
    return Ent(text, "GROUP", id_, nth, entity_attrs={"kind": kind} if kind else {})


def person(text: str, id_: str, nth: int = 0, **attrs: Any) -> Ent:
    return Ent(text, "PERSON", id_, nth, attrs)


def org(text: str, id_: str, nth: int = 0) -> Ent:
    return Ent(text, "ORGANIZATION", id_, nth)


def place(text: str, id_: str, nth: int = 0) -> Ent:
    return Ent(text, "LOCATION", id_, nth)


def only(events: list[Any], type_: str) -> Any:
    """The one event of a type (fails when there is none or several)."""
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger, e.actors, e.recipients) for e in events]
    return found[0]
