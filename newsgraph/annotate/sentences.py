"""Sentence boundaries for scraped news: line breaks first, then punctuation.

Headlines, captions and boilerplate lines have no final stop, so every line break ends a
sentence. Inside a line a sentence ends after ``.``, ``!``, ``?`` or ``…`` (and a closing
quote or bracket after it) when the next word starts with a capital, digit or opening
quote, unless the stop ends a known abbreviation of the language (data) or an initial.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import lexicon

_ENDERS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_CLOSERS = frozenset({'"', "”", "»", "’", "'", ")", "]"})
_OPENERS = frozenset({'"', "“", "«", "‘", "'", "(", "[", "-", "–", "—"})


class LineSentencizer:
    def __init__(self, abbreviations: frozenset[str]) -> None:
        self.abbreviations = abbreviations

    def _abbreviation_before(self, doc: Doc, i: int) -> bool:
        """Whether the stop at token ``i`` ends an abbreviation or a one-letter initial."""
        tok = doc[i]
        if tok.text != "." and tok.text.endswith("."):
            word = tok.text[:-1]
        elif i > 0 and not doc[i - 1].whitespace_:
            word = doc[i - 1].text
        else:
            return False
        word = word.lower()
        return word in self.abbreviations or (len(word) == 1 and word.isalpha())

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        for tok in doc:
            tok.is_sent_start = tok.i == 0
        after_break = False
        i = 0
        while i < n:
            tok = doc[i]
            if "\n" in tok.text or ("\n" in tok.whitespace_):
                after_break = True
                if "\n" in tok.whitespace_ and i + 1 < n:
                    doc[i + 1].is_sent_start = True
                    after_break = False
                i += 1
                continue
            if after_break and not tok.is_space:
                tok.is_sent_start = True
                after_break = False
            ends = tok.text in _ENDERS or (
                tok.text.endswith(".")
                and len(tok.text) > 1
                and tok.text[-2:] != ".."
                and tok.text.lower()[:-1] not in self.abbreviations
                and not tok.like_num
            )
            if ends and not self._abbreviation_before(doc, i):
                j = i + 1
                while j < n and doc[j].text in _CLOSERS and not doc[j - 1].whitespace_:
                    j += 1
                if j < n and doc[j - 1].whitespace_ and not doc[j].is_space:
                    nxt = doc[j].text
                    if nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in _OPENERS:
                        doc[j].is_sent_start = True
            i += 1
        return doc


@Language.factory("newsgraph_sentences")
def make_sentencizer(nlp: Language, name: str) -> LineSentencizer:
    abbreviations = lexicon.load(nlp.lang, "sentences").get("abbreviations", [])
    return LineSentencizer(frozenset(str(a).lower() for a in abbreviations))
