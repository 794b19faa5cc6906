"""End to end: ``newsgraph run`` on real folders, checked in the DuckDB store it writes.

Exit codes (newsgraph.cli): 0 all input read (or skipped: a crawl's images), 1 some input
failed (each failure and each skip is a row of ``ingest_errors``), 2 usage error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import mixed_folder, write_warc
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.store import Store

runner = CliRunner()


def _run(*args: str) -> Any:
    return runner.invoke(app, ["run", *args], catch_exceptions=False)


def _contents(db: Path) -> dict[str, list[str]]:
    """Every row of every table, timestamps included."""
    with Store(db, read_only=True) as store:
        return {
            table: sorted(map(str, store.con.execute(f'SELECT * FROM "{table}"').fetchall()))
            for table in store.counts()
        }


def test_seeds_are_two_italian_articles(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "seeds.duckdb"
    result = _run(str(seeds_dir), "--db", str(db))
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        rows = store.rows("SELECT language, format, origin FROM articles ORDER BY origin")
        assert store.counts()["ingest_errors"] == 0
    assert [r["language"] for r in rows] == ["it", "it"]
    assert {Path(r["origin"]).resolve().parent for r in rows} == {seeds_dir.resolve()}


def test_mixed_folder_stores_the_good_and_records_the_bad(tmp_path: Path) -> None:
    mixed = mixed_folder(tmp_path)
    db = tmp_path / "store.duckdb"
    first = _run(str(mixed.folder), "--db", str(db))
    assert first.exit_code == 1, first.output
    with Store(db, read_only=True) as store:
        titles = {r["title"] for r in store.rows("SELECT title FROM articles")}
        failures = store.rows("SELECT origin, reason, record, detail FROM ingest_errors")
        formats = {r["format"] for r in store.rows("SELECT format FROM origins")}
    assert titles == mixed.good_titles
    by_file: dict[str, set[str]] = {}
    for row in failures:
        assert row["detail"]
        by_file.setdefault(Path(row["origin"]).name, set()).add(row["reason"])
    assert set(by_file) == set(mixed.bad)
    for name, reason in mixed.bad.items():
        assert reason in by_file[name], (name, by_file[name])
    assert formats >= {"html", "rss", "jsonl", "csv", "warc"}

    before = _contents(db)
    again = _run(str(mixed.folder), "--db", str(db))
    assert again.exit_code == 1
    assert _contents(db) == before


def test_stdin_and_field_mapping(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    data = '{"corpo": "Le delegazioni si sono incontrate a Ginevra.", "titolo": "Ginevra"}\n'
    result = runner.invoke(
        app,
        ["run", "-", "--db", str(db), "--field", "text=corpo", "--field", "title=titolo"],
        input=data,
    )
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        [row] = store.rows("SELECT title, text, origin FROM articles")
    assert row == {
        "title": "Ginevra",
        "text": "Ginevra\n\nLe delegazioni si sono incontrate a Ginevra.",
        "origin": "<stdin>",
    }


def test_unknown_field_mapping_is_a_usage_error(tmp_path: Path) -> None:
    result = _run("x.jsonl", "--db", str(tmp_path / "u.duckdb"), "--field", "corpo=text")
    assert result.exit_code == 2


def test_the_installed_console_script(tmp_path: Path) -> None:
    script = shutil.which("newsgraph", path=os.path.dirname(sys.executable))
    if script is None:
        pytest.skip("the newsgraph console script is not installed beside this Python")
    mixed = mixed_folder(tmp_path)
    db = tmp_path / "cli.duckdb"
    done = subprocess.run(
        [script, "run", str(mixed.folder), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "errors" in done.stderr
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == len(mixed.good_titles)


def test_a_crawl_with_images_is_read_and_exits_0(tmp_path: Path) -> None:
    """A real crawl holds more than pages: its image is a recorded skip, not a failure."""
    crawl = tmp_path / "crawl.warc.gz"
    page = (
        "<html><head><title>Vertice a Vienna</title></head><body><article><p>"
        + "Il ministro degli Esteri ha incontrato ieri a Vienna il suo omologo austriaco. " * 4
        + "</p></article></body></html>"
    )
    write_warc(crawl, [("https://quotidiano.example/vertice", page)], compress=True)
    db = tmp_path / "crawl.duckdb"
    result = _run(str(crawl), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "errors 0, skipped 1" in result.output
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
        [skip] = store.rows("SELECT reason, record, detail FROM ingest_errors")
    assert skip["reason"] == "not an article" and "image/png" in skip["detail"]
