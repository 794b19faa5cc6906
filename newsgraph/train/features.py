"""The KB's and the rules' mentions as token features of a trained NER model.

A model that sees, on each token, what the KB gazetteer and the rules found there ("a
country's name from the KB", "a person's name guessed from capitalisation") learns from
the annotated data when to trust them and what they mean in the data's own terms: that a
country acting is an organisation, that a known city inside a longer capitalised name is
part of it, that a capitalised pair after "il" is a team. The KB brings what the data
never showed the model (most names); the data brings the judgement in context.

Each token gets one tag: the position in the mention (B, I), its label (ADJ for a
country's adjective) and how it was found (``kb``: a KB name; ``cue``: a head word, a
role, a first name; ``guess``: capitalisation alone), or ``O``. The model embeds the tag
like the other token attributes, through spaCy's TAG slot, which nothing else in its
pipeline sets. For training, the rules run over the training sentences laid out as
articles, as the ``conll`` evaluator lays them out; at run time the model component
reads the tags off the mentions already in the document (it runs right after the KB
gazetteer).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsgraph.train import iob

#: The token attribute the tags are stored in and embedded from.
ATTR = "TAG"
#: The pipeline whose mentions become the features (what runs before the model).
COMPONENTS = ("newsgraph_sentences", "newsgraph_entities")
OUTSIDE = "O"
#: Rules at least this confident work from a cue rather than a guess.
CUE_CONFIDENCE = 0.6


def _tag(ent: Span, first: bool) -> str:
    rule = str(ent._.rule or "")
    if rule.startswith("kb."):
        source = "kb"
    else:
        source = "cue" if float(ent._.confidence or 0.0) >= CUE_CONFIDENCE else "guess"
    label = "ADJ" if (ent._.attrs or {}).get("form") == "adjective" else ent.label_
    return f"{'B' if first else 'I'}-{label}-{source}"


def token_tags(doc: Doc) -> list[str]:
    """The tag of every token of ``doc`` from its mentions (``doc.ents``)."""
    tags = [OUTSIDE] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            tags[i] = _tag(ent, i == ent.start)
    return tags


def sentence_tags(
    sentences: list[iob.TaggedSentence], lang: str, kb_files: tuple[str, ...] = ()
) -> list[dict[int, str]]:
    """For each sentence, the tag at the start offset (in the sentence's text) of each
    token the rules put in a mention."""
    from newsgraph import annotate

    nlp = annotate.build_nlp(lang, COMPONENTS, None, kb_files)
    out: list[dict[int, str]] = [{} for _ in sentences]
    for members in iob.articles(sentences):
        article, zones, starts = iob.as_article(sentences, members, lang)
        doc = annotate.annotate(nlp, article, zones)
        tags = token_tags(doc)
        line = 0
        for token, tag in zip(doc, tags, strict=True):
            if tag == OUTSIDE:
                continue
            while line + 1 < len(starts) and starts[line + 1] <= token.idx:
                line += 1
            out[members[line]][token.idx - starts[line]] = tag
    return out
