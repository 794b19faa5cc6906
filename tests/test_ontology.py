"""The PLOVER ontology file and the facts the coder reads from it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from newsgraph import ontology
from newsgraph.ontology import ONTOLOGY_FILE

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


def test_sixteen_types_with_quad_classes_and_recipient_rules():
    onto = ontology.load()
    assert set(onto.types) == PLOVER_TYPES
    assert onto.event_type("CONSULT").quad_class == 1
    assert onto.event_type("AID").quad_class == 2
    assert onto.event_type("ACCUSE").quad_class == 3
    assert onto.event_type("ASSAULT").quad_class == 4
    required = {name for name, t in onto.types.items() if t.requires_recipient}
    assert required == {"COOPERATE", "AID", "SANCTION"}
    assert "visit" in onto.event_type("CONSULT").modes
    assert "military" in onto.contexts and "cbrn" in onto.contexts
    assert onto.auxiliary_modes == ("historical", "future", "hypothetical", "negation")


def test_scores_run_from_conflict_to_cooperation():
    onto = ontology.load()
    assert onto.score("AID") == 10.0
    assert onto.score("ASSAULT") == -9.0
    assert onto.score("ASSAULT", "unconventional") == -10.0
    assert onto.score("ACCUSE") < 0  # the manual's misprinted sign is corrected
    assert onto.score("CONSULT", "no-such-mode") == onto.score("CONSULT")


def test_cameo_codes_in_both_directions():
    onto = ontology.load()
    assert onto.cameo_code("ASSAULT", "heavy-weapons") == "194"
    assert onto.cameo_root("ACCUSE") == "11"
    assert onto.cameo_root("ACCUSE", "investigate") == "09"
    assert onto.cameo_code("RETREAT", "release") == "0841"
    assert onto.cameo_code("AID", None, ("military",)) == "072"
    found = onto.from_cameo("08419")  # an unknown sub-code reads as its parent
    assert found is not None and (found.type, found.mode) == ("RETREAT", "release")
    with pytest.raises(KeyError):
        onto.event_type("FIGHT")


def test_future_acts_and_auxiliary_modes():
    assert ontology.future_type("AID") == "AGREE"
    assert ontology.future_type("ASSAULT") == "THREATEN"
    assert ontology.future_type("CONSULT") == "CONSULT"
    assert ontology.auxiliary_mode("planned") == "future"
    assert ontology.auxiliary_mode("asserted", historical=True) == "historical"
    assert ontology.auxiliary_mode("alleged") is None


def test_data_file_carries_the_licence_and_attribution():
    head = ONTOLOGY_FILE.read_text(encoding="utf-8")[:1500]
    assert "Creative Commons Attribution-ShareAlike 4.0" in head
    assert "Open Event Data Alliance" in head and "Philip Schrodt" in head


def test_build_script_reproduces_the_shipped_file(shared):
    path = Path(__file__).resolve().parents[1] / "scripts" / "build_ontology.py"
    spec = importlib.util.spec_from_file_location("build_ontology", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_ontology"] = module
    spec.loader.exec_module(module)
    built = module.build(shared / "reference" / "plover")
    shipped = yaml.safe_load(ONTOLOGY_FILE.read_text(encoding="utf-8"))
    assert built == shipped
