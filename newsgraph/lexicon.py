"""Per-language data files: the cues, lexicons and patterns every stage reads.

Adding a language means adding a folder ``newsgraph/data/lang/<code>/`` with YAML files
named after the stage that reads them (``sentences.yaml``, ``clean.yaml``…); no code path
changes. A missing file reads as empty, so a language can grow stage by stage.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from newsgraph.config import DATA_DIR

LANG_DIR = DATA_DIR / "lang"


class LexiconError(ValueError):
    pass


@lru_cache(maxsize=256)
def load(lang: str, name: str) -> dict[str, Any]:
    """The parsed ``<lang>/<name>.yaml`` (an empty mapping when the file is absent)."""
    path = LANG_DIR / lang / f"{name}.yaml"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


def languages() -> list[str]:
    """Language codes that ship any data."""
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir())
