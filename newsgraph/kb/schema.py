"""The knowledge-base record: one real-world actor, place or thing with its names.

The same schema serves the shipped data files (``newsgraph/data/kb/``, documented in its
README) and the files a user adds with ``newsgraph run --kb FILE``: a YAML file holding a
list of entries (or a mapping with an ``entries`` list), or a JSONL file with one entry
per line. :func:`parse_entry` checks an entry and says what is wrong with it, so a
mistake in a user's watchlist is reported with the file and the entry, not as a crash
deep inside the annotator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Entity types a mention can have (``doc.ents`` labels).
TYPES = frozenset(
    {"PERSON", "ORGANIZATION", "COUNTRY", "LOCATION", "GROUP", "MATERIEL", "AGREEMENT"}
)
#: The language key of names valid in every language.
ANY = "any"
#: ``XXX``, ``XXX YYY``… : a country (ISO alpha-3 or IGO, NGO, IMG, MNC, ...) and sectors.
_CODE = re.compile(r"^[A-Z]{3}( [A-Z]{3})*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class KBError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Role:
    """A position held over a period: "president of Iran since 2024-07-28".

    Dates are ISO strings at the precision known (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``); a missing ``start`` or ``end`` leaves that side open.
    """

    role: str
    country: str | None = None
    org: str | None = None
    start: str | None = None
    end: str | None = None
    code: str | None = None

    def holds_on(self, day: date) -> bool:
        """Whether the role was held on ``day`` (a date inside a partial bound counts)."""
        iso = day.isoformat()
        if self.start and iso[: len(self.start)] < self.start:
            return False
        return not (self.end and iso[: len(self.end)] > self.end)

    def to_dict(self) -> dict[str, Any]:
        out = {"role": self.role, "country": self.country, "org": self.org}
        out.update({"from": self.start, "to": self.end, "code": self.code})
        return {k: v for k, v in out.items() if v is not None}


@dataclass
class Entry:
    """One knowledge-base entity.

    ``names`` maps a language code (or ``"any"``) to the names that refer to the entry
    in that language; ``adjectives`` the same for nationality or relational adjectives
    ("iraniano", "Iranian"); ``short`` lists short forms that name the entry alone in any
    article ("Putin"), as opposed to a surname that needs the full name first.
    ``stands_for`` is the entry a capital or a seat of power can stand for (Mosca, il
    Cremlino → Russia). ``rank`` orders entries that share a name: population for
    places, prominence for the rest.
    """

    id: str
    name: str
    type: str
    code: str | None = None
    country: str | None = None
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    adjectives: dict[str, tuple[str, ...]] = field(default_factory=dict)
    short: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    stands_for: str | None = None
    rank: float = 0.0
    attrs: dict[str, Any] = field(default_factory=dict)

    def all_names(self, lang: str | None = None) -> list[str]:
        """The canonical name and every name (of ``lang`` and ``any``, or of all
        languages when ``lang`` is None), without repeats."""
        out = [self.name]
        for key, names in self.names.items():
            if lang is None or key in (lang, ANY):
                out += names
        return list(dict.fromkeys(out))

    def roles_on(self, day: date | None) -> list[Role]:
        """Roles held on ``day``; with no date, none (a role is a dated fact)."""
        if day is None:
            return []
        held = [r for r in self.roles if r.holds_on(day)]
        return sorted(held, key=lambda r: r.start or "", reverse=True)  # the newest first

    def merge(self, other: Entry) -> None:
        """Add ``other``'s names, adjectives, short forms and roles to this entry and
        let its given scalar fields win (a user's file refining a shipped entry)."""
        for lang, names in other.names.items():
            self.names[lang] = tuple(dict.fromkeys((*self.names.get(lang, ()), *names)))
        for lang, adjs in other.adjectives.items():
            self.adjectives[lang] = tuple(dict.fromkeys((*self.adjectives.get(lang, ()), *adjs)))
        self.short = tuple(dict.fromkeys((*self.short, *other.short)))
        self.roles = tuple(dict.fromkeys((*self.roles, *other.roles)))
        self.code = other.code or self.code
        self.country = other.country or self.country
        self.stands_for = other.stands_for or self.stands_for
        self.rank = max(self.rank, other.rank)
        self.attrs.update(other.attrs)
        self.name = other.name
        self.type = other.type


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return tuple(v.strip() for v in value)
    raise KBError(f"{where}: expected a string or a list of strings, got {value!r}")


def _by_lang(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if isinstance(value, list | str):
        return {ANY: _strings(value, where)}
    if not isinstance(value, dict):
        raise KBError(f"{where}: expected a mapping of language to names")
    return {str(lang): _strings(v, f"{where}.{lang}") for lang, v in value.items() if v}


def _date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, date) else str(value)
    if not _DATE.match(text):
        raise KBError(f"{where}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return text


def _code(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _CODE.match(value):
        raise KBError(f"{where}: a code is an upper-case country and sectors, e.g. 'IRN GOV'")
    return value


def _country(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COUNTRY.match(value):
        raise KBError(f"{where}: a country is an ISO 3166 alpha-2 code, e.g. 'IR'")
    return value


def parse_role(raw: Any, where: str) -> Role:
    if not isinstance(raw, dict) or not isinstance(raw.get("role"), str):
        raise KBError(f"{where}: a role is a mapping with at least 'role'")
    return Role(
        role=raw["role"],
        country=_country(raw.get("country"), f"{where}.country"),
        org=raw.get("org"),
        start=_date(raw.get("from"), f"{where}.from"),
        end=_date(raw.get("to"), f"{where}.to"),
        code=_code(raw.get("code"), f"{where}.code"),
    )


_KNOWN = frozenset(
    {"id", "name", "type", "code", "country", "names", "adjectives", "short", "roles"}
    | {"stands_for", "rank", "attrs"}
)


def parse_entry(raw: Any, where: str, base: Entry | None = None) -> Entry:
    """An :class:`Entry` from its file form, or a :class:`KBError` saying what is wrong.

    An entry that refines ``base`` (one with the same id loaded before) may leave out
    ``name`` and ``type``; they are taken from ``base``.
    """
    if not isinstance(raw, dict):
        raise KBError(f"{where}: an entry is a mapping")
    unknown = set(raw) - _KNOWN
    if unknown:
        raise KBError(f"{where}: unknown fields {sorted(unknown)}")
    entry_id = raw.get("id")
    name = raw.get("name", base.name if base else None)
    kind = raw.get("type", base.type if base else None)
    if not isinstance(entry_id, str) or not entry_id:
        raise KBError(f"{where}: 'id' is required")
    where = f"{where} ({entry_id})"
    if not isinstance(name, str) or not name.strip():
        raise KBError(f"{where}: 'name' is required")
    if kind not in TYPES:
        raise KBError(f"{where}: 'type' must be one of {', '.join(sorted(TYPES))}")
    roles = raw.get("roles") or []
    if not isinstance(roles, list):
        raise KBError(f"{where}: 'roles' is a list")
    attrs = raw.get("attrs") or {}
    if not isinstance(attrs, dict):
        raise KBError(f"{where}: 'attrs' is a mapping")
    return Entry(
        id=entry_id,
        name=name.strip(),
        type=kind,
        code=_code(raw.get("code"), f"{where}.code"),
        country=_country(raw.get("country"), f"{where}.country"),
        names=_by_lang(raw.get("names"), f"{where}.names"),
        adjectives=_by_lang(raw.get("adjectives"), f"{where}.adjectives"),
        short=_strings(raw.get("short"), f"{where}.short"),
        roles=tuple(parse_role(r, f"{where}.roles[{i}]") for i, r in enumerate(roles)),
        stands_for=raw.get("stands_for"),
        rank=float(raw.get("rank") or 0.0),
        attrs=dict(attrs),
    )
