"""The ``clusters`` gold format: which articles tell the same story.

``{"format": "clusters", "articles": "<JSONL relative to the gold file>", "assign":
{"<article id>": "<story id>"}}``. The articles are run through the whole pipeline into a
temporary store, the cross-document step groups them into stories, and the predicted
grouping is compared with ``assign``:

- B-cubed: for each article, precision is the share of its predicted story that is in its
  gold story, recall the share of its gold story that is in its predicted story; both are
  averaged over articles.
- Pairwise: every pair of articles is a hit when both groupings put them together.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from newsgraph import job
from newsgraph.eval.errors import EvalError
from newsgraph.eval.metrics import LayerScore
from newsgraph.resolve import crossdoc
from newsgraph.store import Store


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    members_pred: dict[str, set[str]] = defaultdict(set)
    members_gold: dict[str, set[str]] = defaultdict(set)
    for item, cluster in pred.items():
        members_pred[cluster].add(item)
    for item, cluster in gold.items():
        members_gold[cluster].add(item)
    items = list(gold)
    if not items:
        return 1.0, 1.0, 1.0
    p = r = 0.0
    for item in items:
        mine = members_pred[pred[item]] if item in pred else {item}
        truth = members_gold[gold[item]]
        both = len(mine & truth)
        p += both / len(mine)
        r += both / len(truth)
    p, r = p / len(items), r / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> LayerScore:
    score = LayerScore()
    for a, b in combinations(sorted(gold), 2):
        same_gold = gold[a] == gold[b]
        same_pred = a in pred and b in pred and pred[a] == pred[b]
        if same_gold and same_pred:
            score.tp += 1
        elif same_pred:
            score.fp += 1
            score.false_hits.append({"pair": [a, b]})
        elif same_gold:
            score.fn += 1
            score.misses.append({"pair": [a, b]})
    return score


def predict(articles: Path) -> dict[str, str]:
    """Run the pipeline and the cross-document step; story id by the articles' own ids."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        job.run([str(articles)], store)
        crossdoc.update(store)
        rows = store.rows(
            """SELECT coalesce(a.external_id, a.id) AS id, m.story_id
               FROM articles a JOIN story_articles m ON m.article_id = a.id"""
        )
    return {r["id"]: r["story_id"] for r in rows}


def evaluate(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read gold file {path}: {exc}") from exc
    if gold.get("format") != "clusters" or not isinstance(gold.get("assign"), dict):
        raise EvalError(f"{path} is not a clusters gold file")
    articles = path.parent / str(gold.get("articles", ""))
    if not articles.is_file():
        raise EvalError(f"{path}: articles file {articles} not found")
    assign = {str(k): str(v) for k, v in gold["assign"].items()}
    pred = predict(articles)
    p, r, f = bcubed(pred, assign)
    pairs = pairwise(pred, assign)
    layer = pairs.report()
    layer.update(
        {
            "bcubed_precision": round(p, 4),
            "bcubed_recall": round(r, 4),
            "bcubed_f1": round(f, 4),
            "pairwise_f1": layer["f1"],
            "articles": len(assign),
            "unassigned": sorted(set(assign) - set(pred)),
        }
    )
    return {"layers": {"stories": layer}, "misses": pairs.misses, "false_hits": pairs.false_hits}
