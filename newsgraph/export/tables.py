"""Events (and quotations) read back from the store with what every consumer needs
around them.

The PLOVER and GDELT-style exports, the watchlists and the digest all want the same
view of an event: its participants as entities (names, codes, countries), the article it
was reported in (title, URL, source, the day it counts for) and the sentence that is its
evidence. This module builds that view once, in a few set-based queries, so each consumer
only formats it.

An article's *day* is its publication date; when the date is unknown it is the day the
article was first stored (``origins.first_seen``), so every article belongs to one day.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsgraph.store import Store

#: One row per article: the day it counts for and where that day came from.
ARTICLE_DAYS_SQL = """
SELECT a.id AS article_id,
       coalesce(try_cast(left(a.published, 10) AS DATE), CAST(o.first_seen AS DATE)) AS day,
       CASE WHEN try_cast(left(a.published, 10) AS DATE) IS NOT NULL
            THEN 'published' ELSE 'stored' END AS day_source,
       o.first_seen
FROM articles a
LEFT JOIN (SELECT article_id, min(first_seen) AS first_seen FROM origins GROUP BY 1) o
       ON o.article_id = a.id
"""

#: Events with their article, day and evidence sentence; callers add a WHERE clause.
EVENTS_SQL = f"""
WITH days AS ({ARTICLE_DAYS_SQL})
SELECT e.*, d.day, d.day_source, d.first_seen,
       a.title, a.url, a.source, a.language, a.published, a.origin,
       left(a.text, 200) AS text_head,
       s.text AS sentence_text
FROM events e
JOIN articles a ON a.id = e.article_id
JOIN days d ON d.article_id = e.article_id
LEFT JOIN sentences s ON s.article_id = e.article_id AND s."index" = e.sentence
"""

#: How many characters of an untitled article's text stand in for its title.
TITLE_CHARS = 90


@dataclass(frozen=True)
class EntityInfo:
    """What an export says about one participant."""

    id: str
    name: str
    type: str
    country: str | None  # ISO 3166 alpha-2
    code: str | None  # "IRN GOV": country (alpha-3 or IGO code) and sectors
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def country_code(self) -> str | None:
        """The three-letter country (or international actor) part of the code."""
        return self.code.split()[0] if self.code else None

    @property
    def sectors(self) -> list[str]:
        return self.code.split()[1:] if self.code else []

    @property
    def office(self) -> str | None:
        roles = self.attrs.get("roles") or []
        return str(roles[0].get("role")) if roles and isinstance(roles[0], dict) else None


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return {}
    return value or {}


def entities(store: Store, ids: Sequence[str]) -> dict[str, EntityInfo]:
    """The entities among ``ids`` (unknown ids are left out)."""
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = store.rows(
        "SELECT id, name, type, country, code, attrs FROM entities WHERE id IN (SELECT unnest(?))",
        [wanted],
    )
    return {
        r["id"]: EntityInfo(
            r["id"], r["name"], r["type"], r["country"], r["code"], _json(r["attrs"])
        )
        for r in rows
    }


def country_names(store: Store) -> dict[str, str]:
    """ISO alpha-2 code -> country name, from the country entities in the store."""
    rows = store.rows("SELECT country, name FROM entities WHERE type = 'COUNTRY' ORDER BY id")
    return {r["country"]: r["name"] for r in rows if r["country"]}


def iter_events(
    store: Store, where: str = "", params: Sequence[Any] = (), order: str = "e.id"
) -> Iterator[dict[str, Any]]:
    """Event rows joined with their article; ``attrs`` parsed. ``where`` is SQL over
    ``e`` (events), ``a`` (articles) and ``d`` (days)."""
    sql = EVENTS_SQL + (f" WHERE {where}" if where else "") + f" ORDER BY {order}"
    # A cursor of its own, so callers may query the store while they iterate.
    cur = store.con.cursor()
    try:
        cur.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        while chunk := cur.fetchmany(1000):
            for row in chunk:
                event = dict(zip(names, row, strict=True))
                event["attrs"] = _json(event["attrs"])
                yield event
    finally:
        cur.close()


def has_table(store: Store, name: str) -> bool:
    return bool(store.rows("SELECT 1 FROM information_schema.tables WHERE table_name = ?", [name]))


def cross_document(store: Store, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """For events merged across articles (``newsgraph.resolve``'s ``event_clusters``): the
    real event's id, how many mentions, articles and sources report it, and its date when
    another article supplies it. Empty for a store without that step."""
    if not event_ids or not has_table(store, "event_clusters"):
        return {}
    rows = store.rows(
        """SELECT c.event_id, c.cluster_id, c.date AS cluster_date, c.date_from,
                  p.date_granularity AS cluster_granularity, p.mentions, p.articles,
                  (SELECT count(DISTINCT coalesce(a.source, a.id)) FROM articles a
                   WHERE a.id IN (SELECT unnest(p.article_ids))) AS sources
           FROM event_clusters c JOIN event_profiles p ON p.id = c.cluster_id
           WHERE c.event_id IN (SELECT unnest(?))""",
        [list(event_ids)],
    )
    return {r.pop("event_id"): r for r in rows}


def with_entities(
    store: Store, events: Iterable[dict[str, Any]], size: int = 1000
) -> Iterator[tuple[dict[str, Any], dict[str, EntityInfo]]]:
    """Each event with the entities of its participants and place, looked up a batch of
    events at a time; the event gains ``cross`` (see :func:`cross_document`)."""
    batch: list[dict[str, Any]] = []

    def flush() -> Iterator[tuple[dict[str, Any], dict[str, EntityInfo]]]:
        ids = [p for e in batch for p in participants(e)] + [e["location"] for e in batch]
        infos = entities(store, ids)
        cross = cross_document(store, [e["id"] for e in batch])
        for e in batch:
            e["cross"] = cross.get(e["id"])
            yield e, infos
        batch.clear()

    for event in events:
        batch.append(event)
        if len(batch) >= size:
            yield from flush()
    yield from flush()


def participants(event: dict[str, Any]) -> list[str]:
    """Entity ids of the event's actors and recipients, in order, without repeats."""
    return list(dict.fromkeys([*(event["actors"] or []), *(event["recipients"] or [])]))


def report_counts(event: dict[str, Any]) -> tuple[int, int, int]:
    """(mentions, sources, articles) reporting the real event: across articles when the
    cross-document step merged it, else this article's own mentions of it (the coder
    merges what one article says twice) in one article from one source."""
    cross = event.get("cross")
    if cross and cross.get("mentions"):
        return int(cross["mentions"]), int(cross["sources"] or 1), int(cross["articles"] or 1)
    return 1 + len(event["attrs"].get("mentions") or []), 1, 1


def article_title(title: str | None, text: str | None, origin: str | None = None) -> str:
    """A title for display: the article's own, else the start of its text, else its origin."""
    if title and title.strip():
        return title.strip()
    first = (text or "").strip().split("\n", 1)[0].strip()
    if first:
        return first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rstrip() + "…"
    return origin or "(untitled)"


def event_day(value: str | None) -> tuple[date, str] | None:
    """The first day of an event date (``2025-01-17``, ``2025-01``, ``2025``, ``2025-W03``)
    and its granularity, or ``None`` when the value is not one of those forms."""
    if not value:
        return None
    text = str(value)
    try:
        if "-W" in text:
            year, week = text.split("-W", 1)
            return date.fromisocalendar(int(year), int(week[:2]), 1), "week"
        parts = text[:10].split("-")
        if len(parts) == 3:
            return date.fromisoformat(text[:10]), "day"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1), "month"
        if len(parts) == 1 and len(parts[0]) == 4:
            return date(int(parts[0]), 1, 1), "year"
    except ValueError:
        return None
    return None


def resolved_date(event: dict[str, Any]) -> tuple[date, str]:
    """The date an export gives the event: its own (first day of a week, month or year),
    else the one another article gives the same event, else the day of the article that
    reports it (granularity ``report``)."""
    own = event_day(event.get("date"))
    if own is not None:
        return own
    cross = event.get("cross") or {}
    borrowed = event_day(cross.get("cluster_date"))
    if borrowed is not None:
        return borrowed
    day = event["day"]
    if isinstance(day, date):
        return day, "report"
    return date.today(), "unknown"


#: Quotations with their article; callers add conditions after WHERE.
QUOTES_SQL = f"""
WITH days AS ({ARTICLE_DAYS_SQL})
SELECT q.id, q.text, q.speaker, q.speaker_text, q.article_id, d.day,
       a.title, a.url, a.origin, left(a.text, 200) AS text_head, en.name AS speaker_name
FROM quotes q
JOIN articles a ON a.id = q.article_id
JOIN days d ON d.article_id = q.article_id
LEFT JOIN entities en ON en.id = q.speaker
"""


def quotes(store: Store, where: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Quotations matching ``where`` (over ``q``, ``a``, ``d``), newest first, each with a
    display title for its article."""
    rows = store.rows(QUOTES_SQL + f" WHERE {where} ORDER BY d.day DESC, q.id", params)
    for r in rows:
        r["speaker_label"] = r["speaker_name"] or r["speaker_text"] or "unattributed"
        r["article_title"] = article_title(r["title"], r["text_head"], r["origin"])
    return rows
