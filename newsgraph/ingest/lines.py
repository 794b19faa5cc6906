"""Line-oriented inputs (JSON Lines, CSV, TSV), decoded one line at a time.

Exports can be far larger than memory, so they are never read whole: each line is read
with a length cap (``limits.max_line_bytes``; a longer line is skipped to its end and
reported, never buffered) and decoded on its own: as UTF-8 (unless a byte-order mark
says otherwise), else with a fallback guessed once from the first bytes, else with the
full detection for that line alone. So one stray windows-1252 line in a UTF-8 export
costs nothing, and neither does a windows-1252 export.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from newsgraph.ingest.decode import decode, stream_encoding
from newsgraph.ingest.errors import LINE_TOO_LONG, Rejected
from newsgraph.ingest.sources import Input

_WIDE = ("utf-16", "utf-16-le", "utf-16-be", "utf-32")
_SKIP_CHUNK = 1 << 20


@dataclass
class Line:
    number: int
    """1-based, as editors and ``sed -n`` count."""
    text: str
    """Decoded, line terminator included."""
    encoding: str


def _too_long(number: int, limit: int) -> Rejected:
    return Rejected(LINE_TOO_LONG, f"longer than {limit} bytes (the limit)", number)


def lines(inp: Input, limit: int) -> Iterator[Line | Rejected]:
    """The lines of ``inp``, or a :class:`Rejected` in place of each unusable one."""
    encoding, fallback = stream_encoding(inp.head)
    if encoding in _WIDE:
        yield from _wide_lines(inp, encoding, limit)
        return
    number = 0
    while True:
        data = inp.stream.readline(limit + 1)
        if not data:
            return
        number += 1
        if len(data) > limit and not data.endswith(b"\n"):
            while data and not data.endswith(b"\n"):
                data = inp.stream.readline(_SKIP_CHUNK)
            yield _too_long(number, limit)
            continue
        yield _decoded(data, number, encoding, fallback)


def _decoded(data: bytes, number: int, encoding: str, fallback: str | None) -> Line | Rejected:
    for candidate in (encoding, fallback) if fallback else (encoding,):
        try:
            return Line(number, data.decode(candidate), candidate)
        except UnicodeDecodeError:
            pass
    try:
        text, found = decode(data)
    except Rejected as exc:
        exc.record = number
        return exc
    return Line(number, text, found)


def _wide_lines(inp: Input, encoding: str, limit: int) -> Iterator[Line | Rejected]:
    """UTF-16/32 lines: the byte stream cannot be split at b"\\n", so it is decoded
    first (``limit`` then counts characters)."""
    stream = io.TextIOWrapper(inp.stream, encoding=encoding, errors="replace", newline="")
    for number, text in enumerate(iter(lambda: stream.readline(limit + 1), ""), start=1):
        if len(text) > limit and not text.endswith("\n"):
            while text and not text.endswith("\n"):
                text = stream.readline(_SKIP_CHUNK)
            yield _too_long(number, limit)
            continue
        yield Line(number, text.lstrip("\ufeff") if number == 1 else text, encoding)
