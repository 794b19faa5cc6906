"""Watchlists: the file and its commands, name resolution, what matches, and `check`
reporting each match once per watchlist."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from digest_helpers import store_copy
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.serve.watch import Resolved, WatchError, Watchlist, check, entity_ids
from newsgraph.store import Store

runner = CliRunner()


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory, shared: Path, tmp_path: Path) -> Path:
    return store_copy(tmp_path_factory, shared, tmp_path)


@pytest.mark.parametrize("name", ["watch.yaml", "watch.json"])
def test_add_list_remove_round_trip_through_the_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    add = [
        "watch", "add", "--file", str(path), "--actor", "Russia", "--actor", "Russia",
        "--pair", "Russia, Iran", "--type", "assault", "--name", "ri",
    ]  # fmt: skip
    assert runner.invoke(app, add).exit_code == 0
    wl = Watchlist.load(path)
    assert (wl.name, wl.actors, wl.pairs, wl.event_types) == (
        "ri", ["Russia"], [("Russia", "Iran")], ["ASSAULT"],
    )  # fmt: skip
    if name.endswith(".json"):
        assert json.loads(path.read_text())["pairs"] == [["Russia", "Iran"]]

    listed = runner.invoke(app, ["watch", "list", "--file", str(path)])
    assert listed.exit_code == 0 and "pair   Russia | Iran" in listed.output

    remove = ["watch", "remove", "--file", str(path), "--pair", "Iran,Russia", "--type", "ASSAULT"]
    assert runner.invoke(app, remove).exit_code == 0
    wl = Watchlist.load(path)
    assert (wl.actors, wl.pairs, wl.event_types) == (["Russia"], [], [])
    # Removing what is not there says so.
    assert runner.invoke(app, remove).exit_code == 1


def test_invalid_entries_and_files_are_usage_errors(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    bad_type = runner.invoke(app, ["watch", "add", "-f", str(path), "--type", "HUG"])
    assert bad_type.exit_code == 2 and not path.exists()
    bad_pair = runner.invoke(app, ["watch", "add", "-f", str(path), "--pair", "Russia"])
    assert bad_pair.exit_code == 2
    path.write_text("actors: Russia\n")
    with pytest.raises(WatchError):
        Watchlist.load(path)
    assert runner.invoke(app, ["watch", "list", "-f", str(tmp_path / "none.yaml")]).exit_code == 2


def test_names_resolve_by_id_name_and_alias_in_any_case(db: Path) -> None:
    with Store(db, read_only=True) as store:
        assert entity_ids(store, "country/RU") == {"country/RU"}
        assert entity_ids(store, "russia") == {"country/RU"}
        assert entity_ids(store, "MOSCA") == {"country/RU"}
        assert entity_ids(store, "Atlantis") == set()


def test_pair_and_type_matching() -> None:
    wl = Watchlist(actors=["Putin"], pairs=[("Russia", "Iran")], event_types=["AID", "AGREE"])
    resolved = Resolved(
        wl,
        actors={"Putin": {"person/putin"}},
        pairs={("Russia", "Iran"): ({"country/RU"}, {"country/IR"})},
    )

    def event(kind: str, actors: list[str], recipients: list[str]) -> dict:
        return {"type": kind, "actors": actors, "recipients": recipients}

    assert resolved.reasons(event("AID", ["country/RU"], ["country/IR"])) == ["pair Russia – Iran"]
    assert resolved.reasons(event("AID", ["country/IR"], ["country/RU"])) == ["pair Russia – Iran"]
    assert resolved.reasons(event("AID", ["country/RU"], ["country/SY"])) == []
    assert resolved.reasons(event("AGREE", ["person/putin"], [])) == ["actor Putin"]
    assert resolved.reasons(event("ASSAULT", ["country/RU"], ["country/IR"])) == []
    types_only = Resolved(Watchlist(event_types=["AID"]), actors={}, pairs={})
    assert types_only.reasons(event("AID", [], [])) == ["type AID"]


def test_check_reports_new_matches_once(db: Path, tmp_path: Path) -> None:
    path = Watchlist(actors=["Vladimir Putin", "Nobody Atall"], pairs=[("Russia", "Iran")]).save(
        tmp_path / "w.yaml"
    )
    first = runner.invoke(app, ["watch", "check", "-f", str(path), "--db", str(db), "--json"])
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert report["last_run"] is None
    assert report["unresolved"] == ["Nobody Atall"]
    assert report["events"] and report["quotes"]
    with Store(db, read_only=True) as store:
        putin_events = store.rows(
            "SELECT id FROM events WHERE list_contains(list_concat(actors, recipients), ?)",
            ["person/vladimir-putin"],
        )
    reported = {e["id"] for e in report["events"]}
    assert {r["id"] for r in putin_events} <= reported
    assert all(e["reasons"] for e in report["events"])

    second = runner.invoke(app, ["watch", "check", "-f", str(path), "--db", str(db)])
    assert second.exit_code == 0
    assert second.output.startswith("0 new events, 0 new quotations since ")

    # Another watchlist on the same store has its own memory.
    with Store(db) as store:
        other = check(store, Watchlist(actors=["Vladimir Putin"], name="other"))
    assert {e.id for e in other.events} == {r["id"] for r in putin_events}


def test_check_of_an_empty_watchlist_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    path = Watchlist().save(tmp_path / "w.yaml")
    assert runner.invoke(app, ["watch", "check", "-f", str(path), "--db", str(db)]).exit_code == 2
