"""Benchmark the entity stage alone: characters per second on one core, and the KB's load
time and memory.

Articles are read, cleaned and split into sentences outside the timed region; only the
``newsgraph_entities`` component is timed. The KB is loaded first in this fresh process
(from the user cache when it is built; run twice to see the cached load).

    python scripts/bench_entities.py ../shared/corpus/dice_it.jsonl [--limit N] [--lang it]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="JSONL with {id, text, language?}")
    parser.add_argument("--limit", type=int, default=0, help="articles to use (0: all)")
    parser.add_argument("--lang", default="it")
    parser.add_argument("--batch", type=int, default=500, help="articles prepared at a time")
    args = parser.parse_args()

    before = rss_mb()
    started = time.perf_counter()
    from newsgraph import kb

    knowledge = kb.load()
    kb_seconds = time.perf_counter() - started
    kb_mb = rss_mb() - before

    from newsgraph import annotate, clean
    from newsgraph.model import Article

    nlp = annotate.build_nlp(args.lang, ("newsgraph_sentences", "newsgraph_entities"))
    component = nlp.get_pipe("newsgraph_entities")
    sentencizer = nlp.get_pipe("newsgraph_sentences")

    chars = docs = mentions = 0
    timed = 0.0

    def run(batch: list[Article]) -> None:
        nonlocal chars, docs, mentions, timed
        prepared = []
        for article in batch:
            zones = clean.mark(article)
            doc = nlp.make_doc(article.text)
            doc._.article = article
            doc.spans["zones"] = [
                s
                for z in zones
                if (s := doc.char_span(z.start, z.end, label=z.kind, alignment_mode="expand"))
            ]
            prepared.append(sentencizer(doc))
        t0 = time.perf_counter()
        for doc in prepared:
            component(doc)
        timed += time.perf_counter() - t0
        for doc in prepared:
            chars += len(doc.text)
            mentions += len(doc.ents)
        docs += len(prepared)

    batch: list[Article] = []
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = row.get("text") or ""
            batch.append(Article(id=str(row.get("id")), text=text, raw=text, origin="bench",
                                 language=row.get("language") or args.lang))  # fmt: skip
            if len(batch) >= args.batch:
                run(batch)
                batch = []
            if args.limit and docs + len(batch) >= args.limit:
                break
    if batch:
        run(batch)
    report = {
        "articles": docs,
        "characters": chars,
        "mentions": mentions,
        "entity_stage_seconds": round(timed, 2),
        "chars_per_second": round(chars / timed) if timed else None,
        "articles_per_second": round(docs / timed, 1) if timed else None,
        "kb_entries": len(knowledge),
        "kb_load_seconds": round(kb_seconds, 2),
        "kb_memory_mb": round(kb_mb, 1),
        "peak_rss_mb": round(rss_mb(), 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
