"""Actors of archived and current news the knowledge base must know by name: armed
groups and movements, peoples, historical state names; and the case rule that finds a
name whose first word is a lower-case particle ("al-Qaeda")."""

from __future__ import annotations

from entities_helpers import ent, ents, run

from newsgraph.pipeline import Pipeline


def test_a_lower_case_particle_before_the_capital_still_names() -> None:
    doc = run("Drones killed two al-Qaeda commanders near the border.", lang="en")
    assert ents(doc)["al-Qaeda"] == ("ORGANIZATION", "org/al-qaeda")


def test_historical_state_names_read_as_their_successor() -> None:
    found = ents(run("Kampuchean and Soviet envoys met in Zaire.", lang="en"))
    assert found["Kampuchean"] == ("COUNTRY", "country/KH")
    assert found["Soviet"] == ("COUNTRY", "country/RU")
    assert found["Zaire"] == ("COUNTRY", "country/CD")


def test_armed_groups_carry_their_state() -> None:
    doc = run("The Khmer Rouge and the Tamil Tigers issued a joint statement.", lang="en")
    assert ent(doc, "Khmer Rouge")._.attrs["code"] == "KHM REB"
    assert ent(doc, "Tamil Tigers")._.attrs["code"] == "LKA REB"


def test_a_people_is_placed_by_the_state_its_sentence_names() -> None:
    text = "The Sri Lankan army detained hundreds of Tamil refugees on Friday."
    result = Pipeline().process_text(text, language="en")
    event = next(e for e in result.events if e.type == "COERCE")
    names = {e.id: e.name for e in result.entities}
    assert [names.get(k, k) for k in event.recipients] == ["Tamils"]
    assert event.attrs["participant_codes"] == {"group/tamils": "LKA"}
