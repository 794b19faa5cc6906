"""How committed the text is to an event: asserted, planned, alleged, suspected,
hypothetical, denied or negated.

Cues, all language data:

- the clause: a conditional clause ("se", "if", "unless") makes its events hypothetical;
- an intention: "is ready to", "è disposto a" → planned (a commitment of the actor);
- the verb group: negation ("non", "not") → negated; a future form ("ospiterà", "will")
  → planned; the conditional ("avrebbe fornito") → what the language's
  ``tense_modality`` says (alleged in Italian journalism, planned in English reported
  speech); a modal ("dovrebbe", "is expected to" → planned; "potrebbe", "could" →
  hypothetical);
- words just before the trigger: "presunto", "reportedly" → alleged; "possibile",
  "potential" → hypothetical; "prossimo", "upcoming" → planned;
- the governing act: an act reported under "accusare di" is alleged, under "negare"
  denied, under "è sospettata di" suspected (set by the coder from the frame).

A noun trigger inside a prepositional phrase ("durante un incontro") takes the tense of
its clause's verb, not the clause-level adverbs, because it is presupposed.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.annotate.events.clauses import Clause
from newsgraph.annotate.events.tokens import DocView

#: Modal roles that mean the act lies ahead as a commitment of its actor; PLOVER codes
#: such acts by their verbal category (see ``ontology.future_type``).
COMMITTED_FUTURE = frozenset({"future", "intent"})


@dataclass
class Reading:
    modality: str = "asserted"
    cue: str | None = None  # the word that decided it
    future: bool = False  # a future or intended act (not merely expected)
    local: bool = False  # decided by a word next to the trigger, not by the clause


def _role_of(view: DocView, i: int) -> str | None:
    """The modality role of token ``i`` as a modal or tense form, if any."""
    lex = view.lex
    for lemma in view.verb[i] or {}:
        role = lex.modals.get(lemma)
        if role:
            return role
    feats = view.features(i)
    for feature in ("fut", "cond"):
        if feature in feats and feature in lex.tense_modality:
            return lex.tense_modality[feature]
    return None


ROLE_MODALITY = {
    "future": "planned",
    "intent": "planned",
    "expected": "planned",
    "planned": "planned",
    "possible": "hypothetical",
    "hypothetical": "hypothetical",
    "alleged": "alleged",
}


def read_verb_group(view: DocView, start: int, end: int) -> Reading:
    """Modality from a verb group ``[start, end)`` (auxiliaries, modals, the verb)."""
    for i in range(start, end):
        if view.neg[i]:
            return Reading("negated", view.norm[i])
    for i in range(start, end):
        role = _role_of(view, i)
        if role in ROLE_MODALITY:
            return Reading(ROLE_MODALITY[role], view.norm[i], role in COMMITTED_FUTURE)
    return Reading()


def read_cues(view: DocView, start: int, lo: int, span: int = 3) -> Reading:
    """Modality from words just before a trigger ("possibile attacco", "reportedly")."""
    words = view.lex.words
    for i in range(start - 1, max(lo, start - span) - 1, -1):
        word = view.norm[i]
        for key, modality in (
            ("alleged_cues", "alleged"),
            ("hypothetical_cues", "hypothetical"),
            ("planned_cues", "planned"),
            ("suspected_cues", "suspected"),
        ):
            if word in words.get(key, ()):
                return Reading(modality, word, local=True)
        if view.punct[i] and view.norm[i] != "-":
            break
    return Reading()


def _intent_before(view: DocView, start: int, lo: int, span: int = 4) -> Reading | None:
    """ "is ready to contribute", "è disposto a inviare": an announced intention."""
    cues = view.lex.words.get("intent_cues")
    if cues is None:
        return None
    for i in range(start - 1, max(lo, start - span) - 1, -1):
        if view.norm[i] in cues:
            return Reading("planned", view.norm[i], future=True)
        if view.punct[i]:
            break
    return None


def read(
    view: DocView, clause: Clause, group: tuple[int, int], trigger_start: int, nominal_in_pp: bool
) -> Reading:
    """The modality of an event whose verb group (or governing verb group, for a noun)
    spans ``group`` and whose trigger starts at ``trigger_start``."""
    local = read_cues(view, trigger_start, clause.start)
    if local.modality != "asserted":
        return local
    if clause.kind == "conditional":
        return Reading(
            "hypothetical", view.norm[clause.opener] if clause.opener is not None else None
        )
    intent = _intent_before(view, group[0], clause.start)
    if intent is not None:
        return intent
    reading = read_verb_group(view, *group)
    if nominal_in_pp and reading.modality in {"negated", "alleged"}:
        return Reading()
    return reading
