"""The ``plover-gsr`` evaluator: main event, type accuracy and macro-F1, code accuracy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.eval import evaluate_file, sniff_format
from newsgraph.eval import plover_gsr as gsr
from newsgraph.model import Annotated, Article, Entity, Event, Mention

RECORDS = [
    {
        "id": "r1",
        "text": "Iran threatened Iraq.",
        "event_2021": "THREATEN",
        "source": [{"actorText": "Iran", "code": "IRN"}],
        "target": [{"actorText": "Iraq", "code": "IRQ"}],
    },
    {
        "id": "r2",
        "text": "Amnesty accused Chile.",
        "event_2021": "ACCUSE",
        "source": [{"actorText": "Amnesty", "code": "IGO"}],
        "target": [],
    },
    {"id": "r3", "text": "Nothing happened.", "event_2021": "AGREE", "source": [], "target": []},
]


def event(
    type_: str,
    actors: list[str],
    recipients: list[str],
    salience: int = 3,
    start: int = 0,
    confidence: float = 0.8,
) -> Event:
    return Event(
        id=f"{type_}{start}",
        article_id="a",
        sentence=0,
        start=start,
        end=start + 1,
        type=type_,
        trigger="t",
        actors=actors,
        recipients=recipients,
        confidence=confidence,
        attrs={"salience": salience},
    )


def annotated(events: list[Event]) -> Annotated:
    article = Article(id="a", text="t", raw="t", origin="t")
    return Annotated(
        article=article,
        entities=[
            Entity("iran", "Iran", "COUNTRY", code="IRN"),
            Entity("iraq", "Iraq", "COUNTRY", country="IQ"),
            Entity("amnesty", "Amnesty International", "ORGANIZATION", code="NGO"),
            Entity("chile", "Chile", "COUNTRY", code="CHL GOV"),
        ],
        mentions=[
            Mention("m", "a", 0, 0, 1, "x", "PERSON", entity_id="pinochet", attrs={"country": "CL"})
        ],
        events=events,
    )


def test_main_event_prefers_salience_then_confidence_then_position():
    side = event("ASSAULT", [], [], salience=2, start=0)
    main = event("THREATEN", [], [], salience=3, start=5, confidence=0.5)
    twin = event("REJECT", [], [], salience=3, start=9, confidence=0.5)
    assert gsr.main_event(annotated([side, twin, main])) is main
    assert gsr.main_event(annotated([])) is None


def test_codes_come_from_entity_code_or_country_and_igos_fold():
    result = annotated([])
    assert gsr.participant_codes(["iran", "iraq"], result) == {"IRN", "IRQ"}
    assert gsr.participant_codes(["amnesty", "chile"], result) == {"IGO", "CHL"}
    assert gsr.participant_codes(["pinochet"], result) == {"CHL"}
    assert gsr.participant_codes(["unknown"], result) == set()


def test_macro_f1_over_gold_classes():
    value, per = gsr.macro_f1([("A", "A"), ("A", "B"), ("B", "B"), ("C", None)])
    assert per["A"]["precision"] == 1.0 and per["A"]["recall"] == 0.5
    assert per["C"]["f1"] == 0.0
    assert value == pytest.approx((2 / 3 + 2 / 3 + 0) / 3, abs=1e-4)


def test_evaluate_scores_each_record_with_its_main_event(tmp_path: Path, monkeypatch):
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps({"license": "PLOVER test", "records": RECORDS}))
    canned = {
        "Iran threatened Iraq.": [event("THREATEN", ["iran"], ["iraq"])],
        "Amnesty accused Chile.": [event("ACCUSE", ["amnesty"], ["chile"])],
        "Nothing happened.": [],
    }

    class FakePipeline:
        def __init__(self, settings: object) -> None:
            pass

        def process(self, article: Article) -> Annotated:
            assert article.language == "en"
            return annotated(canned[article.text])

    monkeypatch.setattr(gsr, "Pipeline", FakePipeline)
    assert sniff_format(path) == "plover-gsr"
    report = evaluate_file(path, "plover-gsr")
    layers = report["layers"]
    assert layers["event_type"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert layers["event_type"]["no_event"] == 1
    assert layers["actor"]["accuracy"] == 1.0  # r3: no gold source, none coded
    # r2's gold target is empty, so coding Chile as recipient is wrong
    assert layers["recipient"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert {m["layer"] for m in report["misses"]} == {"event_type", "recipient"}


def test_real_dev_file_loads(shared: Path):
    records = gsr.load(shared / "gold" / "plover_gsr_dev.json")
    assert records and all("event_2021" in r for r in records)
