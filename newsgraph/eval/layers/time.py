"""Scorers for the time layer: publication dates and the dates of events.

``published`` (one judgement per document): the gold ``published`` date against the
article's stored ``published`` (its day, whatever the method: metadata or estimate).
``accuracy`` counts a document as right when both agree, a null gold date included when
nothing was predicted either. For precision and recall a predicted date is a hit when it
equals the gold date and a false hit otherwise; a gold date not predicted (or predicted
wrong) is a miss. Leaving a date unknown therefore costs recall, never precision.

``dates``: until events are extracted, this scores what the time layer offers an event.
For each gold event with a non-null ``date`` (events whose date only comes through
another article, ``date_via_other_article``, are skipped), the predicted sentence that
contains the event's ``evidence`` is looked up; the event is a hit when a resolved
temporal expression of kind date or anchored in that sentence has the gold value
(``{"any_of": [...]}`` accepts any listed value, and a listed null accepts a sentence
without a resolved date). Otherwise it is a miss, and a false hit too when the sentence
did offer resolved dates, all of them wrong. The events layer scores dates on matched
events separately.
"""

from __future__ import annotations

from typing import Any

from newsgraph.eval.layers import layer
from newsgraph.eval.metrics import LayerScore, Ratio, fold
from newsgraph.model import Annotated, Sentence

#: Timex kinds that name a point in time (durations and sets do not date an event).
DATED_KINDS = frozenset({"date", "anchored"})


@layer("published")
def score_published(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    score = LayerScore()
    gold = gold_doc.get("published") or None
    article = result.article
    predicted = str(article.published)[:10] if article.published else None
    score.extra["accuracy"] = Ratio(int(gold == predicted), 1)
    if predicted is not None and predicted == gold:
        score.tp += 1
        return score
    if predicted is not None:
        score.fp += 1
        score.false_hits.append(
            {"published": predicted, "gold": gold, "method": article.published_method}
        )
    if gold is not None:
        score.fn += 1
        score.misses.append(
            {"published": gold, "predicted": predicted, "method": article.published_method}
        )
    return score


def acceptable(gold: Any) -> set[str | None]:
    """The values a gold date accepts."""
    if isinstance(gold, dict) and "any_of" in gold:
        return {v for g in gold["any_of"] for v in acceptable(g)}
    return {gold}


def sentence_with(result: Annotated, evidence: str) -> Sentence | None:
    wanted = fold(evidence)
    return next((s for s in result.sentences if wanted in fold(s.text)), None)


def dated_values(result: Annotated, sentence: Sentence) -> list[str]:
    """Resolved point-in-time values of the timexes inside ``sentence``."""
    return [
        str(s.attrs.get("value"))
        for s in result.spans
        if s.kind == "timex"
        and sentence.start <= s.start < sentence.end
        and s.attrs.get("kind") in DATED_KINDS
        and s.attrs.get("resolved")
    ]


@layer("dates")
def score_dates(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    score = LayerScore()
    for event in gold_doc.get("events") or []:
        gold = event.get("date")
        if gold is None or event.get("date_via_other_article"):
            continue
        accepted = acceptable(gold)
        evidence = str(event.get("evidence", ""))
        sentence = sentence_with(result, evidence)
        values = dated_values(result, sentence) if sentence is not None else []
        if (values and accepted & set(values)) or (not values and None in accepted):
            score.tp += 1
            continue
        score.fn += 1
        miss = {"evidence": evidence, "gold": gold, "predicted": values}
        if sentence is None:
            miss["reason"] = "no sentence contains the evidence"
        score.misses.append(miss)
        if values:
            score.fp += 1
            score.false_hits.append(miss)
    return score
