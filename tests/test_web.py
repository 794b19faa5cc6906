"""The web page in real headless Chromium over a real server and the seed store: the
article page with its facts highlighted, the way to an entity page and its timeline,
the other pages, and no console errors anywhere. Screenshots go to test-artifacts/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from conftest import REPO
from serve_helpers import seed_store_copy, serve

from newsgraph.resolve import crossdoc
from newsgraph.serve.web import highlight
from newsgraph.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = REPO / "test-artifacts"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-dev-shm-usage", "--window-size=1280,1600",
)


def test_highlight_escapes_text_and_nests_marks() -> None:
    """Runs without a browser: markup in article text is escaped, overlapping marks nest."""
    text = "<script>alert(1)</script> Putin & Pezeshkian"
    art: dict[str, Any] = {
        "text": text,
        "names": {"person/p": "Vladimir <b>Putin</b>"},
        "spans": [{"kind": "caption", "start": 0, "end": len(text), "attrs": {}}],
        "quotes": [],
        "events": [],
        "mentions": [
            {"start": 26, "end": 31, "type": "PERSON", "entity_id": "person/p"},
            # Crosses the end of the mention above: cut where that one ends.
            {"start": 28, "end": 40, "type": "PERSON", "entity_id": None},
        ],
    }
    html = str(highlight(art))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp; Pezeshkian" in html and "Vladimir &lt;b&gt;Putin" in html
    assert html.startswith('<span class="zone offbody zone-caption" data-kind="caption">')
    assert html.count("<a ") == 1 and html.count("</a>") == 1
    assert html.index("</span></a>") < html.index(" &amp;")  # the cut mark closes inside


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, Any]]]:
    db = seed_store_copy(tmp_path_factory.mktemp("web") / "seeds.duckdb")
    with Store(db) as s:
        crossdoc.resolve(s)  # entity and event profiles: the quad-class chart
    with Store(db, read_only=True) as s:
        seed1 = s.rows("SELECT article_id FROM origins WHERE origin LIKE '%001_%'")[0]["article_id"]
        facts = {
            "seed1": seed1,
            "pez": s.rows("SELECT id, name FROM entities WHERE name ILIKE '%pezeshkian%'")[0],
            "events": s.rows("SELECT count(*) AS n FROM events WHERE article_id = ?",
                             [seed1])[0]["n"],
            "quotes": s.rows("SELECT count(*) AS n FROM quotes WHERE article_id = ?",
                             [seed1])[0]["n"],
            "captions": s.rows("SELECT count(*) AS n FROM spans WHERE article_id = ? "
                               "AND kind = 'caption'", [seed1])[0]["n"],
            "story": s.rows("SELECT story_id FROM story_articles WHERE article_id = ?",
                            [seed1])[0]["story_id"],
        }
    with serve(db) as base:
        yield base, facts


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("CI"):
            pytest.fail("CI must have /usr/bin/chromium and /usr/bin/chromedriver (.ci/run)")
        pytest.skip("no /usr/bin/chromium or /usr/bin/chromedriver here (apt-get install "
                    "chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def wait_rendered(driver: Any, chart_id: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(
        lambda d: d.find_element("id", chart_id).get_attribute("data-rendered") == "true"
    )


def test_article_page_then_entity_page(browser: Any, site: tuple[str, dict[str, Any]]) -> None:
    base, facts = site
    browser.get(f"{base}/article/{facts['seed1']}")
    text = browser.find_element("id", "article-text")
    assert "Pezeshkian" in text.text
    marks = text.find_elements("css selector", "mark.event")
    assert 0 < len(marks) <= facts["events"]
    assert all(m.get_attribute("title") for m in marks)
    assert len(text.find_elements("css selector", "span.quote")) == facts["quotes"]
    captions = text.find_elements("css selector", ".zone.offbody[data-kind=caption]")
    assert len(captions) == facts["captions"] > 0
    assert len(browser.find_elements("css selector", "tr.event-row")) == facts["events"]
    browser.save_screenshot(str(ARTIFACTS / "web-article-seed-001.png"))
    assert console_errors(browser) == []

    pez = facts["pez"]
    link = text.find_element("css selector", f"a.mention[href='/entity/{pez['id']}']")
    link.click()
    assert unquote(browser.current_url) == f"{base}/entity/{pez['id']}"
    assert browser.find_element("css selector", "h1.entity-name").text.startswith(pez["name"])
    assert "president" in browser.find_element("css selector", "dd.roles").text
    wait_rendered(browser, "timeline")
    bars = browser.find_elements("css selector", "#timeline .main-svg .bars path")
    assert bars, "the timeline chart has no bars"
    wait_rendered(browser, "quads")
    wait_rendered(browser, "graph")
    assert "Putin" in browser.find_element("css selector", "table.relations").text
    assert browser.find_elements("css selector", "tr.event-row")
    browser.save_screenshot(str(ARTIFACTS / "web-entity-pezeshkian.png"))
    assert console_errors(browser) == []


def test_other_pages_load_without_console_errors(
    browser: Any, site: tuple[str, dict[str, Any]]
) -> None:
    base, facts = site
    pages = {
        "search": ("/search?q=Pezeshkian", "ol.results li"),
        "story": (f"/story/{facts['story']}", "ol.results li"),
        "events": ("/events?type=CONSULT", "tr.event-row"),
        "pair": (None, "tr.event-row"),
        "map": ("/map", "#map .main-svg"),
        "docs": ("/docs", ".swagger-ui .opblock"),
    }
    browser.get(f"{base}/entity/{facts['pez']['id']}")
    pair_link = browser.find_element("css selector", "table.relations a[href^='/pair']")
    pages["pair"] = (pair_link.get_attribute("href").removeprefix(base), "tr.event-row")
    from selenium.webdriver.support.ui import WebDriverWait

    for name, (path, selector) in pages.items():
        browser.get(f"{base}{path}")
        WebDriverWait(browser, 30).until(
            lambda d, sel=selector: d.find_elements("css selector", sel)
        )
        browser.save_screenshot(str(ARTIFACTS / f"web-{name}.png"))
        assert console_errors(browser) == [], name
