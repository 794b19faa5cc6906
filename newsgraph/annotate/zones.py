"""Which parts of a document later components should read.

Cleaning marks every line with a kind; annotators read titles, body text, subheadings and
captions (captions flagged, since what a caption says is a picture's context, not the
story) and skip boilerplate such as newsletter prompts or share widgets.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from newsgraph.clean.layout import CONTENT_KINDS as CONTENT_ZONES

ZONES_KEY = "zones"


def zone_at(doc: Doc, char: int) -> str:
    """The kind of the zone that contains character ``char`` ("body" if none does)."""
    for span in doc.spans.get(ZONES_KEY, []):
        if span.start_char <= char < span.end_char:
            return str(span.label_)
    return "body"


def sentences(doc: Doc) -> Iterator[Span]:
    """The document's sentences; the whole text is one sentence when no component set
    boundaries (a pipeline configured without a sentence splitter)."""
    if doc.has_annotation("SENT_START"):
        yield from doc.sents
    elif len(doc):
        yield doc[:]


def content_sentences(doc: Doc) -> Iterator[tuple[Span, str]]:
    """Sentences in content zones, each with its zone, skipping white-space-only ones."""
    for sent in sentences(doc):
        if not sent.text.strip():
            continue
        first = next((t for t in sent if not t.is_space), sent[0])
        zone = zone_at(doc, first.idx)
        if zone in CONTENT_ZONES:
            yield sent, zone
