"""Which parts of a document later components should read.

Cleaning marks every line with a kind; annotators read titles, body text, subheadings and
captions (captions flagged, since what a caption says is a picture's context, not the
story) and skip boilerplate such as newsletter prompts or share widgets.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span

from newsgraph.clean.layout import CONTENT_KINDS as CONTENT_ZONES

ZONES_KEY = "zones"
_BOUNDS_KEY = "newsgraph.zone_bounds"
_SENTENCES_KEY = "newsgraph.sentences"
_CONTENT_KEY = "newsgraph.content_sentences"
_TRIMMED_KEY = "newsgraph.trimmed_sentences"


def _zone_bounds(doc: Doc) -> tuple[tuple[int, int, str], ...]:
    """(start char, end char, kind) of each zone, read once per span group: iterating a
    span group builds a Python object per span, and every sentence of every component
    asks for its zone. The cache holds the group itself, so a group set anew (or grown)
    is read anew."""
    group = doc.spans.get(ZONES_KEY)
    if group is None:
        return ()
    cached = doc.user_data.get(_BOUNDS_KEY)
    if cached is not None and cached[0] is group and cached[1] == len(group):
        return cached[2]
    bounds = tuple((s.start_char, s.end_char, str(s.label_)) for s in group)
    doc.user_data[_BOUNDS_KEY] = (group, len(group), bounds)
    return bounds


def zone_at(doc: Doc, char: int) -> str:
    """The kind of the zone that contains character ``char`` ("body" if none does)."""
    for start, end, kind in _zone_bounds(doc):
        if start <= char < end:
            return kind
    return "body"


def _sentence_list(doc: Doc) -> list[Span]:
    """The document's sentences, a list shared by the callers (not to be modified): the
    whole text is one sentence when no component set boundaries (a pipeline configured
    without a sentence splitter).

    Built once per set of boundaries: five components and the records walk the sentences,
    and a span is a Python object made anew on every walk. The cache keeps the boundaries
    it was read from, so boundaries set anew are read anew."""
    if not len(doc):
        return []
    flags = doc.to_array(SENT_START)
    key = flags.tobytes()
    cached = doc.user_data.get(_SENTENCES_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    if doc.has_annotation("SENT_START"):
        # As ``doc.sents``, read from one array instead of a Python object per token.
        starts = [0, *(int(i) for i in numpy.flatnonzero(flags == 1) if i > 0), len(doc)]
        spans = [doc[start:end] for start, end in itertools.pairwise(starts)]
    else:
        spans = [doc[:]]
    doc.user_data[_SENTENCES_KEY] = (key, spans)
    return spans


def sentences(doc: Doc) -> Iterator[Span]:
    """The document's sentences; the whole text is one sentence when no component set
    boundaries."""
    yield from _sentence_list(doc)


def _content_sentences(doc: Doc) -> list[tuple[Span, str]]:
    sents = _sentence_list(doc)
    bounds = _zone_bounds(doc)
    cached = doc.user_data.get(_CONTENT_KEY)
    if cached is not None and cached[0] is sents and cached[1] is bounds:
        return cached[2]
    text = doc._.text
    out = []
    for sent in sents:
        chars = text[sent.start_char : sent.end_char]
        stripped = chars.lstrip()
        if not stripped:
            continue
        # Tokens never start with white space unless they are all white space, so the
        # first non-space character starts the first non-space token.
        zone = zone_at(doc, sent.start_char + len(chars) - len(stripped))
        if zone in CONTENT_ZONES:
            out.append((sent, zone))
    doc.user_data[_CONTENT_KEY] = (sents, bounds, out)
    return out


def content_sentences(doc: Doc) -> Iterator[tuple[Span, str]]:
    """Sentences in content zones, each with its zone, skipping white-space-only ones
    (found once per set of sentences and zones)."""
    yield from _content_sentences(doc)


def trimmed_sentences(doc: Doc) -> list[tuple[int, int]]:
    """(start char, end char) of each sentence with its white space trimmed, skipping
    white-space-only ones: the sentences the records number, found once per doc."""
    sents = _sentence_list(doc)
    cached = doc.user_data.get(_TRIMMED_KEY)
    if cached is not None and cached[0] is sents:
        return cached[1]
    text = doc._.text
    out = []
    for sent in sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    doc.user_data[_TRIMMED_KEY] = (sents, out)
    return out
