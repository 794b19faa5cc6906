"""The ``plover-gsr`` gold format: PLOVER gold standard records (single English sentences).

Each record's ``text`` is run through the default pipeline as an English article dated
with the record's ``date``. The coder may find several events in a sentence; the one
scored is the *main* event: the highest salience (a main-clause verb or its light-verb
noun before an embedded or prepositional one), then the highest confidence, then the
first in the text. Scores:

- ``event_type``: accuracy of the main event's type against ``event_2021`` (a sentence
  with no event counts as wrong), and macro-F1 over the gold classes, with precision and
  recall per class from the same one-label-per-record predictions;
- ``actor`` and ``recipient``: accuracy of the set of CAMEO country codes of the main
  event's actors (recipients) against the gold ``source`` (``target``) codes — equal sets
  are right, so an empty gold target is right only when no recipient was coded. A
  participant's code is its entity's ``code`` (first three letters, as in "IRN GOV") or
  its ISO country, else the code the event coder read from the sentence for it
  (``attrs["participant_codes"]``: "Iraqi Kurds" → IRQ); the international non-state
  codes the PLOVER manual lists (IGO, UNO, EUR, NGO) all read as IGO, since the gold file
  codes every international organisation that way.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from newsgraph.config import Settings
from newsgraph.eval.errors import EvalError
from newsgraph.eval.metrics import LayerScore
from newsgraph.model import Annotated, Article, Event, article_id_for
from newsgraph.pipeline import Pipeline

#: International non-state codes the gold writes as IGO.
IGO_CODES = frozenset({"IGO", "UNO", "EUR", "NGO"})


def load(path: Path) -> list[dict[str, Any]]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvalError(f"cannot read gold file {path}: {exc}") from exc
    records = gold.get("records") if isinstance(gold, dict) else gold
    if not isinstance(records, list):
        raise EvalError(f"{path} has no list of PLOVER records")
    return records


def main_event(result: Annotated) -> Event | None:
    """The event a sentence is about (see the module docstring)."""
    if not result.events:
        return None
    return min(
        result.events,
        key=lambda e: (-int(e.attrs.get("salience", 1)), -e.confidence, e.start),
    )


@lru_cache(maxsize=512)
def _iso3(alpha2: str) -> str | None:
    found = pycountry.countries.get(alpha_2=alpha2.upper())
    return found.alpha_3 if found else None


def _fold_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.split()[0].upper()
    return "IGO" if code in IGO_CODES else code


def participant_codes(
    keys: list[str], result: Annotated, contextual: dict[str, str] | None = None
) -> set[str]:
    """CAMEO country codes of an event's participants (entity ids or surface texts);
    ``contextual`` codes those the entity layer left uncoded."""
    entities = {e.id: e for e in result.entities}
    attrs_country = {
        m.entity_id: (m.attrs or {}).get("country") for m in result.mentions if m.entity_id
    }
    out: set[str] = set()
    for key in keys:
        e = entities.get(key)
        code = e.code if e is not None else None
        if not code:
            country = (e.country if e is not None else None) or attrs_country.get(key)
            code = _iso3(country) if country and len(country) == 2 else country
        if not code and contextual:
            code = contextual.get(key)
        folded = _fold_code(code)
        if folded:
            out.add(folded)
    return out


def _gold_codes(items: list[dict[str, Any]] | None) -> set[str]:
    return {c for item in items or [] if (c := _fold_code(item.get("code")))}


def _run(pipeline: Pipeline, record: dict[str, Any]) -> Annotated:
    text = str(record.get("text", "")).strip()
    article = Article(
        id=article_id_for(f"{record.get('id')}\x1f{text}"),
        text=text,
        raw=text,
        origin=str(record.get("id", "")),
        external_id=record.get("id"),
        language="en",
        published=record.get("date"),
    )
    return pipeline.process(article)


def macro_f1(pairs: list[tuple[str, str | None]]) -> tuple[float, dict[str, dict[str, float]]]:
    """Macro-F1 over the gold classes, from (gold, predicted) labels."""
    classes = sorted({g for g, _ in pairs})
    per: dict[str, dict[str, float]] = {}
    for c in classes:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        fp = sum(1 for g, p in pairs if g != c and p == c)
        fn = sum(1 for g, p in pairs if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[c] = {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "n": tp + fn,
        }
    value = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    return round(value, 4), per


def _accuracy_layer(right: int, total: int) -> dict[str, Any]:
    """An accuracy reported in the layer shape: precision = recall = accuracy."""
    layer = LayerScore(tp=right, fp=total - right, fn=total - right).report()
    layer["accuracy"] = round(right / total, 4) if total else 0.0
    layer["records"] = total
    return layer


def evaluate(path: Path) -> dict[str, Any]:
    records = load(path)
    pipeline = Pipeline(Settings())
    labels: list[tuple[str, str | None]] = []
    type_misses: list[dict[str, Any]] = []
    false_hits: list[dict[str, Any]] = []
    actor_right = recipient_right = 0
    actor_misses: list[dict[str, Any]] = []
    recipient_misses: list[dict[str, Any]] = []
    for record in records:
        gold_type = str(record.get("event_2021") or record.get("event"))
        result = _run(pipeline, record)
        event = main_event(result)
        predicted = event.type if event is not None else None
        labels.append((gold_type, predicted))
        rid = record.get("id")
        if predicted != gold_type:
            type_misses.append(
                {
                    "id": rid,
                    "gold": gold_type,
                    "predicted": predicted,
                    "text": record.get("text", "").strip(),
                }
            )
            if predicted is not None:
                false_hits.append(
                    {"id": rid, "type": predicted, "trigger": event.trigger if event else None}
                )
        contextual = event.attrs.get("participant_codes") if event else None
        actors = participant_codes(event.actors, result, contextual) if event else set()
        recipients = participant_codes(event.recipients, result, contextual) if event else set()
        gold_actors, gold_recipients = (
            _gold_codes(record.get("source")),
            _gold_codes(record.get("target")),
        )
        if actors == gold_actors:
            actor_right += 1
        else:
            actor_misses.append(
                {"id": rid, "gold": sorted(gold_actors), "predicted": sorted(actors)}
            )
        if recipients == gold_recipients:
            recipient_right += 1
        else:
            recipient_misses.append(
                {"id": rid, "gold": sorted(gold_recipients), "predicted": sorted(recipients)}
            )
    total = len(records)
    type_right = sum(1 for g, p in labels if g == p)
    macro, per_class = macro_f1(labels)
    event_type = _accuracy_layer(type_right, total)
    event_type.update(
        {
            "macro_f1": macro,
            "per_class": per_class,
            "no_event": sum(1 for _, p in labels if p is None),
            "predicted": dict(Counter(p or "NONE" for _, p in labels)),
        }
    )
    layers = {
        "event_type": event_type,
        "actor": _accuracy_layer(actor_right, total),
        "recipient": _accuracy_layer(recipient_right, total),
    }
    misses = [
        {"layer": name, **m}
        for name, found in (
            ("event_type", type_misses),
            ("actor", actor_misses),
            ("recipient", recipient_misses),
        )
        for m in found
    ]
    return {"layers": layers, "misses": misses, "false_hits": false_hits}
