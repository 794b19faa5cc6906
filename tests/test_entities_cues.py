"""Entity rules that read the words around a name: homonyms of towns, words that spell an
acronym, adjectives that look like institutions, articles and descriptive nouns before
unknown names, and places that end an organisation's name."""

from __future__ import annotations

from entities_helpers import ent, ents, run


def test_town_homonyms_need_a_place_word_before_them() -> None:
    doc = run("La Sala stampa vaticana ha smentito. Il vertice si è tenuto a Sala ieri.")
    texts = [(e.text, e.start_char) for e in doc.ents]
    assert ("Sala", 0 + 3) not in texts  # "La Sala stampa": the room
    assert ent(doc, "Sala").label_ == "LOCATION" and ent(doc, "Sala").start_char > 30
    english = run("The Nigerian Union of Teachers called off the strike.", lang="en")
    assert ents(english).get("Union") is None


def test_born_at_the_start_of_a_sentence_is_not_nato() -> None:
    doc = run("Nato a Verona nel 1927, fu ministro. Ieri la Nato ha convocato il vertice.")
    nato = [e for e in doc.ents if e.text == "Nato"]
    assert len(nato) == 1 and nato[0].start_char > 30
    assert nato[0].kb_id_ == "org/nato"


def test_acronym_in_capitals_at_sentence_start_is_a_name() -> None:
    doc = run("US officials met Chinese authorities. US troops left.", lang="en")
    assert ent(doc, "US officials").kb_id_ == "org/US/government"
    assert ent(doc, "Chinese authorities").kb_id_ == "org/CN/government"
    assert ent(doc, "US troops").kb_id_ == "org/US/armed-forces"
    place = run("In France police said nothing.", lang="en")
    assert ent(place, "France").kb_id_ == "country/FR"


def test_military_as_adjective_names_nothing() -> None:
    doc = run("The US military said it sent military observers to the border.", lang="en")
    labels = [(e.text, e.label_) for e in doc.ents]
    assert ("US military", "ORGANIZATION") in labels
    assert sum(1 for text, _ in labels if "military" in text) == 1
    italian = run("Le operazioni militari sono finite e i militari italiani sono rientrati.")
    assert [e.text for e in italian.ents if "militari" in e.text] == ["militari italiani"]


def test_article_before_an_unknown_name_makes_it_no_person() -> None:
    doc = run("Il portiere del West Ham United ha parlato con Mario Rossi nella Rift Valley.")
    assert ent(doc, "West Ham United").label_ == "ORGANIZATION"
    assert ent(doc, "Mario Rossi").label_ == "PERSON"
    assert ent(doc, "Rift Valley").label_ == "LOCATION"


def test_descriptive_noun_types_the_name_without_joining_it() -> None:
    doc = run("Il treno della compagnia ferroviaria spagnola Renfe è partito da Madrid.")
    assert ent(doc, "Renfe").label_ == "ORGANIZATION"
    magazine = run("Lo ha scritto la rivista Voici, e il gruppo di Marco Bianchi ha replicato.")
    assert ent(magazine, "Voici").label_ == "ORGANIZATION"
    assert ent(magazine, "Marco Bianchi").label_ == "PERSON"


def test_known_place_ending_an_organisation_name_is_its_own_mention() -> None:
    doc = run("Ha studiato all'Università Cattolica di Milano e lavora allo Stadio Adriatico.")
    assert ent(doc, "Università Cattolica").label_ == "ORGANIZATION"
    assert ent(doc, "Milano").label_ == "LOCATION"
    province = run("Il paese si trova in provincia di Sondrio.")
    assert ent(province, "provincia di Sondrio").label_ == "LOCATION"


def test_nations_of_the_united_kingdom_and_european_community() -> None:
    doc = run("Il Galles ha battuto la Scozia e l'Inghilterra.")
    assert {ent(doc, n).label_ for n in ("Galles", "Scozia", "Inghilterra")} == {"LOCATION"}
    english = run("Greece asked its European Community partners to wait.", lang="en")
    assert ent(english, "European Community").kb_id_ == "org/eu"


def test_the_before_an_unknown_name_makes_it_an_organisation() -> None:
    doc = run("The Homeland Union began collecting signatures, said Jane Doe.", lang="en")
    assert ent(doc, "Homeland Union").label_ == "ORGANIZATION"
    assert ent(doc, "Jane Doe").label_ == "PERSON"


def test_past_heads_of_state_are_known_with_dated_roles() -> None:
    doc = run("Opposition groups demand that President Mugabe resign.", lang="en")
    assert ent(doc, "Mugabe").kb_id_ == "person/robert-mugabe"


def test_places_named_after_place_nouns_and_province_codes() -> None:
    doc = run(
        "Il sindaco di Capoterra ha parlato. I comuni di Castiglione dei Pepoli (BO) e Vernio."
    )
    assert ent(doc, "Capoterra").label_ == "LOCATION"
    assert ent(doc, "Castiglione dei Pepoli").label_ == "LOCATION"
    assert ent(doc, "BO").label_ == "LOCATION"
    assert ent(doc, "Vernio").label_ == "LOCATION"  # listed after a place
    mayor = run("Il sindaco di Stroppiana, Vittorino Piazza, è arrivato.")
    assert ent(mayor, "Vittorino Piazza").label_ == "PERSON"


def test_english_title_is_no_person_in_italian_text() -> None:
    doc = run("Il gruppo è noto per il brano Mad About You, scritto con Mario Rossi.")
    assert "Mad About You" not in ents(doc)
    assert ent(doc, "Mario Rossi").label_ == "PERSON"


def test_unknown_organisation_takes_the_country_of_its_adjective() -> None:
    doc = run("The Nigerian Union of Teachers called off the strike.", lang="en")
    union = ent(doc, "Nigerian Union of Teachers")  # named by its head word: the adjective joins
    assert union.label_ == "ORGANIZATION"
    assert union._.attrs["country"] == "NG"


def test_head_word_before_a_known_place_makes_one_mention() -> None:
    doc = run(
        "La nave è affondata nel golfo del Messico, lontano dall'oceano Pacifico. "
        "Il rettore dell'Università di Pavia ha incontrato i tecnici del Politecnico di "
        "Milano in via Cina, nella provincia di Brescia."
    )
    for text in ("golfo del Messico", "oceano Pacifico", "via Cina", "provincia di Brescia"):
        assert ent(doc, text).label_ == "LOCATION", text
    gulf = ent(doc, "golfo del Messico")
    assert gulf._.attrs["place"] == "country/MX" and "country" not in gulf._.attrs
    pavia = ent(doc, "Università di Pavia")
    assert (pavia.label_, pavia._.attrs["country"]) == ("ORGANIZATION", "IT")
    assert ent(doc, "Politecnico di Milano").label_ == "ORGANIZATION"
    assert "Messico" not in ents(doc) and "Pavia" not in ents(doc)


def test_administration_written_as_part_of_the_name_is_an_organisation() -> None:
    doc = run(
        "La Regione Lombardia e la regione Sardegna hanno stanziato i fondi; "
        "nel comune di Rho sono arrivati ieri."
    )
    for text in ("Regione Lombardia", "regione Sardegna"):
        region = ent(doc, text)
        assert (region.label_, region._.attrs["code"]) == ("ORGANIZATION", "ITA GOV"), text
    assert ent(doc, "comune di Rho").label_ == "LOCATION"


def test_and_the_starts_another_name_after_an_organisation() -> None:
    doc = run(
        "Hanno firmato il Comune di Pavia e il Politecnico di Milano, con il Ministero "
        "delle Infrastrutture e dei Trasporti."
    )
    assert ent(doc, "Comune di Pavia").label_ == "ORGANIZATION"
    assert ent(doc, "Politecnico di Milano").label_ == "ORGANIZATION"
    assert ent(doc, "Ministero delle Infrastrutture e dei Trasporti").label_ == "ORGANIZATION"


def test_a_word_at_sentence_start_is_no_acronym_it_spells() -> None:
    doc = run("Ciò non è bastato. Il CIO ha deciso di sospendere la federazione.")
    assert [e.text for e in doc.ents if e.kb_id_ == "org/ioc"] == ["CIO"]


def test_organisation_named_by_its_head_takes_its_nationality_in() -> None:
    doc = run("Il Ministero della Sanità sudafricano ha parlato con l'agenzia Jiji giapponese.")
    ministry = ent(doc, "Ministero della Sanità sudafricano")
    assert (ministry.label_, ministry._.attrs["country"]) == ("ORGANIZATION", "ZA")
    jiji = ent(doc, "Jiji")  # named after a descriptive noun: the adjective is not its name
    assert jiji._.attrs["country"] == "JP"
