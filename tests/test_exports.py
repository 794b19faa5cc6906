"""Event exports over a store built by the real pipeline: PLOVER JSONL and the
GDELT-style CSV, including counts from cross-document event merging."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from digest_helpers import store_copy
from typer.testing import CliRunner

from newsgraph import ontology
from newsgraph.cli import app
from newsgraph.export import EVENT_FORMATS, gdelt, plover
from newsgraph.export.tables import event_day
from newsgraph.store import Store

runner = CliRunner()


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory, shared: Path, tmp_path: Path) -> Path:
    return store_copy(tmp_path_factory, shared, tmp_path)


def _export(db: Path, fmt: str, out: Path) -> Path:
    result = runner.invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    path = out / EVENT_FORMATS[fmt][0]
    assert result.output.strip() == str(path)
    return path


def test_plover_jsonl_has_the_manuals_fields_and_round_trips(db: Path, tmp_path: Path) -> None:
    path = _export(db, "plover", tmp_path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    with Store(db, read_only=True) as store:
        events = {e["id"]: e for e in store.rows("SELECT * FROM events")}
    assert len(records) == len(events) and {r["id"] for r in records} == set(events)
    onto = ontology.load()
    for rec in records:
        assert json.loads(json.dumps(rec)) == rec
        assert set(plover.REQUIRED) <= set(rec)
        date.fromisoformat(rec["date"])
        stored = events[rec["id"]]
        assert rec["event"] == [stored["type"]] and stored["type"] in onto.types
        assert [a["identifier_id"] for a in rec["actor"]] == stored["actors"]
        assert [a["identifier_id"] for a in rec["recipient"]] == stored["recipients"]
        assert rec["quad_code"] == onto.types[stored["type"]].quad_class
        assert rec["mode"] in (None, [stored["mode"]])
        for entity in rec["actor"] + rec["recipient"]:
            assert {"code", "sector", "entity_text", "identifier_id", "identifier_text"} <= set(
                entity
            )
        assert {"url", "title", "language", "publication"} <= set(rec["cite_info"])
        assert rec["text_info"]["start"] == stored["start"]

    putin = next(
        a for r in records for a in r["actor"] if a["identifier_id"] == "person/vladimir-putin"
    )
    assert (putin["code"], putin["sector"], putin["country_name"]) == ("RUS", "GOV", "Russia")
    planned = [r for r in records if r["modality"] == "planned" and r["event"] == ["AGREE"]]
    assert planned and all("future" in (r["context"] or []) for r in planned)


def test_gdelt_csv_has_the_header_and_a_cameo_root_per_row(db: Path, tmp_path: Path) -> None:
    path = _export(db, "gdelt", tmp_path)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames or ()) == gdelt.COLUMNS
        rows = list(reader)
    with Store(db, read_only=True) as store:
        n_events = store.rows("SELECT count(*) AS n FROM events")[0]["n"]
    assert len(rows) >= n_events
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    onto = ontology.load()
    for row in rows:
        assert len(row["EventRootCode"]) == 2 and row["EventRootCode"].isdigit()
        assert row["EventCode"].startswith(row["EventBaseCode"])
        cameo = onto.from_cameo(row["EventCode"])
        assert cameo is not None and cameo.type == row["PLOVEREventType"]
        assert int(row["QuadClass"]) == onto.types[row["PLOVEREventType"]].quad_class
        assert -10 <= float(row["GoldsteinScale"]) <= 10
        assert len(row["SQLDATE"]) == 8 and row["SQLDATE"].startswith(row["Year"])
        assert int(row["NumMentions"]) >= 1
    putin = [r for r in rows if r["Actor1Name"] == "Vladimir Putin"]
    assert putin and all(
        (r["Actor1Code"], r["Actor1CountryCode"], r["Actor1Type1Code"]) == ("RUSGOV", "RUS", "GOV")
        for r in putin
    )


def test_counts_come_from_cross_document_event_merging(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        pair = store.rows(
            "SELECT e.id, e.article_id FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.type = 'AGREE' AND a.published = '2025-03-01' ORDER BY e.id"
        )
        assert len(pair) == 2 and pair[0]["article_id"] != pair[1]["article_id"]
        store.con.execute(
            "INSERT OR REPLACE INTO event_profiles (id, type, mentions, articles, article_ids, "
            "date, date_granularity) VALUES ('cl1', 'AGREE', 3, 2, ?, '2025-03-01', 'day')",
            [[p["article_id"] for p in pair]],
        )
        store.con.executemany(
            "INSERT OR REPLACE INTO event_clusters VALUES (?, 'cl1', ?, '2025-03-01', NULL)",
            [[p["id"], p["article_id"]] for p in pair],
        )
        rows = [r for r in gdelt.rows(store) if r["ArticleID"] in {p["article_id"] for p in pair}]
        merged = [r for r in rows if r["PLOVEREventType"] == "AGREE"]
        records = {r["id"]: r for r in plover.records(store)}
    assert merged and all(
        (r["NumMentions"], r["NumSources"], r["NumArticles"]) == (3, 2, 2) for r in merged
    )
    assert {records[p["id"]]["link"] for p in pair} == {"cl1"}


def test_compound_participants_become_one_row_per_dyad() -> None:
    event = {"actors": ["country/US"], "recipients": ["country/RU", "country/IR"]}
    assert gdelt.dyads(event) == [("country/US", "country/RU"), ("country/US", "country/IR")]
    assert gdelt.dyads({"actors": ["a", "b"], "recipients": []}) == [("a", "b")]
    assert gdelt.dyads({"actors": ["a"], "recipients": []}) == [("a", None)]


def test_event_dates_of_every_granularity() -> None:
    assert event_day("2025-01-17") == (date(2025, 1, 17), "day")
    assert event_day("2025-W03") == (date(2025, 1, 13), "week")
    assert event_day("2024-09") == (date(2024, 9, 1), "month")
    assert event_day("2024") == (date(2024, 1, 1), "year")
    assert event_day("2024-Q1") is None and event_day(None) is None
