"""A locally trained NER model (``newsgraph train ner``) as a pipeline component.

The model runs on every content sentence (title, body, subheading, caption) and its spans
are merged into ``doc.ents`` (see :meth:`NerModel.merge`). How depends on what the model
saw in training:

- A model trained on the KB's and the rules' mentions as features
  (:mod:`newsgraph.train.features`) has judged each of them in context: it decides which
  names there are, where they end and what class they are. A mention found before it on
  exactly the model's words stays (linked, typed finely, with its role), taking the
  model's class as ``attrs["ner"]`` ("la Russia accusa": the country, acting as an
  organisation), unless it was a guess of another class, which the model's span
  replaces. Names the model did not keep go; so do mentions overlapping its spans.
  What it does not judge stays: descriptions in lower case ("la polizia", "i curdi"),
  adjectives and the types it has no label for (GROUP, MATERIEL, AGREEMENT).
- A model trained on the text alone does not know the KB: a mention of a KB entry wins
  where the two overlap, since it comes linked, typed finely (COUNTRY, GROUP…) and
  checked by hand-written data, unless the model found a longer name around it; the
  model adds the names the KB has never heard of, and replaces the rules' weaker guesses
  (from capitalisation, say), which it judges better in context.

Its labels are mapped onto newsgraph's types (PER → PERSON, LOC → LOCATION, ORG →
ORGANIZATION), and when the KB knows the name the model found the mention is linked to
that entity and takes its type (among the types compatible with the model's label: a
LOC may turn out a COUNTRY, an ORG a country acting, never a PERSON).

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
from newsgraph.annotate.entities.cues import Cues, cues_for
from newsgraph.annotate.entities.mentions import KB as KB_PRIORITY
from newsgraph.annotate.entities.mentions import Found
from newsgraph.annotate.entities.resolution import EntityBuilder, article_date
from newsgraph.annotate.entities.tokens import key_of
from newsgraph.annotate.zones import content_sentences
from newsgraph.model import Entity
from newsgraph.train import features
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
#: The KB types a span of each (mapped) label may be linked to (an organisation may be
#: a country acting: its government, its national team).
LINKABLE = {
    "PERSON": ("PERSON",),
    "LOCATION": ("COUNTRY", "LOCATION", "GROUP"),
    "ORGANIZATION": ("ORGANIZATION", "GROUP", "COUNTRY"),
    "GROUP": ("GROUP",),
}
#: The KB types that are kinds of what each (mapped) label names: those the model judges
#: (a GROUP such as "the West" is linkable from a LOC, but a collective actor, no place).
KINDS = {
    "PERSON": ("PERSON",),
    "LOCATION": ("LOCATION", "COUNTRY"),
    "ORGANIZATION": ("ORGANIZATION",),
    "GROUP": ("GROUP",),
}
#: Where a mention the model judged keeps the model's class.
CLASS_ATTR = "ner"


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
        #: The model's own labels, mapped onto newsgraph's types.
        self.model_labels = frozenset(
            labels.get(str(label), str(label))
            for name in model.pipe_names
            for label in getattr(model.get_pipe(name), "labels", ())
        )
        trained = (model.meta.get(META_KEY) or {}).get("config") or {}
        #: Whether the model reads the mentions found before it as token features.
        self.rule_features = bool(trained.get("rule_features"))
        # A model says nothing useful about text in another language than its own.
        self.active = model.lang == lang
        if not self.active:
            log.warning("NER model for %r is not run on %r text", model.lang, lang)

    def predict(self, doc: Doc) -> list[Span]:
        """The model's spans over the content sentences, as spans of ``doc`` labelled
        with newsgraph's types (their ``_`` attributes are set only once merged: they
        are keyed by offsets, which a mention already in ``doc.ents`` may share)."""
        sents = [s for s in (_trim(sent) for sent, _ in content_sentences(doc)) if s is not None]
        tags = features.token_tags(doc) if self.rule_features else None
        inputs = [
            Doc(
                self.model.vocab,
                words=[t.text for t in s],
                spaces=[bool(t.whitespace_) for t in s],
                tags=tags[s.start : s.end] if tags is not None else None,
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
        """The mentions found before that are kept, and the model's spans that are added."""
        if self.rule_features:
            return self._judged(known, predicted)
        return self._weighed(known, predicted)

    def _judged(self, known: list[Span], predicted: list[Span]) -> tuple[list[Span], list[Span]]:
        """The merge for a model that saw the mentions as features: it decides the names
        (see the module's docstring)."""
        twins = {(s.start, s.end): s for s in predicted}
        judged = {t for label in self.model_labels for t in KINDS.get(label, (label,))}
        taken = _tokens(predicted)
        kept = []
        for mention in known:
            twin = twins.get((mention.start, mention.end))
            if twin is not None:
                same_class = mention.label_ in LINKABLE.get(twin.label_, (twin.label_,))
                if mention.kb_id_ in self.kb or same_class:
                    mention._.attrs = {**(mention._.attrs or {}), CLASS_ATTR: twin.label_}
                    kept.append(mention)
                continue
            unjudged = mention.label_ not in judged or not _is_name(mention)
            if unjudged and not _tokens([mention]) & taken:
                kept.append(mention)
        blocked = _tokens(kept)
        return kept, [s for s in predicted if not _tokens([s]) & blocked]

    def _weighed(self, known: list[Span], predicted: list[Span]) -> tuple[list[Span], list[Span]]:
        """The merge for a model that never saw the KB.

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
        """The model's span as a mention: linked to the KB entry its text names (a
        person's without the titles before it: "l'Ayatollah Ali Khamenei") and typed as
        that entry (its record added to ``records``) when there is one."""
        confidence = self.confidence.get(span.label_, DEFAULT_CONFIDENCE)
        name = _without_titles(span, cues_for(self.lang)) if span.label_ == "PERSON" else span
        found = self.kb.lookup(name.text, self.lang, LINKABLE.get(span.label_))
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
        # Set anew: a mention it replaced may have left some at these offsets.
        mention._.attrs = {CLASS_ATTR: span.label_} if mention.label_ != span.label_ else None
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


def _without_titles(span: Span, cues: Cues) -> Span:
    """The span without the titles that lead it ("Ayatollah", "Papa"), if a name stays."""
    start = span.start
    while start < span.end - 1 and (key_of(span.doc[start].text),) in cues.titles:
        start += 1
    return span.doc[start : span.end]


def _is_name(mention: Span) -> bool:
    """A proper name (a capitalised word in it), not a description ("la polizia") nor a
    country's adjective."""
    if (mention._.attrs or {}).get("form") == "adjective":
        return False
    return any(t.text[:1].isupper() for t in mention)


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
    component = nlp.add_pipe(NAME, config=config, **where)  # type: ignore[arg-type]
    if isinstance(component, NerModel) and component.rule_features and not where:
        log.warning("NER model %s reads the KB's mentions, but %s is not run", model, KB_COMPONENT)
