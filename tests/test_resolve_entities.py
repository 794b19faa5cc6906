import json

from resolve_helpers import article, store_articles

from newsgraph.resolve import crossdoc
from newsgraph.resolve.timeline import entity_card, find_entity

PUTIN = ("Vladimir Putin", "person/vladimir-putin", "PERSON", "Vladimir Putin", "RU")
IRAN = ("Iran", "country/IR", "COUNTRY", "Iran", "IR")
RUSSIA = ("Russia", "country/RU", "COUNTRY", "Russia", "RU")
KREMLIN = ("Cremlino", "org/RU/presidency", "ORGANIZATION", "Kremlin", "RU")


def _name(text, key, country=None, name=None):
    """A name the KB lacks: the annotator ids it by its variant key."""
    return (text, f"ent/{key}", "PERSON", name or text, country)


def _clusters(store):
    return {r["entity_id"]: r["cluster_id"] for r in store.rows("SELECT * FROM entity_clusters")}


def test_kb_entity_across_articles_keeps_every_alias_count_and_role(store):
    store_articles(
        store,
        article(
            "a1",
            "2024-10-11",
            [PUTIN, ("Putin", *PUTIN[1:]), IRAN],
            role={"Vladimir Putin": "president"},
        ),
        article("a2", "2025-01-13", [("Putin", *PUTIN[1:]), ("Путин", *PUTIN[1:])]),
    )
    crossdoc.resolve(store)
    card = entity_card(store, "putin")
    assert card["id"] == "person/vladimir-putin"
    assert card["aliases"] == {"Putin": 2, "Vladimir Putin": 1, "Путин": 1}
    assert (card["mentions"], card["articles"]) == (4, 2)
    assert card["roles"][0]["role"] == "president" and card["roles"][0]["country"] == "RU"
    assert str(card["first_seen"]) == "2024-10-11" and str(card["last_seen"]) == "2025-01-13"


def test_spellings_of_a_name_the_kb_lacks_become_one_entity(store):
    store_articles(
        store,
        article("a1", "2024-01-01", [_name("Massud Rahimi", "k1", "IR"), IRAN]),
        article("a2", "2024-01-02", [_name("Masoud Rahimi", "k2", "IR"), IRAN]),
    )
    crossdoc.resolve(store)
    ids = _clusters(store)
    assert ids["ent/k1"] == ids["ent/k2"]
    prof = find_entity(store, "Masoud Rahimi")
    assert prof["aliases"] == {"Massud Rahimi": 1, "Masoud Rahimi": 1}


def test_same_name_with_different_countries_stays_two_entities(store):
    store_articles(
        store,
        article("a1", "2024-01-01", [_name("Ali Rezaei", "k1", "IR")]),
        article("a2", "2024-01-02", [_name("Aly Rezaei", "k2", "AF")]),
    )
    crossdoc.resolve(store)
    ids = _clusters(store)
    assert ids["ent/k1"] != ids["ent/k2"]


def test_a_surname_alone_joins_the_one_full_name_in_context_only(store):
    store_articles(
        store,
        article("a1", "2024-01-01", [_name("Alexander Shcherbak", "full", "RU"), KREMLIN]),
        article("a2", "2024-01-02", [_name("Shcherbak", "sur", name="Shcherbak"), KREMLIN]),
        # The same surname in an article about something else: another person, maybe.
        article("a3", "2024-01-03", [_name("Shcherbak", "sur", name="Shcherbak")]),
        # Sharing only a country says too little.
        article("a4", "2024-01-03", [_name("Shcherbak", "sur", name="Shcherbak"), RUSSIA]),
    )
    crossdoc.resolve(store)
    ids = _clusters(store)
    assert ids["ent/sur@a2"] == "ent/full"
    assert ids["ent/sur@a3"] == "ent/sur@a3" and ids["ent/sur@a4"] == "ent/sur@a4"


def test_a_word_that_is_also_a_first_name_joins_no_one(store):
    store_articles(
        store,
        article("a1", "2024-01-01", [_name("Ron Paul", "rp", "US"), KREMLIN]),
        article("a2", "2024-01-01", [_name("Paul Gascoigne", "pg", "GB")]),
        article("a3", "2024-01-02", [_name("Paul", "p", name="Paul"), KREMLIN]),
    )
    crossdoc.resolve(store)
    assert _clusters(store)["ent/p@a3"] == "ent/p@a3"


def test_a_surname_shared_by_two_people_joins_neither(store):
    store_articles(
        store,
        article("a1", "2024-01-01", [_name("Richard Brown", "rb", "US"), KREMLIN]),
        article("a2", "2024-01-01", [_name("Laura Brown", "lb", "US"), KREMLIN]),
        article("a3", "2024-01-02", [_name("Brown", "b", name="Brown"), KREMLIN]),
    )
    crossdoc.resolve(store)
    ids = _clusters(store)
    assert ids["ent/b@a3"] == "ent/b@a3" and ids["ent/rb"] != ids["ent/lb"]


def test_resolution_is_incremental_and_a_later_full_name_takes_in_an_earlier_surname(store):
    store_articles(
        store, article("a1", "2024-01-01", [_name("Kenare", "s", name="Kenare"), KREMLIN])
    )
    first = crossdoc.resolve(store)
    assert first.articles == 1
    store_articles(store, article("a2", "2024-01-05", [_name("Atta Kenare", "f"), KREMLIN]))
    second = crossdoc.resolve(store)
    assert second.articles == 1  # only the new article was read
    assert crossdoc.resolve(store).articles == 0
    ids = _clusters(store)
    assert ids["ent/s@a1"] == ids["ent/f"] == "ent/f"
    prof = store.rows("SELECT * FROM entity_profiles WHERE id = 'ent/f'")[0]
    assert json.loads(prof["aliases"]) == {"Kenare": 1, "Atta Kenare": 1}
    assert prof["articles"] == 2
    assert not store.rows("SELECT * FROM entity_profiles WHERE id = 'ent/s@a1'")


def test_rebuild_gives_the_same_result(store):
    store_articles(
        store,
        article("a1", "2024-01-01", [_name("Massud Rahimi", "k1", "IR"), IRAN]),
        article("a2", "2024-01-02", [_name("Masoud Rahimi", "k2", "IR"), IRAN]),
    )
    crossdoc.resolve(store)
    before = store.rows("SELECT * FROM entity_profiles ORDER BY id")
    crossdoc.resolve(store, rebuild=True)
    assert store.rows("SELECT * FROM entity_profiles ORDER BY id") == before
