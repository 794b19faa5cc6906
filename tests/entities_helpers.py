"""Helpers for the entity tests: a pipeline with the entity component, and a way to run
it on a text and read its mentions (no conftest fixtures needed)."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import annotate
from newsgraph.model import Article, Span, article_id_for

COMPONENTS = ("newsgraph_sentences", "newsgraph_entities")


@lru_cache(maxsize=4)
def nlp(lang: str) -> Language:
    return annotate.build_nlp(lang, COMPONENTS)


def run(
    text: str, lang: str = "it", published: str | None = None, pipeline: Language | None = None
) -> Doc:
    """Annotate ``text`` as one body zone."""
    article = Article(id=article_id_for(text), text=text, raw=text, origin="test", language=lang)
    article.published = published
    zone = Span("z", article.id, "body", 0, len(text), text)
    return annotate.annotate(pipeline or nlp(lang), article, [zone])


def ents(doc: Doc) -> dict[str, tuple[str, str]]:
    """Mention text -> (label, entity id), the last mention of a text winning."""
    return {e.text: (e.label_, e.kb_id_) for e in doc.ents}


def ent(doc: Doc, text: str):
    found = [e for e in doc.ents if e.text == text]
    assert found, f"no mention {text!r} in {[e.text for e in doc.ents]}"
    return found[0]
