"""The per-document token view the entity rules read: keys, flags, flagged indices."""

from __future__ import annotations

from entities_helpers import run

from newsgraph.annotate.entities.tokens import (
    CAPITALISED,
    HYPHENATED,
    NAMELIKE,
    UPPER,
    TokenView,
    flags_of,
    is_capitalised,
    is_namelike,
    is_upper,
    key_of,
)
from newsgraph.resolve.variants import fold

WORDS = [
    "Roma", "roma", "NATO", "U.S.", "Kh-101", "al-Assad", "el-sisi", "Roma-Lido", "Sud–Italia",
    "Dell'Aia", "dell’Aia", "Città", "CITTÀ", "Straße", "3", "2024", "A", "È", "`x", "x`y",
    "Ⅻ", "ABⅻ", "\n", "  ", "-", "'", "«", "İstanbul", "ǅemal", "Zorvo2",
]  # fmt: skip


def test_flags_and_keys_agree_with_their_definitions() -> None:
    for word in WORDS:
        expected = (
            (CAPITALISED if is_capitalised(word) else 0)
            | (UPPER if word[:1].isalpha() and is_upper(word) else 0)
            | (NAMELIKE if is_namelike(word) else 0)
            | (HYPHENATED if any(c in word for c in "-‐–") else 0)
        )
        assert flags_of(word) == expected, word
        assert key_of(word) == fold(word), word


def test_view_lists_flagged_tokens_and_cuts_span_texts() -> None:
    text = "La NATO  e al-Assad.\nIl Kh-101 colpisce Roma-Lido, dice Mario   Rossi."
    doc = run(text)
    view = TokenView(doc)
    texts = view.text
    assert [texts[i] for i in view.flagged(UPPER)] == ["NATO"]
    assert [texts[i] for i in view.flagged(HYPHENATED)] == ["al-Assad", "Kh-101", "Roma-Lido"]
    assert "al-Assad" in [texts[i] for i in view.flagged(NAMELIKE)]
    first, second = view.sentences[0], view.sentences[1]
    capitals = [texts[i] for i in view.flagged_in(CAPITALISED, second[0], second[1])]
    assert capitals == ["Il", "Kh-101", "Roma-Lido", "Mario", "Rossi"]
    assert view.flagged_in(UPPER, second[0], second[1]) == []
    assert [texts[i] for i in view.flagged_in(UPPER, first[0], first[1])] == ["NATO"]
    assert [texts[i] for i in view.keyed({"roma-lido", "mario"})] == ["Roma-Lido", "Mario"]
    for start in range(len(doc)):
        for end in range(start, min(len(doc), start + 4) + 1):
            assert view.span_text(start, end) == doc[start:end].text
