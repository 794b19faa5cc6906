"""The records newsgraph produces: a small set of typed dataclasses.

Every record that states a fact about a text carries its provenance: the article id, the
character offsets into ``Article.text`` (the stored, cleaned-of-mojibake text that all
offsets point into), the sentence index, the rule or model that produced it and a
confidence. Ids are stable: they are hashes of what identifies the record, so the same
input always yields the same ids and re-running a job is idempotent.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any


def normalize_for_id(text: str) -> str:
    """The form of a text that decides whether two articles are the same article.

    Unicode compatibility forms and runs of white space are folded so that the same
    story saved by two tools (one with CRLF, one with NBSP) gets one id.
    """
    # str.split() splits exactly where r"\s+" matches, at a third of the cost.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def stable_id(*parts: object, length: int = 16) -> str:
    """A hex digest of the parts, joined with a separator that cannot occur in them."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


def article_id_for(text: str) -> str:
    return stable_id(normalize_for_id(text))


@dataclass
class Record:
    """Common behaviour: conversion to plain dicts for storage and export."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


@dataclass
class Article(Record):
    """One news article as read from its input, before and after cleaning.

    ``raw`` is the input exactly as decoded (HTML source for pages, the line for JSONL);
    ``text`` is the article text that every offset refers to.
    """

    id: str
    text: str
    raw: str
    origin: str
    record: int | None = None
    format: str = "text"
    external_id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    published_method: str | None = None
    published_confidence: float | None = None
    language: str | None = None
    language_confidence: float | None = None
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class Span(Record):
    """A stretch of an article's text with a kind: title, body, caption, section label,
    newsletter prompt, related-links header, share or cookie widget, temporal expression…

    Cleaning never deletes text; it records spans. ``attrs`` holds what a kind needs
    (a caption's credits and date, a paragraph's language, a timex value).
    """

    id: str
    article_id: str
    kind: str
    start: int
    end: int
    text: str
    rule: str = ""
    confidence: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Sentence(Record):
    id: str
    article_id: str
    index: int
    start: int
    end: int
    text: str
    zone: str = "body"
    language: str | None = None


@dataclass
class Mention(Record):
    """A surface mention of an entity in one sentence."""

    id: str
    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    type: str
    entity_id: str | None = None
    role: str | None = None
    rule: str = ""
    confidence: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Entity(Record):
    """A real-world actor, place or thing, shared by mentions across articles."""

    id: str
    name: str
    type: str
    country: str | None = None
    code: str | None = None
    aliases: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Event(Record):
    """A PLOVER event with its arguments, modality and evidence."""

    id: str
    article_id: str
    sentence: int
    start: int
    end: int
    type: str
    trigger: str
    mode: str | None = None
    context: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    materiel: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_granularity: str | None = None
    date_method: str | None = None
    modality: str = "asserted"
    reported_by: str | None = None
    rule: str = ""
    confidence: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Quote(Record):
    id: str
    article_id: str
    sentence: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_text: str | None = None
    reported_by: str | None = None
    rule: str = ""
    confidence: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Story(Record):
    id: str
    label: str
    article_ids: list[str] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class IngestError(Record):
    """An input that could not be read, with a reason a person can act on."""

    origin: str
    reason: str
    record: int | None = None
    detail: str = ""


@dataclass
class Annotated:
    """Everything the pipeline found in one article, ready to be stored together."""

    article: Article
    spans: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
