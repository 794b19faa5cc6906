"""What happens across articles, scored over all documents of a ``newsgold/1`` file after
the cross-document step (:func:`newsgraph.resolve.crossdoc.resolve`).

``cross_document``
    Each gold ``same_as`` link ("<doc id>#event<N>") is one item: a hit when both gold
    events are matched (as the ``events`` layer matches them) by predicted events that
    end up in one event cluster. Each ``date_via_other_article`` is one item too: a hit
    when the matched predicted event gets that date from its cluster. A false hit is a
    cluster that joins two matched gold events the gold keeps apart. Extra metrics:
    ``pairs`` and ``dates`` (accuracy of each kind of item).

``entity_clusters`` (across documents; the per-document part is in ``entities.py``)
    A gold entity named in several documents (same canonical name) is a hit when one
    global entity is a reading of all its predicted mentions in all of them (a mention's
    readings as in ``entities.py``: "Mosca" is Moscow and the Russian government). A
    global entity that holds mentions of differently named gold entities of different
    documents merged them:
    a false hit.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from newsgraph.eval.layers import corpus_layer
from newsgraph.eval.layers.entities import _gold_entities, _mentions_of, readings
from newsgraph.eval.layers.events import match_events
from newsgraph.eval.metrics import LayerScore, Ratio, fold
from newsgraph.model import Annotated
from newsgraph.store import Store

GoldDoc = dict[str, Any]


def _event_refs(docs: list[GoldDoc], results: list[Annotated]) -> dict[str, str | None]:
    """ "<doc id>#event<N>" -> the id of the predicted event matched to it (or None)."""
    refs: dict[str, str | None] = {}
    for doc, result in zip(docs, results, strict=True):
        matched = {id(g): e.id for g, e in match_events(doc, result).pairs}
        for n, gold in enumerate(doc.get("events", []), start=1):
            refs[f"{doc['id']}#event{n}"] = matched.get(id(gold))
    return refs


def _clusters(store: Store) -> dict[str, dict[str, Any]]:
    return {
        r["event_id"]: r
        for r in store.rows("SELECT event_id, cluster_id, date, date_from FROM event_clusters")
    }


@corpus_layer("cross_document")
def score_cross_document(docs: list[GoldDoc], results: list[Annotated], store: Store) -> LayerScore:
    score = LayerScore()
    refs = _event_refs(docs, results)
    clusters = _clusters(store)
    pairs, dates = Ratio(), Ratio()
    linked: set[frozenset[str]] = set()
    for doc in docs:
        for n, gold in enumerate(doc.get("events", []), start=1):
            here = f"{doc['id']}#event{n}"
            if gold.get("same_as"):
                linked.add(frozenset({here, gold["same_as"]}))
                a, b = refs.get(here), refs.get(gold["same_as"])
                ok = bool(
                    a
                    and b
                    and clusters.get(a, {}).get("cluster_id")
                    == clusters.get(b, {}).get("cluster_id")
                )
                pairs += Ratio(int(ok), 1)
                _count(score, ok, {"same_as": [here, gold["same_as"]], "predicted": [a, b]})
            if gold.get("date_via_other_article"):
                event = refs.get(here)
                got = clusters.get(event or "", {})
                ok = (
                    bool(got.get("date_from")) and got.get("date") == gold["date_via_other_article"]
                )
                dates += Ratio(int(ok), 1)
                _count(
                    score,
                    ok,
                    {
                        "date_via_other_article": here,
                        "expected": gold["date_via_other_article"],
                        "predicted": got.get("date"),
                    },
                )
    by_cluster: dict[str, list[str]] = defaultdict(list)
    for ref, event in sorted(refs.items()):
        if event and event in clusters:
            by_cluster[clusters[event]["cluster_id"]].append(ref)
    for cluster_id, members in sorted(by_cluster.items()):
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if frozenset({a, b}) not in linked:
                    score.fp += 1
                    score.false_hits.append({"cluster": cluster_id, "merges": [a, b]})
    score.extra = {"pairs": pairs, "dates": dates}
    return score


def _count(score: LayerScore, ok: bool, item: dict[str, Any]) -> None:
    if ok:
        score.tp += 1
    else:
        score.fn += 1
        score.misses.append(item)


def _global_ids(store: Store) -> dict[str, str]:
    return {
        r["entity_id"]: r["cluster_id"]
        for r in store.rows("SELECT entity_id, cluster_id FROM entity_clusters")
    }


def _global(mapping: dict[str, str], entity_id: str, article_id: str) -> str:
    return mapping.get(f"{entity_id}@{article_id}") or mapping.get(entity_id, entity_id)


@corpus_layer("entity_clusters")
def score_entities_across(
    docs: list[GoldDoc], results: list[Annotated], store: Store
) -> LayerScore:
    score = LayerScore()
    mapping = _global_ids(store)
    found: dict[str, dict[str, set[str] | None]] = defaultdict(dict)  # name -> doc -> ids
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)  # global id -> (name, doc)
    for doc, result in zip(docs, results, strict=True):
        for gold in _gold_entities(doc):
            common: set[str] | None = None
            for text in dict.fromkeys(gold.get("mentions", [])):
                mentions, inner = _mentions_of(text, result.mentions)
                for m in [] if inner else mentions:
                    ids = {_global(mapping, i, m.article_id) for i in readings(m)}
                    common = ids if common is None else common & ids
                    if m.entity_id:
                        owner = _global(mapping, m.entity_id, m.article_id)
                        owners[owner].add((fold(gold["name"]), doc["id"]))
            found[fold(gold["name"])][doc["id"]] = common
    for name, per_doc in sorted(found.items()):
        if len(per_doc) < 2:
            continue
        sets = list(per_doc.values())
        if all(sets) and set.intersection(*(s for s in sets if s)):
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(
                {
                    "across_documents": name,
                    "global_ids": {d: sorted(i or ()) for d, i in per_doc.items()},
                }
            )
    for gid, named in sorted(owners.items()):
        names = {n for n, _ in named}
        docs_of = {d for _, d in named}
        if len(names) > 1 and len(docs_of) > 1:
            score.fp += 1
            score.false_hits.append({"global_id": gid, "merges": sorted(names)})
    return score
