"""Quoted stretches of text: paired quotation marks on a line.

Marks come from the language's ``quotes.yaml`` (« », “ ”, „ “, `` '', and straight
double quotes). Distinct opening and closing marks nest; a straight quote closes the nearest
open straight quote. A quotation does not cross a line break, so an unclosed mark (a
typo, a quote continued in the next paragraph) is dropped instead of swallowing the
article. Only the outermost pair of nested marks is returned.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Quoted:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark
    start: int  # the quoted text, without marks and surrounding white space
    end: int


def find(
    text: str, pairs: Sequence[tuple[str, str]], lo: int = 0, hi: int | None = None
) -> list[Quoted]:
    """Outermost quoted stretches in ``text[lo:hi]``, in order. Marks may be longer than
    one character ("``" … "''"); the longest mark at a position is read."""
    hi = len(text) if hi is None else hi
    pattern, closers, openers = _marks(tuple(pairs))
    out: list[Quoted] = []
    stack: list[tuple[str, int]] = []
    for found in pattern.finditer(text, lo, hi):
        mark, i = found.group(), found.start()
        if mark == "\n":
            stack.clear()
            continue
        opener = closers.get(mark)
        if opener is not None and any(o == opener for o, _ in stack) and (
            mark not in openers or mark == opener or stack[-1][0] == opener
        ):
            while stack[-1][0] != opener:
                stack.pop()
            _, start = stack.pop()
            if not stack:
                out.append(_strip(text, start, len(opener), i))
        elif mark in openers:
            stack.append((mark, i))
    return [q for q in out if q.start < q.end]


def mark_starts(text: str, pairs: Sequence[tuple[str, str]]) -> list[int]:
    """Offsets of the characters of ``text`` that may begin a quotation mark, in order: a
    stretch with none has no quotation, so a document's sentences without one are
    passed over after one scan of the whole text instead of a search each."""
    return [m.start() for m in _first_characters(tuple(pairs)).finditer(text)]


def marked(starts: list[int], lo: int, hi: int) -> bool:
    """Whether a mark may begin in ``text[lo:hi]``, given the :func:`mark_starts`."""
    k = bisect_left(starts, lo)
    return k < len(starts) and starts[k] < hi


@lru_cache(maxsize=16)
def _first_characters(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    firsts = sorted({m[0] for pair in pairs for m in pair if m})
    return re.compile("|".join(map(re.escape, firsts)) or "(?!)")


@lru_cache(maxsize=16)
def _marks(
    pairs: tuple[tuple[str, str], ...],
) -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """A pattern for any mark of ``pairs`` (longest first) or a line break, the opening
    mark of each closing one, and the opening marks: built once per set of pairs, not
    once per sentence."""
    marks = sorted({m for pair in pairs for m in pair}, key=len, reverse=True)
    pattern = re.compile("|".join([*map(re.escape, marks), "\n"]))
    return pattern, {c: o for o, c in pairs}, frozenset(o for o, _ in pairs)


def _strip(text: str, open_at: int, open_len: int, close_at: int) -> Quoted:
    start, end = open_at + open_len, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return Quoted(open_at, close_at, start, end)
