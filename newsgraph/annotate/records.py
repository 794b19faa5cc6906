"""Turn an annotated spaCy ``Doc`` into newsgraph records.

Sentences keep their zone; entity mentions come from ``doc.ents`` (whatever component
filled them: gazetteer, rules or a trained model); temporal expressions and other typed
spans from ``doc.spans``; events, quotations and entity records from the document's
custom attributes.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsgraph.annotate.zones import sentences, zone_at
from newsgraph.model import Annotated, Article, Mention, Sentence, Span, stable_id

#: Span groups turned into ``Span`` records, with the record kind they get.
SPAN_GROUPS = {"timex": "timex"}


def _strip(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc._.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_records(doc: Doc, article: Article) -> tuple[list[Sentence], list[int]]:
    """Sentences (white-space-only ones dropped) and their sorted start offsets, which
    locate the sentence of any span."""
    out: list[Sentence] = []
    starts: list[int] = []
    for sent in sentences(doc):
        start, end = _strip(doc, sent.start_char, sent.end_char)
        if start >= end:
            continue
        out.append(
            Sentence(
                id=stable_id(article.id, "sentence", start, end),
                article_id=article.id,
                index=len(out),
                start=start,
                end=end,
                text=doc._.text[start:end],
                zone=zone_at(doc, start),
                language=article.language,
            )
        )
        starts.append(start)
    return out, starts


def sentence_index(starts: list[int], char: int) -> int:
    """Index of the sentence containing ``char``, given sorted sentence starts."""
    return max(0, bisect_right(starts, char) - 1)


def _mention(doc: Doc, ent: SpacySpan, article: Article, starts: list[int]) -> Mention:
    attrs = dict(ent._.attrs or {})
    return Mention(
        id=stable_id(article.id, "mention", ent.start_char, ent.end_char, ent.label_),
        article_id=article.id,
        sentence=sentence_index(starts, ent.start_char),
        start=ent.start_char,
        end=ent.end_char,
        text=ent.text,
        type=ent.label_,
        entity_id=ent.kb_id_ or None,
        role=attrs.pop("role", None),
        rule=ent._.rule or "model",
        confidence=float(ent._.confidence),
        attrs=attrs,
    )


def doc_to_records(doc: Doc, article: Article, zones: list[Span]) -> Annotated:
    sentences, starts = _sentence_records(doc, article)
    spans = list(zones)
    for group, kind in SPAN_GROUPS.items():
        for s in doc.spans.get(group, []):
            spans.append(
                Span(
                    id=stable_id(article.id, kind, s.start_char, s.end_char),
                    article_id=article.id,
                    kind=kind,
                    start=s.start_char,
                    end=s.end_char,
                    text=s.text,
                    rule=s._.rule,
                    confidence=float(s._.confidence),
                    attrs=dict(s._.attrs or {}, label=s.label_),
                )
            )
    return Annotated(
        article=article,
        spans=spans,
        sentences=sentences,
        mentions=[_mention(doc, e, article, starts) for e in doc.ents],
        entities=list((doc._.entities or {}).values()),
        events=list(doc._.events or []),
        quotes=list(doc._.quotes or []),
    )
