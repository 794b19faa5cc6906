"""Resolution inside one article: short forms, roles, and one entity record per actor.

- A surname alone ("Pezeshkian", "Sullivan") is the person of that surname named in
  full somewhere in the article, when exactly one such person is; with two (Joe and Jill
  Biden) it links to neither, but is still a person's name ("i fratelli Brunazzi"). A
  first name alone ("Ottavia", once "Ottavia Ferlenghi" is named) is the one person
  named in full with it, when no surname reading applies. Spelling variants of a full
  name share an entity through the KB or through their variant key
  (:mod:`newsgraph.resolve.variants`).
- Each person mention gets the role the text gives it (:mod:`.roles`), and the role the
  KB records for the article's date; the KB's dated role is preferred, the text's is
  kept beside it (``role_text``).
- Each entity gets an :class:`~newsgraph.model.Entity` record with every surface form
  seen in the article among its aliases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsgraph.annotate.entities.cues import Cues
from newsgraph.annotate.entities.mentions import KB, Found
from newsgraph.annotate.entities.names import GIVEN_NAME_RULE
from newsgraph.annotate.entities.roles import RoleInfo, Roles
from newsgraph.annotate.entities.tokens import CAPITALISED, TokenView
from newsgraph.kb import KB as KnowledgeBase
from newsgraph.kb import Entry
from newsgraph.model import Entity, stable_id
from newsgraph.resolve.variants import word_key, words

SHORT_FORM_RULE = "entities.short_form"
#: A surname shared by two people named in the article: a mention of neither.
AMBIGUOUS_RULE = "entities.ambiguous_surname"


def article_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


#: A city this large is not overridden by a surname reading of its name.
LARGE_CITY = 100_000


def _lone_first_name(found: Found) -> bool:
    """A person guessed from a listed first name alone ("Ottavia era la favorita"): the
    person of that first name named in full, if the article has one, is meant."""
    return found.size == 1 and found.label == "PERSON" and found.rule == GIVEN_NAME_RULE


def _replaceable(found: Found | None) -> bool:
    """A one-word mention that a surname reading may override: a guess, an acronym, or
    a small bulk place name ("Bassano" the town when Ettore Bassano is in the text)."""
    if found is None:
        return True
    if found.size != 1 or found.label == "PERSON":
        return False
    entry = found.entry
    if entry is not None and entry.attrs.get("bulk"):
        return entry.rank < LARGE_CITY
    return found.priority < KB


def _standalone(word: str, cues: Cues) -> str | None:
    """The key of a word of a person's name that can stand alone for the person: three
    letters or more, not an ordinary word or a head word ("Ministro", "Airlines")."""
    if len(word) < 3 or word in cues.common or word in cues.org_heads or word in cues.loc_heads:
        return None
    if (word,) in cues.roles or word in cues.org_tails:
        return None
    return word_key(word)


def _surname(found: Found, cues: Cues) -> str | None:
    """The key of a person mention's surname, if it can stand alone."""
    if found.label != "PERSON" or found.size < 2:
        return None
    names = words(found.name)
    return _standalone(names[-1], cues) if names else None


def _first_name(found: Found, view: TokenView, cues: Cues) -> str | None:
    """The key of a person mention's first name, if it can stand alone: a name of two
    or three words, all written in small letters after their capital (not "Zorvo OS",
    "Tab S", "Leopoldo II": products and monarchs, whose first word alone is not the
    person)."""
    if found.label != "PERSON" or not 2 <= found.size <= 3:
        return None
    if not all(_plain_word(view.text[i]) for i in range(found.start, found.end)):
        return None
    names = words(found.name)
    return _standalone(names[0], cues) if names else None


def _plain_word(text: str) -> bool:
    return len(text) >= 2 and text[0].isupper() and text[1:].replace("-", "").islower()


def with_name_titles(view: TokenView, selected: list[Found], cues: Cues) -> list[Found]:
    """``selected`` with each person's mention taking in the title written as part of
    the name right before it ("don Abbondio", "suor Angelica"); the entity's name stays
    without it."""
    taken = {i for f in selected for i in range(f.start, f.end)}
    for f in selected:
        h = f.start - 1
        titled = h >= 0 and view.key[h] in cues.name_titles and view.same_sentence(h, f.start)
        if f.label == "PERSON" and titled and h not in taken:
            f.start = h
            taken.add(h)
    return selected


def short_forms(view: TokenView, selected: list[Found], cues: Cues) -> list[Found]:
    """``selected`` with each surname alone linked to the one person of that surname
    named in full, or, where two are (Joe and Jill Biden), to neither."""
    owners: dict[str, set[str]] = {}
    given: dict[str, set[str]] = {}
    other_uses: set[str] = set()  # first words of mentions that are no first names
    full: dict[str, Found] = {}
    for f in selected:
        key = _surname(f, cues)
        if key is not None:
            owners.setdefault(key, set()).add(f.entity)
            full[f.entity] = f
        key = _first_name(f, view, cues)
        if key is not None:
            given.setdefault(key, set()).add(f.entity)
            full[f.entity] = f
        elif not _lone_first_name(f):  # the first name alone is the same use of it
            other_uses.add(word_key(view.key[f.start]))
    for key in other_uses:
        given.pop(key, None)  # "Zorvo" of "Zorvo OS" and of "Zorvo Lento"
    if not owners and not given:
        return selected
    covering = {i: f for f in selected for i in range(f.start, f.end)}
    replaced: set[int] = set()
    added = []
    for i in view.flagged(CAPITALISED):  # a name alone starts with a capital
        if view.sentence_of[i] < 0:
            continue
        text = view.text[i]
        if view.first_word[i] and view.key[i] in cues.common:
            continue
        ids = owners.get(word_key(view.key[i]))
        current = covering.get(i)
        lone_first = current is not None and _lone_first_name(current)
        if not ids and (current is None or lone_first) and _plain_word(text):
            ids = given.get(word_key(view.key[i]))
            ids = ids if ids is not None and len(ids) == 1 else None
        if not ids:
            continue
        if len(ids) == 1 and (_replaceable(current) or lone_first):
            person = full[next(iter(ids))]
            attrs = {k: v for k, v in person.attrs.items() if k in ("code", "country")}
            rule, confidence = SHORT_FORM_RULE, 0.85
            found = Found(
                i,
                i + 1,
                "PERSON",
                person.entity,
                person.name,
                rule,
                confidence,
                KB,
                person.entry,
                attrs,
            )
        elif len(ids) > 1 and (
            current is None or (current.size == 1 and current.label == "PERSON")
        ):
            entity = "ent/" + stable_id("PERSON", view.key[i])
            attrs = {"candidates": sorted(ids)}
            found = Found(i, i + 1, "PERSON", entity, text, AMBIGUOUS_RULE, 0.4, KB, attrs=attrs)
        else:
            continue
        if current is not None:
            replaced.add(id(current))
        added.append(found)
    if not added:
        return selected
    kept = [f for f in selected if id(f) not in replaced]
    return sorted(kept + added, key=lambda f: f.start)


@dataclass
class EntityBuilder:
    """Collects the entity records of one article as mentions are resolved."""

    kb: KnowledgeBase
    day: date | None
    records: dict[str, Entity] = field(default_factory=dict)

    def add(self, found: Found, surface: str) -> None:
        record = self.records.get(found.entity)
        if record is None:
            record = self._new(found)
            self.records[found.entity] = record
        if surface not in record.aliases:
            record.aliases.append(surface)
        if found.entry is None and len(found.name) > len(record.name):
            record.name = found.name  # the fullest form of a name not in the KB
        for key in ("stands_for", "place"):
            linked = self.kb.get(found.attrs.get(key))
            if linked is not None and linked.id not in self.records:
                self.records[linked.id] = self._from_entry(linked)

    def _new(self, found: Found) -> Entity:
        if found.entry is not None and found.entry.id == found.entity:
            return self._from_entry(found.entry)
        attrs: dict[str, Any] = {"kb": False}
        for key in ("institution", "generic"):
            if key in found.attrs:
                attrs[key] = found.attrs[key]
        return Entity(
            id=found.entity,
            name=found.name,
            type=found.label,
            country=_str(found.attrs.get("country")),
            code=_str(found.attrs.get("code")),
            attrs=attrs,
        )

    def _from_entry(self, entry: Entry) -> Entity:
        attrs: dict[str, Any] = {"kb": True}
        for key in ("lat", "lon", "population", "kind", "capital", "class", "generic"):
            if key in entry.attrs:
                attrs[key] = entry.attrs[key]
        if entry.stands_for:
            attrs["stands_for"] = entry.stands_for
        roles = entry.roles_on(self.day)
        if roles:
            attrs["roles"] = [r.to_dict() for r in roles]
        aliases = [n for n in entry.names.get("en", ()) if n != entry.name]
        return Entity(
            id=entry.id,
            name=entry.name,
            type=entry.type,
            country=entry.country,
            code=entry.code,
            aliases=[entry.name, *aliases],
            attrs=attrs,
        )

    def person_role(self, found: Found, info: RoleInfo | None) -> None:
        """Role attributes of a person mention and of its entity record."""
        kb_roles = found.entry.roles_on(self.day) if found.entry is not None else []
        attrs = found.attrs
        if info is not None and info.title:
            attrs["title"] = info.title
        if info is not None and info.role:
            attrs["role_text"] = info.role
        if kb_roles:
            role = kb_roles[0]
            attrs.update(role=role.role, role_source="kb")
            if role.country:
                attrs["role_country"] = role.country
            if role.org:
                attrs["role_org"] = role.org
            if role.code:
                attrs["code"] = role.code
        elif info is not None and (info.role or info.title):
            attrs.update(role=info.role or info.title, role_source="text")
        if info is not None:
            if info.country:
                attrs.setdefault("role_country", info.country)
                attrs.setdefault("country", info.country)
            if info.org:
                attrs.setdefault("role_org", info.org)
                attrs.setdefault("org_name", info.org_name)
            if info.sector and "code" not in attrs and info.country:
                country = self.kb.country(info.country)
                if country is not None and country.code:
                    attrs["code"] = f"{country.code} {info.sector}"
        if self.day is not None and "role" in attrs:
            attrs["role_date"] = self.day.isoformat()
        record = self.records.get(found.entity)
        if record is None:
            return
        if record.country is None and attrs.get("country"):
            record.country = str(attrs["country"])
        if record.code is None and attrs.get("code"):
            record.code = str(attrs["code"])
        if attrs.get("role_source") == "text":
            keys = {
                "role": "role",
                "country": "role_country",
                "org": "role_org",
                "date": "role_date",
            }
            stated = {k: attrs[a] for k, a in keys.items() if attrs.get(a) is not None}
            stated["source"] = "text"
            known = record.attrs.setdefault("roles", [])
            if stated not in known:
                known.append(stated)


def _str(value: object) -> str | None:
    return str(value) if value else None


def attach_roles(
    view: TokenView, selected: list[Found], roles: Roles, builder: EntityBuilder
) -> None:
    by_start = {f.start: f for f in selected}
    by_end = {f.end: f for f in selected}
    for f in selected:
        if f.label == "PERSON":
            builder.person_role(f, roles.around(view, f, by_start, by_end))
