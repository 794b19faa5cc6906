import pytest

from newsgraph.language import UnknownLanguageCode, detect, detect_article, preload
from newsgraph.model import Span

LANGS = ("it", "en", "fr", "es", "de", "pt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il governo ha approvato ieri la nuova legge sul bilancio dello Stato.", "it"),
        ("The government approved the new budget law on Thursday evening.", "en"),
        ("Le gouvernement a approuvé hier soir la nouvelle loi de finances.", "fr"),
        ("El gobierno aprobó ayer la nueva ley de presupuestos del Estado.", "es"),
        ("Die Regierung hat gestern das neue Haushaltsgesetz verabschiedet.", "de"),
    ],
)
def test_detects_news_sentences(text, expected):
    lang, confidence = detect(text, LANGS)
    assert lang == expected
    assert 0 < confidence <= 1


def test_empty_text_has_no_language():
    assert detect("   ", LANGS) == (None, 0.0)


def test_unknown_code_is_a_clear_error():
    with pytest.raises(UnknownLanguageCode):
        detect("testo", ("it", "zz"))


def test_preloaded_models_give_the_same_answers():
    # A text lingua cannot decide from its letters alone needs the n-gram models.
    text = "Il giovane ha scelto jeans, maglietta e scarpe per cento euro."
    before = detect(text, LANGS)
    preload(LANGS)
    preload(("it",))  # one language: lingua still gets its two candidates
    after = detect(text, LANGS)
    assert after[0] == before[0] == "it"
    # The same sum of log-probabilities, possibly in another order: equal to the last
    # bits or so (stored confidences are rounded to three places).
    assert after[1] == pytest.approx(before[1], abs=1e-9)
    with pytest.raises(UnknownLanguageCode):
        preload(("it", "zz"))


def test_paragraph_languages_are_marked_and_boilerplate_ignored():
    it = "Il ministro degli Esteri ha incontrato il suo omologo per discutere della crisi."
    en = "The foreign minister met his counterpart to discuss the crisis in the region."
    spans = [
        Span(id="1", article_id="a", kind="body", start=0, end=len(it), text=it),
        Span(id="2", article_id="a", kind="body", start=0, end=len(en), text=en),
        Span(id="3", article_id="a", kind="newsletter", start=0, end=5, text="Sign up to our "
             "newsletter for the latest stories every single day"),
    ]
    lang, _ = detect_article(it + "\n" + en, spans, LANGS)
    assert spans[0].attrs["language"] == "it"
    assert spans[1].attrs["language"] == "en"
    assert "language" not in spans[2].attrs
    assert lang in {"it", "en"}


def _body(*texts: str) -> list[Span]:
    return [
        Span(id=str(i), article_id="a", kind="body", start=0, end=len(t), text=t)
        for i, t in enumerate(texts)
    ]


IT_BODY = (
    "Il pilota ha vinto la gara di domenica dopo una lunga rimonta sotto la pioggia, e ha "
    "dedicato la vittoria alla sua squadra e ai tifosi che lo hanno sostenuto per tutta la "
    "stagione."
)
NAMES = "Jürgen Klöppner vince il Gran Premio di Svizzera."
QUOTE = "I have never driven in such heavy rain, and I am proud of the whole team today."


def test_a_paragraph_of_names_keeps_its_articles_language_and_a_quotation_its_own() -> None:
    assert detect(NAMES, LANGS)[0] != "it"  # lingua's first choice on the names alone
    spans = _body(IT_BODY, NAMES, QUOTE)
    lang, _ = detect_article("\n".join(s.text for s in spans), spans, LANGS)
    assert lang == "it"
    assert [s.attrs["language"] for s in spans] == ["it", "it", "en"]
    # The names' paragraph keeps lingua's own (low) confidence for Italian.
    assert spans[1].attrs["language_confidence"] < 0.5


def test_a_declared_language_is_what_an_unsure_paragraph_falls_back_on() -> None:
    spans = _body(NAMES)
    detect_article(NAMES, spans, LANGS, declared="it")
    assert spans[0].attrs["language"] == "it"
    spans = _body(NAMES)
    detect_article(NAMES, spans, LANGS)
    assert spans[0].attrs["language"] == detect(NAMES, LANGS)[0]


def test_stop_words_come_from_spacy_and_odd_codes_have_none() -> None:
    import importlib

    from newsgraph.lexicon import stop_words

    german = importlib.import_module("spacy.lang.de.stop_words").STOP_WORDS
    assert stop_words("de") == frozenset(w.lower() for w in german)
    assert "il" in stop_words("it") and "the" in stop_words("en")
    assert stop_words("zz") == stop_words("../it") == stop_words("") == frozenset()
