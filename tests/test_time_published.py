"""Publication dates estimated from the text: the evidence rules and the component that
writes them to the article before anything relative is resolved."""

from __future__ import annotations

from datetime import date

import spacy

from newsgraph import annotate, clean
from newsgraph.annotate.time.published import DateClue, estimate
from newsgraph.model import Article, article_id_for

TODAY = date(2025, 6, 1)


def test_a_caption_date_with_its_weekday_is_enough():
    clues = [
        DateClue(date(2024, 10, 11), "caption"),
        DateClue(date(2025, 1, 13), "caption", weekday_agrees=True),
        DateClue(date(2023, 10, 7), "body", tense="past"),
    ]
    found = estimate(clues, {0}, TODAY)
    assert found is not None
    assert found.day == date(2025, 1, 13)
    assert found.method == "text:latest_date+weekday_agrees+caption+weekday_mentioned"
    assert 0.6 <= found.confidence <= 0.95


def test_a_historical_date_alone_leaves_the_date_unknown():
    assert estimate([DateClue(date(2023, 10, 7), "body", tense="past")], set(), TODAY) is None


def test_no_estimate_after_the_run_date():
    clues = [DateClue(date(2025, 7, 1), "body", weekday_agrees=True, dateline=True)]
    assert estimate(clues, set(), TODAY) is None


def test_a_date_in_a_future_clause_bounds_the_estimate_from_above():
    clues = [
        DateClue(date(2025, 1, 20), "body", tense="future"),
        DateClue(date(2025, 1, 13), "caption", weekday_agrees=True),
        DateClue(date(2025, 2, 1), "caption", weekday_agrees=True),
    ]
    found = estimate(clues, set(), TODAY)
    assert found is not None and found.day == date(2025, 1, 13)


def test_a_dateline_wins_and_a_wrong_weekday_disqualifies():
    clues = [
        DateClue(date(2025, 1, 10), "body", dateline=True),
        DateClue(date(2025, 1, 12), "caption", weekday_agrees=False),
    ]
    found = estimate(clues, set(), TODAY)
    assert found is not None
    assert (found.day, found.method) == (date(2025, 1, 10), "text:dateline")


def _annotate(text: str, today: str = "2025-06-01", **fields: object):
    article = Article(id=article_id_for(text), text=text, raw=text, origin="<test>", language="it")
    for name, value in fields.items():
        setattr(article, name, value)
    nlp = spacy.blank("it")
    nlp.add_pipe("newsgraph_sentences")
    nlp.add_pipe("newsgraph_time", config={"today": today})
    doc = annotate.annotate(nlp, article, clean.mark(article))
    return article, {s.text: s._.attrs for s in doc.spans["timex"]}


def test_the_estimate_is_written_before_relative_dates_are_resolved():
    text = (
        "Pubblicato il 13/01/2025\n"
        "Il Cremlino ha detto ieri che Putin ospiterà Pezeshkian venerdì.\n"
    )
    article, timex = _annotate(text)
    assert (article.published, article.published_method) == ("2025-01-13", "text:dateline")
    assert article.published_confidence is not None and article.published_confidence >= 0.6
    assert timex["ieri"]["value"] == "2025-01-12"
    assert timex["venerdì"]["value"] == "2025-01-17"


def test_a_date_after_the_run_date_is_not_taken():
    text = "Pubblicato il 13/01/2025\nIeri il ministro ha parlato.\n"
    article, timex = _annotate(text, today="2025-01-01")
    assert article.published is None
    assert timex["Ieri"] == {
        "value": "XXXX-XX-XX", "granularity": "day", "kind": "date", "method": "relative",
        "resolved": False,
    }


def test_metadata_dates_are_kept_and_used():
    article, timex = _annotate(
        "Venerdì la televisione di stato ha mostrato il capo dell'IRGC.\n",
        published="2025-01-13T09:30:00+01:00",
        published_method="metadata",
    )
    assert article.published == "2025-01-13T09:30:00+01:00"
    assert article.published_method == "metadata"
    assert timex["Venerdì"]["value"] == "2025-01-10"
    assert timex["Venerdì"]["tense"] == "past"
    assert timex["Venerdì"]["direction"] == "past"


def test_a_dated_line_on_its_own_is_a_dateline() -> None:
    article, _ = _annotate("Morto il regista Ettore Valbruna\nTorino, 3 marzo 2025\n"
                           "Il regista è morto nella sua casa.\n")
    assert (article.published, article.published_method) == ("2025-03-03", "text:dateline")


def test_a_short_sentence_at_the_head_is_no_dateline() -> None:
    """An obituary's second line gives a birth date: a sentence with a verb, not the line
    an article is dated by."""
    article, _ = _annotate("Morto il regista Ettore Valbruna\nNacque a Torino il 3 marzo 1931.\n"
                           "Ha diretto trenta film.\n")
    assert article.published is None
