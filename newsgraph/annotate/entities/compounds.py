"""Names made from a known place: a part of it by a compass point ("Italia centrale",
"Germania Est", "Nord Italia"), a line or a route joining it by a hyphen to another
place ("la ferrovia Roma-Ostiense", "l'aeroporto di Mosca-Vnukovo", "la Milano-Lecco"),
and an organisation's branch in a country, named by the organisation and the country
("Samsung Italia", "Amazon UK": :func:`branches`).

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
from newsgraph.annotate.entities.tokens import HYPHENATED, ROMAN, TokenView, is_capitalised
from newsgraph.model import stable_id
from newsgraph.resolve.variants import fold

COMPASS_RULE = "entities.place_part"
BRANCH_RULE = "entities.branch"
#: The most capitalised words of an unknown organisation's name before its country.
MAX_BRANCH_WORDS = 3
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


def branches(view: TokenView, cues: Cues, known: list[Found]) -> list[Found]:
    """Organisations named by a name and a country after it: a branch or a national body
    of a company or an association ("Samsung Italia", "Manpower Italia", "WWF Italia",
    "Wikimedia Ucraina", "Amazon UK"). The name is a known organisation's, or capitalised
    words no rule reads otherwise, inside the sentence: not ordinary words, numerals,
    first names, roles, titles, compass points or head words ("Coppa Italia", "Miss
    Italia", "il Presidente USA", "Nord Italia", "Repubblica Ceca" are none)."""
    ends = {f.end: f for f in known if not f.is_adjective}
    covered = {i for f in known for i in range(f.start, f.end)}
    out = []
    for f in known:
        if f.label != "COUNTRY" or f.is_adjective or f.start == 0 or "metonymy" in f.attrs:
            continue  # a capital read as its country is a city's name: "Denzel Washington"
        if f.end < len(view) and view.key[f.end] in cues.possessives:
            continue  # "America's Cup"
        before = ends.get(f.start)
        if before is not None and before.label == "ORGANIZATION" and before.entry is not None:
            start = before.start
        else:
            start = f.start
            while (
                f.start - start < MAX_BRANCH_WORDS
                and start > 0
                and start - 1 not in covered
                and view.same_sentence(start - 1, f.start)
                and _branch_word(view, cues, start - 1)
            ):
                start -= 1
        if start < f.start and view.same_sentence(start, f.start):
            text = view.span_text(start, f.end)
            entity = "ent/" + stable_id("ORGANIZATION", fold(text))
            attrs: dict[str, object] = {"country": f.attrs.get("country")}
            out.append(
                Found(
                    start,
                    f.end,
                    "ORGANIZATION",
                    entity,
                    text,
                    BRANCH_RULE,
                    CONFIDENCE,
                    CUE,
                    attrs=attrs,
                )
            )
    return out


def _branch_word(view: TokenView, cues: Cues, i: int) -> bool:
    """A capitalised word that may name the organisation of a branch."""
    text, key = view.text[i], view.key[i]
    if not (is_capitalised(text) and text.isalpha()) or view.first_word[i]:
        return False
    if ROMAN.match(text):
        return False  # "la XXXII America's Cup"
    if key in cues.common or key in cues.given or key in cues.compass_points:
        return False
    if (key,) in cues.roles or (key,) in cues.titles:
        return False
    return key not in cues.org_heads and key not in cues.loc_heads


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
