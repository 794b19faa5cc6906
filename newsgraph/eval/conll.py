"""The ``conll`` format: IOB2 token files (PER, LOC, ORG), scored on exact spans.

The pipeline reads text, so the gold sentences are detokenized (each token keeps its
character offsets), laid out one sentence per line as articles, and annotated with the
configured pipeline (the KB and rules, plus a trained model when ``Settings.ner_model``
names one). Files such as KIND do not mark articles; a sentence without final
punctuation is taken as a title that starts a new one, which gives the components
the article context they are built for (short forms of names seen earlier, for example).
Each sentence is a title or body line for the components, so cleaning is not run.

Predicted mentions count when their characters cover exactly a gold span's tokens, with
newsgraph's types folded onto the gold's: PERSON → PER; COUNTRY, LOCATION → LOC;
ORGANIZATION → ORG. A mention a trained model judged is scored by the class the model
gave it in context (``attrs["ner"]``: "la Russia accusa" names the country, acting as
an organisation). MATERIEL, AGREEMENT and GROUP mentions are not scored (KIND-style
schemes have no class for groups of states or peoples: on KIND's WN_train, each of the 23
mentions the rules type GROUP, "l'Occidente", "i curdi", "la comunità internazionale", is
unannotated), nor are mentions of a country through its adjective ("iraniano":
``attrs["form"] == "adjective"``), nor institutions described by common nouns ("le
autorità tedesche": ``attrs["form"] == "description"``), which newsgraph keeps for the
actors but which are not names, and not annotated as such in CoNLL-style NER.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from newsgraph import annotate, language
from newsgraph.annotate.ner_model import CLASS_ATTR
from newsgraph.config import Settings
from newsgraph.eval.errors import EvalError
from newsgraph.eval.metrics import LayerScore
from newsgraph.train import iob

GOLD_TYPE = {
    "PERSON": "PER",
    "COUNTRY": "LOC",
    "LOCATION": "LOC",
    "ORGANIZATION": "ORG",
    # A raw model's own labels, for pipelines that put them in doc.ents unmapped.
    "PER": "PER",
    "LOC": "LOC",
    "ORG": "ORG",
}
#: ``attrs["form"]`` of mentions that are not names: a country's adjective, an
#: institution's description.
NOT_NAMES = frozenset({"adjective", "description"})
#: Characters of the span kept either side of it in a miss or false hit.
CONTEXT = 40

Key = tuple[int, int, str]  # (start char in the article text, end char, gold type)


def _detect_language(sentences: list[iob.TaggedSentence], settings: Settings) -> str:
    sample = "\n".join(s.text for s in sentences[:200])
    lang, _ = language.detect(sample, settings.languages)
    return lang or settings.default_language


def evaluate(path: Path, settings: Settings | None = None) -> dict[str, Any]:
    settings = settings or Settings()
    try:
        sentences = iob.read(path)
    except iob.IOBError as exc:
        raise EvalError(str(exc)) from exc
    lang = _detect_language(sentences, settings)
    nlp = annotate.build_nlp(lang, settings.components, settings.ner_model, settings.kb_files)
    per_type: dict[str, LayerScore] = {t: LayerScore() for t in sorted(set(GOLD_TYPE.values()))}
    untyped = LayerScore()
    for members in iob.articles(sentences):
        article, zones, starts = iob.as_article(sentences, members, lang)
        doc = annotate.annotate(nlp, article, zones)
        gold = _gold(sentences, members, starts)
        predicted = _predicted(doc, sentences, members, starts)
        _count(article.text, gold, predicted, per_type)
        _count(article.text, _untyped(gold), _untyped(predicted), {"": untyped})
    total = LayerScore()
    for score in per_type.values():
        total.add(score)
    layer = total.report()
    unlabelled = untyped.report()
    layer["per_type"] = {t: s.report() for t, s in per_type.items()}
    layer["unlabelled"] = {k: unlabelled[k] for k in ("precision", "recall", "f1")}
    layer["sentences"] = len(sentences)
    layer["language"] = lang
    layer["ner_model"] = settings.ner_model
    return {"layers": {"ner": layer}, "misses": total.misses, "false_hits": total.false_hits}


def _gold(
    sentences: list[iob.TaggedSentence], members: list[int], starts: list[int]
) -> dict[Key, dict[str, Any]]:
    gold = {}
    for i, start in zip(members, starts, strict=True):
        for a, b, label in sentences[i].char_spans():
            gold[(start + a, start + b, label)] = {"sentence": i, "line": sentences[i].line}
    return gold


def _predicted(
    doc: Doc, sentences: list[iob.TaggedSentence], members: list[int], starts: list[int]
) -> dict[Key, dict[str, Any]]:
    """The scored mentions of an article, with the gold type their type folds to."""
    predicted = {}
    for ent in doc.ents:
        folded = GOLD_TYPE.get((ent._.attrs or {}).get(CLASS_ATTR) or ent.label_)
        if folded is None or (ent._.attrs or {}).get("form") in NOT_NAMES:
            continue
        i = members[bisect_right(starts, ent.start_char) - 1]
        info = {"sentence": i, "line": sentences[i].line, "label": ent.label_, "rule": ent._.rule}
        predicted[(ent.start_char, ent.end_char, folded)] = info
    return predicted


def _untyped(spans: dict[Key, dict[str, Any]]) -> dict[Key, dict[str, Any]]:
    return {(a, b, ""): info for (a, b, _), info in spans.items()}


def _count(
    text: str,
    gold: dict[Key, dict[str, Any]],
    predicted: dict[Key, dict[str, Any]],
    scores: dict[str, LayerScore],
) -> None:
    for key in gold.keys() & predicted.keys():
        scores[key[2]].tp += 1
    for key in sorted(gold.keys() - predicted.keys()):
        scores[key[2]].fn += 1
        scores[key[2]].misses.append(_describe(text, key, gold[key]))
    for key in sorted(predicted.keys() - gold.keys()):
        scores[key[2]].fp += 1
        scores[key[2]].false_hits.append(_describe(text, key, predicted[key]))


def _describe(text: str, key: Key, info: dict[str, Any]) -> dict[str, Any]:
    a, b, label = key
    left = text[max(0, a - CONTEXT) : a].rsplit("\n", 1)[-1]
    right = text[b : b + CONTEXT].split("\n", 1)[0]
    return {"text": text[a:b], "type": label, **info, "context": f"{left}[{text[a:b]}]{right}"}
