"""The default pipeline on the seed articles: evidence offsets hold, quoted names stay
names (whatever the entity layer finds)."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph import ingest
from newsgraph.config import Settings
from newsgraph.model import Article
from newsgraph.pipeline import Pipeline


def test_seed_quotes_and_events_point_into_the_text(shared: Path):
    gold = json.loads((shared / "gold" / "seeds.gold.json").read_text(encoding="utf-8"))
    pipeline = Pipeline()
    for doc in gold["documents"]:
        path = (shared / "gold" / doc["path"]).resolve()
        (article,) = [a for a in ingest.read([str(path)], Settings()) if isinstance(a, Article)]
        result = pipeline.process(article)
        text = result.article.text
        for record in [*result.events, *result.quotes]:
            assert 0 <= record.start < record.end <= len(text)
            assert record.sentence < len(result.sentences)
        for q in result.quotes:
            assert text[q.start : q.end] == q.text
        for term in doc.get("quoted_terms_not_speech") or []:
            at = text.replace("’", "'").find(term.replace("’", "'"))
            assert at >= 0
            assert not [q for q in result.quotes if q.start < at + len(term) and at < q.end], term
        quoted = {q.text for q in result.quotes}
        for g in doc.get("quotes", []):
            assert g["text"] in quoted
