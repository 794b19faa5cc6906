"""Latency of the serving layer: entity and event queries through
:mod:`newsgraph.serve.queries` and over HTTP, on a store built from the Italian corpus.

Builds the store (the default pipeline on the first ``--limit`` articles of
``kind_wikinews_it.jsonl`` then ``dice_it.jsonl``, plus the cross-document step) unless
``--db`` names one that exists, then times each kind of query on the most mentioned
entities and prints p50/p95/max in milliseconds. Target: p95 under 100 ms.

Usage: python scripts/bench_api.py [--db PATH] [--limit 2000] [--entities 40]
"""

from __future__ import annotations

import argparse
import itertools
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from newsgraph import job
from newsgraph.resolve import crossdoc
from newsgraph.serve import queries as Q
from newsgraph.serve.api import create_app
from newsgraph.serve.security import SecurityConfig
from newsgraph.store import Store

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
FILES = ("kind_wikinews_it.jsonl", "dice_it.jsonl")


def build(db: Path, limit: int) -> None:
    """Run the pipeline on the first ``limit`` corpus articles into ``db``."""
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with sample.open("w", encoding="utf-8") as out:
            lines = itertools.chain.from_iterable(
                (CORPUS / name).open(encoding="utf-8") for name in FILES
            )
            for line in itertools.islice(lines, limit):
                out.write(line)
        started = time.perf_counter()
        with Store(db) as store:
            summary = job.run([str(sample)], store)
            stories = crossdoc.update(store)
            counts = store.counts()
    print(f"built {db}: {summary.stored} articles in {time.perf_counter() - started:.0f}s, "
          f"{stories.stories} stories; " + json.dumps(counts), file=sys.stderr)


def workload(r: Q.Reader, n: int) -> list[tuple[str, Callable[[Q.Reader], Any], str]]:
    """(kind, query on a reader, API path) for the ``n`` most mentioned entities."""
    top = Q.entities(r, limit=n).items
    out: list[tuple[str, Callable[[Q.Reader], Any], str]] = []
    for e in top:
        eid, name = e["id"], e["name"]
        word = name.split()[-1]
        rel = Q.relations(r, eid, limit=1)
        out += [
            ("entity", lambda r, i=eid: Q.entity(r, i), f"/api/entities/{eid}"),
            ("entity search", lambda r, w=word: Q.entities(r, q=w),
             f"/api/entities?q={word}"),
            ("events by actor", lambda r, i=eid: Q.events(r, Q.EventFilter(actor=i)),
             f"/api/events?actor={eid}"),
            ("events by participant+type", lambda r, i=eid: Q.events(
                r, Q.EventFilter(participant=i, type="CONSULT")),
             f"/api/events?participant={eid}&type=CONSULT"),
            ("timeline", lambda r, i=eid: Q.timeline(r, i), f"/api/timeline?actor={eid}"),
            ("quotes by speaker", lambda r, i=eid: Q.quotes(r, speaker=i),
             f"/api/quotes?speaker={eid}"),
            ("full-text search", lambda r, w=word: Q.search(r, w), f"/api/search?q={word}"),
        ]
        if rel:
            other = rel[0]["other"]
            out.append(("dyad", lambda r, a=eid, b=other: Q.dyad(r, a, b),
                        f"/api/dyad?a={eid}&b={other}"))
    out.append(("events, date range", lambda r: Q.events(
        r, Q.EventFilter(date_from="2020-01-01", date_to="2024-12-31")),
        "/api/events?date_from=2020-01-01&date_to=2024-12-31"))
    return out


def report(title: str, times: dict[str, list[float]]) -> None:
    print(f"\n{title}")
    print(f"  {'query':30} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for kind, ms in times.items():
        ms = sorted(ms)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        print(f"  {kind:30} {len(ms):4d} {statistics.median(ms):8.1f} {p95:8.1f} {ms[-1]:8.1f}")


def timed(calls: list[tuple[str, Callable[[], Any]]]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = defaultdict(list)
    for kind, call in calls:
        started = time.perf_counter()
        call()
        times[kind].append((time.perf_counter() - started) * 1000)
    return times


@contextmanager
def server(db: Path) -> Iterator[str]:
    app = create_app(db, SecurityConfig())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    srv = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        srv.should_exit = True
        thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None, help="store to use or build")
    parser.add_argument("--limit", type=int, default=2000, help="articles to build from")
    parser.add_argument("--entities", type=int, default=40, help="entities to query")
    args = parser.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.duckdb"
    if not db.exists():
        build(db, args.limit)
    with Store(db, read_only=True) as store:
        r = Q.Reader(store)
        print(f"store {db}: " + json.dumps(Q.overview(r)))
        work = workload(r, args.entities)
        for _, query, _ in work:  # warm up: first use of each statement plans it
            query(r)
        report("through queries.py", timed([(k, lambda q=q: q(r)) for k, q, _ in work]))
        r.close()
    with server(db) as base, httpx.Client(base_url=base, timeout=60) as client:
        for _, _, path in work:
            client.get(path).raise_for_status()
        report("over HTTP (uvicorn on 127.0.0.1, one client)",
               timed([(k, lambda p=p: client.get(p).raise_for_status()) for k, _, p in work]))
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
