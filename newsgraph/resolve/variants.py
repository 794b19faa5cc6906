"""Name-variant keys: when two spellings of a name are the same name.

The press transliterates names from Persian, Arabic, Russian or Ukrainian each in its own
way: "Massud", "Masoud" and "Massoud Pezeshkian"; "Esmaeil", "Esmail" and "Ismail"
Baqaei (or Baghaei); "Zelensky", "Zelenskyy" and "Zelenskij". A *variant key* folds the
differences those systems make (doubled letters, ou/u, q/gh, y/j/i, kh/h, w/v, a leading
E/I, the Arabic article "al-") so that spellings of one name share a key, while different
names keep different keys: every letter that distinguishes names in one spelling system
(Hassan/Hossein, Ali/Eli) survives.

The keys are used inside a document (to put the three Pezeshkian spellings in one entity)
and across documents and languages (to match a name with the knowledge base and with
entities of other articles). Two names match only when their full keys match, or when
one is a short form of the other (:func:`is_short_form`); a shared surname alone never
makes two people one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Quote and apostrophe characters folded to one ASCII apostrophe.
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘ʼʹ`´ʻ′"})
#: Letters that diacritic stripping does not decompose.
_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe"})
#: Characters dropped inside a name (Arabic ayn/hamza transliterations, apostrophes).
_DROPPED = re.compile(r"['ʿʾ]")
#: Word separators inside a name.
_SEPARATORS = re.compile(r"[\s\-‐‑–—.,]+")
#: Roman numerals of popes and monarchs (up to XXXIX).
_ROMAN = re.compile(r"x{0,3}(ix|iv|v?i{0,3})")
#: Arabic article forms written before a name with a hyphen or space ("al-Assad").
ARTICLES = frozenset({"al", "el", "ul"})

#: Ordered rewrites applied to each word: digraphs of one sound first, then vowels.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"tsch", "ch"),
        (r"sch", "sh"),
        (r"kh", "h"),
        (r"gh", "g"),
        (r"q", "g"),
        (r"ck", "k"),
        (r"ph", "f"),
        (r"th", "t"),
        (r"dh", "d"),
        (r"zh", "j"),
        (r"dj", "j"),
        (r"w", "v"),
        (r"x", "ks"),
        (r"[yj]", "i"),
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"ae", "a"),
        (r"ie\b", "i"),
        (r"ei", "i"),
        (r"^e", "i"),
        (r"(.)\1+", r"\1"),
    )
)


def fold(text: str) -> str:
    """Case, diacritics, apostrophes and white space folded: the form in which two
    spellings of the same word in the same script compare equal."""
    text = text.translate(_APOSTROPHES).translate(_LETTERS)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """The variant key of one folded word. A regnal number is kept as written: folding
    doubled letters would make Umberto II the Umberto I."""
    if _ROMAN.fullmatch(word):
        return word
    word = _DROPPED.sub("", word)
    for pattern, repl in _REWRITES:
        word = pattern.sub(repl, word)
    return word


def words(name: str) -> list[str]:
    """The folded words of a name, without the Arabic article before a word."""
    parts = [w for w in _SEPARATORS.split(fold(name)) if w]
    return [w for i, w in enumerate(parts) if not (w in ARTICLES and i + 1 < len(parts))]


def name_key(name: str) -> str:
    """The variant key of a whole name: equal keys mean the same name spelled two ways."""
    return " ".join(word_key(w) for w in words(name))


def is_short_form(short: str, full: str) -> bool:
    """Whether ``short`` can stand for ``full`` once ``full`` has been named: its last
    word is the full name's last word and every word before it is a word or the initial
    of a word of the full name, in order ("Pezeshkian", "M. Pezeshkian", "Bashar Assad"
    for "Bashar al-Assad")."""
    a = [word_key(w) for w in words(short)]
    b = [word_key(w) for w in words(full)]
    if not a or len(a) > len(b) or a[-1] != b[-1]:
        return False
    j = 0
    for w in a[:-1]:
        while j < len(b) - 1 and not _same_or_initial(w, b[j]):
            j += 1
        if j >= len(b) - 1:
            return False
        j += 1
    return True


def _same_or_initial(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a))
