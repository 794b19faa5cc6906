"""HTML pages: the article's main text and metadata, found by trafilatura.

trafilatura drops navigation, ads and comments and reads the title, author, date,
canonical URL and site name from the page's metadata. It also drops figures, and with
them photo captions, which carry the credits and dates analysts want; so each
``<figcaption>`` is turned into a paragraph before extraction (it then stays in the text
where the page had it) and its text is listed in ``meta["captions"]`` for cleaning to
mark. The ``lang`` attribute goes to ``meta["declared_language"]``: page templates
often declare the site's language, not the article's, so language identification
decides. A page whose elements nest deeper than ``limits.max_html_depth`` is rejected
rather than half read: libxml2 drops what lies below depth 256 without a word, and real
pages stay far shallower.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import trafilatura
from trafilatura.settings import Document, use_config

from newsgraph.ingest.build import FROM_METADATA, Context, Item
from newsgraph.ingest.decode import declared_charset
from newsgraph.ingest.errors import NO_TEXT, TOO_DEEP
from newsgraph.ingest.sources import Input

FORMAT = "html"
#: htmldate's date from page metadata: usually right, sometimes the update date.
_METADATA_CONFIDENCE = 0.9
#: ``published_method`` of a date that is when a crawler fetched the page: the article
#: was published then or before, often the same day for news crawls.
CRAWL_DATE = "crawl_date"
_CRAWL_CONFIDENCE = 0.5

_CONFIG = use_config()
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
_DATE_SEARCH = {"extensive_search": False, "original_date": True}


def read(inp: Input, ctx: Context) -> Iterator[Item]:
    html, encoding = inp.read_text(ctx.settings.limits.max_file_bytes, declared_charset(inp.head))
    yield page_article(html, ctx, encoding=encoding)


def _depth(tree: Any) -> int:
    """How deeply the page's elements nest (the root is 1)."""
    deepest = 0
    stack = [(tree, 1)]
    while stack:
        element, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in element)
    return deepest


def _captions(tree: Any) -> list[str]:
    captions = []
    for caption in tree.iter("figcaption"):
        text = " ".join(caption.text_content().split())
        if text:
            captions.append(text)
        caption.tag = "p"
    for figure in tree.iter("figure"):
        figure.tag = "div"
    return captions


def page_article(
    html: str,
    ctx: Context,
    *,
    encoding: str | None,
    record: int | None = None,
    url: str | None = None,
    crawl_date: str | None = None,
    format: str = FORMAT,
) -> Item:
    """The article of one HTML page. ``url`` is where it was fetched from (it wins over
    the page's canonical URL, kept in meta); ``crawl_date`` dates pages without a date."""
    tree = trafilatura.load_html(html)
    if tree is None:
        return ctx.error(NO_TEXT, "the page cannot be parsed as HTML", record)
    limit = ctx.settings.limits.max_html_depth
    depth = _depth(tree)
    if depth > limit:
        detail = f"elements nested {depth} levels deep or more; the limit is {limit}"
        return ctx.error(TOO_DEEP, detail, record)
    meta: dict[str, Any] = {}
    captions = _captions(tree)
    if tree.get("lang"):
        meta["declared_language"] = tree.get("lang")
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_SEARCH,
        config=_CONFIG,
    )
    text = doc.text or "" if isinstance(doc, Document) else ""
    if not isinstance(doc, Document) or not text.strip():
        return ctx.error(NO_TEXT, "no main text found in the page", record)
    if captions:
        meta["captions"] = captions
    for key in ("hostname", "description", "categories", "tags"):
        value = getattr(doc, key, None)
        if value:
            meta[key] = value
    if url and doc.url and doc.url != url:
        meta["canonical_url"] = doc.url
    dating: dict[str, Any] = {}
    if doc.date:
        dating = {
            "published": doc.date,
            "published_method": FROM_METADATA,
            "published_confidence": _METADATA_CONFIDENCE,
        }
    elif crawl_date:
        dating = {
            "published": crawl_date,
            "published_method": CRAWL_DATE,
            "published_confidence": _CRAWL_CONFIDENCE,
        }
    return ctx.article(
        text,
        html,
        format=format,
        record=record,
        encoding=encoding,
        title=doc.title,
        url=url or doc.url,
        source=doc.sitename or doc.hostname,
        author=doc.author,
        meta=meta,
        **dating,
    )
