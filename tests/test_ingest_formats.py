"""Each input format read from real files: text, Markdown, HTML, RSS, Atom, JSON Lines,
JSON, CSV, TSV, WARC and WARC.gz, including the damaged ones."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPHS, articles, atom, errors, items, page, rss, write_warc

from newsgraph.config import Limits, Settings
from newsgraph.ingest import read
from newsgraph.ingest.errors import (
    LINE_TOO_LONG,
    MALFORMED_FILE,
    MALFORMED_RECORD,
    NO_TEXT,
    NOT_ARTICLE,
    TRUNCATED,
)


def test_plain_text_keeps_raw_and_normalizes_text(tmp_path: Path) -> None:
    raw = "in Esteri\r\n\r\nTitolo della notizia\r\nPrimo paragrafo\x00 del testo.\r\n"
    path = tmp_path / "notizia.txt"
    path.write_bytes(raw.encode())
    [art] = items([path])
    assert art.raw == raw
    assert art.text == "in Esteri\n\nTitolo della notizia\nPrimo paragrafo del testo."
    assert (art.format, art.record, art.encoding) == ("text", None, "utf-8")
    assert art.origin == str(path)
    assert art.title is None


def test_markdown_is_rendered_with_front_matter_metadata(tmp_path: Path) -> None:
    source = (
        "---\ntitle: Vertice a Vienna\ndate: 2024-10-11\nauthor: Anna Bianchi\n"
        "tags: [energia]\n---\n"
        "# Vertice a Vienna\n\nIl **ministro** ha incontrato [il suo omologo](https://x.example).\n"
    )
    (tmp_path / "nota.md").write_text(source, encoding="utf-8")
    [art] = items([tmp_path / "nota.md"])
    assert art.text == "Vertice a Vienna\nIl ministro ha incontrato il suo omologo."
    assert (art.title, art.author, art.published) == (
        "Vertice a Vienna",
        "Anna Bianchi",
        "2024-10-11",
    )
    assert art.meta == {"tags": ["energia"]}
    assert art.raw == source and art.format == "markdown"


def test_markdown_title_from_first_heading(tmp_path: Path) -> None:
    (tmp_path / "b.markdown").write_text("# Sanzioni nuove\n\nTesto *breve*.\n", encoding="utf-8")
    [art] = items([tmp_path / "b.markdown"])
    assert art.title == "Sanzioni nuove"
    assert art.text == "Sanzioni nuove\nTesto breve."


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    html = page("Vertice a Vienna", caption="Il ministro a Vienna (Credito: Mario Rossi, AP)")
    (tmp_path / "pagina.html").write_text(html, encoding="utf-8")
    [art] = items([tmp_path / "pagina.html"])
    assert art.raw == html
    lines = art.text.split("\n")
    assert lines[0] == "Vertice a Vienna"
    assert PARAGRAPHS[0] in lines and PARAGRAPHS[1] in lines
    assert "Il ministro a Vienna (Credito: Mario Rossi, AP)" in lines
    assert "Home" not in art.text and "newsletter" not in art.text
    assert art.title == "Vertice a Vienna"
    assert (art.author, art.source) == ("Anna Bianchi", "Il Quotidiano")
    assert art.url == "https://quotidiano.example/esteri/1"
    assert (art.published, art.published_method) == ("2024-10-11", "metadata")
    assert art.meta["captions"] == ["Il ministro a Vienna (Credito: Mario Rossi, AP)"]
    assert art.meta["declared_language"] == "it"
    assert art.format == "html"


@pytest.mark.parametrize("name", ["salvata.txt", "senza_estensione"])
def test_html_is_recognised_by_content(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(page("Telefonata tra i presidenti"), encoding="utf-8")
    [art] = items([tmp_path / name])
    assert art.format == "html" and art.title == "Telefonata tra i presidenti"


@pytest.mark.parametrize(
    "html", ["<html><body><div><p", "<html><head><title>x</title></head><body></body></html>"]
)
def test_html_without_article_text(tmp_path: Path, html: str) -> None:
    (tmp_path / "rotta.html").write_text(html, encoding="utf-8")
    [err] = items([tmp_path / "rotta.html"])
    assert err.reason == NO_TEXT and err.origin == str(tmp_path / "rotta.html")


def test_rss_entries_are_articles(tmp_path: Path) -> None:
    feed = rss(
        [
            {
                "title": "Sanzioni &amp; droni",
                "link": "https://q.example/1",
                "guid": "q-1",
                "pubDate": "Fri, 17 Jan 2025 10:00:00 +0100",
                "description": "&lt;p&gt;Primo paragrafo.&lt;/p&gt;&lt;p&gt;Secondo.&lt;/p&gt;",
            },
            {"title": "Solo un titolo", "link": "https://q.example/2"},
            {"title": "Testo semplice", "description": "Una riga di testo semplice."},
        ]
    )
    (tmp_path / "esteri.xml").write_text(feed, encoding="utf-8")
    found = items([tmp_path / "esteri.xml"])
    first, third = articles(found)
    assert first.text == "Sanzioni & droni\n\nPrimo paragrafo.\nSecondo."
    assert first.raw == "<p>Primo paragrafo.</p><p>Secondo.</p>"
    assert (first.url, first.external_id, first.record) == ("https://q.example/1", "q-1", 1)
    assert first.published == "2025-01-17T10:00:00+01:00"
    assert (first.source, first.format) == ("Esteri - Il Quotidiano", "rss")
    assert first.meta["declared_language"] == "it-IT"
    assert third.text == "Testo semplice\n\nUna riga di testo semplice." and third.record == 3
    [title_only] = errors(found)
    assert (title_only.reason, title_only.record) == (NO_TEXT, 2)


def test_atom_entries_use_full_content(tmp_path: Path) -> None:
    feed = atom(
        [
            {
                "title": "Colloqui a Doha",
                "link": "https://agenzia.example/a1",
                "id": "urn:a1",
                "updated": "2025-01-16T09:00:00Z",
                "content": "&lt;p&gt;I colloqui sono ripresi a Doha.&lt;/p&gt;",
            }
        ]
    )
    (tmp_path / "agenzia.atom").write_text(feed, encoding="utf-8")
    [art] = items([tmp_path / "agenzia.atom"])
    assert art.text == "Colloqui a Doha\n\nI colloqui sono ripresi a Doha."
    assert (art.format, art.source, art.external_id) == ("atom", "Agenzia", "urn:a1")
    assert art.published == "2025-01-16T09:00:00+00:00"


def test_broken_feed_keeps_its_entries_and_is_reported(tmp_path: Path) -> None:
    entries = [{"title": f"Notizia {i}", "description": f"Testo {i}."} for i in range(4)]
    feed = rss(entries)
    (tmp_path / "rotto.rss").write_text(feed[: feed.index("Notizia 3")], encoding="utf-8")
    found = items([tmp_path / "rotto.rss"])
    assert [a.title for a in articles(found)] == ["Notizia 0", "Notizia 1", "Notizia 2"]
    assert (found[-1].reason, found[-1].record) == (MALFORMED_FILE, 5)


def test_jsonl_bad_line_costs_only_itself(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": 7,
                "title": "Primo",
                "text": "Testo uno.",
                "published": "2024-10-11",
                "language": "Italian",
                "rubrica": "Esteri",
                "vuoto": "",
            }
        ),
        '{"title": "rotta", "text": ',
        "",
        json.dumps({"text": "Testo tre.", "url": "https://x.example/3"}),
        json.dumps(["non", "un", "oggetto"]),
        json.dumps({"title": "senza testo"}),
    ]
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = items([tmp_path / "export.jsonl"])
    one, three = articles(found)
    assert (one.record, one.external_id, one.language) == (1, "7", "it")
    assert one.text == "Primo\n\nTesto uno." and one.raw == lines[0]
    assert one.meta == {"rubrica": "Esteri"}
    assert (one.published, one.published_method) == ("2024-10-11", "metadata")
    assert (three.record, three.url, three.format) == (4, "https://x.example/3", "jsonl")
    assert [(e.reason, e.record) for e in errors(found)] == [
        (MALFORMED_RECORD, 2),
        (MALFORMED_RECORD, 5),
        (NO_TEXT, 6),
    ]


def test_field_mapping_and_usual_names(tmp_path: Path) -> None:
    record = {"headline": "Titolo", "body": "Corpo.", "maintext": "Altro.", "link": "https://x/1"}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    [usual] = items([tmp_path / "a.jsonl"])
    assert (usual.title, usual.url) == ("Titolo", "https://x/1")
    assert usual.text == "Titolo\n\nCorpo." and usual.meta == {"maintext": "Altro."}
    [mapped] = items([tmp_path / "a.jsonl"], Settings(field_map={"text": "MainText"}))
    assert mapped.text == "Titolo\n\nAltro." and mapped.meta == {"body": "Corpo."}
    with pytest.raises(ValueError, match="testo"):
        read([str(tmp_path)], Settings(field_map={"testo": "body"}))


def test_html_inside_a_json_field_becomes_text(tmp_path: Path) -> None:
    record = {"text": "<p>Primo <b>paragrafo</b>.</p><p>Secondo &amp; ultimo.</p>"}
    (tmp_path / "h.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    [art] = items([tmp_path / "h.jsonl"])
    assert art.text == "Primo paragrafo.\nSecondo & ultimo."


def test_json_array_keeps_each_element_raw(tmp_path: Path) -> None:
    text = '[\n  {"text": "Uno."},\n  {"text": "Due.", "title": "T"},\n  42\n]\n'
    (tmp_path / "export.json").write_text(text, encoding="utf-8")
    found = items([tmp_path / "export.json"])
    one, two = articles(found)
    assert (one.raw, one.record, one.format) == ('{"text": "Uno."}', 1, "json")
    assert two.raw == '{"text": "Due.", "title": "T"}' and two.record == 2
    assert [(e.reason, e.record) for e in errors(found)] == [(MALFORMED_RECORD, 3)]


def test_csv_rows_with_semicolons_and_multiline_fields(tmp_path: Path) -> None:
    content = (
        "Title;Text;Source\n"
        'Vertice;"Prima riga\nseconda riga";Agenzia\n'
        "Senza testo;;Agenzia\n"
        "Terza;Testo tre;Agenzia;colonna in più\n"
        "Quarta;Testo quattro;Agenzia\n"
    )
    (tmp_path / "tabella.csv").write_text(content, encoding="utf-8")
    found = items([tmp_path / "tabella.csv"])
    first, fourth = articles(found)
    assert first.text == "Vertice\n\nPrima riga\nseconda riga"
    assert (first.record, first.source, first.format) == (2, "Agenzia", "csv")
    assert first.raw == 'Vertice;"Prima riga\nseconda riga";Agenzia'
    assert fourth.record == 6
    assert [(e.reason, e.record) for e in errors(found)] == [(NO_TEXT, 4), (MALFORMED_RECORD, 5)]


def test_csv_without_text_column_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("titolo,link\nA,https://a\nB,https://b\n", encoding="utf-8")
    [err] = items([tmp_path / "t.csv"])
    assert err.reason == NO_TEXT and "--field text=" in err.detail
    [art, _] = items([tmp_path / "t.csv"], Settings(field_map={"text": "titolo"}))
    assert art.text == "A"


def test_tsv(tmp_path: Path) -> None:
    (tmp_path / "t.tsv").write_text("id\ttext\nn1\tIl testo, con virgole.\n", encoding="utf-8")
    [art] = items([tmp_path / "t.tsv"])
    assert (art.text, art.external_id, art.format, art.record) == (
        "Il testo, con virgole.",
        "n1",
        "tsv",
        2,
    )


@pytest.mark.parametrize("compress", [False, True])
def test_warc_pages_are_articles(tmp_path: Path, compress: bool) -> None:
    pages = [
        ("https://q.example/esteri/1", page("Vertice a Vienna")),
        ("https://q.example/esteri/2", page("Telefonata tra i presidenti", date="2024-10-12")),
    ]
    path = tmp_path / ("crawl.warc.gz" if compress else "crawl.warc")
    write_warc(path, pages, compress=compress)
    found = items([path])
    first, second = articles(found)
    # warcinfo is record 1; each page has a request then a response.
    assert (first.record, second.record) == (3, 5)
    assert (first.url, first.title, first.format) == (pages[0][0], "Vertice a Vienna", "warc")
    assert first.meta["canonical_url"] == "https://quotidiano.example/esteri/1"
    assert second.published == "2024-10-12" and first.raw == pages[0][1]
    [image] = errors(found)
    assert (image.reason, image.record) == (NOT_ARTICLE, 6)
    assert "image/png" in image.detail


def test_warc_page_without_date_gets_the_capture_date(tmp_path: Path) -> None:
    html = "\n".join(
        line for line in page("Senza data").split("\n") if "published_time" not in line
    )
    write_warc(tmp_path / "c.warc", [("https://q.example/n", html)], compress=False)
    [art] = articles(items([tmp_path / "c.warc"]))
    assert art.published_method == "crawl_date"
    assert art.published is not None and len(art.published) == 10


@pytest.mark.parametrize("compress", [False, True])
def test_truncated_warc_keeps_the_records_before_the_damage(tmp_path: Path, compress: bool) -> None:
    pages = [(f"https://q.example/{i}", page(f"Notizia numero {i}")) for i in range(12)]
    whole = tmp_path / "whole.warc"
    write_warc(whole, pages, compress=False)
    data = whole.read_bytes()
    cut = data[: int(len(data) * 0.6)]
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    if compress:
        full = gzip.compress(data)
        path.write_bytes(full[: int(len(full) * 0.6)])
    else:
        path.write_bytes(cut)
    found = items([path])
    kept = articles(found)
    assert 3 <= len(kept) < 12
    assert [a.title for a in kept] == [f"Notizia numero {i}" for i in range(len(kept))]
    assert found[-1].reason == TRUNCATED and found[-1].record > kept[-1].record
    assert all(e.reason == TRUNCATED for e in errors(found))


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_damage(tmp_path: Path) -> None:
    text = "".join(json.dumps({"text": f"Notizia {i}."}) + "\n" for i in range(400))
    data = gzip.compress(text.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    found = items([tmp_path / "cut.jsonl.gz"])
    kept = articles(found)
    assert kept and [a.text for a in kept] == [f"Notizia {i}." for i in range(len(kept))]
    assert found[-1].reason == TRUNCATED


def test_long_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    lines = [json.dumps({"text": "x" * 500}), json.dumps({"text": "Breve."})]
    (tmp_path / "l.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = items([tmp_path / "l.jsonl"], Settings(limits=Limits(max_line_bytes=100)))
    assert [(type(i).__name__, i.record) for i in found] == [("IngestError", 1), ("Article", 2)]
    assert found[0].reason == LINE_TOO_LONG
