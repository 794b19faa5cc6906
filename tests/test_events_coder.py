"""The event coder on hand-built Italian and English sentences (mentions and dates are
given by the test, so these tests do not depend on the entity and time components)."""

from __future__ import annotations

from events_helpers import Timex, annotate, country, demonym, group, only, org, person, place


def test_active_meeting_with_place_and_evidence():
    text = (
        "Il presidente russo Vladimir Putin ha incontrato a Ashgabat, capitale del "
        "Turkmenistan, il presidente iraniano Massud Pezeshkian."
    )
    doc = annotate(
        text,
        ents=[
            demonym("russo", "RU"),
            person("Vladimir Putin", "putin"),
            place("Ashgabat", "ashgabat"),
            country("Turkmenistan", "TM"),
            demonym("iraniano", "IR"),
            person("Massud Pezeshkian", "pezeshkian"),
        ],
    )
    e = only(doc._.events, "CONSULT")
    assert e.actors == ["putin"] and e.recipients == ["pezeshkian"]
    assert e.location == "ashgabat"
    assert e.modality == "asserted"
    assert text[e.start : e.end] == e.trigger == "incontrato"
    assert e.rule == "events.it.meet" and 0 < e.confidence <= 1
    assert e.sentence == 0 and e.article_id == doc._.article.id
    assert e.attrs["cameo"].startswith("04") and e.attrs["quad_class"] == 1


def test_passive_with_agent_and_entrambi_from_the_last_pair():
    text = (
        "Le consegne tra Mosca e Teheran continuano. "
        "Entrambi i paesi sono pesantemente sanzionati dagli Stati Uniti."
    )
    doc = annotate(
        text,
        ents=[
            country("Mosca", "RU"),
            country("Teheran", "IR"),
            country("Stati Uniti", "US"),
        ],
    )
    e = only(doc._.events, "SANCTION")
    assert e.actors == ["US"]
    assert set(e.recipients) == {"RU", "IR"}
    assert e.trigger == "sanzionati"


def test_accusation_and_the_alleged_act_inside_it():
    text = (
        "L’Ucraina e l’Occidente hanno accusato Teheran di aver fornito a Mosca centinaia "
        "di droni esplosivi."
    )
    doc = annotate(
        text,
        ents=[
            country("Ucraina", "UA"),
            group("Occidente", "west"),
            country("Teheran", "IR"),
            country("Mosca", "RU"),
        ],
    )
    accuse = only(doc._.events, "ACCUSE")
    assert set(accuse.actors) == {"UA", "west"} and accuse.recipients == ["IR"]
    assert accuse.modality == "asserted"
    aid = only(doc._.events, "AID")
    assert aid.actors == ["IR"] and aid.recipients == ["RU"]
    assert aid.modality == "alleged"
    assert "droni esplosivi" in aid.materiel


def test_da_parte_di_and_the_beneficiary_of_a_purpose_clause():
    text = (
        "La partnership preoccupa per la fornitura da parte di Teheran di missili balistici "
        "per supportare la guerra di Mosca in Ucraina."
    )
    doc = annotate(
        text, ents=[country("Teheran", "IR"), country("Mosca", "RU"), country("Ucraina", "UA")]
    )
    e = only(doc._.events, "AID")
    assert e.actors == ["IR"] and e.recipients == ["RU"]


def test_between_x_and_y_is_reciprocal():
    text = (
        "L’intelligence occidentale ha osservato una crescente collaborazione tra Mosca e Teheran."
    )
    doc = annotate(text, ents=[country("Mosca", "RU"), country("Teheran", "IR")])
    e = only(doc._.events, "COOPERATE")
    assert set(e.actors) == {"RU", "IR"} and e.recipients == []
    assert e.attrs["reciprocal"] is True


def test_planned_meeting_dated_by_its_own_clause():
    text = "Putin e Pezeshkian discuteranno del trattato durante una visita a Mosca venerdì."
    doc = annotate(
        text,
        ents=[
            person("Putin", "putin"),
            person("Pezeshkian", "pezeshkian"),
            place("Mosca", "moscow"),
        ],
        timexes=[Timex("venerdì", "2025-01-17")],
        published="2025-01-13",
    )
    e = only(doc._.events, "CONSULT")
    assert e.modality == "planned"
    assert set(e.actors) == {"putin", "pezeshkian"}
    assert (e.date, e.date_method) == ("2025-01-17", "timex")
    assert e.location == "moscow"


def test_suspected_act():
    text = "In cambio, la Russia è sospettata di fornire all’Iran tecnologia nucleare."
    doc = annotate(text, ents=[country("Russia", "RU"), country("Iran", "IR")])
    e = only(doc._.events, "AID")
    assert e.actors == ["RU"] and e.recipients == ["IR"]
    assert e.modality == "suspected"
    assert not [x for x in doc._.events if x.type == "ACCUSE"]  # no one accuses: no actor


def test_denial_in_a_relative_clause_marks_the_act():
    text = (
        "Le consegne di droni iraniani alla Russia, che Mosca e Teheran hanno negato, hanno "
        "consentito molti attacchi."
    )
    doc = annotate(
        text,
        ents=[
            demonym("iraniani", "IR"),
            country("Russia", "RU"),
            country("Mosca", "RU", 0),
            country("Teheran", "IR"),
        ],
    )
    assert not [e for e in doc._.events if e.type == "REJECT"]


def test_negated_conditional_and_hypothetical():
    cases = {
        "La Russia non ha fornito armi all’Iran.": "negated",
        "La Russia avrebbe fornito armi all’Iran.": "alleged",
        "Se la Russia fornirà armi all’Iran, l’Occidente reagirà.": "hypothetical",
    }
    for text, expected in cases.items():
        doc = annotate(text, ents=[country("Russia", "RU"), country("Iran", "IR")])
        assert only(doc._.events, "AID").modality == expected, text


def test_reporting_source_after_the_sentence_and_with_secondo():
    text = (
        "Putin ha firmato un trattato con la Corea del Nord, ha detto lunedì il Cremlino. "
        "Secondo l’agenzia IRNA, l’Iran ha inviato droni alla Russia."
    )
    doc = annotate(
        text,
        ents=[
            person("Putin", "putin"),
            country("Corea del Nord", "KP"),
            org("Cremlino", "kremlin"),
            org("IRNA", "irna"),
            country("Iran", "IR"),
            country("Russia", "RU"),
        ],
    )
    assert only(doc._.events, "AGREE").reported_by == "kremlin"
    assert only(doc._.events, "AID").reported_by == "irna"


def test_historical_event_keeps_its_own_date_and_the_object_withdraws():
    text = "Trump ha ritirato gli Stati Uniti dall’accordo nel 2018."
    doc = annotate(
        text,
        ents=[person("Trump", "trump"), country("Stati Uniti", "US")],
        timexes=[Timex("2018", "2018", "year")],
        published="2025-01-13",
    )
    e = only(doc._.events, "REJECT")
    assert e.actors == ["US"]
    assert (e.date, e.date_granularity) == ("2018", "year")
    assert e.attrs["auxiliary_mode"] == "historical"


def test_publication_date_only_for_the_lead():
    text = (
        "La Russia ha attaccato l’Ucraina.\n\n"
        "Il paese ha già detto molte cose.\n\n"
        "In passato la Russia ha attaccato la Georgia."
    )
    doc = annotate(
        text,
        ents=[
            country("Russia", "RU"),
            country("Ucraina", "UA"),
            country("Russia", "RU", 1),
            country("Georgia", "GE"),
        ],
        published="2025-01-13",
    )
    lead, later = sorted((e for e in doc._.events if e.type == "ASSAULT"), key=lambda e: e.start)
    assert (lead.date, lead.date_method) == ("2025-01-13", "publication")
    assert later.date is None


def test_retold_event_is_one_record_with_both_mentions():
    text = (
        "Putin ha incontrato Pezeshkian a Ashgabat.\n\n"
        "Durante l’incontro con Pezeshkian, Putin ha parlato di economia."
    )
    doc = annotate(
        text,
        ents=[
            person("Putin", "putin"),
            person("Pezeshkian", "pezeshkian"),
            place("Ashgabat", "ash"),
            person("Pezeshkian", "pezeshkian", 1),
            person("Putin", "putin", 1),
        ],
    )
    e = only(doc._.events, "CONSULT")
    assert [m["sentence"] for m in e.attrs["mentions"]] == [1]


def test_counterpart_phrase_resolved_from_the_entity_layer():
    text = (
        "Il presidente Putin ospiterà la sua controparte iraniana. "
        "Il presidente Pezeshkian arriverà lunedì."
    )
    doc = annotate(
        text,
        ents=[
            person("Putin", "putin", role="president", country="RU"),
            demonym("iraniana", "IR", country="IR"),
            person("Pezeshkian", "pezeshkian", role="president", country="IR"),
        ],
    )
    e = only(doc._.events, "CONSULT")
    assert e.recipients == ["pezeshkian"] and e.modality == "planned"


def test_aid_promised_in_the_future_is_agree_and_threat_of_force_is_threaten():
    doc = annotate(
        "Finland will give Tanzania a grant of 580 million shillings.",
        lang="en",
        ents=[country("Finland", "FI"), country("Tanzania", "TZ")],
    )
    e = only(doc._.events, "AGREE")
    assert e.actors == ["FI"] and e.recipients == ["TZ"]
    assert e.modality == "planned" and e.attrs["stated_type"] == "AID"
    doc = annotate(
        "Radical French farmers said on Friday they would blockade Paris.",
        lang="en",
        ents=[demonym("French", "FR"), place("Paris", "paris")],
    )
    assert only(doc._.events, "THREATEN").actors == ["FR"]


def test_english_accusation_expulsion_and_reported_demand():
    doc = annotate(
        "Amnesty International accused the United States of violating human rights.",
        lang="en",
        ents=[org("Amnesty International", "amnesty"), country("United States", "US")],
    )
    e = only(doc._.events, "ACCUSE")
    assert (e.actors, e.recipients) == (["amnesty"], ["US"])
    doc = annotate(
        "Switzerland said today it had expelled two Russian diplomats based in Geneva.",
        lang="en",
        ents=[country("Switzerland", "CH"), demonym("Russian", "RU"), place("Geneva", "geneva")],
    )
    e = only(doc._.events, "SANCTION")
    assert (e.actors, e.recipients, e.mode) == (["CH"], ["RU"], "expel")
    doc = annotate(
        "The Bush administration declared Tuesday that China must drop barriers to exports.",
        lang="en",
        ents=[org("Bush administration", "us_gov"), country("China", "CN")],
    )
    e = only(doc._.events, "REQUEST")
    assert (e.actors, e.recipients) == (["us_gov"], ["CN"])


def test_a_language_without_event_data_codes_nothing():
    doc = annotate(
        "Le président a rencontré son homologue.", lang="fr", ents=[person("président", "p")]
    )
    assert doc._.events == []
