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
            **self.extra,
        }


def not_implemented(reason: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"status": "not implemented"}
    if reason:
        out["reason"] = reason
    return out
