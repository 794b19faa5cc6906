"""Photo captions, their credits and dates; and the explicit-date helper they use.

Caption lines are written for these tests in the styles news sites use.
"""

from __future__ import annotations

import pytest

from newsgraph.clean.captions import caption_of, parse_credit
from newsgraph.clean.cues import load, plain
from newsgraph.clean.dates import find_dates


def caption(line: str):
    return caption_of(plain(line), load())


@pytest.mark.parametrize(
    ("line", "credits", "date"),
    [
        (
            "Il ministro degli Esteri iraniano parla ai giornalisti a Mosca, il 4 marzo 2025 "
            "(Credito: Mikhail Orlov, Sputnik, foto della piscina del Cremlino tramite AP)",
            ["Mikhail Orlov", "Sputnik", "AP"],
            "2025-03-04",
        ),
        (
            "Militari russi durante una parata a Mosca, 9 maggio 2024. (Credito: Anna Ivanova/AFP)",
            ["Anna Ivanova", "AFP"],
            "2024-05-09",
        ),
        (
            "In questa foto diffusa giovedì 6 febbraio 2025 dalla marina iraniana, una nave "
            "lascia il porto di Bandar Abbas. (Marina iraniana tramite AP)",
            ["Marina iraniana", "AP"],
            "2025-02-06",
        ),
        (
            "Un'immagine dell'agenzia di stampa ufficiale del 2 febbraio 2025 mostra un lancio di "
            "prova nel deserto. (Sito web dell'agenzia di stampa ufficiale/AFP)",
            ["Sito web dell'agenzia di stampa ufficiale", "AFP"],
            "2025-02-02",
        ),
        (
            "Russian and Iranian officials meet in Tehran, Iran, Monday, Feb. 3, 2025. "
            "(AP Photo/Reza Karimi, File)",
            ["AP", "Reza Karimi"],
            "2025-02-03",
        ),
        (
            "A missile is displayed at a military exhibition on 12 January 2025. "
            "Photo: Sam Fletcher/Reuters",
            ["Sam Fletcher", "Reuters"],
            "2025-01-12",
        ),
        (
            "Soldiers stand guard outside the ministry on September 4, 2024. "
            "(Photo by Lena Schmidt/AFP via Getty Images)",
            ["Lena Schmidt", "AFP", "Getty Images"],
            "2024-09-04",
        ),
        (
            "Leaders pose for a group photo at the summit in Kazan. (Kremlin Pool Photo via AP)",
            ["AP"],
            None,
        ),
        (
            "La delegazione iraniana all'arrivo all'aeroporto di Fiumicino (foto Ansa)",
            ["Ansa"],
            None,
        ),
    ],
)
def test_captions_with_credits_and_dates(line, credits, date):
    found = caption(line)
    assert found is not None and found.kind == "caption"
    assert found.credit is not None
    assert found.credit.credits == credits
    assert found.date == date


def test_credit_offsets_point_at_the_credit_text():
    line = "Un carro armato a Kherson, 10 novembre 2022 (Credito: Olga Sidorenko/Reuters)"
    found = caption(line)
    assert found is not None and found.credit is not None
    assert line[found.credit.start : found.credit.end] == "Credito: Olga Sidorenko/Reuters"


@pytest.mark.parametrize(
    "line",
    [
        "In questa foto, il presidente iraniano durante il discorso in parlamento",
        "Nella foto, i due ministri dopo la firma dell'accordo",
        "Pictured: the new embassy building in Tehran",
        "In this photo released by the Iranian army, drones are displayed at a base",
    ],
)
def test_caption_openers_without_credit(line):
    found = caption(line)
    assert found is not None and found.kind == "caption"


@pytest.mark.parametrize(
    "line",
    [
        "Il presidente russo (a destra) ha accolto l'ospite iraniano al Cremlino.",
        "Le Guardie della rivoluzione (IRGC) hanno respinto le accuse.",
        "Il vertice si è chiuso con un comunicato congiunto, ha riferito l'agenzia (Reuters).",
        "Una foto del 2019 è tornata a circolare sui social network negli ultimi giorni.",
        "Foto di gruppo per i leader del G7 davanti al castello",
        "Il confronto tra Stati Uniti/Russia resta aperto",
        "Il ministero ha diffuso le immagini via Telegram.",
    ],
)
def test_text_is_not_a_caption(line):
    assert caption(line) is None


@pytest.mark.parametrize(
    ("line", "credits"),
    [("Foto: ANSA", ["ANSA"]), ("(AP Photo/Vahid Rahimi)", ["AP", "Vahid Rahimi"]),
     ("Getty Images", ["Getty Images"])],
)
def test_a_line_that_is_only_a_credit(line, credits):
    found = caption(line)
    assert found is not None and found.kind == "credit"
    assert found.credit is not None and found.credit.credits == credits


def test_a_lone_agency_is_weak_evidence():
    assert parse_credit("Reuters", load()) == (["Reuters"], False)
    assert parse_credit("Nome Cognome/Reuters", load()) == (["Nome Cognome", "Reuters"], True)
    assert parse_credit("a destra", load()) is None


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("il 21 settembre 2024 a Teheran", ["2024-09-21"]),
        ("dell'8 gennaio 2025 mostra", ["2025-01-08"]),
        ("domenica 2 marzo 2025, alle 10", ["2025-03-02"]),
        ("on Sunday, March 2, 2025", ["2025-03-02"]),
        ("Mar. 2, 2025 and 3 April 2025", ["2025-03-02", "2025-04-03"]),
        ("el 2 de marzo de 2025", ["2025-03-02"]),
        ("am 2. März 2025", ["2025-03-02"]),
        ("le 1er mars 2025", ["2025-03-01"]),
        ("nel novembre 2024", ["2024-11"]),
        ("il 30 febbraio 2025", []),
        ("il 12 ottobre", []),
        ("nel 2024", []),
        ("codice 12 ottobre 20245", []),
    ],
)
def test_explicit_dates(text, values):
    assert [d.value for d in find_dates(text)] == values


def test_date_offsets():
    text = "Scattata l'11 agosto 2024 a Sochi"
    (found,) = find_dates(text)
    assert text[found.start : found.end] == "11 agosto 2024"
    assert found.granularity == "day"
