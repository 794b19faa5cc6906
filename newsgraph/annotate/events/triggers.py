"""Find event triggers in a sentence: verb forms by lemma, nouns, multiword expressions.

A trigger may need a word nearby ("firma" is AGREE only near "trattato"/"accordo"), be
vetoed by one ("fornire dettagli" is no aid), or be cancelled by the next word
("sostenere che" is a claim, not support). Where matches overlap, the longer expression
wins, then the one with a required word, then the earlier entry in the data. A word
that is both a noun and a verb form ("accusa", "attacco") is read as a noun after a
determiner or preposition and as a verb otherwise.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from newsgraph.annotate.events.lexicon import Trigger, WordSet
from newsgraph.annotate.events.tokens import DocView

#: How many words may separate the parts of a multiword trigger ("ha tenuto ieri colloqui").
PHRASE_GAP = 3


@dataclass
class Match:
    trigger: Trigger
    start: int  # token range in the doc
    end: int
    head: int  # the token that carries tense (the verb) or the noun

    @property
    def kind(self) -> str:
        return self.trigger.kind


def _phrase_end(
    view: DocView, elements: tuple[WordSet | frozenset[str], ...], i: int, end: int
) -> int | None:
    j = i + 1
    for element in elements[1:]:
        k = j
        while k < end and k - j <= PHRASE_GAP and view.norm[k] not in element:
            if view.punct[k] and view.norm[k] not in {"'", "-"}:
                return None
            k += 1
        if k >= end or view.norm[k] not in element:
            return None
        j = k + 1
    return j


def _near(
    view: DocView, words: WordSet, start: int, end: int, window: int, lo: int, hi: int
) -> bool:
    return any(view.norm[k] in words for k in range(max(lo, start - window), min(hi, end + window)))


def _acceptable(view: DocView, m: Match, lo: int, hi: int) -> bool:
    t = m.trigger
    if t.requires and not _near(view, t.requires, m.start, m.end, t.window, lo, hi):
        return False
    if t.excludes and _near(view, t.excludes, m.start, m.end, t.window, lo, hi):
        return False
    if t.not_before:
        k = m.end
        while k < hi and view.space[k]:
            k += 1
        if k < hi and view.norm[k] in t.not_before:
            return False
    return True


def _noun_reading(view: DocView, i: int, lo: int) -> bool:
    """Is a word that is both noun and verb a noun here (after a determiner, preposition
    or adjective-like word) rather than a verb (after a subject, auxiliary or clitic)?"""
    j = i - 1
    while j >= lo and view.space[j]:
        j -= 1
    if j < lo or view.materiel_compound(i, j):
        return True
    if view.has_lemma(j, view.lex.light_verbs) or (
        view.verb[j] and view.is_verb_at(j) and not view.is_verb_group(j)
    ):
        return True
    return (
        view.det[j]
        or view.prep[j] is not None
        or (
            not view.verb[j]
            and not view.clitic[j]
            and not view.pronoun[j]
            and view.mention_at[j] < 0
            and not view.neg[j]
            and view.is_np_word(j)
        )
    )


def _agent_follows(view: DocView, i: int, hi: int, span: int = 3) -> bool:
    agents = view.lex.words.get("agent_preps", ())
    return any((view.prep[k] or "") in agents for k in range(i, min(hi, i + span)))


def find(view: DocView, lo: int, hi: int) -> list[Match]:
    """Non-overlapping trigger matches in tokens ``[lo, hi)``, in text order."""
    # Only the tokens whose word can start a trigger are looked at.
    marks = view.trigger_marks
    starts = marks[bisect_left(marks, lo) : bisect_left(marks, hi)]
    if not starts:
        return []
    lex = view.lex
    found: list[Match] = []
    norms = view.norm
    for i in starts:
        word = norms[i]
        if view.mention_at[i] >= 0 or view.prep_part[i] or view.compound_tail(i):
            continue
        for trig in lex.phrase_triggers.get(word, ()):
            end = _phrase_end(view, trig.phrase, i, hi)
            if end is not None:
                found.append(Match(trig, i, end, i))
        nouns = [
            m
            for t in lex.noun_triggers.get(word, ())
            if _acceptable(view, m := Match(t, i, i + 1, i), lo, hi)
        ]
        verbs = [t for lemma in view.verb[i] or {} for t in lex.verb_triggers.get(lemma, ())]
        if verbs and not nouns and not view.is_verb_at(i):
            verbs = []
        if view.is_adjectival_participle(i):
            # "la soglia richiesta": an adjective; "i droni forniti dall'Iran" keeps its
            # verb reading because an agent follows.
            nouns = []
            if not _agent_follows(view, i + 1, hi):
                verbs = []
        if nouns and verbs:
            if _noun_reading(view, i, lo):
                verbs = []
            else:
                nouns = []
        found += nouns
        found += [Match(t, i, i + 1, i) for t in verbs]
    found = [m for m in found if _acceptable(view, m, lo, hi)]
    found.sort(key=lambda m: (-(m.end - m.start), not m.trigger.requires, m.trigger.order))
    taken: set[int] = set()
    kept: list[Match] = []
    for m in found:
        if any(k in taken for k in range(m.start, m.end)):
            continue
        taken.update(range(m.start, m.end))
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)
