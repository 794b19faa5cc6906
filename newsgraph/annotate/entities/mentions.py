"""Candidate mentions from every rule, and the choice among overlapping ones.

Each rule (gazetteer, institutions, capitalised names, designations) proposes
:class:`Found` spans; :func:`select` keeps a non-overlapping set, preferring the longer
span ("Università di Nottingham" over "Nottingham") and, between spans of one length,
the better-founded rule (a KB name over a guess from capitalisation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsgraph.kb import Entry

#: How well-founded each kind of proposal is, for ties between equal spans.
KB, INSTITUTION, CUE, GUESS = 3, 2, 1, 0


@dataclass
class Found:
    start: int
    end: int
    label: str
    entity: str
    name: str
    rule: str
    confidence: float
    priority: int
    entry: Entry | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return self.end - self.start

    @property
    def is_adjective(self) -> bool:
        return self.attrs.get("form") == "adjective"


def select(found: list[Found]) -> list[Found]:
    """A non-overlapping subset, longest and best-founded first, in text order."""
    taken: set[int] = set()
    kept = []
    for f in sorted(found, key=lambda f: (-f.size, -f.priority, -f.confidence, f.start)):
        if any(i in taken for i in range(f.start, f.end)):
            continue
        taken.update(range(f.start, f.end))
        kept.append(f)
    return sorted(kept, key=lambda f: f.start)
