"""Clauses of a sentence, found from punctuation, subordinators and verb groups.

A clause bounds the search for an event's arguments: the subject of "che Mosca e Teheran
hanno negato" is not the actor of the act in the main clause. Without a parser, a new
clause starts at ";" or ":", at a subordinator or relative pronoun ("che", "which", "se"),
at "ma"/"but", at "e"/"and" when a verb group follows, at a comma before a gerund
("…, rafforzando …"), and at a comma before a reporting verb ("…, ha detto il Cremlino").
The kind of a clause tells where its subject comes from when it has none of its own and
what it does to modality (a conditional clause makes its events hypothetical).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from newsgraph.annotate.events.lexicon import CLOSE_PAREN, OPEN_PAREN, WordSet
from newsgraph.annotate.events.tokens import DocView

CLOSING_QUOTES = frozenset({"”", "»", '"', "''", "’"})


@dataclass
class Clause:
    index: int
    start: int  # token range in the doc
    end: int
    kind: str  # main | complement | relative | conditional | coord | gerund | reporting | resume
    opener: int | None = None  # the token that opened it (subordinator, conjunction…)
    parent: int | None = None  # the clause a complement, gerund or coordination hangs on
    reported: bool = False  # a complement of a reporting verb ("ha detto che …")


def _verb_follows(view: DocView, i: int, end: int) -> bool:
    """Does a verb group start at token ``i`` (after optional negation/clitics/adverbs)?"""
    j = i
    while j < end and (view.neg[j] or view.clitic[j] or view.adverb[j]):
        j += 1
    return j < end and bool(view.verb[j]) and not view.det[j]


def _inner_contrast(
    view: DocView, i: int, start: int, end: int, inner: WordSet | None
) -> bool:
    """Whether the contrast word at ``i`` stands inside its clause, between the subject
    and its verb ("Putin però ha ammesso", "Putin, however, said") rather than opening a
    clause of its own ("…, ma ha anche sostenuto")."""
    if inner is None or view.norm[i] not in inner:
        return False
    prev = _previous_word(view, i, start)
    nxt = i + 1
    while nxt < end and (view.norm[nxt] == "," or view.space[nxt]):
        nxt += 1
    return prev is not None and view.is_np_word(prev) and _verb_follows(view, nxt, end)


def _previous_word(view: DocView, i: int, start: int) -> int | None:
    j = i - 1
    while j >= start and (view.norm[j] == "," or view.space[j]):
        j -= 1
    return j if j >= start else None


def segment(view: DocView, start: int, end: int) -> list[Clause]:
    """The clauses of the sentence spanning tokens ``[start, end)``, in order."""
    lex = view.lex
    clauses: list[Clause] = []
    cur_start, cur_kind, cur_opener, cur_parent = start, "main", None, None
    depth = 0
    conditional = lex.words.get("conditional")
    inner = lex.words.get("inner_contrast")
    main_index = 0

    def close(at: int) -> None:
        nonlocal main_index
        if at > cur_start:
            clauses.append(Clause(len(clauses), cur_start, at, cur_kind, cur_opener, cur_parent))
            if cur_kind == "main":
                main_index = len(clauses) - 1

    # Only the tokens that may open a clause or a bracket are looked at.
    marks = view.clause_marks
    for i in marks[bisect_left(marks, start) : bisect_left(marks, end)]:
        word = view.norm[i]
        if word in OPEN_PAREN:
            depth += 1
            continue
        if word in CLOSE_PAREN:
            depth = max(0, depth - 1)
            continue
        if depth or view.mention_at[i] >= 0:
            continue
        kind = None
        opener: int | None = i
        begin = i
        if word in {";", ":"}:
            kind, opener, begin = "main", None, i + 1
        elif view.relative[i] or view.sub[i]:
            if conditional is not None and word in conditional:
                kind = "conditional"
            elif view.relative[i] and not view.sub[i]:
                kind = "relative"
            else:
                prev = _previous_word(view, i, start)
                after_noun = prev is not None and not view.verb[prev] and view.is_np_word(prev)
                relative = view.relative[i] and after_noun and not _takes_clause(view, cur_start, i)
                kind = "relative" if relative else "complement"
        elif view.contrast[i]:
            if not _inner_contrast(view, i, start, end, inner):
                kind = "coord"
        elif (
            view.conj[i]
            and (
                _verb_follows(view, i + 1, end)
                or (i > start and view.norm[i - 1] == "," and _main_follows(view, i + 1, end))
            )
        ):
            kind = "coord"
        elif word == "," and i + 1 < end:
            nxt = i + 1
            feats = view.features(nxt)
            if "ger" in feats and not view.det[nxt]:
                kind, begin = "gerund", i + 1
            elif (
                _verb_follows(view, nxt, end)
                and _reporting_within(view, nxt, end)
                and (_content_before(view, cur_start, i))
            ):
                kind, begin = "reporting", i + 1
            elif cur_kind in {"relative", "complement", "conditional"} and _main_follows(
                view, nxt, end
            ):
                # ", che Mosca e Teheran hanno negato, hanno consentito": the main clause
                # resumes after a relative; "Da quando X si è ritirato, l'Iran ha…" starts it.
                kind, begin = ("resume" if cur_kind == "relative" else "main"), i + 1
                opener = cur_opener
        if kind is None:
            continue
        close(begin if kind != "main" or word == "," else i)
        if kind == "resume":
            parent = clauses[-1].parent if clauses else None
        elif kind == "reporting":
            parent = main_index
        else:
            parent = len(clauses) - 1 if clauses else None
        cur_start, cur_kind, cur_opener, cur_parent = begin, kind, opener, parent
    close(end)
    if not clauses:
        clauses.append(Clause(0, start, end, "main"))
    for clause in clauses:
        if clause.kind == "complement" and clause.parent is not None:
            owner = clauses[clause.parent]
            clause.reported = any(
                view.has_lemma(j, lex.reporting_verbs) for j in range(owner.start, owner.end)
            )
    return clauses


def _takes_clause(view: DocView, lo: int, i: int, span: int = 6) -> bool:
    """Is there a verb just before ``i`` that takes a "that"/"che" clause ("agreed on
    Wednesday that …", "ha detto lunedì che …")?"""
    lex = view.lex
    for j in range(i - 1, max(lo, i - span) - 1, -1):
        lemmas = view.verb[j]
        if not lemmas or not view.is_verb_at(j):
            continue
        for lemma in lemmas:
            if lemma in lex.reporting_verbs:
                return True
            for trig in lex.verb_triggers.get(lemma, ()):
                comp = trig.frame.complement
                if comp is not None and view.norm[i] in comp.markers:
                    return True
        return False
    return False


def _main_follows(view: DocView, i: int, end: int, span: int = 6) -> bool:
    """After a comma, does a finite verb follow, with at most a short subject before it?"""
    j = i
    genitive = view.lex.words.get("genitive_preps", ())
    while (
        j < end
        and j - i < span
        and (
            view.mention_at[j] >= 0
            or view.det[j]
            or (view.is_np_word(j) and not view.punct[j])
            or (view.prep[j] in genitive and j > i)
        )
    ):
        j += 1
    while j < end and (view.neg[j] or view.clitic[j] or view.adverb[j]):
        j += 1
    if j >= end or not view.is_verb_at(j):
        return False
    return bool(view.features(j) & {"pres", "past", "fut", "cond"})


def _content_before(view: DocView, start: int, i: int) -> bool:
    """Is what precedes a ", said X" a statement (a quote or a clause with a verb)
    rather than the subject in apposition ("The union, the umbrella body, announced")?"""
    j = i - 1
    while j >= start and view.space[j]:
        j -= 1
    if j >= start and view.norm[j] in CLOSING_QUOTES:
        return True
    return any(view.is_verb_at(k) for k in range(start, i))


def _reporter_follows(view: DocView, i: int, end: int, span: int = 6) -> bool:
    """After a comma, "ha detto il Cremlino" or "Thai military sources said": a verb of
    saying, right away or after a short subject."""
    if _verb_follows(view, i, end):
        return _reporting_within(view, i, end)
    j = i
    while (
        j < end
        and j - i < span
        and (view.mention_at[j] >= 0 or view.det[j] or (view.is_np_word(j) and not view.punct[j]))
    ):
        j += 1
    return j > i and _verb_follows(view, j, end) and _reporting_within(view, j, end)


def _reporting_within(view: DocView, i: int, end: int, span: int = 4) -> bool:
    """Is there a reporting verb ("ha detto", "said") in the verb group at ``i``?"""
    for j in range(i, min(end, i + span)):
        if view.has_lemma(j, view.lex.reporting_verbs):
            return True
        if not view.is_verb_group(j):
            return False
    return False


def clause_at(clauses: list[Clause], token: int) -> Clause:
    for clause in clauses:
        if clause.start <= token < clause.end:
            return clause
    return clauses[-1]
