"""The cross-document step over a store: near-duplicates, stories (linked into threads
when a story resumes after its window closed), related articles, and, through
:func:`resolve`, entities and events across articles.

It runs after articles are stored (``newsgraph run`` calls it at the end; ``newsgraph
resolve`` runs it alone) and only handles articles it has not seen: their features and
MinHash signatures are kept in ``article_features``, so later runs resume from the store
instead of re-reading every article.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from newsgraph.clean.layout import CONTENT_KINDS
from newsgraph.model import Story
from newsgraph.resolve import duplicates, stories
from newsgraph.resolve.tables import day, insert_rows
from newsgraph.store import Store
from newsgraph.store.schema import TABLES

#: Content zones whose text describes what the article is about (captions describe a picture).
STORY_ZONES = sorted(CONTENT_KINDS - {"caption"})
RELATED_PER_ARTICLE = 5


@dataclass
class CrossDocSummary:
    articles: int = 0
    stories: int = 0
    new_stories: int = 0
    duplicates: int = 0


def _new_articles(store: Store) -> list[dict]:
    return store.rows(
        """SELECT a.id, a.language, a.published,
                  string_agg(s.text, ' ' ORDER BY s."start") AS text
           FROM articles a
           LEFT JOIN spans s ON s.article_id = a.id AND s.kind IN (SELECT unnest(?))
           WHERE a.id NOT IN (SELECT article_id FROM article_features)
           GROUP BY a.id, a.language, a.published
           ORDER BY a.published NULLS LAST, a.id""",
        [STORY_ZONES],
    )


def _entities_by_article(store: Store, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in store.rows(
        "SELECT article_id, entity_id FROM mentions WHERE entity_id IS NOT NULL "
        "AND article_id IN (SELECT unnest(?))",
        [ids],
    ):
        out[row["article_id"]].append(row["entity_id"])
    return out


def _resume(store: Store) -> tuple[stories.StoryClusterer, duplicates.DuplicateIndex]:
    """Rebuild the clustering state from what earlier runs stored."""
    clusterer = stories.StoryClusterer()
    dup_index = duplicates.DuplicateIndex()
    rows = store.rows(
        """SELECT f.article_id, f.published, f.features, f.signature, m.story_id
           FROM article_features f LEFT JOIN story_articles m USING (article_id)
           ORDER BY f.published NULLS LAST, f.article_id"""
    )
    for row in rows:
        feats = stories.ArticleFeatures(
            row["article_id"], day(row["published"]), Counter(json.loads(row["features"]))
        )
        clusterer.add(feats, story_id=row["story_id"])
        if row["signature"]:
            dup_index.add(row["article_id"], duplicates.from_values(row["signature"]))
    for row in store.rows(
        "SELECT id, attrs->>'thread' AS thread FROM stories WHERE attrs->>'thread' <> id"
    ):
        clusterer.thread_of[row["id"]] = row["thread"]
    return clusterer, dup_index


def update(store: Store) -> CrossDocSummary:
    """Assign every article not yet seen to a story; store stories, copies and relations."""
    clusterer, dup_index = _resume(store)
    known_stories = set(clusterer.stories)
    new = _new_articles(store)
    summary = CrossDocSummary(articles=len(new))
    if not new:
        summary.stories = len(clusterer.stories)
        return summary
    ents = _entities_by_article(store, [r["id"] for r in new])
    feature_rows, member_rows, dup_rows = [], [], []
    added: list[stories.ArticleFeatures] = []
    for row in new:
        text = row["text"] or ""
        art = stories.features_for(
            row["id"], text, row["language"], ents.get(row["id"], []), day(row["published"])
        )
        sig = duplicates.signature(text)
        if sig is not None:
            copies = dup_index.add(art.id, sig)
            if copies:
                art.duplicate_of = copies[0][0]
                dup_rows += [(art.id, other, sim) for other, sim in copies]
        story_id = clusterer.add(art)
        added.append(art)
        feature_rows.append(
            (art.id, art.published, json.dumps(dict(art.features), ensure_ascii=False),
             [int(v) for v in sig.hashvalues] if sig is not None else None)
        )
        member_rows.append((story_id, art.id))
    touched = {clusterer.story_of[a.id] for a in added}
    names = {
        r["id"]: r["name"]
        for r in store.rows("SELECT id, name FROM entities")
    }
    story_records = [_story_record(clusterer, sid, store, names) for sid in sorted(touched)]
    con = store.con
    con.execute("BEGIN")
    try:
        insert_rows(con, "article_features", feature_rows)
        insert_rows(con, "story_articles", member_rows)
        if dup_rows:
            con.executemany("INSERT OR IGNORE INTO near_duplicates VALUES (?, ?, ?)", dup_rows)
        con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [sorted(touched)])
        store.insert_records(TABLES["stories"], story_records)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    summary.stories = len(clusterer.stories)
    summary.new_stories = len(touched - known_stories)
    summary.duplicates = len(dup_rows)
    return summary


def _story_record(
    clusterer: stories.StoryClusterer, sid: str, store: Store, names: dict[str, str]
) -> Story:
    state = clusterer.stories[sid]
    return Story(
        id=sid,
        label=stories.label(state.centroid, names),
        article_ids=list(state.members),
        first_date=state.first.isoformat() if state.first else None,
        last_date=state.last.isoformat() if state.last else None,
        attrs={"size": len(state.members), "thread": clusterer.thread(sid)},
    )


def related(store: Store, article_id: str, limit: int = RELATED_PER_ARTICLE) -> list[dict]:
    """Articles that share this article's actors (rare actors count more) or its story.

    Computed when asked, from the mentions and story tables, so it is always current.
    """
    return store.rows(
        """WITH mine AS (SELECT DISTINCT entity_id FROM mentions
                         WHERE article_id = $1 AND entity_id IS NOT NULL),
                df AS (SELECT entity_id, count(DISTINCT article_id) AS n FROM mentions
                       WHERE entity_id IN (SELECT entity_id FROM mine) GROUP BY 1),
                shared AS (SELECT m.article_id, sum(1.0 / df.n) AS score
                           FROM (SELECT DISTINCT article_id, entity_id FROM mentions) m
                           JOIN df USING (entity_id)
                           WHERE m.article_id <> $1 GROUP BY 1),
                story AS (SELECT b.article_id, 1.0 AS score FROM story_articles a
                          JOIN story_articles b ON a.story_id = b.story_id
                          WHERE a.article_id = $1 AND b.article_id <> $1)
           SELECT r.article_id AS id, round(sum(r.score), 4) AS score, any_value(a.title) AS title
           FROM (SELECT * FROM shared UNION ALL SELECT * FROM story) r
           JOIN articles a ON a.id = r.article_id
           GROUP BY r.article_id ORDER BY score DESC, id LIMIT $2""",
        [article_id, limit],
    )


@dataclass
class ResolveSummary:
    """What one cross-document pass did: stories, then entities and events."""

    stories: CrossDocSummary
    articles: int = 0
    entities: int = 0
    merged_entities: int = 0
    events: int = 0
    events_reported_twice: int = 0


#: Articles read from the store at a time (bounds the memory one pass needs).
RESOLVE_CHUNK = 1000
RESOLUTION_TABLES = (
    "resolved_articles", "entity_clusters", "entity_profiles", "event_clusters", "event_profiles",
)


def resolve(store: Store, rebuild: bool = False) -> ResolveSummary:
    """The whole cross-document step for articles not yet resolved: stories and copies
    (:func:`update`), then entities and events across articles, written in one
    transaction. ``rebuild`` forgets earlier entity and event resolution first (after
    articles were re-annotated)."""
    from newsgraph.resolve import entities, events

    if rebuild:
        store.con.execute("BEGIN")
        for table in RESOLUTION_TABLES:
            store.con.execute(f"DELETE FROM {table}")
        store.con.execute("COMMIT")
    summary = ResolveSummary(stories=update(store))
    pending = [
        r["id"]
        for r in store.rows(
            """SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM resolved_articles)
               ORDER BY published NULLS LAST, id"""
        )
    ]
    if pending:
        ents = entities.EntityResolver.load(store)
        evs = events.EventResolver.load(store, events.place_countries(store))
        story_of = {
            r["article_id"]: r["story_id"]
            for r in store.rows("SELECT article_id, story_id FROM story_articles")
        }
        published = {
            r["id"]: day(r["published"])
            for r in store.rows(
                "SELECT id, published FROM articles WHERE id IN (SELECT unnest(?))", [pending]
            )
        }
        for start in range(0, len(pending), RESOLVE_CHUNK):
            chunk = pending[start : start + RESOLVE_CHUNK]
            observed = entities.observed_entities(store, chunk)
            for aid in chunk:
                ents.add_article(published.get(aid), observed.get(aid, []))
            for mention in events.event_mentions(store, chunk, ents.member):
                evs.add(mention, story_of)
        con = store.con
        con.execute("BEGIN")
        try:
            ents.write(store)
            evs.write(store)
            now = datetime.now(UTC).replace(tzinfo=None)
            insert_rows(con, "resolved_articles", [(a, now) for a in pending], replace=True)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    summary.articles = len(pending)
    totals = store.rows(
        """SELECT (SELECT count(*) FROM entity_profiles) AS entities,
                  (SELECT count(*) FROM entity_profiles WHERE articles > 1) AS merged,
                  (SELECT count(*) FROM event_profiles) AS events,
                  (SELECT count(*) FROM event_profiles WHERE articles > 1) AS twice"""
    )[0]
    summary.entities = totals["entities"]
    summary.merged_entities = totals["merged"]
    summary.events = totals["events"]
    summary.events_reported_twice = totals["twice"]
    return summary
