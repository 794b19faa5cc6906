"""The API's protections, over real servers: write and read tokens, the login cookie,
request size limits (413), security headers, CORS off unless asked for; and the ingest
endpoints, which run the real pipeline on uploaded content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serve_helpers import seed_store_copy, serve

from newsgraph.serve.security import COOKIE, CSP, SecurityConfig

WRITE = "write-token-for-tests"
READ = "read-token-for-tests"
ARTICLE = (
    "Lavrov incontra Araghchi a Mosca\n\n"
    "Il ministro degli Esteri russo Sergei Lavrov ha incontrato venerdì a Mosca il suo "
    "omologo iraniano Abbas Araghchi. I due hanno firmato un accordo sul nucleare civile."
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seed_store_copy(tmp_path_factory.mktemp("sec") / "seeds.duckdb")


@pytest.fixture(scope="module")
def guarded(db: Path) -> Iterator[httpx.Client]:
    """A server with a write token, a read token, a 64 KiB body limit and one CORS origin."""
    config = SecurityConfig(write_token=WRITE, read_token=READ, max_body=64 * 1024,
                            cors_origins=("http://allowed.example",))
    with serve(db, config) as base, httpx.Client(base_url=base, timeout=120) as client:
        yield client


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_reads_need_the_read_token_when_set(guarded: httpx.Client) -> None:
    assert guarded.get("/api/stats").status_code == 401
    assert guarded.get("/api/stats", headers=auth("wrong")).status_code == 401
    assert guarded.get("/api/stats", headers=auth(READ)).json()["articles"] == 2
    assert guarded.get("/api/stats", headers=auth(WRITE)).status_code == 200
    # The web page sends the browser to the login form, which sets an HttpOnly cookie.
    page = guarded.get("/entities", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"
    assert guarded.post("/login", data={"token": "wrong"}).status_code == 401
    ok = guarded.post("/login", data={"token": READ}, follow_redirects=False)
    assert ok.status_code == 303
    cookie = ok.headers["set-cookie"]
    assert COOKIE in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
    browser = httpx.Client(base_url=guarded.base_url, cookies={COOKIE: READ})
    with browser:
        with_cookie = browser.get("/entities")
    assert with_cookie.status_code == 200 and "Pezeshkian" in with_cookie.text


def test_writes_need_the_write_token(guarded: httpx.Client) -> None:
    body = {"articles": [{"text": ARTICLE}]}
    assert guarded.post("/api/ingest", json=body).status_code == 401
    assert guarded.post("/api/ingest", json=body, headers=auth(READ)).status_code == 401
    empty = guarded.post("/api/ingest", json={"articles": []}, headers=auth(WRITE))
    assert empty.status_code == 422


def test_large_bodies_are_refused(guarded: httpx.Client) -> None:
    big = {"articles": [{"text": "parola " * 20_000}]}
    resp = guarded.post("/api/ingest", json=big, headers=auth(WRITE))
    assert resp.status_code == 413
    # Without a Content-Length the body is counted as it streams in.
    head = b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
    chunks = (head + b"x" * 16 * 1024 if i == 0 else b"x" * 16 * 1024 for i in range(8))
    resp = guarded.post("/api/ingest/files", content=chunks,
                        headers={**auth(WRITE), "Content-Type": "multipart/form-data; boundary=b"})
    assert resp.status_code == 413


def test_security_headers_and_cors(guarded: httpx.Client, tmp_path: Path) -> None:
    resp = guarded.get("/api/stats", headers=auth(READ))
    assert resp.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["x-frame-options"] == "DENY"
    assert resp.headers["referrer-policy"] == "no-referrer"
    allowed = guarded.get("/api/stats", headers={**auth(READ), "Origin": "http://allowed.example"})
    assert allowed.headers["access-control-allow-origin"] == "http://allowed.example"
    other = guarded.get("/api/stats", headers={**auth(READ), "Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    # A second server needs its own store file: DuckDB opens a file one way per process.
    with serve(seed_store_copy(tmp_path / "plain.duckdb")) as base:
        plain = httpx.get(f"{base}/api/stats", headers={"Origin": "http://allowed.example"})
        assert plain.status_code == 200
        assert "access-control-allow-origin" not in plain.headers
        # Without a write token the server is read-only.
        resp = httpx.post(f"{base}/api/ingest", json={"articles": [{"text": ARTICLE}]},
                          headers=auth(WRITE))
        assert resp.status_code == 403


def test_ingest_json_and_files_store_annotated_articles(guarded: httpx.Client) -> None:
    resp = guarded.post(
        "/api/ingest",
        json={"articles": [{"text": ARTICLE, "published": "2025-02-07", "source": "test"}]},
        headers=auth(WRITE),
    )
    assert resp.status_code == 200, resp.text
    done = resp.json()
    assert done["stored"] == 1 and done["errors"] == 0 and len(done["article_ids"]) == 1
    art = guarded.get(f"/api/articles/{done['article_ids'][0]}", headers=auth(READ)).json()
    assert art["source"] == "test" and art["origins"][0]["origin"] == "upload:request.jsonl"
    assert any(m["text"] == "Lavrov" for m in art["mentions"])
    found = guarded.get("/api/search", params={"q": "Araghchi"}, headers=auth(READ)).json()
    assert done["article_ids"][0] in {a["id"] for a in found["items"]}

    again = guarded.post("/api/ingest", json={"articles": [{"text": ARTICLE}]},
                         headers=auth(WRITE)).json()
    assert again["stored"] == 0 and again["unchanged"] == 1

    files = [
        ("files", ("../../etc/notes.txt", b"Teheran, 3 marzo\n\nPutin telefona a Pezeshkian.",
                   "text/plain")),
        ("files", ("empty.txt", b"   ", "text/plain")),
    ]
    resp = guarded.post("/api/ingest/files", files=files, headers=auth(WRITE))
    assert resp.status_code == 200, resp.text
    up = resp.json()
    assert up["stored"] == 1 and up["errors"] == 1
    assert up["error_samples"][0]["origin"] == "upload:empty.txt"
    stats = guarded.get("/api/stats", headers=auth(READ)).json()
    assert stats["articles"] == 4


def test_hostile_article_is_shown_escaped(guarded: httpx.Client) -> None:
    hostile = {
        "title": "<img src=x onerror=alert(1)>",
        "text": "Putin <script>alert('x')</script> incontra Pezeshkian a Mosca.",
        "url": "javascript:alert(2)",
    }
    done = guarded.post("/api/ingest", json={"articles": [hostile]}, headers=auth(WRITE)).json()
    assert done["stored"] == 1
    with httpx.Client(base_url=guarded.base_url, cookies={COOKIE: READ}) as browser:
        page = browser.get(f"/article/{done['article_ids'][0]}").text
    assert "<script>alert" not in page and "&lt;script&gt;alert(" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page
