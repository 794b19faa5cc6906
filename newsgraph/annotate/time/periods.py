"""Calendar arithmetic at a granularity, and TIMEX3-style values.

A value says as much as the text does and no more: ``2024-10-11`` (day), ``2025-W03``
(ISO week), ``2024-10`` (month), ``2024`` (year), ``202`` (the 2020s); what is not known
is written with X (``XXXX-09`` for "a settembre" when the year cannot be told). Durations
are ``P3Y``, ``P2W``, ``PXM`` (months, how many unsaid).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

DAY, WEEK, MONTH, YEAR, DECADE = "day", "week", "month", "year", "decade"
#: TIMEX3 duration codes.
DURATION_CODE = {DAY: "D", WEEK: "W", MONTH: "M", YEAR: "Y", DECADE: "DE"}
UNKNOWN = {DAY: "XXXX-XX-XX", WEEK: "XXXX-WXX", MONTH: "XXXX-XX", YEAR: "XXXX", DECADE: "XXX"}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, kept inside the target month (31 Jan + 1 = 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, unit: str, n: int) -> date:
    """``day`` moved by ``n`` units."""
    if unit == DAY:
        return day + timedelta(days=n)
    if unit == WEEK:
        return day + timedelta(weeks=n)
    if unit == MONTH:
        return add_months(day, n)
    if unit == YEAR:
        return add_months(day, 12 * n)
    if unit == DECADE:
        return add_months(day, 120 * n)
    raise ValueError(f"unknown unit {unit!r}")


def value_at(day: date, granularity: str) -> str:
    """The TIMEX3 value of the period of ``granularity`` that contains ``day``."""
    if granularity == DAY:
        return day.isoformat()
    if granularity == WEEK:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == YEAR:
        return f"{day.year:04d}"
    if granularity == DECADE:
        return f"{day.year // 10:03d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def direction(value: str, published: date, granularity: str) -> str:
    """Whether a resolved value lies before, at or after the publication date's period
    (ISO values of one granularity sort as strings)."""
    now = value_at(published, granularity)
    if value == now:
        return "present"
    return "past" if value < now else "future"


def duration(n: int | None, unit: str) -> str:
    return f"P{n if n is not None else 'X'}{DURATION_CODE[unit]}"


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
