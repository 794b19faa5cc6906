from datetime import date

from resolve_helpers import article, store_articles

from newsgraph.resolve import crossdoc
from newsgraph.resolve.events import interval, material_words

PUTIN = ("Putin", "person/vladimir-putin", "PERSON", "Vladimir Putin", "RU")
PEZ = ("Pezeshkian", "person/masoud-pezeshkian", "PERSON", "Masoud Pezeshkian", "IR")
ASHGABAT = ("Ashgabat", "place/ashgabat", "LOCATION", "Ashgabat", "TM")
KAZAN = ("Kazan", "place/kazan", "LOCATION", "Kazan", "RU")
TM = ("Turkmenistan", "country/TM", "COUNTRY", "Turkmenistan", "TM")
IRAN = ("Iran", "country/IR", "COUNTRY", "Iran", "IR")
RUSSIA = ("Russia", "country/RU", "COUNTRY", "Russia", "RU")


def meeting(location=None, when=None, directed=True, **extra):
    actors = ["person/vladimir-putin"] + ([] if directed else ["person/masoud-pezeshkian"])
    recipients = ["person/masoud-pezeshkian"] if directed else []
    fields = {
        "type": "CONSULT",
        "actors": actors,
        "recipients": recipients,
        "location": location,
        "date": when,
        "date_granularity": "day" if when else None,
        "date_method": "timex" if when else None,
        "attrs": {"reciprocal": not directed, "quad_class": 1},
    }
    return {**fields, **extra}


def _members(store):
    return {
        r["article_id"]: r for r in store.rows("SELECT * FROM event_clusters ORDER BY article_id")
    }


def test_one_meeting_in_two_articles_is_one_event_dated_from_the_other(store):
    store_articles(
        store,
        # Undated and published on an unknown day ("ha incontrato a Ashgabat").
        article("a1", None, [PUTIN, PEZ, ASHGABAT], [meeting("place/ashgabat")]),
        # A caption dates it; all participants in the actor field.
        article(
            "a2",
            "2025-01-13",
            [PUTIN, PEZ, ASHGABAT],
            [
                meeting("place/ashgabat", "2024-10-11", directed=False),
                meeting("place/kazan", "2024-10-23"),
            ],
        ),
    )
    summary = crossdoc.resolve(store)
    assert summary.events == 2 and summary.events_reported_twice == 1
    joint = store.rows("SELECT * FROM event_profiles WHERE articles = 2")[0]
    assert joint["date"] == "2024-10-11" and joint["location"] == "place/ashgabat"
    assert joint["mentions"] == 2
    undated = _members(store)["a1"]
    assert undated["cluster_id"] == joint["id"]
    assert undated["date"] == "2024-10-11" and undated["date_from"] is not None
    source = store.rows("SELECT article_id FROM events WHERE id = ?", [undated["date_from"]])
    assert source[0]["article_id"] == "a2"


def test_different_places_days_or_materiel_keep_events_apart(store):
    aid = {
        "type": "AID",
        "actors": ["country/IR"],
        "recipients": ["country/RU"],
        "attrs": {"quad_class": 2},
    }
    store_articles(
        store,
        article(
            "a1",
            "2024-10-12",
            [PUTIN, PEZ, ASHGABAT, IRAN, RUSSIA],
            [meeting("place/ashgabat", "2024-10-11"), {**aid, "materiel": ["droni"]}],
        ),
        article(
            "a2",
            "2024-10-24",
            [PUTIN, PEZ, KAZAN, IRAN, RUSSIA],
            [meeting("place/kazan", "2024-10-23"), {**aid, "materiel": ["Yak-130"]}],
        ),
        article("a3", "2024-10-12", [PUTIN, PEZ], [meeting(None, "2024-09-01")]),
        # Same day as the Kazan meeting, place not given: the same meeting.
        article("a4", "2024-10-24", [PUTIN, PEZ], [meeting(None, "2024-10-23")]),
    )
    crossdoc.resolve(store)
    rows = store.rows("SELECT articles FROM event_profiles ORDER BY articles")
    assert [r["articles"] for r in rows] == [1, 1, 1, 1, 2]


def test_a_city_fits_its_country_and_the_event_keeps_the_city(store):
    store_articles(
        store,
        article("a1", "2024-10-12", [PUTIN, PEZ, TM], [meeting("country/TM", "2024-10-11")]),
        article(
            "a2", "2024-10-12", [PUTIN, PEZ, ASHGABAT], [meeting("place/ashgabat", "2024-10-11")]
        ),
    )
    crossdoc.resolve(store)
    rows = store.rows("SELECT * FROM event_profiles")
    assert len(rows) == 1 and rows[0]["location"] == "place/ashgabat"


def test_events_of_one_article_are_never_merged_and_later_articles_join_incrementally(store):
    store_articles(
        store,
        article(
            "a1",
            "2024-10-12",
            [PUTIN, PEZ, ASHGABAT],
            [meeting("place/ashgabat", "2024-10-11"), meeting("place/ashgabat", None)],
        ),
    )
    crossdoc.resolve(store)
    assert len(store.rows("SELECT * FROM event_profiles")) == 2
    store_articles(
        store,
        article(
            "a2", "2024-10-13", [PUTIN, PEZ, ASHGABAT], [meeting("place/ashgabat", "2024-10-11")]
        ),
    )
    assert crossdoc.resolve(store).articles == 1
    counts = [r["articles"] for r in store.rows("SELECT articles FROM event_profiles")]
    assert sorted(counts) == [1, 2]


def test_intervals_and_materiel_words():
    assert interval("2024") == (date(2024, 1, 1), date(2024, 12, 31))
    assert interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert interval("2024-12") == (date(2024, 12, 1), date(2024, 12, 31))
    assert interval("2025-W03") == (date(2025, 1, 13), date(2025, 1, 19))
    assert interval("2024-10-11") == (date(2024, 10, 11), date(2024, 10, 11))
    assert interval(None) is None and interval("autunno") is None
    assert material_words(["droni suicidi"]) & material_words(["droni esplosivi"])
    assert not material_words(["tecnologia nucleare"]) & material_words(["Yak-130"])
