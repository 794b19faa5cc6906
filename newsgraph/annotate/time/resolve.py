"""From a rule match to a normalized value: the calendar logic behind each rule type.

Language lives in the rules (data); what the types mean lives here, once for every
language. An explicit year makes a value absolute. Everything else is resolved against
the publication date: a bare weekday or month goes the way the tense points (the coming
Friday for the future, the last one for the past, the nearest one when nothing says;
the publication day itself when it is that weekday), "lo scorso"/"next" force a side,
counts of units move from the publication date ("tre giorni fa") or from an anchor
("tre giorni prima dell'insediamento"). Without a publication date a relative value keeps
what it knows and writes X for the rest, marked unresolved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newsgraph.annotate.time.periods import (
    DAY,
    DECADE,
    MONTH,
    UNKNOWN,
    YEAR,
    direction,
    duration,
    safe_date,
    shift,
    value_at,
)
from newsgraph.annotate.time.tense import FUTURE, PAST

DATE, DURATION, SET, ANCHORED = "date", "duration", "set", "anchored"
ABSOLUTE, RELATIVE = "absolute", "relative"

#: Confidence by how a value was reached (scaled by the publication date's confidence
#: when the value depends on it).
CONFIDENCE = {
    "absolute": 0.95,
    "relative_told": 0.85,  # the text or the tense says which way
    "relative_nearest": 0.7,  # nothing says; the nearest sensible date
    "anchored": 0.8,
    "unresolved": 0.5,
    "duration": 0.8,
    "set": 0.8,
}


@dataclass(frozen=True)
class Context:
    published: date | None = None
    tense: str | None = None
    published_confidence: float = 1.0
    #: The date the anchor of an anchored expression resolves to, and which anchor it is.
    anchor_date: date | None = None
    anchor_id: str | None = None


@dataclass
class Resolution:
    value: str
    granularity: str
    kind: str = DATE
    method: str = ABSOLUTE
    resolved: bool = True
    confidence: float = CONFIDENCE["absolute"]
    attrs: dict[str, Any] = field(default_factory=dict)


Slots = dict[str, Any]


def _relative(day: date, granularity: str, ctx: Context, told: bool) -> Resolution:
    """A value computed from the publication date."""
    assert ctx.published is not None
    value = value_at(day, granularity)
    base = CONFIDENCE["relative_told" if told else "relative_nearest"]
    return Resolution(
        value,
        granularity,
        method=RELATIVE,
        confidence=round(base * ctx.published_confidence, 3),
        attrs={"direction": direction(value, ctx.published, granularity)},
    )


def _unresolved(
    value: str, granularity: str, kind: str = DATE, method: str = RELATIVE
) -> Resolution:
    return Resolution(
        value, granularity, kind, method, resolved=False, confidence=CONFIDENCE["unresolved"]
    )


def _pick(candidates: list[date], published: date, tense: str | None) -> tuple[date, bool]:
    """The candidate the tense points to (and whether anything pointed), else the nearest."""
    candidates = sorted(candidates)
    if tense == PAST:
        before = [d for d in candidates if d <= published]
        if before:
            return before[-1], True
    if tense == FUTURE:
        after = [d for d in candidates if d >= published]
        if after:
            return after[0], True
    return min(candidates, key=lambda d: abs((d - published).days)), False


def resolve_date(s: Slots, ctx: Context) -> Resolution | None:
    month = s.get("mon") or s.get("month") or s.get("monthnum")
    day, year, weekday = s.get("day"), s.get("year"), s.get("weekday")
    if day is None:
        return None
    if year is not None and month is not None:
        found = safe_date(year, month, day)
        if found is None:
            return None
        res = Resolution(found.isoformat(), DAY)
        if weekday is not None:
            agrees = found.weekday() == weekday
            res.attrs["weekday_agrees"] = agrees
            if not agrees:
                res.confidence = 0.6
        return res
    partial = f"XXXX-{month:02d}-{day:02d}" if month else f"XXXX-XX-{day:02d}"
    if ctx.published is None:
        return _unresolved(partial, DAY)
    pub = ctx.published
    if month is not None:
        years = (pub.year - 1, pub.year, pub.year + 1)
        candidates = [d for y in years if (d := safe_date(y, month, day))]
    else:  # "venerdì 17": the nearby month where the 17th is a Friday
        months = (shift(pub.replace(day=1), MONTH, k) for k in range(-2, 3))
        candidates = [d for m in months if (d := safe_date(m.year, m.month, day))]
    if weekday is not None:
        # "venerdì 12" names a Friday: no Friday the 12th nearby, no guess.
        candidates = [d for d in candidates if d.weekday() == weekday]
    if not candidates:
        return _unresolved(partial, DAY)
    # "il 20 marzo scorso" / "prossimo" say the side outright.
    side = {-1: PAST, 1: FUTURE}.get(s.get("shift") or 0, ctx.tense)
    chosen, told = _pick(candidates, pub, side)
    res = _relative(chosen, DAY, ctx, told or weekday is not None)
    if weekday is not None:
        res.attrs["weekday_agrees"] = chosen.weekday() == weekday
    return res


def resolve_month(s: Slots, ctx: Context) -> Resolution | None:
    month, year, step = s.get("month") or s.get("mon"), s.get("year"), s.get("shift")
    if month is None:
        return None
    if year is not None:
        return Resolution(f"{year:04d}-{month:02d}", MONTH)
    if ctx.published is None:
        return _unresolved(f"XXXX-{month:02d}", MONTH)
    pub = ctx.published
    if step == -1:  # "lo scorso settembre": strictly before this month
        year = pub.year if month < pub.month else pub.year - 1
    elif step == 1:
        year = pub.year if month > pub.month else pub.year + 1
    elif step == 0:
        year = pub.year
    else:
        firsts = [date(y, month, 1) for y in (pub.year - 1, pub.year, pub.year + 1)]
        chosen, told = _pick(firsts, pub.replace(day=1), ctx.tense)
        return _relative(chosen, MONTH, ctx, told)
    return _relative(date(year, month, 1), MONTH, ctx, True)


def resolve_year(s: Slots, ctx: Context) -> Resolution | None:
    return Resolution(f"{s['year']:04d}", YEAR)


def resolve_decade(s: Slots, ctx: Context) -> Resolution | None:
    if s.get("year") is not None:
        return Resolution(f"{s['year'] // 10:03d}", DECADE)
    # "gli anni '90", "anni Novanta": the twentieth century unless said otherwise.
    tens = s["year2"] // 10 if s.get("year2") is not None else s.get("decade")
    if tens is None:
        return None
    return Resolution(f"19{tens}", DECADE)


def resolve_weekday(s: Slots, ctx: Context) -> Resolution | None:
    weekday, step = s.get("weekday"), s.get("shift")
    if weekday is None:
        return None
    if ctx.published is None:
        return _unresolved(f"XXXX-WXX-{weekday + 1}", DAY)
    pub = ctx.published
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if step == -1:
        offset, told = -(back or 7), True
    elif step == 1:
        offset, told = ahead or 7, True
    elif back == 0:
        # News names the day it reports on: "lunedì" in a Monday paper is that Monday.
        offset, told = 0, True
    elif ctx.tense == PAST:
        offset, told = -back, True
    elif ctx.tense == FUTURE:
        offset, told = ahead, True
    else:
        offset, told = (-back if back <= 3 else ahead), False
    return _relative(shift(pub, DAY, offset), DAY, ctx, told)


def _moved(unit: str, n: int, ctx: Context) -> Resolution:
    """The period ``n`` units away from the publication date's."""
    if ctx.published is None:
        return _unresolved(UNKNOWN[unit], unit)
    return _relative(shift(ctx.published, unit, n), unit, ctx, True)


def resolve_deictic(s: Slots, ctx: Context) -> Resolution | None:
    """"ieri", "domani", "l'altro ieri": days from the publication date."""
    offset = s.get("deictic")
    return None if offset is None else _moved(DAY, int(offset), ctx)


def resolve_unit(s: Slots, ctx: Context) -> Resolution | None:
    """"la settimana scorsa", "quest'anno", "all'inizio di questo mese"."""
    unit = s.get("unit")
    return None if unit is None else _moved(unit, int(s.get("shift") or 0), ctx)


def _counted(s: Slots, ctx: Context, sign: int) -> Resolution | None:
    """"tre giorni fa", "tra due settimane" (one unit when no number is written)."""
    unit = s.get("unit")
    return None if unit is None else _moved(unit, sign * (s.get("num") or 1), ctx)


def resolve_ago(s: Slots, ctx: Context) -> Resolution | None:
    return _counted(s, ctx, -1)


def resolve_later(s: Slots, ctx: Context) -> Resolution | None:
    return _counted(s, ctx, 1)


def resolve_anchored(s: Slots, ctx: Context) -> Resolution | None:
    unit, relation = s.get("unit"), s.get("relation")
    if unit is None or relation is None:
        return None
    attrs = {"relation": "before" if relation < 0 else "after", "anchor": s.get("anchor")}
    if ctx.anchor_id:
        attrs["anchor_id"] = ctx.anchor_id
    if ctx.anchor_date is None:
        res = _unresolved(UNKNOWN[unit], unit, ANCHORED, ANCHORED)
    else:
        day = shift(ctx.anchor_date, unit, relation * (s.get("num") or 1))
        res = Resolution(value_at(day, unit), unit, ANCHORED, ANCHORED)
        res.confidence = CONFIDENCE["anchored"]
    res.attrs.update(attrs)
    return res


def resolve_duration(s: Slots, ctx: Context) -> Resolution | None:
    unit = s.get("unit")
    if unit is None:
        return None
    n = s.get("num")
    return Resolution(
        duration(n, unit), unit, DURATION, DURATION, n is not None, CONFIDENCE["duration"]
    )


def resolve_set(s: Slots, ctx: Context) -> Resolution | None:
    """Recurring times: recognized, never turned into one date."""
    if s.get("weekday") is not None:
        return Resolution(f"XXXX-WXX-{s['weekday'] + 1}", DAY, SET, SET, True, CONFIDENCE["set"])
    unit = s.get("unit") or s.get("frequency")
    if unit is None:
        return None
    return Resolution(duration(s.get("num") or 1, unit), unit, SET, SET, True, CONFIDENCE["set"])


RESOLVERS: dict[str, Callable[[Slots, Context], Resolution | None]] = {
    "date": resolve_date,
    "month": resolve_month,
    "year": resolve_year,
    "decade": resolve_decade,
    "weekday": resolve_weekday,
    "deictic": resolve_deictic,
    "unit": resolve_unit,
    "ago": resolve_ago,
    "later": resolve_later,
    "anchored": resolve_anchored,
    "duration": resolve_duration,
    "set": resolve_set,
}
#: Rule types whose value depends on the tense of the sentence.
TENSE_SENSITIVE = frozenset({"date", "month", "weekday", "anchored"})


def resolve(rule_type: str, slots: Slots, ctx: Context) -> Resolution | None:
    resolver = RESOLVERS.get(rule_type)
    if resolver is None:
        raise ValueError(f"unknown temporal rule type {rule_type!r}")
    res = resolver(slots, ctx)
    if res is not None and slots.get("mod"):
        res.attrs["mod"] = slots["mod"]
    return res
