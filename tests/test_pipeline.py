import pytest
import spacy

from newsgraph.annotate import UnknownComponent, build_nlp
from newsgraph.config import Settings
from newsgraph.pipeline import Pipeline

TEXT = (
    "Esteri\n\n"
    "Il ministro degli Esteri ha incontrato ieri a Roma il suo omologo francese.\n"
    "I due hanno discusso della crisi. Un nuovo incontro è previsto a marzo.\n"
)


def test_offsets_point_into_the_article_text():
    result = Pipeline().process_text(TEXT)
    assert result.article.language == "it"
    assert result.sentences
    for s in result.sentences:
        assert TEXT[s.start:s.end] == s.text
    for z in result.spans:
        assert TEXT[z.start:z.end] == z.text
    texts = [s.text for s in result.sentences]
    assert "I due hanno discusso della crisi." in texts


def test_metadata_language_wins_over_detection():
    result = Pipeline().process_text(
        "The minister met his counterpart in Rome yesterday.", language="it"
    )
    assert result.article.language == "it"
    assert result.article.meta["detected_language"] == "en"


def test_components_are_chosen_by_configuration():
    nlp = build_nlp("en", ("newsgraph_sentences",))
    assert nlp.pipe_names == ["newsgraph_sentences"]
    with pytest.raises(UnknownComponent, match="no_such_component"):
        build_nlp("en", ("no_such_component",))


def test_pipeline_without_components_still_yields_one_sentence():
    result = Pipeline(Settings(components=())).process_text("Una riga sola senza punto")
    assert [s.text for s in result.sentences] == ["Una riga sola senza punto"]


def test_unknown_spacy_language_falls_back_to_multilingual_tokenizer():
    nlp = build_nlp("zz", ("newsgraph_sentences",))
    assert nlp.lang == "xx"


def test_fingerprint_changes_with_components():
    a = Pipeline(Settings(components=("newsgraph_sentences",))).fingerprint
    b = Pipeline(Settings(components=())).fingerprint
    assert a != b


def test_documents_are_tokenized_as_by_the_blank_language():
    # The components tokenize their phrase lists when built; documents get a tokenizer
    # of their own with the same rules, which must split every text the same way.
    nlp = build_nlp("it", Settings().components)
    blank = spacy.blank("it")
    assert nlp.tokenizer is not blank.tokenizer
    assert nlp.tokenizer.rules == blank.tokenizer.rules
    text = (
        "L'UE e gli U.S.A. dell'Iran: «Sig. Rossi, è l'1/3/2024 alle 12:30?» "
        "Vedi https://esempio.it/a-b_c, e-mail info@esempio.it (10%)…\nFine."
    )
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in blank.make_doc(text)]


def test_warm_up_annotates_a_text_and_leaves_the_pipeline_ready():
    pipeline = Pipeline(Settings())
    warm = pipeline.warm_up()
    assert warm.article.language == "it"
    assert any(m.text == "Roma" for m in warm.mentions)
    result = pipeline.process_text("Il governo francese ha incontrato ieri a Parigi i sindacati.")
    assert result.article.language == "it"
