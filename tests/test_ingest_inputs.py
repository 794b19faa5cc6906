"""Where input comes from: directories, globs, stdin, missing paths; ids across inputs."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest
from ingest_helpers import articles, errors, items, mixed_folder, page

from newsgraph.ingest.errors import NOT_FOUND, REASONS, UNREADABLE
from newsgraph.model import Article, article_id_for


def _tree(root: Path) -> None:
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".nascosta").mkdir()
    (root / "z.txt").write_text("Zeta.", encoding="utf-8")
    (root / "a.txt").write_text("Alfa.", encoding="utf-8")
    (root / "b" / "deep" / "c.md").write_text("Gamma.", encoding="utf-8")
    (root / "b" / "b.txt").write_text("Beta.", encoding="utf-8")
    (root / ".bozza.txt").write_text("Nascosta.", encoding="utf-8")
    (root / ".nascosta" / "x.txt").write_text("Nascosta.", encoding="utf-8")


def test_directories_are_read_recursively_in_a_fixed_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = items([tmp_path])
    assert [a.text for a in found] == ["Alfa.", "Beta.", "Gamma.", "Zeta."]
    assert [a.id for a in items([tmp_path])] == [a.id for a in found]


def test_hidden_files_are_read_when_named(tmp_path: Path) -> None:
    _tree(tmp_path)
    [art] = items([tmp_path / ".bozza.txt"])
    assert art.text == "Nascosta."


def test_globs_are_expanded_here(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert [a.text for a in items([tmp_path / "*.txt"])] == ["Alfa.", "Zeta."]
    assert [a.text for a in items([f"{tmp_path}/**/*.txt"])] == ["Alfa.", "Beta.", "Zeta."]
    [err] = items([tmp_path / "*.html"])
    assert err.reason == NOT_FOUND and err.origin == f"{tmp_path}/*.html"


def test_missing_path_and_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alfa.", encoding="utf-8")
    found = items([tmp_path / "manca.txt", tmp_path / "a.txt", "https://q.example/x"])
    assert [type(i).__name__ for i in found] == ["IngestError", "Article", "IngestError"]
    assert found[0].reason == NOT_FOUND and found[0].origin == str(tmp_path / "manca.txt")
    assert "URLs are not fetched" in found[2].detail
    (tmp_path / "link").symlink_to(tmp_path / "sparito")
    [dangling] = items([tmp_path / "link"])
    assert dangling.reason == NOT_FOUND
    if os.geteuid() != 0:  # root reads anything
        (tmp_path / "a.txt").chmod(0)
        [refused] = items([tmp_path / "a.txt"])
        assert refused.reason == UNREADABLE


def test_an_input_named_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alfa.", encoding="utf-8")
    assert len(items([tmp_path, tmp_path / "a.txt", f"{tmp_path}/*.txt"])) == 1


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "expected_format"),
    [
        (b'{"text": "Da stdin."}\n{"text": "Seconda."}\n', "jsonl"),
        (page("Pagina da stdin").encode(), "html"),
        (gzip.compress(b"Testo compresso da stdin.\n"), "text"),
    ],
)
def test_stdin_is_sniffed(
    monkeypatch: pytest.MonkeyPatch, data: bytes, expected_format: str
) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    found = articles(items(["-"]))
    assert found and all(a.origin == "<stdin>" for a in found)
    assert {a.format for a in found} == {expected_format}


def test_same_text_in_two_files_is_one_article(tmp_path: Path) -> None:
    text = "Vertice a Vienna.\nIl ministro ha incontrato il suo omologo."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\n", "\r\n") + "\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    first = items([tmp_path])
    again = items([tmp_path])
    assert len({a.id for a in first}) == 1
    assert [a.id for a in first] == [a.id for a in again]
    assert first[0].id == article_id_for(text)
    assert {a.origin for a in first} == {str(tmp_path / n) for n in ("a.txt", "b.txt", "c.jsonl")}


def test_mixed_folder_keeps_every_good_record(tmp_path: Path) -> None:
    mixed = mixed_folder(tmp_path)
    found = items([mixed.folder])
    assert {a.title for a in articles(found)} == mixed.good_titles
    reasons: dict[str, set[str]] = {}
    for err in errors(found):
        assert err.reason in REASONS and err.detail
        reasons.setdefault(Path(err.origin).name, set()).add(err.reason)
    assert set(reasons) == set(mixed.bad)
    for name, reason in mixed.bad.items():
        assert reason in reasons[name], name
    assert all(isinstance(a, Article) and a.text for a in articles(found))
