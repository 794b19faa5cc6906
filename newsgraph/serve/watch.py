"""Watchlists: the actors, pairs and PLOVER event types an analyst follows, and what in the
store matches them.

A watchlist is a small YAML (or ``.json``) file a person can edit by hand::

    name: russia-iran          # optional; keys what `watch check` has reported
    actors: [Russia, person/masoud-pezeshkian]
    pairs: [[Russia, Iran]]
    event_types: [AGREE, ASSAULT, SANCTION]

Actors are entity ids or names (an entity's name or any of its aliases, any case). An event
matches when a watched actor takes part in it (as actor or recipient), or when both sides
of a watched pair do; with ``event_types`` only events of those types match, and a
watchlist with types but no actors or pairs matches every event of those types.
Quotations match when a watched actor is the speaker.

``check`` reports what matched and was not reported before, and records it in the store
(``watch_reported``), so each match is reported once even when articles are re-annotated
(event ids are stable) and whatever order articles arrive in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from newsgraph import ontology
from newsgraph.export.tables import (
    EntityInfo,
    article_title,
    iter_events,
    participants,
    quotes,
    with_entities,
)
from newsgraph.store import Store


class WatchError(ValueError):
    """A watch file that cannot be read or an entry that is not valid."""


@dataclass
class Watchlist:
    actors: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)
    name: str | None = None
    path: Path | None = None

    @property
    def key(self) -> str:
        """What identifies this watchlist in the store: its name, else its file."""
        if self.name:
            return self.name
        return str(self.path.resolve()) if self.path else "(unsaved)"

    @property
    def empty(self) -> bool:
        return not (self.actors or self.pairs or self.event_types)

    # -- file ----------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path, missing_ok: bool = False) -> Watchlist:
        p = Path(path)
        if not p.exists():
            if missing_ok:
                return cls(path=p)
            raise WatchError(f"no watch file {p}; create one with `newsgraph watch add`")
        try:
            text = p.read_text(encoding="utf-8")
            data = json.loads(text) if p.suffix == ".json" else yaml.safe_load(text)
        except (OSError, ValueError, yaml.YAMLError) as exc:
            raise WatchError(f"cannot read watch file {p}: {exc}") from exc
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise WatchError(f"{p}: a watch file is a mapping with actors, pairs, event_types")
        unknown = set(data) - {"name", "actors", "pairs", "event_types"}
        if unknown:
            raise WatchError(f"{p}: unknown keys {sorted(unknown)}")
        wl = cls(name=data.get("name"), path=p)
        wl.add(
            actors=_strings(data.get("actors"), f"{p}: actors"),
            pairs=[_pair(x, f"{p}: pairs") for x in data.get("pairs") or []],
            event_types=_strings(data.get("event_types"), f"{p}: event_types"),
        )
        return wl

    def save(self, path: str | Path | None = None) -> Path:
        target = Path(path or self.path or "watch.yaml")
        data: dict[str, Any] = {}
        if self.name:
            data["name"] = self.name
        data["actors"] = list(self.actors)
        data["pairs"] = [list(p) for p in self.pairs]
        data["event_types"] = list(self.event_types)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".json":
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        else:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        target.write_text(text, encoding="utf-8")
        self.path = target
        return target

    # -- editing ---------------------------------------------------------------------
    def add(
        self,
        actors: Iterable[str] = (),
        pairs: Iterable[tuple[str, str]] = (),
        event_types: Iterable[str] = (),
    ) -> int:
        """Add entries not already there; returns how many were added."""
        before = len(self.actors) + len(self.pairs) + len(self.event_types)
        for a in actors:
            if a.strip() and a.strip() not in self.actors:
                self.actors.append(a.strip())
        for pair in pairs:
            p = _pair(pair, "pair")
            if p not in self.pairs and (p[1], p[0]) not in self.pairs:
                self.pairs.append(p)
        for t in event_types:
            name = _event_type(t)
            if name not in self.event_types:
                self.event_types.append(name)
        return len(self.actors) + len(self.pairs) + len(self.event_types) - before

    def remove(
        self,
        actors: Iterable[str] = (),
        pairs: Iterable[tuple[str, str]] = (),
        event_types: Iterable[str] = (),
    ) -> int:
        """Remove entries (a pair in either order); returns how many were removed."""
        before = len(self.actors) + len(self.pairs) + len(self.event_types)
        drop_actors = {a.strip() for a in actors}
        drop_pairs = {frozenset(_pair(p, "pair")) for p in pairs}
        drop_types = {t.strip().upper() for t in event_types}
        self.actors = [a for a in self.actors if a not in drop_actors]
        self.pairs = [p for p in self.pairs if frozenset(p) not in drop_pairs]
        self.event_types = [t for t in self.event_types if t not in drop_types]
        return before - len(self.actors) - len(self.pairs) - len(self.event_types)


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise WatchError(f"{where} is a list of strings")
    return value


def _pair(value: Any, where: str) -> tuple[str, str]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(isinstance(v, str) and v.strip() for v in value)
    ):
        raise WatchError(f"{where}: a pair is two actors, got {value!r}")
    return (value[0].strip(), value[1].strip())


def _event_type(name: str) -> str:
    upper = name.strip().upper()
    if upper not in ontology.load().types:
        known = ", ".join(ontology.load().types)
        raise WatchError(f"{name!r} is not a PLOVER event type ({known})")
    return upper


# -- resolution and matching -----------------------------------------------------------

#: Aliases are compared case-insensitively; joining them with a separator that cannot
#: occur in a name lets one lower() cover the list on every DuckDB version.
ENTITY_SQL = """
SELECT id FROM entities
WHERE id = ? OR lower(name) = lower(?)
   OR list_contains(string_split(lower(array_to_string(aliases, chr(31))), chr(31)), lower(?))
"""


def entity_ids(store: Store, term: str) -> set[str]:
    """The entities a watched actor stands for: the entity with that id, or those with
    that name or alias."""
    return {r["id"] for r in store.rows(ENTITY_SQL, [term, term, term])}


@dataclass
class Resolved:
    """A watchlist with its names turned into entity ids."""

    watchlist: Watchlist
    actors: dict[str, set[str]]
    pairs: dict[tuple[str, str], tuple[set[str], set[str]]]

    @property
    def ids(self) -> set[str]:
        out = set().union(*self.actors.values()) if self.actors else set()
        for a, b in self.pairs.values():
            out |= a | b
        return out

    @property
    def terms(self) -> dict[str, set[str]]:
        """Every watched name (actors and both sides of pairs) with its entity ids."""
        out = dict(self.actors)
        for pair, sides in self.pairs.items():
            out.update(zip(pair, sides, strict=True))
        return out

    def unresolved(self) -> list[str]:
        """Watched names that match no entity in the store (yet)."""
        return sorted(term for term, ids in self.terms.items() if not ids)

    def reasons(self, event: dict[str, Any]) -> list[str]:
        """Why the event matches the watchlist (empty when it does not)."""
        wl = self.watchlist
        if wl.event_types and event["type"] not in wl.event_types:
            return []
        people = set(participants(event))
        out = [f"actor {term}" for term, ids in self.actors.items() if ids & people]
        for (a, b), (ids_a, ids_b) in self.pairs.items():
            if ids_a & people and ids_b & people and len((ids_a | ids_b) & people) > 1:
                out.append(f"pair {a} – {b}")
        if not out and not (self.actors or self.pairs):
            out.append(f"type {event['type']}")
        return out


def resolve(store: Store, watchlist: Watchlist) -> Resolved:
    actors = {a: entity_ids(store, a) for a in watchlist.actors}
    pairs = {p: (entity_ids(store, p[0]), entity_ids(store, p[1])) for p in watchlist.pairs}
    return Resolved(watchlist, actors, pairs)


@dataclass
class EventItem:
    """A matched (or listed) event, ready to show: names instead of ids."""

    id: str
    type: str
    mode: str | None
    modality: str
    date: str | None
    day: str
    actors: list[str]
    recipients: list[str]
    location: str | None
    evidence: str
    article_id: str
    title: str
    url: str | None
    reasons: list[str] = field(default_factory=list)

    @classmethod
    def from_row(
        cls, event: dict[str, Any], infos: dict[str, EntityInfo], reasons: Sequence[str] = ()
    ) -> EventItem:
        def name(eid: str) -> str:
            return infos[eid].name if eid in infos else eid

        return cls(
            id=event["id"],
            type=event["type"],
            mode=event["mode"],
            modality=event["modality"],
            date=event["date"],
            day=str(event["day"]),
            actors=[name(a) for a in event["actors"] or []],
            recipients=[name(r) for r in event["recipients"] or []],
            location=name(event["location"]) if event["location"] else None,
            evidence=event["sentence_text"] or event["trigger"],
            article_id=event["article_id"],
            title=article_title(event["title"], event["text_head"], event["origin"]),
            url=event["url"],
            reasons=list(reasons),
        )

    def line(self) -> str:
        """One line of plain text, for the terminal."""
        who = ", ".join(self.actors) or "?"
        to = f" → {', '.join(self.recipients)}" if self.recipients else ""
        mode = f"/{self.mode}" if self.mode else ""
        when = self.date or f"(reported {self.day})"
        modality = "" if self.modality == "asserted" else f" ({self.modality})"
        return f"{when} {self.type}{mode}{modality}: {who}{to}"


def matching_events(
    store: Store, resolved: Resolved, where: str = "", params: Sequence[Any] = ()
) -> list[EventItem]:
    """Events (restricted by ``where`` over ``e``, ``a``, ``d``) that match the watchlist."""
    wl = resolved.watchlist
    clauses, args = ([where], list(params)) if where else ([], [])
    if wl.actors or wl.pairs:
        ids = sorted(resolved.ids)
        if not ids:
            return []
        clauses.append("list_has_any(list_concat(e.actors, e.recipients), ?)")
        args.append(ids)
    elif not wl.event_types:
        return []
    if wl.event_types:
        clauses.append("e.type IN (SELECT unnest(?))")
        args.append(list(wl.event_types))
    rows = iter_events(store, " AND ".join(f"({c})" for c in clauses), args, order="d.day, e.id")
    out = []
    for event, infos in with_entities(store, rows):
        reasons = resolved.reasons(event)
        if reasons:
            out.append(EventItem.from_row(event, infos, reasons))
    return out


def watched_quotes(
    store: Store, resolved: Resolved, where: str = "", params: Sequence[Any] = ()
) -> list[dict]:
    """Quotations whose speaker is a watched actor."""
    speakers = sorted(set().union(*resolved.actors.values())) if resolved.actors else []
    if not speakers:
        return []
    clause = "q.speaker IN (SELECT unnest(?))" + (f" AND ({where})" if where else "")
    return quotes(store, clause, [speakers, *params])


# -- check -----------------------------------------------------------------------------
@dataclass
class CheckResult:
    key: str
    last_run: str | None
    events: list[EventItem]
    quotes: list[dict]
    unresolved: list[str]


def _meta_key(key: str) -> str:
    return f"watch.last_run:{key}"


def check(store: Store, watchlist: Watchlist) -> CheckResult:
    """What matches the watchlist and was not reported before; marks it reported."""
    resolved = resolve(store, watchlist)
    key = watchlist.key
    row = store.rows("SELECT value FROM meta WHERE key = ?", [_meta_key(key)])
    last_run = row[0]["value"] if row else None
    unseen = (
        "{alias}.id NOT IN (SELECT item_id FROM watch_reported "
        "WHERE watchlist = ? AND kind = '{kind}')"
    )
    events = matching_events(store, resolved, unseen.format(alias="e", kind="event"), [key])
    said = watched_quotes(store, resolved, unseen.format(alias="q", kind="quote"), [key])
    now = datetime.now(UTC).replace(tzinfo=None)
    reported = [[key, "event", e.id, now] for e in events]
    reported += [[key, "quote", q["id"], now] for q in said]
    store.con.execute("BEGIN")
    try:
        if reported:
            store.con.executemany(
                "INSERT OR IGNORE INTO watch_reported VALUES (?, ?, ?, ?)", reported
            )
        store.con.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", [_meta_key(key), now.isoformat()]
        )
        store.con.execute("COMMIT")
    except BaseException:
        store.con.execute("ROLLBACK")
        raise
    return CheckResult(key, last_run, events, said, resolved.unresolved())
