"""The server's in-memory index (newsgraph.serve.index) answers event and entity queries
exactly as the SQL does (same items, same order, same totals), and an ingest through the
API drops it so that the new articles are seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from serve_helpers import seed_store_copy, serve

from newsgraph.serve import queries as Q
from newsgraph.serve.security import SecurityConfig
from newsgraph.store import Store

WRITE = "write-token-for-index-tests"
ARTICLE = (
    "Lavrov incontra Araghchi a Mosca\n\n"
    "Il ministro degli Esteri russo Sergei Lavrov ha incontrato venerdì a Mosca il suo "
    "omologo iraniano Abbas Araghchi. Putin ha accusato Kiev di sabotare i colloqui."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store_copy(tmp_path_factory.mktemp("index") / "seeds.duckdb")


def _filters(r: Q.Reader) -> list[Q.EventFilter]:
    """Every kind of filter, with values taken from the store itself."""
    who = [x["id"] for x in r.rows(
        "SELECT unnest(actors || recipients) AS id, count(*) AS n FROM events "
        "GROUP BY 1 ORDER BY n DESC, id LIMIT 6")]
    first = r.rows(
        "SELECT e.type, e.modality, e.article_id, a.language, a.source, "
        "coalesce(e.date, a.published) AS day FROM events e JOIN articles a "
        "ON a.id = e.article_id WHERE e.date IS NOT NULL ORDER BY e.id LIMIT 1")[0]
    day = first["day"][:7]
    out = [Q.EventFilter(), Q.EventFilter(participant="nobody/at-all")]
    for w in who:
        out += [
            Q.EventFilter(participant=w), Q.EventFilter(actor=w, quad_class=4),
            Q.EventFilter(recipient=w), Q.EventFilter(actor=w, recipient=who[0]),
            Q.EventFilter(participant=w, type=first["type"].lower(), date_to=day),
        ]
    out += [
        Q.EventFilter(date_from=day), Q.EventFilter(date_to=day), Q.EventFilter(quad_class=0),
        Q.EventFilter(date_from=f"{day}-01", date_to=f"{day}-28", type=first["type"]),
        Q.EventFilter(modality=first["modality"], language=first["language"]),
        Q.EventFilter(source=first["source"], date_from=""),
        Q.EventFilter(article_id=first["article_id"]),
        Q.EventFilter(article_ids=[first["article_id"], "missing"]),
    ]
    return out


def _answers(r: Q.Reader, filters: list[Q.EventFilter], names: list[str]) -> list[Any]:
    out: list[Any] = []
    for f in filters:
        out += [Q.events(r, f, limit, offset).to_dict() for limit, offset in ((50, 0), (3, 2))]
    for name in names:
        out.append(Q.entities(r, name, limit=20).to_dict())
    out.append(Q.entities(r, None, "PERSON", None, 5, 1).to_dict())
    out.append(Q.entities(r, "a", "person", None, 50, 0).to_dict())
    out.append(Q.entities(r, "i", None, "ir", 50, 0).to_dict())
    out.append(Q.entities(r, limit=500).to_dict())
    ids = [x["id"] for x in r.rows("SELECT id FROM entities ORDER BY id")]
    out += [Q.entity(r, i) for i in [*ids, "nobody/at-all"]]
    return out


def test_indexed_queries_answer_as_the_sql_does(db: Path) -> None:
    with Store(db, read_only=True) as store:
        r = Q.Reader(store)
        filters = _filters(r)
        names = ["putin", "Putin", "Vladimir", "iran", "xyz-none", "russia", " a ", "RUSS", "ir"]
        plain = _answers(r, filters, names)
        assert r.index is None
        Q.attach_index(store)
        fast = Q.Reader(store)
        assert fast.index is not None
        indexed = _answers(fast, filters, names)
    assert sum(p.get("total", 0) > 0 for p in plain if p) > 20
    for want, got in zip(plain, indexed, strict=True):
        assert got == want


def test_ingest_through_the_api_refreshes_the_index(db: Path, tmp_path: Path) -> None:
    copy = seed_store_copy(tmp_path / "write.duckdb")
    auth = {"Authorization": f"Bearer {WRITE}"}
    with serve(copy, SecurityConfig(write_token=WRITE)) as base, httpx.Client(
        base_url=base, timeout=60, headers=auth
    ) as api:
        before = api.get("/api/events", params={"limit": 1}).json()["total"]
        lavrov = api.get("/api/entities", params={"q": "Lavrov"}).json()
        done = api.post("/api/ingest", json={"articles": [{"text": ARTICLE}]}).json()
        assert done["stored"] == 1
        after = api.get("/api/events", params={"limit": 500}).json()
        found = api.get("/api/events", params={"article_id": done["article_ids"][0]}).json()
        again = api.get("/api/entities", params={"q": "Lavrov"}).json()
        stats = api.get("/api/stats").json()
    assert found["total"] > 0
    assert after["total"] == stats["events"] == before + found["total"]
    mentions = {x["id"]: x["mentions"] for x in again["items"]}
    assert sum(mentions.values()) > sum(x["mentions"] for x in lavrov["items"])


def test_entity_roles_have_one_order_when_counts_tie(db: Path) -> None:
    """Roles tied on their mention count (one with a country, one without) come in one
    fixed order, so the indexed and the SQL answers cannot differ by chance."""
    with Store(db, read_only=True) as store:
        r = Q.Reader(store)
        ids = [x["id"] for x in r.rows("SELECT DISTINCT entity_id AS id FROM mentions "
                                       "WHERE role IS NOT NULL ORDER BY 1")]
        cards = [Q.entity(r, i) for i in ids]
    counted = [[x for x in c["roles"] if x["mentions"]] for c in cards if c]
    key = [[(-x["mentions"], x["role"], x["country"] is None, x["country"] or "")
            for x in roles] for roles in counted]
    assert any(len(k) > 1 and k[0][:2] == k[1][:2] for k in key)
    assert all(k == sorted(k) for k in key)
