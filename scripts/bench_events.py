"""Speed of the event and quotation stages, on one core, over a JSONL corpus.

The components before them in the default pipeline (sentences, entities, time…) run
first, untimed; then ``newsgraph_events`` and ``newsgraph_quotes`` are timed on the same
documents. Prints articles/second for the two stages together and for each, with the
events and quotations found.

Usage: python scripts/bench_events.py [../shared/corpus/dice_it.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsgraph import annotate, clean
from newsgraph.annotate.zones import ZONES_KEY
from newsgraph.config import DEFAULT_COMPONENTS
from newsgraph.model import Article, article_id_for

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dice_it.jsonl"
TIMED = ("newsgraph_events", "newsgraph_quotes")


def articles(path: Path, limit: int | None) -> list[Article]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            text = rec["text"]
            out.append(
                Article(
                    id=article_id_for(text),
                    text=text,
                    raw=text,
                    origin=str(path),
                    language=rec.get("language", "it"),
                    title=rec.get("title"),
                )
            )
            if limit and len(out) >= limit:
                break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    docs = []
    for article in articles(args.corpus, args.limit):
        nlp = annotate.build_nlp(article.language or "it", DEFAULT_COMPONENTS)
        zones = clean.mark(article)
        doc = nlp.make_doc(article.text)
        doc._.article = article
        doc.spans[ZONES_KEY] = [
            s
            for z in zones
            if (s := doc.char_span(z.start, z.end, label=z.kind, alignment_mode="expand"))
        ]
        for name, proc in nlp.pipeline:
            if name not in TIMED:
                doc = proc(doc)
        docs.append((nlp, doc))
    seconds = dict.fromkeys(TIMED, 0.0)
    found = dict.fromkeys(TIMED, 0)
    for nlp, doc in docs:
        for name in TIMED:
            proc = nlp.get_pipe(name)
            t0 = time.perf_counter()
            doc = proc(doc)
            seconds[name] += time.perf_counter() - t0
        found["newsgraph_events"] += len(doc._.events or [])
        found["newsgraph_quotes"] += len(doc._.quotes or [])
    n = len(docs)
    total = sum(seconds.values())
    print(f"{n} articles from {args.corpus}")
    print(f"events+quotes: {total:.2f} s, {n / total:.1f} articles/s")
    for name in TIMED:
        print(
            f"  {name}: {seconds[name]:.2f} s ({n / seconds[name]:.1f} articles/s), "
            f"{found[name]} found"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
