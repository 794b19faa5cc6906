import spacy

import newsgraph.annotate  # noqa: F401  (registers the components)


def _sents(lang, text):
    nlp = spacy.blank(lang)
    nlp.add_pipe("newsgraph_sentences")
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_line_breaks_end_sentences_without_punctuation():
    text = "Esteri\n\nUn titolo senza punto\nIl corpo inizia qui. E continua."
    assert _sents("it", text) == [
        "Esteri",
        "Un titolo senza punto",
        "Il corpo inizia qui.",
        "E continua.",
    ]


def test_abbreviations_and_initials_do_not_end_sentences():
    assert _sents("it", "Il sig. Rossi e il dott. Bianchi sono arrivati. Poi sono partiti.") == [
        "Il sig. Rossi e il dott. Bianchi sono arrivati.",
        "Poi sono partiti.",
    ]
    assert _sents("en", "Mr. Smith met John F. Kennedy Jr. in Washington. They spoke.") == [
        "Mr. Smith met John F. Kennedy Jr. in Washington.",
        "They spoke.",
    ]


def test_closing_quotes_stay_with_their_sentence():
    assert _sents("it", "«Siamo pronti.» Lo ha detto ieri il ministro.") == [
        "«Siamo pronti.»",
        "Lo ha detto ieri il ministro.",
    ]


def test_lowercase_after_stop_does_not_split_and_numbers_are_kept():
    assert _sents("en", "The rate rose to 2.5 per cent. it was expected.") == [
        "The rate rose to 2.5 per cent. it was expected."
    ]


def test_empty_and_whitespace_documents():
    assert _sents("it", "") == []
    assert _sents("it", "   \n\n  ") == []
