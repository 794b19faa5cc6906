"""An article's lines with exact offsets, and the language-neutral shapes of a line.

Scraped news keeps its structure in line breaks: a headline, a section label, a caption,
a newsletter prompt each sit on a line of their own. Cleaning therefore classifies lines.
A line here is the text between two line breaks with its surrounding white space left
out; its offsets point into ``Article.text`` so nothing has to be cut out to be marked.

The shapes say what a line looks like regardless of language: a headline has no final
stop and a few words; a section label is one to three words; body text ends its
sentences. Shapes look at a bounded prefix of the line, so a megabyte-long line costs no
more than a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Characters that end a sentence or a clause; a line ending in one is not a headline.
#: "?" and "!" do not count: headlines ask and exclaim.
STOPS = frozenset(".;:,…")
#: Closing quotes and brackets looked through to find a line's last real character.
_CLOSERS = "\"'”’»)]"
#: How a question, an exclamation or a quotation ends: text, not a heading.
_NOT_HEADING_END = "?!\"”»"
#: Longest line that can be a headline, and most words in one.
TITLE_MAX_CHARS = 250
TITLE_MAX_WORDS = 35
#: A section label ("Esteri", "in Russia", "Medio Oriente") is this short.
LABEL_MAX_WORDS = 3
LABEL_MAX_CHARS = 40
#: A subheading inside the text is shorter than a headline.
SUBHEADING_MAX_WORDS = 20
SUBHEADING_MAX_CHARS = 150


@dataclass(slots=True)
class Line:
    """One non-empty line and what cleaning decided about it."""

    start: int
    end: int
    text: str
    kind: str | None = None
    rule: str = ""
    confidence: float = 1.0
    attrs: dict[str, Any] = field(default_factory=dict)
    #: Whether a related-links or similar cue covers the whole line (a header, not a link).
    header: bool = False

    def mark(self, kind: str, rule: str, confidence: float, **attrs: Any) -> None:
        self.kind, self.rule, self.confidence = kind, rule, confidence
        self.attrs.update(attrs)


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` that has something other than white space, stripped."""
    lines = []
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        segment = text[pos:end]
        stripped = segment.strip()
        if stripped:
            start = pos + (len(segment) - len(segment.lstrip()))
            lines.append(Line(start, start + len(stripped), stripped))
        if nl < 0:
            break
        pos = nl + 1
    return lines


def last_char(text: str) -> str:
    """The last character that is not a closing quote or bracket ("" if none)."""
    stripped = text.rstrip(_CLOSERS + " ")
    return stripped[-1] if stripped else ""


def word_count(text: str, cap: int = TITLE_MAX_WORDS + 1) -> int:
    """Words in the line, counted no further than ``cap``."""
    return min(len(text[: cap * 40].split(None, cap)), cap)


def is_title_shaped(text: str) -> bool:
    if len(text) > TITLE_MAX_CHARS or last_char(text) in STOPS:
        return False
    return 2 <= word_count(text) <= TITLE_MAX_WORDS


def is_label_shaped(text: str) -> bool:
    if len(text) > LABEL_MAX_CHARS or last_char(text) in STOPS:
        return False
    return 1 <= word_count(text) <= LABEL_MAX_WORDS


def is_subheading_shaped(text: str) -> bool:
    """A heading inside the text: short, capitalised, no final stop, and not a question,
    exclamation or quotation (in running text those are sentences: "Come?", «Basta»)."""
    if (
        len(text) > SUBHEADING_MAX_CHARS
        or last_char(text) in STOPS
        or text[-1] in _NOT_HEADING_END
    ):
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    return 1 <= word_count(text) <= SUBHEADING_MAX_WORDS
