"""Bytes to article text: encodings, mojibake, binary and empty files, size limits, dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_helpers import articles, errors, items, page

from newsgraph.config import Limits, Settings
from newsgraph.ingest.dates import normalize_date
from newsgraph.ingest.errors import BINARY, EMPTY, TOO_LARGE, TOO_LONG, TOO_MANY_RECORDS
from newsgraph.ingest.fields import language_code
from newsgraph.ingest.normalize import clean_text

ITALIAN = "Perché è così? L’accordo “strategico” è già firmato — città, più, però."


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("cp1252", "cp1252"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-32", "utf-32"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, detected: str) -> None:
    (tmp_path / "n.txt").write_bytes((ITALIAN + "\nSeconda riga.\n").encode(encoding))
    [art] = items([tmp_path / "n.txt"])
    assert art.text == ITALIAN + "\nSeconda riga."
    assert art.encoding == detected


def test_latin1_text_without_windows_punctuation(tmp_path: Path) -> None:
    text = "Il governo è pronto: la città di Milano ospiterà il vertice più atteso."
    (tmp_path / "l.txt").write_bytes(text.encode("latin-1"))
    [art] = items([tmp_path / "l.txt"])
    assert art.text == text


def test_declared_charset_of_a_page(tmp_path: Path) -> None:
    html = page("Città più vicine", charset="iso-8859-1")
    (tmp_path / "p.html").write_bytes(html.encode("cp1252"))
    [art] = items([tmp_path / "p.html"])
    assert art.title == "Città più vicine" and art.encoding == "cp1252"


def test_cyrillic_in_its_own_code_page(tmp_path: Path) -> None:
    text = "Президент России встретился с президентом Ирана в Ашхабаде."
    (tmp_path / "ru.txt").write_bytes(text.encode("cp1251"))
    [art] = items([tmp_path / "ru.txt"])
    assert art.text == text and art.encoding == "cp1251"


def test_one_stray_windows_line_in_utf8_jsonl(tmp_path: Path) -> None:
    good = json.dumps({"text": "Già firmato."}, ensure_ascii=False).encode()
    stray = json.dumps({"text": ITALIAN}, ensure_ascii=False).encode("cp1252")
    (tmp_path / "m.jsonl").write_bytes(good + b"\n" + stray + b"\n")
    one, two = items([tmp_path / "m.jsonl"])
    assert (one.text, one.encoding) == ("Già firmato.", "utf-8")
    assert (two.text, two.encoding) == (ITALIAN, "cp1252")


def test_mojibake_is_fixed_and_lines_kept(tmp_path: Path) -> None:
    # Read as windows-1252 by a tool that keeps its five undefined bytes as C1 controls.
    broken = "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in ITALIAN.encode()
    )
    raw = f"Titolo\n\n{broken}\nUltima riga: perché no."
    (tmp_path / "m.txt").write_text(raw, encoding="utf-8")
    [art] = items([tmp_path / "m.txt"])
    assert art.raw == raw
    assert art.text == f"Titolo\n\n{ITALIAN}\nUltima riga: perché no."


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("lâ€™accordo", "l’accordo"),
        ("cittÃ\xa0 e perchÃ©", "città e perché"),
        ("Ð¿Ñ€ÐµÐ·Ð¸Ð´ÐµÐ½Ñ‚", "президент"),
        ("AT&amp;T", "AT&T"),
        ("ﬁrmato", "firmato"),
        ("uno\r\ndue\u2028tre\x0cquattro", "uno\ndue\ntre\nquattro"),
        ("in\x00vi\x07si\u00adbi\ufeffli", "invisibili"),
        ("città» e «proprietà”", "città» e «proprietà”"),
    ],
)
def test_clean_text(broken: str, fixed: str) -> None:
    assert clean_text(broken) == fixed


def test_binary_files(tmp_path: Path) -> None:
    (tmp_path / "foto.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8)
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "dump").write_bytes(bytes(range(256)) * 40)
    found = items([tmp_path])
    assert [e.reason for e in found] == [BINARY, BINARY, BINARY]
    assert "PDF" in found[0].detail


def test_a_stray_nul_is_cleaned_not_fatal(tmp_path: Path) -> None:
    text = "Testo con un byte nullo\x00 in mezzo. " + "Poi altro testo. " * 3
    (tmp_path / "n.txt").write_bytes(text.encode())
    [art] = items([tmp_path / "n.txt"])
    assert "\x00" not in art.text and art.text.startswith("Testo con un byte nullo in mezzo.")


@pytest.mark.parametrize("content", [b"", b"  \n\r\n\t ", "\ufeff".encode("utf-16")])
def test_empty_files(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "vuoto.txt").write_bytes(content)
    [err] = items([tmp_path / "vuoto.txt"])
    assert err.reason == EMPTY


def test_empty_jsonl_and_header_only_csv(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("id,text\n", encoding="utf-8")
    assert [e.reason for e in items([tmp_path])] == [EMPTY, EMPTY]


def test_files_over_the_size_limit_are_not_read(tmp_path: Path) -> None:
    (tmp_path / "grande.txt").write_text("parola " * 100, encoding="utf-8")
    (tmp_path / "piccolo.txt").write_text("Breve.", encoding="utf-8")
    found = items([tmp_path], Settings(limits=Limits(max_file_bytes=200)))
    assert [(type(i).__name__, getattr(i, "reason", None)) for i in found] == [
        ("IngestError", TOO_LARGE),
        ("Article", None),
    ]


def test_article_over_the_length_limit_is_an_error_not_cut(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "x" * 300}), json.dumps({"text": "Breve."})]
    (tmp_path / "a.jsonl").write_text("\n".join(lines), encoding="utf-8")
    found = items([tmp_path / "a.jsonl"], Settings(limits=Limits(max_article_chars=100)))
    assert [(e.reason, e.record) for e in errors(found)] == [(TOO_LONG, 1)]
    assert [a.text for a in articles(found)] == ["Breve."]


def test_reading_stops_after_too_many_records(tmp_path: Path) -> None:
    text = "".join(json.dumps({"text": f"Notizia {i}."}) + "\n" for i in range(10))
    (tmp_path / "molte.jsonl").write_text(text, encoding="utf-8")
    (tmp_path / "z.txt").write_text("Dopo.", encoding="utf-8")
    found = items([tmp_path], Settings(limits=Limits(max_records_per_file=3)))
    assert [getattr(i, "text", None) for i in found[:3]] == [
        "Notizia 0.",
        "Notizia 1.",
        "Notizia 2.",
    ]
    assert (found[3].reason, found[3].record) == (TOO_MANY_RECORDS, 4)
    assert found[4].text == "Dopo." and len(found) == 5


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-10-11", "2024-10-11"),
        ("2024-10-11T08:30:00Z", "2024-10-11T08:30:00+00:00"),
        ("2024-10-11 08:30:00+02:00", "2024-10-11T08:30:00+02:00"),
        ("Fri, 17 Jan 2025 10:00:00 +0100", "2025-01-17T10:00:00+01:00"),
        (1729000000, "2024-10-15T13:46:40+00:00"),
        ("1729000000000", "2024-10-15T13:46:40+00:00"),
        ("11 ottobre 2024", "2024-10-11"),
        ("ieri", None),
        ("non è una data", None),
        (None, None),
    ],
)
def test_metadata_dates(value: object, expected: str | None) -> None:
    assert normalize_date(value, ("it", "en")) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("it", "it"),
        ("it-IT", "it"),
        ("EN_us", "en"),
        ("ita", "it"),
        ("Italian", "it"),
        ("??", None),
    ],
)
def test_declared_language_codes(value: str, code: str | None) -> None:
    assert language_code(value) == code
