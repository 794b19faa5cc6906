"""Limits on untrusted input: each one, set from the environment for a real ``newsgraph
run``, turns the input that breaks it into a recorded error with a clear reason, and the
run goes on; the per-document time limit (newsgraph.guard) does the same for annotation.
"""

from __future__ import annotations

import json
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph import guard, ingest, job
from newsgraph.cli import app
from newsgraph.config import Limits, Settings
from newsgraph.ingest import read
from newsgraph.ingest.build import Context, Item
from newsgraph.ingest.detect import JSONL
from newsgraph.ingest.errors import (
    LINE_TOO_LONG,
    TOO_DEEP,
    TOO_LARGE,
    TOO_LONG,
    TOO_MANY_RECORDS,
)
from newsgraph.ingest.sources import Input
from newsgraph.store import Store

SENTENCE = "Il ministro degli Esteri ha incontrato ieri a Vienna il suo omologo austriaco. "

ENV = {
    "NEWSGRAPH_MAX_FILE_BYTES": "4000",
    "NEWSGRAPH_MAX_ARTICLE_CHARS": "1500",
    "NEWSGRAPH_MAX_RECORDS_PER_FILE": "3",
    "NEWSGRAPH_MAX_LINE_BYTES": "2500",
    "NEWSGRAPH_MAX_JSON_DEPTH": "10",
    "NEWSGRAPH_MAX_HTML_DEPTH": "30",
}


def _jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _over_every_limit(folder: Path) -> None:
    """One input over each limit, and one good article."""
    folder.mkdir()
    (folder / "big.txt").write_text(SENTENCE * 60)  # ~4.7 KB
    _jsonl(folder / "long.jsonl", [{"text": SENTENCE * 24}])  # ~1.9 K characters
    _jsonl(folder / "many.jsonl", [{"text": f"Notizia {n}. {SENTENCE}"} for n in range(5)])
    _jsonl(folder / "wide.jsonl", [{"text": SENTENCE, "note": "x" * 3000}])
    nested: object = "fondo"
    for _ in range(12):
        nested = [nested]
    _jsonl(folder / "deep.jsonl", [{"text": SENTENCE, "tags": nested}])
    page = "<div>" * 40 + f"<p>{SENTENCE}</p>" * 3 + "</div>" * 40
    (folder / "deep.html").write_text(f"<html><body>{page}</body></html>")
    (folder / "good.txt").write_text(SENTENCE)


def test_each_limit_set_from_the_environment_is_a_recorded_error(tmp_path: Path) -> None:
    _over_every_limit(tmp_path / "in")
    db = tmp_path / "limits.duckdb"
    result = CliRunner().invoke(
        app, ["run", str(tmp_path / "in"), "--db", str(db)], env=ENV, catch_exceptions=False
    )
    assert result.exit_code == 1, result.output
    with Store(db, read_only=True) as store:
        failures = store.rows("SELECT origin, reason, record, detail FROM ingest_errors")
        stored = store.rows("SELECT origin, record FROM origins ORDER BY origin, record")
    by_file = {Path(f["origin"]).name: f for f in failures}
    assert {name: f["reason"] for name, f in by_file.items()} == {
        "big.txt": TOO_LARGE,
        "long.jsonl": TOO_LONG,
        "many.jsonl": TOO_MANY_RECORDS,
        "wide.jsonl": LINE_TOO_LONG,
        "deep.jsonl": TOO_DEEP,
        "deep.html": TOO_DEEP,
    }
    # Each detail names the limit that was hit.
    assert "4000" in by_file["big.txt"]["detail"]
    assert "1500" in by_file["long.jsonl"]["detail"]
    assert "3 records" in by_file["many.jsonl"]["detail"]
    assert "2500" in by_file["wide.jsonl"]["detail"]
    assert "the limit is 10" in by_file["deep.jsonl"]["detail"]
    assert "the limit is 30" in by_file["deep.html"]["detail"]
    assert (by_file["many.jsonl"]["record"], by_file["deep.jsonl"]["record"]) == (4, 1)
    # The good article and the records before the record limit are stored.
    assert [(Path(r["origin"]).name, r["record"]) for r in stored] == [
        ("good.txt", -1),
        ("many.jsonl", 1),
        ("many.jsonl", 2),
        ("many.jsonl", 3),
    ]


def test_json_nested_past_the_interpreter_costs_one_line(tmp_path: Path) -> None:
    """A line too deep for the JSON parser's recursion is one error, not the file."""
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    lines = [
        json.dumps({"text": SENTENCE}),
        deep,
        json.dumps({"text": "Altra notizia. " + SENTENCE}),
    ]
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n")
    (tmp_path / "b.json").write_text("[" * 100_000 + "]" * 100_000)
    found = list(read([str(tmp_path)], Settings()))
    summary = [(Path(i.origin).name, i.record, getattr(i, "reason", "article")) for i in found]
    assert summary == [
        ("a.jsonl", 1, "article"),
        ("a.jsonl", 2, TOO_DEEP),
        ("a.jsonl", 3, "article"),
        ("b.json", 1, TOO_DEEP),
    ]


def test_limits_from_the_environment() -> None:
    limits = Limits.from_env({"NEWSGRAPH_DOC_SECONDS": "2.5", "NEWSGRAPH_MAX_JSON_DEPTH": "7"})
    assert (limits.doc_seconds, limits.max_json_depth) == (2.5, 7)
    assert limits.max_file_bytes == Limits().max_file_bytes
    with pytest.raises(ValueError, match="NEWSGRAPH_MAX_FILE_BYTES"):
        Limits.from_env({"NEWSGRAPH_MAX_FILE_BYTES": "lots"})


def test_settings_read_limits_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_MAX_RECORDS_PER_FILE", "12")
    assert Settings().limits.max_records_per_file == 12


def _spin() -> None:
    while True:
        pass


def test_time_limit_interrupts_a_busy_block() -> None:
    with pytest.raises(guard.TimeLimitExceeded, match=r"0\.05 s"), guard.time_limit(0.05):
        _spin()
    # The timer and the previous handler are restored.
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler)


def test_an_outer_limit_survives_an_inner_one() -> None:
    with pytest.raises(guard.TimeLimitExceeded) as outer, guard.time_limit(0.2):
        with guard.time_limit(30):
            pass
        _spin()
    assert outer.value.seconds == 0.2


def test_a_suspended_block_is_not_charged_to_the_limit() -> None:
    after_sleep = []
    with pytest.raises(guard.TimeLimitExceeded), guard.time_limit(0.05):
        with guard.suspended():
            time.sleep(0.2)  # past the limit, but its clock is stopped
        after_sleep.append(True)
        _spin()  # the limit still holds after the suspended block
    assert after_sleep == [True]


def test_time_limit_is_a_no_op_outside_the_main_thread() -> None:
    seen: list[bool] = []

    def work() -> None:
        with guard.time_limit(0.01):
            seen.append(guard.enforceable())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [False]


def test_an_article_over_the_time_limit_is_a_timeout_error(tmp_path: Path) -> None:
    """A real, long article annotated under a limit it cannot meet is recorded as a
    timeout, the run goes on, and the interrupted pipeline still annotates afterwards."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_long.txt").write_text(SENTENCE * 2000)
    (folder / "b_empty.txt").write_text("")
    (tmp_path / "short.txt").write_text(SENTENCE)
    with Store(tmp_path / "t.duckdb") as store:
        summary = job.run([str(folder)], store, Settings(limits=Limits(doc_seconds=0.01)))
        failures = store.rows("SELECT origin, reason, detail FROM ingest_errors ORDER BY origin")
        after = job.run([str(tmp_path / "short.txt")], store, Settings())
        stored = store.rows("SELECT origin FROM origins")
    assert summary.errors == 2
    assert [(Path(f["origin"]).name, f["reason"]) for f in failures] == [
        ("a_long.txt", guard.TIMEOUT),
        ("b_empty.txt", "empty"),
    ]
    assert "0.01 s" in failures[0]["detail"]
    assert (after.stored, after.errors) == (1, 0)
    assert [Path(r["origin"]).name for r in stored] == ["short.txt"]


def test_a_reader_stuck_on_a_record_is_a_timeout_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit also covers reading: a parser stuck on hostile input (here the JSON Lines
    reader made to hang after its first record) costs that file's rest, recorded as a
    timeout at the record it was reading, and the run goes on to the next input."""
    real = ingest.READERS[JSONL]

    def stuck(inp: Input, ctx: Context) -> Iterator[Item]:
        records = real(inp, ctx)
        yield next(records)
        time.sleep(60)  # what the limit interrupts
        yield from records

    monkeypatch.setitem(ingest.READERS, JSONL, stuck)
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"text": SENTENCE + str(i)}) for i in range(3)]
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "b_empty.txt").write_text("")
    with Store(tmp_path / "t.duckdb") as store:
        summary = job.run([str(folder)], store, Settings(limits=Limits(doc_seconds=2)))
        failures = store.rows(
            "SELECT origin, record, reason, detail FROM ingest_errors ORDER BY origin")
    assert (summary.stored, summary.errors) == (1, 2)
    assert [(Path(f["origin"]).name, f["record"], f["reason"]) for f in failures] == [
        ("a.jsonl", 2, guard.TIMEOUT),
        ("b_empty.txt", -1, "empty"),
    ]
    assert failures[0]["detail"].startswith("reading a record took longer than 2 s")


def test_a_limit_that_is_not_a_number_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SENTENCE)
    result = CliRunner().invoke(
        app,
        ["run", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.duckdb")],
        env={"NEWSGRAPH_MAX_FILE_BYTES": "lots"},
    )
    assert result.exit_code == 2
    assert "NEWSGRAPH_MAX_FILE_BYTES" in result.output
