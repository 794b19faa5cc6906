"""The time layer through the full pipeline, on the seed articles and into the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import ingest, job
from newsgraph.config import DEFAULT_COMPONENTS, Settings
from newsgraph.model import Annotated, Article
from newsgraph.pipeline import Pipeline


def _seed(seeds_dir: Path, prefix: str) -> Path:
    paths = sorted(seeds_dir.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is not in {seeds_dir}")
    return paths[0]


def _process(path: Path) -> Annotated:
    articles = [a for a in ingest.read([str(path)], Settings()) if isinstance(a, Article)]
    return Pipeline().process(articles[0])


def _timex(result: Annotated) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for span in result.spans:
        if span.kind == "timex":
            out.setdefault(span.text, []).append(span.attrs)
    return out


def test_time_runs_after_sentences_in_the_default_pipeline():
    assert "newsgraph_time" in DEFAULT_COMPONENTS
    assert DEFAULT_COMPONENTS.index("newsgraph_time") > DEFAULT_COMPONENTS.index(
        "newsgraph_sentences"
    )


def test_seed_001_publication_date_is_estimated_from_its_caption(seeds_dir):
    result = _process(_seed(seeds_dir, "001"))
    article = result.article
    assert article.published == "2025-01-13"
    assert article.published_method is not None
    assert article.published_method.startswith("text:")
    assert "weekday_agrees" in article.published_method
    assert article.published_confidence is not None and article.published_confidence >= 0.6


def test_seed_001_relative_dates_follow_the_tense(seeds_dir):
    result = _process(_seed(seeds_dir, "001"))
    timex = _timex(result)
    assert [t["value"] for t in timex["venerdì"]] == ["2025-01-17"]  # "discuteranno … venerdì"
    assert [t["value"] for t in timex["Venerdì"]] == ["2025-01-10"]  # "Venerdì … ha mostrato"
    assert timex["lo scorso settembre"][0]["value"] == "2024-09"
    assert timex["L’anno scorso"][0]["value"] == "2024"
    anchored = next(v[0] for k, v in timex.items() if k.startswith("tre giorni prima"))
    assert (anchored["value"], anchored["kind"]) == ("2025-01-17", "anchored")
    for span in result.spans:
        if span.kind == "timex":
            assert result.article.text[span.start : span.end] == span.text
            assert span.rule and 0 < span.confidence <= 1


def test_seed_001_designations_counts_and_ages_are_no_dates(seeds_dir):
    result = _process(_seed(seeds_dir, "001"))
    text = result.article.text
    covered = [(s.start, s.end) for s in result.spans if s.kind == "timex"]
    for token in ("Su-35", "Yak-130", "60%", "85enne", "1.200", "251"):
        at = text.index(token)
        assert not any(start < at + len(token) and at < end for start, end in covered), token


def test_seed_000_publication_date_stays_unknown(seeds_dir):
    result = _process(_seed(seeds_dir, "000"))
    assert result.article.published is None
    assert result.article.published_method is None
    month = _timex(result)["a settembre"][0]
    assert (month["value"], month["resolved"]) == ("XXXX-09", False)


def test_the_estimated_date_is_stored_with_the_article(seeds_dir, store):
    job.run([str(_seed(seeds_dir, "001"))], store)
    rows = store.rows("SELECT published, published_method, published_confidence FROM articles")
    assert len(rows) == 1
    assert str(rows[0]["published"]) == "2025-01-13"
    assert str(rows[0]["published_method"]).startswith("text:")
    spans = store.rows("SELECT text, attrs FROM spans WHERE kind = 'timex'")
    assert any(r["text"] == "nel 2018" for r in spans)
