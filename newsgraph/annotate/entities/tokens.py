"""What the entity rules need to know about each token, computed once per document.

Rules compare *keys* (folded token texts: case, diacritics and apostrophes folded) and
read a few shape flags. Only tokens of content sentences (title, body, subheading,
caption) are looked at: boilerplate lines name no actors. Keys are cached per distinct
token text across documents, which makes folding nearly free on a large corpus.
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

from spacy.tokens import Doc

from newsgraph.annotate.extensions import token_texts
from newsgraph.annotate.zones import content_sentences
from newsgraph.resolve.variants import fold

_KEYS: dict[str, str] = {}
_MAX_CACHED = 500_000
#: Characters that open a sentence without being its first word.
_OPENERS = frozenset("\"'“”‘’«»([{-–—•*:")


def key_of(text: str) -> str:
    key = _KEYS.get(text)
    if key is None:
        if len(_KEYS) > _MAX_CACHED:
            _KEYS.clear()
        key = fold(text)
        # Most words are their own key: the cache then holds one string, not two.
        key = _KEYS[text] = text if key == text else key
    return key


def is_capitalised(text: str) -> bool:
    return text[:1].isupper()


@lru_cache(maxsize=1 << 16)  # asked of every word of every sentence; words repeat
def is_upper(text: str) -> bool:
    """An all-capitals word of two letters or more ("NATO", "IRGC", "U.S.")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class TokenView:
    """Keys, texts, sentence spans and zones of a document's content tokens."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = token_texts(doc)
        keys = list(map(_KEYS.get, self.text))
        if None in keys:  # words met for the first time
            for i, key in enumerate(keys):
                if key is None:
                    keys[i] = key_of(self.text[i])
        self.key = cast(list[str], keys)
        n = len(doc)
        #: (start, end, zone) of each content sentence, white space trimmed.
        self.sentences: list[tuple[int, int, str]] = []
        self.sentence_of = [-1] * n
        self.first_word = [False] * n
        for sent, zone in content_sentences(doc):
            start, end = sent.start, sent.end
            # ``str.isspace`` is spaCy's own ``is_space``, without a Token object per call.
            while start < end and self.text[start].isspace():
                start += 1
            while end > start and self.text[end - 1].isspace():
                end -= 1
            if start >= end:
                continue
            index = len(self.sentences)
            self.sentences.append((start, end, zone))
            self.sentence_of[start:end] = [index] * (end - start)
            i = start
            while i < end and (self.text[i].isspace() or self.text[i][:1] in _OPENERS):
                i += 1
            if i < end:
                self.first_word[i] = True

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
