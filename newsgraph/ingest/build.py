"""What every reader hands back: an Article built one way for all formats, or the
IngestError that says why there is none.

A format reader finds text and metadata; this module makes the article: the text
cleaned (:mod:`newsgraph.ingest.normalize`), the title as the first line when the text
does not already start with it (headlines carry events too, and cleaning marks the line
as the title), metadata as single clean lines, the id from the text, the length limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsgraph.config import Settings
from newsgraph.ingest.dates import normalize_date
from newsgraph.ingest.errors import NO_TEXT, TOO_LONG
from newsgraph.ingest.fields import FieldMap, as_text, language_code
from newsgraph.ingest.fragments import fragment_to_text, looks_like_html
from newsgraph.ingest.normalize import clean_text, one_line
from newsgraph.model import Article, IngestError, article_id_for, normalize_for_id

Item = Article | IngestError

#: ``published_method`` of a date taken from the input's own metadata.
FROM_METADATA = "metadata"
_TITLE_LINES = 3
_ONE_LINE = ("title", "url", "source", "author", "external_id")


def _has_title(text: str, title: str) -> bool:
    wanted = normalize_for_id(title).casefold()
    top = [line for line in text.split("\n", 2 * _TITLE_LINES)[: 2 * _TITLE_LINES] if line.strip()]
    return any(normalize_for_id(line).casefold() == wanted for line in top[:_TITLE_LINES])


@dataclass(frozen=True)
class Context:
    """What a reader knows about the input it reads."""

    origin: str
    settings: Settings
    fields: FieldMap

    def error(self, reason: str, detail: str = "", record: int | None = None) -> IngestError:
        return IngestError(origin=self.origin, reason=reason, record=record, detail=detail)

    def article(
        self,
        text: str,
        raw: str,
        *,
        format: str,
        record: int | None = None,
        **attrs: Any,
    ) -> Item:
        """An article from extracted ``text`` and its ``raw`` input; ``attrs`` are other
        Article fields (title, url, published, meta…)."""
        limit = self.settings.limits.max_article_chars
        if len(text) > limit:
            return self.error(TOO_LONG, f"{len(text)} characters; the limit is {limit}", record)
        body = clean_text(text)
        if not body:
            return self.error(NO_TEXT, "the text is empty once decoded and cleaned", record)
        for key in _ONE_LINE:
            value = attrs.get(key)
            attrs[key] = (one_line(value) or None) if isinstance(value, str) else None
        title = attrs["title"]
        if title and not _has_title(body, title):
            body = f"{title}\n\n{body}"
        return Article(
            id=article_id_for(body),
            text=body,
            raw=raw,
            origin=self.origin,
            record=record,
            format=format,
            **attrs,
        )

    def metadata(self, values: Mapping[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
        """Article attributes from mapped record fields (see :class:`FieldMap`); values
        that cannot be used as they are go to ``meta``."""
        attrs: dict[str, Any] = {
            "title": as_text(values.get("title"), " "),
            "url": as_text(values.get("url")),
            "source": as_text(values.get("source")),
            "author": as_text(values.get("author"), ", "),
            "external_id": as_text(values.get("id")),
            "meta": meta,
        }
        if "published" in values:
            published = normalize_date(values["published"], self.settings.languages)
            if published:
                attrs.update(
                    published=published, published_method=FROM_METADATA, published_confidence=1.0
                )
            else:
                meta["published_raw"] = values["published"]
        declared = as_text(values.get("language"))
        if declared:
            attrs["language"] = language_code(declared)
            if attrs["language"] is None:
                meta["declared_language"] = declared
        return attrs

    def record_article(
        self,
        fields: Mapping[str, Any],
        raw: str,
        *,
        format: str,
        record: int,
        encoding: str | None = None,
    ) -> Item:
        """An article from one JSON object or CSV row, through the field mapping."""
        values, meta = self.fields.split(fields)
        text = as_text(values.get("text"))
        if text is None:
            names = ", ".join(self.fields.names["text"])
            return self.error(NO_TEXT, f"no text in field(s) {names} (see --field)", record)
        if looks_like_html(text):
            text = fragment_to_text(text)
        attrs = self.metadata(values, meta)
        return self.article(text, raw, format=format, record=record, encoding=encoding, **attrs)
