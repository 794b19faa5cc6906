"""Speech or term, and who spoke: the rules of the quotation component."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from newsgraph.annotate.events.arguments import (
    Discourse,
    Subject,
    subject_left,
    verb_group_start,
)
from newsgraph.annotate.events.assemble import sentence_starts
from newsgraph.annotate.events.clauses import clause_at
from newsgraph.annotate.events.coder import SentenceCoder
from newsgraph.annotate.events.lexicon import WordSet, norm
from newsgraph.annotate.events.phrases import np_start, phrases_right
from newsgraph.annotate.events.tokens import DocView, Mention
from newsgraph.annotate.quotes.marks import Quoted, find, mark_starts, marked
from newsgraph.annotate.records import sentence_index
from newsgraph.annotate.zones import content_sentences
from newsgraph.model import Quote, stable_id


@dataclass(frozen=True)
class QuoteCues:
    """A language's quotation cues (its ``quotes.yaml``), compiled once per component."""

    pairs: tuple[tuple[str, str], ...]
    term_cues: WordSet
    title_nouns: WordSet
    relay_cues: WordSet
    max_term_words: int
    speech_min_words: int

    @classmethod
    def compile(cls, cues: dict[str, Any]) -> QuoteCues:
        return cls(
            pairs=tuple((str(o), str(c)) for o, c in cues.get("pairs") or []),
            term_cues=WordSet(cues.get("term_cues") or []),
            title_nouns=WordSet(cues.get("title_nouns") or []),
            relay_cues=WordSet(cues.get("relay_cues") or []),
            max_term_words=int(cues.get("max_term_words", 4)),
            speech_min_words=int(cues.get("speech_min_words", 8)),
        )


class QuoteReader:
    def __init__(self, view: DocView, cues: QuoteCues) -> None:
        self.view = view
        self.doc = view.doc
        self.pairs = cues.pairs
        self.term_cues = cues.term_cues
        self.title_nouns = cues.title_nouns
        self.relay_cues = cues.relay_cues
        self.max_term_words = cues.max_term_words
        self.speech_min_words = cues.speech_min_words
        article = self.doc._.article
        self.article_id = article.id if article is not None else ""
        self.voices: list[Mention] = []  # who spoke so far, in order

    def quotes(self) -> list[Quote]:
        out: list[Quote] = []
        starts = sentence_starts(self.view)
        discourse = Discourse()
        announced: Subject | None = None
        text = self.doc._.text
        marks = mark_starts(text, self.pairs)
        for sent, _zone in content_sentences(self.doc):
            lo, hi = sent.start_char, sent.end_char
            found = find(text, self.pairs, lo, hi) if marked(marks, lo, hi) else []
            ends_with_colon = text[lo:hi].rstrip().endswith(":")
            if not found and not ends_with_colon:
                announced = None
                continue
            coder = SentenceCoder(self.view, sent.start, sent.end, discourse)
            self._listen(coder)
            index = sentence_index(starts, sent.start_char)
            for q in found:
                quote = self._quote(q, coder, index, announced)
                if quote is not None:
                    out.append(quote)
            announced = self._announcer(coder) if ends_with_colon else None
        return out

    def _listen(self, coder: SentenceCoder) -> None:
        """Remember who the sentence says spoke ("…, ha detto il Cremlino")."""
        for clause in coder.clauses:
            subject = coder.subjects.get(clause.index)
            if clause.kind == "reporting" and subject is not None:
                self.voices.extend(subject.mentions)

    def _announcer(self, coder: SentenceCoder) -> Subject | None:
        """The speaker of a sentence that ends with a colon and opens a quotation."""
        verbs = self._reporting_verbs(coder, coder.end, coder.end)
        return self._speaker_of(coder, verbs[0], coder.end) if verbs else None

    def _government(self, speaker: Subject) -> Subject:
        """ "ha detto la Russia" after "ha detto il Cremlino": a state speaks through the
        institution already named for it, which is the more precise speaker."""
        head = speaker.mentions[0] if speaker.mentions else None
        if head is None or head.label != "COUNTRY":
            return speaker
        for voice in reversed(self.voices):
            if voice.label == "ORGANIZATION" and voice.stands_for == head.key:
                return Subject([voice], speaker.start, speaker.end, "government")
        return speaker

    # --- speech or term -----------------------------------------------------------------

    def _tokens(self, start_char: int, end_char: int) -> tuple[int, int]:
        span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (0, 0)

    def _words_before(self, token: int, lo: int, n: int = 3) -> list[str]:
        view = self.view
        out: list[str] = []
        j = token - 1
        while j >= lo and len(out) < n:
            if not (view.punct[j] or view.space[j] or view.det[j]):
                out.append(view.norm[j])
            elif view.norm[j] in {".", ";", ":", "!", "?"}:
                break
            j -= 1
        return out

    def _is_term(self, q: Quoted, coder: SentenceCoder, words: int, speech_verb: bool) -> bool:
        view = self.view
        open_token, _ = self._tokens(q.open, q.open + 1)
        before = self._words_before(open_token, coder.start)
        if before and (
            before[0] in self.term_cues
            or (
                len(before) > 1
                and before[1] in self.term_cues
                and view.prep[open_token - 1] is not None
            )
        ):
            return True
        content = [b for b in before if b not in view.lex.prepositions]
        if content and any(w in self.title_nouns for w in content[:2]) and not speech_verb:
            return True
        if (
            before
            and before[0] in view.lex.prepositions
            and len(before) > 1
            and before[1] in self.title_nouns
        ):
            return True
        if speech_verb:
            return words <= self.max_term_words and not self._verb_next_to(q)
        return words < self.speech_min_words

    def _verb_next_to(self, q: Quoted) -> bool:
        """Is a verb of saying right next to the quote ("«Basta», ha detto", "ha detto:
        «Basta»")?"""
        view = self.view
        _, after = self._tokens(q.end, q.close + 1)
        j = after
        while j < len(view.norm) and (view.punct[j] or view.space[j] or view.is_verb_group(j)):
            j += 1
        if j < len(view.norm) and view.has_lemma(j, view.lex.reporting_verbs):
            return True
        before, _ = self._tokens(q.open, q.open + 1)
        j = before - 1
        while j >= 0 and (view.punct[j] or view.space[j] or view.sub[j]):
            j -= 1
        return j >= 0 and view.has_lemma(j, view.lex.reporting_verbs)

    # --- speaker --------------------------------------------------------------------------

    def _reporting_verbs(self, coder: SentenceCoder, q_start: int, q_end: int) -> list[int]:
        """Verbs of saying of the sentence outside the quote, nearest to it first."""
        view = self.view
        found = [
            j
            for j in range(coder.start, coder.end)
            if not q_start <= j < q_end
            and view.has_lemma(j, view.lex.reporting_verbs)
            and view.is_verb_at(j)
        ]
        return sorted(found, key=lambda j: (j < q_start, abs(j - q_start)))

    def _speaker_of(self, coder: SentenceCoder, verb: int, q_end: int) -> Subject | None:
        """The subject of a verb of saying. After the quote it is between the quote and
        the verb ("…,” the minister said) or right after the verb ("…”, ha detto il
        Cremlino"); before the quote it is the subject of the verb's clause, a dropped one
        taken from the clause it depends on ("affermando che …"), or, when the clause has
        none, the name right after the verb ("Ha affermato il sindaco Carla Ferro: «…»")."""
        view = self.view
        clause = clause_at(coder.clauses, verb)
        if verb >= q_end:
            lo = max(clause.start, q_end)
            found = subject_left(view, verb_group_start(view, verb, lo), lo, Discourse())
            if found is not None and found.mentions:
                return found
            after = self._named_after(verb, clause.end)
            if after is not None or found is not None:
                return after
        subject = coder.subjects.get(clause.index)
        if subject is None:
            return self._named_after(verb, min(clause.end, q_end))
        return subject if subject.mentions else None

    def _named_after(self, verb: int, end: int) -> Subject | None:
        """The first phrase after ``verb`` (before ``end``) that names someone without a
        preposition: a subject that follows its verb of saying."""
        for p in phrases_right(self.view, verb + 1, end):
            if p.prep is None and p.heads:
                return Subject(p.heads, p.start, p.end, "np")
        return None

    def _aside(self, q_start: int, q_end: int) -> Subject | None:
        """A speaker named in an aside inside the quote: «I malviventi - spiega uno dei
        titolari - sono entrati»."""
        view = self.view
        dashes = [j for j in range(q_start, q_end) if view.norm[j] in {"-", "–", "—"}]
        for a, b in pairwise(dashes):
            verb = next(
                (j for j in range(a + 1, b) if view.has_lemma(j, view.lex.reporting_verbs)), None
            )
            if verb is None:
                continue
            found = [
                m
                for m in (
                    view.mentions[view.mention_at[k]]
                    for k in range(verb + 1, b)
                    if view.mention_at[k] >= 0
                )
                if m.label != "MATERIEL"
            ]
            return Subject(found[:1], verb + 1, b, "aside")
        return None

    def _source(self, coder: SentenceCoder) -> tuple[list[Mention], str | None, bool]:
        """ "secondo X": (participants, text, whether X is a medium relaying it)."""
        view = self.view
        for i in range(coder.start, coder.end):
            if view.prep[i] != "source":
                continue
            for p in phrases_right(view, i + 1, min(coder.end, i + 12)):
                if p.heads:
                    s = np_start(view, p.start, p.start)
                    relay = any(
                        view.norm[k] in self.relay_cues for k in range(i + 1, p.end)
                    ) or any(
                        view.verb[k] and view.has_lemma(k, view.lex.reporting_verbs)
                        for k in range(i + 1, p.start)
                    )
                    return list(p.heads), self.doc[s : p.end].text, relay
            return [], None, False
        return [], None, False

    def _quote(
        self, q: Quoted, coder: SentenceCoder, index: int, announced: Subject | None
    ) -> Quote | None:
        view = self.view
        q_start, q_end = self._tokens(q.start, q.end)
        words = sum(1 for j in range(q_start, q_end) if not view.punct[j] and not view.space[j])
        verbs = self._reporting_verbs(coder, q_start, q_end)
        source, source_text, relay = self._source(coder)
        speech_verb = bool(verbs) or (bool(source) and not relay)
        if self._is_term(q, coder, words, speech_verb):
            return None
        speaker: Subject | None = None
        rule = "quotes.unattributed"
        for verb in verbs:
            speaker = self._speaker_of(coder, verb, q_end)
            if speaker is not None:
                rule = "quotes.verb"
                break
        if speaker is None and source and not relay:
            speaker, rule = Subject(source, 0, 0, "np"), "quotes.source"
        aside = self._aside(q_start, q_end) if speaker is None else None
        if aside is not None:
            speaker, rule = aside, "quotes.aside"
        reported_by = None
        if relay and source and (speaker is None or source[0].key != speaker.mentions[0].key):
            reported_by = source[0].key
        if speaker is None and announced is not None:
            speaker, rule = announced, "quotes.announced"
        if speaker is not None:
            speaker = self._government(speaker)
            self.voices.extend(speaker.mentions)
        head = speaker.mentions[0] if speaker is not None and speaker.mentions else None
        speaker_text = (
            head.text
            if head is not None
            else (self.doc[speaker.start : speaker.end].text if speaker is not None else None)
        )
        return Quote(
            id=stable_id(self.article_id, "quote", q.start, q.end),
            article_id=self.article_id,
            sentence=index,
            start=q.start,
            end=q.end,
            text=self.doc._.text[q.start : q.end],
            speaker=head.key if head is not None else None,
            speaker_text=speaker_text,
            reported_by=reported_by,
            rule=rule,
            confidence=0.9 if rule == "quotes.verb" else 0.7 if head is not None else 0.5,
            attrs={"words": words, "relayed_by_text": source_text}
            if reported_by
            else {"words": words},
        )


__all__ = ["QuoteCues", "QuoteReader", "norm"]
