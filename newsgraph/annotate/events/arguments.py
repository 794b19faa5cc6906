"""Who did it and to whom: the subject, objects and prepositional arguments of a trigger.

The rules read one clause (see :mod:`clauses`) as tokens and noun phrases (see
:mod:`phrases`):

- the *subject* is the nearest bare noun phrase with a participant left of the verb group
  ("Il presidente russo Vladimir Putin ha incontrato"), taking coordination along
  ("L'Ucraina e l'Occidente hanno accusato" → both); phrases after a preposition are
  skipped ("In cambio, la Russia è sospettata"); a pronoun, "entrambi"/"both" or a
  possessive ("i suoi commando") is resolved from the discourse; a clause without a
  subject of its own takes it from the clause it hangs on (coordination, gerund, a
  relative clause's antecedent, a pro-drop complement);
- the *objects* are the phrases right of the trigger up to the first infinitive
  complement or the clause end, each with the preposition that introduced it; the
  trigger's frame says which of them is the recipient.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.annotate.events.clauses import Clause
from newsgraph.annotate.events.lexicon import CLOSE_PAREN, OPEN_PAREN
from newsgraph.annotate.events.phrases import (
    heads,
    mentions_in,
    np_start,
    prep_before,
    skip_paren_left,
)
from newsgraph.annotate.events.tokens import DocView, Mention


@dataclass
class Subject:
    mentions: list[Mention]
    start: int
    end: int
    via: str  # np | pronoun | both | possessive | inherited | modifier


@dataclass
class Discourse:
    """What earlier sentences said, for pronouns, "entrambi" and dropped subjects."""

    subjects: list[list[Mention]] = field(default_factory=list)
    pairs: list[tuple[Mention, Mention]] = field(default_factory=list)

    def remember_subject(self, mentions: list[Mention]) -> None:
        if mentions:
            self.subjects.append(list(mentions))
            del self.subjects[:-20]

    def remember_pair(self, a: Mention, b: Mention) -> None:
        if a.key != b.key:
            self.pairs.append((a, b))
            del self.pairs[:-20]

    def last_subject(self, person: bool | None = None) -> list[Mention]:
        for group in reversed(self.subjects):
            if person is None or any((m.label == "PERSON") == person for m in group):
                return group
        return []

    def last_pair(self, label: str | None = None) -> list[Mention]:
        for a, b in reversed(self.pairs):
            if label is None or (a.label == label and b.label == label):
                return [a, b]
        return []


def verb_group_start(view: DocView, i: int, lo: int) -> int:
    """First token of the verb group ending at ``i`` (auxiliaries, clitics, negation…)."""
    j = i
    while j - 1 >= lo and (view.is_verb_group(j - 1) or view.space[j - 1]):
        j -= 1
    return j


def _coordinated_left(view: DocView, start: int, lo: int, group: list[Mention]) -> int:
    """Extend a subject leftwards over "X, Y e" coordination; returns the new start.

    A comma joins only inside a list closed by a conjunction: in "In cambio, la Russia"
    the comma ends a fronted phrase.
    """
    j = start - 1
    seen_conj = False
    while True:
        while j >= lo and view.space[j]:
            j -= 1
        if j < lo or not (view.conj[j] or view.norm[j] == ","):
            break
        if not view.conj[j] and not seen_conj:
            break
        k = j - 1
        while k >= lo and view.space[k]:
            k -= 1
        if k >= lo and view.norm[k] in CLOSE_PAREN:
            k = skip_paren_left(view, k, lo)
        if k < lo or (view.mention_at[k] < 0 and not view.is_np_word(k)):
            break
        s = np_start(view, k, lo)
        found = heads(view, s, k + 1)  # "Hungarian and Romanian officials" share a noun
        if not found or prep_before(view, s, lo) is not None:
            break
        group[:0] = found
        seen_conj = True
        start = s
        j = s - 1
    return start


def subject_left(view: DocView, pos: int, lo: int, discourse: Discourse) -> Subject | None:
    """The subject of the verb group starting at ``pos``, searched back to ``lo``."""
    i = pos - 1
    adjacent = True
    skipped: list[Mention] = []
    bracketed: list[Mention] = []  # "The rebel Revolutionary United Front (RUF)"
    while i >= lo:
        word = view.norm[i]
        if view.space[i]:
            i -= 1
            continue
        if word in CLOSE_PAREN:
            start = skip_paren_left(view, i, lo)
            bracketed = [m for m in mentions_in(view, start + 1, i) if m.label != "MATERIEL"]
            i = start
            continue
        if view.mention_at[i] >= 0 or view.is_np_word(i) or view.pronoun[i] or view.both[i]:
            s = np_start(view, i, lo)
            prep = prep_before(view, s, lo)
            found = _anaphor(view, s, i + 1) or heads(view, s, i + 1, agents_only=prep is None)
            if prep is None and found:
                group = list(found)
                start = _coordinated_left(view, s, lo, group)
                return Subject(group, start, i + 1, "np")
            if (
                prep is None
                and bracketed
                and i + 1 < len(view.norm)
                and view.norm[i + 1] in OPEN_PAREN
            ):
                return Subject(bracketed[:1], s, i + 1, "np")
            if prep is None:
                referring = _referring(view, s, i + 1, lo, discourse, skipped if adjacent else [])
                if referring is not None:
                    return referring
            if prep is None and adjacent:
                # A subject that names no participant ("le truppe", "centinaia di loro")
                # is still the subject: nothing is inherited past it; but in "Laurent
                # Fabius and a group of deputies" the named conjunct acts.
                named: list[Mention] = []
                start = _coordinated_left(view, s, lo, named)
                if named:
                    return Subject(named, start, i + 1, "np")
                return Subject([], s, i + 1, "overt")
            if prep is not None:
                # A prepositional phrase ("groups *in Zimbabwe*", "In cambio, …") is passed
                # over with its preposition; it may be all the subject names.
                skipped.extend(found)
                i = s - 1
                while i >= lo and (view.prep[i] is not None or view.prep_part[i]):
                    i -= 1
                continue
            i = s - 1
            adjacent = False
            continue
        adjacent = adjacent and view.is_verb_group(i)
        i -= 1
    return None


def _referring(
    view: DocView, start: int, end: int, lo: int, discourse: Discourse, skipped: list[Mention]
) -> Subject | None:
    """A subject phrase without a name: a pronoun, "entrambi (i paesi)", a possessive
    ("i suoi commando") resolved from the discourse, or a phrase whose only participant
    is in a modifier ("Opposition groups in Zimbabwe")."""
    words = view.lex.words
    genitive = words.get("genitive_preps", ())
    for k in range(start, end):
        if view.pronoun[k] and not (k > start and view.prep[k - 1] in genitive):
            # "Switzerland said today it had expelled …": the subject of the saying, in
            # the same sentence, before the last subject of the discourse.
            earlier = subject_left(view, start, lo, discourse) if start > lo else None
            found = earlier.mentions if earlier is not None and earlier.via == "np" else []
            found = found or resolve_pronoun(view, view.norm[k], discourse)
            return Subject(found, start, end, "pronoun") if found else None
        if view.both[k]:
            countries = any(
                view.norm[x] in words.get("country_nouns", ()) for x in range(start, end)
            )
            found = (discourse.last_pair("COUNTRY") if countries else []) or discourse.last_pair()
            return Subject(found, start, end, "both") if found else None
    if any(
        view.norm[k] in words.get("possessives", ()) and view.prep[k - 1] not in genitive
        for k in range(start, end)
    ):
        owner = discourse.last_subject()
        return Subject(owner, start, end, "possessive") if owner else None
    if skipped:
        return Subject([skipped[-1]], start, end, "modifier")
    return None


def _anaphor(view: DocView, start: int, end: int) -> list[Mention]:
    """ "il gruppo terroristico palestinese" after "Hamas": a definite phrase headed by a
    group noun and naming no organisation refers to the last organisation mentioned."""
    words = view.lex.words
    nouns, definite = words.get("anaphoric_nouns"), words.get("definite")
    if nouns is None or definite is None or view.norm[start] not in definite:
        return []
    inside = [
        view.mentions[view.mention_at[k]] for k in range(start, end) if view.mention_at[k] >= 0
    ]
    if any(not m.adjective for m in inside):
        return []
    if not any(view.norm[k] in nouns for k in range(start, min(end, start + 3))):
        return []
    for m in reversed(view.mentions):
        if m.end <= start and m.label in {"ORGANIZATION", "GROUP"} and not m.adjective:
            return [m]
    return []


def resolve_pronoun(view: DocView, word: str, discourse: Discourse) -> list[Mention]:
    words = view.lex.words
    if word in words.get("pronouns_person", ()):
        return discourse.last_subject(person=True)
    if word in words.get("pronouns_thing", ()):
        return discourse.last_subject(person=False)
    return discourse.last_subject()


def inherited_subject(
    clauses: list[Clause], clause: Clause, subjects: dict[int, Subject | None], pro_drop: bool
) -> Subject | None:
    """The subject a clause without its own takes from the clause it depends on; a
    gerund skips a reported complement ("ha affermato che Israele deve …, attribuendo"
    is Pezeshkian's attributing)."""
    if clause.kind == "gerund" and clause.parent is not None:
        parent = clauses[clause.parent]
        while parent.kind == "complement" and parent.parent is not None and parent.reported:
            parent = clauses[parent.parent]
        return subjects.get(parent.index)
    if clause.kind in {"coord", "reporting"} and clause.parent is not None:
        return subjects.get(clause.parent)
    if clause.kind == "complement" and pro_drop and clause.parent is not None:
        return subjects.get(clause.parent)
    return None


def antecedent(view: DocView, clause: Clause, lo: int) -> Subject | None:
    """The noun phrase a relative clause ("Trump, che ha promesso") refers to."""
    if clause.opener is None:
        return None
    j = clause.opener - 1
    while j >= lo and (view.norm[j] == "," or view.space[j]):
        j -= 1
    if j < lo or (view.mention_at[j] < 0 and not view.is_np_word(j)):
        return None
    s = np_start(view, j, lo)
    found = heads(view, s, j + 1)
    return Subject(found, s, j + 1, "np") if found else None
