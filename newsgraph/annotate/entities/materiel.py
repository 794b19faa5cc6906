"""Weapon designations the KB does not list: letters, a hyphen and a number ("Kh-101",
"MiG-29", "Tu-22M3", "Su-57E").

Military designations follow this shape across Russian, American, Iranian and Chinese
systems, so an unseen one is still recognised as MATERIEL. Tokens of the same shape
that are not weapons (diseases, summits, roads) are listed per language as
``not_materiel``.
"""

from __future__ import annotations

import re

from newsgraph.annotate.entities.cues import Cues
from newsgraph.annotate.entities.mentions import GUESS, Found
from newsgraph.annotate.entities.tokens import HYPHENATED, TokenView

RULE = "entities.designation"
DESIGNATION = re.compile(r"^[A-Z][A-Za-z]{0,5}-\d{1,4}[A-Z0-9]{0,3}$")


def find(view: TokenView, cues: Cues) -> list[Found]:
    out = []
    for i in view.flagged(HYPHENATED):
        text = view.text[i]
        if view.sentence_of[i] < 0 or "-" not in text or not DESIGNATION.match(text):
            continue
        if view.key[i] not in cues.not_materiel:
            entity = "materiel/" + view.key[i]
            out.append(Found(i, i + 1, "MATERIEL", entity, text, RULE, 0.6, GUESS))
    return out
