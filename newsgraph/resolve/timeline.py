"""Timelines and dyads over the cross-document tables: for an actor, or a pair of actors
(Russia–Iran), the real events they took part in, in the order they happened, with
modality and the sentences that report them; counts per PLOVER quad class per month; and
a cooperation/conflict curve.

Plain functions over a :class:`~newsgraph.store.Store` after ``newsgraph resolve`` (or
``run``) has filled ``entity_profiles`` and ``event_profiles``; the CLI and the API call
them. Actors are named by global entity id, article-level id, name or alias.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from newsgraph.resolve.events import interval
from newsgraph.resolve.variants import fold
from newsgraph.store import Store

#: PLOVER quad classes, by number.
QUADS = {
    1: "verbal_cooperation",
    2: "material_cooperation",
    3: "verbal_conflict",
    4: "material_conflict",
}
#: Date granularities fine enough to place an event in a month.
MONTHLY = frozenset({"day", "week", "month"})


class UnknownActor(LookupError):
    """No entity of the store goes by that name."""


def find_entity(store: Store, query: str) -> dict[str, Any]:
    """The global entity a query names: its id, the id of one of its article-level
    entities, its name or one of its aliases (case and accents folded). When several
    entities go by the name, the most mentioned one (KB entities first)."""
    rows = store.rows("SELECT * FROM entity_profiles WHERE id = ?", [query])
    if not rows:
        rows = store.rows(
            "SELECT p.* FROM entity_clusters c JOIN entity_profiles p ON p.id = c.cluster_id "
            "WHERE c.entity_id = ?",
            [query],
        )
    if not rows:
        wanted = fold(query)
        candidates = store.rows(
            "SELECT * FROM entity_profiles WHERE strip_accents(lower(name)) = ? "
            "OR strip_accents(lower(CAST(aliases AS VARCHAR))) LIKE ?",
            [wanted, f"%{wanted}%"],
        )
        rows = [
            r
            for r in candidates
            if wanted == fold(r["name"]) or wanted in {fold(a) for a in json.loads(r["aliases"])}
        ]
        rows.sort(key=lambda r: (not r["kb"], -r["mentions"], r["id"]))
    if not rows:
        raise UnknownActor(f"no entity named {query!r} in the store")
    return _profile(rows[0])


def _profile(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for key in ("aliases", "roles", "countries", "context"):
        out[key] = json.loads(row[key]) if row[key] else {}
    return out


def _names(store: Store, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = store.rows(
        "SELECT id, name FROM entity_profiles WHERE id IN (SELECT unnest(?)) "
        "UNION ALL SELECT id, name FROM entities WHERE id IN (SELECT unnest(?))",
        [sorted(ids), sorted(ids)],
    )
    names: dict[str, str] = {}
    for r in rows:
        names.setdefault(r["id"], r["name"])
    return names


def _sort_key(event: dict[str, Any]) -> tuple[str, str]:
    span = interval(event["date"])
    when = span[0].isoformat() if span else str(event["first_reported"] or "9999")
    return when, event["id"]


def timeline(
    store: Store,
    actor: str,
    other: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """The real events ``actor`` took part in (with ``other`` too, when given), oldest
    first; undated events sit where they were first reported. Each has its type, quad
    class, modalities, participants by name, date with the mention it came from, the
    number of mentions and articles, and its evidence: every reporting sentence."""
    ids = [find_entity(store, actor)["id"]]
    if other:
        ids.append(find_entity(store, other)["id"])
    where = " AND ".join("(list_contains(actors, ?) OR list_contains(recipients, ?))" for _ in ids)
    params = [i for i in ids for _ in range(2)]
    events = store.rows(f"SELECT * FROM event_profiles WHERE {where}", params)
    events = [e for e in events if _within(e, since, until)]
    events.sort(key=_sort_key)
    if limit:
        events = events[:limit]
    evidence = _evidence(store, [e["id"] for e in events])
    names = _names(
        store,
        {p for e in events for p in (*e["actors"], *e["recipients"])}
        | {e["location"] for e in events if e["location"]},
    )
    out = []
    for e in events:
        out.append(
            {
                "id": e["id"],
                "date": e["date"],
                "date_granularity": e["date_granularity"],
                "date_source": json.loads(e["date_source"]) if e["date_source"] else None,
                "first_reported": _iso(e["first_reported"]),
                "type": e["type"],
                "quad_class": e["quad_class"],
                "quad": QUADS.get(e["quad_class"] or 0),
                "modalities": json.loads(e["modalities"]),
                "actors": [names.get(a, a) for a in e["actors"]],
                "recipients": [names.get(r, r) for r in e["recipients"]],
                "actor_ids": list(e["actors"]),
                "recipient_ids": list(e["recipients"]),
                "location": names.get(e["location"], e["location"]) if e["location"] else None,
                "mentions": e["mentions"],
                "articles": e["articles"],
                "evidence": evidence.get(e["id"], []),
            }
        )
    return out


def dyad(store: Store, a: str, b: str, **options: Any) -> list[dict[str, Any]]:
    """The events between two actors, whoever acted on whom."""
    return timeline(store, a, b, **options)


def _within(event: dict[str, Any], since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    span = interval(event["date"]) or interval(_iso(event["first_reported"]))
    if span is None:
        return False
    return (not since or span[1].isoformat() >= since) and (
        not until or span[0].isoformat() <= until
    )


def _iso(value: object) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value else None)


def _evidence(store: Store, cluster_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not cluster_ids:
        return {}
    rows = store.rows(
        """SELECT c.cluster_id, e.id AS event_id, e.article_id, e.sentence, e."start", e."end",
                  e.trigger, e.modality, e.rule, c.date, c.date_from, s.text AS sentence_text,
                  a.title, a.published
           FROM event_clusters c JOIN events e ON e.id = c.event_id
           JOIN articles a ON a.id = e.article_id
           LEFT JOIN sentences s ON s.article_id = e.article_id AND s."index" = e.sentence
           WHERE c.cluster_id IN (SELECT unnest(?))
           ORDER BY a.published NULLS LAST, e.article_id, e."start" """,
        [cluster_ids],
    )
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        out[r.pop("cluster_id")].append(r)
    return out


def month_of(event: dict[str, Any]) -> tuple[str | None, str]:
    """The month an event falls in and on what basis: its own date when it is at least
    month-precise, else the month it was first reported."""
    span = interval(event.get("date"))
    if span and event.get("date_granularity") in MONTHLY:
        return span[0].isoformat()[:7], "date"
    reported = _iso(event.get("first_reported"))
    return (reported[:7], "reported") if reported else (None, "none")


def monthly(store: Store, actor: str, other: str | None = None) -> list[dict[str, Any]]:
    """Events per PLOVER quad class per month for an actor or pair, with the net
    cooperation score of the month: (cooperative − conflictual) / all, from −1 to 1."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(QUADS.values(), 0))
    for event in timeline(store, actor, other):
        month, _ = month_of(event)
        if month and event["quad"]:
            counts[month][event["quad"]] += 1
    out = []
    for month in sorted(counts):
        row = counts[month]
        coop = row["verbal_cooperation"] + row["material_cooperation"]
        conflict = row["verbal_conflict"] + row["material_conflict"]
        total = coop + conflict
        out.append(
            {
                "month": month,
                **row,
                "total": total,
                "cooperation": round((coop - conflict) / total, 4) if total else 0.0,
            }
        )
    return out


def curve(store: Store, actor: str, other: str | None = None) -> list[tuple[str, float]]:
    """The cooperation/conflict curve: (month, net cooperation score) for each month."""
    return [(row["month"], row["cooperation"]) for row in monthly(store, actor, other)]


def entity_card(store: Store, query: str, relations: int = 20) -> dict[str, Any]:
    """What ``newsgraph entity NAME`` shows: the entity with its aliases and counts, its
    roles over time, the article-level ids it groups, the actors it has events with (by
    quad class) and its quotations."""
    prof = find_entity(store, query)
    members = store.rows(
        "SELECT entity_id, method FROM entity_clusters WHERE cluster_id = ? ORDER BY 1",
        [prof["id"]],
    )
    rel: dict[str, dict[str, Any]] = {}
    for event in timeline(store, prof["id"]):
        for pid, name in zip(
            event["actor_ids"] + event["recipient_ids"],
            event["actors"] + event["recipients"],
            strict=True,
        ):
            if pid == prof["id"]:
                continue
            entry = rel.setdefault(
                pid, {"id": pid, "name": name, "events": 0, **dict.fromkeys(QUADS.values(), 0)}
            )
            entry["events"] += 1
            if event["quad"]:
                entry[event["quad"]] += 1
    # A surname the KB lacks is resolved per article ("id@article"): only that article's
    # quotations of it are this entity's.
    whole = {m["entity_id"] for m in members if "@" not in m["entity_id"]}
    local = {tuple(m["entity_id"].split("@", 1)) for m in members if "@" in m["entity_id"]}
    quotes = [
        q
        for q in store.rows(
            """SELECT q.article_id, q.speaker, q.text, q.speaker_text, a.published, a.title
               FROM quotes q JOIN articles a ON a.id = q.article_id
               WHERE q.speaker IN (SELECT unnest(?))
               ORDER BY a.published NULLS LAST, q.article_id, q."start" """,
            [sorted(whole | {speaker for speaker, _ in local})],
        )
        if q["speaker"] in whole or (q["speaker"], q["article_id"]) in local
    ]
    ranked = sorted(rel.values(), key=lambda r: (-r["events"], r["name"]))[:relations]
    return {**prof, "members": members, "relations": ranked, "quotes": quotes}
