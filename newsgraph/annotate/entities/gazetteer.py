"""A gazetteer over folded tokens: every KB name valid in a language, found in text.

Names are tokenized as the document is (so "Stati Uniti d'America" matches the tokens
"Stati", "Uniti", "d'", "America") and stored as tuples of folded token keys; a
document is scanned once, trying at each token the phrases that start with its key,
longest first. The phrases of two words or more are indexed by their first two keys:
a third of the tokens start some phrase ("di", "a" start transliterated names of many
lengths: "A-shih"), but few start one with the next token too, and the look-ups of each
token and its pair are made for the whole document at once, without a Python step per
token. Likewise a name of one word that matches only with a capital ("In", "Che") is
tried only where the word has one: the ordinary words it spells ("in", "che") are most
of the tokens that are names of one word.

Case decides what a match means: a lower-case name (an adjective, "droni") matches in
any case; a proper name needs a capital on its first word ("Mosca", not "mosca" the
fly); an acronym needs capitals ("AP", not "ap"), or a capitalised word of three letters
or more, as the Italian press writes them ("Nato", "Onu", "Usa"); a designation with
digits ("Su-35") matches in any case; a proper name of three letters or fewer ("Xi")
only as written, not in capitals ("XI").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import IntEnum
from itertools import compress, pairwise, repeat
from operator import is_not, or_
from typing import NamedTuple

from newsgraph.annotate.entities.tokens import (
    CAPITALISED,
    TokenView,
    is_capitalised,
    is_upper,
    key_of,
)
from newsgraph.kb import Name

_PLAIN = re.compile(r"^[^\W\d_]+( [^\W\d_]+)*$")
#: An article elided before a name's first word, as the name's own first token ("L'").
_ELIDED = re.compile(r"^[^\W\d_]{1,2}'$")
#: A word an article is elided into ("dell'", "all'"), in small letters (not the start of
#: a surname such as "Dell'Aquila").
_INTO_ELISION = re.compile(r"^[^\W\d_]{1,6}['’]$")


class Case(IntEnum):
    LOWER = 0
    PROPER = 1
    ACRONYM = 2
    ANY = 3
    #: A proper name of three letters or fewer ("Xi"): not its capitals ("XI").
    TITLE = 4


#: The cases whose names match only a word with a capital (:func:`_accept`).
CAPITAL_CASES = frozenset({Case.PROPER, Case.ACRONYM, Case.TITLE})


class Hit(NamedTuple):
    entry: str
    kind: str
    case: Case
    #: The first word of the name with a capital ("West" in "the West"): the word whose
    #: case decides.
    anchor: int
    #: The name without its elided article ("Aia" of "L'Aia"), found only after a word
    #: the article is elided into ("dell'Aia", "all'Avana").
    elided: bool = False


class Match(NamedTuple):
    start: int
    end: int
    hits: tuple[Hit, ...]
    #: The match relies on a capitalised acronym ("Nato") rather than capitals ("NATO").
    weak: bool


def case_of(text: str) -> Case:
    if any(c.isdigit() for c in text):
        return Case.ANY
    if text == text.lower():
        return Case.LOWER
    if " " not in text and is_upper(text):
        return Case.ACRONYM
    if " " not in text and len(text) <= 3:
        return Case.TITLE
    return Case.PROPER


class Gazetteer:
    def __init__(self, names: Iterable[Name], tokenize: Callable[[str], list[str]]) -> None:
        self.phrases: dict[tuple[str, ...], list[Hit]] = {}
        #: The lengths of the phrases of two words or more that each pair of first words
        #: starts, longest first: the search at a token tries those lengths only.
        self.sizes: dict[tuple[str, str], tuple[int, ...]] = {}
        #: The keys that are phrases of one word, matching in any case or only with a
        #: capital (every reading of the word a name in :data:`CAPITAL_CASES`).
        self.words: set[str] = set()
        self.proper_words: set[str] = set()
        for name in names:
            text = name.text.replace("’", "'")
            words = [
                w for w in (text.split() if _PLAIN.match(text) else tokenize(text)) if w.strip()
            ]
            key = tuple(key_of(w) for w in words)
            if not key:
                continue
            # The first word with a capital, not a hyphen ("al-Qaeda" → "Qaeda").
            anchor = next((i for i, w in enumerate(words) if any(c.isupper() for c in w)), 0)
            self._add(key, Hit(name.entry, name.kind, case_of(text), anchor))
            if len(words) > 1 and _ELIDED.match(words[0]) and anchor == 0:
                # "L'Aia" is also written into a preposition: "dell'Aia", "all'Aia".
                bare = next((i for i, w in enumerate(words[1:]) if any(map(str.isupper, w))), 0)
                self._add(key[1:], Hit(name.entry, name.kind, Case.PROPER, bare, elided=True))

    def _add(self, key: tuple[str, ...], hit: Hit) -> None:
        bucket = self.phrases.setdefault(key, [])
        if hit not in bucket:
            bucket.append(hit)
        if len(key) == 1:
            self._add_word(key[0], hit)
            return
        pair = (key[0], key[1])
        if len(key) not in self.sizes.get(pair, ()):
            self.sizes[pair] = tuple(sorted({*self.sizes.get(pair, ()), len(key)}))[::-1]

    def _add_word(self, word: str, hit: Hit) -> None:
        if hit.case not in CAPITAL_CASES:
            self.words.add(word)
            self.proper_words.discard(word)
        elif word not in self.words:
            self.proper_words.add(word)

    def __len__(self) -> int:
        return len(self.phrases)

    def find(self, view: TokenView) -> list[Match]:
        """The longest match starting at each token of each content sentence."""
        keys, texts, out = view.key, view.text, []
        phrases, sentences, sentence_of = self.phrases, view.sentences, view.sentence_of
        # The lengths to try at each token (with the token after it), then whether it is
        # a phrase of one word; only the tokens with either are visited.
        longer = [*map(self.sizes.get, pairwise(keys)), None]
        single = list(map(self.words.__contains__, keys))
        for i in view.flagged(CAPITALISED):
            if keys[i] in self.proper_words:
                single[i] = True
        starting = map(or_, map(is_not, longer, repeat(None)), single)
        for i in compress(range(len(keys)), starting):
            index = sentence_of[i]
            if index < 0:
                continue
            start, end, _ = sentences[index]
            sizes = [n for n in longer[i] or () if n <= end - i]
            if single[i]:
                sizes.append(1)
            for size in sizes:
                hits = phrases.get(tuple(keys[i : i + size]))
                if hits is None:
                    continue
                before = texts[i - 1] if i > start else ""
                elision = before.islower() and _INTO_ELISION.match(before) is not None
                match = _accept(hits, texts, i, i + size, view.first_word[i], elision)
                if match is not None:
                    out.append(match)
                    break
        return out


def _accept(
    hits: list[Hit],
    texts: list[str],
    start: int,
    end: int,
    sentence_start: bool,
    after_elision: bool,
) -> Match | None:
    """The hits whose case rule the text's anchor word satisfies. A lower-case name
    written with a capital is another word ("Ucraina" the country, not the adjective),
    except where a capital means nothing: at the start of a sentence, or in capitals.
    A name without its elided article counts only right after a word the article is
    elided into (``after_elision``)."""
    kept, weak = [], False
    for hit in hits:
        if hit.elided and not after_elision:
            continue
        first = texts[start + hit.anchor]
        capital = is_capitalised(first)
        upper = capital and is_upper(first)
        if hit.case == Case.LOWER:
            if not capital or sentence_start or upper:
                kept.append(hit)
        elif (
            hit.case == Case.ANY
            or (hit.case == Case.PROPER and capital)
            or (hit.case == Case.TITLE and capital and not upper)
        ):
            kept.append(hit)
        elif hit.case == Case.ACRONYM and capital:
            if upper:
                kept.append(hit)
            elif len(first) >= 3 and first[1:].islower():
                kept.append(hit)
                weak = True
    return Match(start, end, tuple(kept), weak and len(kept) == 1) if kept else None
