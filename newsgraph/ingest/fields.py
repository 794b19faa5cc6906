"""Which field of a JSON or CSV record holds what: the configurable field mapping.

Exports from other tools name their fields differently (news-please writes
``maintext`` and ``date_publish``, others ``content``, ``body`` or ``link``), so each
article attribute has a short list of usual names, matched case-insensitively, and
``Settings.field_map`` (``--field text=body`` on the command line) replaces the list for
an attribute with one exact field name. Fields that map to no attribute are kept in
``Article.meta``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import pycountry

#: Article attributes a record field can map to; ``id`` becomes ``Article.external_id``.
FIELDS = ("id", "url", "title", "text", "published", "language", "source", "author")

_USUAL_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "uuid", "guid", "doc_id"),
    "url": ("url", "link", "uri"),
    "title": ("title", "headline"),
    "text": ("text", "content", "body", "maintext", "article", "full_text"),
    "published": ("published", "date", "date_publish", "published_at", "pubdate", "publish_date"),
    "language": ("language", "lang"),
    "source": ("source", "sitename", "site_name", "publisher", "source_domain"),
    "author": ("author", "authors", "byline"),
}


class FieldMap:
    """The field names looked up for each attribute, after the user's overrides."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        overrides = dict(overrides or {})
        unknown = sorted(set(overrides) - set(FIELDS))
        if unknown:
            raise ValueError(
                f"unknown field mapping target(s) {', '.join(unknown)}; use {', '.join(FIELDS)}"
            )
        self.names = {
            target: (overrides[target].lower(),) if target in overrides else _USUAL_NAMES[target]
            for target in FIELDS
        }

    def split(self, record: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """``(values by attribute, the other non-empty fields)`` of one record."""
        by_lower = {str(key).lower(): key for key in record}
        values: dict[str, Any] = {}
        used: set[Any] = set()
        for target, names in self.names.items():
            for name in names:
                key = by_lower.get(name)
                if key is not None and not _blank(record[key]):
                    values[target] = record[key]
                    used.add(key)
                    break
        rest = {str(k): v for k, v in record.items() if k not in used and not _blank(v)}
        return values, rest


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def as_text(value: Any, joiner: str = "\n") -> str | None:
    """A field value as a string: lists of strings (paragraphs, authors) are joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return joiner.join(value)
    return None


@lru_cache(maxsize=1024)
def language_code(value: str) -> str | None:
    """ISO 639-1 code for a declared language ("it", "it-IT", "ita", "Italian")."""
    value = value.strip()
    code = value.lower().replace("_", "-").split("-")[0]
    if len(code) == 2 and code.isalpha():
        # Only a real ISO 639-1 code: "xx" or "zz" would name no language's resources.
        return code if pycountry.languages.get(alpha_2=code) is not None else None
    try:
        language = pycountry.languages.lookup(value)
    except LookupError:
        return None
    return getattr(language, "alpha_2", None)
