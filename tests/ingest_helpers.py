"""Builders of real input files for the ingest and CLI tests: news pages, feeds, WARC
archives written with warcio's own writer, and a folder mixing good and broken inputs."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.config import Settings
from newsgraph.ingest import read
from newsgraph.model import Article, IngestError

PARAGRAPHS = (
    "Il ministro degli Esteri ha incontrato ieri a Vienna il suo omologo per discutere "
    "della cooperazione energetica tra i due paesi e delle sanzioni in vigore.",
    "Secondo fonti diplomatiche, i colloqui sono durati oltre tre ore e si sono conclusi "
    "con l'impegno a rivedersi entro la fine del mese per firmare un memorandum.",
)


def page(
    title: str,
    paragraphs: Sequence[str] = PARAGRAPHS,
    *,
    date: str = "2024-10-11",
    caption: str | None = None,
    charset: str = "utf-8",
) -> str:
    """A news page with navigation, a figure, a footer and the usual metadata."""
    first, *rest = (f"<p>{p}</p>" for p in paragraphs)
    figure = f"<figure><img src=f.jpg><figcaption>{caption}</figcaption></figure>"
    return f"""<!DOCTYPE html>
<html lang="it"><head><meta charset="{charset}"><title>{title} | Il Quotidiano</title>
<meta property="og:site_name" content="Il Quotidiano">
<meta name="author" content="Anna Bianchi">
<meta property="article:published_time" content="{date}T08:30:00+02:00">
<link rel="canonical" href="https://quotidiano.example/esteri/1"></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/esteri">Esteri</a></li></ul></nav>
<article><h1>{title}</h1>{first}{figure if caption else ""}{"".join(rest)}</article>
<footer>Iscriviti alla newsletter</footer></body></html>"""


def rss(items: Sequence[dict[str, str]], channel: str = "Esteri - Il Quotidiano") -> str:
    entries = "".join(
        "<item>" + "".join(f"<{key}>{value}</{key}>" for key, value in item.items()) + "</item>"
        for item in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{channel}</title><link>https://quotidiano.example/</link>"
        f"<language>it-IT</language>{entries}</channel></rss>"
    )


def atom(entries: Sequence[dict[str, str]], title: str = "Agenzia") -> str:
    body = "".join(
        f'<entry><title>{e["title"]}</title><link href="{e["link"]}"/><id>{e["id"]}</id>'
        f'<updated>{e["updated"]}</updated><content type="html">{e["content"]}</content></entry>'
        for e in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>{body}</feed>'
    )


def _http(status: str, content_type: str | None = None, **extra: str) -> StatusAndHeaders:
    headers = [("Content-Type", content_type)] if content_type else []
    headers += list(extra.items())
    return StatusAndHeaders(status, headers, protocol="HTTP/1.1")


def write_warc(path: Path, pages: Sequence[tuple[str, str]], *, compress: bool) -> None:
    """A crawl: warcinfo, then for each (url, html) a request and a response, plus an
    image, a redirect and a metadata record (only the image should be reported)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=compress)

        def add(url: str, kind: str, payload: bytes, **options: object) -> None:
            record = writer.create_warc_record(url, kind, payload=io.BytesIO(payload), **options)
            writer.write_record(record)

        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, html in pages:
            get = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")], is_http_request=True)
            add(url, "request", b"", http_headers=get)
            add(
                url,
                "response",
                html.encode(),
                http_headers=_http("200 OK", "text/html; charset=utf-8"),
            )
        logo = b"\x89PNG\r\n\x1a\n" + bytes(64)
        add(
            "https://quotidiano.example/logo.png",
            "response",
            logo,
            http_headers=_http("200 OK", "image/png"),
        )
        moved = _http("301 Moved Permanently", Location=pages[0][0])
        add("https://quotidiano.example/old", "response", b"", http_headers=moved)
        add(pages[0][0], "metadata", b"outlinks: none", warc_content_type="application/warc-fields")


def items(inputs: Sequence[str | Path], settings: Settings | None = None) -> list:
    return list(read([str(i) for i in inputs], settings or Settings()))


def articles(found: Sequence[object]) -> list[Article]:
    return [i for i in found if isinstance(i, Article)]


def errors(found: Sequence[object]) -> list[IngestError]:
    return [i for i in found if isinstance(i, IngestError)]


@dataclass
class Mixed:
    """A folder of inputs with what reading it must give."""

    folder: Path
    good_titles: set[str]
    bad: dict[str, str]
    """File name → expected error reason."""


def mixed_folder(root: Path) -> Mixed:
    """HTML, RSS, JSONL, CSV and WARC with good articles, next to binary, empty and broken
    files (a bad JSON line, a CSV row without text, a page without text, a cut gzip)."""
    folder = root / "inbox"
    (folder / "feeds").mkdir(parents=True)
    (folder / "pagina.html").write_text(page("Vertice a Vienna sull'energia"), encoding="utf-8")
    (folder / "feeds" / "esteri.rss").write_text(
        rss(
            [
                {
                    "title": "Nuove sanzioni contro le esportazioni di droni",
                    "link": "https://quotidiano.example/esteri/2",
                    "pubDate": "Fri, 17 Jan 2025 10:00:00 +0100",
                    "description": "&lt;p&gt;Il Consiglio ha approvato un nuovo pacchetto di "
                    "sanzioni contro le esportazioni di droni.&lt;/p&gt;",
                }
            ]
        ),
        encoding="utf-8",
    )
    lines = [
        json.dumps(
            {
                "id": "x1",
                "title": "Accordo sul grano firmato a Istanbul",
                "text": "Le delegazioni hanno firmato l'accordo sul grano dopo due giorni.",
                "published": "2024-07-22",
                "language": "it",
            }
        ),
        '{"id": "x2", "title": "riga rotta", ',
        json.dumps(
            {
                "id": "x3",
                "title": "Missione diplomatica a Doha",
                "text": "La missione diplomatica è arrivata a Doha per nuovi colloqui.",
            }
        ),
    ]
    (folder / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "tabella.csv").write_text(
        "title,text,url\n"
        "Esercitazione navale nel Golfo,\"Le marine hanno avviato un'esercitazione congiunta\n"
        'nel Golfo di Oman.",https://quotidiano.example/3\n'
        "Riga senza testo,,https://quotidiano.example/4\n",
        encoding="utf-8",
    )
    write_warc(
        folder / "crawl.warc.gz",
        [("https://quotidiano.example/esteri/5", page("Telefonata tra i due presidenti"))],
        compress=True,
    )
    (folder / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (folder / "vuoto.txt").write_bytes(b"")
    (folder / "rotta.html").write_text("<html><body><div><p", encoding="utf-8")
    whole = gzip.compress(("\n".join(lines[:1] * 40) + "\n").encode())
    (folder / "tagliato.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    return Mixed(
        folder=folder,
        good_titles={
            "Vertice a Vienna sull'energia",
            "Nuove sanzioni contro le esportazioni di droni",
            "Accordo sul grano firmato a Istanbul",
            "Missione diplomatica a Doha",
            "Esercitazione navale nel Golfo",
            "Telefonata tra i due presidenti",
        },
        bad={
            "export.jsonl": "malformed record",
            "tabella.csv": "no article text found",
            "crawl.warc.gz": "not an article",
            "foto.jpg": "binary file",
            "vuoto.txt": "empty",
            "rotta.html": "no article text found",
            "tagliato.jsonl.gz": "truncated",
        },
    )
