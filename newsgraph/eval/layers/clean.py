"""Scorers for what cleaning finds: lines that are not article text, and photo captions.

``not_body``: each gold line (an exact substring of the article) is found when a
predicted zone of a non-content kind is the same line after folding (case, diacritics,
apostrophes, white space, trailing punctuation). Every non-content zone that no gold line
claims is a false hit, so marking real text as boilerplate costs precision.
``kind_accuracy`` says how often a found line also got the right kind, for the gold kinds
this scorer knows the name of.

``captions``: a gold caption is given by its first words (``starts``); a predicted
caption zone that starts with them finds it. On found captions, ``credit_accuracy``
compares the credited parties as sets of folded names and ``date_accuracy`` the date;
each disagreement is listed among the misses with both values.
"""

from __future__ import annotations

from typing import Any

from newsgraph.clean import CONTENT_KINDS, KINDS
from newsgraph.eval.layers import layer
from newsgraph.eval.metrics import LayerScore, Ratio, fold
from newsgraph.model import Annotated, Span

#: Gold kind names (as the gold README writes them) → cleaning's kinds.
GOLD_KINDS = {
    "section label": "section_label",
    "newsletter prompt": "newsletter",
    "related-links header": "related",
    "related link": "related",
    "share widget": "share",
    "cookie banner": "cookie",
    "byline": "byline",
    "dateline": "dateline",
    "photo credit": "credit",
    "advertisement": "ad",
    "navigation": "navigation",
    "copyright": "copyright",
}
_TRAILING = " :.,;-–—|"


def _line_key(text: str) -> str:
    return fold(text).rstrip(_TRAILING)


def _zones(result: Annotated, kinds: frozenset[str]) -> list[Span]:
    return [s for s in result.spans if s.kind in kinds]


def _accepts(gold: Any, predicted: Any) -> bool:
    """Whether a predicted value satisfies a gold value (``{"any_of": [...]}`` allowed)."""
    if isinstance(gold, dict) and "any_of" in gold:
        return any(_accepts(g, predicted) for g in gold["any_of"])
    return gold == predicted


@layer("not_body")
def score_not_body(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    score = LayerScore()
    predicted = _zones(result, KINDS - CONTENT_KINDS)
    claimed: set[int] = set()
    kinds = Ratio()
    for raw in gold_doc.get("not_body") or []:
        item = raw if isinstance(raw, dict) else {"text": str(raw)}
        text = item["text"]
        key = _line_key(text)
        hit = next(
            (i for i, s in enumerate(predicted) if i not in claimed and _line_key(s.text) == key),
            None,
        )
        if hit is None:
            score.fn += 1
            zone = next((s.kind for s in result.spans if s.kind in KINDS and text in s.text), None)
            score.misses.append({"text": text, "kind": item.get("kind"), "marked_as": zone})
            continue
        claimed.add(hit)
        score.tp += 1
        wanted = GOLD_KINDS.get(str(item.get("kind", "")).casefold())
        if wanted:
            kinds += Ratio(int(predicted[hit].kind == wanted), 1)
    for i, span in enumerate(predicted):
        if i not in claimed:
            score.fp += 1
            score.false_hits.append({"text": span.text[:200], "kind": span.kind,
                                     "rule": span.rule})
    score.extra["kind_accuracy"] = kinds
    return score


@layer("captions")
def score_captions(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    score = LayerScore()
    predicted = _zones(result, frozenset({"caption"}))
    claimed: set[int] = set()
    credits, dates = Ratio(), Ratio()
    for item in gold_doc.get("captions") or []:
        starts = fold(item["starts"])
        hit = next(
            (i for i, s in enumerate(predicted)
             if i not in claimed and fold(s.text).startswith(starts)),
            None,
        )
        if hit is None:
            score.fn += 1
            score.misses.append({"text": item["starts"], "what": "caption"})
            continue
        claimed.add(hit)
        score.tp += 1
        span = predicted[hit]
        gold_credits = item.get("credit", item.get("credits")) or []
        found_credits = span.attrs.get("credits") or []
        same = {fold(c) for c in gold_credits} == {fold(c) for c in found_credits}
        credits += Ratio(int(same), 1)
        if not same:
            score.misses.append({"text": item["starts"], "what": "credits",
                                 "gold": gold_credits, "predicted": found_credits})
        if "date" in item:
            right = _accepts(item["date"], span.attrs.get("date"))
            dates += Ratio(int(right), 1)
            if not right:
                score.misses.append({"text": item["starts"], "what": "date",
                                     "gold": item["date"], "predicted": span.attrs.get("date")})
    for i, span in enumerate(predicted):
        if i not in claimed:
            score.fp += 1
            score.false_hits.append({"text": span.text[:200], "rule": span.rule,
                                     "credits": span.attrs.get("credits")})
    score.extra["credit_accuracy"] = credits
    score.extra["date_accuracy"] = dates
    return score
