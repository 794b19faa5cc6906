"""The ``published`` and ``dates`` layers of newsgold/1."""

from __future__ import annotations

from newsgraph.eval.layers import SCORERS
from newsgraph.model import Annotated, Article, Sentence, Span

TEXT = "Venerdì Putin ha incontrato Pezeshkian. Nel 2018 Trump si è ritirato."


def _result(
    published: str | None = None, values: tuple[str, ...] = ("2025-01-10", "2018")
) -> Annotated:
    article = Article(id="a", text=TEXT, raw=TEXT, origin="t", published=published)
    sentences = [
        Sentence(id="s0", article_id="a", index=0, start=0, end=39, text=TEXT[:39]),
        Sentence(id="s1", article_id="a", index=1, start=40, end=len(TEXT), text=TEXT[40:]),
    ]
    spans = [
        Span(id="t0", article_id="a", kind="timex", start=0, end=7, text="Venerdì",
             attrs={"value": values[0], "kind": "date", "resolved": True}),
        Span(id="t1", article_id="a", kind="timex", start=40, end=47, text="Nel 2018",
             attrs={"value": values[1], "kind": "date", "resolved": True}),
    ]
    return Annotated(article=article, spans=spans, sentences=sentences)


def test_published_counts_a_null_against_a_null_as_right():
    score = SCORERS["published"]({"published": None}, _result())
    assert (score.tp, score.fp, score.fn) == (0, 0, 0)
    assert score.report()["accuracy"] == 1.0


def test_published_wrong_date_is_a_false_hit_and_a_miss():
    score = SCORERS["published"]({"published": "2025-01-13"}, _result("2025-01-12"))
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)
    assert score.report()["accuracy"] == 0.0
    right = SCORERS["published"]({"published": "2025-01-13"}, _result("2025-01-13T08:00:00"))
    assert (right.tp, right.fp, right.fn) == (1, 0, 0)


def test_dates_scores_the_timex_of_the_evidence_sentence():
    gold = {
        "events": [
            {"evidence": "ha incontrato Pezeshkian", "date": "2025-01-10"},
            {"evidence": "Trump si è ritirato", "date": {"any_of": ["2018", "2018-05"]}},
            {"evidence": "ha incontrato", "date": None, "date_via_other_article": "2024-10-11"},
            {"evidence": "Putin", "date": None},
        ]
    }
    score = SCORERS["dates"](gold, _result())
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)


def test_dates_wrong_value_is_a_miss_and_a_false_hit_and_null_is_accepted_when_listed():
    gold = {
        "events": [
            {"evidence": "ha incontrato Pezeshkian", "date": "2025-01-17"},
            {"evidence": "Trump si è ritirato", "date": {"any_of": ["2019", None]}},
        ]
    }
    score = SCORERS["dates"](gold, _result())
    assert (score.tp, score.fp, score.fn) == (0, 2, 2)
    assert score.misses[0]["predicted"] == ["2025-01-10"]
    unresolved = _result(values=("XXXX-WXX-5", "XXXX"))
    for span in unresolved.spans:
        span.attrs["resolved"] = False
    score = SCORERS["dates"](gold, unresolved)
    assert (score.tp, score.fp, score.fn) == (1, 0, 1)
