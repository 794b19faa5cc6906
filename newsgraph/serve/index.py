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
from bisect import bisect_left
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb

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
GROUP BY ALL ORDER BY entity_id, mentions DESC, role"""

Rows = Callable[[str, list[Any]], list[dict[str, Any]]]
Cursor = Callable[[], duckdb.DuckDBPyConnection]


@dataclass
class EventColumns:
    """Events in rank order, column by column, with posting lists of ranks."""

    ids: list[str] = field(default_factory=list)
    when: list[str | None] = field(default_factory=list)
    article: list[str] = field(default_factory=list)
    type: list[str | None] = field(default_factory=list)
    quad_class: list[int | None] = field(default_factory=list)
    modality: list[str | None] = field(default_factory=list)
    language: list[str | None] = field(default_factory=list)
    source: list[str | None] = field(default_factory=list)
    actors: list[list[str]] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)
    by_actor: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_recipient: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_participant: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_type: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_article: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    dated: int = 0  # ranks below this have a date; the undated come last


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

    def event_rows(self, ranks: list[int], rows: Rows) -> list[dict[str, Any]]:
        """The event rows of ``ranks`` in that order (copies: callers may change them);
        ``rows`` runs a query on the caller's cursor."""
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
        for rank in ev.by_participant.get(entity_id, ()):
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
    ev = EventColumns()
    for rank, row in enumerate(rows):
        actors, recipients = list(row["actors"] or []), list(row["recipients"] or [])
        ev.ids.append(row["id"])
        ev.when.append(row["when_"])
        ev.article.append(row["article_id"])
        ev.type.append(row["type"])
        ev.quad_class.append(row["quad_class"])
        ev.modality.append(row["modality"])
        ev.language.append(row["language"])
        ev.source.append(row["source"])
        ev.actors.append(actors)
        ev.recipients.append(recipients)
        if row["when_"] is not None:
            ev.dated = rank + 1
        for who in dict.fromkeys(actors):
            ev.by_actor[who].append(rank)
        for who in dict.fromkeys(recipients):
            ev.by_recipient[who].append(rank)
        for who in dict.fromkeys([*actors, *recipients]):
            ev.by_participant[who].append(rank)
        if row["type"] is not None:
            ev.by_type[row["type"]].append(rank)
        ev.by_article[row["article_id"]].append(rank)
    for postings in (ev.by_actor, ev.by_recipient, ev.by_participant, ev.by_type, ev.by_article):
        postings.default_factory = None  # type: ignore[attr-defined]
    return ev
