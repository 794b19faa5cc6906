"""Ingest: turn inputs (files, directories, globs, ``-`` for stdin) into Article records.

:func:`read` streams ``Article`` and ``IngestError`` records in input order and never
raises for bad input: a file or record that cannot be read becomes an ``IngestError``
and reading goes on, keeping every good record before and after it.

Inputs. Directories are read recursively in sorted order, skipping hidden entries;
globs are expanded here (``**`` included), since not every shell does it; gzip, bzip2
and xz files are decompressed. Each input's format is decided by
:mod:`~newsgraph.ingest.detect` from its content and name: plain text and Markdown
(:mod:`~newsgraph.ingest.text`), HTML pages (:mod:`~newsgraph.ingest.html_page`),
RSS/Atom (:mod:`~newsgraph.ingest.feed`), JSON Lines and JSON
(:mod:`~newsgraph.ingest.jsonl`), CSV/TSV (:mod:`~newsgraph.ingest.delimited`), WARC
(:mod:`~newsgraph.ingest.warc`).

Articles. ``origin`` is the absolute path (``<stdin>`` for stdin). ``record`` is None
for one-article files and otherwise counts from 1: the line number in JSON Lines, the
line a row starts on in CSV/TSV (the header is line 1), the entry number in a feed, the
element number in a JSON array, the record number in a WARC file. ``raw`` is the input
as decoded (the page, the line, the row, the entry's content); ``text`` is what every
offset points into (:mod:`~newsgraph.ingest.normalize`), with a title from metadata as
its first line (:mod:`~newsgraph.ingest.build`), and ``id`` its hash, so the same text
from two files is one article. ``encoding`` is the detected encoding. HTML photo
captions are listed in ``meta["captions"]``; record fields that map to no attribute,
and metadata without an attribute of its own, are kept in ``meta``.

Limits (``Settings.limits``). ``max_file_bytes`` bounds what is read whole: text,
Markdown, HTML, feed and JSON files, and each WARC capture; JSON Lines, CSV/TSV and WARC
files are streamed at any size, ``max_line_bytes`` bounding a line and
``max_records_per_file`` the records of one file. ``max_article_chars`` bounds an
article's text: a longer one is an error, never silently cut. ``max_json_depth`` bounds
the nesting of a JSON record and ``max_html_depth`` that of an HTML page's elements.
Every limit can be set from the environment (``NEWSGRAPH_MAX_FILE_BYTES``…, see
:class:`~newsgraph.config.Limits`).

Error reasons, a fixed vocabulary (``IngestError.reason``; ``detail`` says more):

- ``not found``: no such path, or a glob that matches nothing;
- ``unreadable``: the operating system refused to read it (permissions, a device…);
- ``empty``: no bytes, only white space, or no records at all;
- ``binary file``: not text (NUL bytes, a PDF, an image…);
- ``undecodable``: bytes that no text encoding explains;
- ``too large``: a file or WARC capture over ``max_file_bytes``, left unread;
- ``line too long``: a JSON Lines or CSV line over ``max_line_bytes``, skipped;
- ``unsupported format``: readable but not news (XML that is no feed);
- ``not an article``: a WARC capture of something other than a page (an image, a script,
  a style sheet): a skip, recorded but not a failure (``errors.SKIPS``);
- ``no article text found``: a page without main text, a record or row without a text
  field, a CSV header without a text column, an entry with a title only;
- ``malformed record``: one record cannot be parsed (a bad JSON line, a CSV row with the
  wrong number of fields);
- ``malformed file``: the file as a whole cannot be parsed (a broken feed, a WARC that is
  no WARC); records before the damage are kept;
- ``truncated``: the input ends early (a cut gzip stream, a WARC cut inside a record);
  records before the damage are kept;
- ``corrupt``: compressed data that cannot be decompressed;
- ``article too long``: text over ``max_article_chars``;
- ``too many records``: more than ``max_records_per_file`` records; the rest of the file
  is not read;
- ``nesting too deep``: a JSON record nested deeper than ``max_json_depth``, an HTML page
  deeper than ``max_html_depth``;
- ``timeout``: reading one record of a file took longer than ``doc_seconds`` (a parser
  stuck on hostile input); the rest of the file is not read. Standard input is not timed:
  the program that writes it may be slow for reasons of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from newsgraph import guard
from newsgraph.config import Settings
from newsgraph.ingest import delimited, feed, html_page, jsonl, text, warc
from newsgraph.ingest.build import Context, Item
from newsgraph.ingest.detect import CSV, FEED, HTML, JSON, JSONL, MARKDOWN, TEXT, TSV, WARC, detect
from newsgraph.ingest.errors import (
    EMPTY,
    MALFORMED_FILE,
    NOT_FOUND,
    TOO_MANY_RECORDS,
    TRUNCATED,
    UNREADABLE,
    Rejected,
)
from newsgraph.ingest.fields import FIELDS, FieldMap
from newsgraph.ingest.sources import STDIN, Input, expand, open_input, origin_of
from newsgraph.model import IngestError

__all__ = ["FIELDS", "Item", "read"]

Reader = Callable[[Input, Context], Iterator[Item]]

READERS: dict[str, Reader] = {
    TEXT: text.read_text,
    MARKDOWN: text.read_markdown,
    HTML: html_page.read,
    FEED: feed.read,
    JSONL: jsonl.read,
    JSON: jsonl.read_document,
    CSV: delimited.read_csv,
    TSV: delimited.read_tsv,
    WARC: warc.read,
}


def read(inputs: Sequence[str], settings: Settings) -> Iterator[Item]:
    """Articles and errors from ``inputs``, lazily. Raises ValueError at once (not while
    iterating) for a field mapping that names an unknown attribute."""
    fields = FieldMap(settings.field_map)
    return _read(inputs, settings, fields)


def _read(inputs: Sequence[str], settings: Settings, fields: FieldMap) -> Iterator[Item]:
    for spec in expand(inputs):
        if isinstance(spec, IngestError):
            yield spec
        else:
            yield from _read_input(spec, Context(origin_of(spec), settings, fields))


def _timed(items: Iterator[Item], seconds: float | None) -> Iterator[Item]:
    """``items``, each produced within ``seconds`` (the work of reading one record; what
    the consumer does with it between two records is not counted)."""
    while True:
        with guard.time_limit(seconds):
            item = next(items, None)
        if item is None:
            return
        yield item


def _read_input(spec: str, ctx: Context) -> Iterator[Item]:
    """Every item of one input; whatever goes wrong ends this input only."""
    limit = ctx.settings.limits.max_records_per_file
    count = 0
    last: int | None = None
    item: Item | None = None
    seconds = None if spec == STDIN else ctx.settings.limits.doc_seconds
    try:
        with open_input(spec) as inp:
            reader = READERS[detect(inp.name, inp.head)]
            for item in _timed(reader(inp, ctx), seconds):
                count += 1
                if item.record is not None:
                    if count > limit:
                        detail = f"the file has more than {limit} records (the limit); the rest "
                        yield ctx.error(TOO_MANY_RECORDS, detail + "was not read", item.record)
                        return
                    last = item.record
                yield item
            if inp.truncated and not (isinstance(item, IngestError) and item.reason == TRUNCATED):
                raise Rejected(TRUNCATED, "the compressed data ends before its end marker")
        if not count:
            yield ctx.error(EMPTY, "no records in it")
    except Rejected as exc:
        record = exc.record if exc.record is not None else (last + 1 if last else None)
        yield ctx.error(exc.reason, exc.detail, record)
    except guard.TimeLimitExceeded as exc:
        detail = f"reading a record {exc}; the rest of the file was not read"
        yield ctx.error(guard.TIMEOUT, detail, last + 1 if last else None)
    except FileNotFoundError as exc:
        yield ctx.error(NOT_FOUND, exc.strerror or str(exc))
    except OSError as exc:
        yield ctx.error(UNREADABLE, exc.strerror or str(exc))
    except Exception as exc:  # a parser's bug on hostile input must not end the run
        detail = f"{type(exc).__name__}: {exc}"
        yield ctx.error(MALFORMED_FILE, detail, last + 1 if last else None)
