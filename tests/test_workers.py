"""``newsgraph run --workers N``: annotation in worker processes, the parent the only
writer, and a store identical to the single-process run's."""

from __future__ import annotations

from pathlib import Path

from scale_helpers import small_inputs, snapshot
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.scale import workers
from newsgraph.store import Store


def test_two_workers_store_what_one_process_stores(shared: Path, tmp_path: Path) -> None:
    inputs = small_inputs(shared, tmp_path)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    runner = CliRunner()
    single = runner.invoke(app, ["run", *inputs, "--db", str(one)])
    assert single.exit_code == 0, single.output
    parallel = runner.invoke(app, ["run", *inputs, "--db", str(two), "--workers", "2"])
    assert parallel.exit_code == 0, parallel.output
    with Store(one, read_only=True) as a, Store(two, read_only=True) as b:
        expected, got = snapshot(a), snapshot(b)
        assert expected["counts"]["articles"] >= 50  # type: ignore[index]
        assert got == expected
        # The same ids in the same order: the parent keeps the input order.
        order = "SELECT article_id FROM origins ORDER BY origin, record"
        assert a.con.execute(order).fetchall() == b.con.execute(order).fetchall()


def test_workers_record_errors_and_reprocess_as_the_single_run_does(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Roma. Il governo ha deciso."}\n{not json\n', encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Il presidente Sergio Mattarella ha incontrato Emmanuel Macron a Roma.")
    missing = tmp_path / "missing.txt"
    with Store(tmp_path / "s.duckdb") as store:
        first = workers.run([str(bad), str(missing), str(text)], store, workers=2)
        assert (first.read, first.stored, first.errors) == (2, 2, 2)
        reasons = {r["origin"] for r in store.rows("SELECT * FROM ingest_errors")}
        assert reasons == {str(bad), str(missing)}
        before = store.counts()
        again = workers.reprocess_store(store, workers=2)
        assert (again.read, again.reprocessed) == (2, 2)
        assert store.counts() == before
