"""WARC web archives (plain or gzip-compressed): each archived HTML page is an article.

Records are numbered from 1 in file order, counting every record (warcinfo, request,
response…), so a number points at the same record that ``warcio index`` lists. What is
not a captured page is skipped without a word: warcinfo, request, metadata and revisit
records, responses without a successful (2xx) HTTP status such as redirects, and
captures of non-web URIs such as ``dns:``. A successful capture that is not HTML (an
image, a stylesheet) is reported as an unsupported format, so a crawl that caught no
pages is noticed. Pages go through the HTML path with the target URI as their URL and
the capture date as the fallback publication date.

Compressed archives are decompressed by :mod:`newsgraph.ingest.sources`, which reports a
cut-off gzip member; an uncompressed archive cut inside a record shows as a record
shorter than its declared length.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from newsgraph.ingest.build import Context, Item
from newsgraph.ingest.dates import normalize_date
from newsgraph.ingest.decode import declared_charset, decode
from newsgraph.ingest.errors import (
    CORRUPT,
    EMPTY,
    MALFORMED_FILE,
    NOT_ARTICLE,
    TOO_LARGE,
    TRUNCATED,
    Rejected,
)
from newsgraph.ingest.html_page import page_article
from newsgraph.ingest.sources import Input

FORMAT = "warc"
_CAPTURES = ("response", "resource", "conversion")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(inp: Input, ctx: Context) -> Iterator[Item]:
    number = 0
    records = ArchiveIterator(inp.stream)
    while True:
        number += 1
        try:
            record = next(records)
        except StopIteration:
            # warcio ends quietly at a record cut short; what it left unread tells.
            if records.offset < inp.bytes_read:
                raise Rejected(TRUNCATED, "the archive ends inside a record", number) from None
            return
        except ArchiveLoadFailed as exc:
            raise Rejected(MALFORMED_FILE, f"not a readable WARC record: {exc}", number) from exc
        except (AttributeError, TypeError, ValueError) as exc:
            # warcio trips on some damaged headers (a response without a target URI).
            detail = f"not a readable WARC record (warcio: {type(exc).__name__}: {exc})"
            raise Rejected(MALFORMED_FILE, detail, number) from exc
        try:
            item = _capture(record, number, ctx)
        except Rejected as exc:
            item = ctx.error(exc.reason, exc.detail, number)
        if item is not None:
            yield item


def _capture(record: ArcWarcRecord, number: int, ctx: Context) -> Item | None:
    if record.rec_type not in _CAPTURES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not uri.lower().startswith(("http:", "https:")):
        return None
    http = record.http_headers
    if record.rec_type == "response" and http is not None:
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in _HTML_TYPES:
        raise Rejected(NOT_ARTICLE, f"a capture of {uri} with type {mime or 'unknown'}")
    limit = ctx.settings.limits.max_file_bytes
    try:
        payload = record.content_stream().read(limit + 1)
    except (zlib.error, OSError, EOFError, ValueError) as exc:
        raise Rejected(CORRUPT, f"cannot read the capture of {uri}: {exc}") from exc
    if len(payload) > limit:
        raise Rejected(TOO_LARGE, f"the capture of {uri} is over {limit} bytes (the limit)")
    if getattr(record.raw_stream, "limit", 0):
        raise Rejected(TRUNCATED, f"the archive ends inside the capture of {uri}")
    if not payload.strip():
        raise Rejected(EMPTY, f"the capture of {uri} has no content")
    html, encoding = decode(payload, declared_charset(payload[:4096], content_type))
    captured = normalize_date(record.rec_headers.get_header("WARC-Date") or "")
    return page_article(
        html,
        ctx,
        encoding=encoding,
        record=number,
        url=uri,
        crawl_date=captured[:10] if captured else None,
        format=FORMAT,
    )
