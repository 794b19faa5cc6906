"""Publication dates from metadata, as ISO 8601 strings.

Exports and feeds write dates every which way: ISO 8601, RFC 822 (RSS), epoch seconds or
milliseconds, "11 ottobre 2024". The cheap exact parsers run first; dateparser, which is
slow and happy to read anything, only sees short strings with a digit in them, restricted
to the configured languages and to absolute dates (a relative "ieri" in a metadata field
says nothing about the day the article was printed). A date without a time stays a date
("2024-10-11"); a time keeps the UTC offset it was given in, because the local day is
what relative expressions in the text ("venerdì") are resolved against.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_EPOCH_MS = 10**11
_DATEPARSER_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["year"],
    "PREFER_DAY_OF_MONTH": "first",
}


def _iso(moment: datetime, has_time: bool) -> str:
    if not has_time:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds")


def _from_text(value: str, languages: Sequence[str]) -> str | None:
    value = value.strip()
    if _DATE_ONLY.fullmatch(value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    try:
        return _iso(datetime.fromisoformat(value.replace("Z", "+00:00")), True)
    except ValueError:
        pass
    try:
        return _iso(parsedate_to_datetime(value), True)
    except (TypeError, ValueError, IndexError, OverflowError):  # "12 Mar 99999999999999"
        pass
    if re.fullmatch(r"\d{9,13}(\.\d+)?", value):
        return from_epoch(float(value))
    if len(value) > 64 or not re.search(r"\d", value):
        return None
    import dateparser  # slow to import; most inputs never need it

    try:
        parsed = dateparser.parse(
            value,
            languages=[code for code in languages if len(code) == 2] or None,
            settings=_DATEPARSER_SETTINGS,
        )
    except (ValueError, OverflowError):  # dateparser lets some impossible dates through
        return None
    return _iso(parsed, ":" in value) if parsed else None


def from_epoch(seconds: float) -> str | None:
    if seconds > _EPOCH_MS:
        seconds /= 1000
    try:
        return _iso(datetime.fromtimestamp(seconds, UTC), True)
    except (OverflowError, OSError, ValueError):
        return None


def normalize_date(value: object, languages: Sequence[str] = ()) -> str | None:
    """An ISO 8601 date or date-time for a metadata value, or None if it is no date."""
    if isinstance(value, datetime):
        return _iso(value, True)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _iso(datetime(*value[:6], tzinfo=UTC), True)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return from_epoch(float(value))
    if isinstance(value, str) and value.strip():
        return _from_text(value, languages)
    return None
