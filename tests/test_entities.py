"""The newsgraph_entities component on Italian and English sentences."""

from __future__ import annotations

from pathlib import Path

import spacy
from entities_helpers import ent, ents, run

from newsgraph.annotate.entities import EntityRecognizer
from newsgraph.pipeline import Pipeline


def test_countries_with_elision_and_adjectives() -> None:
    doc = run("L'Ucraina chiede aiuto dell'Iran contro d'Israele e i droni iraniani.")
    found = ents(doc)
    assert found["Ucraina"] == ("COUNTRY", "country/UA")
    assert found["Iran"] == ("COUNTRY", "country/IR")
    assert found["Israele"] == ("COUNTRY", "country/IL")
    assert ent(doc, "iraniani")._.attrs["form"] == "adjective"
    assert found["droni"][0] == "MATERIEL"


def test_names_with_an_elided_article_after_a_preposition() -> None:
    # "L'Aia" and "L'Avana" are written into a preposition: "dell'Aia", "all'Avana".
    doc = run(
        "Il tribunale dell'Aia ha deciso; il ministro è volato all'Avana. Maria Dell'Aia parla."
    )
    assert [(e.text, e.kb_id_) for e in doc.ents if e.label_ == "LOCATION"] == [
        ("Aia", "place/gn2747373"),
        ("Avana", "place/gn3553478"),
    ]
    assert ent(doc, "Maria Dell'Aia").label_ == "PERSON"  # a surname, not the city


def test_capital_as_place_or_as_government() -> None:
    doc = run("Mosca ha detto che il ministro sarà a Mosca venerdì, tra Mosca e Teheran.")
    readings = [
        (e.label_, e.kb_id_, e._.attrs.get("metonymy")) for e in doc.ents if e.text == "Mosca"
    ]
    assert readings[0] == ("COUNTRY", "country/RU", "capital")
    assert readings[1][:2] == ("LOCATION", "place/gn524901")
    assert readings[2] == ("COUNTRY", "country/RU", "capital")
    place = [e for e in doc.ents if e.text == "Mosca"][1]
    assert place._.attrs["stands_for"] == "country/RU"  # the other reading stays available
    actor = ent(doc, "Teheran")
    assert actor._.attrs["code"] == "IRN GOV"
    assert actor._.attrs["place"] == "place/gn112931"


def test_seat_of_power_is_its_own_organisation() -> None:
    doc = run("Lo ha annunciato il Cremlino, mentre la Casa Bianca tace.")
    kremlin = ent(doc, "Cremlino")
    assert (kremlin.label_, kremlin._.attrs["metonymy"], kremlin._.attrs["stands_for"]) == (
        "ORGANIZATION",
        "seat",
        "country/RU",
    )
    assert ent(doc, "Casa Bianca")._.attrs["code"] == "USA GOV"


def test_spellings_and_short_forms_are_one_entity_with_every_alias() -> None:
    doc = run(
        "Il presidente iraniano Massud Pezeshkian è arrivato. Putin ha accolto Masoud "
        "Pezeshkian e Massoud Pezeshkian ha risposto. Pezeshkian ha firmato."
    )
    ids = {e.kb_id_ for e in doc.ents if "Pezeshkian" in e.text}
    assert ids == {"person/masoud-pezeshkian"}
    record = doc._.entities["person/masoud-pezeshkian"]
    assert {"Massud Pezeshkian", "Masoud Pezeshkian", "Massoud Pezeshkian", "Pezeshkian"} <= set(
        record.aliases
    )


def test_unknown_people_from_roles_with_country_and_organisation() -> None:
    doc = run(
        "Il portavoce del ministero degli Esteri egiziano Tamer Halawani ha criticato il piano."
    )
    person = ent(doc, "Tamer Halawani")
    assert person.label_ == "PERSON"
    attrs = person._.attrs
    assert (attrs["role"], attrs["role_country"], attrs["role_org"]) == (
        "spokesperson",
        "EG",
        "org/EG/foreign-ministry",
    )
    ministry = ent(doc, "ministero degli Esteri egiziano")
    assert ministry._.attrs["code"] == "EGY GOV"


def test_roles_from_the_kb_are_dated_by_the_article() -> None:
    text = "Il primo ministro britannico Keir Starmer ha incontrato Joe Biden."
    dated = run(text, published="2025-01-13")
    assert ent(dated, "Joe Biden")._.attrs["role"] == "president"
    assert ent(dated, "Keir Starmer")._.attrs["role_source"] == "kb"
    later = run(text, published="2025-06-01")
    assert "role" not in ent(later, "Joe Biden")._.attrs
    undated = run(text)
    starmer = ent(undated, "Keir Starmer")._.attrs
    assert (starmer["role"], starmer["role_country"], starmer["role_source"]) == (
        "prime minister",
        "GB",
        "text",
    )


def test_titles_and_appositions() -> None:
    doc = run(
        "Lo ha detto il leader supremo, l'Ayatollah Ali Khamenei. Nella foto Farid Zamani, "
        "a sinistra, capo delle Guardie rivoluzionarie iraniane."
    )
    assert ent(doc, "Ali Khamenei")._.attrs["title"] == "ayatollah"
    assert ent(doc, "Ali Khamenei")._.attrs["role_text"] == "supreme leader"
    zamani = ent(doc, "Farid Zamani")._.attrs
    assert (zamani["role"], zamani["role_org"]) == ("head", "org/irgc")
    assert ent(doc, "Guardie rivoluzionarie iraniane").kb_id_ == "org/irgc"


def test_a_shared_surname_never_merges_two_people() -> None:
    doc = run("Joe Biden e Jill Biden sono arrivati. Biden ha parlato per primo.")
    assert ent(doc, "Joe Biden").kb_id_ != ent(doc, "Jill Biden").kb_id_
    alone = ent(doc, "Biden")
    assert alone.kb_id_ not in {ent(doc, "Joe Biden").kb_id_, ent(doc, "Jill Biden").kb_id_}
    assert alone._.rule == "entities.ambiguous_surname"


def test_filters_for_sentence_starts_weekdays_and_ordinary_words() -> None:
    doc = run("Come previsto, Venerdì il mercato era chiuso. Nella notte è arrivato Marco.")
    assert "Come" not in ents(doc) and "Venerdì" not in ents(doc)
    assert ents(doc)["Marco"][0] == "PERSON"


def test_materiel_systems_classes_and_unseen_designations() -> None:
    doc = run("Mosca ha lanciato missili Kh-101, droni Shahed-136 e un nuovo Kh-777 contro Kiev.")
    found = ents(doc)
    assert found["Kh-101"] == ("MATERIEL", "materiel/kh-101")
    assert found["Shahed-136"] == ("MATERIEL", "materiel/shahed-136")
    assert found["Kh-777"][0] == "MATERIEL"
    assert ent(doc, "Kh-777")._.rule == "entities.designation"


def test_english_roles_possessives_and_institutions() -> None:
    doc = run(
        "Iranian Foreign Minister Abbas Araghchi said Moscow's position was clear, and "
        "the Russian defence ministry met officials in Tehran.",
        lang="en",
        published="2025-01-10",
    )
    araghchi = ent(doc, "Abbas Araghchi")._.attrs
    assert (araghchi["role"], araghchi["role_text"]) == ("foreign minister", "foreign minister")
    assert ent(doc, "Moscow").label_ == "COUNTRY"
    assert ent(doc, "Tehran").label_ == "LOCATION"
    assert ent(doc, "Russian defence ministry")._.attrs["code"] == "RUS GOV"


def test_user_kb_files_through_the_component(tmp_path: Path) -> None:
    watchlist = tmp_path / "watch.yaml"
    watchlist.write_text(
        "- {id: org/test-front, name: Fronte di Prova, type: ORGANIZATION, code: ITA REB,\n"
        "   country: IT}\n",
        encoding="utf-8",
    )
    nlp = spacy.blank("it")
    nlp.add_pipe("newsgraph_sentences")
    component = nlp.add_pipe("newsgraph_entities", config={"kb_files": [str(watchlist)]})
    assert isinstance(component, EntityRecognizer)
    doc = run("Il Fronte di Prova ha rivendicato l'attacco.", pipeline=nlp)
    assert ents(doc)["Fronte di Prova"] == ("ORGANIZATION", "org/test-front")


def test_pipeline_records_carry_roles_and_entities() -> None:
    result = Pipeline().process_text(
        "Il presidente russo Vladimir Putin ha parlato con Recep Tayyip Erdogan.",
        language="it",
        published="2024-10-11",
    )
    putin = next(m for m in result.mentions if m.text == "Vladimir Putin")
    assert (putin.type, putin.entity_id, putin.role) == (
        "PERSON",
        "person/vladimir-putin",
        "president",
    )
    assert putin.rule.startswith("kb.") and 0 < putin.confidence <= 1
    entities = {e.id: e for e in result.entities}
    assert entities["person/vladimir-putin"].code == "RUS GOV"
    assert entities["person/recep-tayyip-erdogan"].country == "TR"
