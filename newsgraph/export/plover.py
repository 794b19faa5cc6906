"""Events as PLOVER JSON records, one per line (the JSONL form the PLOVER manual suggests).

Field names follow the manual's "Data Fields" chapter: the event record (``id``,
``date``, ``actor``, ``recipient``, ``event``, ``mode``, ``context``, ``event_loc``,
``event_text``, ``quad_code``, ``event_scale``, ``text_info``, ``cite_info``, ``coder``,
``coded_date``, ``coded_time``), the entity object (``code``, ``sector``, ``entity_text``,
``identifier_id``, ``identifier_text``, ``office``; plus ``country_name`` from the
manual's country-name rules) and the Geonames location object. The manual lets a
provider add fields; newsgraph adds its own under the names it uses elsewhere
(``modality``, ``date_granularity``, ``cameo``, ``confidence``, ``article_id``...).

``link``, the manual's "common reference across multiple related events", is the id of
the real event when ``newsgraph.resolve`` merged reports from several articles into it.

Following the manual, PLOVER's auxiliary modes (future, hypothetical, negation,
historical) go into ``context``; empty ``mode`` and ``context`` are null. The article text
itself is not exported (``text`` is for data providers that hold the rights to it); the
evidence sentence is in ``event_text`` with its offsets in ``text_info``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph import __version__, ontology
from newsgraph.export.tables import (
    EntityInfo,
    country_names,
    iter_events,
    report_counts,
    resolved_date,
    with_entities,
)
from newsgraph.store import Store

CODER = f"newsgraph {__version__}"
CODEBOOK = "PLOVER (manual 2021 draft, CAMEO2PLOVER-2021)"

#: Fields every record has, whatever the event: the manual's required ones and ours.
REQUIRED = ("id", "date", "actor", "event")


def entity_object(
    entity_id: str, raw_text: str | None, info: EntityInfo | None, countries: dict[str, str]
) -> dict[str, Any]:
    """The manual's entity information object for one actor or recipient."""
    sectors = info.sectors if info else []
    return {
        "code": info.country_code if info else None,
        "sector": sectors[0] if sectors else None,
        "other_sector_codes": sectors[1:],
        "entity_text": raw_text,
        "identifier_id": entity_id,
        "identifier_text": info.name if info else None,
        "country_name": countries.get(info.country) if info and info.country else None,
        "office": info.office if info else None,
        "entity_type": info.type if info else None,
    }


def location_object(
    place_id: str, raw_text: str | None, info: EntityInfo | None, countries: dict[str, str]
) -> dict[str, Any]:
    """The manual's (Geonames) location object for the event's place."""
    attrs = info.attrs if info else {}
    geonameid = place_id.removeprefix("place/gn") if place_id.startswith("place/gn") else None
    country = countries.get(info.country) if info and info.country else None
    is_country = bool(info and info.type == "COUNTRY")
    return {
        "extracted_place": raw_text,
        "resolved_place": info.name if info else None,
        "geonameid": int(geonameid) if geonameid and geonameid.isdigit() else None,
        "lat": attrs.get("lat"),
        "lon": attrs.get("lon"),
        "city": info.name if info and attrs.get("kind") == "city" else None,
        "country": info.name if is_country and info else country,
        "country_code": info.country_code if info else None,
        "resolution": 1 if is_country else (4 if attrs.get("kind") == "city" else None),
        "identifier_id": place_id,
    }


def _texts(attrs: dict[str, Any], key: str, n: int) -> list[str | None]:
    texts = list(attrs.get(key) or [])
    return [texts[i] if i < len(texts) else None for i in range(n)]


def record(
    event: dict[str, Any],
    infos: dict[str, EntityInfo],
    countries: dict[str, str],
    coded_at: datetime,
) -> dict[str, Any]:
    """One event (a row of :func:`~newsgraph.export.tables.iter_events`) as PLOVER JSON."""
    onto = ontology.load()
    attrs = event["attrs"]
    actors = event["actors"] or []
    recipients = event["recipients"] or []
    contexts = [*(attrs.get("contexts") or []), *([event["context"]] if event["context"] else [])]
    aux = attrs.get("auxiliary_mode")
    if aux:
        contexts.append(aux)
    day, granularity = resolved_date(event)
    kind = onto.types.get(event["type"])
    location = event["location"]
    return {
        "id": event["id"],
        "has_event": True,
        "date": day.isoformat(),
        "date_granularity": granularity,
        "date_text": attrs.get("date_text"),
        "actor": [
            entity_object(a, t, infos.get(a), countries)
            for a, t in zip(actors, _texts(attrs, "actor_text", len(actors)), strict=True)
        ],
        "recipient": [
            entity_object(r, t, infos.get(r), countries)
            for r, t in zip(
                recipients, _texts(attrs, "recipient_text", len(recipients)), strict=True
            )
        ],
        "event": [event["type"]],
        "mode": [event["mode"]] if event["mode"] else None,
        "context": list(dict.fromkeys(contexts)) or None,
        "event_loc": (
            location_object(location, attrs.get("location_text"), infos.get(location), countries)
            if location
            else None
        ),
        "event_text": [event["sentence_text"]] if event["sentence_text"] else [],
        "quad_code": kind.quad_class if kind else None,
        "event_scale": onto.score(event["type"], event["mode"]) if kind else None,
        "text_info": {
            "sequence": event["sentence"],
            "start": event["start"],
            "end": event["end"],
            "trigger": event["trigger"],
        },
        "cite_info": {
            "corpus": "newsgraph",
            "citation": event["article_id"],
            "url": event["url"],
            "title": event["title"],
            "language": event["language"],
            "publication": event["source"],
            "coder": f"{CODER} ({event['rule']})",
            "codebook": CODEBOOK,
        },
        "coder": CODER,
        "coded_date": coded_at.date().isoformat(),
        "coded_time": coded_at.time().replace(microsecond=0).isoformat(),
        "modality": event["modality"],
        "reported_by": event["reported_by"],
        "materiel": event["materiel"] or [],
        "cameo": attrs.get("cameo") or onto.cameo_code(event["type"], event["mode"]),
        "confidence": event["confidence"],
        "article_id": event["article_id"],
        "link": (event.get("cross") or {}).get("cluster_id"),
        "mentions": report_counts(event)[0],
    }


def records(store: Store, events: Iterable[dict[str, Any]] | None = None) -> Iterator[dict]:
    """PLOVER records for ``events`` (default: every stored event, in id order)."""
    coded_at = datetime.now(UTC).replace(tzinfo=None)
    countries = country_names(store)
    for event, infos in with_entities(store, iter_events(store) if events is None else events):
        yield record(event, infos, countries, coded_at)


def write(store: Store, path: str | Path) -> int:
    """Write every stored event to ``path`` as PLOVER JSONL; returns the number written."""
    n = 0
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as fh:
        for rec in records(store):
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            n += 1
    return n
