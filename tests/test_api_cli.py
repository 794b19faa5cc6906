"""``newsgraph serve`` as a user runs it: a subprocess that prints its URL and serves."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from serve_helpers import seed_store_copy

NEWSGRAPH = [str(Path(sys.executable).parent / "newsgraph")]


@contextmanager
def _serving(db: Path, *options: str) -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    """``newsgraph serve`` on a free port: the process, the line it printed, its URL."""
    proc = subprocess.Popen(
        [*NEWSGRAPH, "serve", "--db", str(db), "--port", "0", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert " at http://127.0.0.1:" in line, line
        yield proc, line, line.split(" at ", 1)[1].split()[0]
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def test_serve_prints_its_url_and_serves(tmp_path: Path) -> None:
    db = seed_store_copy(tmp_path / "seeds.duckdb")
    with _serving(db, "--token", "t0k3n") as (_, line, url):
        assert "read-write" in line
        assert httpx.get(f"{url}api/stats", timeout=30).json()["articles"] == 2
        refused = httpx.post(f"{url}api/ingest", json={"articles": [{"text": "x"}]}, timeout=30)
        assert refused.status_code == 401


def test_serve_without_a_store_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [*NEWSGRAPH, "serve", "--db", str(tmp_path / "missing.duckdb")],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and "no store" in done.stderr


def test_serve_with_workers_answers_from_each_process(tmp_path: Path) -> None:
    db = seed_store_copy(tmp_path / "seeds.duckdb")
    with _serving(db, "--workers", "2") as (proc, line, url):
        assert "read-only" in line
        # New connections each time, so the kernel hands them to either worker.
        answers = [httpx.get(f"{url}api/events?limit=1", timeout=60) for _ in range(8)]
        assert {a.status_code for a in answers} == {200}
        assert len({a.json()["total"] for a in answers}) == 1
        assert answers[0].json()["total"] > 0
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        if children.exists():  # Linux: the supervisor's worker processes
            assert len(children.read_text().split()) >= 2


def test_serve_workers_refuse_a_write_token(tmp_path: Path) -> None:
    db = seed_store_copy(tmp_path / "seeds.duckdb")
    done = subprocess.run(
        [*NEWSGRAPH, "serve", "--db", str(db), "--workers", "2", "--token", "secret"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2 and "read-only" in done.stderr
