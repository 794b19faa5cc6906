"""Which reader an input needs: by content first where the content is unmistakable, then
by file extension, then by weaker content cues.

Extensions lie (a page saved as ``.txt``, an export without extension, stdin has none),
so a WARC header, an RSS/Atom root or an HTML document start win over the name. Names
win where content cannot tell (a CSV looks like text) and where the reader must see bad
records to report them (a ``.jsonl`` whose first line is broken is still JSON Lines).
"""

from __future__ import annotations

import re

from newsgraph.ingest.decode import binary_kind, peek
from newsgraph.ingest.errors import BINARY, UNSUPPORTED, Rejected

TEXT = "text"
MARKDOWN = "markdown"
HTML = "html"
FEED = "feed"
JSONL = "jsonl"
JSON = "json"
CSV = "csv"
TSV = "tsv"
WARC = "warc"

_EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": MARKDOWN,
    ".markdown": MARKDOWN,
    ".mdown": MARKDOWN,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".shtml": HTML,
    ".rss": FEED,
    ".atom": FEED,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".jsonlines": JSONL,
    ".json": JSON,
    ".csv": CSV,
    ".tsv": TSV,
    ".tab": TSV,
    ".warc": WARC,
}

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)[\s>]")
_HTML_START = re.compile(r"(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>])", re.DOTALL)
_HTML_TAGS = re.compile(r"</(p|div|body|head|title|span|a|table|article)>|<br\s*/?>|<meta\s")


def detect(name: str, head: bytes) -> str:
    """The format of an input called ``name`` (lower case, compression suffix removed)
    whose first bytes are ``head``."""
    if head.startswith(b"WARC/"):
        return WARC
    kind = binary_kind(head)
    if kind:
        raise Rejected(BINARY, f"looks like {kind}")
    start = peek(head).lstrip().lower()[:4096]
    if start.startswith("<?xml") or _FEED_ROOT.match(start):
        if _FEED_ROOT.search(start):
            return FEED
        if "<html" not in start:
            raise Rejected(UNSUPPORTED, "XML that is neither an RSS/Atom feed nor XHTML")
        return HTML
    if _HTML_START.match(start):
        return HTML
    dot = name.rfind(".")
    by_name = _EXTENSIONS.get(name[dot:]) if dot > 0 else None
    if by_name:
        return by_name
    if start.startswith("{"):
        return JSONL
    if start.startswith("["):
        return JSON
    if start.startswith("<") and _HTML_TAGS.search(start):
        return HTML
    return TEXT
