"""Reading knowledge-base files: YAML (a list of entries, or ``{entries: [...]}``) and
JSONL (one entry per line; lines starting with ``#`` are comments, such as the
provenance header of generated files)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from newsgraph.kb.schema import KBError

try:  # the C parser reads the shipped files several times faster
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

SUFFIXES = (".yaml", ".yml", ".jsonl", ".json")


def raw_entries(path: Path) -> Iterator[tuple[Any, str]]:
    """Each entry of ``path`` in file form, with a ``file:line`` or ``file[i]`` label for
    error messages."""
    if not path.is_file():
        raise KBError(f"no knowledge-base file at {path}")
    if path.suffix not in SUFFIXES:
        raise KBError(f"{path}: a KB file is YAML or JSONL ({', '.join(SUFFIXES)})")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"cannot read {path}: {exc}") from exc
    if path.suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    yield json.loads(line), f"{path.name}:{number}"
                except json.JSONDecodeError as exc:
                    raise KBError(f"{path.name}:{number}: {exc}") from exc
        return
    try:
        data = yaml.load(text, Loader=_Loader)  # a safe loader
    except yaml.YAMLError as exc:
        raise KBError(f"{path}: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("entries")
    if not isinstance(data, list):
        raise KBError(f"{path}: expected a list of entries (or a mapping with 'entries')")
    for i, raw in enumerate(data):
        yield raw, f"{path.name}[{i}]"
