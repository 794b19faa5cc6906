"""Settings shared by every stage: limits on untrusted input, languages, pipeline.

One frozen dataclass so that a run's settings can be logged, compared and passed to
worker processes as a whole.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_DB = "newsgraph.duckdb"

DEFAULT_LANGUAGES = ("it", "en", "fr", "es", "de", "pt")
DEFAULT_COMPONENTS = (
    "newsgraph_sentences",
    "newsgraph_entities",
    "newsgraph_time",
    "newsgraph_events",
    "newsgraph_quotes",
)
#: Names the folder of a trained NER model (``newsgraph train ner``) for every run.
NER_MODEL_ENV = "NEWSGRAPH_NER_MODEL"
#: Prefix of the environment variables that set :class:`Limits`.
LIMITS_ENV_PREFIX = "NEWSGRAPH_"


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile input from taking a whole run down.

    Each can be set for a run from the environment: ``NEWSGRAPH_`` and the field name in
    capitals (``NEWSGRAPH_MAX_FILE_BYTES=1000000``, ``NEWSGRAPH_DOC_SECONDS=0`` for no
    time limit); see :meth:`from_env`.
    """

    max_file_bytes: int = 64 * 1024 * 1024
    max_article_chars: int = 2_000_000
    max_records_per_file: int = 1_000_000
    max_line_bytes: int = 16 * 1024 * 1024
    #: Nesting of arrays and objects in one JSON record.
    max_json_depth: int = 100
    #: Element nesting of an HTML page (libxml2 itself stops building the tree at 256).
    max_html_depth: int = 200
    #: Wall-clock seconds to read one record, and to clean and annotate one article (see
    #: newsgraph.guard).
    doc_seconds: float = 60.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The defaults, with any ``NEWSGRAPH_<FIELD>`` variable applied; a value that is
        not a number is a ValueError naming the variable."""
        env = os.environ if environ is None else environ
        changes: dict[str, Any] = {}
        for f in fields(cls):
            name = LIMITS_ENV_PREFIX + f.name.upper()
            if env.get(name, "").strip():
                kind = float if f.type in (float, "float") else int
                try:
                    changes[f.name] = kind(env[name])
                except ValueError:
                    raise ValueError(f"{name}={env[name]!r} is not a number") from None
        return cls(**changes)


@dataclass(frozen=True)
class Settings:
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    limits: Limits = field(default_factory=Limits.from_env)
    field_map: dict[str, str] = field(default_factory=dict)
    default_language: str = "it"
    #: Articles written per transaction: larger batches cost the store less CPU per article
    #: (1.5 → 0.9 s per 1,000 from 64 to 256); a crash loses at most one batch's work.
    batch_size: int = 256
    #: DuckDB's memory while a run writes (MB). Its cache of the store's pages otherwise
    #: grows with the store, up to 80% of the machine's memory: ~7 MB more per 1,000
    #: articles, 74 MB at 10,000. Over 10,000 DICE articles in batches of 256, RSS grew
    #: 590 -> 749 MB under a 256 MB cap and 586 -> 641 MB under 64 MB, at the same speed;
    #: a batch that needs more gets it (:meth:`Store.write_batch` doubles the cap).
    store_memory_mb: int = 64
    #: A trained NER model folder merged with the KB mentions (None: KB and rules only).
    ner_model: str | None = field(default_factory=lambda: os.environ.get(NER_MODEL_ENV) or None)
    #: Knowledge-base files (YAML/JSONL, the schema of newsgraph/data/kb) added to the KB.
    kb_files: tuple[str, ...] = ()

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)
