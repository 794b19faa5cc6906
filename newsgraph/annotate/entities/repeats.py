"""Names an article writes again where no rule finds them.

The rules for names the KB lacks (:mod:`.names`) need a cue, and a cue is found where
a name is introduced ("la società Brunetti Tessuti", "il sindaco di Varzolo", "Ottavio
Ferlenghi"), not where the article names it again ("Varzolo è isolata"), nor in a
title, where capitals say nothing ("È Morto Ottavio Ferlenghi"). A name is one thing
throughout an article, so each later, or earlier, occurrence of the same words takes
the reading of the mention found with its cue: same type, same entity.

Only names read by a rule are repeated (KB names are found everywhere already), only
where no mention stands, and only as whole names: the words around a repeat must not
be capitalised words that would make it part of a longer name.
"""

from __future__ import annotations

from newsgraph.annotate.entities.cues import Cues
from newsgraph.annotate.entities.mentions import KB, Found
from newsgraph.annotate.entities.tokens import CAPITALISED, TokenView, is_capitalised

RULE = "entities.repeat"
LABELS = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})
#: Rules whose mentions are not names written with a capital.
_NOT_NAMES = frozenset({"entities.institution"})
#: Readings too weak to repeat: a lone word after "a" or "in" is a place only there
#: ("ha vinto davanti a Ferlenghi": the skier's name, not a town).
MIN_CONFIDENCE = 0.45


def _repeatable(found: Found, view: TokenView) -> bool:
    return (
        found.priority < KB
        and found.entry is None
        and found.label in LABELS
        and not found.is_adjective
        and found.rule not in _NOT_NAMES
        and found.confidence >= MIN_CONFIDENCE
        and is_capitalised(view.text[found.start])
    )


def repeats(view: TokenView, selected: list[Found], cues: Cues) -> list[Found]:
    """``selected`` with the names among them found again where nothing else stands."""
    readings: dict[tuple[str, ...], Found | None] = {}
    for f in selected:
        if not _repeatable(f, view):
            continue
        words = tuple(view.key[f.start : f.end])
        seen = readings.get(words, f)
        readings[words] = f if seen is not None and seen.label == f.label else None
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for words, reading in sorted(readings.items(), key=lambda kv: -len(kv[0])):
        if reading is not None:
            by_first.setdefault(words[0], []).append(words)
    if not by_first:
        return selected
    taken = {i for f in selected for i in range(f.start, f.end)}
    added = []
    for start, end, _ in view.sentences:
        after = start  # where the last name found here ends
        # A name found again starts with a capital (:func:`_match`).
        for i in view.flagged_in(CAPITALISED, start, end):
            if i < after or i in taken or view.key[i] not in by_first:
                continue
            if not _free_before(view, i, start):
                continue
            match = _match(view, i, end, by_first[view.key[i]], taken, cues)
            if match is None:
                continue
            source = readings[match]
            assert source is not None
            j = i + len(match)
            attrs = {k: v for k, v in source.attrs.items() if k in ("code", "country")}
            confidence = round(source.confidence * 0.9, 3)
            added.append(
                Found(
                    i,
                    j,
                    source.label,
                    source.entity,
                    source.name,
                    RULE,
                    confidence,
                    source.priority,
                    None,
                    attrs,
                )
            )
            after = j
    if not added:
        return selected
    return sorted(selected + added, key=lambda f: f.start)


def _free_before(view: TokenView, i: int, start: int) -> bool:
    """No capitalised word right before the name (it would be part of a longer one)."""
    return view.first_word[i] or i == start or not is_capitalised(view.text[i - 1])


def _match(
    view: TokenView,
    i: int,
    end: int,
    candidates: list[tuple[str, ...]],
    taken: set[int],
    cues: Cues,
) -> tuple[str, ...] | None:
    for words in candidates:
        j = i + len(words)
        if j > end or tuple(view.key[i:j]) != words or any(k in taken for k in range(i, j)):
            continue
        if j < end and is_capitalised(view.text[j]) and view.text[j][:1].isalpha():
            continue  # "Varzolo" inside "Varzolo Nuovo"
        if len(words) == 1 and view.first_word[i] and words[0] in cues.common:
            continue
        if not all(is_capitalised(view.text[k]) for k in (i, j - 1)):
            continue
        return words
    return None
