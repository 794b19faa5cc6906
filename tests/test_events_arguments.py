"""Recipients named inside the object: the agent or place phrase that modifies an object
naming no one ("a protest against abuses by X", "troops for a force in X"); and subjects
kept across a contrast word before their verb ("Il Cile però ha condannato")."""

from __future__ import annotations

import pytest
from events_helpers import annotate, country, group, only, org, person, place


def test_agent_of_a_nominal_object_after_a_recipient_preposition():
    text = "Activists from Canada held a protest against the abuses committed by Brazil."
    doc = annotate(text, lang="en", ents=[country("Canada", "CA"), country("Brazil", "BR")])
    e = only(doc._.events, "PROTEST")
    assert e.recipients == ["BR"]
    assert e.attrs["arguments"]["recipient"] == "object_modifier"


def test_agent_of_a_direct_object_after_a_verb():
    text = "Chile condemned the killings by Peru."
    doc = annotate(text, lang="en", ents=[country("Chile", "CL"), country("Peru", "PE")])
    e = only(doc._.events, "ACCUSE")
    assert e.actors == ["CL"] and e.recipients == ["PE"]


def test_passive_agent_stays_the_actor():
    text = "The killings were condemned by Chile."
    doc = annotate(text, lang="en", ents=[country("Chile", "CL")])
    e = only(doc._.events, "ACCUSE")
    assert e.actors == ["CL"] and e.recipients == []


def test_country_modifying_a_recipient_object_receives():
    text = "Japan supplied tents to a relief mission in Kenya."
    doc = annotate(text, lang="en", ents=[country("Japan", "JP"), country("Kenya", "KE")])
    e = only(doc._.events, "AID")
    assert e.actors == ["JP"] and e.recipients == ["KE"]


def test_a_town_modifying_the_object_is_a_place_not_a_recipient():
    text = "Chile condemned the killings in Arica."
    doc = annotate(text, lang="en", ents=[country("Chile", "CL"), place("Arica", "arica")])
    e = only(doc._.events, "ACCUSE")
    assert e.recipients == []


def test_italian_agent_of_the_object():
    text = "Il Cile ha condannato le violenze commesse dal Perù."
    doc = annotate(text, ents=[country("Cile", "CL"), country("Perù", "PE")])
    e = only(doc._.events, "ACCUSE")
    assert e.actors == ["CL"] and e.recipients == ["PE"]


def test_reported_predicative_stance_is_the_speakers():
    text = "Canada said on Friday that lifting the sanctions on Peru is out of the question."
    doc = annotate(text, lang="en", ents=[country("Canada", "CA"), country("Peru", "PE")])
    e = only(doc._.events, "REJECT")
    assert e.actors == ["CA"] and e.recipients == ["PE"]
    assert e.attrs["arguments"]["actor"] == "speaker"


def test_a_letter_after_a_slash_ends_a_name_not_a_phrase():
    text = "Chile and the FPMR/A have agreed to end the fighting."
    doc = annotate(text, lang="en", ents=[country("Chile", "CL"), group("FPMR", "fpmr")])
    e = only(doc._.events, "AGREE")
    assert set(e.actors) == {"CL", "fpmr"}


def test_the_subject_of_a_closing_reporting_verb_is_no_object():
    text = "Chile shelled the harbour on Monday, killing 50, Peru said."
    doc = annotate(text, lang="en", ents=[country("Chile", "CL"), country("Peru", "PE")])
    assert doc._.events
    assert all("PE" not in e.recipients for e in doc._.events)


def test_a_closing_reporter_is_no_conjunct_of_the_recipient():
    text = "Japan supplied tents to a relief mission in Kenya, Foreign Minister Taro Sato said."
    doc = annotate(
        text,
        lang="en",
        ents=[country("Japan", "JP"), country("Kenya", "KE"), person("Taro Sato", "sato")],
    )
    e = only(doc._.events, "AID")
    assert e.recipients == ["KE"]


def test_italian_reporter_after_a_compound_tense():
    text = "Il Cile ha bombardato il porto, uccidendo 50 persone, il Perù ha detto."
    doc = annotate(text, ents=[country("Cile", "CL"), country("Perù", "PE")])
    assert doc._.events
    assert all("PE" not in e.recipients for e in doc._.events)


def test_an_unnamed_crowd_acts_for_the_place_it_is_in():
    text = "Thousands of people blocked roads in Peru on Monday."
    doc = annotate(text, lang="en", ents=[country("Peru", "PE")])
    e = only(doc._.events, "PROTEST")
    assert e.actors == ["PE"] and e.attrs["arguments"]["actor"] == "located"


def test_a_subject_that_is_no_agent_is_not_located():
    text = "The decision blocked roads in Peru on Monday."
    doc = annotate(text, lang="en", ents=[country("Peru", "PE")])
    assert all(e.actors != ["PE"] for e in doc._.events)


def test_a_concession_after_talks_goes_to_the_negotiating_party():
    text = "The Teachers Union called off the strike after talks with Chile."
    doc = annotate(text, lang="en", ents=[org("Teachers Union", "tu"), country("Chile", "CL")])
    e = only(doc._.events, "CONCEDE")
    assert e.actors == ["tu"] and e.recipients == ["CL"]
    assert e.attrs["arguments"]["recipient"] == "negotiated"


def test_a_hostile_act_after_talks_does_not_target_the_negotiating_party():
    text = "Chile shelled the harbour after talks with Peru."
    doc = annotate(text, lang="en", ents=[country("Chile", "CL"), country("Peru", "PE")])
    e = only(doc._.events, "ASSAULT")
    assert e.recipients != ["PE"]


def test_events_dated_by_one_expression_share_the_day_a_retelling_gives():
    """ "Questa settimana" dates both the visit and the signing it is for; the visit told
    again with "venerdì" narrows both to that Friday."""
    from newsgraph.pipeline import Pipeline

    text = (
        "Il presidente francese Emmanuel Macron ospiterà il cancelliere tedesco Olaf Scholz "
        "questa settimana per la firma di un trattato tra Parigi e Berlino, ha detto lunedì "
        "l'Eliseo.\nMacron e Scholz discuteranno di cooperazione militare durante una visita "
        "a Parigi venerdì, ha detto la Francia."
    )
    events = Pipeline().process_text(text, published="2025-03-10").events
    dated = {e.type: (e.date, e.date_granularity) for e in events}
    assert dated["CONSULT"] == ("2025-03-14", "day")
    assert dated["AGREE"] == ("2025-03-14", "day")


def test_a_place_between_verb_and_object_does_not_swallow_the_object():
    """ "ha incontrato a Mosca il presidente …": the place ends its phrase at the article
    that starts the next one, which is the object (the one met) and not the place."""
    from newsgraph.pipeline import Pipeline

    text = (
        "Il presidente russo Vladimir Putin ha incontrato ieri a Mosca il presidente "
        "iraniano Masoud Pezeshkian."
    )
    (meeting,) = Pipeline().process_text(text).events
    assert meeting.type == "CONSULT"
    assert meeting.actors == ["person/vladimir-putin"]
    assert meeting.recipients == ["person/masoud-pezeshkian"]
    assert meeting.location is not None and meeting.location.startswith("place/")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Il Cile però ha condannato le violenze commesse dal Perù.", "it"),
        ("Il Cile, tuttavia, ha condannato le violenze commesse dal Perù.", "it"),
        ("Chile, however, condemned the killings by Peru.", "en"),
    ],
)
def test_a_contrast_word_between_subject_and_verb_opens_no_clause(text: str, lang: str) -> None:
    names = ("Cile", "Perù") if lang == "it" else ("Chile", "Peru")
    doc = annotate(text, lang=lang, ents=[country(names[0], "CL"), country(names[1], "PE")])
    e = only(doc._.events, "ACCUSE")
    assert e.actors == ["CL"] and e.recipients == ["PE"]


def test_a_contrast_word_after_a_clause_still_opens_one() -> None:
    text = "Il Cile ha firmato l'accordo, ma ha condannato le violenze commesse dal Perù."
    doc = annotate(text, ents=[country("Cile", "CL"), country("Perù", "PE")])
    e = only(doc._.events, "ACCUSE")
    assert e.actors == ["CL"] and e.recipients == ["PE"]
