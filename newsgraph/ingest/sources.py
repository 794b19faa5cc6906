"""Where input comes from: paths, directories, globs and stdin, opened as byte streams.

Inputs are expanded lazily and in a fixed order (directory entries sorted by name,
hidden files and folders skipped unless named explicitly), so two runs over the same
folder read the same records in the same order. Every input is opened as a buffered
stream that starts with its first bytes already read (``head``) for sniffing, so stdin,
which cannot be rewound, is treated like any file. Compressed inputs (gzip, bzip2, xz,
recognised by their magic bytes) are decompressed on the fly; a stream that ends before
its end marker is reported as truncated after everything readable has been delivered.
"""

from __future__ import annotations

import bz2
import glob
import io
import lzma
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import BinaryIO, Protocol

from newsgraph.ingest.decode import decode
from newsgraph.ingest.errors import (
    CORRUPT,
    EMPTY,
    NOT_FOUND,
    TOO_LARGE,
    TRUNCATED,
    UNREADABLE,
    Rejected,
)
from newsgraph.model import IngestError

STDIN = "-"
STDIN_ORIGIN = "<stdin>"
HEAD_BYTES = 16384
_CHUNK = 65536
_GLOB = re.compile(r"[*?[]")


class _Decompressor(Protocol):
    @property
    def eof(self) -> bool: ...
    @property
    def unused_data(self) -> bytes: ...

    def decompress(self, data: bytes) -> bytes: ...


_COMPRESSIONS: tuple[tuple[bytes, tuple[str, ...], Callable[[], _Decompressor]], ...] = (
    (b"\x1f\x8b", (".gz", ".gzip"), lambda: zlib.decompressobj(wbits=31)),
    (b"BZh", (".bz2",), bz2.BZ2Decompressor),
    (b"\xfd7zXZ\x00", (".xz",), lzma.LZMADecompressor),
)


class _Prefixed(io.RawIOBase):
    """``head`` followed by the rest of ``rest``: a sniffed stream, unread."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest
        self.delivered = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
        else:
            data = self._rest.read(len(buffer))
            n = len(data)
            buffer[:n] = data
        self.delivered += n
        return n


class _Decompressed(io.RawIOBase):
    """Decompresses ``source`` (multi-member aware). A premature end reads as end-of-file,
    so that readers keep all that came before it, and sets ``truncated`` (raising there
    would lose the data a buffered reader has collected but not yet handed on)."""

    def __init__(self, source: BinaryIO, new: Callable[[], _Decompressor]) -> None:
        self._source = source
        self._new = new
        self._dec = new()
        self._pending = b""
        self.truncated = False

    def readable(self) -> bool:
        return True

    def _fill(self) -> bool:
        """Decompress more input; False at the end of the stream."""
        if self._dec.eof:
            chunk = self._dec.unused_data or self._source.read(_CHUNK)
            if not chunk:
                return False
            self._dec = self._new()
        else:
            chunk = self._source.read(_CHUNK)
            if not chunk:
                self.truncated = True
                return False
        try:
            self._pending = self._dec.decompress(chunk)
        except (zlib.error, OSError, EOFError, lzma.LZMAError) as exc:
            raise Rejected(CORRUPT, f"cannot decompress: {exc}") from exc
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            if not self._fill():
                return 0
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def _buffered(raw: io.RawIOBase) -> io.BufferedReader:
    return io.BufferedReader(raw, buffer_size=_CHUNK)


class Input:
    """One opened input: ``stream`` yields its (decompressed) bytes from the start;
    ``head`` is a copy of the first of them, for format and encoding sniffing."""

    def __init__(self, name: str, raw: BinaryIO, size: int | None) -> None:
        self.size = size
        self.compression: _Decompressed | None = None
        head = raw.read(HEAD_BYTES)
        for magic, suffixes, new in _COMPRESSIONS:
            if head.startswith(magic):
                self.compression = _Decompressed(_buffered(_Prefixed(head, raw)), new)
                raw = _buffered(self.compression)
                head = raw.read(HEAD_BYTES)
                self.size = None
                name = next((name[: -len(s)] for s in suffixes if name.endswith(s)), name)
                break
        self.name = name
        self.head = head
        self._source = _Prefixed(head, raw)
        self.stream: BinaryIO = _buffered(self._source)

    @property
    def truncated(self) -> bool:
        return self.compression is not None and self.compression.truncated

    @property
    def bytes_read(self) -> int:
        """Bytes taken from ``stream`` so far (decompressed), read-ahead included."""
        return self._source.delivered

    def read_all(self, limit: int) -> bytes:
        """The whole input, for formats parsed as one document; never more than
        ``limit`` bytes are read."""
        if self.size is not None and self.size > limit:
            raise Rejected(TOO_LARGE, f"{self.size} bytes; the limit is {limit}")
        data = self.stream.read(limit + 1)
        if len(data) > limit:
            raise Rejected(TOO_LARGE, f"more than {limit} bytes (the limit)")
        if self.truncated:
            raise Rejected(TRUNCATED, "the compressed data ends before its end marker")
        return data

    def read_text(self, limit: int, declared: str | None = None) -> tuple[str, str]:
        """``(text, encoding)`` of the whole input (see :meth:`read_all`)."""
        text, encoding = decode(self.read_all(limit), declared)
        if not text.replace("\ufeff", "").strip():
            raise Rejected(EMPTY, "nothing but white space" if text else "no content")
        return text, encoding


@contextmanager
def open_input(spec: str) -> Iterator[Input]:
    """Open a path (or ``-`` for stdin); OSError propagates for the caller to record."""
    if spec == STDIN:
        yield Input("", sys.stdin.buffer, None)
        return
    with open(spec, "rb") as fh:
        info = os.fstat(fh.fileno())
        size = info.st_size if stat.S_ISREG(info.st_mode) else None
        yield Input(os.path.basename(spec).lower(), fh, size)


def origin_of(spec: str) -> str:
    return STDIN_ORIGIN if spec == STDIN else spec


def expand(inputs: Sequence[str]) -> Iterator[str | IngestError]:
    """Absolute file paths (or ``-``) in reading order, each once; an IngestError for
    each input that names nothing."""
    seen: set[str] = set()
    for spec in inputs:
        if spec == STDIN:
            yield spec
            continue
        for item in _paths(spec):
            if isinstance(item, IngestError):
                yield item
                continue
            path = os.path.abspath(item)
            if path not in seen:
                seen.add(path)
                yield path


def _paths(spec: str) -> Iterator[str | IngestError]:
    if os.path.isdir(spec):
        yield from _walk(spec)
    elif os.path.lexists(spec):
        yield spec
    elif _GLOB.search(spec):
        matches = sorted(glob.glob(spec, recursive=True))
        if not matches:
            yield IngestError(origin=spec, reason=NOT_FOUND, detail="no file matches the pattern")
        for match in matches:
            yield from _walk(match) if os.path.isdir(match) else iter([match])
    else:
        detail = "no such file or directory"
        if "://" in spec:
            detail += " (URLs are not fetched: save the page or feed and read the file)"
        yield IngestError(origin=os.path.abspath(spec), reason=NOT_FOUND, detail=detail)


def _walk(folder: str) -> Iterator[str | IngestError]:
    """Files under ``folder`` in path order, as ``find | sort`` lists them; symbolic links
    to folders are not followed (they may loop)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(
                (e for e in listing if not e.name.startswith(".")), key=lambda e: e.name
            )
    except OSError as exc:
        yield IngestError(
            origin=os.path.abspath(folder), reason=UNREADABLE, detail=exc.strerror or str(exc)
        )
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path)
        else:
            yield entry.path
