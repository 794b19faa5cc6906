"""Precision, recall and F1, and the text folding gold comparisons use."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any


def fold(text: str) -> str:
    """Case, diacritics, apostrophe and white-space folding for comparing names and lines."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


@dataclass
class Ratio:
    """A count of hits out of a total, for accuracies that add up over documents (the
    credit accuracy of matched captions); reported as the ratio, null when no total."""

    hits: int = 0
    total: int = 0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    def value(self) -> float | None:
        return round(self.hits / self.total, 4) if self.total else None


@dataclass
class LayerScore:
    """Counts for one layer, with the misses and false hits that explain them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[Any] = field(default_factory=list)
    false_hits: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, other: LayerScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.false_hits += other.false_hits
        for key, value in other.extra.items():
            mine = self.extra.get(key)
            both = isinstance(mine, Ratio) and isinstance(value, Ratio)
            self.extra[key] = mine + value if both else value

    def report(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        if self.tp + self.fp + self.fn == 0:
            p = r = f = 1.0
        return {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            **{k: v.value() if isinstance(v, Ratio) else v for k, v in self.extra.items()},
        }


def not_implemented(reason: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"status": "not implemented"}
    if reason:
        out["reason"] = reason
    return out
