"""Crash safety: ``newsgraph run`` killed with SIGKILL after it committed its first batch,
then run again, ends with the same store as a run that was never interrupted, and at no
point holds half an article (each batch is one transaction, see newsgraph.store).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import Store
from newsgraph.store.schema import ARTICLE_TABLES

ARTICLES = 700
#: The WAL holds only the schema (a few KB) until the first batch of articles commits.
COMMITTED_WAL_BYTES = 64 * 1024
#: Polls (10 ms apart) the WAL must keep its size before the kill.
STILL_POLLS = 20


def _run_command(source: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from newsgraph.cli import app; app()",
        "run",
        str(source),
        "--db",
        str(db),
    ]


def _input(shared: Path, target: Path) -> None:
    """Real Italian articles, cut short so that the run takes seconds, not minutes (and
    declared Italian: a language detected otherwise would load more models)."""
    with (
        (shared / "corpus" / "dice_it.jsonl").open(encoding="utf-8") as fh,
        target.open("w", encoding="utf-8") as out,
    ):
        for _, line in zip(range(ARTICLES), fh, strict=False):
            record = json.loads(line)
            short = {"id": record["id"], "language": "it", "text": record["text"][:400]}
            out.write(json.dumps(short) + "\n")


def _kill_after_first_commit(proc: subprocess.Popen[bytes], db: Path) -> None:
    """SIGKILL once the WAL holds a committed batch: past the schema's size and no longer
    growing (a commit is written in one go; killing inside that write would only lose
    that batch, which the store must survive too, but then nothing would be stored)."""
    wal = db.with_name(db.name + ".wal")
    seen, still = 0, 0
    while proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        still = still + 1 if size == seen else 0
        seen = size
        if size > COMMITTED_WAL_BYTES and still >= STILL_POLLS:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"


def _snapshot(db: Path) -> dict[str, object]:
    """What must match: ids of every record and table counts (timestamps differ)."""
    with Store(db, read_only=True) as store:
        ids = {
            table: sorted(r[0] for r in store.con.execute(f'SELECT id FROM "{table}"').fetchall())
            for table in ("articles", *ARTICLE_TABLES, "entities")
        }
        origins = sorted(
            store.con.execute("SELECT article_id, origin, record FROM origins").fetchall()
        )
        return {"ids": ids, "origins": origins, "counts": store.counts()}


def _assert_whole_articles(db: Path) -> int:
    """Every stored article has its zones and sentences, every annotation its article."""
    with Store(db, read_only=True) as store:
        articles = store.counts()["articles"]
        for table in ("spans", "sentences"):
            bare = store.con.execute(
                f"SELECT count(*) FROM articles a WHERE NOT EXISTS "
                f'(SELECT 1 FROM "{table}" t WHERE t.article_id = a.id)'
            ).fetchone()
            assert bare == (0,), f"articles without {table}"
        for table in (*ARTICLE_TABLES, "origins"):
            orphans = store.con.execute(
                f'SELECT count(*) FROM "{table}" t WHERE NOT EXISTS '
                f"(SELECT 1 FROM articles a WHERE a.id = t.article_id)"
            ).fetchone()
            assert orphans == (0,), f"{table} rows without their article"
    return articles


def test_a_killed_run_resumes_to_the_store_of_an_uninterrupted_one(
    shared: Path, tmp_path: Path
) -> None:
    source = tmp_path / "dice.jsonl"
    _input(shared, source)
    killed_db, whole_db = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
    # The uninterrupted run goes on beside the one that is killed.
    whole = subprocess.Popen(_run_command(source, whole_db), stderr=subprocess.DEVNULL)
    killed = subprocess.Popen(_run_command(source, killed_db), stderr=subprocess.DEVNULL)
    try:
        _kill_after_first_commit(killed, killed_db)
    finally:
        killed.kill()
    stored_at_kill = _assert_whole_articles(killed_db)
    assert 0 < stored_at_kill < ARTICLES

    again = CliRunner().invoke(app, ["run", str(source), "--db", str(killed_db)])
    assert again.exit_code == 0, again.output
    assert whole.wait(timeout=600) == 0

    _assert_whole_articles(killed_db)
    assert _snapshot(killed_db) == _snapshot(whole_db)
