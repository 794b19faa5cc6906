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

from newsgraph.annotate.zones import trimmed_sentences, zone_at
from newsgraph.model import Annotated, Article, Mention, Sentence, Span, stable_id

#: Span groups turned into ``Span`` records, with the record kind they get.
SPAN_GROUPS = {"timex": "timex"}


def _sentence_records(doc: Doc, article: Article) -> tuple[list[Sentence], list[int]]:
    """Sentences (white-space-only ones dropped) and their sorted start offsets, which
    locate the sentence of any span."""
    out: list[Sentence] = []
    starts: list[int] = []
    text = doc._.text
    for start, end in trimmed_sentences(doc):
        out.append(
            Sentence(
                id=stable_id(article.id, "sentence", start, end),
                article_id=article.id,
                index=len(out),
                start=start,
                end=end,
                text=text[start:end],
                zone=zone_at(doc, start),
                language=article.language,
            )
        )
        starts.append(start)
    return out, starts


def sentence_index(starts: list[int], char: int) -> int:
    """Index of the sentence containing ``char``, given sorted sentence starts."""
    return max(0, bisect_right(starts, char) - 1)


def _mention(text: str, ent: SpacySpan, article: Article, starts: list[int]) -> Mention:
    begin, end, label = ent.start_char, ent.end_char, ent.label_
    ext = ent._  # each ``ent._`` builds an accessor object: read it once
    attrs = dict(ext.attrs or {})
    return Mention(
        id=stable_id(article.id, "mention", begin, end, label),
        article_id=article.id,
        sentence=sentence_index(starts, begin),
        start=begin,
        end=end,
        text=text[begin:end],  # ``ent.text`` joins its tokens anew
        type=label,
        entity_id=ent.kb_id_ or None,
        role=attrs.pop("role", None),
        rule=ext.rule or "model",
        confidence=float(ext.confidence),
        attrs=attrs,
    )


def doc_to_records(doc: Doc, article: Article, zones: list[Span]) -> Annotated:
    sentences, starts = _sentence_records(doc, article)
    text = doc._.text  # each ``doc._`` builds an accessor object: read the text once
    spans = list(zones)
    for group, kind in SPAN_GROUPS.items():
        for s in doc.spans.get(group, []):
            begin, end, ext = s.start_char, s.end_char, s._
            spans.append(
                Span(
                    id=stable_id(article.id, kind, begin, end),
                    article_id=article.id,
                    kind=kind,
                    start=begin,
                    end=end,
                    text=text[begin:end],
                    rule=ext.rule,
                    confidence=float(ext.confidence),
                    attrs=dict(ext.attrs or {}, label=s.label_),
                )
            )
    return Annotated(
        article=article,
        spans=spans,
        sentences=sentences,
        mentions=[_mention(text, e, article, starts) for e in doc.ents],
        entities=list((doc._.entities or {}).values()),
        events=list(doc._.events or []),
        quotes=list(doc._.quotes or []),
    )
