"""Word vectors learnt from the user's own unlabelled news, for the NER model.

No pretrained vectors can be downloaded, and a NER model trained on a few hundred
thousand annotated tokens has seen too few words: vectors from a larger plain-text
corpus tell it that an unseen word behaves like words it has seen ("Pyongyang" like
"Teheran"). They are computed the count-based way, which needs no neural training and
runs in a minute on a laptop: co-occurrence counts in a small window, positive pointwise
mutual information with smoothed context counts, and a truncated SVD (Levy, Goldberg and
Dagan, 2015, found this on par with word2vec on similarity tasks).

Counts are taken over lower-cased forms (spaCy's ``NORM`` of a blank pipeline), and
each vector is stored under every spelling of its word (the ones seen, and the
capitalised and upper-case ones), so "Mosca", "mosca" and "MOSCA" share one: spaCy
looks static vectors up by the exact form once a model is loaded from disk.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds
from spacy.language import Language
from spacy.vectors import Vectors


def read_texts(path: Path) -> Iterator[str]:
    """Texts of a JSONL file (its ``text`` field, and ``title`` if any) or a plain text
    file (one text a line)."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            if path.suffix == ".jsonl":
                record = json.loads(line)
                yield "\n".join(str(record[k]) for k in ("title", "text") if record.get(k))
            else:
                yield line


@dataclass
class WordVectors:
    words: list[str]  # lower-cased forms, one a row
    table: np.ndarray  # unit-length rows
    spellings: dict[str, set[str]]  # the forms of each word found in the text


def learn(
    nlp: Language,
    texts: Iterable[str],
    dim: int = 100,
    window: int = 2,
    min_count: int = 3,
    max_words: int = 60_000,
    seed: int = 0,
) -> WordVectors:
    """One vector for each frequent word of the texts."""
    sequences = []
    spellings: dict[str, set[str]] = defaultdict(set)
    for doc in map(nlp.make_doc, texts):
        sequences.append([t.norm_ for t in doc if not t.is_space])
        for t in doc:
            spellings[t.norm_].add(t.text)
    counts = Counter(w for seq in sequences for w in seq)
    words = [w for w, n in counts.most_common(max_words) if n >= min_count]
    index = {w: i for i, w in enumerate(words)}
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    for seq in sequences:
        ids = np.array([index.get(w, -1) for w in seq], dtype=np.int64)
        for offset in range(1, window + 1):
            a, b = ids[:-offset], ids[offset:]
            keep = (a >= 0) & (b >= 0)
            rows += [a[keep], b[keep]]
            cols += [b[keep], a[keep]]
    n = len(words)
    if n <= dim:
        raise ValueError(f"only {n} words occur {min_count}+ times: too little text for vectors")
    row, col = np.concatenate(rows), np.concatenate(cols)
    cooc = sparse.coo_matrix((np.ones(len(row), dtype=np.float64), (row, col)), shape=(n, n))
    table = _ppmi_svd(cooc.tocsr(), dim, seed)
    return WordVectors(words, table, {w: spellings[w] for w in words})


def _ppmi_svd(cooc: sparse.csr_matrix, dim: int, seed: int) -> np.ndarray:
    total = cooc.sum()
    word_p = np.asarray(cooc.sum(axis=1)).ravel() / total
    context = np.asarray(cooc.sum(axis=0)).ravel() ** 0.75  # smoothed context counts
    context_p = context / context.sum()
    coo = cooc.tocoo()
    pmi = np.log(coo.data / total / (word_p[coo.row] * context_p[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=cooc.shape)
    start = np.random.default_rng(seed).standard_normal(min(ppmi.shape))
    u, s, _ = svds(ppmi, k=dim, v0=start)
    vectors = u * np.sqrt(s)  # the symmetric weighting of the singular values
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-8)).astype(np.float32)


def install(nlp: Language, learnt: WordVectors) -> None:
    """Make the vectors ``nlp``'s static vectors, under every spelling of each word."""
    table = Vectors(strings=nlp.vocab.strings, data=learnt.table)
    for row, word in enumerate(learnt.words):
        for form in learnt.spellings[word] | {word, word.capitalize(), word.upper()}:
            table.add(form, row=row)
    nlp.vocab.vectors = table
