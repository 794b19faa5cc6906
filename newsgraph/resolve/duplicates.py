"""Near-duplicate articles: MinHash signatures over word shingles, LSH for candidates.

Agencies' copy is republished with small edits (a new headline, a trimmed paragraph, a
different boilerplate footer); such copies share almost all their word 5-grams. A
MinHash signature estimates that overlap (Jaccard similarity) in constant space, and
locality-sensitive hashing finds the candidate pairs without comparing every pair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 64
SEED = 1
#: datasketch's hashing scheme; stored signatures are only comparable within one scheme.
SCHEME = "affine32"
SHINGLE = 5
#: Jaccard similarity from which two articles count as copies of one another.
THRESHOLD = 0.8

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> object:
    """The hash permutations of the scheme: the same for every signature, so made once
    (drawing them costs more than hashing a short article)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> LeanMinHash | None:
    """The MinHash of a text's word shingles (None for a text with no words)."""
    grams = shingles(text)
    if not grams:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    mh.update_batch(list(grams))
    return LeanMinHash(mh)


def from_values(values: Iterable[int]) -> LeanMinHash:
    """Rebuild a stored signature."""
    return LeanMinHash(
        seed=SEED, hashvalues=np.asarray(list(values), dtype=np.uint64), scheme=SCHEME
    )


class DuplicateIndex:
    """Signatures seen so far, queried for near-duplicates of each new article."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.signatures: dict[str, LeanMinHash] = {}

    def add(self, article_id: str, sig: LeanMinHash) -> list[tuple[str, float]]:
        """Index ``sig`` and return the earlier articles it nearly duplicates, best first."""
        found: list[tuple[str, float]] = []
        if article_id in self.signatures:
            return found
        for other in self.lsh.query(sig):
            similarity = float(sig.jaccard(self.signatures[other]))
            if similarity >= self.threshold:
                found.append((str(other), round(similarity, 4)))
        self.lsh.insert(article_id, sig)
        self.signatures[article_id] = sig
        return sorted(found, key=lambda p: (-p[1], p[0]))
