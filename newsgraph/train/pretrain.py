"""Pretrain the NER model's token encoder on unlabelled news before it learns names.

A CNN that learns its word representations from a few thousand annotated sentences
only knows the contexts those sentences show. No pretrained encoder can be downloaded,
but the user's own unlabelled news can teach it first: spaCy's cloze objectives hide
15% of the tokens and train the encoder to tell, from the words around, what was hidden
(its word vector, or its first and last characters). That is the ``spacy pretrain``
method; here it runs in the training process, on the encoder the ``ner`` component will
then fine-tune, so the two never disagree on its shape or token features.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy
import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.ml.models.multi_task import get_characters_loss
from spacy.tokens import Doc
from spacy.training.batchers import minibatch_by_words
from thinc.api import Adam, CosineDistance, Model, set_dropout_rate

#: Objectives by name: what the encoder learns to predict for a hidden token.
OBJECTIVES = ("vectors", "characters")
#: Characters predicted from each end of a hidden word by the characters objective.
N_CHARACTERS = 4
_COSINE = CosineDistance(normalize=True, ignore_zeros=True)


@dataclass
class PretrainEpoch:
    epoch: int
    loss: float
    words: int
    seconds: float


def _cloze_model(nlp: Language, encoder: Model, objective: str) -> tuple[Model, Callable]:
    """The encoder with a cloze output layer on top, and the loss of its predictions."""
    if objective == "vectors":
        if not nlp.vocab.vectors.shape[1]:
            raise ValueError("the vectors objective needs word vectors (give unlabelled text)")
        make = spacy.registry.architectures.get("spacy.PretrainVectors.v1")
        create = make(maxout_pieces=3, hidden_size=300, loss="cosine")
        return create(nlp.vocab, encoder), _vectors_loss
    if objective == "characters":
        make = spacy.registry.architectures.get("spacy.PretrainCharacters.v1")
        create = make(maxout_pieces=3, hidden_size=300, n_characters=N_CHARACTERS)
        return create(nlp.vocab, encoder), lambda ops, docs, pred: get_characters_loss(
            ops, docs, pred, N_CHARACTERS
        )
    raise ValueError(f"unknown pretraining objective {objective!r} (one of {OBJECTIVES})")


def _vectors_loss(ops: Any, docs: list[Doc], prediction: Any) -> tuple[float, Any]:
    """Cosine distance to each word's vector, looked up by the word (spaCy's own loss looks
    it up by the lexeme's rank, which words seen before the vectors were made lack)."""
    table = docs[0].vocab.vectors
    rows = table.find(keys=numpy.concatenate([doc.to_array(ORTH) for doc in docs]))
    target = table.data[rows]
    target[rows < 0] = 0  # no vector: ignored by the distance
    gradient, loss = _COSINE(prediction, ops.asarray(target))
    return float(loss), gradient


def _docs(nlp: Language, texts: Iterable[str], max_tokens: int) -> Iterator[Doc]:
    """Each text as docs of at most ``max_tokens`` tokens (the encoder is local: cutting
    a long article changes only the few words at each cut)."""
    for doc in map(nlp.make_doc, texts):
        for start in range(0, len(doc), max_tokens):
            piece = doc[start : start + max_tokens]
            if len(piece) >= 5:
                yield piece.as_doc()


def pretrain(
    nlp: Language,
    encoder: Model,
    texts: Callable[[], Iterable[str]],
    epochs: int,
    objective: str = "vectors",
    learn_rate: float = 0.001,
    dropout: float = 0.2,
    batch_words: int = 3000,
    report: Callable[[PretrainEpoch], None] | None = None,
) -> list[PretrainEpoch]:
    """Train ``encoder`` (already initialised, e.g. the ``ner`` component's ``tok2vec``)
    in place for ``epochs`` passes over ``texts()`` with the cloze ``objective``."""
    model, loss_of = _cloze_model(nlp, encoder, objective)
    # Only the new layer: initialising the whole model would re-initialise the encoder.
    sample = [nlp.make_doc("Una frase per dare forma al nuovo strato.")]
    model.get_ref("output_layer").initialize(X=encoder.predict(sample))
    set_dropout_rate(model, dropout)
    optimizer = Adam(learn_rate=learn_rate, L2=0.01, grad_clip=1.0)
    history = []
    for epoch in range(1, epochs + 1):
        started, total, words = time.perf_counter(), 0.0, 0
        for batch in minibatch_by_words(_docs(nlp, texts(), 500), size=batch_words):
            predictions, backprop = model.begin_update(batch)
            loss, gradients = loss_of(model.ops, batch, predictions)
            backprop(gradients)  # the cloze layer zeroes the gradient of unhidden tokens
            model.finish_update(optimizer)
            total += float(loss)
            words += sum(len(d) for d in batch)
        done = PretrainEpoch(epoch, total, words, time.perf_counter() - started)
        history.append(done)
        if report:
            report(done)
    return history
