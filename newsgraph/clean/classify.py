"""Line by line, what the language cues say a line is: boilerplate of some kind, a share
widget, a date-only line, a photo caption or a bare photo credit.

Cues are only looked for where they can apply: boilerplate lines are short, so a long
paragraph that mentions a newsletter or cookies stays text; widgets and datelines are
shorter still; a caption is a few sentences at most. Every check looks at a bounded
prefix or suffix of the line, so the cost per article stays flat whatever its lines.
"""

from __future__ import annotations

import re

from newsgraph.clean.captions import MAX_CAPTION_CHARS, caption_of
from newsgraph.clean.cues import Cues, plain, words
from newsgraph.clean.dates import calendar, find_dates
from newsgraph.clean.lines import STOPS, Line, last_char

#: Longest line a boilerplate cue is trusted on ("Per non perdere nessuna novità,"; a
#: cookie banner sentence). Body paragraphs are longer, and a cue word inside one is news.
MAX_CUE_CHARS = 200
#: Longest share-widget or date-only line.
MAX_WIDGET_CHARS = 80
#: Share-widget words this short are connectors ("share on X"), not evidence.
SHORT_WORD = 3
_NUMBER = re.compile(r"\d+(?:st|nd|rd|th|er|h)?")
_TIME_OR_NUMERIC_DATE = re.compile(r"\d{1,2}[:.h]\d{2}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")


def fold_key(text: str) -> str:
    """How captions listed by the input are compared with lines."""
    return " ".join(text.split()).casefold()


def _share_widget(tokens: list[str], cues: Cues) -> bool:
    """A line of share-widget words only, with at least one that is more than a
    connector ("on", "su", "x"): "Facebook Twitter WhatsApp Email"."""
    return (
        bool(tokens)
        and all(t in cues.share_words for t in tokens)
        and any(len(t) > SHORT_WORD for t in tokens)
    )


def dateline_date(text: str, tokens: list[str], cues: Cues) -> str | None:
    """For a line that is only a date or time ("13 gennaio 2025, 10:32", "Updated 2 hours
    ago"), the date it gives ("" when it gives none exactly); None for any other line."""
    if not tokens or last_char(text) in STOPS or not text[0].isalnum():
        return None
    cal = calendar()
    has_number = has_cue = False
    for t in tokens:
        if _NUMBER.fullmatch(t):
            has_number = True
        elif t in cal.months or t in cues.dateline_cues:
            has_cue = True
        elif t not in cal.weekdays and t not in cues.dateline_words:
            return None
    if not has_number or not (has_cue or _TIME_OR_NUMERIC_DATE.search(text)):
        return None
    found = find_dates(text)
    return found[0].value if found else ""


def _mark_boilerplate(line: Line, text: str, tokens: list[str], cues: Cues) -> bool:
    found = cues.boilerplate_kind(text, tokens)
    if found is None:
        return False
    kind, line.header = found
    line.mark(kind, f"clean.cue.{kind}", 0.9)
    return True


def _mark_caption(line: Line, text: str, cues: Cues, known: frozenset[str]) -> bool:
    caption = caption_of(text, cues, known=bool(known) and fold_key(line.text) in known)
    if caption is None:
        return False
    attrs: dict[str, object] = {}
    if caption.credit is not None:
        attrs = {
            "credits": caption.credit.credits,
            "credit_start": line.start + caption.credit.start,
            "credit_end": line.start + caption.credit.end,
        }
    elif caption.kind == "caption":
        attrs = {"credits": []}
    if caption.date:
        attrs["date"] = caption.date
    line.mark(caption.kind, caption.rule, caption.confidence, **attrs)
    return True


def by_cues(lines: list[Line], cues: Cues, known_captions: frozenset[str]) -> None:
    """Mark every line a cue recognises; the others stay unmarked for the layout pass."""
    for line in lines:
        size = len(line.text)
        if size > MAX_CAPTION_CHARS:
            continue
        text = plain(line.text)
        tokens = words(text) if size <= MAX_CUE_CHARS else []
        if tokens and _mark_boilerplate(line, text, tokens, cues):
            continue
        if size <= MAX_WIDGET_CHARS:
            if _share_widget(tokens, cues):
                line.mark("share", "clean.cue.share_words", 0.85)
                continue
            date = dateline_date(text, tokens, cues)
            if date is not None:
                line.mark("dateline", "clean.cue.dateline", 0.85)
                if date:
                    line.attrs["date"] = date
                continue
        _mark_caption(line, text, cues, known_captions)
