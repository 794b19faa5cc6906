from resolve_helpers import article, store_articles

from newsgraph.resolve import crossdoc, timeline

IRAN = ("Teheran", "country/IR", "COUNTRY", "Iran", "IR")
RUSSIA = ("Mosca", "country/RU", "COUNTRY", "Russia", "RU")
US = ("Stati Uniti", "country/US", "COUNTRY", "United States", "US")


def ev(etype, quad, actors, recipients, when=None, modality="asserted"):
    return {
        "type": etype,
        "actors": actors,
        "recipients": recipients,
        "date": when,
        "date_granularity": {4: "year", 7: "month", 10: "day"}.get(len(when or "")),
        "modality": modality,
        "attrs": {"quad_class": quad},
    }


def _store(store):
    store_articles(
        store,
        article(
            "a1",
            "2024-10-12",
            [IRAN, RUSSIA, US],
            [
                ev("CONSULT", 1, ["country/IR", "country/RU"], [], "2024-10-11"),
                ev("AID", 2, ["country/IR"], ["country/RU"], None, "alleged"),
                ev("SANCTION", 4, ["country/US"], ["country/IR"], "2024-10-10"),
            ],
        ),
        article(
            "a2",
            "2024-11-20",
            [IRAN, RUSSIA],
            [
                ev("ACCUSE", 3, ["country/RU"], ["country/IR"], "2024-11"),
                ev("AID", 2, ["country/RU"], ["country/IR"], "2023"),
            ],
        ),
    )
    crossdoc.resolve(store)


def test_dyad_lists_the_pairs_events_in_date_order_with_evidence(store):
    _store(store)
    events = timeline.dyad(store, "Mosca", "iran")
    assert [e["type"] for e in events] == ["AID", "CONSULT", "AID", "ACCUSE"]
    assert events[0]["date"] == "2023"  # an event of 2023 reported in 2024 comes first
    alleged = events[2]
    assert alleged["date"] is None and alleged["first_reported"] == "2024-10-12"
    assert alleged["modalities"] == {"alleged": 1}
    assert alleged["actors"] == ["Iran"] and alleged["recipients"] == ["Russia"]
    assert alleged["evidence"][0]["article_id"] == "a1"
    assert alleged["evidence"][0]["sentence_text"].startswith("Teheran")
    assert all(e["type"] != "SANCTION" for e in events)  # not between the two
    assert [e["type"] for e in timeline.timeline(store, "United States")] == ["SANCTION"]
    assert [e["type"] for e in timeline.dyad(store, "Russia", "Iran", since="2024-11")] == [
        "ACCUSE"
    ]


def test_monthly_quad_counts_and_cooperation_curve(store):
    _store(store)
    months = timeline.monthly(store, "Iran", "Russia")
    by_month = {m["month"]: m for m in months}
    # 2023 is only a year: counted in the month it was reported.
    assert by_month["2024-10"]["verbal_cooperation"] == 1
    assert by_month["2024-10"]["material_cooperation"] == 1
    assert by_month["2024-11"]["verbal_conflict"] == 1
    assert by_month["2024-11"]["material_cooperation"] == 1
    assert by_month["2024-10"]["cooperation"] == 1.0
    assert by_month["2024-11"]["cooperation"] == 0.0
    assert timeline.curve(store, "Iran", "Russia") == [("2024-10", 1.0), ("2024-11", 0.0)]


def test_unknown_actor_is_reported(store):
    _store(store)
    try:
        timeline.timeline(store, "Atlantide")
    except timeline.UnknownActor as exc:
        assert "Atlantide" in str(exc)
    else:
        raise AssertionError("an unknown actor must raise UnknownActor")
