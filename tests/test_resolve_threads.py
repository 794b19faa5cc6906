"""Stories linked into threads: a story that resumes after its window closed."""

from collections import Counter
from datetime import date

from resolve_helpers import article, store_articles

from newsgraph.resolve import crossdoc, stories

FEATURES = ("e:country/IR", "e:country/RU", "t:trattato", "t:partenariato", "t:strategico")


def _art(aid: str, day: date) -> stories.ArticleFeatures:
    return stories.ArticleFeatures(aid, day, Counter(FEATURES))


def test_a_story_resumed_after_its_window_joins_the_earlier_thread():
    c = stories.StoryClusterer()
    first = c.add(_art("a", date(2025, 1, 10)))
    assert c.add(_art("b", date(2025, 1, 12))) == first
    later = c.add(_art("c", date(2025, 3, 1)))  # weeks later: a new story of the thread
    assert later != first
    assert c.thread(later) == c.thread(first) == first
    other = c.add(stories.ArticleFeatures("d", date(2025, 3, 2), Counter({"t:calcio": 2})))
    assert c.thread(other) == other


def test_threads_are_stored_and_survive_a_later_run(store):
    iran = ("Iran", "country/IR", "COUNTRY", "Iran", "IR")
    russia = ("Russia", "country/RU", "COUNTRY", "Russia", "RU")
    store_articles(store, article("a1", "2025-01-10", [iran, russia]))
    crossdoc.resolve(store)
    store_articles(store, article("a2", "2025-03-01", [iran, russia]))
    crossdoc.resolve(store)
    store_articles(store, article("a3", "2025-05-01", [iran, russia]))
    crossdoc.resolve(store)
    rows = store.rows(
        "SELECT id, attrs->>'thread' AS thread, first_date FROM stories ORDER BY first_date"
    )
    assert len(rows) == 3
    assert {r["thread"] for r in rows} == {rows[0]["id"]}
