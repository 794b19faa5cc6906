"""Country codes for participants the knowledge base cannot place.

Event data codes every actor by the state it belongs to. A participant whose entity has a
code ("Hamas" → PSE, "the Iranian foreign minister" → IRN GOV) keeps it; one without
(an ethnic group, a party, a judge or a newspaper the KB does not know) is placed by what
its sentence says of it:

- a nationality adjective in its own noun phrase qualifies it: "Iraqi Kurds" are IRQ,
  "the Chilean judge Alejandro Rivera" is CHL;
- otherwise, when the sentence names exactly one state (by its name, a nationality
  adjective, a city or an institution), a named organisation or person acting in it is
  taken to belong to it: "Judge X opened investigations against Chilean officials",
  "Nicaragua's government ordered the newspaper La Prensa to …", and so is a people
  that lives in several states ("Tamil refugees" held by "the Sri Lankan army").
  Collective constructs ("the West", "the international community") stay uncoded, as
  PLOVER leaves them.

The codes go to the event (``attrs["participant_codes"]``, participant key → code), not to
the entity: "Kurds" are not an Iraqi entity, only these Kurds are Iraqi actors.
"""

from __future__ import annotations

from newsgraph.annotate.events.phrases import np_start
from newsgraph.annotate.events.tokens import DocView, Mention
from newsgraph.model import Entity

#: Codes that name no state: international, multinational or non-state actors.
STATELESS = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO", "EUR"})

#: Labels placed by the sentence's only state; a GROUP only when it is a people.
PLACEABLE = frozenset({"PERSON", "ORGANIZATION"})


def _entity(view: DocView, m: Mention) -> Entity | None:
    return (view.doc._.entities or {}).get(m.entity_id) if m.entity_id else None


def own_code(view: DocView, m: Mention) -> str | None:
    """The country part of the code the entity layer gave the mention or its entity."""
    attrs = m.span._.attrs or {}
    entity = _entity(view, m)
    code = (
        attrs.get("code")
        or attrs.get("country")
        or (entity.code or entity.country if entity is not None else None)
    )
    return str(code).split()[0].upper() if code else None


def _placeable(view: DocView, m: Mention) -> bool:
    if m.label in PLACEABLE:
        return True
    entity = _entity(view, m)
    return entity is not None and entity.attrs.get("kind") == "people"


def _state_code(view: DocView, m: Mention) -> str | None:
    code = own_code(view, m)
    return code if code and code not in STATELESS else None


def _qualifier(view: DocView, m: Mention, lo: int) -> str | None:
    """The state a nationality adjective in ``m``'s noun phrase names ("Iraqi Kurds")."""
    start = np_start(view, m.start - 1, lo) if m.start > lo else m.start
    for k in range(start, m.start):
        idx = view.mention_at[k]
        if idx >= 0 and view.mentions[idx].adjective:
            code = _state_code(view, view.mentions[idx])
            if code:
                return code
    return None


def sentence_states(view: DocView, start: int, end: int) -> set[str]:
    """The state codes the mentions of a sentence name."""
    out: set[str] = set()
    for m in view.mentions:
        if start <= m.start < end and m.label != "MATERIEL":
            code = _state_code(view, m)
            if code:
                out.add(code)
    return out


def contextual_codes(
    view: DocView, participants: list[Mention], start: int, end: int
) -> dict[str, str]:
    """Codes for the uncoded participants of an event in the sentence ``[start, end)``."""
    out: dict[str, str] = {}
    states: set[str] | None = None
    for m in participants:
        if m.key in out or m.label == "COUNTRY" or own_code(view, m):
            continue
        code = None if m.adjective else _qualifier(view, m, start)
        if code is None and _placeable(view, m):
            states = sentence_states(view, start, end) if states is None else states
            code = next(iter(states)) if len(states) == 1 else None
        if code:
            out[m.key] = code
    return out
