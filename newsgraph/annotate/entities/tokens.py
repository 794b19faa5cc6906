"""What the entity rules need to know about each token, computed once per document.

Rules compare *keys* (folded token texts: case, diacritics and apostrophes folded) and
read a few shape flags. Only tokens of content sentences (title, body, subheading,
caption) are looked at: boilerplate lines name no actors. Keys and flags are cached per
distinct token text across documents, which makes folding nearly free on a large corpus,
and the tokens with a flag (capitalised, in capitals, hyphenated) are listed once per
document, so that rules which can only start at such a token skip the others without
visiting them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container
from functools import cached_property, lru_cache
from itertools import compress, repeat
from operator import and_, is_, itemgetter

from spacy.attrs import IDX
from spacy.tokens import Doc

from newsgraph.annotate.extensions import token_texts
from newsgraph.annotate.zones import content_sentences
from newsgraph.resolve.variants import fold

#: Flags of a token text (:func:`flags_of`).
CAPITALISED = 1  # its first character is a capital
UPPER = 2  # a word in capitals: a letter first, and :func:`is_upper`
NAMELIKE = 4  # it can be a word of a name written with capitals (:func:`is_namelike`)
HYPHENATED = 8  # it holds a hyphen or a dash ("Roma-Lido", "Kh-101")

#: Key and flags of each token text seen, emptied when it reaches the size below.
_WORDS: dict[str, tuple[str, int]] = {}
_MAX_CACHED = 500_000
#: Characters that open a sentence without being its first word.
_OPENERS = frozenset("\"'“”‘’«»([{-–—•*:")
#: A Roman numeral in capitals ("XVI", "II"): a regnal number, a product's, an edition's.
ROMAN = re.compile(r"^[IVXLCDM]+$")
#: Arabic article or kinship prefixes written with a hyphen before a name ("al-Assad").
PREFIXED = re.compile(r"^(?:al|el|ad|ar|as|an|at|az|ash|abu|bin|ibn|ben)-[A-Z]")
_KEY = itemgetter(0)
_FLAGS = itemgetter(1)


def _word(text: str) -> tuple[str, int]:
    """Key and flags of a token text, computed for a text met for the first time."""
    word = _WORDS.get(text)
    if word is None:
        if len(_WORDS) > _MAX_CACHED:
            _WORDS.clear()
        # An ASCII word of letters and digits folds to its lower case (``fold`` maps
        # only other characters, apostrophes and white space), the commonest new word.
        key = text.lower() if text.isascii() and text.isalnum() else fold(text)
        # Most words are their own key: the cache then holds one string, not two.
        word = _WORDS[text] = (text if key == text else key, flags_of(text))
    return word


def key_of(text: str) -> str:
    return _word(text)[0]


def is_capitalised(text: str) -> bool:
    return text[:1].isupper()


@lru_cache(maxsize=1 << 16)  # asked of every word of every sentence; words repeat
def is_upper(text: str) -> bool:
    """An all-capitals word of two letters or more ("NATO", "IRGC", "U.S.")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_namelike(text: str) -> bool:
    """A word that can be part of a name written with capitals: capitalised, with a
    letter and no digit, or an Arabic prefix before a capital ("al-Assad")."""
    if PREFIXED.match(text):
        return True
    return (
        is_capitalised(text)
        and any(c.isalpha() for c in text)
        and not any(c.isdigit() for c in text)
    )


def flags_of(text: str) -> int:
    capital = text[:1].isupper()
    if capital:
        flags = CAPITALISED
        # A word in capitals starts with one; a word of letters only is name-like.
        if text[0].isalpha() and is_upper(text):
            flags |= UPPER
        if text.isalpha() or is_namelike(text):
            flags |= NAMELIKE
    else:
        # Only an Arabic prefix makes a word without a capital name-like.
        flags = NAMELIKE if "-" in text and PREFIXED.match(text) else 0
    if "-" in text or "‐" in text or "–" in text:
        flags |= HYPHENATED
    return flags


def within(indices: list[int], start: int, end: int) -> list[int]:
    """The sorted ``indices`` in ``[start, end)``."""
    return indices[bisect_left(indices, start) : bisect_left(indices, end)]


class TokenView:
    """Keys, texts, sentence spans and zones of a document's content tokens."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = token_texts(doc)
        words = list(map(_WORDS.get, self.text))
        # Texts met for the first time: picked out without a Python step per token.
        for i in compress(range(len(words)), map(is_, words, repeat(None))):
            words[i] = _word(self.text[i])
        self.key: list[str] = list(map(_KEY, words))  # type: ignore[arg-type]
        #: The flags of each token (:data:`CAPITALISED`, :data:`UPPER`, ...).
        self.flags: list[int] = list(map(_FLAGS, words))  # type: ignore[arg-type]
        n = len(doc)
        self._flagged: dict[int, list[int]] = {}
        #: (start, end, zone) of each content sentence, white space trimmed.
        self.sentences: list[tuple[int, int, str]] = []
        self.sentence_of = [-1] * n
        self.first_word = [False] * n
        texts, sentence_of = self.text, self.sentence_of
        for sent, zone in content_sentences(doc):
            start, end = sent.start, sent.end
            # ``str.isspace`` is spaCy's own ``is_space``, without a Token object per call.
            while start < end and texts[start].isspace():
                start += 1
            while end > start and texts[end - 1].isspace():
                end -= 1
            if start >= end:
                continue
            index = len(self.sentences)
            self.sentences.append((start, end, zone))
            sentence_of[start:end] = [index] * (end - start)
            i = start
            while i < end and (texts[i].isspace() or texts[i][:1] in _OPENERS):
                i += 1
            if i < end:
                self.first_word[i] = True

    def flagged(self, flag: int) -> list[int]:
        """The indices of the tokens of the document with ``flag``, in order (computed
        once per flag)."""
        found = self._flagged.get(flag)
        if found is None:
            found = list(compress(range(len(self.flags)), map(and_, self.flags, repeat(flag))))
            self._flagged[flag] = found
        return found

    def flagged_in(self, flag: int, start: int, end: int) -> list[int]:
        """The indices of the tokens in ``[start, end)`` with ``flag``, in order."""
        return within(self.flagged(flag), start, end)

    def keyed(self, table: Container[str]) -> list[int]:
        """The indices of the tokens of the document whose key is in ``table``, in
        order: one membership test per token, without a Python step per token."""
        return list(compress(range(len(self.key)), map(table.__contains__, self.key)))

    @cached_property
    def starts(self) -> list[int]:
        """Each token's first character in the document's text."""
        return self.doc.to_array(IDX).tolist()

    @cached_property
    def doc_text(self) -> str:
        return str(self.doc._.text)

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens ``[start, end)`` as ``doc[start:end].text`` gives it,
        without building the span."""
        if start >= end:
            return ""
        last = end - 1
        return self.doc_text[self.starts[start] : self.starts[last] + len(self.text[last])]

    def __len__(self) -> int:
        return len(self.text)

    def zone(self, i: int) -> str:
        index = self.sentence_of[i]
        return self.sentences[index][2] if index >= 0 else ""

    def same_sentence(self, i: int, j: int) -> bool:
        return (
            0 <= i < len(self.text)
            and 0 <= j < len(self.text)
            and (self.sentence_of[i] == self.sentence_of[j] >= 0)
        )

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        start, end, _ = self.sentences[self.sentence_of[i]]
        return start, end

    def phrase_ending(self, end: int, table: dict[str, list[tuple[str, ...]]]) -> int:
        """The start of the longest phrase of ``table`` (indexed by last word) ending at
        token ``end - 1`` inside one sentence, or -1."""
        if end <= 0:
            return -1
        for phrase in table.get(self.key[end - 1], ()):
            start = end - len(phrase)
            if (
                start >= 0
                and self.same_sentence(start, end - 1)
                and tuple(self.key[start:end]) == phrase
            ):
                return start
        return -1
