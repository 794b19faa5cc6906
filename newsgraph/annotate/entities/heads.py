"""Head words before a name that belong to it: "provincia di Sondrio", "golfo del Messico",
"via Cavour", "Università di Pavia", "Regione Lombardia".

A head word says the mention is the whole phrase, and what kind of thing it names:

- an area ("provincia", "golfo", "isola"), also across a particle: a LOCATION;
- a street or a building ("via", "ospedale"), only right before its own name or written
  with a capital as part of it ("via Cavour", "Aeroporto di Cagliari"; in "ospedale di
  Lecco" the place named is Lecco), or a church, a castle and the like, whose name
  after "di" is its own ("chiesa di Sant'Andrea", "abbazia di Westminster"): a LOCATION;
- an organisation ("università", "fondazione"), on the same terms: an ORGANIZATION;
- an administration ("regione", "comune") names the body that governs the area where it
  is written as part of the name ("la Regione Lombardia ha deciso", "la regione
  Sardegna ha stanziato"), and the area itself in "nel comune di Rho": an ORGANIZATION
  or a LOCATION.

:class:`Names` applies this to names the KB does not know (in lower case only: a head
with a capital is part of a capitalised run there); :func:`known_places` to the places
the gazetteer found ("provincia del Sichuan", "Università di Pavia"), which keep their
own mention too and lose to the longer one when mentions are selected.
"""

from __future__ import annotations

from newsgraph.annotate.entities.cues import Cues
from newsgraph.annotate.entities.mentions import CUE, Found
from newsgraph.annotate.entities.tokens import TokenView, is_capitalised
from newsgraph.model import stable_id
from newsgraph.resolve.variants import fold

PLACE_RULE = "entities.place_head"
ORG_RULE = "entities.org_head"
CONFIDENCE = 0.65
PLACE_LABELS = frozenset({"LOCATION", "COUNTRY"})


def lead(view: TokenView, cues: Cues, a: int, capitals: bool) -> tuple[int, str] | None:
    """The head word before the name at ``a`` that belongs to it, and the label of the
    whole; a head written with a capital counts only if ``capitals``."""
    keys = view.key
    h = a - 1
    joined = h >= 0 and keys[h] in cues.head_particles
    if joined:
        h -= 1
    if h < 0 or not view.same_sentence(h, a):
        return None
    capital = is_capitalised(view.text[h])
    if capital and not capitals:
        return None
    head = keys[h]
    # The head is written as part of the name, or the name after "di" is the building's.
    named = capital or not joined or head in cues.dedicated_heads
    if head in cues.administration_heads and named:
        return h, "ORGANIZATION"
    if head in cues.lower_place_heads or (head in cues.lower_building_heads and named):
        return h, "LOCATION"
    if head in cues.lower_org_heads:
        return h, "ORGANIZATION"
    return None


def headed(view: TokenView, h: int, b: int, label: str, attrs: dict[str, object]) -> Found:
    """The mention of the whole phrase [h, b), an entity of its own (the province of
    Sondrio is not the town, nor the Gulf of Mexico the country)."""
    text = " ".join(view.span_text(h, b).split())
    rule = PLACE_RULE if label == "LOCATION" else ORG_RULE
    entity = "ent/" + stable_id(label, fold(text))
    return Found(h, b, label, entity, text, rule, CONFIDENCE, CUE, attrs=attrs)


def known_places(view: TokenView, cues: Cues, known: list[Found]) -> list[Found]:
    """The phrases a known place's head word makes of its mention, with the place named
    in it; an organisation also takes the place's country (and an administration the
    country's government code). A LOCATION does not: the Gulf of Mexico is not in
    Mexico."""
    out = []
    for f in known:
        if f.label not in PLACE_LABELS or f.is_adjective or f.entry is None:
            continue
        found = lead(view, cues, f.start, capitals=True)
        if found is None:
            continue
        h, label = found
        attrs: dict[str, object] = {"place": f.entity}
        country, code = f.attrs.get("country"), f.attrs.get("code")
        if country and label == "ORGANIZATION":
            attrs["country"] = country
            if code and view.key[h] in cues.administration_heads:
                attrs["code"] = f"{code} GOV"
        out.append(headed(view, h, f.end, label, attrs))
    return out
