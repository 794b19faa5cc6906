"""The knowledge base: schema checks, look-ups, dated roles, user files and the cache."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph import kb
from newsgraph.kb.schema import KBError, parse_entry

G20 = ("AR", "AU", "BR", "CA", "CN", "FR", "DE", "IN", "ID", "IT", "JP", "MX", "RU", "SA",
       "ZA", "KR", "TR", "GB", "US")  # fmt: skip
MIDDLE_EAST = ("IR", "IQ", "IL", "SY", "LB", "JO", "EG", "AE", "QA", "KW", "BH", "OM", "YE", "PS")


@pytest.fixture(scope="module")
def base() -> kb.KB:
    return kb.load()


def test_parse_entry_reports_what_is_wrong() -> None:
    good = {"id": "person/x", "name": "X Y", "type": "PERSON", "code": "IRN GOV", "country": "IR"}
    assert parse_entry(good, "f.yaml[0]").code == "IRN GOV"
    for bad, message in (
        ({**good, "type": "THING"}, "type"),
        ({**good, "code": "irn gov"}, "code"),
        ({**good, "country": "IRN"}, "alpha-2"),
        ({**good, "colour": "red"}, "unknown fields"),
        ({"id": "person/x", "type": "PERSON"}, "name"),
        ({**good, "roles": [{"role": "president", "from": "last year"}]}, "YYYY"),
    ):
        with pytest.raises(KBError, match=message):
            parse_entry(bad, "f.yaml[0]")


def test_every_country_has_a_code_and_names_in_italian_and_english(base: kb.KB) -> None:
    countries = [e for e in base.entries.values() if e.id.startswith("country/")]
    assert len(countries) > 240
    assert all(e.code and e.names.get("en") for e in countries)
    assert base.get("country/GB").code == "GBR"
    assert base.get("country/KP").code == "PRK"
    assert base.get("country/XK").code == "KOS"
    for iso in G20 + MIDDLE_EAST:
        entry = base.get(f"country/{iso}")
        assert entry.names.get("it"), iso
        assert len(entry.adjectives.get("it", ())) >= 2, iso  # masculine and feminine at least
        assert entry.adjectives.get("en"), iso


def test_every_actor_entry_carries_an_actor_code(base: kb.KB) -> None:
    """People and organisations need a CAMEO-style code to be exported and scored."""
    actors = [e for e in base.entries.values() if e.type in ("PERSON", "ORGANIZATION")]
    assert actors
    assert [e.id for e in actors if not e.code] == []


def test_lookup_names_across_languages(base: kb.KB) -> None:
    assert base.lookup("Stati Uniti", "it")[0].entry.id == "country/US"
    assert base.lookup("Gran Bretagna", "it")[0].entry.id == "country/GB"
    assert base.lookup("iraniana", "it")[0].name.kind == "adjective"
    assert base.lookup("Medio Oriente", "it")[0].entry.type == "LOCATION"
    assert base.lookup("Occidente", "it")[0].entry.type == "GROUP"
    assert base.lookup("Guardie rivoluzionarie", "it")[0].entry.code == "IRN MIL"
    assert base.lookup("IAEA", "en")[0].entry.code.startswith("IGO")


def test_cities_are_ranked_by_population_and_capitals_stand_for_their_country(base: kb.KB) -> None:
    kazan = base.lookup("Kazan", "it")
    assert kazan[0].entry.country == "RU"
    assert len(kazan) > 1  # the Turkish town is a candidate, ranked below
    moscow = base.lookup("Mosca", "it")[0].entry
    assert moscow.type == "LOCATION"
    assert moscow.stands_for == "country/RU"
    assert moscow.attrs["lat"] == pytest.approx(55.75, abs=0.1)
    assert base.lookup("Teheran", "it")[0].entry.stands_for == "country/IR"


def test_seats_of_power_are_organisations_that_stand_for_a_government(base: kb.KB) -> None:
    kremlin = base.lookup("Cremlino", "it")[0].entry
    assert (kremlin.type, kremlin.code, kremlin.stands_for) == (
        "ORGANIZATION",
        "RUS GOV",
        "country/RU",
    )
    assert base.lookup("White House", "en")[0].entry.stands_for == "country/US"


def test_transliteration_variants_find_the_person(base: kb.KB) -> None:
    listed = base.lookup("Massud Pezeshkian", "it")[0]
    assert listed.entry.id == "person/masoud-pezeshkian"
    unlisted = base.lookup("Massood Pezeshkian", "it")[0]  # a spelling the KB does not list
    assert (unlisted.entry.id, unlisted.how) == ("person/masoud-pezeshkian", "variant")
    assert base.lookup("Ismail Baghaie", "it")[0].entry.id == "person/esmaeil-baqaei"


def test_roles_are_dated(base: kb.KB) -> None:
    biden = base.get("person/joe-biden")
    assert [r.role for r in biden.roles_on(date(2025, 1, 13))] == ["president"]
    assert biden.roles_on(date(2025, 2, 1)) == []
    trump = base.get("person/donald-trump")
    assert trump.roles_on(date(2025, 1, 13)) == []  # president-elect is not a role held
    assert [r.role for r in trump.roles_on(date(2025, 3, 1))] == ["president"]
    assert biden.roles_on(None) == []


def test_materiel_systems_and_classes(base: kb.KB) -> None:
    assert base.lookup("S-400", "it")[0].entry.code == "RUS MIL"
    assert base.lookup("Shahed-136", "it")[0].entry.country == "IR"
    drones = base.lookup("droni", "it")[0].entry
    assert drones.type == "MATERIEL" and drones.attrs.get("generic")


def test_user_files_add_and_refine_entries(tmp_path: Path) -> None:
    watchlist = tmp_path / "watch.yaml"
    watchlist.write_text(
        "entries:\n"
        "- {id: person/test-analyst-target, name: Zoltan Quibble, type: PERSON, country: HU,\n"
        "   code: HUN GOV, short: [Quibble]}\n"
        "- {id: country/IR, names: {it: [Terra dei Persiani]}}\n",
        encoding="utf-8",
    )
    extended = kb.load([watchlist])
    assert extended.lookup("Zoltan Quibble", "it")[0].entry.code == "HUN GOV"
    assert extended.lookup("Terra dei Persiani", "it")[0].entry.id == "country/IR"
    assert extended.get("country/IR").adjectives["it"]  # the shipped facts are kept
    assert kb.load().lookup("Zoltan Quibble", "it") == []  # the shipped KB is untouched


def test_user_file_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "org/x", "name": "X", "type": "ORGANIZATION", "code": "x"}\n')
    with pytest.raises(KBError, match=r"broken\.jsonl:1"):
        kb.load([broken])
    with pytest.raises(KBError, match="no knowledge-base file"):
        kb.load([tmp_path / "missing.yaml"])


def test_the_built_kb_is_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kb.CACHE_ENV, str(tmp_path))
    built = kb._load_shipped()
    cached = list(tmp_path.glob("kb-*.pickle"))
    assert len(cached) == 1
    again = kb._load_shipped()
    assert again is not built and len(again) == len(built)
