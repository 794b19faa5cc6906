"""Property tests of every reader on generated and mutated input: reading never raises,
never hangs, and every input that cannot become an article is a recorded error with a
reason from the fixed vocabulary; no error comes from the last-resort handler (which
would mean a parser let an exception out). ``scripts/fuzz.py`` runs the same checks on
100k inputs; the examples pinned here are inputs it found.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ingest_helpers import PARAGRAPHS, atom, page, rss, write_warc

from newsgraph.config import Limits, Settings
from newsgraph.ingest import read
from newsgraph.ingest.errors import MALFORMED_FILE, REASONS
from newsgraph.model import Article, IngestError, article_id_for

LIMITS = Limits(max_file_bytes=8000, max_line_bytes=3000, max_records_per_file=20)
SETTINGS = Settings(limits=LIMITS)
FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
#: How the last-resort handler words its detail: the exception a parser let out.
_INTERNAL = re.compile(r"^[A-Z]\w*: ")

NAMES: tuple[str, ...] = ("a.txt", "a.md", "a.html", "a.rss", "a.xml", "a.jsonl", "a.json")
NAMES += ("a.csv", "a.tsv")
NAMES += ("a.warc", "a.warc.gz", "a.gz", "a")
TOKENS = (
    *(b"<", b"</p>", b"<![CDATA[", b"]]>", b"&#xD800;", b"&#1114112;", b"\x00", b"\xff\xfe"),
    *(b'"', b"\\", b"{", b"]", b",", b";", b"\t", b"\r\n", b"\n", b"---\n", b"\xc3"),
    *(b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"\r\n\r\n", b"\x1f\x8b", b"[" * 60),
    "«».\u2028\u202e".encode(),
)


def _warc(compress: bool) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.warc"
        write_warc(
            path, [("https://quotidiano.example/1", page("Vertice a Vienna"))], compress=compress
        )
        return path.read_bytes()


def _seeds() -> list[tuple[str, bytes]]:
    item = {"title": "Vertice", "text": PARAGRAPHS[0], "published": "2024-10-11"}
    records = [item, {**item, "text": PARAGRAPHS[1]}]
    lines = "".join(json.dumps(r) + "\n" for r in records).encode()
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=list(item))
    writer.writeheader()
    writer.writerows(records)
    entry = {"title": "Vertice", "link": "https://q.example/1", "description": PARAGRAPHS[0]}
    atom_entry = {
        "title": "Vertice",
        "link": "https://q.example/2",
        "id": "urn:2",
        "updated": "2024-10-11T10:00:00Z",
        "content": PARAGRAPHS[1],
    }
    return [
        ("a.txt", "\n\n".join(PARAGRAPHS).encode()),
        ("a.md", ("---\ntitle: Vertice\n---\n# Vertice\n\n" + PARAGRAPHS[0]).encode()),
        ("a.html", page("Vertice a Vienna", caption="Il vertice (Foto ANSA)").encode()),
        ("a.rss", rss([entry, entry]).encode()),
        ("a.xml", atom([atom_entry]).encode()),
        ("a.jsonl", lines),
        ("a.jsonl.gz", gzip.compress(lines)),
        ("a.json", json.dumps(records).encode()),
        ("a.csv", table.getvalue().encode()),
        ("a.warc", _warc(compress=False)),
        ("a.warc.gz", _warc(compress=True)),
    ]


SEEDS = _seeds()
ENTRY = {"title": "Vertice", "link": "https://q.example/1", "description": PARAGRAPHS[0]}


def read_bytes(name: str, data: bytes) -> list[Article | IngestError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read([str(path)], SETTINGS))


def assert_well_formed(found: list[Article | IngestError]) -> None:
    assert found, "every input gives at least one article or error"
    for item in found:
        if isinstance(item, IngestError):
            assert item.reason in REASONS, item
            assert not (item.reason == MALFORMED_FILE and _INTERNAL.match(item.detail)), item
        else:
            assert isinstance(item, Article)
            assert item.text.strip()
            assert item.id == article_id_for(item.text)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real input with a few insertions, deletions and cuts; sometimes renamed."""
    name, data = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(data)))
        insert = draw(st.sampled_from(TOKENS) | st.binary(max_size=8))
        dropped = draw(st.integers(0, 64))
        data = data[:pos] + insert + data[pos + dropped :]
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    if draw(st.integers(0, 9)) == 0:
        name = draw(st.sampled_from(NAMES))
    return name, data


@FUZZ
@given(st.sampled_from(NAMES), st.binary(max_size=3000))
@example("a.warc", b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n")
def test_any_bytes_under_any_name(name: str, data: bytes) -> None:
    assert_well_formed(read_bytes(name, data))


@FUZZ
@given(mutated())
@example(("a.rss", rss([{"title": "A &#xD800; b", "description": PARAGRAPHS[0]}]).encode()[:-9]))
@example(("a.xml", b'<?xml version="1.0" encoding="u\xf4f-8"?>' + SEEDS[3][1][38:]))
@example(("a.rss", rss([{**ENTRY, "pubDate": "Tue, 12 Mar 99999999999999999999 10:00"}]).encode()))
@example(("a.html", page("Vertice").replace("<p>", "<figure><p>" + "<b>" * 300).encode()))
@example(("a.md", ("---\ndate: 2024-02-30\n---\n# Vertice\n\n" + PARAGRAPHS[0]).encode()))
@example(("a.jsonl", json.dumps({"text": "<html><head><title>T<p>Testo.</p></body>"}).encode()))
@example(("a.rss", rss([{**ENTRY, "title": "A &#99999999999; b"}]).encode()))
@example(("a.rss", rss([{**ENTRY, "title": "A &#" + "9" * 5000 + "; b"}]).encode()))
def test_mutated_real_inputs(seed: tuple[str, bytes]) -> None:
    assert_well_formed(read_bytes(*seed))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
RECORDS = st.fixed_dictionaries(
    {"text": st.text(max_size=200)},
    optional={"title": st.text(max_size=40), "published": st.text(max_size=30), "x": JSON_VALUES},
)


@settings(FUZZ, max_examples=40)
@given(st.lists(RECORDS | JSON_VALUES, min_size=1, max_size=8))
# A C1 control is read as the Windows-1252 character it stands for in mojibake: "\x85" is
# "…", a text that is not blank although Python's strip() empties the control itself.
@example([{"text": "\x85"}])
def test_json_lines_give_one_item_per_line(values: list[object]) -> None:
    """Whatever each line holds, it costs only itself and keeps its line number."""
    data = "".join(json.dumps(v) + "\n" for v in values).encode()
    found = read_bytes("a.jsonl", data)
    assert_well_formed(found)
    assert [item.record for item in found] == list(range(1, len(values) + 1))
    for value, item in zip(values, found, strict=True):
        if isinstance(item, Article):
            assert isinstance(value, dict) and "text" in value and item.text.strip()


@FUZZ
@given(
    st.lists(st.tuples(st.text(max_size=40), st.text(max_size=300)), min_size=1, max_size=10),
    st.sampled_from([",", ";", "\t"]),
)
def test_csv_rows_are_articles_or_errors(rows: list[tuple[str, str]], delimiter: str) -> None:
    table = io.StringIO()
    writer = csv.writer(table, delimiter=delimiter)
    writer.writerow(["title", "text"])
    writer.writerows(rows)
    found = read_bytes("a.tsv" if delimiter == "\t" else "a.csv", table.getvalue().encode())
    assert_well_formed(found)
    records = [item.record for item in found if item.record is not None]
    assert records == sorted(records)
    assert len(found) <= len(rows)


@FUZZ
@given(
    st.lists(
        st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<figure>", "<figcaption>", "<br>"])
        | st.sampled_from(list(PARAGRAPHS))
        | st.text(max_size=30),
        max_size=60,
    )
)
def test_html_soup(parts: list[str]) -> None:
    assert_well_formed(read_bytes("a.html", ("<html><body>" + "".join(parts)).encode()))
