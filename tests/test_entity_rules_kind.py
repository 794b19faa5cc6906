"""Entity rules that follow how Italian news names things (invented sentences throughout):
quoted titles, places after "in" and "presso", branches of organisations in a country,
national teams in match reports, online platforms as the medium, seats of power as
buildings, descriptions of police at work, regnal names, names listed after a
person's, institutions' words that lead longer names, names after a family or a
government, places after a place noun and "di", middle names, and airlines."""

from __future__ import annotations

import pytest
from entities_helpers import ent, run


def _texts(doc, label: str | None = None) -> list[str]:
    return [e.text for e in doc.ents if label is None or e.label_ == label]


def test_quoted_title_is_no_person() -> None:
    doc = run('Il regista ha presentato ieri il film "Nebbie Lontane" al pubblico di Bormio.')
    assert "Nebbie Lontane" not in _texts(doc)


def test_branch_of_an_organisation_in_a_country() -> None:
    doc = run("Il direttore di Velmarco Italia ha annunciato nuove assunzioni a Torino.")
    branch = ent(doc, "Velmarco Italia")
    assert branch.label_ == "ORGANIZATION"
    assert branch._.attrs["country"] == "IT"


def test_country_after_an_ordinary_capitalised_word_is_no_branch() -> None:
    doc = run("La finale di Coppa Italia si giocherà a Roma in maggio.")
    assert "Coppa Italia" not in _texts(doc)


def test_country_in_a_match_report_is_its_national_team() -> None:
    doc = run("Nella finale del torneo la Polonia ha battuto il Brasile per 3-1.")
    for name in ("Polonia", "Brasile"):
        team = ent(doc, name)
        assert (team.label_, team._.attrs["metonymy"]) == ("ORGANIZATION", "team")


def test_platform_named_as_the_medium_is_no_mention() -> None:
    doc = run("Il sindaco ha pubblicato la notizia sul suo profilo Instagram e su Twitter.")
    assert "Instagram" not in _texts(doc)
    assert "Twitter" not in _texts(doc)


def test_seat_of_power_after_a_place_preposition_is_the_building() -> None:
    doc = run("Il premier è stato ricevuto alla Casa Bianca. La Casa Bianca ha smentito.")
    at, acting = [e for e in doc.ents if e.text == "Casa Bianca"]
    assert at.label_ == "LOCATION"
    assert at._.attrs["stands_for"] == "org/US/presidency"
    assert (acting.label_, acting.kb_id_) == ("ORGANIZATION", "org/US/presidency")


def test_police_at_work_is_described_not_named() -> None:
    doc = run("Le forze di polizia hanno sgomberato la piazza. La polizia ha arrestato due uomini.")
    described, named = [e for e in doc.ents if e.text == "polizia"]
    assert described._.attrs.get("form") == "description"
    assert named._.attrs.get("form") is None


def test_law_is_no_entity() -> None:
    doc = run("Il Congresso ha approvato il Clean Rivers Act con ampia maggioranza.")
    assert "Clean Rivers Act" not in _texts(doc)


@pytest.mark.parametrize(
    "sentence",
    ["La figlia di Marina Brozzeri ha chiesto la grazia.", "Marina Brozzeri ha vinto il premio."],
)
def test_institution_word_that_is_a_first_name_before_a_name_leads_a_person(
    sentence: str,
) -> None:
    doc = run(sentence)
    assert "Marina" not in _texts(doc)
    assert ent(doc, "Marina Brozzeri").label_ == "PERSON"


@pytest.mark.parametrize("name", ["Marina Militare", "Marina Britannica"])
def test_institution_word_before_an_adjective_leads_no_person(name: str) -> None:
    doc = run(f"La {name} ha soccorso quaranta persone al largo di Lampedusa.")
    assert ent(doc, name).label_ == "ORGANIZATION"


def test_place_before_a_person_stays_apart() -> None:
    doc = run("Il sindaco di Valdoria Giuseppe Brozzeri ha chiuso le scuole.")
    assert "Valdoria Giuseppe Brozzeri" not in _texts(doc)
    assert ent(doc, "Giuseppe Brozzeri").label_ == "PERSON"


#: (what the case shows, sentence, name, its label)
LABELLED = [
    (
        "institution_running_on_into_a_name_is_that_name",
        "Il ministro della Repubblica Popolare di Valdoria ha firmato il trattato.",
        "Repubblica Popolare di Valdoria",
        "ORGANIZATION",
    ),
    (
        "institution_running_on_into_a_name_is_that_name",
        "Ieri si è riunito il Consiglio Nazionale del partito a Bologna.",
        "Consiglio Nazionale",
        "ORGANIZATION",
    ),
    (
        "name_listed_after_a_person_is_a_person",
        "Alla cena erano presenti Corrado Brunazzi, Ferlenghi e Tosoni.",
        "Ferlenghi",
        "PERSON",
    ),
    (
        "name_listed_after_a_person_is_a_person",
        "Alla cena erano presenti Corrado Brunazzi, Ferlenghi e Tosoni.",
        "Tosoni",
        "PERSON",
    ),
    (
        "congress_and_navy_alone_are_organisations",
        "Il presidente chiederà al Congresso nuovi fondi per la scuola della Marina.",
        "Congresso",
        "ORGANIZATION",
    ),
    (
        "congress_and_navy_alone_are_organisations",
        "Il presidente chiederà al Congresso nuovi fondi per la scuola della Marina.",
        "Marina",
        "ORGANIZATION",
    ),
    (
        "family_and_government_named_for_a_person",
        "Il castello passò alla famiglia Brozzeri, poi fu venduto durante il Governo Valdani.",
        "Brozzeri",
        "PERSON",
    ),
    (
        "family_and_government_named_for_a_person",
        "Il castello passò alla famiglia Brozzeri, poi fu venduto durante il Governo Valdani.",
        "Valdani",
        "PERSON",
    ),
    (
        "unknown_name_after_in_or_presso_is_a_place",
        "Due operai sono rimasti feriti presso Vezzolo Superiore, in provincia di Cuneo.",
        "Vezzolo Superiore",
        "LOCATION",
    ),
    (
        "unknown_name_after_a_is_still_a_person",
        "Il premio è stato consegnato a Tarquinio Brozzeri durante la serata.",
        "Tarquinio Brozzeri",
        "PERSON",
    ),
    (
        "country_in_a_sentence_with_a_range_but_no_sport_is_the_country",
        "In Polonia i giovani tra 18-24 anni votano meno degli anziani.",
        "Polonia",
        "COUNTRY",
    ),
    (
        "platform_acting_is_the_company",
        "Twitter ha sospeso l'account del ministro.",
        "Twitter",
        "ORGANIZATION",
    ),
    (
        "regnal_name_is_no_town",
        "L'enciclica fu firmata da papa Paolo VI nel 1967.",
        "Paolo VI",
        "PERSON",
    ),
    (
        "holy_see_is_an_organisation",
        "La Santa Sede ha espresso preoccupazione per la situazione.",
        "Santa Sede",
        "ORGANIZATION",
    ),
    (
        "hospital_named_by_its_head_is_a_place",
        "Il ferito è stato trasportato all'Ospedale Santa Lucilla con l'elicottero.",
        "Ospedale Santa Lucilla",
        "LOCATION",
    ),
    (
        "institution_before_a_person_stays_the_institution",
        "Il presidente della Repubblica Tarquinio Brozzeri ha parlato ieri.",
        "Repubblica",
        "ORGANIZATION",
    ),
    (
        "name_after_a_place_noun_and_di_is_a_place",
        "L'uomo è stato ricoverato all'ospedale di Sorvico Alto dopo l'incidente.",
        "Sorvico Alto",
        "LOCATION",
    ),
    (
        "unknown_first_word_before_a_first_name_is_one_name",
        "Ha parlato ieri il giornalista britannico Tobin John Farraday alla stampa.",
        "Tobin John Farraday",
        "PERSON",
    ),
    (
        "airline_named_with_air_is_an_organisation",
        "Un aereo della Tobin Air è atterrato a Bari.",
        "Tobin Air",
        "ORGANIZATION",
    ),
]


@pytest.mark.parametrize(
    ("case", "sentence", "name", "label"), LABELLED, ids=[c[0] for c in LABELLED]
)
def test_name_gets_its_label(case: str, sentence: str, name: str, label: str) -> None:
    assert ent(run(sentence), name).label_ == label


def test_town_named_like_a_priest_is_the_priest_outside_a_place_context() -> None:
    doc = run("Secondo Padre Bernardo Valtieri la situazione è gravissima.")
    assert ent(doc, "Bernardo Valtieri").label_ == "PERSON"
    doc = run("Il sindaco di Padre Bernardo ha chiuso le scuole.")
    assert ent(doc, "Padre Bernardo").label_ == "LOCATION"
