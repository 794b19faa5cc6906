"""Settings shared by every stage: limits on untrusted input, languages, pipeline.

One frozen dataclass so that a run's settings can be logged, compared and passed to
worker processes as a whole.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
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


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile input from taking a whole run down."""

    max_file_bytes: int = 64 * 1024 * 1024
    max_article_chars: int = 2_000_000
    max_records_per_file: int = 1_000_000
    max_line_bytes: int = 16 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    components: tuple[str, ...] = DEFAULT_COMPONENTS
    limits: Limits = field(default_factory=Limits)
    field_map: dict[str, str] = field(default_factory=dict)
    default_language: str = "it"
    batch_size: int = 64
    #: A trained NER model folder merged with the KB mentions (None: KB and rules only).
    ner_model: str | None = field(default_factory=lambda: os.environ.get(NER_MODEL_ENV) or None)
    #: Knowledge-base files (YAML/JSONL, the schema of newsgraph/data/kb) added to the KB.
    kb_files: tuple[str, ...] = ()

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)
