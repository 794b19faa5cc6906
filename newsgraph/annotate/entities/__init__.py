"""The ``newsgraph_entities`` component: entity mentions from the knowledge base and rules.

For each document it
1. matches every KB name of the language over folded tokens (:mod:`.gazetteer`) and
   reads each match in context — a capital as its city or its government, an adjective
   as its country, a seat of power as its own organisation (:mod:`.readings`), a place
   with the head word before it as the whole phrase ("golfo del Messico": :mod:`.heads`),
   a part or a route named from it ("Italia centrale", "Roma-Lido"), or an organisation's
   branch in a country named by both ("Samsung Italia": :mod:`.compounds`);
2. finds state institutions named by common nouns and a country (:mod:`.institutions`),
   unseen weapon designations (:mod:`.materiel`), and names the KB lacks, from
   capitalisation, first names, titles, roles and head words (:mod:`.names`);
3. keeps a non-overlapping set of mentions (:mod:`.mentions`), finds again the names
   read with a cue where the article repeats them (:mod:`.repeats`), links surnames and
   first names to the person named in full, and attaches roles dated by the article
   (:mod:`.resolution`).

Output: ``doc.ents`` (label = type, ``kb_id_`` = entity id, ``_.attrs``, ``_.rule``,
``_.confidence``) and ``doc._.entities`` (entity id -> :class:`~newsgraph.model.Entity`).
Mentions already in ``doc.ents`` (from a component before this one) are kept where they
do not overlap.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph import kb as knowledge
from newsgraph.annotate.entities import heads, materiel
from newsgraph.annotate.entities.compounds import branches, place_compounds
from newsgraph.annotate.entities.cues import cues_for
from newsgraph.annotate.entities.gazetteer import Gazetteer
from newsgraph.annotate.entities.institutions import Institutions, nationality_adjectives
from newsgraph.annotate.entities.mentions import Found, select
from newsgraph.annotate.entities.names import Names
from newsgraph.annotate.entities.readings import Reader
from newsgraph.annotate.entities.repeats import repeats
from newsgraph.annotate.entities.resolution import (
    EntityBuilder,
    article_date,
    attach_roles,
    short_forms,
    with_name_titles,
)
from newsgraph.annotate.entities.roles import Roles
from newsgraph.annotate.entities.tokens import TokenView
from newsgraph.resolve.variants import fold

NAME = "newsgraph_entities"
PLACE_TYPES = frozenset({"LOCATION", "COUNTRY"})


class EntityRecognizer:
    def __init__(self, nlp: Language, kb_files: Sequence[str] = ()) -> None:
        self.kb = knowledge.load(kb_files)
        lang = str(nlp.lang)
        self.cues = cues_for(lang)
        tokenizer = nlp.tokenizer
        names = self.kb.names(lang)
        self.gazetteer = Gazetteer(names, lambda text: [t.text for t in tokenizer(text)])
        self.reader = Reader(self.kb, self.cues, self.gazetteer)
        adjectives = nationality_adjectives(self.kb, lang)
        self.institutions = Institutions(self.kb, self.cues, adjectives)
        self.roles = Roles(self.cues)
        self.names = Names(self.kb, self.cues, self.roles, adjectives)

    def find(self, doc: Doc) -> tuple[TokenView, list[Found]]:
        """The selected mentions of ``doc`` (without writing them to it)."""
        view = TokenView(doc)
        if not view.sentences:
            return view, []
        article = doc._.article
        article_id = article.id if article is not None else ""
        known = self.reader.read(view, self.gazetteer.find(view))
        known += heads.known_places(view, self.cues, known)
        known += place_compounds(view, self.cues, known, self._place_of)
        known += branches(view, self.cues, known)
        known += materiel.find(view, self.cues)
        known += self.institutions.find(view, known, article_id)
        found = known + self.names.find(view, known)
        selected = short_forms(view, repeats(view, select(found), self.cues), self.cues)
        return view, with_name_titles(view, selected, self.cues)

    def _place_of(self, word: str) -> str | None:
        """The KB place a word names, if that is its first reading and the word is not
        also an ordinary one (:data:`~.cues.Cues.place_homonyms`)."""
        if fold(word) in self.cues.place_homonyms or fold(word) in self.cues.common:
            return None
        candidates = self.kb.lookup(word, self.cues.lang)
        first = candidates[0].entry if candidates else None
        return first.id if first is not None and first.type in PLACE_TYPES else None

    def __call__(self, doc: Doc) -> Doc:
        view, selected = self.find(doc)
        article = doc._.article
        builder = EntityBuilder(self.kb, article_date(article.published if article else None))
        spans = []
        for f in selected:
            builder.add(f, view.span_text(f.start, f.end))
            spans.append((Span(doc, f.start, f.end, label=f.label, kb_id=f.entity), f))
        attach_roles(view, selected, self.roles, builder)
        for span, f in spans:
            ext = span._  # one accessor object for the three values
            ext.attrs = f.attrs
            ext.rule = f.rule
            ext.confidence = round(f.confidence, 3)
        mine = [span for span, _ in spans]
        taken = {i for span in mine for i in range(span.start, span.end)}
        before = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        # What assigning ``doc.ents`` does, without building every span anew first.
        doc.set_ents(sorted([*before, *mine], key=lambda s: s.start))
        entities = dict(doc._.entities or {})
        entities.update(builder.records)
        doc._.entities = entities
        return doc


@Language.factory(NAME, default_config={"kb_files": []})
def make_entities(nlp: Language, name: str, kb_files: list[str]) -> EntityRecognizer:
    return EntityRecognizer(nlp, kb_files)
