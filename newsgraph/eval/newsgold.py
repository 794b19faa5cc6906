"""The ``newsgold/1`` format: hand-made gold for whole articles, scored layer by layer.

The pipeline is run on each gold document (its ``path`` is relative to the gold file);
each layer scorer in :mod:`newsgraph.eval.layers` compares one kind of fact. Layers with
no scorer yet are reported as not implemented.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsgraph import ingest
from newsgraph.config import Settings
from newsgraph.eval.errors import EvalError
from newsgraph.eval.layers import CORPUS_SCORERS, SCORERS
from newsgraph.eval.metrics import LayerScore, not_implemented
from newsgraph.model import Annotated, Article
from newsgraph.pipeline import Pipeline
from newsgraph.resolve import crossdoc
from newsgraph.store import Store

LAYERS = (
    "not_body",
    "captions",
    "entities",
    "entity_clusters",
    "dates",
    "published",
    "events",
    "event_modality",
    "quotes",
    "cross_document",
)

GoldDoc = dict[str, Any]
Scorer = Callable[[GoldDoc, Annotated], LayerScore]


def load(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read gold file {path}: {exc}") from exc
    if not str(gold.get("format", "")).startswith("newsgold/"):
        raise EvalError(f"{path} is not a newsgold file (format {gold.get('format')!r})")
    return gold


def read_document(gold_path: Path, doc: GoldDoc) -> Article:
    source = (gold_path.parent / doc["path"]).resolve()
    items = list(ingest.read([str(source)], Settings()))
    articles = [a for a in items if isinstance(a, Article)]
    if len(articles) != 1:
        raise EvalError(f"gold document {doc.get('id')}: expected one article in {source}")
    article = articles[0]
    article.external_id = doc.get("id")
    return article


def evaluate(path: Path) -> dict[str, Any]:
    gold = load(path)
    pipeline = Pipeline()
    pairs = [(d, pipeline.process(read_document(path, d))) for d in gold.get("documents", [])]
    layers: dict[str, Any] = {}
    misses: list[Any] = []
    false_hits: list[Any] = []
    with _resolved(pairs) as store:
        for name in LAYERS:
            scorer = SCORERS.get(name)
            across = CORPUS_SCORERS.get(name)
            if scorer is None and across is None:
                layers[name] = not_implemented()
                continue
            total = LayerScore()
            scored = [(doc["id"], scorer(doc, result)) for doc, result in pairs] if scorer else []
            if across is not None:
                scored.append(("*", across([d for d, _ in pairs], [r for _, r in pairs], store)))
            for doc_id, score in scored:
                total.add(score)
                misses += [{"layer": name, "doc": doc_id, **_as_dict(m)} for m in score.misses]
                false_hits += [
                    {"layer": name, "doc": doc_id, **_as_dict(m)} for m in score.false_hits
                ]
            layers[name] = total.report()
    return {"layers": layers, "misses": misses, "false_hits": false_hits}


@contextmanager
def _resolved(pairs: list[tuple[GoldDoc, Annotated]]) -> Iterator[Store]:
    """The results in an in-memory store after the cross-document step, for the layers
    that score what happens across articles."""
    with Store(":memory:") as store:
        store.write_batch([r for _, r in pairs])
        crossdoc.resolve(store)
        yield store


def _as_dict(item: Any) -> dict[str, Any]:
    return item if isinstance(item, dict) else {"item": item}
