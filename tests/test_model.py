from newsgraph.model import Article, article_id_for, normalize_for_id, stable_id


def test_article_id_ignores_whitespace_and_compatibility_forms():
    a = "Il presidente\r\nha incontrato  il ministro."
    b = "Il presidente ha incontrato\u00a0il ministro.  "
    assert article_id_for(a) == article_id_for(b)
    assert article_id_for(a) != article_id_for("Il presidente ha incontrato il premier.")


def test_normalize_folds_nfkc_and_spaces():
    assert normalize_for_id("ﬁne\t\tstory \n") == "fine story"


def test_stable_id_is_deterministic_and_separates_parts():
    assert stable_id("a", 1) == stable_id("a", 1)
    assert stable_id("ab", "c") != stable_id("a", "bc")
    assert len(stable_id("x")) == 16


def test_records_convert_to_dicts_with_their_fields():
    art = Article(id="x", text="t", raw="t", origin="o")
    d = art.to_dict()
    assert d["id"] == "x" and d["meta"] == {}
    assert set(Article.field_names()) == set(d)
