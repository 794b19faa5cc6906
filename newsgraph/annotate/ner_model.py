"""A locally trained NER model (``newsgraph train ner``) as a pipeline component.

The model runs on every content sentence (title, body, subheading, caption) and its spans
are merged into ``doc.ents`` (see :meth:`NerModel.merge`): a mention of a KB entry wins
where the two overlap, since it comes linked, typed finely (COUNTRY, GROUP…) and checked
by hand-written data, unless the model found a longer name around it; the model adds the
names the KB has never heard of, and replaces the rules' weaker guesses (from
capitalisation, say), which it judges better in context. Its labels are mapped onto
newsgraph's types (PER → PERSON, LOC → LOCATION, ORG → ORGANIZATION), and when the KB
knows the name the model found the mention is linked to that entity and takes its type
(among the types compatible with the model's label: a LOC may turn out a COUNTRY, never
a PERSON).

A greedy transition-based NER gives no calibrated probability, so a mention's confidence
is the precision the model had on its dev data for that label (recorded in the model's
meta at training time): the share of such spans that were right. Models trained without
a dev file get :data:`DEFAULT_CONFIDENCE`.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph import kb
from newsgraph.annotate.entities.mentions import KB as KB_PRIORITY
from newsgraph.annotate.entities.mentions import Found
from newsgraph.annotate.entities.resolution import EntityBuilder, article_date
from newsgraph.annotate.zones import content_sentences
from newsgraph.model import Entity
from newsgraph.train.ner import META_KEY

log = logging.getLogger(__name__)

NAME = "newsgraph_ner_model"
#: The KB gazetteer component the model's spans are merged after.
KB_COMPONENT = "newsgraph_entities"
RULE = "ner_model"
DEFAULT_CONFIDENCE = 0.7
#: Common NER label sets onto newsgraph's entity types; other labels are kept as they are.
DEFAULT_LABELS = {
    "PER": "PERSON",
    "PERSON": "PERSON",
    "LOC": "LOCATION",
    "GPE": "LOCATION",
    "ORG": "ORGANIZATION",
    "NORP": "GROUP",
}
#: The KB types a span of each (mapped) label may be linked to.
LINKABLE = {
    "PERSON": ("PERSON",),
    "LOCATION": ("COUNTRY", "LOCATION", "GROUP"),
    "ORGANIZATION": ("ORGANIZATION", "GROUP"),
    "GROUP": ("GROUP",),
}


class NerModelError(ValueError):
    pass


@lru_cache(maxsize=4)
def load_model(path: str) -> Language:
    """The trained pipeline at ``path``, loaded once per process."""
    folder = Path(path)
    if not (folder / "meta.json").is_file():
        raise NerModelError(f"{path} is not a saved spaCy model (no meta.json)")
    return spacy.load(folder)


def _confidences(model: Language) -> dict[str, float]:
    per_type = (model.meta.get(META_KEY) or {}).get("dev_per_type") or {}
    return {label: float(s["p"]) for label, s in per_type.items() if s.get("p")}


class NerModel:
    def __init__(self, lang: str, model: Language, labels: dict[str, str], known: kb.KB) -> None:
        self.lang = lang
        self.model = model
        self.labels = labels
        self.kb = known
        self.confidence = {labels.get(k, k): p for k, p in _confidences(model).items()}
        # A model says nothing useful about text in another language than its own.
        self.active = model.lang == lang
        if not self.active:
            log.warning("NER model for %r is not run on %r text", model.lang, lang)

    def predict(self, doc: Doc) -> list[Span]:
        """The model's spans over the content sentences, as spans of ``doc`` labelled
        with newsgraph's types (their ``_`` attributes are set only once merged: they
        are keyed by offsets, which a mention already in ``doc.ents`` may share)."""
        sents = [s for s in (_trim(sent) for sent, _ in content_sentences(doc)) if s is not None]
        inputs = [
            Doc(
                self.model.vocab,
                words=[t.text for t in s],
                spaces=[bool(t.whitespace_) for t in s],
            )
            for s in sents
        ]
        found = []
        for sent, mdoc in zip(sents, self.model.pipe(inputs), strict=True):
            for ent in mdoc.ents:
                label = self.labels.get(ent.label_, ent.label_)
                found.append(Span(doc, sent.start + ent.start, sent.start + ent.end, label=label))
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not self.active or not len(doc):
            return doc
        known = list(doc.ents)
        kept, added = self.merge(known, self.predict(doc))
        if not added and len(kept) == len(known):
            return doc
        article = doc._.article
        records = EntityBuilder(self.kb, article_date(article.published if article else None))
        added = [self.link(doc, s, records) for s in added]
        doc.ents = sorted([*kept, *added], key=lambda s: s.start)
        entities = {**records.records, **(doc._.entities or {})}
        doc._.entities = _without_orphans(entities, doc, [e for e in known if e not in kept])
        return doc

    def merge(self, known: list[Span], predicted: list[Span]) -> tuple[list[Span], list[Span]]:
        """The mentions found before that are kept, and the model's spans that are added.

        A mention stays, and wins over the model's spans that overlap it, when it names
        a KB entry, or when the rules that guessed it without the KB (from a role, a
        given name, capitalisation…) are surer of it than the model is of that type:
        the more reliable of the two decides. Even then a longer model span that holds
        it whole wins ("Università di Teheran" over "Teheran"), as the longer name does
        among the KB's own candidates. Every other mention gives way to the model, which
        judged the same words in context (and found no name, or another one, there)."""
        kept = [e for e in known if self._outweighs(e) and not any(_holds(s, e) for s in predicted)]
        blocked = _tokens(kept)
        return kept, [s for s in predicted if not _tokens([s]) & blocked]

    def _outweighs(self, mention: Span) -> bool:
        model = self.confidence.get(mention.label_, DEFAULT_CONFIDENCE)
        return mention.kb_id_ in self.kb or float(mention._.confidence) >= model

    def link(self, doc: Doc, span: Span, records: EntityBuilder) -> Span:
        """The model's span as a mention: linked to the KB entry its text names and
        typed as that entry (its record added to ``records``) when there is one."""
        confidence = self.confidence.get(span.label_, DEFAULT_CONFIDENCE)
        found = self.kb.lookup(span.text, self.lang, LINKABLE.get(span.label_))
        mention = span
        if found:
            entry = found[0].entry
            mention = Span(doc, span.start, span.end, label=entry.type, kb_id=entry.id)
            records.add(
                Found(mention.start, mention.end, entry.type, entry.id, entry.name, RULE,
                      confidence, KB_PRIORITY, entry),
                mention.text,
            )  # fmt: skip
        mention._.rule = RULE
        mention._.confidence = confidence
        mention._.attrs = None  # a mention it replaced may have left some at these offsets
        return mention


def _without_orphans(
    entities: dict[str, Entity], doc: Doc, dropped: list[Span]
) -> dict[str, Entity]:
    """The records without those only the dropped mentions referred to (a record that a
    remaining mention names, as its entity or in its attributes, stays)."""
    used = {e.kb_id_ for e in doc.ents}
    used |= {v for e in doc.ents for v in (e._.attrs or {}).values() if isinstance(v, str)}
    gone = {e.kb_id_ for e in dropped} - used
    return {k: v for k, v in entities.items() if k not in gone}


def _tokens(spans: list[Span]) -> set[int]:
    return {i for s in spans for i in range(s.start, s.end)}


def _holds(outer: Span, inner: Span) -> bool:
    """Whether ``outer`` contains ``inner`` and is longer."""
    return outer.start <= inner.start and inner.end <= outer.end and len(outer) > len(inner)


def _trim(sent: Span) -> Span | None:
    """The sentence without leading and trailing white-space tokens (line breaks)."""
    start, end = sent.start, sent.end
    doc = sent.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end] if start < end else None


@Language.factory(NAME, default_config={"model": "", "labels": DEFAULT_LABELS, "kb_files": []})
def make_ner_model(
    nlp: Language, name: str, model: str, labels: dict[str, str], kb_files: list[str]
) -> NerModel:
    if not model:
        raise NerModelError(f"{NAME} needs the folder of a trained model (config 'model')")
    return NerModel(str(nlp.lang), load_model(model), dict(labels), kb.load(kb_files))


def add_to(nlp: Language, model: str, kb_files: tuple[str, ...] = ()) -> None:
    """Add the trained model at ``model`` to ``nlp`` (linking to the shipped KB and the
    user's ``kb_files``), right after the KB gazetteer when the pipeline has one, so
    components after it see the merged mentions."""
    where = {"after": KB_COMPONENT} if KB_COMPONENT in nlp.pipe_names else {}
    config = {"model": model, "kb_files": list(kb_files)}
    nlp.add_pipe(NAME, config=config, **where)  # type: ignore[arg-type]
