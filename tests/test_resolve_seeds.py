"""The seeds end to end: ``newsgraph run`` resolves across the two articles, and the
``resolve``, ``entity`` and ``timeline`` commands read the result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared is not beside the repository")
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    result = runner.invoke(app, ["run", str(seeds), "--db", str(db)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "resolved 2 new articles" in result.output
    return db


def _json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_ashgabat_meeting_is_one_event_reported_twice_and_dated(seeds_db: Path) -> None:
    with Store(seeds_db, read_only=True) as store:
        rows = store.rows("SELECT * FROM event_profiles WHERE type = 'CONSULT' AND articles = 2")
        assert len(rows) == 1
        meeting = rows[0]
        assert meeting["date"] == "2024-10-11"
        assert (
            store.rows("SELECT name FROM entities WHERE id = ?", [meeting["location"]])[0]["name"]
            == "Ashgabat"
        )
        members = store.rows(
            "SELECT * FROM event_clusters WHERE cluster_id = ? ORDER BY date_from NULLS FIRST",
            [meeting["id"]],
        )
        assert len(members) == 2 and all(m["date"] == "2024-10-11" for m in members)
        assert members[0]["date_from"] is None and members[1]["date_from"] == members[0]["event_id"]


def test_pezeshkian_is_one_entity_with_all_three_spellings(seeds_db: Path) -> None:
    card = _json("entity", "Pezeshkian", "--db", str(seeds_db))
    assert card["articles"] == 2
    assert {"Massud Pezeshkian", "Masoud Pezeshkian", "Massoud Pezeshkian"} <= set(card["aliases"])
    assert any(r["role"] == "president" for r in card["roles"])
    assert any(r["name"] == "Vladimir Putin" for r in card["relations"])
    assert card["quotes"]


def test_timeline_of_the_pair_and_an_explicit_resolve(seeds_db: Path) -> None:
    out = _json("timeline", "Putin", "Pezeshkian", "--db", str(seeds_db))
    ashgabat = [e for e in out["events"] if e["location"] == "Ashgabat"]
    assert len(ashgabat) == 1 and ashgabat[0]["articles"] == 2
    assert len(ashgabat[0]["evidence"]) == 2
    assert out["months"]
    again = runner.invoke(app, ["resolve", "--db", str(seeds_db)], catch_exceptions=False)
    assert again.exit_code == 0 and "resolved 0 new articles" in again.output
    missing = runner.invoke(app, ["entity", "Nessuno", "--db", str(seeds_db)])
    assert missing.exit_code == 1
