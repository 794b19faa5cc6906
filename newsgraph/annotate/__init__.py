"""Annotation: a spaCy ``Language`` per language, assembled from registered components.

Components are looked up by their registered factory name, so a user adds, removes or
swaps one by listing names in the settings (``Settings.components``) — for example a
locally trained NER model in place of, or beside, the knowledge-base gazetteer.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from newsgraph.annotate import extensions
from newsgraph.annotate.zones import ZONES_KEY
from newsgraph.model import Article, Span

# Every module and subpackage of this package may define component factories: importing
# them all registers every component, so adding a component is adding a module.
for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")

#: Languages spaCy has no blank pipeline for fall back to its multi-language tokenizer.
FALLBACK_LANG = "xx"


class UnknownComponent(ValueError):
    pass


def _blank(lang: str) -> Language:
    try:
        return spacy.blank(lang)
    except (ImportError, KeyError):
        return spacy.blank(FALLBACK_LANG)
    except Exception as exc:  # spaCy raises its own error types for unknown languages
        if "E002" in str(exc) or "language" in str(exc).lower():
            return spacy.blank(FALLBACK_LANG)
        raise


@lru_cache(maxsize=32)
def build_nlp(
    lang: str,
    components: tuple[str, ...],
    ner_model: str | None = None,
    kb_files: tuple[str, ...] = (),
) -> Language:
    """A blank pipeline for ``lang`` with the named components, built once per process,
    plus the trained NER model in folder ``ner_model`` if one is given. Components whose
    factory takes ``kb_files`` get the user's knowledge-base files."""
    nlp = _blank(lang)
    for name in components:
        try:
            meta = nlp.get_factory_meta(name) if kb_files and nlp.has_factory(name) else None
            takes_kb = meta is not None and "kb_files" in (meta.default_config or {})
            nlp.add_pipe(name, config={"kb_files": list(kb_files)} if takes_kb else {})
        except ValueError as exc:
            if "E002" in str(exc):
                raise UnknownComponent(
                    f"no spaCy component factory named {name!r}; is its package imported?"
                ) from exc
            raise
    if ner_model:
        from newsgraph.annotate.ner_model import add_to

        add_to(nlp, ner_model, kb_files)
    nlp.tokenizer = _fresh_tokenizer(nlp.tokenizer)
    return nlp


def _fresh_tokenizer(tokenizer: Tokenizer) -> Tokenizer:
    """The same tokenizer with an empty cache. Components tokenize their phrase lists when
    they are built (the gazetteer: every KB name); the cache those entries leave behind
    made every later document tokenize two to three times slower, and flushing it does not
    shrink it, so documents get a fresh tokenizer with the same rules and vocabulary."""
    if type(tokenizer) is not Tokenizer:
        return tokenizer
    return Tokenizer(
        tokenizer.vocab,
        rules=tokenizer.rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics,
    )


def annotate(
    nlp: Language,
    article: Article,
    zones: list[Span],
    lap: Callable[[str], None] | None = None,
) -> Doc:
    """Run ``nlp`` over the article's text with its cleaning zones attached; ``lap(name)``,
    if given, is called after the tokenizer and after each component (for timing)."""
    doc = nlp.make_doc(article.text)
    extensions.keep_text(doc, article.text)
    doc._.article = article
    doc.spans[ZONES_KEY] = [
        s
        for z in zones
        if (s := doc.char_span(z.start, z.end, label=z.kind, alignment_mode="expand")) is not None
    ]
    if lap:
        lap("tokenizer")
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if lap:
            lap(name)
    return doc
