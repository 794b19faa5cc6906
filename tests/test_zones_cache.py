"""The per-document caches the rule components share: sentences (and content sentences)
are read once, and read anew when a component sets other boundaries or zones."""

import spacy

import newsgraph.annotate  # noqa: F401  (registers the components)
from newsgraph.annotate import extensions
from newsgraph.annotate.events.lexicon import load as load_lexicon
from newsgraph.annotate.events.tokens import DocView
from newsgraph.annotate.zones import ZONES_KEY, content_sentences, sentences, trimmed_sentences

TEXT = "Titolo del giorno\nIl governo ha firmato l'accordo. Poi   ha  detto no.\n\nIscriviti"


def _doc():
    nlp = spacy.blank("it")
    nlp.add_pipe("newsgraph_sentences")
    doc = nlp.make_doc(TEXT)
    extensions.keep_text(doc, TEXT)
    first, last = TEXT.index("\n"), TEXT.rindex("\n")
    doc.spans[ZONES_KEY] = [
        doc.char_span(0, first, label="title"),
        doc.char_span(first + 1, last, label="body", alignment_mode="expand"),
        doc.char_span(last + 1, len(TEXT), label="newsletter"),
    ]
    return nlp.get_pipe("newsgraph_sentences")(doc)


def test_sentences_are_those_of_spacy_and_trimmed_ones_those_the_records_number():
    doc = _doc()
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]
    assert [TEXT[a:b] for a, b in trimmed_sentences(doc)] == [
        "Titolo del giorno",
        "Il governo ha firmato l'accordo.",
        "Poi   ha  detto no.",
        "Iscriviti",
    ]
    # Read twice, the same answer (from the cache).
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]


def test_new_boundaries_and_new_zones_are_read_anew():
    doc = _doc()
    before = [(s.start, s.end) for s in sentences(doc)]
    assert [z for _, z in content_sentences(doc)] == ["title", "body", "body"]
    split = next(t.i for t in doc if t.text == "firmato")
    doc[split].is_sent_start = True
    after = [(s.start, s.end) for s in sentences(doc)]
    assert after != before and split in {start for start, _ in after}
    assert [z for _, z in content_sentences(doc)] == ["title", "body", "body", "body"]
    doc.spans[ZONES_KEY] = [doc.char_span(0, len(TEXT), label="caption")]
    assert {z for _, z in content_sentences(doc)} == {"caption"}


def test_trigger_forms_cover_every_trigger_and_the_token_table_reads_the_tokens():
    lex = load_lexicon("it")
    forms = lex.trigger_forms
    assert set(lex.noun_triggers) <= forms and set(lex.phrase_triggers) <= forms
    triggered = [f for f, ls in lex.verbs.items() if any(x in lex.verb_triggers for x in ls)]
    assert triggered and set(triggered) <= forms
    assert "il" not in forms and "governo" not in forms
    doc = _doc()
    view = DocView(doc, lex)
    assert view.norm == [t.text.lower().replace("’", "'") for t in doc]
    assert view.punct == [t.is_punct for t in doc]
    assert view.space == [t.is_space for t in doc]
    assert view.glued == [not t.whitespace_ for t in doc]
    assert all(view.norm[i] in {";", ":", ",", "(", ")", "[", "]"} or view.conj[i]
               or view.sub[i] or view.relative[i] or view.contrast[i]
               for i in view.clause_marks)
