"""The newsgold ``entities`` and ``entity_clusters`` layers."""

from __future__ import annotations

import json
from pathlib import Path

from newsgraph.eval import evaluate_file
from newsgraph.eval.layers.entities import score_entities, score_entity_clusters
from newsgraph.model import Annotated, Article, Entity, Mention

TEXT = "Mosca e Teheran. Massud Pezeshkian, poi Masoud Pezeshkian. Droni a Mosca."


def _mention(text: str, entity: str, kind: str, **attrs: object) -> Mention:
    start = TEXT.index(text)
    return Mention(f"m{start}", "a", 0, start, start + len(text), text, kind, entity, attrs=attrs)


def _result(mentions: list[Mention], entities: list[Entity]) -> Annotated:
    article = Article(id="a", text=TEXT, raw=TEXT, origin="test")
    return Annotated(article=article, mentions=mentions, entities=entities)


GOLD = {
    "id": "doc",
    "entities": [
        {"name": "Russia", "type": "COUNTRY", "mentions": ["Mosca"]},
        {"name": "Iran", "type": "COUNTRY", "mentions": ["Teheran"]},
        {
            "name": "Masoud Pezeshkian",
            "type": "PERSON",
            "mentions": ["Massud Pezeshkian", "Masoud Pezeshkian"],
        },
    ],
}
ENTITIES = [
    Entity("country/RU", "Russia", "COUNTRY"),
    Entity("country/IR", "Iran", "COUNTRY"),
    Entity("place/moscow", "Moscow", "LOCATION"),
    Entity("person/p", "Masoud Pezeshkian", "PERSON", aliases=["Massud Pezeshkian"]),
    Entity("materiel/drones", "drones", "MATERIEL", attrs={"generic": True}),
]


def test_either_reading_of_a_capital_counts() -> None:
    mentions = [
        _mention("Mosca", "country/RU", "COUNTRY", metonymy="capital", place="place/moscow"),
        _mention("Teheran", "country/IR", "COUNTRY"),
        _mention("Massud Pezeshkian", "person/p", "PERSON"),
        _mention("Masoud Pezeshkian", "person/p", "PERSON"),
        _mention("Droni", "materiel/drones", "MATERIEL"),
    ]
    # The last "Mosca" is the city, linked to the government it stands for.
    last = TEXT.rindex("Mosca")
    mentions.append(
        Mention(
            "m-last",
            "a",
            0,
            last,
            last + 5,
            "Mosca",
            "LOCATION",
            "place/moscow",
            attrs={"stands_for": "country/RU"},
        )
    )
    result = _result(mentions, ENTITIES)
    entities = score_entities(GOLD, result)
    assert (entities.tp, entities.fp, entities.fn) == (3, 0, 0)  # the city and "droni" are not hits
    clusters = score_entity_clusters(GOLD, result)
    assert (clusters.tp, clusters.fp, clusters.fn) == (3, 0, 0)


def test_split_clusters_wrong_types_and_merges_are_reported() -> None:
    mentions = [
        _mention("Mosca", "country/RU", "COUNTRY"),
        _mention("Teheran", "country/RU", "COUNTRY"),
        _mention("Massud Pezeshkian", "person/p", "PERSON"),
        _mention("Masoud Pezeshkian", "person/other", "PERSON"),
    ]
    entities = [*ENTITIES, Entity("person/other", "Masoud Pezeshkian", "ORGANIZATION")]
    result = _result(mentions, entities)
    score = score_entities(GOLD, result)
    assert score.fn == 1 and score.misses[0]["name"] == "Iran"
    clusters = score_entity_clusters(GOLD, result)
    missed = {m["name"]: m for m in clusters.misses}
    assert "split" in missed["Masoud Pezeshkian"]
    assert clusters.fp == 1 and clusters.false_hits[0]["merges"] == ["Iran", "Russia"]


def test_seed_targets(shared: Path) -> None:
    """Every seed entity found with its type, the three Pezeshkian spellings one entity,
    Mosca and Teheran counted for Russia and Iran."""
    report = evaluate_file(shared / "gold" / "seeds.gold.json")
    layers = report["layers"]
    assert layers["entities"]["recall"] == 1.0, json.dumps(report["misses"], ensure_ascii=False)
    assert layers["entity_clusters"]["recall"] == 1.0
    assert layers["entity_clusters"]["fp"] == 0
