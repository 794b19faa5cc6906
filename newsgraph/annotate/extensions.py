"""The custom attributes newsgraph components read and write on spaCy objects.

Components talk to each other only through these attributes and through standard spaCy
structures (``doc.ents``, ``doc.spans[...]``, sentence starts), so any component can be
replaced by another that fills the same attributes.

- ``doc._.article``: the :class:`~newsgraph.model.Article` being annotated (its id,
  publication date and metadata are what time and event components anchor on).
- ``doc.spans["zones"]``: the cleaning spans, labelled by kind (title, body, caption…).
- ``span._.attrs``, ``span._.rule``, ``span._.confidence``: provenance of a found span
  (an entity mention in ``doc.ents``, a temporal expression in ``doc.spans["timex"]``).
- ``doc._.entities``: entity records by id, for mentions whose ``kb_id_`` names them.
- ``doc._.events``, ``doc._.quotes``: event and quotation records.
- ``doc._.text``: the document's text, built once: ``Doc.text`` joins every token on each
  call, which made code reading it per sentence quadratic in document length.
- :func:`token_texts`: each token's text, read once per document.
"""

from __future__ import annotations

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span

_TEXT_KEY = "newsgraph.text"
_TOKENS_KEY = "newsgraph.token_texts"


def _text(doc: Doc) -> str:
    """``doc.text``, cached in the doc: a doc's text never changes once it is tokenized."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return str(text)


def keep_text(doc: Doc, text: str) -> None:
    """Record the text ``doc`` was tokenized from as its ``doc._.text`` (spaCy keeps a
    doc's text exactly, so this saves rebuilding it from the tokens)."""
    doc.user_data[_TEXT_KEY] = text


def token_texts(doc: Doc) -> list[str]:
    """The text of each token (not to be modified), cut from the document's text by the
    offsets in one array: iterating a doc builds a Python object per token, which made
    reading token texts a large part of the rule components' cost. Read once per doc."""
    texts = doc.user_data.get(_TOKENS_KEY)
    if texts is None or len(texts) != len(doc):
        text = doc._.text
        bounds = doc.to_array([IDX, LENGTH])
        starts = bounds[:, 0].tolist()
        ends = (bounds[:, 0] + bounds[:, 1]).tolist()
        texts = [text[i:j] for i, j in zip(starts, ends, strict=True)]
        doc.user_data[_TOKENS_KEY] = texts
    return texts


def register() -> None:
    """Declare the attributes once per process (spaCy keeps them globally)."""
    for name in ("article",):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("entities", "events", "quotes"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("text"):
        Doc.set_extension("text", getter=_text)
    for name, default in (("attrs", None), ("rule", ""), ("confidence", 1.0)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register()
