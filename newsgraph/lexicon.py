"""Per-language data files: the cues, lexicons and patterns every stage reads.

Adding a language means adding a folder ``newsgraph/data/lang/<code>/`` with YAML files
named after the stage that reads them (``sentences.yaml``, ``clean.yaml``…); no code path
changes. A missing file reads as empty, so a language can grow stage by stage.
"""

from __future__ import annotations

import runpy
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy.lang
import yaml

from newsgraph.config import DATA_DIR

LANG_DIR = DATA_DIR / "lang"
SPACY_LANG_DIR = Path(spacy.lang.__file__).parent


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


@lru_cache(maxsize=32)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for ``lang``, in lower case (none for a language spaCy lacks):
    the function words that story terms leave out, that no name is made of, and that tell
    a short paragraph's language better than its names do.

    Each list is a file of its own that imports nothing; it is run alone rather than
    imported with its language's package, which builds that language's tokenizer rules
    (two seconds for French) that nothing here needs."""
    if not lang.isalpha():
        return frozenset()
    path = SPACY_LANG_DIR / lang / "stop_words.py"
    if not path.is_file():
        return frozenset()
    return frozenset(w.lower() for w in runpy.run_path(str(path))["STOP_WORDS"])
