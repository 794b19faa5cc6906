"""RSS and Atom feeds: one article per entry.

feedparser gets the bytes, not decoded text, because XML declares its own encoding and
feedparser follows the XML rules for it. An entry's text is its fullest content
(``content:encoded``, Atom ``content``), else its summary; HTML goes through the fragment
converter. ``raw`` is that content as the feed delivered it (feeds do not keep an
entry's XML apart). The date keeps the offset the feed wrote ("+0100"), which
feedparser's parsed form would turn into UTC. A feed that is not well-formed XML is read
leniently, its entries kept, and then reported; one with no entries is reported too.
Character references to no character (a UTF-16 surrogate such as ``&#xD800;``, a number
past U+10FFFF) become U+FFFD first: feedparser's lenient parser fails on them, which
would lose every entry of the feed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any
from xml.sax import SAXException

import feedparser

from newsgraph.ingest.build import FROM_METADATA, Context, Item
from newsgraph.ingest.dates import normalize_date
from newsgraph.ingest.errors import EMPTY, MALFORMED_FILE, Rejected
from newsgraph.ingest.fragments import fragment_to_text, looks_like_html
from newsgraph.ingest.sources import Input

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")
_REPLACEMENT = b"&#xFFFD;"


def _valid_charref(match: re.Match[bytes]) -> bytes:
    ref = match.group(1)
    hexadecimal = ref[:1] in b"xX"
    digits = (ref[1:] if hexadecimal else ref).lstrip(b"0") or b"0"
    if len(digits) > 8:  # past U+10FFFF (and int() refuses very long numbers)
        return _REPLACEMENT
    code = int(digits, 16 if hexadecimal else 10)
    return _REPLACEMENT if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else match.group(0)


def _as_plain(value: str, kind: str | None) -> str:
    if kind in _HTML_TYPES or looks_like_html(value):
        return fragment_to_text(value)
    return value


def _content(entry: Any) -> tuple[str, str | None]:
    """The fullest text of an entry and its MIME type."""
    candidates = [(c.get("value") or "", c.get("type")) for c in entry.get("content") or []]
    if entry.get("summary"):
        candidates.append((entry.summary, entry.get("summary_detail", {}).get("type")))
    return max(candidates, key=lambda c: len(c[0]), default=("", None))


def _published(entry: Any, languages: tuple[str, ...]) -> str | None:
    for key in ("published", "updated", "created"):
        if entry.get(key):
            found = normalize_date(entry[key], languages)
            if found:
                return found
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return normalize_date(parsed) if parsed else None


def read(inp: Input, ctx: Context) -> Iterator[Item]:
    data = inp.read_all(ctx.settings.limits.max_file_bytes)
    if not data.strip():
        raise Rejected(EMPTY, "nothing but white space")
    try:
        parsed = feedparser.parse(io.BytesIO(_CHARREF.sub(_valid_charref, data)))
    except UnicodeError as exc:  # feedparser trips on a non-ASCII encoding declaration
        raise Rejected(MALFORMED_FILE, f"not a readable feed: {exc}") from exc
    if not parsed.entries:
        if parsed.bozo:
            raise Rejected(MALFORMED_FILE, f"not a readable feed: {parsed.bozo_exception}")
        raise Rejected(EMPTY, "the feed has no entries")
    format = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    channel = parsed.feed
    for number, entry in enumerate(parsed.entries, start=1):
        raw, kind = _content(entry)
        title = entry.get("title")
        if title:
            title = _as_plain(title, entry.get("title_detail", {}).get("type"))
        meta: dict[str, Any] = {}
        if channel.get("link"):
            meta["feed_url"] = channel.link
        if channel.get("language"):
            meta["declared_language"] = channel.language
        tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
        if tags:
            meta["tags"] = tags
        published = _published(entry, ctx.settings.languages)
        yield ctx.article(
            _as_plain(raw, kind),
            raw,
            format=format,
            record=number,
            encoding=parsed.get("encoding"),
            title=title,
            url=entry.get("link"),
            source=channel.get("title"),
            author=entry.get("author_detail", {}).get("name") or entry.get("author"),
            external_id=entry.get("id"),
            published=published,
            published_method=FROM_METADATA if published else None,
            published_confidence=1.0 if published else None,
            meta=meta,
        )
    if isinstance(parsed.get("bozo_exception"), SAXException):
        # Read leniently, so entries may be missing or cut: worth knowing.
        detail = f"not well-formed XML ({parsed.bozo_exception}); entries may be missing"
        raise Rejected(MALFORMED_FILE, detail, len(parsed.entries) + 1)
