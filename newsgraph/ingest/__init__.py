"""Ingest: turn inputs (paths, globs, directories, ``-``) into Article records.

(Placeholder until the ingest stage lands: UTF-8 text files only.)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from newsgraph.config import Settings
from newsgraph.model import Article, IngestError, article_id_for


def read(inputs: Sequence[str], settings: Settings) -> Iterator[Article | IngestError]:
    for name in inputs:
        paths = (
            sorted(p for p in Path(name).rglob("*") if p.is_file())
            if Path(name).is_dir()
            else [Path(name)]
        )
        for path in paths:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield IngestError(origin=str(path), reason="unreadable", detail=str(exc))
                continue
            yield Article(id=article_id_for(text), text=text, raw=text, origin=str(path))
