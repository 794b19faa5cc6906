"""Hand-made annotated articles for the cross-document tests: real records written to a
real store, without running the annotators (whose own tests cover them)."""

from __future__ import annotations

from typing import Any

from newsgraph.model import Annotated, Article, Entity, Event, Mention, Sentence, stable_id
from newsgraph.store import Store

#: (surface text, entity id, type, canonical name, country)
Ment = tuple[str, str, str, str, str | None]


def article(
    aid: str,
    published: str | None,
    mentions: list[Ment],
    events: list[dict[str, Any]] | None = None,
    role: dict[str, str] | None = None,
) -> Annotated:
    """One article whose single sentence names the mentions in order; ``events`` are
    Event fields (type, actors, recipients, location, date, …) and ``role`` gives a
    surface text a role."""
    text = ", ".join(m[0] for m in mentions) + "."
    art = Article(
        id=aid,
        text=text,
        raw=text,
        origin=f"{aid}.txt",
        published=published,
        language="it",
        title=aid,
    )
    result = Annotated(
        article=art, sentences=[Sentence(stable_id(aid, 0), aid, 0, 0, len(text), text)]
    )
    pos = 0
    for surface, eid, etype, name, country in mentions:
        start = text.index(surface, pos)
        pos = start + len(surface)
        attrs: dict[str, Any] = {"country": country} if country else {}
        title = (role or {}).get(surface)
        if title:
            attrs.update(role_text=title, role_country=country)
        result.mentions.append(
            Mention(
                stable_id(aid, start),
                aid,
                0,
                start,
                pos,
                surface,
                etype,
                eid,
                role=title,
                attrs=attrs,
            )
        )
        result.entities.append(Entity(eid, name, etype, country, aliases=[name]))
    for n, fields in enumerate(events or []):
        fields = {"trigger": "incontro", "start": 0, "end": 1, **fields}
        result.events.append(
            Event(id=stable_id(aid, "event", n), article_id=aid, sentence=0, **fields)
        )
    return result


def store_articles(store: Store, *results: Annotated) -> None:
    store.write_batch(list(results))
