"""How fast the time tagger finds and resolves temporal expressions, on one core.

Runs the tagger (find, tense, resolve against a publication date) over the lines of a
news corpus and over the expression table, and prints expressions and lines per second
of CPU time (the best of a few runs). The corpus is
``../shared/corpus/kind_wikinews_it.jsonl`` when it is there (real Italian news, most lines
without any date), the table always (short sentences, each with an expression). Not a
test: timings depend on the machine.

Usage: python scripts/bench_time.py [--corpus PATH] [--limit N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from newsgraph.annotate.time.tagger import load

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "kind_wikinews_it.jsonl"
TABLE = REPO / "tests" / "data" / "time" / "expressions.tsv"
PUBLISHED = date(2025, 1, 13)


def corpus_lines(path: Path, limit: int) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            doc = json.loads(raw)
            lang = doc.get("language") or "it"
            lines += [(lang, line) for line in doc["text"].split("\n") if line.strip()]
            if len(lines) >= limit:
                break
    return lines[:limit]


def table_lines() -> list[tuple[str, str]]:
    out = []
    for n, raw in enumerate(TABLE.read_text(encoding="utf-8").splitlines()):
        if n and raw.strip() and not raw.startswith("#"):
            lang, _, text, *_ = raw.split("\t")
            out.append((lang, text.replace("[", "").replace("]", "")))
    return out


def bench(name: str, lines: list[tuple[str, str]], repeat: int) -> None:
    taggers = {lang: load(lang) for lang in {lang for lang, _ in lines}}
    for lang, text in lines[:50]:  # warm the per-kind pattern caches
        taggers[lang].tag(text, PUBLISHED)
    found = 0
    best = float("inf")
    for _ in range(repeat):
        # CPU time of this process: on a shared machine, waiting for a core is not work.
        started = time.process_time()
        found = sum(len(taggers[lang].tag(text, PUBLISHED)) for lang, text in lines)
        best = min(best, time.process_time() - started)
    chars = sum(len(text) for _, text in lines)
    print(
        f"{name}: {len(lines)} lines, {chars} chars, {found} expressions in {best:.3f} CPU s"
        f" -> {found / best:,.0f} expressions/s, {len(lines) / best:,.0f} lines/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--limit", type=int, default=20000, help="corpus lines to read")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best one counts")
    args = parser.parse_args()
    if args.corpus.is_file():
        bench(args.corpus.name, corpus_lines(args.corpus, args.limit), args.repeat)
    bench("expression table", table_lines() * 20, args.repeat)


if __name__ == "__main__":
    main()
