"""When an event happened, from the time layer — not when the article was printed.

Policy:

1. A temporal expression (``doc.spans["timex"]``, normalised by the time component) in
   the event's own clause dates it: the nearest one, preferring one after the trigger
   ("ha inviato … nel 2023", "il 7 ottobre 2023"). A reporting clause ("ha detto lunedì
   il Cremlino") is a clause of its own, so the day something was *said* does not date
   what was reported. Historical events keep their own date this way.
2. With no expression in the clause, the publication date is used only when the event is
   the news the article reports: asserted (not planned, alleged, hypothetical…), told in
   the title or the lead (first body sentence), and the article's date is known. The
   method is then ``publication`` so an analyst can tell it from a stated date.
3. Otherwise the date is unknown (``None``): an undated background fact deep in an
   article is not dated by the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

_DATE_VALUE = re.compile(r"^\d{4}(?:-(?:\d{2}|W\d{2}|Q\d)(?:-\d{2})?)?$")
_GRANULARITY = {4: "year", 7: "month", 10: "day"}

TIMEX_KEY = "timex"


@dataclass
class Dated:
    value: str | None = None
    granularity: str | None = None
    method: str | None = None
    start: int | None = None  # char offsets of the expression used
    end: int | None = None


def timexes(doc: Doc) -> list[SpacySpan]:
    """Temporal expressions whose value is a calendar date, in text order."""
    out = []
    for span in doc.spans.get(TIMEX_KEY, []):
        value = str((span._.attrs or {}).get("value") or "")
        if _DATE_VALUE.match(value):
            out.append(span)
    return sorted(out, key=lambda s: s.start)


def _granularity(span: SpacySpan) -> str | None:
    attrs = span._.attrs or {}
    value = str(attrs.get("value"))
    return str(attrs.get("granularity") or _GRANULARITY.get(len(value)) or "") or None


def from_clause(spans: list[SpacySpan], start: int, end: int, trigger: int) -> Dated | None:
    """The nearest dated expression inside tokens ``[start, end)``, after the trigger first."""
    inside = [s for s in spans if s.start >= start and s.end <= end]
    if not inside:
        return None
    after = [s for s in inside if s.start >= trigger]
    pick = min(after or inside, key=lambda s: abs(s.start - trigger))
    return Dated(
        str(pick._.attrs["value"]), _granularity(pick), "timex", pick.start_char, pick.end_char
    )


def from_publication(published: str | None, modality: str, lead: bool) -> Dated:
    if published and modality == "asserted" and lead:
        value = published[:10]
        return Dated(value, _GRANULARITY.get(len(value)), "publication")
    return Dated()
