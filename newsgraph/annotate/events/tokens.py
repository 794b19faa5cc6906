"""Per-document token tables: what each token is, for rules that have no parser.

No syntactic parser ships with the package, so the argument rules read a sentence as a
sequence of classified tokens: prepositions (folded to their base, "dagli" → "da",
"nei confronti di" → one unit), determiners, conjunctions, subordinators, negation,
adverbs, clitics, verbs known to the lexicon with their tense features, and the entity
mentions of ``doc.ents``. The tables are computed once per document and shared by the
event coder and the quotation finder.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import compress
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE, SPACY
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsgraph.annotate.events.lexicon import EventLexicon, WordInfo
from newsgraph.annotate.extensions import token_texts

#: Entity types that can act or be acted upon.
PARTICIPANT_LABELS = frozenset({"PERSON", "ORGANIZATION", "COUNTRY", "GROUP", "LOCATION"})


@dataclass
class Mention:
    """An entity mention seen as a possible argument."""

    index: int
    start: int  # token index in the doc
    end: int  # exclusive
    label: str
    entity_id: str | None
    text: str
    adjective: bool  # a nationality adjective ("iraniano", "Iranian"), not a name
    span: SpacySpan
    stands_for: str | None = None  # a place standing for its country ("a Mosca")
    place: str | None = None  # the place a metonymic name also is ("Mosca" as Russia)

    @property
    def key(self) -> str:
        """What identifies the participant: its entity id, else its text. A place that
        acts or is acted upon stands for its country, as the entity layer says."""
        if self.label == "LOCATION" and self.stands_for:
            return self.stands_for
        return self.entity_id or self.text

    @property
    def place_key(self) -> str:
        """What identifies it as a place: the city, even where it stands for a state."""
        return self.place or self.entity_id or self.text


def _is_adjective(attrs: dict[str, Any], text: str, lang_capitalises_demonyms: bool) -> bool:
    """Whether a mention (its ``span._.attrs`` and text) is a nationality adjective rather
    than a name.

    The entity component can say so in ``ent._.attrs`` (``demonym``, ``adjective`` or
    ``form == "adjective"``); otherwise a lower-case mention in a language that writes
    demonyms in lower case is one.
    """
    if (
        attrs.get("demonym")
        or attrs.get("adjective")
        or attrs.get("form") in {"adjective", "demonym"}
    ):
        return True
    return not lang_capitalises_demonyms and text[:1].islower()


class DocView:
    """Token classes of one document for the event and quotation rules."""

    def __init__(self, doc: Doc, lex: EventLexicon) -> None:
        self.doc = doc
        self.lex = lex
        n = len(doc)
        # Token attributes come from one array and the token texts from the document's
        # text, never from a Python object per token; a word's classes are looked up
        # once per distinct text, and the tables are the columns of those lookups.
        flags = doc.to_array([IS_PUNCT, IS_SPACE, SPACY]).astype(bool).reshape(n, 3)
        self.punct: list[bool] = flags[:, 0].tolist()
        self.space: list[bool] = flags[:, 1].tolist()
        self.glued: list[bool] = (~flags[:, 2]).tolist()  # no space after the token
        looked = lex.tokens(token_texts(doc))
        norms, rows = zip(*looked, strict=True) if looked else ((), ())
        self.norm: list[str] = list(norms)
        transposed = zip(*rows, strict=True) if rows else (() for _ in WordInfo._fields)
        columns: dict[str, tuple[Any, ...]] = dict(zip(WordInfo._fields, transposed, strict=True))
        self.prep: list[str | None] = list(columns["prep"])
        self.prep_part = [False] * n  # inside a multiword preposition, before its last word
        # The columns the multiword phrases below change are lists; the others are kept
        # as they come.
        self.det: tuple[bool, ...] = columns["det"]
        self.conj: tuple[bool, ...] = columns["conj"]
        self.sub: tuple[bool, ...] = columns["sub"]
        self.relative: tuple[bool, ...] = columns["relative"]
        self.contrast: tuple[bool, ...] = columns["contrast"]
        self.neg: tuple[bool, ...] = columns["neg"]
        self.clitic: tuple[bool, ...] = columns["clitic"]
        self.pronoun: tuple[bool, ...] = columns["pronoun"]
        self.both: tuple[bool, ...] = columns["both"]
        self.adverb: list[bool] = list(columns["adverb"])
        self.verb: list[dict[str, set[str]] | None] = list(columns["verb"])
        self._features: tuple[frozenset[str], ...] = columns["features"]
        positions = range(n)
        self._multiword_prepositions(compress(positions, columns["multiword"]))
        self._multiword_adverbs(compress(positions, columns["adverb_phrase"]))
        #: Tokens that may open a clause or change the bracket depth (what
        #: :func:`~newsgraph.annotate.events.clauses.segment` looks at), in order.
        self.clause_marks = list(compress(positions, columns["opens"]))
        #: Tokens that may start a trigger (what
        #: :func:`~newsgraph.annotate.events.triggers.find` looks at), in order.
        self.trigger_marks = list(compress(positions, columns["trigger"]))
        self.mentions: list[Mention] = []
        self.mention_at = [-1] * n
        capitalised = lex.capitalised_demonyms
        text = doc._.text
        for ent in doc.ents:
            label = ent.label_
            if label not in PARTICIPANT_LABELS and label != "MATERIEL":
                continue
            attrs = ent._.attrs or {}
            words = text[ent.start_char : ent.end_char]  # ``ent.text`` joins its tokens
            m = Mention(
                index=len(self.mentions),
                start=ent.start,
                end=ent.end,
                label=label,
                entity_id=ent.kb_id_ or None,
                text=words,
                adjective=_is_adjective(attrs, words, capitalised),
                span=ent,
                stands_for=attrs.get("stands_for"),
                place=attrs.get("place"),
            )
            self.mentions.append(m)
            for i in range(ent.start, ent.end):
                self.mention_at[i] = m.index
        self._mention_ends = [m.end for m in self.mentions]

    def _sequences(
        self, table: dict[str, list[tuple[tuple[frozenset[str], ...], str]]], starts: Iterable[int]
    ) -> Iterator[tuple[int, int, str]]:
        """(start, size, value) of every match of the multiword sequences in ``table``
        (indexed by first word), longest first at each position; only the token positions
        ``starts``, those whose word begins a sequence, are looked at."""
        norms = self.norm
        n = len(norms)
        for i in starts:
            for elements, value in table[norms[i]]:
                size = len(elements)
                # The second word is tested first: it rules out most sequences.
                if (
                    i + size <= n
                    and (size == 1 or norms[i + 1] in elements[1])
                    and all(norms[i + k] in elements[k] for k in range(2, size))
                ):
                    yield i, size, value
                    break

    def _multiword_prepositions(self, starts: Iterable[int]) -> None:
        for i, size, base in self._sequences(self.lex.multiword_index, starts):
            for k in range(size - 1):
                self.prep_part[i + k] = True
                self.prep[i + k] = None
                self.verb[i + k] = None
            self.prep[i + size - 1] = base
            self.verb[i + size - 1] = None

    def _multiword_adverbs(self, starts: Iterable[int]) -> None:
        """Mark adverbial phrases ("in gran parte", "of course") as adverbs, so that they
        do not split a verb group ("è stato in gran parte neutralizzato")."""
        for i, size, _ in self._sequences(self.lex.adverb_index, starts):
            for k in range(size):
                self.adverb[i + k] = True
                self.prep[i + k] = None

    def mentions_within(self, start: int, end: int) -> bool:
        """Whether a mention has a token in ``[start, end)``. Mentions are in text order
        and do not overlap, so the first one ending after ``start`` tells."""
        k = bisect_right(self._mention_ends, start)
        return k < len(self.mentions) and self.mentions[k].start < end

    # --- token predicates -------------------------------------------------------------

    def is_verb_group(self, i: int) -> bool:
        """Auxiliaries, modals, negation, clitics and adverbs around a verb."""
        if self.neg[i] or self.clitic[i] or self.adverb[i]:
            return True
        lemmas = self.verb[i]
        return lemmas is not None and any(
            lemma in self.lex.aux or lemma in self.lex.modals for lemma in lemmas
        )

    def is_np_word(self, i: int) -> bool:
        """Can token ``i`` be inside a noun phrase (determiner, noun, adjective, name)?"""
        if self.mention_at[i] >= 0:
            return True
        if self.punct[i] or self.space[i] or self.prep[i] is not None or self.prep_part[i]:
            return self.norm[i] in {"'s", "'", "-", "/"} or self.det[i]
        if (
            self.conj[i]
            or self.sub[i]
            or self.relative[i]
            or self.contrast[i]
            or self.neg[i]
            or self.adverb[i]
        ):
            return False
        if self.clitic[i] and not self.det[i]:
            return False
        return not self.is_verb_at(i) or self.is_adjectival_participle(i)

    def is_adjectival_participle(self, i: int) -> bool:
        """A past participle right after a noun, with no auxiliary: "la soglia
        richiesta", "una regione occupata" — an adjective, not a verb."""
        feats = self.features(i)
        if not self.verb[i] or "pp" not in feats or "past" in feats:
            # A form that is also a simple past ("agreed", "prese") reads as a verb.
            return False
        j = i - 1
        while j >= 0 and (self.space[j] or self.adverb[j]):
            j -= 1
        return (
            j >= 0
            and not self.verb[j]
            and not self.punct[j]
            and self.prep[j] is None
            and not self.det[j]
            and (self.mention_at[j] >= 0 or self.norm[j].isalpha())
            and not (
                self.conj[j]
                or self.sub[j]
                or self.relative[j]
                or self.clitic[j]
                or self.pronoun[j]
                or self.neg[j]
            )
        )

    def compound_tail(self, i: int) -> bool:
        """Is token ``i`` the second part of a hyphenated word ("long-threatened")?"""
        return i >= 2 and self.norm[i - 1] in {"-", "–"} and self.glued[i - 2] and self.glued[i - 1]

    def is_verb_at(self, i: int) -> bool:
        """Is token ``i`` a verb here? A verb form right after a determiner or a
        preposition is a noun ("un trattato", "per la firma")."""
        if (
            not self.verb[i]
            or self.det[i]
            or self.mention_at[i] >= 0
            or self.prep_part[i]
            or self.compound_tail(i)
        ):
            return False
        j = i - 1
        while j >= 0 and self.space[j]:
            j -= 1
        if j < 0:
            return True
        if self.det[j] and not self.pronoun[j]:
            return False
        if self.prep[j] is not None:
            return "inf" in self.features(i)  # "di fornire", "to attack"
        if self.materiel_compound(i, j):
            return False
        if not self.verb[j] or self.is_verb_group(j):
            return True
        # Right after a lexical verb a form is its object or an adjective: "ottenere
        # promesse", "fabbricare armi", "extradited suspected militants".
        mine = self.features(i)
        if "inf" in self.features(j):
            return "inf" in mine
        return not (mine & {"pp", "past"}) or bool(mine & {"inf", "ger"})

    def materiel_compound(self, i: int, j: int) -> bool:
        """ "rocket fire", "a drone strike": a bare verb form right after a weapon named in
        the singular is the head of a compound noun; a singular subject would need an
        inflected verb ("the drone strikes")."""
        idx = self.mention_at[j]
        if idx < 0 or self.mentions[idx].label != "MATERIEL":
            return False
        feats = self.features(i)
        return (
            "inf" in feats
            and not feats & {"past", "pp", "ger"}
            and not self.norm[j].endswith("s")
            and self.norm[i] == self.doc[i].text.lower()
        )

    def verb_like(self, i: int) -> bool:
        """A verb the lexicon knows, in verb position, or an unknown word with a verb
        ending ("-erà") that does not follow a determiner or preposition."""
        if self.verb[i] is not None:
            return self.is_verb_at(i)
        if not self._features[i] or self.mention_at[i] >= 0 or self.det[i] or i == 0:
            return bool(self._features[i]) and i == 0
        return not (self.det[i - 1] or self.prep[i - 1] is not None)

    def features(self, i: int) -> frozenset[str]:
        """Tense and form features of token ``i`` (from the lexicon, or from the ending
        of a verb the lexicon does not list)."""
        return self._features[i]

    def has_lemma(self, i: int, lemmas: frozenset[str] | set[str]) -> bool:
        found = self.verb[i]
        return found is not None and any(lemma in lemmas for lemma in found)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        return self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)


#: Where a document's token tables are kept between the event and quotation components.
VIEW_KEY = "newsgraph.token_view"


def view_for(doc: Doc, lex: EventLexicon) -> DocView:
    """The document's token tables, built once and shared by the components that read
    them (the entity mentions must not change in between)."""
    cached = doc.user_data.get(VIEW_KEY)
    if (
        isinstance(cached, DocView)
        and cached.lex is lex
        and len(cached.mentions)
        == sum(1 for e in doc.ents if e.label_ in PARTICIPANT_LABELS or e.label_ == "MATERIEL")
    ):
        return cached
    view = DocView(doc, lex)
    doc.user_data[VIEW_KEY] = view
    return view
