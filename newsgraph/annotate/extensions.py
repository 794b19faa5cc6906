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
"""

from __future__ import annotations

from spacy.tokens import Doc, Span


def register() -> None:
    """Declare the attributes once per process (spaCy keeps them globally)."""
    for name in ("article",):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in ("entities", "events", "quotes"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, default in (("attrs", None), ("rule", ""), ("confidence", 1.0)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register()
