"""Training a NER model on a slice of KIND and merging it into the pipeline's mentions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import fix_random_seed
from thinc.api import Model
from typer.testing import CliRunner

from newsgraph import annotate, kb
from newsgraph.annotate.ner_model import (
    CLASS_ATTR,
    DEFAULT_LABELS,
    KB_COMPONENT,
    NAME,
    RULE,
    NerModel,
    add_to,
    load_model,
)
from newsgraph.cli import app
from newsgraph.config import NER_MODEL_ENV, Settings
from newsgraph.eval import conll
from newsgraph.pipeline import Pipeline
from newsgraph.train import features, iob, pretrain, vectors
from newsgraph.train.ner import (
    META_KEY,
    NerTrainConfig,
    blank_ner,
    encoder,
    examples,
    train,
)

TRAIN_SENTENCES = 300


def _slice(source: Path, target: Path, sentences: int) -> Path:
    blocks = source.read_text(encoding="utf-8").split("\n\n")[:sentences]
    target.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def kind_slice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = Path(__file__).resolve().parent.parent.parent / "shared/data/kind/WN_train.tsv"
    if not source.is_file():
        pytest.skip("../shared/data/kind is not beside the repository")
    return _slice(source, tmp_path_factory.mktemp("kind") / "slice.tsv", TRAIN_SENTENCES)


@pytest.fixture(scope="module")
def trained(kind_slice: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A model trained through the CLI (3 epochs on the slice, dev = the slice), on the
    text alone (so that it runs without the KB too)."""
    out = tmp_path_factory.mktemp("model") / "ner"
    result = CliRunner().invoke(
        app,
        [
            "train",
            "ner",
            "--conll",
            str(kind_slice),
            "--dev",
            str(kind_slice),
            "--out",
            str(out),
            "--epochs",
            "3",
            "--width",
            "64",
            "--no-rule-features",
        ],
    )
    assert result.exit_code == 0, result.output
    return out, result.output


def test_cli_trains_and_saves_the_best_epoch(trained: tuple[Path, str]) -> None:
    out, output = trained
    assert "epoch  1" in output and "epoch  3" in output and "saved to" in output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    info = meta[META_KEY]
    assert info["trained_on"] == "slice.tsv" and info["epoch"] in (1, 2, 3)
    assert set(info["dev_per_type"]) <= {"PER", "LOC", "ORG"}
    assert info["config"]["rule_features"] is False
    assert load_model(str(out)).pipe_names == ["ner"]


def test_training_is_reproducible(kind_slice: Path, tmp_path: Path) -> None:
    small = _slice(kind_slice, tmp_path / "small.tsv", 60)
    config = NerTrainConfig(epochs=1, width=32, depth=2, rule_features=True)
    first = train(small, tmp_path / "a", small, config)
    second = train(small, tmp_path / "b", small, config)
    assert (first.loss, first.f1) == (second.loss, second.f1)
    a = (tmp_path / "a" / "ner" / "model").read_bytes()
    assert a == (tmp_path / "b" / "ner" / "model").read_bytes()
    # The rules' mentions are features: the model embeds them and reads them at run time.
    model = load_model(str(tmp_path / "a"))
    assert features.ATTR in model.config["components"]["ner"]["model"]["tok2vec"]["embed"]["attrs"]
    assert NerModel("it", model, DEFAULT_LABELS, kb.KB([])).rule_features


def test_training_examples_follow_the_pipeline_tokenizer(kind_slice: Path) -> None:
    sents = iob.read(kind_slice)[:50]
    nlp = annotate.build_nlp("it", ())
    for sent, example in zip(sents, examples(nlp, sents), strict=True):
        assert example.predicted.text == sent.text
        gold = [(e.start_char, e.end_char, e.label_) for e in example.reference.ents]
        assert gold == sent.char_spans()


#: What the stand-in gazetteer finds: text, occurrence, label, KB id ("" for a guess from
#: the rules), confidence.
STAND_IN = [
    ("Pisa", 0, "LOCATION", "place/pisa", 0.5),
    ("Mario", 0, "PERSON", "", 0.9),
    ("Pisa", 1, "LOCATION", "place/pisa", 0.5),
    ("Lucca", 0, "LOCATION", "", 0.9),
    ("Siena", 0, "LOCATION", "", 0.5),
]
TEXT = "L'Università di Pisa ospita Mario Rossi a Pisa, Lucca e Siena."
#: What the stand-in model finds.
MODEL = [
    ("Università di Pisa", 0, "ORG"),
    ("Mario Rossi", 0, "PER"),
    ("Pisa", 1, "ORG"),
    ("Lucca", 0, "ORG"),
]


def _span(doc: Doc, text: str, nth: int, label: str, kb_id: str = "") -> Span:
    at = -1
    for _ in range(nth + 1):
        at = doc.text.index(text, at + 1)
    span = doc.char_span(at, at + len(text), label=label, kb_id=kb_id)
    assert span is not None
    return span


@Language.factory("test_ner_kb_stand_in")
def _kb_stand_in(nlp: Language, name: str):
    """Marks mentions as the KB gazetteer and its rules would."""

    def mark(doc: Doc) -> Doc:
        if doc.text == TEXT:
            doc.ents = [_span(doc, *found[:4]) for found in STAND_IN]
            for ent, found in zip(doc.ents, STAND_IN, strict=True):
                ent._.confidence = found[4]
        return doc

    return mark


def test_merge_keeps_kb_mentions_and_replaces_guesses(trained: tuple[Path, str]) -> None:
    out, _ = trained
    nlp = annotate.build_nlp("it", ("newsgraph_sentences", "test_ner_kb_stand_in"))
    known = kb.KB([kb.Entry(id="place/pisa", name="Pisa", type="LOCATION")])
    component = NerModel("it", load_model(str(out)), DEFAULT_LABELS, known)
    component.rule_features = False  # a model that never saw the KB weighs it
    component.confidence = {"LOCATION": 0.8, "PERSON": 0.8, "ORGANIZATION": 0.8}
    component.predict = lambda d: [  # type: ignore[method-assign]
        _span(d, text, nth, DEFAULT_LABELS[label]) for text, nth, label in MODEL
    ]
    doc = component(nlp(TEXT))
    assert [(e.text, e.label_, e.kb_id_, e._.rule) for e in doc.ents] == [
        # The longer name holds the KB mention.
        ("Università di Pisa", "ORGANIZATION", "", RULE),
        # The model's name replaces a guess from capitalisation.
        ("Mario Rossi", "PERSON", "", RULE),
        # A KB mention wins over a model span of the same words.
        ("Pisa", "LOCATION", "place/pisa", ""),
        # A guess surer than the model (0.9 > 0.8) stays, and wins over the model's
        # span; a weaker one ("Siena", 0.5) gives way to the model, which saw no name.
        ("Lucca", "LOCATION", "", ""),
    ]
    assert doc.ents[2]._.confidence == 0.5 and doc.ents[1]._.confidence == 0.8


#: What a stand-in KB and rules find for the judged merge: text, occurrence, label, KB id.
JUDGED_TEXT = (
    "La Russia accusa Human Rights Watch, Mario Rossi e la polizia di Pisa; "
    "ne parla Luca Bianchi a Siena con l'Occidente."
)
JUDGED_KNOWN = [
    ("Russia", 0, "COUNTRY", "country/RU"),  # the model: an organisation acting
    ("Human Rights", 0, "PERSON", ""),  # a guess inside the model's longer name
    ("Mario Rossi", 0, "ORGANIZATION", ""),  # a guess of another class than the model's
    ("polizia", 0, "ORGANIZATION", ""),  # a description: not the model's to judge
    ("Pisa", 0, "LOCATION", "place/pisa"),  # same words, same class
    ("Luca Bianchi", 0, "PERSON", ""),  # a name the model did not keep
    ("Siena", 0, "LOCATION", ""),  # a name the model did not keep
    ("Occidente", 0, "GROUP", ""),  # a collective actor: no class of the model's
]
JUDGED_MODEL = [
    ("Russia", 0, "ORG"),
    ("Human Rights Watch", 0, "ORG"),
    ("Mario Rossi", 0, "PER"),
    ("Pisa", 0, "LOC"),
]


@Language.factory("test_ner_judged_stand_in")
def _judged_stand_in(nlp: Language, name: str):
    def mark(doc: Doc) -> Doc:
        doc.ents = [_span(doc, *found) for found in JUDGED_KNOWN]
        for ent in doc.ents:
            ent._.confidence = 0.9
        return doc

    return mark


def test_a_model_that_saw_the_rules_decides_the_names(trained: tuple[Path, str]) -> None:
    out, _ = trained
    nlp = annotate.build_nlp("it", ("newsgraph_sentences", "test_ner_judged_stand_in"))
    known = kb.KB(
        [
            kb.Entry(id="place/pisa", name="Pisa", type="LOCATION"),
            kb.Entry(id="country/RU", name="Russia", type="COUNTRY", country="RU"),
        ]
    )
    component = NerModel("it", load_model(str(out)), DEFAULT_LABELS, known)
    component.rule_features = True  # as for a model trained on the rules' mentions
    component.predict = lambda d: [  # type: ignore[method-assign]
        _span(d, text, nth, DEFAULT_LABELS[label]) for text, nth, label in JUDGED_MODEL
    ]
    doc = component(nlp(JUDGED_TEXT))
    found = [(e.text, e.label_, e.kb_id_, (e._.attrs or {}).get(CLASS_ATTR)) for e in doc.ents]
    assert found == [
        # The KB mention stays, linked, with the class the model saw in context.
        ("Russia", "COUNTRY", "country/RU", "ORGANIZATION"),
        ("Human Rights Watch", "ORGANIZATION", "", None),
        # The model's class replaces a guess of another one.
        ("Mario Rossi", "PERSON", "", None),
        ("polizia", "ORGANIZATION", "", None),
        ("Pisa", "LOCATION", "place/pisa", "LOCATION"),
        ("Occidente", "GROUP", "", None),
    ]


def test_rule_features_tag_the_tokens_of_mentions(kind_slice: Path) -> None:
    doc = annotate.build_nlp("it", features.COMPONENTS)(
        "Il portavoce Mario Rossi è arrivato a Roma."
    )
    tags = dict(zip([t.text for t in doc], features.token_tags(doc), strict=True))
    assert (tags["Mario"], tags["Rossi"], tags["Roma"]) == (
        "B-PERSON-cue",
        "I-PERSON-cue",
        "B-LOCATION-kb",
    )
    assert tags["portavoce"] == features.OUTSIDE
    sents = iob.read(kind_slice)[:40]
    found = features.sentence_tags(sents, "it")
    nlp = annotate.build_nlp("it", ())
    tagged = examples(nlp, sents, found)
    for sent, by_offset, example in zip(sents, found, tagged, strict=True):
        for token in example.predicted:
            assert token.tag_ == by_offset.get(token.idx, features.OUTSIDE)
            if token.tag_.startswith("B-"):
                assert sent.text[token.idx :].startswith(token.text)
    assert any(found)
    assert all(ex.predicted.text == s.text for s, ex in zip(sents, tagged, strict=True))


def test_model_runs_right_after_the_kb_gazetteer(trained: tuple[Path, str]) -> None:
    out, _ = trained
    nlp = spacy.blank("it")
    nlp.add_pipe("test_ner_kb_stand_in", name=KB_COMPONENT)
    nlp.add_pipe("newsgraph_sentences")
    add_to(nlp, str(out))
    assert nlp.pipe_names == [KB_COMPONENT, NAME, "newsgraph_sentences"]


def test_model_mentions_are_linked_and_typed_by_the_kb(trained: tuple[Path, str]) -> None:
    out, _ = trained
    known = kb.KB([kb.Entry(id="country/IR", name="Iran", type="COUNTRY", country="IR")])
    component = NerModel("it", load_model(str(out)), DEFAULT_LABELS, known)
    doc = annotate.build_nlp("it", ("newsgraph_sentences",))("Iran e Iran.")
    spans = [Span(doc, 0, 1, label="LOCATION"), Span(doc, 2, 3, label="PERSON")]
    component.predict = lambda d: spans  # type: ignore[method-assign]
    doc = component(doc)
    assert [(e.label_, e.kb_id_) for e in doc.ents] == [
        ("COUNTRY", "country/IR"),
        ("PERSON", ""),  # a person is never linked to a country
    ]
    assert doc._.entities["country/IR"].name == "Iran"


def test_a_person_is_linked_without_the_title_before_the_name(
    trained: tuple[Path, str],
) -> None:
    out, _ = trained
    known = kb.KB([kb.Entry(id="person/ali-khamenei", name="Ali Khamenei", type="PERSON")])
    component = NerModel("it", load_model(str(out)), DEFAULT_LABELS, known)
    doc = annotate.build_nlp("it", ("newsgraph_sentences",))("Parla l'Ayatollah Ali Khamenei.")
    span = doc.char_span(doc.text.index("Ayatollah"), len(doc.text) - 1, label="PERSON")
    assert span is not None
    component.predict = lambda d: [span]  # type: ignore[method-assign]
    doc = component(doc)
    assert [(e.text, e.kb_id_) for e in doc.ents] == [
        ("Ayatollah Ali Khamenei", "person/ali-khamenei")
    ]


def test_pipeline_with_the_model(trained: tuple[Path, str], kind_slice: Path) -> None:
    out, _ = trained
    # The model alone (no KB gazetteer), so that every mention is the model's.
    settings = Settings(components=("newsgraph_sentences",), ner_model=str(out))
    nlp = annotate.build_nlp("it", settings.components, settings.ner_model)
    assert nlp.pipe_names == ["newsgraph_sentences", "newsgraph_ner_model"]
    report = conll.evaluate(kind_slice, settings)
    ner = report["layers"]["ner"]
    assert ner["ner_model"] == str(out) and ner["tp"] > 0
    rules = {h["rule"] for h in report["false_hits"]}
    assert rules <= {RULE}
    labels = {h["label"] for h in report["false_hits"]}
    assert labels <= {"PERSON", "LOCATION", "ORGANIZATION", "COUNTRY", "GROUP"}
    text = "\n".join(s.text for s in iob.read(kind_slice)[:40])
    result = Pipeline(settings).process_text(text, language="it")
    assert result.mentions and {m.rule for m in result.mentions} == {RULE}
    assert all(0 < m.confidence <= 1 for m in result.mentions)
    assert all(result.article.text[m.start : m.end] == m.text for m in result.mentions)


def test_model_of_another_language_stays_silent(trained: tuple[Path, str]) -> None:
    out, _ = trained
    settings = Settings(components=("newsgraph_sentences",), ner_model=str(out))
    result = Pipeline(settings).process_text(
        "President Vladimir Putin met Masoud Pezeshkian in Moscow.", language="en"
    )
    assert result.mentions == []


def test_word_vectors_from_unlabelled_text(kind_slice: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    texts = [s.text for s in iob.read(kind_slice)]
    corpus.write_text("\n".join(json.dumps({"text": t}) for t in texts) + "\n", "utf-8")
    assert list(vectors.read_texts(corpus)) == texts
    nlp = annotate.build_nlp("it", ())
    learnt = vectors.learn(nlp, texts, dim=16, min_count=2)
    assert learnt.table.shape == (len(learnt.words), 16) and "il" in learnt.words
    assert abs(float((learnt.table**2).sum(axis=1).mean()) - 1.0) < 1e-4
    assert {"il", "Il"} <= learnt.spellings["il"]

    small = _slice(kind_slice, tmp_path / "small.tsv", 60)
    config = NerTrainConfig(epochs=1, width=32, depth=2, vector_dim=16)
    train(small, tmp_path / "m", None, config, unlabelled=[corpus])
    model = load_model(str(tmp_path / "m"))
    assert model.vocab.vectors.shape[1] == 16
    # Looked up by the lower-cased form, so a capitalised word finds its vector.
    il, cap, upper = model.make_doc("il Il IL")
    assert il.has_vector and (il.vector == cap.vector).all() and (il.vector == upper.vector).all()


def test_pretraining_teaches_the_encoder_to_fill_in_hidden_words(
    kind_slice: Path, tmp_path: Path
) -> None:
    texts = [s.text for s in iob.read(kind_slice)]
    config = NerTrainConfig(width=32, depth=2)
    nlp = blank_ner(config)
    nlp.initialize(lambda: examples(nlp, iob.read(kind_slice)[:20]))
    before = [p.copy() for p in _params(encoder(nlp))]
    fix_random_seed(0)
    history = pretrain.pretrain(nlp, encoder(nlp), lambda: texts, 3, "characters")
    assert [h.words for h in history] == [history[0].words] * 3 and history[0].words > 5000
    assert history[-1].loss < history[0].loss
    # In place: the encoder the NER component fine-tunes is the one pretrained.
    assert any((a != b).any() for a, b in zip(before, _params(encoder(nlp)), strict=True))
    with pytest.raises(ValueError, match="word vectors"):
        pretrain.pretrain(nlp, encoder(nlp), lambda: texts, 1, "vectors")

    corpus = tmp_path / "news.txt"
    corpus.write_text("\n".join(texts) + "\n", "utf-8")
    small = _slice(kind_slice, tmp_path / "small.tsv", 60)
    seen: list[pretrain.PretrainEpoch] = []
    config = NerTrainConfig(epochs=1, width=32, depth=2, vector_dim=16, pretrain_epochs=1)
    train(small, tmp_path / "m", None, config, unlabelled=[corpus], report_pretrain=seen.append)
    # The vectors objective found its targets: a word's vector, looked up by the word.
    assert len(seen) == 1 and seen[0].words > 5000 and seen[0].loss > 0
    assert load_model(str(tmp_path / "m")).vocab.vectors.shape[1] == 16
    with pytest.raises(ValueError, match="unlabelled"):
        train(small, tmp_path / "m2", None, config)


def _params(model: Model) -> list:
    return [node.get_param(name) for node in model.walk() for name in node.param_names]


def test_eval_command_takes_the_model(
    trained: tuple[Path, str], kind_slice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, _ = trained
    gold = _slice(kind_slice, tmp_path / "gold.tsv", 60)
    monkeypatch.setenv(NER_MODEL_ENV, "")  # restored after the test: the command sets it
    result = CliRunner().invoke(
        app, ["eval", str(gold), "--format", "conll", "--ner-model", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    ner = json.loads(result.stdout)["layers"]["ner"]
    assert ner["ner_model"] == str(out.resolve()) and ner["tp"] > 0
