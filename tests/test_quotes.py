"""Quotations: speech with its speaker and relaying agency, quoted names left out."""

from __future__ import annotations

import pytest
from events_helpers import annotate, org, person

from newsgraph.annotate.quotes.marks import find

PAIRS = [("«", "»"), ("“", "”"), ("„", "“"), ('"', '"')]


def test_marks_pair_nest_and_stop_at_line_ends():
    text = '«Uno “due” tre» e “quattro\ncinque” e "sei"'
    found = [text[q.start : q.end] for q in find(text, PAIRS)]
    assert found == ["Uno “due” tre", "sei"]


def quotes(text, ents, lang="it"):
    return annotate(text, lang=lang, ents=ents, components=("newsgraph_quotes",))._.quotes


def test_speaker_after_the_quote_and_agency_kept_apart():
    text = (
        "“Le nostre comunicazioni si stanno rafforzando di giorno in giorno”, ha dichiarato "
        "Pezeshkian a Putin, secondo quanto riportato dall’agenzia di stampa IRNA."
    )
    (q,) = quotes(
        text, [person("Pezeshkian", "pez"), person("Putin", "putin"), org("IRNA", "irna")]
    )
    assert q.text.startswith("Le nostre comunicazioni") and text[q.start : q.end] == q.text
    assert (q.speaker, q.speaker_text, q.reported_by) == ("pez", "Pezeshkian", "irna")
    assert q.rule == "quotes.verb" and q.sentence == 0


def test_partial_quote_inside_indirect_speech():
    text = "Pezeshkian ha affermato che Israele deve “smettere di uccidere persone innocenti”."
    (q,) = quotes(text, [person("Pezeshkian", "pez")])
    assert (q.text, q.speaker) == ("smettere di uccidere persone innocenti", "pez")


def test_speaker_of_a_gerund_is_the_subject_of_the_sentence():
    text = (
        "Il portavoce Esmaeil Baqaei ha criticato i rapporti, affermando che le minacce sono "
        "“una palese violazione del diritto internazionale”."
    )
    (q,) = quotes(text, [person("Esmaeil Baqaei", "baqaei")])
    assert q.speaker == "baqaei"


@pytest.mark.parametrize(
    "text",
    [
        "Negli ultimi mesi anche il cosiddetto “asse della resistenza” dell’Iran è crollato.",
        "Putin ospiterà Pezeshkian per la firma di un trattato di “partenariato strategico "
        "globale”, ha detto il Cremlino.",
        "I due si stringono la mano a margine del Forum internazionale “L’interconnessione dei "
        "tempi e delle civiltà”, ad Ashgabat.",
        "Un furto “ladresco” in centro.",
    ],
)
def test_quoted_names_and_terms_are_not_speech(text):
    assert quotes(text, []) == []


def test_unattributed_long_quote_and_speaker_in_an_aside():
    (q,) = quotes(
        "«I malviventi - spiega uno dei titolari - sono entrati di notte nel negozio».", []
    )
    assert q.speaker is None and q.speaker_text == "uno dei titolari"
    assert q.rule == "quotes.aside"


def test_english_quote_with_said():
    (q,) = quotes(
        '"We will not accept any more refugees," the Syrian minister said on Monday.',
        [person("Syrian minister", "minister")],
        lang="en",
    )
    assert q.speaker == "minister" and q.text == "We will not accept any more refugees"


@pytest.mark.parametrize(
    "text",
    [
        "Ha affermato il sindaco Carla Ferretti: «Le scuole riapriranno lunedì in tutti i "
        "quartieri della città».",
        "Ha affermato il sindaco Carla Ferretti:\n«Le scuole riapriranno lunedì in tutti i "
        "quartieri della città».",
        "Ha detto ai giornalisti il sindaco Carla Ferretti: «Le scuole riapriranno lunedì in "
        "tutti i quartieri della città».",
    ],
)
def test_speaker_named_after_the_verb_that_opens_the_quote(text: str) -> None:
    (q,) = quotes(text, [person("Carla Ferretti", "ferretti")])
    assert q.speaker == "ferretti"


def test_no_speaker_is_taken_from_an_object_after_a_preposition() -> None:
    text = ("Ha parlato con Carla Ferretti: «Le scuole riapriranno lunedì in tutti i quartieri "
            "della città».")
    (q,) = quotes(text, [person("Carla Ferretti", "ferretti")])
    assert q.speaker is None
