"""Where a line sits: the structure heuristics that need no language.

After the cues have spoken, the unmarked lines are placed by their shape and position:

- the *top* of an article is the run of headline-shaped lines before the first line of
  running text. Its first line that is more than a label is the title (or the line equal
  to the title the input's metadata gives); one-to-three-word lines there are section
  labels ("Esteri", "in Russia") or kickers and bylines, which are not article text;
- a short line without a final stop between paragraphs of text is a subheading: it
  stays content;
- boilerplate comes in blocks: the headlines under a related-links header are links
  too, a line that runs on into a newsletter prompt ("Per non perdere nessuna novità,")
  is part of it, and so is a short line between two prompts of the same kind;
- everything else is body text.
"""

from __future__ import annotations

from newsgraph.clean.lines import (
    STOPS,
    Line,
    is_label_shaped,
    is_subheading_shaped,
    is_title_shaped,
    last_char,
    word_count,
)

#: Kinds whose lines are article text; every other kind is not.
CONTENT_KINDS = frozenset({"title", "body", "subheading", "caption"})
#: Boilerplate kinds whose prompts run over several lines.
BLOCK_KINDS = frozenset({"newsletter", "cookie", "share", "ad", "navigation", "copyright"})
#: The top of an article (section label, title, standfirst, byline, date) is this many
#: lines at most; a longer run of short lines is a list, not a page header.
TOP_LINES = 6
#: Longest line absorbed into a boilerplate block by position alone.
BLOCK_LINE_MAX_CHARS = 120
#: A lone short line before the text is a title, not a label, from this many words.
LONE_TITLE_MIN_WORDS = 3


def _free(line: Line) -> bool:
    return line.kind is None


def _fold(text: str) -> str:
    """How a metadata title is compared with lines: quotes, spaces, case and a final
    stop do not matter."""
    return " ".join(text.replace("’", "'").split()).casefold().rstrip(" .:;,")


def _blocks(lines: list[Line]) -> None:
    for i, line in enumerate(lines):
        if not _free(line) or len(line.text) > BLOCK_LINE_MAX_CHARS:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prev = lines[i - 1] if i else None
        if nxt and nxt.kind in BLOCK_KINDS and last_char(line.text) in ",:…-–—":
            line.mark(nxt.kind, "clean.block.continuation", 0.7)
        elif prev and nxt and prev.kind in BLOCK_KINDS and prev.kind == nxt.kind:
            line.mark(prev.kind, "clean.block.between", 0.7)


def _related_runs(lines: list[Line], after: int) -> None:
    """Headline-shaped lines under a related-links header (past the top) are links."""
    i = after
    while i < len(lines):
        line = lines[i]
        i += 1
        if not (line.kind == "related" and line.header):
            continue
        while i < len(lines):
            nxt = lines[i]
            if _free(nxt) and is_title_shaped(nxt.text):
                nxt.mark("related", "clean.block.related", 0.7)
            elif nxt.kind is None or nxt.kind in CONTENT_KINDS:
                break
            i += 1


def _top(lines: list[Line], title: str | None) -> tuple[Line | None, int]:
    """Mark the title and the labels above the text; return the title line and the index
    of the first line of running text (``len(lines)`` when there is none)."""
    top: list[int] = []
    first_text = len(lines)
    for i, line in enumerate(lines):
        if not _free(line):
            continue
        if not (is_title_shaped(line.text) or is_label_shaped(line.text)):
            first_text = i
            break
        top.append(i)
    found: int | None = None
    if title:
        wanted = _fold(title)
        window = lines[: 2 * TOP_LINES]
        found = next((i for i, ln in enumerate(window) if _fold(ln.text) == wanted), None)
        rule, confidence = "clean.title.metadata", 0.95
    if found is None and first_text < len(lines):
        # A headline heads some text: a lone short line is not one.
        found = next((i for i in top if not is_label_shaped(lines[i].text)), None)
        rule, confidence = "clean.title.shape", 0.75
        lone = len(top) == 1 and word_count(lines[top[0]].text) >= LONE_TITLE_MIN_WORDS
        if found is None and lone:
            found = top[0]
    if found is not None:
        lines[found].mark("title", rule, confidence)
    # Labels: short lines before the title, and between the title and the text when the
    # top is a real page header (it ends where the text starts, and is short).
    header = first_text < len(lines) and len(top) <= TOP_LINES
    for i in top:
        line = lines[i]
        above_title = found is not None and i < found
        if _free(line) and is_label_shaped(line.text) and (header or above_title):
            line.mark("section_label", "clean.section.top", 0.7)
    return (lines[found] if found is not None else None), first_text


def _text(lines: list[Line], first_text: int) -> None:
    last_text = max(
        (i for i, ln in enumerate(lines) if _free(ln) and not is_title_shaped(ln.text)),
        default=-1,
    )
    for i, line in enumerate(lines):
        if not _free(line):
            continue
        if first_text < i < last_text and is_subheading_shaped(line.text):
            line.mark("subheading", "clean.subheading.shape", 0.7)
        elif last_char(line.text) in STOPS or not is_title_shaped(line.text):
            line.mark("body", "clean.body.text", 0.9)
        else:
            line.mark("body", "clean.body.default", 0.6)


def by_layout(lines: list[Line], title: str | None) -> Line | None:
    """Mark every line the cues left unmarked; return the title line if there is one."""
    _blocks(lines)
    title_line, first_text = _top(lines, title)
    _related_runs(lines, first_text)
    _text(lines, first_text)
    return title_line
