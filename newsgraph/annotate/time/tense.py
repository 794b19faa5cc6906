"""Which way a sentence points in time, from the verbs around an expression.

A bare weekday or month names a day or month on one side of the publication date, and
the tense says which side: "ospiterà … venerdì" is the coming Friday, "venerdì la
televisione ha mostrato" the one before. There is no parser in the default pipeline, so
tense comes from cues that are data (``tense`` in ``time.yaml``): compound past tenses
(an auxiliary, a few adverbs, a participle), future and modal phrases, irregular forms,
verb endings. The cue nearest to the expression decides; a cue in another clause counts
as farther away, and not at all when it is a reporting verb: "ha detto la Russia" dates
the report, not what the report is about.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph import lexicon
from newsgraph.annotate.time.grammar import alternation, key

PAST = "past"
FUTURE = "future"
#: Where one clause ends and another begins.
_BOUNDARY = re.compile(r"[,;:()\[\]«»“”\"—–]|\s-\s")


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    tense: str
    reporting: bool


def _words(values: Any) -> list[str]:
    return [key(str(v)) for v in values or ()]


class TenseCues:
    """The tense cues of one language, compiled into one pattern."""

    def __init__(self, data: dict[str, Any]) -> None:
        future = data.get("future") or {}
        past = data.get("past") or {}
        self.excepted = frozenset(_words(data.get("except")))
        participle = "|".join(
            p
            for p in (
                _suffixes(past.get("participle_endings")),
                _stems(past.get("participle_stems")),
                alternation(_words(past.get("participles"))) if past.get("participles") else "",
            )
            if p
        )
        # At one position the first alternative wins: reporting verbs, then future
        # phrases ("è prevista" is no compound past), then the past.
        alternatives = []
        if data.get("reporting"):
            alternatives.append(f"(?P<reporting>{alternation(_words(data['reporting']))})")
        if future.get("words"):
            alternatives.append(f"(?P<future>{alternation(_words(future['words']))})")
        if past.get("auxiliaries") and participle:
            adverbs = alternation(_words(past.get("adverbs"))) if past.get("adverbs") else "(?!)"
            alternatives.append(
                f"(?P<compound>{alternation(_words(past['auxiliaries']))}"
                rf"(?:\s+{adverbs}){{0,2}}\s+(?:{participle}))"
            )
        if past.get("words"):
            alternatives.append(f"(?P<past>{alternation(_words(past['words']))})")
        for name, endings in (
            ("future_end", future.get("endings")),
            ("past_end", past.get("endings")),
        ):
            if endings:
                alternatives.append(f"(?P<{name}>{_suffixes(endings)})")
        self.pattern = (
            re.compile(r"(?:(?<!\w)|(?=['’]))(?:" + "|".join(alternatives) + r")(?!\w)")
            if alternatives
            else None
        )

    def scan(self, text: str, low: str) -> list[Cue]:
        """The cues in a sentence (``low`` is its lower-case form, ``text`` the original)."""
        if self.pattern is None:
            return []
        cues = []
        for m in self.pattern.finditer(low):
            group = m.lastgroup or ""
            if group.endswith("_end") and (m.group() in self.excepted or text[m.start()].isupper()):
                # Endings only count on lower-case words: "Ahmed", "United" are no verbs.
                continue
            if group in ("past", "future") and m.group() in self.excepted:
                continue
            tense = FUTURE if group.startswith("future") else PAST
            cues.append(Cue(m.start(), m.end(), tense, group == "reporting"))
        return cues


def _suffixes(endings: Any) -> str:
    """Words ending in one of ``endings`` (at least two letters before the ending)."""
    words = _words(endings)
    return rf"\w{{2,}}?{alternation(words)}" if words else ""


def _stems(stems: Any) -> str:
    """Participles built on irregular stems, with any prefix: "promesso", "distrutti"."""
    words = _words(stems)
    return rf"\w*?{alternation(words)}[oaie]" if words else ""


def clause_bounds(text: str) -> list[int]:
    return [m.start() for m in _BOUNDARY.finditer(text)]


#: A cue in another clause counts as this many times farther away than it is.
OTHER_CLAUSE = 3


def tense_at(cues: list[Cue], bounds: list[int], start: int, end: int) -> str | None:
    """The tense of the expression at ``start:end`` of a sentence, or None when nothing
    says (the caller then takes the nearest sensible date). The nearest cue wins, cues in
    other clauses counting as farther away, and reporting verbs only counting in the
    expression's own clause."""
    i = bisect_left(bounds, start)
    lo = bounds[i - 1] if i else -1
    j = bisect_right(bounds, end - 1)
    hi = bounds[j] if j < len(bounds) else 1 << 30
    best: tuple[int, str] | None = None
    for cue in cues:
        if cue.end <= start:
            distance = start - cue.end
        elif cue.start >= end:
            distance = cue.start - end
        else:
            continue  # the expression itself ("la settimana scorsa", "yesterday")
        if not lo <= cue.start < hi:
            if cue.reporting:
                continue
            distance *= OTHER_CLAUSE
        if best is None or distance < best[0]:
            best = (distance, cue.tense)
    return best[1] if best else None


@lru_cache(maxsize=32)
def load(lang: str) -> TenseCues:
    return TenseCues(lexicon.load(lang, "time").get("tense") or {})
