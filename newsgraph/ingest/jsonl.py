"""JSON Lines exports (one object per line) and JSON documents (an array of objects, or
one object).

JSON Lines is streamed, so a bad line costs only itself: it becomes an error with its
line number and the lines after it are read. A record nested deeper than
``limits.max_json_depth`` (arrays and objects) is rejected: no news export needs that
depth, and parsing it costs recursion the interpreter may not have. A ``.json`` file
is parsed as a document (bounded by ``limits.max_file_bytes``); each array element is
scanned separately so that ``raw`` is the element's own text as it stands in the file,
and so that one element that is not an object does not hide the others. A ``.json``
file that is really JSON Lines is read as such.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newsgraph.ingest.build import Context, Item
from newsgraph.ingest.errors import MALFORMED_FILE, MALFORMED_RECORD, TOO_DEEP, Rejected
from newsgraph.ingest.lines import lines
from newsgraph.ingest.sources import Input

_DECODER = json.JSONDecoder()
_WHITE = " \t\r\n"


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (a scalar is 0)."""
    if not isinstance(value, dict | list):
        return 0
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _too_deep(limit: int, depth: int | None = None) -> str:
    found = f"nested {depth} levels deep" if depth else "nested too deeply to parse"
    return f"{found}; the limit is {limit}"


def _record(value: Any, raw: str, ctx: Context, number: int, format: str, encoding: str) -> Item:
    limit = ctx.settings.limits.max_json_depth
    depth = _depth(value)
    if depth > limit:
        return ctx.error(TOO_DEEP, _too_deep(limit, depth), number)
    if not isinstance(value, dict):
        kind = type(value).__name__
        return ctx.error(MALFORMED_RECORD, f"a JSON {kind}, not an object", number)
    return ctx.record_article(value, raw, format=format, record=number, encoding=encoding)


def _line(raw: str, ctx: Context, number: int, encoding: str) -> Item | None:
    """The item of one JSON Lines line (None for a blank line)."""
    raw = raw.rstrip("\r\n")
    if not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        return ctx.error(MALFORMED_RECORD, f"invalid JSON: {exc}", number)
    except RecursionError:
        return ctx.error(TOO_DEEP, _too_deep(ctx.settings.limits.max_json_depth), number)
    return _record(value, raw, ctx, number, "jsonl", encoding)


def read(inp: Input, ctx: Context) -> Iterator[Item]:
    for line in lines(inp, ctx.settings.limits.max_line_bytes):
        if isinstance(line, Rejected):
            yield ctx.error(line.reason, line.detail, line.record)
            continue
        item = _line(line.text, ctx, line.number, line.encoding)
        if item is not None:
            yield item


def read_document(inp: Input, ctx: Context) -> Iterator[Item]:
    text, encoding = inp.read_text(ctx.settings.limits.max_file_bytes)
    start = len(text) - len(text.lstrip(_WHITE + "\ufeff"))
    if text.startswith("[", start):
        yield from _array(text, start + 1, ctx, encoding)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        yield from _lines_of(text, ctx, encoding)
        return
    except RecursionError:
        raise Rejected(TOO_DEEP, _too_deep(ctx.settings.limits.max_json_depth)) from None
    yield _record(value, text[start:].rstrip(), ctx, 1, "json", encoding)


def _lines_of(text: str, ctx: Context, encoding: str) -> Iterator[Item]:
    for number, raw in enumerate(text.split("\n"), start=1):
        item = _line(raw, ctx, number, encoding)
        if item is not None:
            yield item


def _array(text: str, pos: int, ctx: Context, encoding: str) -> Iterator[Item]:
    """Elements of the array opening at ``pos``, numbered from 1."""
    number = 0
    while True:
        while pos < len(text) and text[pos] in _WHITE:
            pos += 1
        if text.startswith("]", pos):
            return
        number += 1
        try:
            value, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise Rejected(MALFORMED_FILE, f"invalid JSON in element {number}: {exc}") from exc
        except RecursionError:
            limit = ctx.settings.limits.max_json_depth
            raise Rejected(TOO_DEEP, _too_deep(limit), number) from None
        yield _record(value, text[pos:end], ctx, number, "json", encoding)
        pos = end
        while pos < len(text) and text[pos] in _WHITE:
            pos += 1
        if text.startswith(",", pos):
            pos += 1
        elif not text.startswith("]", pos):
            raise Rejected(MALFORMED_FILE, f"expected ',' or ']' after element {number}")
