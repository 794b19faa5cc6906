"""Property tests of cleaning and of every annotator (the spaCy components, through
``Pipeline.process``) on generated news-like text: nothing raises, and every record's
offsets point at its own text in the article, which is what provenance rests on. The
annotated result must also be storable. ``scripts/fuzz.py`` runs the same checks on
mutated real articles at scale.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph import clean
from newsgraph.model import Annotated, Article, Mention, Quote, Sentence, Span, article_id_for
from newsgraph.pipeline import Pipeline
from newsgraph.store import Store

WORDS = (
    *("Roma", "Kiev", "Mosca", "Ankara", "ONU", "NATO", "Ue", "Mattarella", "Erdogan"),
    *("Putin", "Zelensky", "il", "la", "di", "che", "ha detto", "ha condannato"),
    *("ha incontrato", "ha attaccato", "sanzioni", "vertice", "accordo", "arrestato"),
    *("ieri", "lunedì", "12 marzo 2024", "alle 10.30", "Foto ANSA", "© Riproduzione"),
    *("said", "the", "President", "on Monday", "according to", "(Reuters)", "Mr."),
    *("Iscriviti alla newsletter", "Leggi anche", "Condividi"),
)
MARKS = (
    *"«»“”\"'’.,;:!?-—()[]/|#&%€",
    *("\n", "\n\n", "\t", "\u00a0", "\u200b", "\u2028", "\u0301", "\ufeff", "🙂", "Ж"),
)
NEWS_TEXT = st.lists(
    st.sampled_from(WORDS) | st.sampled_from(MARKS) | st.text(max_size=6), max_size=120
).map(" ".join)
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

_PIPELINE = Pipeline()
_STORE = Store(":memory:")


def _article(text: str, language: str | None = None) -> Article:
    return Article(id=article_id_for(text), text=text, raw=text, origin="<fuzz>", language=language)


@settings(FUZZ, max_examples=200)
@given(NEWS_TEXT | st.text(max_size=400))
def test_cleaning_marks_each_line_at_its_offsets(text: str) -> None:
    spans = clean.mark(_article(text))
    last = 0
    for span in spans:
        assert last <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.kind in clean.KINDS
        last = span.end


def _check_offsets(done: Annotated) -> None:
    text = done.article.text
    quoted: list[Span | Sentence | Mention | Quote] = [
        *done.spans,
        *done.sentences,
        *done.mentions,
        *done.quotes,
    ]
    for rec in quoted:
        assert 0 <= rec.start <= rec.end <= len(text), rec
        assert text[rec.start : rec.end] == rec.text, rec
    for event in done.events:
        assert 0 <= event.start <= event.end <= len(text), event
    indexes = {s.index for s in done.sentences}
    for where in [m.sentence for m in done.mentions] + [e.sentence for e in done.events]:
        assert where in indexes or where == -1


@settings(FUZZ, max_examples=25)
@given(NEWS_TEXT.filter(str.strip))
def test_annotators_keep_provenance_on_any_text(text: str) -> None:
    # Declared Italian: each further language would load its own models (seconds).
    done = _PIPELINE.process(_article(text, "it"))
    _check_offsets(done)
    result = _STORE.write_batch([done], [], _PIPELINE.fingerprint)
    assert result.stored + result.unchanged == 1
    stored = _STORE.rows(
        "SELECT count(*) AS n FROM sentences WHERE article_id = ?", [done.article.id]
    )
    assert stored[0]["n"] == len(done.sentences)


@settings(FUZZ, max_examples=10)
@given(st.sampled_from(["xx", "zz", "it-IT", "IT", "ita", "", "??"]))
def test_a_declared_language_without_resources_is_not_fatal(declared: str) -> None:
    """A declared code no annotator has resources for ("xx") falls back to detection."""
    done = _PIPELINE.process(_article("Il ministro ha incontrato il presidente a Roma.", declared))
    assert done.article.language == "it"
    assert done.sentences
