"""The DuckDB schema, derived from the record dataclasses so the two cannot drift apart.

Each record class maps to one table; a field's Python type decides its column type.
``SCHEMA_VERSION`` is stored in the ``meta`` table and bumped whenever a table changes, so
a store written by another version is recognised instead of misread.
"""

from __future__ import annotations

import types
import typing
from dataclasses import fields
from typing import Any, get_type_hints

from newsgraph.model import (
    Article,
    Entity,
    Event,
    IngestError,
    Mention,
    Quote,
    Record,
    Sentence,
    Span,
    Story,
)

SCHEMA_VERSION = 1


class TableSpec:
    """A table: its record class, key and the columns the store adds itself.

    ``enforced`` says whether DuckDB holds the key as a primary key. The rows of the
    article tables belong to one article, and the store writes an article's rows only
    when it writes the article (which is keyed), so their own keys are checked per batch
    instead (:meth:`newsgraph.store.Store.write_batch`): a primary-key index on them made
    the file about three times larger, was held in memory whole, and slowed every write.
    """

    def __init__(
        self,
        name: str,
        record: type[Record],
        key: tuple[str, ...],
        extra: tuple[tuple[str, str], ...] = (),
        enforced: bool = True,
    ) -> None:
        self.name = name
        self.record = record
        self.key = key
        self.extra = extra
        self.enforced = enforced
        hints = get_type_hints(record)
        self.columns: list[tuple[str, str]] = [
            (f.name, _sql_type(hints[f.name])) for f in fields(record)
        ] + list(extra)

    @property
    def column_names(self) -> list[str]:
        return [c for c, _ in self.columns]

    @property
    def json_columns(self) -> set[str]:
        return {c for c, t in self.columns if t == "JSON"}

    def ddl(self) -> str:
        cols = ",\n  ".join(f'"{c}" {t}' for c, t in self.columns)
        if not self.enforced:
            return f'CREATE TABLE IF NOT EXISTS "{self.name}" (\n  {cols}\n)'
        key = ", ".join(f'"{k}"' for k in self.key)
        return f'CREATE TABLE IF NOT EXISTS "{self.name}" (\n  {cols},\n  PRIMARY KEY ({key})\n)'


def _sql_type(hint: Any) -> str:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return _sql_type(args[0])
    origin = typing.get_origin(hint)
    if origin is list:
        return f"{_sql_type(args[0])}[]"
    if origin is dict or hint is dict:
        return "JSON"
    return {str: "VARCHAR", int: "BIGINT", float: "DOUBLE", bool: "BOOLEAN"}[hint]


#: Articles also record which pipeline annotated them and when.
ARTICLE_EXTRA = (("pipeline", "VARCHAR"), ("processed_at", "TIMESTAMP"))

#: Tables whose rows belong to one article and are replaced when it is re-annotated.
ARTICLE_TABLES = ("spans", "sentences", "mentions", "events", "quotes")

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TableSpec("articles", Article, ("id",), ARTICLE_EXTRA),
        TableSpec("spans", Span, ("id",), enforced=False),
        TableSpec("sentences", Sentence, ("id",), enforced=False),
        TableSpec("mentions", Mention, ("id",), enforced=False),
        TableSpec("entities", Entity, ("id",)),
        TableSpec("events", Event, ("id",), enforced=False),
        TableSpec("quotes", Quote, ("id",), enforced=False),
        TableSpec("stories", Story, ("id",)),
    )
}

EXTRA_DDL = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    # Every place an article was read from; the same text from two files is one article.
    """CREATE TABLE IF NOT EXISTS origins (
  article_id VARCHAR, origin VARCHAR, record BIGINT, format VARCHAR,
  first_seen TIMESTAMP, PRIMARY KEY (article_id, origin, record))""",
    f"""CREATE TABLE IF NOT EXISTS ingest_errors (
  {
        ", ".join(
            f'"{f.name}" {_sql_type(get_type_hints(IngestError)[f.name])}'
            for f in fields(IngestError)
        )
    },
  first_seen TIMESTAMP, PRIMARY KEY (origin, record, reason))""",
    # Cross-document state: what each article contributes to clustering, so later runs
    # resume from the store (features and MinHash signature), its story, and its copies.
    """CREATE TABLE IF NOT EXISTS article_features (
  article_id VARCHAR PRIMARY KEY, published DATE, features JSON, signature UBIGINT[])""",
    """CREATE TABLE IF NOT EXISTS story_articles (
  story_id VARCHAR, article_id VARCHAR PRIMARY KEY)""",
    """CREATE TABLE IF NOT EXISTS near_duplicates (
  article_id VARCHAR, duplicate_of VARCHAR, similarity DOUBLE,
  PRIMARY KEY (article_id, duplicate_of))""",
    # What `newsgraph watch check` has reported, per watchlist, so it reports each once.
    """CREATE TABLE IF NOT EXISTS watch_reported (
  watchlist VARCHAR, kind VARCHAR, item_id VARCHAR, reported_at TIMESTAMP,
  PRIMARY KEY (watchlist, kind, item_id))""",
    # Entities and events across articles (newsgraph.resolve.entities / .events): which
    # article-level ids are one real entity or event, and what is known of each.
    """CREATE TABLE IF NOT EXISTS resolved_articles (
  article_id VARCHAR PRIMARY KEY, resolved_at TIMESTAMP)""",
    """CREATE TABLE IF NOT EXISTS entity_clusters (
  entity_id VARCHAR PRIMARY KEY, cluster_id VARCHAR, method VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS entity_profiles (
  id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, country VARCHAR, kb BOOLEAN,
  aliases JSON, mentions BIGINT, articles BIGINT, roles JSON, countries JSON,
  context JSON, first_seen DATE, last_seen DATE)""",
    """CREATE TABLE IF NOT EXISTS event_clusters (
  event_id VARCHAR PRIMARY KEY, cluster_id VARCHAR, article_id VARCHAR, date VARCHAR,
  date_from VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS event_profiles (
  id VARCHAR PRIMARY KEY, type VARCHAR, quad_class INTEGER, actors VARCHAR[],
  recipients VARCHAR[], materiel VARCHAR[], location VARCHAR, date VARCHAR,
  date_granularity VARCHAR, date_source JSON, modalities JSON, mentions BIGINT,
  articles BIGINT, article_ids VARCHAR[], first_reported DATE, last_reported DATE)""",
)
