""" "La sua controparte iraniana", "his Iranian counterpart": who that is.

A counterpart phrase names no one, but with the entity layer's facts it is resolvable: the
person of the article whose country is the adjective's country and whose role is the
role of the person it is the counterpart of (the president's counterpart is a president);
without a role to compare, only a single person of that country qualifies.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from newsgraph.annotate.events.tokens import DocView, Mention


@lru_cache(maxsize=512)
def _alpha2(code: str) -> str:
    code = code.strip().upper()
    if len(code) == 3:
        found = pycountry.countries.get(alpha_3=code)
        return found.alpha_2 if found else code
    return code


def _facts(view: DocView, m: Mention) -> tuple[str | None, str | None]:
    """(country as ISO alpha-2, role) of a mention, from the mention and its entity."""
    attrs = m.span._.attrs or {}
    entity = (view.doc._.entities or {}).get(m.entity_id) if m.entity_id else None
    country = attrs.get("country") or (entity.country if entity else None)
    if m.label == "COUNTRY" and not country and entity is not None:
        country = entity.code
    role = attrs.get("role") or (entity.attrs.get("role") if entity else None)
    return (_alpha2(str(country)) if country else None), (str(role).lower() if role else None)


def resolve(view: DocView, adjective: Mention, partner: list[Mention]) -> Mention | None:
    """The person an adjective in a counterpart phrase stands for, if the article says."""
    country, _ = _facts(view, adjective)
    if country is None:
        return None
    roles = {r for m in partner if (r := _facts(view, m)[1])}
    people: dict[str, Mention] = {}
    for m in view.mentions:
        if m.label == "PERSON" and m.key not in people and _facts(view, m)[0] == country:
            people[m.key] = m
    if roles:
        same = [m for m in people.values() if _facts(view, m)[1] in roles]
        if len(same) == 1:
            return same[0]
    return next(iter(people.values())) if len(people) == 1 else None


def in_counterpart_phrase(view: DocView, m: Mention, lo: int) -> bool:
    nouns = view.lex.words.get("counterpart_nouns")
    if nouns is None:
        return False
    return any(
        view.norm[k] in nouns for k in range(max(lo, m.start - 3), min(len(view.norm), m.end + 3))
    )
