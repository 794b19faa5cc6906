"""The stored article text: decoded text with mojibake fixed, line breaks unified and
invisible control characters removed. Every offset of every later stage points into it.

ftfy repairs mojibake ("perchÃ©" → "perché"), but running it on every article costs
more than the rest of ingest together, mostly in its badness heuristics. Mojibake has a
fingerprint, though: a UTF-8 multi-byte sequence read through a single-byte code page
comes out as one of that page's "lead" characters followed by its "continuation"
characters. A text without such a sequence, HTML entities, C1 controls or ligatures
cannot be changed by ftfy beyond Unicode normalization, which is done here directly, so
only the rare texts that have one go through ftfy.

Quotes stay curly and line structure is kept: the stored text must still look like the
article, and its lines are what cleaning classifies.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# Code pages whose misreadings of UTF-8 ftfy knows how to undo and news sites produce.
_CODE_PAGES = ("latin-1", "cp1252", "cp1250", "cp1251", "iso-8859-2")


def _char_class(first: int, last: int) -> str:
    """The characters that bytes first..last become in any of the code pages."""
    chars: set[str] = set()
    for page in _CODE_PAGES:
        chars |= set(bytes(range(first, last + 1)).decode(page, errors="ignore"))
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


# A UTF-8 sequence misread: a two-byte lead and one continuation, or a three-byte lead
# and two ("Ã©" for "é", "â€™" for "’"). Requiring the whole sequence keeps ordinary
# Italian ("città»", "proprietà”") from looking suspicious.
_MOJIBAKE = re.compile(
    f"(?:{_char_class(0xC2, 0xDF)}|{_char_class(0xE0, 0xEF)}{_char_class(0x80, 0xBF)})"
    f"{_char_class(0x80, 0xBF)}"
)
_OTHER_FIXES = re.compile(r"[\x80-\x9f\x1b\ufb00-\ufb06\ud800-\udfff\ufffd]")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]{2,8});")


def _needs_ftfy(text: str) -> bool:
    """Whether ftfy could change ``text`` beyond NFC: mojibake, C1 controls, terminal
    escapes, ligatures, surrogates, replacement characters, HTML entities."""
    return bool(
        _MOJIBAKE.search(text)
        or _OTHER_FIXES.search(text)
        or ("&" in text and _ENTITY.search(text))
    )


_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False)
# U+0085 is left to ftfy: in news text it is a mangled windows-1252 ellipsis, not NEL.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\u2028\u2029]")
# C0/C1 controls but tab and newline; soft hyphens and stray byte-order marks, which are
# invisible and only split words.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\ufeff]")


def clean_text(text: str) -> str:
    """The text later stages read and point into (outer white space removed)."""
    text = _LINE_BREAKS.sub("\n", text)
    if _needs_ftfy(text):
        text = _LINE_BREAKS.sub("\n", ftfy.fix_text(text, _FTFY))
    else:
        text = unicodedata.normalize("NFC", text)
    return _INVISIBLE.sub("", text).strip()


def one_line(value: str) -> str:
    """A metadata value (title, author) as a single clean line."""
    return " ".join(clean_text(value).split())
