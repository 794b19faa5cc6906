"""The ``not_body`` and ``captions`` scorers, on hand-made results and on the seeds gold."""

from __future__ import annotations

from newsgraph.eval import evaluate_file
from newsgraph.eval.layers.clean import score_captions, score_not_body
from newsgraph.eval.metrics import LayerScore, Ratio
from newsgraph.model import Annotated, Article, Span


def zone(kind: str, text: str, **attrs: object) -> Span:
    return Span(id=text, article_id="a", kind=kind, start=0, end=len(text), text=text,
                attrs=dict(attrs))


def result(*spans: Span) -> Annotated:
    return Annotated(article=Article(id="a", text="", raw="", origin="<test>"), spans=list(spans))


def test_not_body_matches_folded_lines_and_counts_false_hits():
    gold = {"not_body": [
        {"text": "Leggi anche:", "kind": "related-links header"},
        {"text": "Iscriviti alla newsletter", "kind": "newsletter prompt"},
        {"text": "Esteri", "kind": "section label"},
    ]}
    predicted = result(
        zone("related", "LEGGI ANCHE"),
        zone("share", "Iscriviti alla newsletter"),
        zone("body", "Esteri"),
        zone("ad", "Pubblicità"),
        zone("timex", "ieri"),
    )
    score = score_not_body(gold, predicted)
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert score.misses == [{"text": "Esteri", "kind": "section label", "marked_as": "body"}]
    assert score.false_hits[0]["text"] == "Pubblicità"
    assert score.extra["kind_accuracy"] == Ratio(1, 2)


def test_captions_scores_credits_and_dates_on_found_captions():
    gold = {"captions": [
        {"starts": "Il ministro saluta", "credit": ["Anna Rossi", "AFP"], "date": "2025-03-04"},
        {"starts": "Una nave lascia", "credit": ["Marina", "AP"], "date": None},
        {"starts": "Manca questa", "credit": [], "date": None},
    ]}
    predicted = result(
        zone("caption", "Il ministro saluta la folla (Anna Rossi/AFP)",
             credits=["anna rossi", "AFP"], date="2025-03-04"),
        zone("caption", "Una nave lascia il porto (Marina tramite AP)",
             credits=["Marina"], date="2025-02-01"),
        zone("caption", "Una didascalia in più"),
        zone("body", "Manca questa didascalia"),
    )
    score = score_captions(gold, predicted)
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    report = score.report()
    assert report["credit_accuracy"] == 0.5
    assert report["date_accuracy"] == 0.5
    whats = sorted(m["what"] for m in score.misses)
    assert whats == ["caption", "credits", "date"]


def test_accuracies_add_up_over_documents():
    total = LayerScore()
    for hits in (1, 0, 1):
        total.add(LayerScore(tp=1, extra={"credit_accuracy": Ratio(hits, 1)}))
    assert total.report()["credit_accuracy"] == round(2 / 3, 4)
    assert LayerScore(extra={"date_accuracy": Ratio()}).report()["date_accuracy"] is None


def test_seeds_gold_meets_the_cleaning_targets(shared):
    report = evaluate_file(shared / "gold" / "seeds.gold.json")
    not_body = report["layers"]["not_body"]
    assert not_body["recall"] == 1.0
    assert not_body["precision"] >= 0.9
    captions = report["layers"]["captions"]
    assert captions["recall"] == 1.0
    assert captions["credit_accuracy"] == 1.0
    assert captions["date_accuracy"] == 1.0
