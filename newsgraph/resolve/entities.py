"""Entities across articles and languages: article-level entity ids grouped into one
global entity each, with every alias, mention count, role and country kept.

The entity annotator already gives a knowledge-base id to what the KB knows and a
name-key id ("ent/…") to the rest, so "Massud" and "Masoud Pezeshkian" share an id
whatever article they come from. What is left for this step:

- a name the KB does not know, spelled in a way that another article's spelling of the
  same name folds to (same variant key, :mod:`newsgraph.resolve.variants`), or a KB entity
  that an earlier article named without the KB knowing it: one entity;
- a surname alone ("Shcherbak") in an article that never gives the full name: it joins the
  one person whose full name it is a short form of, only when that person is the only
  candidate, their countries agree, and the article shares at least one other entity with
  the articles that person appears in. The annotator gives every "Brown" one id, but two
  articles' Browns need not be one person: such a surname is resolved per article, under
  the key "<id>@<article>". Two KB entities are never merged: the KB says they differ.

Each global entity (a cluster) keeps the id of its first member (the KB id when there is
one). ``entity_clusters`` maps every article-level id to it, ``entity_profiles`` holds what
is known of it. Both are updated incrementally: a run only reads the mentions of articles
it has not resolved yet, and the profiles carry their counters forward.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from newsgraph.resolve import variants
from newsgraph.resolve.tables import insert_rows
from newsgraph.store import Store

#: Types whose names follow first-name/surname conventions, so a surname can stand alone.
PERSON = "PERSON"
#: Co-occurring entities remembered per entity, to check that a short form is in context.
CONTEXT_SIZE = 30
#: Entities too widely shared to show that two articles speak of the same person.
BROAD_CONTEXT = ("country/", "place/")


@lru_cache(maxsize=1 << 17)
def name_key(name: str) -> str:
    """The variant key of a name (cached: the same names recur in every article). An
    acronym is its letters: transliteration rules would make "PHA" the "FAA"."""
    if name.isupper() and " " not in name.strip():
        return variants.fold(name)
    return variants.name_key(name)


@lru_cache(maxsize=1 << 17)
def word_count(name: str) -> int:
    return len(variants.words(name))


def _surname_only(prof: Profile) -> bool:
    return prof.type == PERSON and not prof.kb and word_count(prof.name) == 1


def _as_observed(item: Observed | Profile) -> Observed:
    """A cluster seen as one observation, to test it against candidate clusters."""
    if isinstance(item, Observed):
        return item
    return Observed(item.id, item.id, item.name, item.type, item.best_country())


def is_kb(entity_id: str) -> bool:
    """KB ids name one real entity each; "ent/" ids come from names the KB lacks."""
    return not entity_id.startswith("ent/")


@dataclass
class Profile:
    """What is known of one global entity, summed over its mentions in all articles."""

    id: str
    name: str
    type: str
    kb: bool
    country: str | None = None
    aliases: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    articles: int = 0
    #: role -> the country and organisation it is of, first and last day, mention count.
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    #: Article-level ids of the entities it was mentioned with (ids that never change).
    context: Counter[str] = field(default_factory=Counter)
    first_seen: date | None = None
    last_seen: date | None = None

    def best_country(self) -> str | None:
        if self.kb and self.country:
            return self.country
        return self.countries.most_common(1)[0][0] if self.countries else self.country

    def display_name(self) -> str:
        """The KB name, else the most frequent full (multi-word) alias."""
        if self.kb or not self.aliases:
            return self.name
        return max(self.aliases, key=lambda a: (word_count(a) > 1, self.aliases[a], len(a)))

    def absorb(self, other: Profile) -> None:
        self.aliases.update(other.aliases)
        self.mentions += other.mentions
        self.articles += other.articles
        self.countries.update(other.countries)
        self.context.update(other.context)
        for name, role in other.roles.items():
            _add_role(self.roles, (name, role["country"], role["org"]), role, role["mentions"])
        self.first_seen = _min(self.first_seen, other.first_seen)
        self.last_seen = _max(self.last_seen, other.last_seen)

    def row(self) -> tuple[Any, ...]:
        roles = [
            {"role": k, **v}
            for k, v in sorted(self.roles.items(), key=lambda kv: (str(kv[1]["first"]), kv[0]))
        ]
        return (
            self.id,
            self.display_name(),
            self.type,
            self.best_country(),
            self.kb,
            json.dumps(dict(self.aliases.most_common()), ensure_ascii=False),
            self.mentions,
            self.articles,
            json.dumps(roles, default=str),
            json.dumps(dict(self.countries.most_common())),
            json.dumps(dict(self.context.most_common(CONTEXT_SIZE))),
            self.first_seen,
            self.last_seen,
        )


def _min(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _add_role(
    roles: dict[str, dict[str, Any]],
    key: tuple[str, str | None, str | None],
    when: dict[str, Any],
    mentions: int,
) -> None:
    """Count a role (name, country, organisation) seen between ``when["first"]`` and
    ``when["last"]``; a mention that omits the country or organisation adds to the role."""
    name, country, org = key
    first, last = _as_date(when.get("first")), _as_date(when.get("last"))
    have = roles.setdefault(
        name, {"country": None, "org": None, "first": first, "last": last, "mentions": 0}
    )
    have["country"] = have["country"] or country or None
    have["org"] = have["org"] or org or None
    have["first"] = _min(have["first"], first)
    have["last"] = _max(have["last"], last)
    have["mentions"] += mentions


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class Observed:
    """One article-level entity as one article mentions it."""

    entity_id: str
    #: The key this entity is resolved under: its id, except for a surname the KB does not
    #: know, which may stand for a different person in each article ("id@article").
    member: str
    name: str
    type: str
    country: str | None
    texts: Counter[str] = field(default_factory=Counter)
    roles: Counter[tuple[str, str | None, str | None]] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    kb_aliases: list[str] = field(default_factory=list)

    @property
    def local(self) -> bool:
        return self.member != self.entity_id

    def names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.kb_aliases, *self.texts]))


class EntityResolver:
    """The global entities of a store, loaded once and updated article by article."""

    def __init__(self) -> None:
        self.member: dict[str, str] = {}  # member key (see Observed.member) -> cluster id
        self.members_of: dict[str, set[str]] = defaultdict(set)
        self.method: dict[str, str] = {}
        self.profiles: dict[str, Profile] = {}
        self.by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.by_surname: dict[str, set[str]] = defaultdict(set)  # PERSON full names
        self.surname_only: dict[str, set[str]] = defaultdict(set)  # local surname clusters
        self.keys_of: dict[str, set[str]] = defaultdict(set)  # cluster -> its indexed keys
        self.first_names: Counter[str] = Counter()  # first words of PERSON full names
        self.changed_members: set[str] = set()
        self.touched: set[str] = set()
        self.removed: set[str] = set()

    # -- state -------------------------------------------------------------------------
    @classmethod
    def load(cls, store: Store) -> EntityResolver:
        self = cls()
        for row in store.rows("SELECT entity_id, cluster_id, method FROM entity_clusters"):
            self.member[row["entity_id"]] = row["cluster_id"]
            self.members_of[row["cluster_id"]].add(row["entity_id"])
            self.method[row["entity_id"]] = row["method"]
        for row in store.rows("SELECT * FROM entity_profiles"):
            prof = Profile(
                id=row["id"],
                name=row["name"],
                type=row["type"],
                kb=bool(row["kb"]),
                country=row["country"],
                aliases=Counter(json.loads(row["aliases"])),
                mentions=row["mentions"],
                articles=row["articles"],
                countries=Counter(json.loads(row["countries"])),
                context=Counter(json.loads(row["context"])),
                first_seen=row["first_seen"],
                last_seen=row["last_seen"],
            )
            for role in json.loads(row["roles"]):
                key = (role["role"], role["country"], role["org"])
                _add_role(prof.roles, key, role, role["mentions"])
            self.profiles[prof.id] = prof
            self._index(prof, [prof.name, *prof.aliases])
        return self

    def _index(self, prof: Profile, names: Iterable[str]) -> None:
        """Index a cluster under its full names: its own name and the names that are more
        than a surname (a surname alone says too little to find a cluster by)."""
        keys = self.keys_of[prof.id]
        own = name_key(prof.name)
        if _surname_only(prof):
            if own and own not in keys:
                keys.add(own)
                self.surname_only[own].add(prof.id)
            return
        for name in names:
            key = name_key(name)
            if not key or key in keys or (key != own and " " not in key and prof.type == PERSON):
                continue
            keys.add(key)
            self.by_key[(prof.type, key)].add(prof.id)
            if prof.type == PERSON and " " in key:
                self.by_surname[key.rsplit(" ", 1)[1]].add(prof.id)
                self.first_names[key.split(" ", 1)[0]] += 1

    def _unindex(self, prof: Profile) -> None:
        for key in self.keys_of.pop(prof.id, set()):
            self.by_key[(prof.type, key)].discard(prof.id)
            self.surname_only[key].discard(prof.id)
            if " " in key:
                self.by_surname[key.rsplit(" ", 1)[1]].discard(prof.id)

    # -- resolution --------------------------------------------------------------------
    def add_article(self, published: date | None, observed: list[Observed]) -> None:
        """Resolve one article's entities (KB ids first: they anchor the context)."""
        observed = sorted(observed, key=lambda o: (not is_kb(o.entity_id), o.entity_id))
        present = {o.entity_id for o in observed}
        for obs in observed:
            self._assign(obs, present - {obs.entity_id})
        for obs in observed:
            cid = self.member[obs.member]
            prof = self.profiles[cid]
            prof.aliases.update(obs.texts)
            prof.mentions += sum(obs.texts.values())
            prof.articles += 1
            prof.countries.update(obs.countries)
            if prof.type == PERSON:  # the context that lets a surname stand for a person
                prof.context.update(present - {obs.entity_id})
            for key, n in obs.roles.items():
                _add_role(prof.roles, key, {"first": published, "last": published}, n)
            prof.first_seen = _min(prof.first_seen, published)
            prof.last_seen = _max(prof.last_seen, published)
            self._index(prof, obs.texts)
            self.touched.add(cid)

    def _assign(self, obs: Observed, context: set[str]) -> str:
        if obs.member in self.member:
            return self.member[obs.member]
        target, method = (None, "kb") if is_kb(obs.entity_id) else self._match(obs, context)
        if target is None:
            target = obs.member
            prof = Profile(target, obs.name, obs.type, is_kb(obs.entity_id), obs.country)
            prof.context.update(context if obs.local else ())
            self.profiles[target] = prof
            self._index(prof, obs.names())
            self._link(obs.member, target, method)
            if not obs.local:
                self._absorb_into(prof, obs, context)
        else:
            self._link(obs.member, target, method)
            self._index(self.profiles[target], obs.names())
        return target

    def _link(self, member: str, cluster: str, method: str) -> None:
        old = self.member.get(member)
        if old is not None:
            self.members_of[old].discard(member)
        self.member[member] = cluster
        self.members_of[cluster].add(member)
        self.method[member] = method
        self.changed_members.add(member)
        self.touched.add(cluster)

    def _compatible(self, prof: Profile, obs: Observed) -> bool:
        theirs = prof.best_country()
        mine = obs.country or (obs.countries.most_common(1)[0][0] if obs.countries else None)
        return prof.type == obs.type and not (theirs and mine and theirs != mine)

    def _match(self, obs: Observed, context: set[str]) -> tuple[str | None, str]:
        """The one cluster a name the KB lacks belongs to, if exactly one fits: the same
        name spelled another way, or the full name a surname stands for."""
        if obs.local:
            found = self._full_names_for(obs.name, obs)
            if len(found) == 1 and self._in_context(obs.name, self.profiles[found[0]], context):
                return found[0], "short_form"
            return None, "new"
        same = {
            cid
            for name in obs.names()
            for cid in self.by_key.get((obs.type, name_key(name)), ())
            if self._compatible(self.profiles[cid], obs)
        }
        if len(same) == 1:
            return same.pop(), "variant"
        return None, "ambiguous" if same else "new"

    def _in_context(self, surname: str, person: Profile, context: set[str]) -> bool:
        """Whether a surname seen alone may be ``person``: it is no one's first name
        ("Paul", "Fabrizio" may be anyone), and its article shares with ``person``'s
        articles an entity other than a country or place (which half the news shares)."""
        if self.first_names[name_key(surname)]:
            return False
        return any(not c.startswith(BROAD_CONTEXT) for c in person.context.keys() & context)

    def _full_names_for(self, short: str, obs: Observed | Profile) -> list[str]:
        surname = name_key(short).rsplit(" ", 1)[-1]
        return sorted(
            cid
            for cid in self.by_surname.get(surname, ())
            if self._compatible(self.profiles[cid], _as_observed(obs))
            and any(
                word_count(a) > 1 and variants.is_short_form(short, a)
                for a in [self.profiles[cid].name, *self.profiles[cid].aliases]
            )
        )

    def _absorb_into(self, prof: Profile, obs: Observed, context: set[str]) -> None:
        """A new entity may be the KB entry for a name seen before the KB knew it, or the
        full name that surnames seen alone in earlier articles stood for: those join it
        (a surname only when this is the one full name it fits and their contexts meet)."""
        found: set[str] = set()
        if prof.kb:
            for name in obs.names():
                found |= {
                    cid
                    for cid in self.by_key.get((prof.type, name_key(name)), ())
                    if not self.profiles[cid].kb and self._compatible(self.profiles[cid], obs)
                }
        if prof.type == PERSON and word_count(prof.name) > 1:
            surname = name_key(prof.name).rsplit(" ", 1)[-1]
            for cid in self.surname_only.get(surname, ()):
                other = self.profiles[cid]
                if (
                    self._compatible(other, obs)
                    and self._in_context(other.name, other, context | {obs.entity_id})
                    and self._full_names_for(other.name, other) == [prof.id]
                ):
                    found.add(cid)
        for cid in sorted(found - {prof.id}):
            self._merge(cid, prof.id)

    def _merge(self, src: str, dst: str) -> None:
        source = self.profiles.pop(src)
        self._unindex(source)
        target = self.profiles[dst]
        target.absorb(source)
        self._index(target, source.aliases)
        for member in sorted(self.members_of.pop(src, set())):
            self._link(member, dst, "merged")
        self.removed.add(src)
        self.touched.discard(src)

    # -- writing -----------------------------------------------------------------------
    def write(self, store: Store) -> None:
        """Store the changed mappings and profiles (inside the caller's transaction)."""
        con = store.con
        members = sorted(self.changed_members)
        con.execute("DELETE FROM entity_clusters WHERE entity_id IN (SELECT unnest(?))", [members])
        insert_rows(con, "entity_clusters", [(m, self.member[m], self.method[m]) for m in members])
        gone = sorted(self.touched | self.removed)
        con.execute("DELETE FROM entity_profiles WHERE id IN (SELECT unnest(?))", [gone])
        insert_rows(
            con,
            "entity_profiles",
            [self.profiles[c].row() for c in sorted(self.touched) if c in self.profiles],
        )


def observed_entities(store: Store, article_ids: list[str]) -> dict[str, list[Observed]]:
    """The entities each article mentions, with their surface forms, roles and countries."""
    rows = store.con.execute(
        """SELECT m.article_id, m.entity_id, m.text, m.role,
                  m.attrs->>'role_country' AS role_country, m.attrs->>'role_org' AS role_org,
                  coalesce(m.attrs->>'country', m.attrs->>'role_country') AS country,
                  e.name, e.type, e.country AS kb_country, e.aliases
           FROM mentions m JOIN entities e ON e.id = m.entity_id
           WHERE m.article_id IN (SELECT unnest(?))
             AND coalesce(e.attrs->>'generic', 'false') <> 'true'""",
        [article_ids],
    ).fetchall()
    out: dict[str, dict[str, Observed]] = defaultdict(dict)
    for aid, eid, text, role, role_country, role_org, country, name, etype, kbc, aliases in rows:
        obs = out[aid].get(eid)
        if obs is None:
            local = etype == PERSON and not is_kb(eid) and word_count(name) == 1
            obs = out[aid][eid] = Observed(
                eid,
                f"{eid}@{aid}" if local else eid,
                name,
                etype,
                kbc,
                kb_aliases=list(aliases or []) if is_kb(eid) else [],
            )
        obs.texts[text] += 1
        if role:
            obs.roles[(role, role_country, role_org)] += 1
        if country and not is_kb(eid):
            obs.countries[country] += 1
    return {aid: list(ents.values()) for aid, ents in out.items()}
