"""The daily digest over a store built by the real pipeline: the files, the e-mail
structure, escaping of hostile article text, story ranking and the day of undated
articles."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from digest_helpers import DAY, HOSTILE, built_store
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.serve import digest
from newsgraph.serve.watch import Watchlist
from newsgraph.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    return built_store(tmp_path_factory, shared)


@pytest.fixture
def watch_file(tmp_path: Path) -> Path:
    wl = Watchlist(actors=["Mosca"], pairs=[("Russia", "Iran")], name="russia-iran")
    return wl.save(tmp_path / "watch.yaml")


def test_digest_command_writes_html_markdown_and_a_two_part_email(
    db: Path, watch_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ["digest", "--date", DAY, "--watch", str(watch_file), "--out", str(out)]
    result = CliRunner().invoke(app, [*args, "--db", str(db), "--to", "analyst@example.org"])
    assert result.exit_code == 0, result.output
    html, md, eml = (out / f"digest-{DAY}.{ext}" for ext in ("html", "md", "eml"))
    assert all(p.is_file() for p in (html, md, eml))

    msg = BytesParser(policy=policy.default).parsebytes(eml.read_bytes())
    assert msg.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert msg["To"] == "analyst@example.org"
    assert DAY in msg["Subject"] and "\n" not in msg["Subject"]
    assert msg.get_body(("plain",)).get_content() == md.read_text(encoding="utf-8")
    assert msg.get_body(("html",)).get_content() == html.read_text(encoding="utf-8")

    text = md.read_text(encoding="utf-8")
    assert "New events for watched actors and pairs" in text
    assert "Vladimir Putin" in text  # a participant of the day's AGREE between the two
    assert "È un giorno storico per i nostri paesi" in text  # the day's quotation


def test_hostile_article_text_is_escaped_everywhere(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as store:
        paths = digest.write(digest.build(store, date.fromisoformat(DAY)), tmp_path)
    html, md = (p.read_text(encoding="utf-8") for p in paths[:2])
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "javascript:" not in html and "javascript:" not in md
    assert 'href="https://example.org/news/russia-iran-trattato"' in html
    assert r"\<script\>alert\('x'\)\</script\>" in md
    # Self-contained: nothing is fetched when the page is opened.
    assert not re.search(r"<(link|script|img|iframe)\b|\bsrc=|@import|url\(", html)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium")
def test_digest_renders_in_headless_chromium_with_the_title_as_text(
    db: Path, tmp_path: Path
) -> None:
    with Store(db, read_only=True) as store:
        page = digest.write(digest.build(store, date.fromisoformat(DAY)), tmp_path)[0]
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    shutil.rmtree(profile, ignore_errors=True)
    assert "<script" not in dom  # the title stayed text: no element was created from it
    assert "&lt;script&gt;" in dom
    assert dom.count('<section id="') == 3


def test_top_stories_rank_by_the_days_articles(db: Path) -> None:
    with Store(db, read_only=True) as store:
        built = digest.build(store, date.fromisoformat(DAY))
    assert built.articles == 2
    top = built.stories[0]
    assert top.today == 2 and top.id is not None
    assert {a["title"] for a in top.articles} >= {HOSTILE}


def test_an_undated_article_counts_for_the_day_it_was_stored(db: Path) -> None:
    with Store(db, read_only=True) as store:
        undated = store.rows(
            "SELECT a.id, CAST(min(o.first_seen) AS DATE) AS day FROM articles a "
            "JOIN origins o ON o.article_id = a.id WHERE a.published IS NULL "
            "GROUP BY a.id ORDER BY a.id LIMIT 1"
        )[0]
        built = digest.build(store, undated["day"])
    listed = {a["id"] for s in built.stories for a in s.articles}
    assert undated["id"] in listed
    assert built.events  # without a watchlist, every event of the day is listed


def test_markdown_escape_and_url_filters() -> None:
    assert digest.md_escape("a *b* [c](d)\n<e>") == r"a \*b\* \[c\]\(d\) \<e\>"
    assert digest.safe_url("javascript:alert(1)") is None
    assert digest.safe_url("https://x.org/a") == "https://x.org/a"
    assert digest.md_url("https://x.org/a b)") == "https://x.org/a%20b%29"


def test_a_bad_date_is_a_usage_error(db: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["digest", "--date", "1 March", "--db", str(db)])
    assert result.exit_code == 2
