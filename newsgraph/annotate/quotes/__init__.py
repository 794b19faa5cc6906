"""The ``newsgraph_quotes`` component: who said what, and what is only a quoted name.

For every quoted stretch in a content sentence (see :mod:`.marks`) the component decides
whether it is speech or a quoted name or term:

- a term: the words before the mark announce one ("il cosiddetto “asse della
  resistenza”", "so-called"), or a title noun precedes it ("un trattato di
  “partenariato strategico globale”", "il Forum internazionale “…”"), or it is short and
  no verb of saying is near;
- speech: a verb of saying governs it — after it ("“…”, ha sottolineato Putin"), before it
  ("Pezeshkian ha affermato che Israele deve “smettere di …”", partial quotes included),
  or "secondo X" names the source — or it is long enough to be an utterance.

The speaker is the subject of that verb (a dropped subject is taken from the clause it
depends on, as for events), and the relaying agency is kept apart from the speaker
("ha dichiarato Pezeshkian, secondo quanto riportato dall'agenzia IRNA" → reported by
IRNA). Output: ``doc._.quotes``, a list of :class:`~newsgraph.model.Quote`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import lexicon
from newsgraph.annotate.events import lexicon as event_lexicon
from newsgraph.annotate.events.tokens import VIEW_KEY, view_for
from newsgraph.annotate.quotes.speakers import QuoteCues, QuoteReader


class QuoteFinder:
    def __init__(self, lang: str) -> None:
        self.lexicon = event_lexicon.load(lang)
        self.cues = lexicon.load(lang, "quotes")
        self.compiled = QuoteCues.compile(self.cues)

    def __call__(self, doc: Doc) -> Doc:
        if not self.cues:
            doc._.quotes = []
            return doc
        view = view_for(doc, self.lexicon)
        doc._.quotes = QuoteReader(view, self.compiled).quotes()
        doc.user_data.pop(VIEW_KEY, None)
        return doc


@Language.factory("newsgraph_quotes")
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(str(nlp.lang))
