"""One article through clean → language → annotate, as records.

``Pipeline`` is the core every front end shares: the CLI's ``run``, the Python API, the
REST ingest endpoint and the evaluator all call :meth:`Pipeline.process`.
"""

from __future__ import annotations

import hashlib

from newsgraph import __version__, annotate, clean, language
from newsgraph.annotate.records import doc_to_records
from newsgraph.config import Settings
from newsgraph.model import Annotated, Article


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
        detected, confidence = language.detect_article(article.text, zones, self.settings.languages)
        if article.language:
            # Metadata wins; detection is kept beside it for inspection.
            article.meta.setdefault("detected_language", detected)
            return article.language
        article.language = detected or self.settings.default_language
        article.language_confidence = round(confidence, 3) if detected else None
        return article.language

    def process(self, article: Article) -> Annotated:
        zones = clean.mark(article)
        lang = self.language_of(article, zones)
        nlp = annotate.build_nlp(
            lang, self.settings.components, self.settings.ner_model, self.settings.kb_files
        )
        doc = annotate.annotate(nlp, article, zones)
        return doc_to_records(doc, article, zones)

    def process_text(self, text: str, **fields: object) -> Annotated:
        """Convenience for the Python API: annotate a text given as a string."""
        from newsgraph.model import article_id_for

        article = Article(id=article_id_for(text), text=text, raw=text, origin="<text>")
        for key, value in fields.items():
            setattr(article, key, value)
        return self.process(article)
