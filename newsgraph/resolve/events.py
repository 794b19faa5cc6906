"""Events across articles: the same real event reported by several articles becomes one
event with several mentions, as GDELT counts them, and an article that leaves it undated
gets its date from one that dates it, with the provenance of that date.

Two event mentions are one event when all of these hold:

- same PLOVER type, and not from the same article (the event coder already merged what
  one article says twice, so two events of one article are two events);
- compatible participants, compared on global entities (:mod:`newsgraph.resolve.entities`):
  for meetings and cooperation, which PLOVER codes with all participants alike, the two
  share at least two participants (or all of the smaller side); otherwise they share an
  actor and, when both name recipients, a recipient;
- compatible materiel (when both name what was supplied or used, a word in common:
  "droni suicidi" and "droni esplosivi", not "tecnologia nucleare" and "Yak-130");
- compatible place (the same, or one is the country the other lies in, or one is unknown)
  and compatible date (the intervals the two dates stand for overlap, or one is undated;
  an undated event reported on day P is taken to lie within ``UNDATED_WINDOW_DAYS``
  before P, after it when planned);
- and enough evidence that it is the same occurrence, not the same kind of thing again:
  the same known place or the same known day; or articles of the same story whose dates
  overlap (two undated claims of one story, "Iran supplies drones", stay apart).

Candidates come from an index of event clusters by (type, participant), so each new
event is compared with the few clusters that share an actor with it, not with all.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from newsgraph import ontology
from newsgraph.resolve.tables import day, insert_rows
from newsgraph.resolve.variants import fold
from newsgraph.store import Store

#: How long before its report an undated event is taken to have happened (after: planned).
UNDATED_WINDOW_DAYS = 45
#: Evidence needed to merge (see :func:`_evidence`).
MERGE_EVIDENCE = 2
_GRANULARITY_RANK = {"day": 4, "week": 3, "month": 2, "season": 1, "quarter": 1, "year": 0}
#: ``date`` under another name, for classes that have a field called ``date``.
Day = date
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MATERIEL_WORD = re.compile(r"[^\W_]+")
#: Materiel words compare on their first letters, enough to ignore number endings.
MATERIEL_STEM = 4


def interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day a normalized date stands for (YYYY, YYYY-MM, YYYY-MM-DD,
    YYYY-Www); None for what cannot be placed on the calendar."""
    if not value:
        return None
    try:
        week = _WEEK.match(value)
        if week:
            start = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return start, start + timedelta(days=6)
        parts = value.split("-")
        if len(parts) == 1 and len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            nxt = date(y + m // 12, m % 12 + 1, 1)
            return date(y, m, 1), nxt - timedelta(days=1)
        day = date.fromisoformat(value[:10])
        return day, day
    except ValueError:
        return None


def _overlap(a: tuple[date, date], b: tuple[date, date], slack: int = 0) -> bool:
    pad = timedelta(days=slack)
    return a[0] <= b[1] + pad and b[0] <= a[1] + pad


@dataclass
class Mention:
    """One event as one article reports it, its participants mapped to global entities."""

    id: str
    article_id: str
    type: str
    actors: frozenset[str]
    recipients: frozenset[str]
    materiel: frozenset[str]
    location: str | None
    date: str | None
    granularity: str | None
    quad_class: int | None
    date_method: str | None
    date_text: str | None
    modality: str
    count: int
    published: Day | None
    symmetric: bool

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.recipients

    def span(self) -> tuple[Day, Day] | None:
        """When it happened: its own date, else a window around its report."""
        own = interval(self.date)
        if own or self.published is None:
            return own
        if self.modality == "planned":
            return self.published, self.published + timedelta(days=UNDATED_WINDOW_DAYS)
        return self.published - timedelta(days=UNDATED_WINDOW_DAYS), self.published


@dataclass
class Cluster:
    """One real event and everything its mentions say about it."""

    id: str
    type: str
    quad_class: int | None
    actors: set[str]
    recipients: set[str]
    materiel: set[str]
    location: str | None
    date: str | None = None
    granularity: str | None = None
    date_source: dict[str, Any] | None = None
    modalities: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    article_ids: set[str] = field(default_factory=set)
    first_reported: Day | None = None
    last_reported: Day | None = None

    @property
    def participants(self) -> set[str]:
        return self.actors | self.recipients

    def row(self) -> tuple[Any, ...]:
        return (
            self.id,
            self.type,
            self.quad_class,
            sorted(self.actors),
            sorted(self.recipients),
            sorted(self.materiel),
            self.location,
            self.date,
            self.granularity,
            json.dumps(self.date_source, ensure_ascii=False) if self.date_source else None,
            json.dumps(dict(self.modalities.most_common())),
            self.mentions,
            len(self.article_ids),
            sorted(self.article_ids),
            self.first_reported,
            self.last_reported,
        )


def _rank(granularity: str | None) -> int:
    return _GRANULARITY_RANK.get(granularity or "", -1)


class EventResolver:
    """The event clusters of a store, loaded once and extended with new articles."""

    def __init__(self, places: dict[str, str | None] | None = None) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.index: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.new_members: list[tuple[str, str, str]] = []
        self.touched: set[str] = set()
        self.places = places or {}  # place entity -> the country entity it lies in

    @classmethod
    def load(cls, store: Store, places: dict[str, str | None]) -> EventResolver:
        self = cls(places)
        for row in store.rows("SELECT * FROM event_profiles"):
            cl = Cluster(
                id=row["id"],
                type=row["type"],
                quad_class=row["quad_class"],
                actors=set(row["actors"]),
                recipients=set(row["recipients"]),
                materiel=set(row["materiel"]),
                location=row["location"],
                date=row["date"],
                granularity=row["date_granularity"],
                date_source=json.loads(row["date_source"]) if row["date_source"] else None,
                modalities=Counter(json.loads(row["modalities"])),
                mentions=row["mentions"],
                article_ids=set(row["article_ids"]),
                first_reported=row["first_reported"],
                last_reported=row["last_reported"],
            )
            self.clusters[cl.id] = cl
            self._index(cl)
        return self

    def _index(self, cl: Cluster) -> None:
        for p in cl.participants:
            self.index[(cl.type, p)].add(cl.id)

    # -- matching ----------------------------------------------------------------------
    def _participants_fit(self, m: Mention, cl: Cluster) -> bool:
        if m.symmetric or cl.type in ontology.SYMMETRIC_TYPES:
            shared = len(m.participants & cl.participants)
            return shared >= min(2, len(m.participants), len(cl.participants)) and shared > 0
        if not m.actors & cl.actors:
            return False
        return not (m.recipients and cl.recipients) or bool(m.recipients & cl.recipients)

    def _place_fits(self, a: str | None, b: str | None) -> bool:
        return (
            a is None or b is None or a == b or self.places.get(a) == b or (self.places.get(b) == a)
        )

    def _evidence(self, m: Mention, cl: Cluster, stories: dict[str, str]) -> int:
        """How strongly the two look like one occurrence: 2 for each of the same known
        place and the same known day; 1 for dates that merely overlap and 1 for articles of
        the same story."""
        points = 0
        if m.location and cl.location and self._place_fits(m.location, cl.location):
            points += 2
        mine, theirs = interval(m.date), interval(cl.date)
        if mine and theirs:
            same_day = _rank(m.granularity) == _rank(cl.granularity) == _rank("day")
            points += 2 if same_day else 1
        story = stories.get(m.article_id)
        if story and any(stories.get(a) == story for a in cl.article_ids):
            points += 1
        return points

    def _fits(self, m: Mention, cl: Cluster) -> bool:
        if m.article_id in cl.article_ids or not self._participants_fit(m, cl):
            return False
        if not self._place_fits(m.location, cl.location):
            return False
        if m.materiel and cl.materiel and not m.materiel & cl.materiel:
            return False
        mine, theirs = m.span(), interval(cl.date) or self._reported_span(cl, m.modality)
        return mine is None or theirs is None or _overlap(mine, theirs, slack=1)

    @staticmethod
    def _reported_span(cl: Cluster, modality: str) -> tuple[date, date] | None:
        if cl.first_reported is None or cl.last_reported is None:
            return None
        window = timedelta(days=UNDATED_WINDOW_DAYS)
        if modality == "planned":
            return cl.first_reported, cl.last_reported + window
        return cl.first_reported - window, cl.last_reported

    def add(self, m: Mention, stories: dict[str, str]) -> str:
        """Put one event mention in its cluster (a new one when none fits)."""
        candidates = {c for p in m.participants for c in self.index.get((m.type, p), ())}
        best: tuple[int, int, str] | None = None
        for cid in candidates:
            cl = self.clusters[cid]
            if not self._fits(m, cl):
                continue
            points = self._evidence(m, cl, stories)
            if points >= MERGE_EVIDENCE and (best is None or (points, cl.mentions) > best[:2]):
                best = (points, cl.mentions, cid)
        if best is None:
            cl = Cluster(
                id=m.id,
                type=m.type,
                quad_class=m.quad_class,
                actors=set(m.actors),
                recipients=set(m.recipients),
                materiel=set(m.materiel),
                location=m.location,
            )
            self.clusters[cl.id] = cl
        else:
            cl = self.clusters[best[2]]
        self._join(cl, m)
        return cl.id

    def _join(self, cl: Cluster, m: Mention) -> None:
        cl.actors |= m.actors
        cl.recipients |= m.recipients - cl.actors
        cl.materiel |= m.materiel
        cl.location = _finer_place(cl.location, m.location, self.places)
        cl.modalities[m.modality] += 1
        cl.mentions += m.count
        cl.article_ids.add(m.article_id)
        if m.published:
            cl.first_reported = min(filter(None, (cl.first_reported, m.published)))
            cl.last_reported = max(filter(None, (cl.last_reported, m.published)))
        if m.date and _rank(m.granularity) > _rank(cl.granularity):
            cl.date, cl.granularity = m.date, m.granularity
            cl.date_source = {
                "event": m.id,
                "article": m.article_id,
                "method": m.date_method,
                "text": m.date_text,
            }
        self._index(cl)
        self.touched.add(cl.id)
        self.new_members.append((m.id, cl.id, m.article_id))

    # -- writing -----------------------------------------------------------------------
    def write(self, store: Store) -> None:
        """Store touched clusters and their members (inside the caller's transaction).
        A member the text leaves undated takes its cluster's date, with the event that
        date came from in ``date_from``; a dated member keeps its own."""
        con = store.con
        touched = sorted(self.touched)
        con.execute("DELETE FROM event_profiles WHERE id IN (SELECT unnest(?))", [touched])
        insert_rows(con, "event_profiles", [self.clusters[c].row() for c in touched])
        insert_rows(
            con, "event_clusters", [(*m, None, None) for m in self.new_members], replace=True
        )
        con.execute(
            """UPDATE event_clusters
               SET date = coalesce(e.date, p.date),
                   date_from = CASE WHEN e.date IS NULL AND p.date IS NOT NULL
                                    THEN p.date_source->>'event' END
               FROM events e, event_profiles p
               WHERE e.id = event_clusters.event_id AND p.id = event_clusters.cluster_id
                 AND p.id IN (SELECT unnest(?))""",
            [touched],
        )


def _finer_place(a: str | None, b: str | None, places: dict[str, str | None]) -> str | None:
    """Of two compatible places, the one inside the other (the city, not its country)."""
    if a is None:
        return b
    if b is None or a == b:
        return a
    return b if places.get(b) == a else a


def event_mentions(
    store: Store, article_ids: list[str], entity_of: dict[str, str]
) -> list[Mention]:
    """The events of these articles in the order they were reported, participants mapped
    to global entities."""
    rows = store.con.execute(
        """SELECT e.id, e.article_id, e.type, e.actors, e.recipients, e.materiel, e.location,
                  e.date,
                  e.date_granularity, TRY_CAST(e.attrs->>'quad_class' AS INTEGER),
                  e.date_method, e.attrs->>'date_text' AS date_text,
                  e.modality, json_array_length(coalesce(e.attrs->'mentions', '[]')) AS more,
                  coalesce(e.attrs->>'reciprocal', 'false') = 'true' AS reciprocal,
                  a.published
           FROM events e JOIN articles a ON a.id = e.article_id
           WHERE e.article_id IN (SELECT unnest(?))
           ORDER BY a.published NULLS LAST, e.article_id, e."start" """,
        [article_ids],
    ).fetchall()

    def glob(ids: list[str] | None, article: str) -> frozenset[str]:
        return frozenset(global_entity(entity_of, i, article) for i in ids or [])

    out = []
    for (
        eid,
        aid,
        etype,
        actors,
        recipients,
        materiel,
        loc,
        when,
        gran,
        quad,
        method,
        text,
        modality,
        more,
        reciprocal,
        published,
    ) in rows:
        out.append(
            Mention(
                id=eid,
                article_id=aid,
                type=etype,
                actors=glob(actors, aid),
                recipients=glob(recipients, aid) - glob(actors, aid),
                materiel=material_words(materiel),
                location=global_entity(entity_of, loc, aid) if loc else None,
                date=when,
                granularity=gran,
                quad_class=quad,
                date_method=method,
                date_text=text,
                modality=modality,
                count=1 + int(more or 0),
                published=day(published),
                symmetric=bool(reciprocal),
            )
        )
    return out


def global_entity(entity_of: dict[str, str], entity_id: str, article_id: str) -> str:
    """The global entity an article-level id stands for in this article."""
    return entity_of.get(f"{entity_id}@{article_id}") or entity_of.get(entity_id, entity_id)


def material_words(names: list[str] | None) -> frozenset[str]:
    """The content words of materiel names, cut to a stem so that singular and plural
    agree ("droni"/"drone", "missile"/"missili")."""
    return frozenset(
        w[:MATERIEL_STEM]
        for n in names or []
        for w in _MATERIEL_WORD.findall(fold(n))
        if len(w) >= MATERIEL_STEM
    )


def place_countries(store: Store) -> dict[str, str | None]:
    """Each place entity with the country entity it lies in ("place/…" -> "country/TM")."""
    rows = store.rows(
        "SELECT id, country FROM entities WHERE type = 'LOCATION' AND country IS NOT NULL"
    )
    return {r["id"]: f"country/{r['country']}" for r in rows}
