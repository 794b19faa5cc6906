"""Benchmark the cross-document step alone: stories, near-duplicates, entities and events
across articles, on stores of growing size cut from one annotated store.

For each size N, the first N articles of the store (by id) are copied into a fresh store
without any cross-document state, and a fresh process times ``crossdoc.resolve`` on it
and reports its peak memory (the import baseline is printed apart). CPU seconds are
printed beside wall-clock seconds: on a busy machine they are the one-core figure. Build
the source store with the pipeline first, e.g.
``newsgraph run ../shared/corpus/dice_it.jsonl --db dice.duckdb``.

    python scripts/bench_crossdoc.py --db dice.duckdb [--sizes 1000,2500,5000,10000]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Cross-document tables emptied before each measurement.
STATE = ("article_features", "story_articles", "near_duplicates", "stories")


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cut(source: str, target: Path, size: int) -> int:
    """A copy of the store holding its first ``size`` articles and no cross-document
    state; returns the number of articles kept."""
    from newsgraph.resolve.crossdoc import RESOLUTION_TABLES
    from newsgraph.store import Store
    from newsgraph.store.schema import ARTICLE_TABLES

    shutil.copy(source, target)
    with Store(target) as store:
        con = store.con
        con.execute(
            f"CREATE TEMP TABLE keep AS SELECT id FROM articles ORDER BY id LIMIT {int(size)}"
        )
        for table in (*ARTICLE_TABLES, "origins"):
            con.execute(f'DELETE FROM "{table}" WHERE article_id NOT IN (SELECT id FROM keep)')
        con.execute("DELETE FROM articles WHERE id NOT IN (SELECT id FROM keep)")
        for table in (*STATE, *RESOLUTION_TABLES):
            con.execute(f'DELETE FROM "{table}"')
        con.execute("CHECKPOINT")
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]


def measure(db: str) -> None:
    """Run in a fresh process: time the cross-document step on ``db``."""
    from newsgraph.resolve import crossdoc
    from newsgraph.store import Store

    baseline = rss_mb()
    with Store(db) as store:
        started, cpu = time.perf_counter(), time.process_time()
        summary = crossdoc.resolve(store)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    print(
        json.dumps(
            {
                "articles": summary.articles,
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "articles_per_second": round(summary.articles / seconds, 1) if seconds else None,
                "peak_mb": round(rss_mb(), 1),
                "baseline_mb": round(baseline, 1),
                "stories": summary.stories.stories,
                "duplicates": summary.stories.duplicates,
                "entities": summary.entities,
                "merged_entities": summary.merged_entities,
                "events": summary.events,
                "events_reported_twice": summary.events_reported_twice,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an annotated store")
    parser.add_argument("--sizes", default="1000,2500,5000,10000")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    if not args.db:
        parser.error("--db is required")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            target = Path(tmp) / f"cut{size}.duckdb"
            kept = cut(args.db, target, size)
            if kept < size:
                print(f"(the store has only {kept} articles)", file=sys.stderr)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(target)],
                check=True,
                capture_output=True,
                text=True,
            )
            print(out.stdout.strip(), flush=True)
            target.unlink()
            if kept < size:
                break


if __name__ == "__main__":
    main()
