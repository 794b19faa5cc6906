"""Events as a GDELT-style event table (CSV), for tools and habits built on GDELT 1.0/2.0.

One row per dyad: PLOVER allows compound actors and recipients, GDELT has one Actor1 and
one Actor2, so an event with two recipients becomes two rows (ids ``<event>-1``,
``<event>-2``), as the PLOVER manual asks for when actors differ. An event among
partners with no recipient (a meeting, a reciprocal agreement) pairs its first actor
with the others.

Columns keep GDELT's names and meanings where newsgraph has the fact:

- ``EventCode``/``EventBaseCode``/``EventRootCode``: the CAMEO code that best fits the
  PLOVER type, mode and contexts (``newsgraph.ontology``, from the manual's CAMEO table);
- ``QuadClass``: PLOVER's quad class (1 verbal cooperation … 4 material conflict), which
  is GDELT's;
- ``GoldsteinScale``: the PLOVER score of the type and mode, on the same -10 (conflict) to
  +10 (cooperation) scale and meant by the manual for splicing with Goldstein series;
- ``Actor1Code``: the CAMEO-style actor code (country + sectors, ``IRNGOV``);
  ``Actor1CountryCode``: ISO 3166 alpha-3 or the PLOVER international-actor code;
- ``ActionGeo_CountryCode`` is ISO alpha-3 (GDELT uses FIPS 10-4), ``ActionGeo_FeatureID``
  the GeoNames id;
- ``NumMentions``/``NumSources``/``NumArticles``: how often, by how many sources and in
  how many articles the real event is reported, when ``newsgraph.resolve`` merged the
  event across articles; else the article's own mentions of it, 1 and 1;
- ``SOURCEURL``: the article's URL, else where it was read from.

newsgraph's own facts follow GDELT's columns: the PLOVER type and mode, the modality,
the date's granularity and the article id.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from newsgraph import ontology
from newsgraph.export.tables import (
    EntityInfo,
    iter_events,
    report_counts,
    resolved_date,
    with_entities,
)
from newsgraph.store import Store

COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
    "PLOVEREventType",
    "PLOVERMode",
    "Modality",
    "DateGranularity",
    "ArticleID",
)

#: Sentences 0 to LEAD_SENTENCES-1 (title and lead) hold an article's "root" events.
LEAD_SENTENCES = 3

#: GDELT's geographic resolution codes (no US state or city distinction is kept here).
GEO_COUNTRY, GEO_WORLDCITY, GEO_WORLDSTATE = 1, 4, 5


def dyads(event: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    """The (Actor1, Actor2) pairs an event stands for."""
    actors = list(event["actors"] or [])
    recipients = list(event["recipients"] or [])
    if recipients:
        return [(a, r) for a in actors or [None] for r in recipients]
    if len(actors) > 1:
        return [(actors[0], other) for other in actors[1:]]
    return [(actors[0] if actors else None, None)]


def _actor(prefix: str, entity_id: str | None, info: EntityInfo | None) -> dict[str, Any]:
    sectors = info.sectors if info else []
    return {
        f"{prefix}Code": info.code.replace(" ", "") if info and info.code else "",
        f"{prefix}Name": info.name if info else (entity_id or ""),
        f"{prefix}CountryCode": info.country_code if info else "",
        f"{prefix}Type1Code": sectors[0] if sectors else "",
        f"{prefix}Type2Code": sectors[1] if len(sectors) > 1 else "",
    }


def _geo(info: EntityInfo | None) -> dict[str, Any]:
    if info is None:
        return {}
    kind = info.attrs.get("kind")
    geo_type = (
        GEO_COUNTRY
        if info.type == "COUNTRY"
        else GEO_WORLDCITY
        if kind == "city"
        else GEO_WORLDSTATE
    )
    feature = info.id.removeprefix("place/gn") if info.id.startswith("place/gn") else ""
    return {
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": info.name,
        "ActionGeo_CountryCode": info.country_code or "",
        "ActionGeo_Lat": info.attrs.get("lat", ""),
        "ActionGeo_Long": info.attrs.get("lon", ""),
        "ActionGeo_FeatureID": feature,
    }


def _yyyymmdd(day: date) -> str:
    return day.strftime("%Y%m%d")


def rows_for(event: dict[str, Any], infos: dict[str, EntityInfo]) -> list[dict[str, Any]]:
    """The GDELT-style rows of one event (a row of ``iter_events``)."""
    onto = ontology.load()
    kind = onto.types.get(event["type"])
    day, granularity = resolved_date(event)
    code = event["attrs"].get("cameo") or onto.cameo_code(event["type"], event["mode"]) or ""
    added = event["first_seen"].date() if event["first_seen"] else day
    base = {
        "SQLDATE": _yyyymmdd(day),
        "MonthYear": day.strftime("%Y%m"),
        "Year": day.year,
        "FractionDate": f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}",
        "IsRootEvent": int(event["sentence"] < LEAD_SENTENCES),
        "EventCode": code,
        "EventBaseCode": code[:3],
        "EventRootCode": code[:2],
        "QuadClass": kind.quad_class if kind else "",
        "GoldsteinScale": onto.score(event["type"], event["mode"]) if kind else "",
        **dict(
            zip(("NumMentions", "NumSources", "NumArticles"), report_counts(event), strict=True)
        ),
        **_geo(infos.get(event["location"] or "")),
        "DATEADDED": _yyyymmdd(added),
        "SOURCEURL": event["url"] or event["origin"] or "",
        "PLOVEREventType": event["type"],
        "PLOVERMode": event["mode"] or "",
        "Modality": event["modality"],
        "DateGranularity": granularity,
        "ArticleID": event["article_id"],
    }
    pairs = dyads(event)
    out = []
    for n, (a1, a2) in enumerate(pairs, 1):
        row = dict(base)
        row["GLOBALEVENTID"] = event["id"] if len(pairs) == 1 else f"{event['id']}-{n}"
        row.update(_actor("Actor1", a1, infos.get(a1 or "")))
        row.update(_actor("Actor2", a2, infos.get(a2 or "")) if a2 else {})
        out.append(row)
    return out


def rows(store: Store) -> Iterator[dict[str, Any]]:
    """Rows for every stored event, in event id order."""
    for event, infos in with_entities(store, iter_events(store)):
        yield from rows_for(event, infos)


def write(store: Store, path: str | Path) -> int:
    """Write the event table to ``path`` (CSV with a header); returns the rows written."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        for row in rows(store):
            writer.writerow(row)
            n += 1
    return n
