"""Places named from a known place: a part of it by a compass point ("Italia centrale",
"Germania Est", "Nord Italia") and a line or a route joining it by a hyphen to another
place ("la ferrovia Roma-Ostiense", "l'aeroporto di Mosca-Vnukovo", "la Milano-Lecco").

Each is a place of its own, not the known one (central Italy is not Italy, nor the
Rome–Ostiense railway Rome): a LOCATION mention over the whole phrase, with the known place
in ``attrs["place"]``. It keeps the known place's mention beside it, and wins over it
when mentions are selected, being longer. The compass words are the language's data
(``compass_adjectives`` after the name in small letters, ``compass_points`` with a
capital on either side of it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsgraph.annotate.entities.cues import Cues
from newsgraph.annotate.entities.mentions import CUE, Found
from newsgraph.annotate.entities.tokens import HYPHENATED, TokenView, is_capitalised
from newsgraph.model import stable_id
from newsgraph.resolve.variants import fold

COMPASS_RULE = "entities.place_part"
ROUTE_RULE = "entities.place_route"
CONFIDENCE = 0.65
PLACE_LABELS = frozenset({"LOCATION", "COUNTRY"})
_HYPHEN = re.compile("[-‐–]")
#: The most places a route may join.
MAX_PARTS = 4


def place_compounds(
    view: TokenView, cues: Cues, known: list[Found], place_of: Callable[[str], str | None]
) -> list[Found]:
    """The parts of the known places in ``known``, and the words the tokenizer keeps
    whole that name a route or a part of a place ("Roma-Ostiense", "Sud-Italia"), with
    ``place_of`` giving a word's KB place id, if any."""
    out = _hyphenated(view, cues, known, place_of)
    for f in known:
        if f.label not in PLACE_LABELS or f.is_adjective or f.entry is None:
            continue
        a, b = _compass(view, cues, f.start, f.end)
        if (a, b) != (f.start, f.end):
            out.append(_found(view, a, b, f.entity, COMPASS_RULE))
    return out


def _found(view: TokenView, a: int, b: int, place: str, rule: str) -> Found:
    text = view.span_text(a, b)
    entity = "ent/" + stable_id("LOCATION", fold(text))
    attrs: dict[str, object] = {"place": place}
    return Found(a, b, "LOCATION", entity, text, rule, CONFIDENCE, CUE, attrs=attrs)


def _compass(view: TokenView, cues: Cues, a: int, b: int) -> tuple[int, int]:
    """The place with the compass word after or before it, if any."""
    if b < len(view) and view.same_sentence(a, b):
        key, text = view.key[b], view.text[b]
        lower = key in cues.compass_adjectives and text.islower()
        if lower or (key in cues.compass_points and is_capitalised(text)):
            return a, b + 1
    h = a - 1
    point = h >= 0 and view.key[h] in cues.compass_points and is_capitalised(view.text[h])
    if point and view.same_sentence(h, a) and not view.first_word[a]:
        return h, b
    return a, b


def _hyphenated(
    view: TokenView, cues: Cues, known: list[Found], place_of: Callable[[str], str | None]
) -> list[Found]:
    """Hyphenated words of capitalised parts that start from a known place, a route
    ("Roma-Ostiense", "Mosca-Vnukovo"), or from a compass point before one, a part of it
    ("Sud-Italia"); not where a known name covers the word ("Emilia-Romagna")."""
    covered = {i for f in known for i in range(f.start, f.end)}
    out = []
    for i in view.flagged(HYPHENATED):
        if i not in covered and view.sentence_of[i] >= 0:
            found = _hyphenated_word(view, cues, i, place_of)
            if found is not None:
                out.append(found)
    return out


def _hyphenated_word(
    view: TokenView, cues: Cues, i: int, place_of: Callable[[str], str | None]
) -> Found | None:
    parts = _HYPHEN.split(view.text[i])
    if not 2 <= len(parts) <= MAX_PARTS:
        return None
    if not all(p[:1].isupper() and p.isalpha() for p in parts):
        return None
    place = place_of(parts[0])
    if place is not None:
        return _found(view, i, i + 1, place, ROUTE_RULE)
    if len(parts) == 2 and fold(parts[0]) in cues.compass_points:
        place = place_of(parts[1])
        if place is not None:
            return _found(view, i, i + 1, place, COMPASS_RULE)
    return None
