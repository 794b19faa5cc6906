"""An in-memory index of a store that the server holds, so that event and entity queries
answer in about a millisecond instead of scanning tables.

DuckDB scans: even a lookup by primary key costs milliseconds, and picking a page of
events by participant scanned every event, article and sentence. Served stores do not
change under the server (a read-only store cannot be opened for writing elsewhere; a
read-write one is only written by the server's own ingest, which drops the index), so
the server builds this once, on the first query that needs it:

- every event's order key (effective date newest first, then article and offset) as its
  rank, the columns events are filtered on, and posting lists (sorted ranks) by actor,
  recipient, participant, type and article, so a page is a slice of a list;
- entities and their mention counts, surface forms and roles;
- the event rows as :data:`queries.EVENT_SELECT` returns them (joined with their article
  and sentence), copied in rank order into a table of an in-memory database attached to
  the store's, so a page of rows is one scan of a small table instead of three joins;
  the rows of recent pages are also kept in a bounded cache.

Readers that are not the server's (command line, tests) have no index and query SQL;
both give the same items in the same order with the same totals.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from bisect import bisect_left, bisect_right
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

#: Event rows kept between requests; a row is about a kilobyte.
ROW_CACHE = 20_000
#: The in-memory database that holds the event tables; one table per index built.
DATABASE = "newsgraph_index"
_TABLE_NUMBERS = itertools.count()

_EVENT_KEYS = """
SELECT id, article_id, type, modality, actors, recipients, quad_class, when_, language,
       source
FROM {table} ORDER BY rank"""

_MENTION_COUNTS = """
SELECT entity_id, count(*) AS mentions, count(DISTINCT article_id) AS articles,
       list(DISTINCT text ORDER BY text) AS surface_forms
FROM mentions WHERE entity_id IS NOT NULL GROUP BY entity_id"""

_ROLES = """
SELECT entity_id, role, json_extract_string(attrs, '$.role_country') AS country,
       count(*) AS mentions FROM mentions
WHERE entity_id IS NOT NULL AND role IS NOT NULL
GROUP BY ALL ORDER BY entity_id, mentions DESC, role, country NULLS LAST"""

Rows = Callable[[str, list[Any]], list[dict[str, Any]]]
Cursor = Callable[[], duckdb.DuckDBPyConnection]


#: Sorted ranks of the events that have one value (an actor, a type, an article).
Postings = dict[str, np.ndarray]
#: The posting list of a value that no event has.
NONE = np.empty(0, dtype=np.int32)


class Coded:
    """A column of values as integer codes, so that picking the ranks with one value is
    one vectorised comparison instead of a Python loop over every candidate."""

    def __init__(self, values: list[Any]) -> None:
        self.code: dict[Any, int] = {}
        self.codes = np.fromiter(
            (self.code.setdefault(v, len(self.code)) for v in values), np.int32, len(values)
        )

    def equal(self, ranks: np.ndarray, value: Any) -> np.ndarray:
        """The ``ranks`` whose value is ``value``."""
        code = self.code.get(value)
        return ranks[:0] if code is None else ranks[self.codes[ranks] == code]


@dataclass
class EventColumns:
    """Events in rank order, column by column, with posting lists of ranks."""

    ids: list[str]
    when: list[str | None]
    type: list[str | None]
    actors: list[list[str]]
    recipients: list[list[str]]
    quad_class: Coded
    modality: Coded
    language: Coded
    source: Coded
    by_actor: Postings
    by_recipient: Postings
    by_participant: Postings
    by_type: Postings
    by_article: Postings
    dated: int  # ranks below this have a date; the undated come last


class StoreIndex:
    """What the server's queries read instead of scanning (see the module docstring)."""

    def __init__(self, cursor: Cursor, rows: Rows, event_select: str) -> None:
        """``cursor`` opens a cursor on the store's connection, ``rows`` runs a query on
        the caller's cursor, ``event_select`` selects the event rows with their evidence."""
        self.table = f"{DATABASE}.events_{next(_TABLE_NUMBERS)}"
        con = cursor()
        try:
            con.execute(f"ATTACH IF NOT EXISTS ':memory:' AS {DATABASE} (READ_WRITE)")
            con.execute(
                f"CREATE TABLE {self.table} AS SELECT row_number() OVER (ORDER BY when_ DESC "
                "NULLS LAST, article_id, start, id) - 1 AS rank, * "
                f"FROM ({event_select}) ORDER BY rank"
            )
        finally:
            con.close()
        weakref.finalize(self, _drop, cursor, self.table)
        self.events = _event_columns(rows(_EVENT_KEYS.format(table=self.table), []))
        self.entities = {e["id"]: e for e in rows("SELECT * FROM entities", [])}
        self.names = NameSearch(self.entities.values())
        self.mentions = {m.pop("entity_id"): m for m in rows(_MENTION_COUNTS, [])}
        self.roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for role in rows(_ROLES, []):
            self.roles[role.pop("entity_id")].append(role)
        self._rows: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self._relations: dict[str, list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    # -- events ------------------------------------------------------------------------
    def date_range(self, since: str | None, until: str | None) -> tuple[int, int]:
        """Ranks [lo, hi) whose effective date is >= ``since`` and <= ``until`` + '~'
        (the SQL conditions); ranks are newest first, so dates make a contiguous range."""
        ev = self.events
        lo, hi = 0, len(ev.ids)
        if since is not None:
            hi = bisect_left(ev.when, True, 0, ev.dated, key=lambda w: (w or "") < since)
        if until is not None:
            top = until + "~"
            lo = bisect_left(ev.when, True, 0, ev.dated, key=lambda w: (w or "") <= top)
            hi = min(hi, ev.dated)
        return lo, max(lo, hi)

    def event_rows(
        self, ranks: list[int], rows: Rows, finish: Callable[[list[dict[str, Any]]], Any]
    ) -> list[dict[str, Any]]:
        """The event rows of ``ranks`` in that order; ``rows`` runs a query on the caller's
        cursor and ``finish`` completes the rows fetched (decoded, named) in place before
        they are cached, so that a cached row costs nothing more. The rows are copies that
        callers may change; the values inside them are shared with the cache."""
        ids = [self.events.ids[rank] for rank in ranks]
        with self._lock:
            missing = [rank for rank, i in zip(ranks, ids, strict=True) if i not in self._rows]
        fetched: dict[str, dict[str, Any]] = {}
        if missing:
            for row in rows(
                f"SELECT * EXCLUDE (rank) FROM {self.table} WHERE rank IN (SELECT unnest(?))",
                [missing],
            ):
                fetched[row["id"]] = row
            finish(list(fetched.values()))
        with self._lock:
            self._rows.update(fetched)
            out = []
            for i in ids:
                found = self._rows.get(i)
                if found is not None:
                    self._rows.move_to_end(i)
                    out.append(dict(found))
            while len(self._rows) > ROW_CACHE:
                self._rows.popitem(last=False)
        return out

    def relations(self, entity_id: str) -> list[dict[str, Any]]:
        """Counterparts of an entity, counted as :func:`queries.relations` counts them:
        one per (event, counterpart) pair, out when the entity acts, in when acted on."""
        with self._lock:
            known = self._relations.get(entity_id)
        if known is not None:
            return known
        ev = self.events
        counts: dict[str, list[Any]] = {}
        for rank in ev.by_participant.get(entity_id, NONE).tolist():
            kind = ev.type[rank]
            for others, direction, mine in (
                (ev.recipients[rank], 0, ev.actors[rank]),
                (ev.actors[rank], 1, ev.recipients[rank]),
            ):
                if entity_id not in mine:
                    continue
                for other in others:
                    if other is None or other == entity_id:
                        continue
                    c = counts.setdefault(other, [0, 0, set()])
                    c[direction] += 1
                    if kind is not None:
                        c[2].add(kind)
        out = [
            {"other": o, "events": c[0] + c[1], "outgoing": c[0], "incoming": c[1],
             "types": sorted(c[2])}
            for o, c in counts.items()
        ]
        out.sort(key=lambda x: (-x["events"], x["other"]))
        with self._lock:
            self._relations[entity_id] = out
        return out


class NameSearch:
    """Entities by part of their name, as ``name ILIKE '%q%'`` finds them, or by one of
    their aliases, without looking at every entity in Python: the lower-cased names are
    joined in one string that ``str.find`` scans at C speed, and each hit is mapped back
    to its entity by its offset."""

    SEPARATOR = "\x00"

    def __init__(self, entities: Iterable[dict[str, Any]]) -> None:
        self.ids: list[str] = []  # of the entities that have a name, in index order
        self.starts: list[int] = []
        parts: list[str] = []
        at = 0
        self.by_alias: dict[str, list[str]] = defaultdict(list)
        for entity in entities:
            for alias in dict.fromkeys(a.lower() for a in entity["aliases"] or []):
                self.by_alias[alias].append(entity["id"])
            if entity["name"] is None:
                continue
            name = entity["name"].lower()
            self.ids.append(entity["id"])
            self.starts.append(at)
            parts.append(name)
            at += len(name) + 1
        self.blob = self.SEPARATOR.join(parts)

    def containing(self, part: str) -> list[str]:
        """Ids of the entities whose name contains ``part`` (any case), in index order."""
        part = part.lower()
        if not part:
            return list(self.ids)
        if self.SEPARATOR in part:
            return []
        found: dict[str, None] = {}
        at = self.blob.find(part)
        while at >= 0:
            number = bisect_right(self.starts, at) - 1
            found[self.ids[number]] = None
            # Go on from the next name: one hit per entity is enough.
            nxt = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.blob)
            at = self.blob.find(part, nxt)
        return list(found)


def _drop(cursor: Cursor, table: str) -> None:
    """Drop an index's table once the index is gone (nothing if the store is closed)."""
    try:
        con = cursor()
        try:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        finally:
            con.close()
    except duckdb.Error:
        pass


def _event_columns(rows: list[dict[str, Any]]) -> EventColumns:
    postings: dict[str, dict[str, list[int]]] = {
        key: defaultdict(list) for key in ("actor", "recipient", "participant", "type", "article")
    }
    actors = [list(row["actors"] or []) for row in rows]
    recipients = [list(row["recipients"] or []) for row in rows]
    dated = 0
    for rank, row in enumerate(rows):
        if row["when_"] is not None:
            dated = rank + 1
        for key, who in (
            ("actor", actors[rank]), ("recipient", recipients[rank]),
            ("participant", [*actors[rank], *recipients[rank]]),
            ("type", [row["type"]] if row["type"] is not None else []),
            ("article", [row["article_id"]]),
        ):
            for value in dict.fromkeys(who):
                postings[key][value].append(rank)

    def arrays(key: str) -> Postings:
        return {k: np.asarray(v, dtype=np.int32) for k, v in postings[key].items()}

    def coded(column: str) -> Coded:
        return Coded([row[column] for row in rows])

    return EventColumns(
        ids=[row["id"] for row in rows],
        when=[row["when_"] for row in rows],
        type=[row["type"] for row in rows],
        actors=actors,
        recipients=recipients,
        quad_class=coded("quad_class"),
        modality=coded("modality"),
        language=coded("language"),
        source=coded("source"),
        by_actor=arrays("actor"),
        by_recipient=arrays("recipient"),
        by_participant=arrays("participant"),
        by_type=arrays("type"),
        by_article=arrays("article"),
        dated=dated,
    )
