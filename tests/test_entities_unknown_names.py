"""Names the KB lacks, read from cues in the sentence and in the rest of the article, and
institutions described rather than named (invented sentences throughout)."""

from __future__ import annotations

from pathlib import Path

from entities_helpers import ent, run

from newsgraph.config import Settings
from newsgraph.eval import conll


def _texts(doc, label: str) -> list[str]:
    return [e.text for e in doc.ents if e.label_ == label]


def test_surname_of_two_people_is_still_a_person() -> None:
    doc = run(
        "Ieri Corrado Brunazzi e Tiziano Brunazzi sono partiti. Più tardi i fratelli "
        "Brunazzi hanno chiamato casa."
    )
    alone = [e for e in doc.ents if e.text == "Brunazzi"]
    assert len(alone) == 1
    assert (alone[0].label_, alone[0]._.rule) == ("PERSON", "entities.ambiguous_surname")
    assert sorted(alone[0]._.attrs["candidates"]) == sorted(
        {e.kb_id_ for e in doc.ents if e.text.endswith(" Brunazzi")}
    )


def test_first_name_alone_is_the_one_person_named_in_full() -> None:
    doc = run(
        "Ieri Ottavia Ferlenghi ha vinto la gara di Bormio. Secondo gli allenatori, "
        "Ottavia era la favorita."
    )
    full = ent(doc, "Ottavia Ferlenghi")
    alone = [e for e in doc.ents if e.text == "Ottavia"]
    assert len(alone) == 1
    assert (alone[0].label_, alone[0].kb_id_) == ("PERSON", full.kb_id_)


def test_first_name_alone_links_whether_listed_or_not() -> None:
    # "Ottavia" above is a listed first name, found alone by the first-name rule too;
    # "Orsolina" is not listed, and found alone only as the person's short form.
    doc = run(
        "Ieri Orsolina Ferlenghi ha vinto a Bormio. Secondo gli allenatori, Orsolina è forte."
    )
    alone = [e for e in doc.ents if e.text == "Orsolina"]
    assert [(e.label_, e.kb_id_) for e in alone] == [
        ("PERSON", ent(doc, "Orsolina Ferlenghi").kb_id_)
    ]


def test_first_word_of_other_names_is_no_first_name() -> None:
    doc = run(
        "Il nuovo Zorvo Lento è uscito, con lo Zorvo OS. Secondo gli esperti lo Zorvo convince."
    )
    assert not [e for e in doc.ents if e.text == "Zorvo"]


def test_name_found_with_a_cue_is_the_same_name_where_repeated() -> None:
    doc = run(
        "Il sindaco di Varzolo ha chiesto aiuto alla regione. Varzolo è isolata da due "
        "giorni e i soccorsi non arrivano."
    )
    found = [e for e in doc.ents if e.text == "Varzolo"]
    assert [e.label_ for e in found] == ["LOCATION", "LOCATION"]
    assert found[1]._.rule == "entities.repeat"
    assert found[0].kb_id_ == found[1].kb_id_


def test_repeat_is_not_taken_inside_a_longer_name() -> None:
    doc = run("Il sindaco di Varzolo ha parlato. Poi Varzolo Nuovo ha votato contro.")
    assert [e._.rule for e in doc.ents if "Varzolo" in e.text] == ["entities.place_word"]


def test_portfolio_between_a_minister_and_the_name_is_no_part_of_it() -> None:
    doc = run("Il ministro del Turismo Fabbrucci ha firmato il decreto ieri sera.")
    person = ent(doc, "Fabbrucci")
    assert (person.label_, person._.rule) == ("PERSON", "entities.role_cue")
    assert person._.attrs["role"] == "minister"
    assert not [e for e in doc.ents if "Turismo" in e.text]


def test_small_di_before_a_known_place_or_a_first_name_ends_a_name() -> None:
    doc = run("Il dirigente della Brozzi Marelli di Torino è stato ascoltato.")
    assert ent(doc, "Brozzi Marelli").label_ == "ORGANIZATION"
    assert ent(doc, "Torino").label_ == "LOCATION"
    doc = run("Ieri sera è andato in onda il film Nebbie di Robert Fanshawe.")
    assert ent(doc, "Robert Fanshawe").label_ == "PERSON"


def test_capital_particle_inside_a_surname() -> None:
    doc = run("Ieri sera ha parlato Lucrezia Di Vanzetti ai giornalisti.")
    assert ent(doc, "Lucrezia Di Vanzetti").label_ == "PERSON"


def test_word_before_a_first_name_may_be_a_first_name_too() -> None:
    doc = run("Ieri il cantante Grimmo Daniele ha annullato il concerto.")
    assert ent(doc, "Grimmo Daniele").label_ == "PERSON"
    # An ordinary word before a first name is no part of the name.
    doc = run("Ieri il presidente della Repubblica Carlo Azeglio Ciampi ha parlato.")
    assert ent(doc, "Carlo Azeglio Ciampi").label_ == "PERSON"


def test_nickname_and_nouns_that_take_a_persons_name() -> None:
    doc = run("Ha vinto Aldo Ferracuti detto Saetta, davanti a tutti.")
    assert (ent(doc, "Saetta").label_, ent(doc, "Saetta")._.rule) == (
        "PERSON",
        "entities.nickname",
    )
    doc = run("La procura indaga sulla morte di Zambrotti, trovato ieri nel fiume.")
    assert ent(doc, "Zambrotti").label_ == "PERSON"


def test_parts_and_routes_of_known_places() -> None:
    doc = run(
        "Piove nell'Italia centrale e nel Nord Italia, mentre la Germania Est ricorda. "
        "La ferrovia Roma-Ostiense è chiusa, come tutto il Sud-Italia."
    )
    for text in ("Italia centrale", "Nord Italia", "Germania Est", "Roma-Ostiense", "Sud-Italia"):
        mention = ent(doc, text)
        assert mention.label_ == "LOCATION", text
        assert mention._.attrs["place"], text
    assert ent(doc, "Italia centrale")._.attrs["place"] == "country/IT"
    assert "Italia" not in [e.text for e in doc.ents]  # the parts win over the country


def test_hyphenated_words_that_start_from_no_place_are_no_route() -> None:
    doc = run("Il gruppo Zentra-Volpi ha presentato il bilancio.")
    assert not [e for e in doc.ents if e.text == "Zentra-Volpi" and e.label_ == "LOCATION"]


def test_organisation_tail_after_a_known_place_makes_one_name() -> None:
    doc = run("Lo ha detto ieri al New York Post un amico dell'attore.")
    assert ent(doc, "New York Post").label_ == "ORGANIZATION"


def test_descriptive_head_types_the_name_without_joining_it() -> None:
    doc = run("Hanno manifestato i militanti del movimento Vento Sereno davanti al municipio.")
    assert ent(doc, "Vento Sereno").label_ == "ORGANIZATION"


def test_described_institutions_stay_actors_but_are_marked() -> None:
    doc = run("Le autorità tedesche hanno confermato, mentre la polizia ha arrestato tre uomini.")
    described = ent(doc, "autorità tedesche")
    assert described.label_ == "ORGANIZATION"
    assert described._.attrs["form"] == "description"
    assert described._.attrs["code"] == "DEU GOV"
    assert "form" not in ent(doc, "polizia")._.attrs


def test_institution_after_a_bare_particle_qualifies_the_noun_before_it() -> None:
    doc = run("Dopo la crisi di governo, la visita di Stato è stata rinviata dal governo.")
    assert [(e.text, e.start_char) for e in doc.ents] == [("governo", doc.text.rindex("governo"))]
    doc = run("Il capo del governo ha incontrato i giudici del Consiglio di Stato.")
    assert {"governo", "Consiglio di Stato"} <= {e.text for e in doc.ents}


IOB = """\
Le\tO
autorità\tO
tedesche\tO
hanno\tO
confermato\tO
che\tO
la\tO
polizia\tB-ORG
ha\tO
arrestato\tO
Aldo\tB-PER
Ferracuti\tI-PER
.\tO
"""


def test_conll_scorer_skips_descriptions(tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text(IOB, encoding="utf-8")
    settings = Settings(components=("newsgraph_sentences", "newsgraph_entities"), ner_model=None)
    ner = conll.evaluate(gold, settings)["layers"]["ner"]
    assert (ner["tp"], ner["fp"], ner["fn"]) == (2, 0, 0)


def test_religious_title_is_part_of_the_name_but_not_of_the_entity() -> None:
    doc = run("Ieri suor Ermelinda Cavazzuti ha aperto la mensa dei poveri.")
    nun = ent(doc, "suor Ermelinda Cavazzuti")
    assert nun.label_ == "PERSON"
    assert doc._.entities[nun.kb_id_].name == "Ermelinda Cavazzuti"


def test_event_names_are_no_names_of_people_or_organisations() -> None:
    doc = run("Ieri si è aperto il Varzolo JazzFestival, dopo la Zorvo Cup dell'anno scorso.")
    assert not [e for e in doc.ents if "JazzFestival" in e.text or "Cup" in e.text]


def test_initials_are_no_acronym() -> None:
    doc = run("Ha letto le lettere di J.K. Ferlenghi e un comunicato della FIVL.")
    assert not [e for e in doc.ents if e.text == "J.K." and e.label_ == "ORGANIZATION"]
    assert ent(doc, "FIVL").label_ == "ORGANIZATION"


def test_name_alone_in_brackets_after_another_is_an_organisation() -> None:
    doc = run("Il romanzo Le ombre di Aldo Ferracuti (Gallo Bianchetti) è uscito ieri.")
    assert ent(doc, "Gallo Bianchetti").label_ == "ORGANIZATION"
    assert ent(doc, "Aldo Ferracuti").label_ == "PERSON"


def test_city_after_a_definite_article_is_its_club() -> None:
    doc = run(
        "Ieri il Napoli ha battuto la Roma, mentre a Roma pioveva. Il Varese JazzFestival apre."
    )
    clubs = [e for e in doc.ents if e._.rule == "kb.team"]
    assert [(e.text, e.label_) for e in clubs] == [
        ("Napoli", "ORGANIZATION"),
        ("Roma", "ORGANIZATION"),
    ]
    assert clubs[1]._.attrs["place"] == "place/gn3169070"
    assert clubs[1].kb_id_ != "place/gn3169070"
    assert [e.label_ for e in doc.ents if e.text == "Roma"] == ["ORGANIZATION", "LOCATION"]
    assert ent(doc, "Varese").label_ == "LOCATION"  # part of a longer name: no club


def test_city_whose_name_takes_an_article_is_no_club() -> None:
    doc = run(
        "Il ministro è tornato al Cairo dopo il vertice. "
        "Migliaia di fedeli sono arrivati alla Mecca. Il Cairo ha protestato."
    )
    assert not [e for e in doc.ents if e._.rule == "kb.team"]
    assert ent(doc, "Cairo").label_ == "LOCATION"  # "al Cairo": the place, as "a Mosca"
    assert ent(doc, "Mecca").label_ == "LOCATION"
    assert ent(doc, "Il Cairo").label_ == "COUNTRY"  # the government that protests


def test_english_name_in_italian_text_keeps_its_particles() -> None:
    doc = run(
        "Lo studio del Wexford Institute of Marine Biology di Boston è uscito ieri. "
        "Lo ha criticato la Caledonian League for Open Science."
    )
    institute = ent(doc, "Wexford Institute of Marine Biology")  # not "di Boston"
    league = ent(doc, "Caledonian League for Open Science")
    assert (institute.label_, league.label_) == ("ORGANIZATION", "ORGANIZATION")
    assert ent(doc, "Boston").label_ == "LOCATION"
    # An Italian particle after a tail word is not an English name's: no join.
    doc = run("Il Varese Calcio in Lombardia ha vinto.")
    assert "Varese Calcio in Lombardia" not in [e.text for e in doc.ents]


def test_place_after_a_first_name_is_a_surname() -> None:
    doc = run("Ieri Ottavio Lisbona ha incontrato a Lisbona il ministro.")
    person = ent(doc, "Ottavio Lisbona")
    assert person.label_ == "PERSON"
    assert [e.label_ for e in doc.ents if e.text == "Lisbona"] == ["LOCATION"]  # the city
    doc = run("Ieri l'attore Wendell Washington ha ritirato il premio.")
    assert ent(doc, "Wendell Washington").label_ == "PERSON"  # a role introduces the name


def test_nickname_follows_a_name_and_speaker_a_speech_verb() -> None:
    doc = run("Il boss Aldo Ferracuti, detto Saetta, è fuggito. «Tornerò», ha detto Brunazzi.")
    assert ent(doc, "Saetta")._.rule == "entities.nickname"
    assert (ent(doc, "Brunazzi").label_, ent(doc, "Brunazzi")._.rule) == (
        "PERSON",
        "entities.speaker",
    )
