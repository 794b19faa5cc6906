"""Temporal expressions of one sentence: find, read the tense, resolve.

Two steps, because the publication date may have to be estimated from the explicit dates
of the article before any relative expression can be resolved: :meth:`Tagger.parse`
finds the expressions and the tense around each, :meth:`Tagger.resolve` turns one into
a value against a publication date. :meth:`Tagger.tag` does both for callers that know
the date (tests, the benchmark, the Python API).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from newsgraph.annotate.time import anchors, grammar, tense
from newsgraph.annotate.time.periods import DAY
from newsgraph.annotate.time.resolve import ANCHORED, TENSE_SENSITIVE, Context, resolve


@dataclass
class Candidate:
    """A found expression and the tense of its clause, not yet resolved."""

    found: grammar.Found
    tense: str | None


@dataclass
class Timex:
    start: int
    end: int
    text: str
    rule: str
    kind: str
    value: str
    granularity: str
    method: str
    resolved: bool
    confidence: float
    tense: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def as_attrs(self) -> dict[str, Any]:
        """The attributes a timex span carries (``span._.attrs``)."""
        out: dict[str, Any] = {
            "value": self.value,
            "granularity": self.granularity,
            "kind": self.kind,
            "method": self.method,
            "resolved": self.resolved,
        }
        if self.tense:
            out["tense"] = self.tense
        out.update(self.attrs)
        return out


class Tagger:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.grammar = grammar.load(lang)
        self.cues = tense.load(lang)
        self.anchors = anchors.load(lang)

    def parse(self, text: str) -> list[Candidate]:
        found = self.grammar.find(text)
        if not found:
            return []
        cues: list[tense.Cue] | None = None
        bounds: list[int] = []
        out = []
        for f in found:
            told = None
            if f.rule.type in TENSE_SENSITIVE:
                if cues is None:
                    cues = self.cues.scan(text, grammar.lower(text))
                    bounds = tense.clause_bounds(text)
                told = tense.tense_at(cues, bounds, f.start, f.end)
            out.append(Candidate(f, told))
        return out

    def resolve(
        self, cand: Candidate, published: date | None, published_confidence: float = 1.0
    ) -> Timex | None:
        f = cand.found
        ctx = Context(published, cand.tense, published_confidence)
        if f.rule.type == ANCHORED and f.slots.get("anchor"):
            ctx = self._with_anchor(ctx, str(f.slots["anchor"]))
        res = resolve(f.rule.type, f.slots, ctx)
        if res is None:
            return None
        return Timex(
            f.start,
            f.end,
            f.text,
            f.rule.id,
            res.kind,
            res.value,
            res.granularity,
            res.method,
            res.resolved,
            res.confidence,
            cand.tense,
            res.attrs,
        )

    def _with_anchor(self, ctx: Context, text: str) -> Context:
        """The context with the anchor's date: a well-known event, or a date written out
        ("tre giorni prima del 20 gennaio")."""
        known = self.anchors.find(text)
        if known is not None:
            day = known.date_for(ctx.published, ctx.tense)
            return Context(ctx.published, ctx.tense, ctx.published_confidence, day, known.id)
        for f in self.grammar.find(text):
            res = resolve(f.rule.type, f.slots, ctx) if f.rule.type == "date" else None
            if res is not None and res.resolved and res.granularity == DAY:
                day = date.fromisoformat(res.value)
                return Context(ctx.published, ctx.tense, ctx.published_confidence, day)
        return ctx

    def tag(
        self, text: str, published: date | None = None, published_confidence: float = 1.0
    ) -> list[Timex]:
        out = []
        for cand in self.parse(text):
            timex = self.resolve(cand, published, published_confidence)
            if timex is not None:
                out.append(timex)
        return out


@lru_cache(maxsize=32)
def load(lang: str) -> Tagger:
    return Tagger(lang)
