"""The ``events``, ``event_modality`` and ``quotes`` layers of ``newsgold/1``.

Participants are compared by name: a predicted participant (an entity id, or a surface
text when the mention was not linked) stands for the folded canonical name, aliases and
linked surface forms of its entity; a gold name stands for itself and the surface
``mentions`` the gold lists for it. They match when the two sets share a form.

An event matches a gold event when the type matches (or is in ``any_type``), a gold
source matches an actor and a gold target a recipient (an empty gold target matches
anything), and the gold evidence is in the sentence of the event or of one of its
retellings (``attrs["mentions"]``). A predicted *reciprocal* event lists all participants
as actors, as PLOVER codes reciprocal events; it matches when two distinct actors match
the gold source and target. Date and location accuracy are reported on matched events.

A quotation matches when it covers at least 80% of the gold text's characters and the
speaker matches; a quote over one of the gold's ``quoted_terms_not_speech`` is a false
hit; ``terms_as_speech`` is the share of those terms a predicted quote covers (0 is
right), ``reported_by_accuracy`` the share of relayed quotes whose agency is found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsgraph.eval.layers import layer
from newsgraph.eval.metrics import LayerScore, Ratio, fold
from newsgraph.model import Annotated, Event

QUOTE_OVERLAP = 0.8


class Names:
    """Folded name forms of the predicted entities of one result and the gold names."""

    def __init__(self, gold_doc: dict[str, Any], result: Annotated) -> None:
        self.pred: dict[str, set[str]] = {}
        for e in result.entities:
            self.pred.setdefault(e.id, set()).update(fold(x) for x in [e.name, *e.aliases] if x)
        for m in result.mentions:
            if m.entity_id:
                self.pred.setdefault(m.entity_id, set()).add(fold(m.text))
        self.gold: dict[str, set[str]] = {}
        for e in gold_doc.get("entities", []):
            forms = self.gold.setdefault(fold(e["name"]), {fold(e["name"])})
            forms.update(fold(m) for m in e.get("mentions", []))

    def forms(self, key: str | None) -> set[str]:
        if not key:
            return set()
        return self.pred.get(key, set()) | {fold(key)}

    def gold_forms(self, name: str) -> set[str]:
        return self.gold.get(fold(name), {fold(name)})

    def same(self, key: str | None, name: str) -> bool:
        return bool(self.forms(key) & self.gold_forms(name))

    def name_of(self, key: str | None, result: Annotated) -> str | None:
        if not key:
            return None
        return next((e.name for e in result.entities if e.id == key), key)


def _values(value: Any) -> list[Any]:
    """A gold value or the values of an ``{"any_of": [...]}``."""
    if isinstance(value, dict) and "any_of" in value:
        return list(value["any_of"])
    return [value]


def _norm_text(text: str) -> str:
    return " ".join(fold(text).split())


def _any_match(names: Names, keys: Iterable[str], gold: Iterable[str]) -> set[str]:
    """The predicted keys that match one of the gold names."""
    gold = list(gold)
    return {k for k in keys if any(names.same(k, g) for g in gold)}


def participants_match(names: Names, gold: dict[str, Any], e: Event) -> bool:
    sources, targets = gold.get("source") or [], gold.get("target") or []
    if e.attrs.get("reciprocal"):
        everyone = list(e.actors) + list(e.recipients)
        hit_s = _any_match(names, everyone, sources)
        if not targets:
            return bool(hit_s) or not sources
        hit_t = _any_match(names, everyone, targets)
        return bool(hit_s and hit_t and (len(hit_s | hit_t) > 1))
    if sources and not _any_match(names, e.actors, sources):
        return False
    return not targets or bool(_any_match(names, e.recipients, targets))


def _event_sentences(e: Event, sentences: dict[int, str]) -> list[str]:
    indices = [e.sentence] + [m["sentence"] for m in e.attrs.get("mentions", [])]
    return [_norm_text(sentences.get(i, "")) for i in indices]


def event_matches(names: Names, gold: dict[str, Any], e: Event, sentences: dict[int, str]) -> bool:
    types = [gold["type"], *gold.get("any_type", [])]
    if e.type not in types or not participants_match(names, gold, e):
        return False
    evidence = _norm_text(gold.get("evidence", ""))
    return any(evidence in s for s in _event_sentences(e, sentences))


@dataclass
class EventMatching:
    pairs: list[tuple[dict[str, Any], Event]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)
    unmatched: list[Event] = field(default_factory=list)


#: The last matching, kept with the objects it was computed for (the modality layer
#: scores the pairs the events layer matched, without matching again).
_LAST: list[tuple[dict[str, Any], Annotated, EventMatching]] = []


def match_events(gold_doc: dict[str, Any], result: Annotated) -> EventMatching:
    """Greedy one-to-one matching of gold and predicted events."""
    if _LAST and _LAST[0][0] is gold_doc and _LAST[0][1] is result:
        return _LAST[0][2]
    names = Names(gold_doc, result)
    sentences = {s.index: s.text for s in result.sentences}
    free = list(result.events)
    out = EventMatching()
    for g in gold_doc.get("events", []):
        hit = next((e for e in free if event_matches(names, g, e, sentences)), None)
        if hit is None:
            out.missed.append(g)
        else:
            free.remove(hit)
            out.pairs.append((g, hit))
    out.unmatched = free
    _LAST[:] = [(gold_doc, result, out)]
    return out


def _describe(e: Event, result: Annotated, names: Names) -> dict[str, Any]:
    return {
        "type": e.type,
        "actors": [names.name_of(k, result) for k in e.actors],
        "recipients": [names.name_of(k, result) for k in e.recipients],
        "modality": e.modality,
        "trigger": e.trigger,
        "sentence": e.sentence,
        "rule": e.rule,
    }


def _location_right(names: Names, gold: dict[str, Any], e: Event) -> bool:
    return any(
        (g is None and e.location is None) or (g is not None and names.same(e.location, g))
        for g in _values(gold.get("location"))
    )


@layer("events")
def score_events(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    matching = match_events(gold_doc, result)
    names = Names(gold_doc, result)
    score = LayerScore(tp=len(matching.pairs), fp=len(matching.unmatched), fn=len(matching.missed))
    score.misses = [
        {k: g.get(k) for k in ("type", "source", "target", "modality", "evidence")}
        for g in matching.missed
    ]
    score.false_hits = [_describe(e, result, names) for e in matching.unmatched]
    dated = [(g, e) for g, e in matching.pairs if "date" in g]
    placed = [(g, e) for g, e in matching.pairs if "location" in g]
    score.extra = {
        "date_accuracy": Ratio(sum(e.date in _values(g["date"]) for g, e in dated), len(dated)),
        "location_accuracy": Ratio(
            sum(_location_right(names, g, e) for g, e in placed), len(placed)
        ),
    }
    return score


@layer("event_modality")
def score_modality(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    """Accuracy of the modality on matched events (precision = recall = accuracy)."""
    score = LayerScore()
    for g, e in match_events(gold_doc, result).pairs:
        if e.modality in _values(g.get("modality", "asserted")):
            score.tp += 1
        else:
            score.fp += 1
            score.fn += 1
            score.misses.append(
                {"evidence": g.get("evidence"), "gold": g.get("modality"), "predicted": e.modality}
            )
    score.extra = {"accuracy": Ratio(score.tp, score.tp + score.fp)}
    return score


def _locate(text: str, needle: str) -> tuple[int, int] | None:
    """Offsets of ``needle`` in ``text``, tolerant of quote and apostrophe styles."""
    i = text.find(needle)
    if i < 0:
        table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
        i = text.translate(table).find(needle.translate(table))
    return (i, i + len(needle)) if i >= 0 else None


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


@layer("quotes")
def score_quotes(gold_doc: dict[str, Any], result: Annotated) -> LayerScore:
    names = Names(gold_doc, result)
    text = result.article.text
    free = list(result.quotes)
    score = LayerScore()
    relayed = Ratio()
    for g in gold_doc.get("quotes", []):
        where = _locate(text, g["text"])
        hit = None
        if where is not None:
            need = QUOTE_OVERLAP * (where[1] - where[0])
            hit = next(
                (
                    q
                    for q in free
                    if _overlap(where, (q.start, q.end)) >= need
                    and names.same(q.speaker, g["speaker"])
                ),
                None,
            )
        if hit is None:
            score.fn += 1
            score.misses.append({"speaker": g["speaker"], "text": g["text"]})
            continue
        free.remove(hit)
        score.tp += 1
        if g.get("reported_by"):
            relayed += Ratio(int(names.same(hit.reported_by, g["reported_by"])), 1)
    terms = [w for t in gold_doc.get("quoted_terms_not_speech") or [] if (w := _locate(text, t))]
    for q in free:
        score.fp += 1
        score.false_hits.append(
            {
                "speaker": names.name_of(q.speaker, result),
                "text": q.text,
                "quoted_term": any(_overlap(w, (q.start, q.end)) for w in terms),
            }
        )
    as_speech = sum(any(_overlap(w, (q.start, q.end)) for q in result.quotes) for w in terms)
    score.extra = {
        "terms_as_speech": Ratio(as_speech, len(terms)),
        "reported_by_accuracy": relayed,
    }
    return score
