"""The REST API over a store the real pipeline built from the seeds, through a real
uvicorn server on 127.0.0.1: search, entities, events with every filter, quotations,
stories, articles, timelines, pagination and evidence."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serve_helpers import seed_store_copy, serve

from newsgraph.resolve import crossdoc
from newsgraph.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store_copy(tmp_path_factory.mktemp("api") / "seeds.duckdb")


@pytest.fixture(scope="module")
def facts(db: Path) -> dict[str, Any]:
    """What the store holds, read directly, to check the API against."""
    with Store(db, read_only=True) as s:
        pez = s.rows("SELECT id FROM entities WHERE name ILIKE '%pezeshkian%'")[0]["id"]
        putin = s.rows("SELECT id FROM entities WHERE name ILIKE '%putin%'")[0]["id"]
        seed1 = s.rows("SELECT article_id FROM origins WHERE origin LIKE '%001_%'")[0]["article_id"]
        text = s.rows("SELECT text FROM articles WHERE id = ?", [seed1])[0]["text"]
        n_events = s.rows("SELECT count(*) AS n FROM events")[0]["n"]
    return {"pez": pez, "putin": putin, "seed1": seed1, "text": text, "events": n_events}


@pytest.fixture(scope="module")
def api(db: Path, facts: dict[str, Any]) -> Iterator[httpx.Client]:
    with serve(db) as base, httpx.Client(base_url=base, timeout=30) as client:
        yield client


def get(api: httpx.Client, path: str, **params: Any) -> Any:
    resp = api.get(path, params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_search_finds_articles_with_every_word_and_pages(api: httpx.Client) -> None:
    both = get(api, "/api/search", q="Putin Pezeshkian")
    assert both["total"] == 2 and len(both["items"]) == 2
    assert all("putin" in a["snippet"].lower() or a["title"] for a in both["items"])
    first = get(api, "/api/search", q="Putin Pezeshkian", limit=1)
    second = get(api, "/api/search", q="Putin Pezeshkian", limit=1, offset=1)
    assert first["total"] == second["total"] == 2
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {
        a["id"] for a in both["items"]
    }
    assert get(api, "/api/search", q="Putin zzyzxqq")["total"] == 0
    assert api.get("/api/search").status_code == 422
    assert api.get("/api/search", params={"q": "Putin", "limit": 0}).status_code == 422


def test_entities_list_search_and_detail(api: httpx.Client, facts: dict[str, Any]) -> None:
    page = get(api, "/api/entities", limit=5)
    assert page["total"] > 5 and len(page["items"]) == 5
    counts = [e["mentions"] for e in page["items"]]
    assert counts == sorted(counts, reverse=True)
    found = get(api, "/api/entities", q="Pezeshkian")["items"]
    assert [e["id"] for e in found] == [facts["pez"]]
    people = get(api, "/api/entities", type="person", limit=100)["items"]
    assert people and all(e["type"] == "PERSON" for e in people)

    pez = get(api, f"/api/entities/{facts['pez']}")
    assert pez["name"].endswith("Pezeshkian") and pez["mentions"] >= 2 and pez["articles"] == 2
    assert any("Pezeshkian" in a for a in pez["aliases"])
    assert {"Pezeshkian", "Massoud Pezeshkian"} <= set(pez["surface_forms"])
    assert any(r["role"] == "president" for r in pez["roles"])
    partners = {r["other"]: r for r in pez["relations"]}
    assert facts["putin"] in partners and partners[facts["putin"]]["events"] >= 1
    assert api.get("/api/entities/person/nobody-at-all").status_code == 404


def test_events_filters_and_evidence(api: httpx.Client, facts: dict[str, Any]) -> None:
    everything = get(api, "/api/events", limit=500)
    assert everything["total"] == facts["events"] == len(everything["items"])
    mine = get(api, "/api/events", actor=facts["pez"], limit=500)["items"]
    assert mine and all(facts["pez"] in e["actors"] for e in mine)
    received = get(api, "/api/events", recipient=facts["pez"], limit=500)["items"]
    assert all(facts["pez"] in e["recipients"] for e in received)
    either = get(api, "/api/events", participant=facts["pez"], limit=500)
    assert either["total"] == len({e["id"] for e in mine + received})

    some = everything["items"][0]
    by_type = get(api, "/api/events", type=some["type"], limit=500)["items"]
    assert by_type and {e["type"] for e in by_type} == {some["type"]}
    quads = {e["quad_class"] for e in everything["items"] if e["quad_class"] is not None}
    for quad in quads:
        only = get(api, "/api/events", quad_class=quad, limit=500)
        assert only["total"] == sum(e["quad_class"] == quad for e in everything["items"])
    modal = get(api, "/api/events", modality="planned", limit=500)["items"]
    assert all(e["modality"] == "planned" for e in modal)
    assert get(api, "/api/events", language="it")["total"] == facts["events"]
    assert get(api, "/api/events", language="en")["total"] == 0

    dated = sorted(e["effective_date"] for e in everything["items"] if e["effective_date"])
    cut = dated[len(dated) // 2][:10]
    early = get(api, "/api/events", date_to=cut, limit=500)["items"]
    late = get(api, "/api/events", date_from=cut, limit=500)["items"]
    assert early and late
    assert all(e["effective_date"][: len(cut)] <= cut for e in early)
    assert all(e["effective_date"] >= cut for e in late)

    for e in mine:
        ev = e["evidence"]
        assert set(ev) == {"article_id", "sentence", "start", "end", "sentence_text", "rule",
                           "confidence"}
        assert ev["rule"] and 0 < ev["confidence"] <= 1
        assert e["trigger"] in ev["sentence_text"]
        assert e["names"][facts["pez"]].endswith("Pezeshkian")


def test_event_offsets_point_into_the_article(api: httpx.Client, facts: dict[str, Any]) -> None:
    art = get(api, f"/api/articles/{facts['seed1']}")
    assert art["text"] == facts["text"]
    assert art["events"] and art["mentions"] and art["quotes"]
    for e in art["events"]:
        assert facts["text"][e["start"] : e["end"]] == e["trigger"]
    for q in art["quotes"]:
        assert facts["text"][q["start"] : q["end"]] == q["text"]
        assert q["evidence"]["sentence_text"]
    assert art["names"][facts["pez"]].endswith("Pezeshkian")
    assert get(api, f"/api/articles/{facts['seed1'][:8]}")["id"] == facts["seed1"]
    assert api.get("/api/articles/ffffffffffff").status_code == 404


def test_quotes_by_speaker_with_evidence(api: httpx.Client, facts: dict[str, Any]) -> None:
    page = get(api, "/api/quotes", speaker=facts["pez"])
    assert page["total"] >= 1
    for q in page["items"]:
        assert q["speaker"] == facts["pez"] and q["speaker_name"].endswith("Pezeshkian")
        assert q["text"] in q["evidence"]["sentence_text"]
    one = get(api, "/api/quotes", limit=1)
    assert len(one["items"]) == 1 and one["total"] >= page["total"]
    word = page["items"][0]["text"].split()[1]
    assert get(api, "/api/quotes", q=word)["total"] >= 1


def test_stories_timeline_and_dyad(api: httpx.Client, facts: dict[str, Any]) -> None:
    stories = get(api, "/api/stories")
    assert stories["total"] >= 1
    story = get(api, f"/api/stories/{stories['items'][0]['id']}")
    assert story["articles"] and len(story["articles"]) == story["attrs"]["size"]
    assert api.get("/api/stories/nope").status_code == 404

    line = get(api, "/api/timeline", actor=facts["pez"])
    assert line["periods"] and all(p["events"] > 0 for p in line["periods"])
    periods = [p["period"] for p in line["periods"]]
    assert periods == sorted(periods) and all(len(p) == 7 for p in periods)
    years = get(api, "/api/timeline", actor=facts["pez"], granularity="year")["periods"]
    # A year-only date counts in the yearly timeline and not in the monthly one.
    assert sum(p["events"] for p in years) >= sum(p["events"] for p in line["periods"])
    assert api.get("/api/timeline", params={"actor": "x", "granularity": "hour"}).status_code == 422

    assert not line["resolved"] and line["events"]
    assert all(facts["pez"] in e["actors"] + e["recipients"] for e in line["events"])

    pair = get(api, "/api/dyad", a=facts["pez"], b=facts["putin"])
    assert not pair["resolved"] and pair["total"] >= 1
    for e in pair["items"]:
        people = set(e["actors"]) | set(e["recipients"])
        assert {facts["pez"], facts["putin"]} <= people

    places = get(api, "/api/locations")
    assert places and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)


def test_openapi_schema_and_offline_docs(api: httpx.Client) -> None:
    schema = get(api, "/openapi.json")
    for path in ("/api/search", "/api/events", "/api/entities/{entity_id}", "/api/quotes",
                 "/api/stories", "/api/articles/{article_id}", "/api/ingest"):
        assert path in schema["paths"]
    page = api.get("/docs")
    assert page.status_code == 200
    assert "http" not in page.text  # every asset comes from this server
    for asset in ("/static/docs/swagger-ui-bundle.js", "/static/docs/swagger-ui.css",
                  "/static/docs-init.js", "/static/plotly.min.js"):
        assert api.get(asset).status_code == 200, asset


def test_timeline_and_dyad_use_cross_document_events_once_resolved(
    db: Path, facts: dict[str, Any], tmp_path: Path
) -> None:
    resolved_db = tmp_path / "resolved.duckdb"
    shutil.copyfile(db, resolved_db)
    with Store(resolved_db) as s:
        assert crossdoc.resolve(s).events > 0
    with serve(resolved_db) as base, httpx.Client(base_url=base, timeout=30) as client:
        line = get(client, "/api/timeline", actor=facts["pez"])
        assert line["resolved"] and line["events"] and line["periods"]
        for e in line["events"]:
            assert facts["pez"] in e["actor_ids"] + e["recipient_ids"]
            assert e["evidence"] and all(ev["sentence_text"] for ev in e["evidence"])
        pair = get(client, "/api/dyad", a=facts["pez"], b=facts["putin"])
        assert pair["resolved"] and pair["total"] >= 1
        for e in pair["items"]:
            assert {facts["pez"], facts["putin"]} <= set(e["actor_ids"] + e["recipient_ids"])
        assert client.get("/api/timeline", params={"actor": "nobody"}).status_code == 404
