"""Estimate an article's publication date from its text when metadata gives none.

Relative expressions ("venerdì", "l'anno scorso") mean nothing without the day the
article was written, and scraped text often comes without one. The text carries
evidence, though: a dateline ("Pubblicato il 13/01/2025"), a caption of a photo taken for
the story ("In questa foto fornita lunedì 13 gennaio 2025"), a weekday written beside a
date that agrees with the calendar (an agency writes the weekday for this week's dates,
and a weekday that agrees is no misreading), a weekday the story reports on in the past
or present tense that is the same weekday.

The estimate is the latest explicit date that is not in a future-tense clause, not after
a date the text puts in the future, and not after today (the run date); a dateline wins
over other dates. Each piece of evidence adds to a confidence; the estimate is kept only
when the confidence reaches :data:`ACCEPT`. A historical date alone ("il 7 ottobre 2023"
in the past tense) is not enough, and the date is then left unknown.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from newsgraph.annotate.time.tense import FUTURE, PAST

#: What an explicit date starts with, and what each piece of evidence adds.
BASE = 0.3
SUPPORT = {
    "dateline": 0.6,
    "weekday_agrees": 0.35,
    "caption": 0.15,
    "weekday_mentioned": 0.1,
    "past_tense": 0.1,
}
ACCEPT = 0.6
#: Prefix of ``Article.published_method`` for dates estimated from the text.
METHOD_PREFIX = "text:"


@dataclass(frozen=True)
class DateClue:
    """An explicit calendar date in the article (day, month and year written out)."""

    day: date
    zone: str
    tense: str | None = None
    #: Whether a weekday written beside the date agrees with it (None: none written).
    weekday_agrees: bool | None = None
    #: At the head of the article, or after a "published"/"updated" cue.
    dateline: bool = False


@dataclass(frozen=True)
class Estimate:
    day: date
    method: str
    confidence: float


def estimate(
    clues: Iterable[DateClue], weekdays_mentioned: Collection[int], today: date
) -> Estimate | None:
    """The publication date the clues point to, or None when they are not enough.

    ``weekdays_mentioned`` are the weekdays (0 = Monday) the text names on their own in a
    past or present clause ("ha detto lunedì il Cremlino").
    """
    clues = list(clues)
    future = [c.day for c in clues if c.tense == FUTURE]
    bound = min([today, *future])
    usable = [
        c
        for c in clues
        if c.day <= bound and c.tense != FUTURE and c.weekday_agrees is not False
    ]
    if not usable:
        return None
    datelines = [c for c in usable if c.dateline]
    pool = datelines or usable
    day = max(c.day for c in pool)
    same = [c for c in pool if c.day == day]
    evidence = ["dateline" if datelines else "latest_date"]
    if any(c.weekday_agrees for c in same):
        evidence.append("weekday_agrees")
    if any(c.zone == "caption" for c in same):
        evidence.append("caption")
    if day.weekday() in weekdays_mentioned:
        evidence.append("weekday_mentioned")
    if any(c.tense == PAST for c in same):
        evidence.append("past_tense")
    confidence = min(0.95, BASE + sum(SUPPORT.get(e, 0.0) for e in evidence))
    if confidence < ACCEPT:
        return None
    return Estimate(day, METHOD_PREFIX + "+".join(evidence), round(confidence, 2))
