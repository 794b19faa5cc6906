"""Train a spaCy NER model from IOB2 files, on CPU, reproducibly.

The model is a blank pipeline of the language with one ``ner`` component whose own
``tok2vec`` embeds each token from hashed features of its normalised form, prefix,
suffix and shape, then mixes context with a CNN. No pretrained vectors can be downloaded;
given unlabelled news, word vectors are learnt from it here (:mod:`.vectors`) and added
to the token features. With ``rule_features`` (the CLI's default) the mentions the KB
and the rules find are token features too (:mod:`.features`): the model learns when to
trust them, and the pipeline lets it decide the names. The tokenizer is the one the
newsgraph pipeline uses for that language, and each training sentence is re-tokenized
from its detokenized text: the model learns on the tokens it will see at run time, and
spaCy's alignment carries the gold spans over.

Training is seeded (parameters and shuffling), uses parameter averaging, scores the dev
file after every epoch and keeps the epoch with the best dev F1, which is what is saved.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from itertools import chain, repeat
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import compounding, fix_random_seed, minibatch
from thinc.api import Adam

from newsgraph.train import features, iob, pretrain, vectors

#: Key under ``nlp.meta`` where a trained model records how it was made.
META_KEY = "newsgraph"


@dataclass(frozen=True)
class NerTrainConfig:
    lang: str = "it"
    epochs: int = 12
    #: Stop when this many epochs in a row did not improve the dev F1.
    patience: int = 4
    seed: int = 0
    dropout: float = 0.3
    learn_rate: float = 0.001
    width: int = 128
    depth: int = 4
    #: Tokens on each side each CNN layer looks at (context grows by this per layer; 2
    #: scored better than 1 on KIND, where a name's class often shows some words away).
    window: int = 2
    #: Hash-embedding rows for NORM, PREFIX, SUFFIX and SHAPE.
    rows: tuple[int, int, int, int] = (5000, 1000, 2500, 2500)
    hidden_width: int = 64
    batch_start: float = 16.0
    batch_stop: float = 128.0
    #: Width of the word vectors learnt from unlabelled text (when some is given).
    vector_dim: int = 100
    #: Whether the KB's and the rules' mentions are token features (:mod:`.features`).
    rule_features: bool = False
    #: Hash-embedding rows for those features (a few dozen distinct tags).
    feature_rows: int = 200
    #: Passes of cloze pretraining of the encoder over the unlabelled text (:mod:`.pretrain`).
    pretrain_epochs: int = 0
    #: What the encoder learns to predict for a hidden word (see ``pretrain.OBJECTIVES``).
    pretrain_objective: str = "vectors"


@dataclass
class EpochScore:
    epoch: int
    loss: float
    precision: float
    recall: float
    f1: float
    per_type: dict[str, dict[str, float]]
    seconds: float


def blank_ner(config: NerTrainConfig, static_vectors: bool = False) -> Language:
    """An untrained pipeline: the language's tokenizer and a CNN-based ``ner``, whose
    token features include the vocabulary's word vectors if ``static_vectors``, and the
    rules' mentions if ``config.rule_features``."""
    attrs, rows = ["NORM", "PREFIX", "SUFFIX", "SHAPE"], list(config.rows)
    if config.rule_features:
        attrs.append(features.ATTR)
        rows.append(config.feature_rows)
    nlp = spacy.blank(config.lang)
    nlp.add_pipe(
        "ner",
        config={
            "model": {
                "@architectures": "spacy.TransitionBasedParser.v2",
                "state_type": "ner",
                "extra_state_tokens": False,
                "hidden_width": config.hidden_width,
                "maxout_pieces": 2,
                "use_upper": True,
                "tok2vec": {
                    "@architectures": "spacy.Tok2Vec.v2",
                    "embed": {
                        "@architectures": "spacy.MultiHashEmbed.v2",
                        "width": config.width,
                        "attrs": attrs,
                        "rows": rows,
                        "include_static_vectors": static_vectors,
                    },
                    "encode": {
                        "@architectures": "spacy.MaxoutWindowEncoder.v2",
                        "width": config.width,
                        "depth": config.depth,
                        "window_size": config.window,
                        "maxout_pieces": 3,
                    },
                },
            }
        },
    )
    return nlp


def encoder(nlp: Language) -> Any:
    """The ``ner`` component's token encoder: embeddings and CNN, before the layer that
    projects its vectors for the transition model."""
    ner: Any = nlp.get_pipe("ner")
    return ner.model.get_ref("tok2vec").layers[0]


def examples(
    nlp: Language,
    sentences: Iterable[iob.TaggedSentence],
    tags: Iterable[dict[int, str]] | None = None,
) -> list[Example]:
    """Training examples: the pipeline's tokens of each sentence, aligned to the gold
    tokens and their IOB tags, and given the rules' tags (by offset) if ``tags``."""
    out = []
    for s, found in zip(sentences, tags or repeat({}), strict=False):
        spaces = iob.spaces_after(s.tokens)
        reference = Doc(nlp.vocab, words=s.tokens, spaces=spaces, ents=s.strict_tags())
        predicted = nlp.make_doc(reference.text)
        if tags is not None:
            for token in predicted:
                token.tag_ = found.get(token.idx, features.OUTSIDE)
        out.append(Example(predicted, reference))
    return out


def _score(nlp: Language, dev: list[Example]) -> tuple[float, float, float, dict[str, Any]]:
    scores = nlp.evaluate(dev)
    per_type = {
        label: {k: round(v, 4) for k, v in s.items()}
        for label, s in (scores.get("ents_per_type") or {}).items()
    }
    return (
        float(scores.get("ents_p") or 0.0),
        float(scores.get("ents_r") or 0.0),
        float(scores.get("ents_f") or 0.0),
        per_type,
    )


def _untrained(
    config: NerTrainConfig, sentences: list[iob.TaggedSentence], unlabelled: list[Path]
) -> Language:
    nlp = blank_ner(config, static_vectors=bool(unlabelled))
    if unlabelled:
        texts = chain((s.text for s in sentences), *(vectors.read_texts(p) for p in unlabelled))
        vectors.install(nlp, vectors.learn(nlp, texts, dim=config.vector_dim, seed=config.seed))
    return nlp


def _tags(
    config: NerTrainConfig, sentences: list[iob.TaggedSentence]
) -> list[dict[int, str]] | None:
    return features.sentence_tags(sentences, config.lang) if config.rule_features else None


def train(
    train_file: Path,
    out_dir: Path,
    dev_file: Path | None = None,
    config: NerTrainConfig | None = None,
    report: Callable[[EpochScore], None] | None = None,
    unlabelled: Iterable[Path] = (),
    report_pretrain: Callable[[pretrain.PretrainEpoch], None] | None = None,
) -> EpochScore:
    """Train on ``train_file`` and save the best epoch to ``out_dir``; returns its score.

    With ``unlabelled`` text files (JSONL or plain text), word vectors are learnt from
    them and the training sentences and used as token features; with
    ``config.pretrain_epochs`` the encoder is first pretrained on them.
    Without a dev file the last epoch is kept and scored on the training data (which
    says only that training converged)."""
    config = config or NerTrainConfig()
    fix_random_seed(config.seed)
    shuffle = random.Random(config.seed)
    sentences = iob.read(train_file)
    if not sentences:
        raise iob.IOBError(f"{train_file} has no sentences")
    unlabelled = list(unlabelled)
    if config.pretrain_epochs and not unlabelled:
        raise ValueError("pretraining needs unlabelled text")
    if config.pretrain_objective not in pretrain.OBJECTIVES:
        raise ValueError(f"pretraining objective must be one of {pretrain.OBJECTIVES}")
    nlp = _untrained(config, sentences, unlabelled)
    dev_sentences = iob.read(dev_file) if dev_file else []
    train_examples = examples(nlp, sentences, _tags(config, sentences))
    dev_examples = (
        examples(nlp, dev_sentences, _tags(config, dev_sentences)) if dev_file else train_examples
    )
    optimizer = Adam(learn_rate=config.learn_rate, L2=0.01, grad_clip=1.0, use_averages=True)
    nlp.initialize(lambda: train_examples, sgd=optimizer)
    if config.pretrain_epochs:
        pretrain.pretrain(
            nlp,
            encoder(nlp),
            lambda: chain(*(vectors.read_texts(p) for p in unlabelled)),
            config.pretrain_epochs,
            config.pretrain_objective,
            report=report_pretrain,
        )
    best: EpochScore | None = None
    stale = 0
    for epoch in range(1, config.epochs + 1):
        started = time.perf_counter()
        order = list(train_examples)
        shuffle.shuffle(order)
        losses: dict[str, float] = {}
        sizes = compounding(config.batch_start, config.batch_stop, 1.001)
        for batch in minibatch(order, size=sizes):
            nlp.update(batch, drop=config.dropout, sgd=optimizer, losses=losses)
        with nlp.use_params(optimizer.averages):
            p, r, f, per_type = _score(nlp, dev_examples)
            score = EpochScore(
                epoch, losses.get("ner", 0.0), p, r, f, per_type, time.perf_counter() - started
            )
            if report:
                report(score)
            if best is None or score.f1 > best.f1 or not dev_file:
                best, stale = score, 0
                _save(nlp, out_dir, config, train_file, dev_file, score)
            else:
                stale += 1
        if dev_file and stale >= config.patience:
            break
    assert best is not None
    return best


def _save(
    nlp: Language,
    out_dir: Path,
    config: NerTrainConfig,
    train_file: Path,
    dev_file: Path | None,
    score: EpochScore,
) -> None:
    nlp.meta["name"] = "newsgraph_ner"
    nlp.meta[META_KEY] = {
        "trained_on": train_file.name,
        "word_vectors": len(nlp.vocab.vectors),
        "dev": dev_file.name if dev_file else None,
        "epoch": score.epoch,
        "dev_scores": {"precision": score.precision, "recall": score.recall, "f1": score.f1},
        # Per-label precision on held-out data: what the component reports as confidence.
        "dev_per_type": score.per_type if dev_file else {},
        "config": asdict(config),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out_dir)
