"""Bytes to text: byte-order marks, strict UTF-8, declared charsets, then a guess.

The order matters. A byte-order mark is proof; strict UTF-8 almost never decodes text
that is not UTF-8; a charset declared by the document (HTML ``<meta>``, XML declaration,
HTTP header) is right far more often than a statistical guess; charset-normalizer comes
last. Its guesses among the single-byte Latin code pages are close calls, so windows-1252
wins a near tie: it is what unlabelled Western news sites use (and what browsers assume).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from newsgraph.ingest.errors import BINARY, UNDECODABLE, Rejected

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Magic numbers of binary formats people drop into news folders, named in the error.
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3", "an SQLite database"),
)

_DECLARED = (
    re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE),
    re.compile(rb"<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:-]+)", re.IGNORECASE),
)

#: Labels that browsers (WHATWG Encoding) read as windows-1252, a superset of them.
_AS_CP1252 = {"ascii", "iso8859-1"}
#: C0 control bytes that text does not use (tab, line breaks, form feed and escape it
#: does). A stray NUL is dirt to clean; a few percent of them is binary data.
_BINARY_BYTES = bytes((*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)))
_OTHER_BYTES = bytes(b for b in range(256) if b not in _BINARY_BYTES)
_MAX_BINARY_RATIO = 0.02
_NEAR_TIE = 0.05
_MAX_CONTROL_RATIO = 0.05


def canonical(name: str) -> str:
    """Python's canonical codec name ('latin-1' → 'latin_1'); unknown names unchanged."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte is NUL, as in Latin text in UTF-16."""
    sample = head[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def binary_kind(head: bytes) -> str | None:
    """What a binary head looks like ('a PDF document'…), or None for text."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if bom_encoding(head) or utf16_without_bom(head):
        return None
    sample = head[:8192]
    if len(sample.translate(None, _OTHER_BYTES)) > max(1, _MAX_BINARY_RATIO * len(sample)):
        return "binary data (NUL and other control bytes)"
    return None


def declared_charset(head: bytes, header: str | None = None) -> str | None:
    """The charset a document declares: an HTTP Content-Type header, else a ``<meta>``
    or XML declaration in its first bytes."""
    if header:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", header, re.IGNORECASE)
        if match:
            return match.group(1)
    for pattern in _DECLARED:
        found = pattern.search(head[:4096])
        if found:
            return found.group(1).decode("ascii", "replace")
    return None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(
        1 for ch in sample if ch not in "\n\r\t\f" and unicodedata.category(ch) in ("Cc", "Co")
    )
    return bad / len(sample)


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess(data: bytes) -> tuple[str, str]:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        raise Rejected(UNDECODABLE, "no text encoding fits these bytes")
    chosen = best
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + _NEAR_TIE:
            chosen = match
            break
    return str(chosen), chosen.encoding


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` for a whole document; raises :class:`Rejected` for binary
    data and bytes no encoding explains."""
    kind = binary_kind(data[:8192])
    if kind:
        raise Rejected(BINARY, f"looks like {kind}")
    encoding = bom_encoding(data) or utf16_without_bom(data) or "utf-8"
    text = _strict(data, encoding)
    if text is None and declared:
        encoding = canonical(declared)
        if encoding in _AS_CP1252:
            encoding = "cp1252"
        text = _strict(data, encoding)
    if text is None:
        text, encoding = _guess(data)
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise Rejected(BINARY, f"decodes as {encoding} but is mostly control characters")
    return text, canonical(encoding)


def stream_encoding(head: bytes) -> tuple[str, str | None]:
    """``(encoding, fallback)`` of a stream read line by line, judged from its first bytes:
    lines are decoded with ``encoding``, and those that fail with ``fallback``. A BOM or
    UTF-16 pattern decides both; otherwise lines are UTF-8 first, and a head that is not
    UTF-8 (a character cut at its end does not count) names the fallback."""
    found = bom_encoding(head) or utf16_without_bom(head)
    if found:
        return found, found
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "utf-8", canonical(_guess(head)[1])
    return "utf-8", None


def peek(head: bytes) -> str:
    """A lenient decoding of the first bytes, for sniffing the format only."""
    encoding = bom_encoding(head) or utf16_without_bom(head) or "utf-8"
    return head.decode(encoding, errors="replace").lstrip("\ufeff")
