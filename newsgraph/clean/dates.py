"""Explicit calendar dates written out in words: "l'11 ottobre 2024", "lunedì 13 gennaio
2025", "January 10, 2025", "10 janvier 2025", "13 de enero de 2025", "ottobre 2024".

Cleaning needs the date a photo caption gives, and a date-only line under a headline is
a dateline, not text; neither needs relative expressions ("venerdì", "lo scorso
settembre"), which are the time layer's job. Month names come from the CLDR data that
babel ships, for every language that has cleaning data, so a new language needs no list
here; the only words that are language data are the connectors some languages put
between day, month and year ("13 de enero de 2025"), read from ``clean.yaml``
(``date_connectors``). All languages are matched at once: the month names barely
collide and the article's language is not known yet when cleaning runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_day_names, get_month_names

from newsgraph import lexicon

#: How far before its year a written date can start ("13 de septiembre de 2025").
REACH = 40
_YEAR = re.compile(r"(?<![\w/.-])(?:19|20)\d\d(?![\w/])")


@dataclass(frozen=True)
class FoundDate:
    """A date in a text: offsets into that text, the ISO value and its granularity."""

    start: int
    end: int
    value: str
    granularity: str  # "day" or "month"


@dataclass(frozen=True)
class Calendar:
    """Month and weekday names of the shipped languages, compiled into one matcher."""

    months: dict[str, int]
    weekdays: frozenset[str]
    pattern: re.Pattern[str]


def _locale_names(code: str) -> tuple[dict[str, int], set[str]]:
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return {}, set()
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for number, name in get_month_names(width, locale=code).items():
            for form in (name.casefold(), name.casefold().rstrip(".")):
                if len(form) >= 3:
                    months.setdefault(form, number)
    weekdays = {str(n).casefold() for n in get_day_names("wide", locale=code).values()}
    return months, weekdays


def _alternation(words: set[str] | dict[str, int]) -> str:
    # Longest first, so "sept" is not taken for "sep" and "janv" for "jan".
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=8)
def calendar(languages: tuple[str, ...] | None = None) -> Calendar:
    """The calendar of ``languages`` (default: every language with data)."""
    codes = languages or tuple(lexicon.languages())
    months: dict[str, int] = {}
    weekdays: set[str] = set()
    connectors: set[str] = set()
    for code in codes:
        m, w = _locale_names(code)
        for name, number in m.items():
            months.setdefault(name, number)
        weekdays |= w
        connectors |= {str(c).casefold() for c in lexicon.load(code, "clean").get(
            "date_connectors", [])}
    month = rf"(?:{_alternation(months)})\.?"
    # Between the parts: spaces and an optional comma or connector ("de", "of").
    gap = r"\s*,?\s+"
    if connectors:
        gap = rf"(?:\s+(?:{_alternation(connectors)})\s+|{gap})"
    day = r"(?:[12]\d|3[01]|0?[1-9])"
    ordinal = r"(?:°|º|\.|st|nd|rd|th|er)?"
    year = r"(?:19|20)\d\d"
    body = (
        rf"(?P<d1>{day}){ordinal}{gap}(?P<m1>{month}){gap}(?P<y1>{year})"
        rf"|(?P<m2>{month})\s+(?P<d2>{day}){ordinal}{gap}(?P<y2>{year})"
        rf"|(?P<m3>{month})\s+(?P<y3>{year})"
    )
    # Searched only in a short window that ends with a year (see find_dates).
    pattern = re.compile(rf"(?<![\w/.-])(?:{body})\Z", re.IGNORECASE)
    return Calendar(months=months, weekdays=frozenset(weekdays), pattern=pattern)


def find_dates(text: str, languages: tuple[str, ...] | None = None) -> list[FoundDate]:
    """Every explicit date in ``text`` that names its year, in order.

    A day and month without a year ("l'11 ottobre") is left to the time layer, which
    knows the publication date; impossible dates ("31 febbraio 2025") are skipped.
    Only the few characters before each year are searched: the month-name alternation
    is slow to try at every position of a long text, and a date ends with its year.
    """
    cal = calendar(languages)
    found: list[FoundDate] = []
    done = 0
    for y in _YEAR.finditer(text):
        m = cal.pattern.search(text, max(done, y.start() - REACH), y.end())
        if m is None:
            continue
        done = m.end()
        groups = m.groupdict()
        year = groups["y1"] or groups["y2"] or groups["y3"]
        month_word = (groups["m1"] or groups["m2"] or groups["m3"]).casefold().rstrip(".")
        month = cal.months.get(month_word)
        if month is None:
            continue
        day_text = groups["d1"] or groups["d2"]
        if day_text is None:
            found.append(FoundDate(m.start(), m.end(), f"{year}-{month:02d}", "month"))
            continue
        try:
            value = date(int(year), month, int(day_text)).isoformat()
        except ValueError:
            continue
        found.append(FoundDate(m.start(), m.end(), value, "day"))
    return found
