"""The expression table (tests/data/time/expressions.tsv): Italian and English sentences,
each with a publication date and the expected value, granularity and kind of the
expression in brackets ("-" for a stretch that must not be a temporal expression)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsgraph.annotate.time import Tagger
from newsgraph.annotate.time.tagger import load

TABLE = Path(__file__).parent / "data" / "time" / "expressions.tsv"
REQUIRED_ACCURACY = 0.95


@dataclass(frozen=True)
class Row:
    line: int
    lang: str
    published: date | None
    text: str
    start: int
    end: int
    value: str
    granularity: str
    kind: str

    @property
    def negative(self) -> bool:
        return self.value == "-"


def rows() -> list[Row]:
    out = []
    for n, raw in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if n == 1 or not raw.strip() or raw.startswith("#"):
            continue
        lang, published, marked, value, granularity, kind = raw.split("\t")
        start = marked.index("[")
        end = marked.index("]") - 1
        text = marked.replace("[", "", 1).replace("]", "", 1)
        day = None if published == "-" else date.fromisoformat(published)
        out.append(Row(n, lang, day, text, start, end, value, granularity, kind))
    return out


def failure(tagger: Tagger, row: Row) -> str | None:
    """Why the tagger gets a row wrong, or None when it gets it right."""
    found = [
        t for t in tagger.tag(row.text, row.published) if t.start < row.end and t.end > row.start
    ]
    target = row.text[row.start : row.end]
    if row.negative:
        return f"{target!r} taken for {found[0].value} ({found[0].rule})" if found else None
    if not found:
        return f"{target!r} not found"
    got = (found[0].value, found[0].granularity, found[0].kind)
    want = (row.value, row.granularity, row.kind)
    if got != want:
        return f"{target!r}: got {got} from {found[0].rule}, want {want}"
    return None


def test_the_table_covers_both_languages_and_every_kind():
    table = rows()
    assert len(table) >= 200
    assert {r.lang for r in table} == {"it", "en"}
    kinds = Counter(r.kind for r in table)
    for kind in ("date", "anchored", "duration", "set", "-"):
        assert kinds[kind] >= 4, kind
    assert sum(r.published is None for r in table) >= 5
    assert {r.granularity for r in table} >= {"day", "week", "month", "year", "decade"}


def test_at_least_95_percent_of_the_table_is_right():
    table = rows()
    failures = []
    for row in table:
        why = failure(load(row.lang), row)
        if why:
            failures.append(f"line {row.line} [{row.lang}] {why}")
    print(f"\n{len(table) - len(failures)}/{len(table)} right")
    print("\n".join(failures))
    assert 1 - len(failures) / len(table) >= REQUIRED_ACCURACY, "\n".join(failures)
