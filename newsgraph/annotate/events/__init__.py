"""The ``newsgraph_events`` component: PLOVER events with arguments, modality and evidence.

Reads the entity mentions (``doc.ents``, ``doc._.entities``), the temporal expressions
(``doc.spans["timex"]``) and the article (``doc._.article``: id, publication date) and
writes ``doc._.events``, a list of :class:`~newsgraph.model.Event`. Everything language
specific is in ``newsgraph/data/lang/<code>/events.yaml``; a language without that file
yields no events.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.annotate.events import lexicon
from newsgraph.annotate.events.assemble import DocumentCoder
from newsgraph.annotate.events.tokens import view_for
from newsgraph.ontology import load as load_ontology


class EventCoder:
    def __init__(self, lang: str) -> None:
        self.lexicon = lexicon.load(lang)
        self.ontology = load_ontology()

    def __call__(self, doc: Doc) -> Doc:
        if not self.lexicon.verb_triggers and not self.lexicon.noun_triggers:
            doc._.events = []
            return doc
        doc._.events = DocumentCoder(view_for(doc, self.lexicon), self.ontology).events()
        return doc


@Language.factory("newsgraph_events")
def make_event_coder(nlp: Language, name: str) -> EventCoder:
    return EventCoder(str(nlp.lang))
