"""The benchmark: every stage timed, the tokenizer reference taken on the same texts,
memory measured, and the JSON the CLI prints."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.bench import INGEST, STORE, bench
from newsgraph.cli import app
from newsgraph.config import DEFAULT_COMPONENTS


def _corpus(shared: Path, tmp_path: Path, n: int) -> Path:
    target = tmp_path / "corpus.jsonl"
    with (shared / "corpus" / "kind_wikinews_it.jsonl").open(encoding="utf-8") as fh:
        target.write_text("".join(line for _, line in zip(range(n), fh, strict=False)))
    return target


def test_bench_times_every_stage_of_the_pipeline(shared: Path, tmp_path: Path) -> None:
    corpus = _corpus(shared, tmp_path, 15)
    result = bench(str(corpus), limit=10)
    assert result.articles == 10
    assert result.errors == 0
    words = sum(len(json.loads(line)["text"].split()) for line in corpus.open().readlines()[:10])
    assert result.words == words
    expected = {INGEST, "clean", "language", "tokenizer", *DEFAULT_COMPONENTS, "records", STORE}
    assert set(result.stages) == expected
    assert all(seconds > 0 for seconds in result.stages.values())
    # The stages account for the run's time (the rest is the loop itself).
    assert sum(result.stages.values()) <= result.seconds
    assert 0 < result.tokenizer_ratio < 1  # the pipeline includes a tokenizer and more
    assert result.peak_rss_mb >= result.early_rss_mb > 0


def test_bench_cli_prints_the_json_report(shared: Path, tmp_path: Path) -> None:
    corpus = _corpus(shared, tmp_path, 8)
    res = CliRunner().invoke(app, ["bench", str(corpus), "--limit", "5", "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert {"articles_per_s", "words_per_s", "tokenizer_ratio", "peak_rss_mb", "stages"} <= set(
        report
    )
    assert report["articles"] == 5
    assert report["articles_per_s"] > 0 and report["words_per_s"] > report["articles_per_s"]
    # Run in a fresh process: its peak memory is its own, with the pipeline loaded.
    assert report["peak_rss_mb"] > 50


def test_bench_rejects_a_limit_of_zero(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["bench", str(tmp_path), "--limit", "0"])
    assert res.exit_code == 2
