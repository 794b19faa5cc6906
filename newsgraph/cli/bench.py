"""``newsgraph bench``: speed and memory of the default pipeline on a corpus."""

from __future__ import annotations

import json
import sys
from typing import Annotated as Arg

import typer
from rich.table import Table

from newsgraph.cli import _fail, app, out


@app.command("bench")
def bench_command(
    corpora: Arg[list[str], typer.Argument(help="Corpus files (JSONL, WARC, folders…).")],
    limit: Arg[
        list[int] | None,
        typer.Option(help="Articles per run (repeatable: one run per limit; default all)."),
    ] = None,
    as_json: Arg[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Time the whole pipeline per stage against spaCy's tokenizer alone, with peak memory;
    one fresh process per corpus and limit."""
    from newsgraph.bench import bench_runs

    if limit and any(n <= 0 for n in limit):
        raise _fail("--limit takes a positive number of articles")
    results = bench_runs(corpora, list(limit) if limit else [None])
    if as_json:
        payload = results[0] if len(results) == 1 else results
        sys.stdout.write(json.dumps(payload, indent=1) + "\n")
        return
    for r in results:
        out.print(
            f"[bold]{r['corpus']}[/bold] {r['articles']} articles, {r['words']} words: "
            f"{r['articles_per_s']:.1f} articles/s ({r['cpu_articles_per_s']:.1f} per CPU "
            f"second), {r['words_per_s']:.0f} words/s, tokenizer ratio "
            f"{r['tokenizer_ratio']:.3f}, peak RSS {r['peak_rss_mb']:.0f} MB",
            highlight=False,
        )
        table = Table("stage", "seconds", "share")
        total = sum(r["stages"].values()) or 1.0
        for stage, seconds in sorted(r["stages"].items(), key=lambda kv: -kv[1]):
            table.add_row(stage, f"{seconds:.2f}", f"{seconds / total:.0%}")
        out.print(table)
