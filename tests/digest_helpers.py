"""A store built by the real pipeline from the seeds, the demo folder and a few JSONL
articles written here (one with a hostile title and URL), shared by the digest, watch and
export tests: it is built once per session and each test gets its own copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsgraph import job
from newsgraph.resolve import crossdoc
from newsgraph.store import Store

REPO = Path(__file__).resolve().parent.parent
DAY = "2025-03-01"
HOSTILE = "<script>alert('x')</script> Putin e Pezeshkian firmano il trattato"

ARTICLES = [
    {
        "title": HOSTILE,
        "url": "javascript:alert(1)",
        "published": DAY,
        "source": "Agenzia <b>Test</b>",
        "text": (
            "Il presidente russo Vladimir Putin e il presidente iraniano Masoud Pezeshkian "
            "hanno firmato sabato a Mosca un trattato di partenariato strategico. "
            "«È un giorno storico per i nostri paesi», ha detto Putin ai giornalisti. "
            "Gli Stati Uniti hanno accusato la Russia di fornire armi all'Iran."
        ),
    },
    {
        "title": "Russia e Iran firmano il trattato di partenariato strategico",
        "url": "https://example.org/news/russia-iran-trattato",
        "published": DAY,
        "source": "Example News",
        "text": (
            "Vladimir Putin e Masoud Pezeshkian hanno firmato a Mosca il trattato di "
            "partenariato strategico tra Russia e Iran. Il Cremlino ha definito l'accordo "
            "storico. Pezeshkian ha incontrato Putin al Cremlino prima della firma."
        ),
    },
]

_built: Path | None = None


def built_store(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """The path of the session's pipeline-built store (built on first use)."""
    global _built
    if _built is None:
        folder = tmp_path_factory.mktemp("digest-store")
        feed = folder / "articles.jsonl"
        feed.write_text(
            "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8"
        )
        path = folder / "built.duckdb"
        with Store(path) as store:
            summary = job.run(
                [str(shared / "seeds"), str(REPO / "examples" / "demo"), str(feed)], store
            )
            assert summary.errors == 0 and summary.stored >= 5
            crossdoc.update(store)
        _built = path
    return _built


def store_copy(tmp_path_factory: pytest.TempPathFactory, shared: Path, dest: Path) -> Path:
    """A private copy of the built store, for a test that writes to it."""
    target = dest / "store.duckdb"
    shutil.copyfile(built_store(tmp_path_factory, shared), target)
    return target
