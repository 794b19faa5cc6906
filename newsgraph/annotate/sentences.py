"""Sentence boundaries for scraped news: line breaks first, then punctuation.

Headlines, captions and boilerplate lines have no final stop, so every line break ends a
sentence. Inside a line a sentence ends after ``.``, ``!``, ``?`` or ``…`` (and a closing
quote or bracket after it) when the next word starts with a capital, digit or opening
quote, unless the stop ends a known abbreviation of the language (data) or an initial.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import lexicon
from newsgraph.annotate.extensions import token_texts

_ENDERS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_CLOSERS = frozenset({'"', "”", "»", "’", "'", ")", "]"})
_OPENERS = frozenset({'"', "“", "«", "‘", "'", "(", "[", "-", "–", "—"})


#: What every sentence-ending token (``_ENDERS`` or a word with its stop) ends with.
_STOPS = (".", "!", "?", "…")


class LineSentencizer:
    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations

    def _abbreviation_before(self, texts: list[str], spaced: list[bool], i: int) -> bool:
        """Whether the stop at token ``i`` ends an abbreviation or a one-letter initial."""
        text = texts[i]
        if text != "." and text.endswith("."):
            word = text[:-1]
        elif i > 0 and not spaced[i - 1]:
            word = texts[i - 1]
        else:
            return False
        word = word.lower()
        return word in self.abbreviations or (len(word) == 1 and word.isalpha())

    def _ends(self, doc: Doc, text: str, i: int) -> bool:
        """Whether token ``i`` (whose text is ``text``) may end a sentence."""
        return text in _ENDERS or (
            text.endswith(".")
            and len(text) > 1
            and text[-2:] != ".."
            and text.lower()[:-1] not in self.abbreviations
            and not doc[i].like_num
        )

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        # Token attributes are read once, from one array rather than a Python object per
        # token, and the starts written in one array: setting ``token.is_sent_start``
        # checks the whole doc for a parse on every call.
        texts = token_texts(doc)
        flags = doc.to_array([SPACY, IS_SPACE]).astype(bool)
        spaced: list[bool] = flags[:, 0].tolist()
        blank: list[bool] = flags[:, 1].tolist()
        starts = [1] + [-1] * (n - 1)
        # Only line breaks and stops can start a sentence after them: one pass picks them
        # out, and the rules look at those tokens alone.
        for i in [i for i, text in enumerate(texts) if "\n" in text or text.endswith(_STOPS)]:
            text = texts[i]
            if "\n" in text:
                # The first word after a line break starts a sentence.
                k = i + 1
                while k < n and (blank[k] or "\n" in texts[k]):
                    k += 1
                if k < n:
                    starts[k] = 1
                continue
            if self._ends(doc, text, i) and not self._abbreviation_before(texts, spaced, i):
                j = i + 1
                while j < n and texts[j] in _CLOSERS and not spaced[j - 1]:
                    j += 1
                if j < n and spaced[j - 1] and not blank[j]:
                    nxt = texts[j]
                    if nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in _OPENERS:
                        starts[j] = 1
        column = numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], column)  # type: ignore[arg-type]
        return doc


@Language.factory("newsgraph_sentences")
def make_sentencizer(nlp: Language, name: str) -> LineSentencizer:
    abbreviations = lexicon.load(nlp.lang, "sentences").get("abbreviations", [])
    return LineSentencizer(frozenset(str(a).lower() for a in abbreviations))
