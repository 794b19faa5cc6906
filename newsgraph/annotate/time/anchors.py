"""Well-known events that dates are anchored to ("tre giorni prima dell'insediamento di
Donald Trump").

The dates are facts shared by every language (``data/time/anchors.yaml``); the phrases
that name them are language data (``anchors`` in ``time.yaml``). An event that happened
more than once (an inauguration, an election) or comes back every year (Christmas) gets
the occurrence the tense and the publication date point to; without a publication date
only an event with a single date resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import yaml

from newsgraph import lexicon
from newsgraph.annotate.time.grammar import alternation, key
from newsgraph.annotate.time.periods import safe_date
from newsgraph.annotate.time.tense import FUTURE, PAST
from newsgraph.config import DATA_DIR

ANCHORS_FILE = DATA_DIR / "time" / "anchors.yaml"


@dataclass(frozen=True)
class Anchor:
    id: str
    dates: tuple[date, ...] = ()
    #: (month, day) of an event that comes back every year.
    every: tuple[int, int] | None = None

    def occurrences(self, around: date | None) -> list[date]:
        if self.every is None:
            return list(self.dates)
        if around is None:
            return []
        month, day = self.every
        years = (around.year - 1, around.year, around.year + 1)
        return [d for y in years if (d := safe_date(y, month, day)) is not None]

    def date_for(self, published: date | None, tense: str | None) -> date | None:
        """The occurrence meant: the one nearest the publication date, on the side the
        tense points to when that side has one within a year (a tense cue may belong to
        another verb of the sentence; an inauguration eight years away is not meant)."""
        days = sorted(self.occurrences(published))
        if not days:
            return None
        if published is None:
            return days[0] if len(days) == 1 else None
        side = {
            FUTURE: [d for d in days if d >= published],
            PAST: [d for d in days if d <= published],
        }.get(tense or "", [])
        near = [d for d in side if abs((d - published).days) <= 366]
        return min(near or days, key=lambda d: abs((d - published).days))


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


@lru_cache(maxsize=1)
def facts() -> dict[str, Anchor]:
    with ANCHORS_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    out = {}
    for anchor_id, spec in data.items():
        every = None
        if spec.get("every"):
            month, day = (int(p) for p in str(spec["every"]).split("-"))
            every = (month, day)
        out[str(anchor_id)] = Anchor(
            str(anchor_id), tuple(_date(d) for d in spec.get("dates") or ()), every
        )
    return out


class AnchorNames:
    """The phrases of one language that name well-known events."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        known = facts()
        self.by_phrase: dict[str, Anchor] = {}
        for anchor_id, phrases in names.items():
            if anchor_id not in known:
                raise lexicon.LexiconError(f"anchor {anchor_id!r} has no dates in {ANCHORS_FILE}")
            for phrase in phrases:
                self.by_phrase[key(phrase)] = known[anchor_id]
        self.pattern = (
            re.compile(r"(?<!\w)" + alternation(self.by_phrase) + r"(?!\w)")
            if self.by_phrase
            else None
        )

    def find(self, text: str) -> Anchor | None:
        """The event a stretch of text names (the longest name it contains)."""
        if self.pattern is None:
            return None
        m = self.pattern.search(key(text))
        return self.by_phrase.get(key(m.group())) if m else None


@lru_cache(maxsize=32)
def load(lang: str) -> AnchorNames:
    return AnchorNames(lexicon.load(lang, "time").get("anchors") or {})
