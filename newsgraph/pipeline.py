"""One article through clean → language → annotate, as records.

``Pipeline`` is the core every front end shares: the CLI's ``run``, the Python API, the
REST ingest endpoint and the evaluator all call :meth:`Pipeline.process`.
"""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable

from newsgraph import __version__, annotate, clean, guard, language
from newsgraph.annotate.records import doc_to_records
from newsgraph.config import Settings
from newsgraph.ingest.fields import language_code
from newsgraph.model import Annotated, Article

#: Hears the seconds each stage of :meth:`Pipeline.process` took (the benchmark's ear).
Observer = Callable[[str, float], None]


class _Clock:
    """Reports the time since its previous lap to an observer (a no-op without one)."""

    def __init__(self, observe: Observer | None) -> None:
        self.observe = observe
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        if self.observe is not None:
            now = time.perf_counter()
            self.observe(stage, now - self.last)
            self.last = now


class Pipeline:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    @property
    def fingerprint(self) -> str:
        """Identifies what produced a stored annotation, so a changed pipeline is noticed."""
        key = f"{__version__}|{','.join(self.settings.components)}"
        if self.settings.ner_model:
            key += f"|{self.settings.ner_model}"
        if self.settings.kb_files:
            key += "|" + ",".join(self.settings.kb_files)
        return hashlib.sha256(key.encode()).hexdigest()[:12]

    def language_of(self, article: Article, zones: list) -> str:
        if article.language and language_code(article.language) != article.language:
            # Not an ISO 639-1 code ("xx", "it-IT" from an API caller): annotators find
            # resources by code, so the code is used, or detection when there is none.
            article.meta.setdefault("declared_language", article.language)
            article.language = language_code(article.language)
        detected, confidence = language.detect_article(
            article.text, zones, self.settings.languages, article.language
        )
        if article.language:
            # Metadata wins; detection is kept beside it for inspection.
            article.meta.setdefault("detected_language", detected)
            return article.language
        article.language = detected or self.settings.default_language
        article.language_confidence = round(confidence, 3) if detected else None
        return article.language

    def process(self, article: Article, observe: Observer | None = None) -> Annotated:
        """Annotate one article; ``observe(stage, seconds)``, if given, hears how long each
        stage took (clean, language, tokenizer, each spaCy component, records)."""
        clock = _Clock(observe)
        zones = clean.mark(article)
        clock.lap("clean")
        lang = self.language_of(article, zones)
        with guard.suspended():  # loading a language's models once is no document's time
            built = annotate.build_nlp.cache_info().misses
            nlp = annotate.build_nlp(
                lang, self.settings.components, self.settings.ner_model, self.settings.kb_files
            )
            if annotate.build_nlp.cache_info().misses != built:
                # A pipeline holds the knowledge base and lexicons, half a million objects
                # that live as long as the process: out of the collector's full passes,
                # which otherwise walk them all every few hundred articles.
                gc.freeze()
        clock.lap("language")
        doc = annotate.annotate(nlp, article, zones, clock.lap if observe else None)
        records = doc_to_records(doc, article, zones)
        # The caches components keep in the doc (sentences, token tables) refer back to
        # it: dropped, the doc is freed now rather than by the cycle collector later.
        doc.user_data.clear()
        clock.lap("records")
        return records

    def warm_up(self) -> Annotated:
        """Load everything a long run needs before its first article: the language models
        and the default language's spaCy pipeline with the KB (by annotating a short
        text, which is returned). Workers, actors and the benchmark call it so that
        loading is neither counted nor paid inside an article."""
        language.preload(self.settings.languages)
        return self.process_text("Roma, 3 gennaio. Il governo ha detto sì.")

    def process_text(self, text: str, **fields: object) -> Annotated:
        """Convenience for the Python API: annotate a text given as a string."""
        from newsgraph.model import article_id_for

        article = Article(id=article_id_for(text), text=text, raw=text, origin="<text>")
        for key, value in fields.items():
            setattr(article, key, value)
        return self.process(article)
