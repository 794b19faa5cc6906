"""The ``entities`` and ``entity_clusters`` layers of ``newsgold/1``.

A predicted mention may be read two ways: as the entity it names (``entity_id``) and as
the one it stands for or stands in (``attrs["stands_for"]``, ``attrs["place"]``): "a
Mosca" is the city and the Russian government's capital, "Mosca ha detto" the Russian
government and the city. The gold decides which reading it wants, so both count.

``entities``
    A gold entity is found when an entity the article's mentions refer to (either
    reading) has the gold type and the gold name, after case and diacritic folding, as
    its name, one of its aliases, or a KB name. A predicted entity is a false hit when no
    gold entity matches it, unless the gold lists all its mentions' texts under other
    entities (it chose the other reading) or it is generic (a class of weapons such as
    "droni", an institution named by a common noun alone such as "la polizia"): gold
    lists named entities only.

``entity_clusters``
    A gold entity's mentions are one cluster when one predicted entity is a reading of
    every predicted mention of each of its mention texts (a mention text with no mention
    of its own may sit inside a longer one: "siriano" in "regime siriano", read as the
    country it qualifies). A predicted entity whose mentions carry the texts of two gold
    entities merged them: a false hit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import Any

from newsgraph.eval.layers import layer
from newsgraph.eval.metrics import LayerScore, fold
from newsgraph.model import Annotated, Entity, Mention

#: Mention attributes that name another reading of the mention.
READING_KEYS = ("stands_for", "place")


@lru_cache(maxsize=1)
def _kb_names() -> dict[str, set[str]]:
    """Folded KB names by entry id: the aliases the system knows."""
    from newsgraph import kb

    return {e.id: {fold(n) for n in e.all_names()} for e in kb.load().entries.values()}


def readings(mention: Mention) -> set[str]:
    ids = {mention.entity_id} if mention.entity_id else set()
    ids |= {str(mention.attrs[k]) for k in READING_KEYS if mention.attrs.get(k)}
    return ids


def _names(entity: Entity) -> set[str]:
    return {fold(entity.name), *(fold(a) for a in entity.aliases)} | _kb_names().get(
        entity.id, set()
    )


def _gold_entities(gold_doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [g for g in gold_doc.get("entities", []) if g.get("name") and g.get("type")]


def _matching(gold: dict[str, Any], entities: dict[str, Entity], ids: set[str]) -> list[str]:
    name = fold(gold["name"])
    return [
        i
        for i in sorted(ids)
        if i in entities and entities[i].type == gold["type"] and name in _names(entities[i])
    ]


@layer("entities")
def score_entities(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    score = LayerScore()
    entities = {e.id: e for e in result.entities}
    referred = set().union(*(readings(m) for m in result.mentions)) if result.mentions else set()
    primary = {m.entity_id for m in result.mentions if m.entity_id}
    matched: set[str] = set()
    gold_texts: set[str] = set()
    for gold in _gold_entities(gold_doc):
        gold_texts |= {fold(t) for t in gold.get("mentions", [])}
        found = _matching(gold, entities, referred)
        if found:
            score.tp += 1
            matched.update(found)
            continue
        score.fn += 1
        named = [i for i in referred if i in entities and fold(gold["name"]) in _names(entities[i])]
        miss: dict[str, Any] = {"name": gold["name"], "type": gold["type"]}
        if named:
            miss["predicted_types"] = sorted({entities[i].type for i in named})
        score.misses.append(miss)
    texts: dict[str, set[str]] = defaultdict(set)
    for m in result.mentions:
        if m.entity_id:
            texts[m.entity_id].add(fold(m.text))
    for entity_id in sorted(primary - matched):
        if texts[entity_id] <= gold_texts:
            continue  # the gold names these words under another reading
        entity = entities.get(entity_id)
        if entity is not None and entity.attrs.get("generic"):
            continue
        score.fp += 1
        score.false_hits.append(
            {
                "name": entity.name if entity else entity_id,
                "type": entity.type if entity else None,
                "id": entity_id,
                "mentions": sorted(texts[entity_id]),
            }
        )
    return score


def _mentions_of(text: str, mentions: list[Mention]) -> tuple[list[Mention], bool]:
    """The predicted mentions of a gold mention text: those with exactly that text, else
    those containing it as whole words (second value True)."""
    folded = fold(text)
    exact = [m for m in mentions if fold(m.text) == folded]
    if exact:
        return exact, False
    pattern = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")
    return [m for m in mentions if pattern.search(fold(m.text))], True


def _inner_readings(mention: Mention) -> set[str]:
    """A longer mention's readings plus the country it is qualified by ("regime siriano"
    contains a mention of Syria)."""
    country = mention.attrs.get("country")
    return readings(mention) | ({f"country/{country}"} if country else set())


@layer("entity_clusters")
def score_entity_clusters(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    score = LayerScore()
    owners: dict[str, set[str]] = defaultdict(set)  # predicted entity -> gold entities
    for gold in _gold_entities(gold_doc):
        common: set[str] | None = None
        missing = []
        for text in dict.fromkeys(gold.get("mentions", [])):
            found, inner = _mentions_of(text, result.mentions)
            if not found:
                missing.append(text)
                continue
            for m in found:
                ids = _inner_readings(m) if inner else readings(m)
                common = ids if common is None else common & ids
                if m.entity_id and not inner:
                    owners[m.entity_id].add(gold["name"])
        if not missing and common:
            score.tp += 1
            continue
        score.fn += 1
        miss: dict[str, Any] = {"name": gold["name"], "type": gold["type"]}
        if missing:
            miss["not_found"] = missing
        else:
            miss["split"] = {
                t: sorted({m.entity_id or "" for m in _mentions_of(t, result.mentions)[0]})
                for t in gold.get("mentions", [])
            }
        score.misses.append(miss)
    for entity_id, names in sorted(owners.items()):
        if len(names) > 1:
            score.fp += 1
            score.false_hits.append({"id": entity_id, "merges": sorted(names)})
    return score
