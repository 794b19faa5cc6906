"""Transliteration-aware name keys (newsgraph.resolve.variants)."""

from __future__ import annotations

import pytest

from newsgraph.resolve.variants import fold, is_short_form, name_key


@pytest.mark.parametrize(
    "spellings",
    [
        ("Massud Pezeshkian", "Masoud Pezeshkian", "Massoud Pezeshkian", "Masud Pezeshkian"),
        ("Esmaeil Baqaei", "Esmail Baghaei", "Ismail Baghaie"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Wolodymyr Zelenskij"),
        ("Abbas Araghchi", "Abbas Araqchi"),
        ("Bashar al-Assad", "Bashar Assad", "Bashar el-Assad"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({name_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hassan Rouhani", "Hossein Rahani"),
        ("Ali Khamenei", "Eli Khamenei"),
        ("Joe Biden", "Jill Biden"),
        ("Mohammad Bagheri", "Mohammad Baqeri Kani"),
    ],
)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_short_forms() -> None:
    assert is_short_form("Pezeshkian", "Masoud Pezeshkian")
    assert is_short_form("M. Pezeshkian", "Massud Pezeshkian")
    assert is_short_form("Bashar Assad", "Bashar al-Assad")
    assert not is_short_form("Jill Biden", "Joe Biden")
    assert not is_short_form("Biden", "Joe Bidenov")


def test_fold() -> None:
    assert fold("  Erdoğan’s  Türkiye ") == "erdogan's turkiye"
    assert fold("Straße") == "strasse"
