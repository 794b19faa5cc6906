"""Country codes the event coder reads from the sentence for participants the entity
layer left uncoded, and the English argument rules that find those participants."""

from __future__ import annotations

from events_helpers import Ent, annotate, country, demonym, group, only, org, person

from newsgraph.annotate.events import lexicon
from newsgraph.annotate.events.tokens import view_for
from newsgraph.eval import plover_gsr as gsr
from newsgraph.model import Annotated, Article, Entity, Event


def _demonym(text: str, iso2: str, code: str) -> Ent:
    return demonym(text, iso2, code=code, country=iso2)


def _materiel(text: str) -> Ent:
    return Ent(text, "MATERIEL", f"materiel/{text}")


def test_a_nationality_adjective_qualifies_an_uncoded_people() -> None:
    text = "Thousands of Syrian Kurds marched against Turkey on Monday."
    doc = annotate(
        text,
        lang="en",
        ents=[
            _demonym("Syrian", "SY", "SYR"),
            group("Kurds", "kurds", kind="people"),
            country("Turkey", "TR", code="TUR"),
        ],
    )
    e = only(doc._.events, "PROTEST")
    assert e.actors == ["kurds"] and e.recipients == ["TR"]
    assert e.attrs["participant_codes"] == {"kurds": "SYR"}


def test_an_unknown_person_belongs_to_the_only_state_the_sentence_names() -> None:
    text = "Judge Marta Ruiz opened fraud investigations against Peruvian officials."
    doc = annotate(
        text,
        lang="en",
        ents=[person("Marta Ruiz", "ruiz"), _demonym("Peruvian", "PE", "PER")],
    )
    e = only(doc._.events, "ACCUSE")
    assert e.actors == ["ruiz"]
    assert e.attrs["participant_codes"] == {"ruiz": "PER"}


def test_two_states_in_the_sentence_place_no_one() -> None:
    text = "Judge Marta Ruiz opened fraud investigations against Peruvian and Bolivian officials."
    doc = annotate(
        text,
        lang="en",
        ents=[
            person("Marta Ruiz", "ruiz"),
            _demonym("Peruvian", "PE", "PER"),
            _demonym("Bolivian", "BO", "BOL"),
        ],
    )
    e = only(doc._.events, "ACCUSE")
    assert "participant_codes" not in e.attrs


def test_a_collective_construct_stays_uncoded_but_a_people_is_placed() -> None:
    ents = [country("Chile", "CL", code="CHL"), group("Mapuche", "mapuche", kind="people")]
    text = "Chile threatened the Mapuche."
    e = only(annotate(text, lang="en", ents=ents)._.events, "THREATEN")
    assert e.attrs["participant_codes"] == {"mapuche": "CHL"}
    ents = [country("Chile", "CL", code="CHL"), group("the West", "west")]
    e = only(annotate("Chile threatened the West.", lang="en", ents=ents)._.events, "THREATEN")
    assert "participant_codes" not in e.attrs


def test_an_international_organisation_does_not_count_as_a_state() -> None:
    text = "The newspaper El Faro accused the World Bank and Honduras of fraud."
    doc = annotate(
        text,
        lang="en",
        ents=[
            org("El Faro", "faro"),
            Ent("World Bank", "ORGANIZATION", "wb", attrs={"code": "IGO"}),
            country("Honduras", "HN", code="HND"),
        ],
    )
    e = only(doc._.events, "ACCUSE")
    assert e.actors == ["faro"]
    assert e.attrs["participant_codes"] == {"faro": "HND"}


def test_rocket_fire_after_a_light_verb_is_one_attack() -> None:
    text = "Sudanese forces launched artillery, mortar and rocket fire against Chadian posts."
    doc = annotate(
        text,
        lang="en",
        ents=[
            _demonym("Sudanese", "SD", "SDN"),
            _demonym("Chadian", "TD", "TCD"),
            _materiel("artillery"),
            _materiel("rocket"),
        ],
    )
    e = only(doc._.events, "ASSAULT")
    assert e.trigger == "fire"
    assert e.actors == ["SD"] and e.recipients == ["TD"]


def test_a_bare_verb_form_after_a_singular_weapon_is_a_noun() -> None:
    lex = lexicon.load("en")
    for text, word, verb in (
        ("A drone strike hit Chad.", "strike", False),
        ("The drone strikes Chad.", "strikes", True),
        ("The drones strike Chad.", "strike", True),
    ):
        doc = annotate(text, lang="en", ents=[_materiel(text.split()[1])], components=())
        view = view_for(doc, lex)
        i = next(t.i for t in doc if t.text == word)
        assert view.is_verb_at(i) is verb, text


def test_the_object_of_an_infinitive_is_not_a_to_recipient() -> None:
    text = "President Anna Berg promised to modernize Estonia."
    doc = annotate(
        text, lang="en", ents=[person("Anna Berg", "berg"), country("Estonia", "EE", code="EST")]
    )
    e = only(doc._.events, "AGREE")
    assert e.actors == ["berg"] and e.recipients == []
    text = "President Anna Berg promised to Estonia a new constitution."
    doc = annotate(
        text, lang="en", ents=[person("Anna Berg", "berg"), country("Estonia", "EE", code="EST")]
    )
    assert only(doc._.events, "AGREE").recipients == ["EE"]


def test_parties_agreeing_with_each_other_take_no_recipient_from_the_content() -> None:
    text = (
        "Chilean and Peruvian officials agreed that their countries should cooperate "
        "to help Bolivian farmers."
    )
    ents = [
        _demonym("Chilean", "CL", "CHL"),
        _demonym("Peruvian", "PE", "PER"),
        _demonym("Bolivian", "BO", "BOL"),
    ]
    e = only(annotate(text, lang="en", ents=ents)._.events, "AGREE")
    assert set(e.actors) == {"CL", "PE"} and e.recipients == []


def test_a_protest_is_addressed_to_whom_its_purpose_presses() -> None:
    text = "The Peasant League rallied on Monday to pressure the Congress of Peru."
    ents = [org("Peasant League", "league"), org("Congress of Peru", "congress")]
    e = only(annotate(text, lang="en", ents=ents)._.events, "PROTEST")
    assert e.actors == ["league"] and e.recipients == ["congress"]


def test_the_scorer_reads_the_codes_the_coder_gave() -> None:
    event = Event(
        id="e",
        article_id="a",
        sentence=0,
        start=0,
        end=1,
        type="PROTEST",
        trigger="x",
        actors=["kurds", "TR"],
        attrs={"participant_codes": {"kurds": "SYR"}},
    )
    result = Annotated(
        article=Article(id="a", text="x", raw="x", origin="t"),
        entities=[Entity("TR", "Turkey", "COUNTRY", code="TUR")],
        events=[event],
    )
    codes = event.attrs["participant_codes"]
    assert gsr.participant_codes(event.actors, result, codes) == {"SYR", "TUR"}
    assert gsr.participant_codes(event.actors, result) == {"TUR"}
