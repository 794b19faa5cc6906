"""The web page: server-rendered Jinja2 pages over the same queries as the API.

No front-end build and no CDN: charts are plotly.js from the ``plotly`` package, served
from ``/static``, drawn by ``static/charts.js`` from JSON data blocks (never inline
script, so the Content-Security-Policy can forbid it). Jinja autoescaping is on for every
template, and the article text is escaped piece by piece in :func:`highlight`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from newsgraph.resolve import timeline as resolve_timeline
from newsgraph.serve import queries as Q
from newsgraph.serve import security

TEMPLATES = Path(__file__).parent / "templates"
PAGE = 25


def entity_url(entity_id: str) -> str:
    return "/entity/" + quote(entity_id, safe="/")


templates = Jinja2Templates(
    env=Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
)
templates.env.globals["entity_url"] = entity_url
templates.env.globals["CONTENT_ZONES"] = Q.CONTENT_ZONES


def _guard(request: Request) -> None:
    """Pages need the read token when one is set: send the browser to the login form."""
    if not security.read_allowed(request):
        raise HTTPException(303, "login required", headers={"Location": "/login"})


router = APIRouter(include_in_schema=False)
pages = APIRouter(include_in_schema=False, dependencies=[Depends(_guard)])


async def reader(request: Request) -> AsyncIterator[Q.Reader]:
    """Dependency: a reader on the app's store for one request (pages and API alike). It
    runs on the event loop: opening and closing a cursor take microseconds, and each
    dependency run in the thread pool costs two thread switches, more than a query
    answered from the index."""
    r = Q.Reader(request.app.state.store)
    try:
        yield r
    finally:
        r.close()


R = Annotated[Q.Reader, Depends(reader)]
Offset = Annotated[int, Query(ge=0)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def not_found(request: Request, what: str) -> HTMLResponse:
    return render(request, "not_found.html", 404, what=what)


@dataclass
class Pager:
    """Links to the previous and next page of a :class:`~queries.Page`."""

    page: Q.Page
    prev: str | None
    next: str | None

    @classmethod
    def of(cls, request: Request, page: Q.Page) -> Pager:
        url = request.url
        prev = (
            str(url.include_query_params(offset=max(0, page.offset - page.limit)))
            if page.offset > 0
            else None
        )
        more = page.offset + page.limit < page.total
        nxt = str(url.include_query_params(offset=page.offset + page.limit)) if more else None
        return cls(page, prev, nxt)


# -- the article text with its facts marked ---------------------------------------------
@dataclass
class _Mark:
    start: int
    end: int
    rank: int
    open: Markup
    close: Markup


def highlight(art: dict[str, Any]) -> Markup:
    """The article text as HTML: zones, quotations, event triggers, entity mentions and
    time expressions marked, everything else escaped.

    Marks nest: a mark that would cross the end of the one it starts in is cut there,
    so the HTML is always well formed.
    """
    names = art.get("names", {})
    marks: list[_Mark] = []
    for s in art["spans"]:
        if s["kind"] == "timex":
            value = (s.get("attrs") or {}).get("value", "")
            marks.append(_mark(s, 4, "span", {"class": "timex", "title": f"time: {value}"}))
        else:
            kind = s["kind"]
            cls = "zone" if kind in Q.CONTENT_ZONES else "zone offbody"
            marks.append(_mark(s, 0, "span", {"class": f"{cls} zone-{kind}", "data-kind": kind}))
    for q in art["quotes"]:
        who = names.get(q["speaker"], q.get("speaker_text") or "unknown speaker")
        marks.append(_mark(q, 1, "span", {"class": "quote", "title": f"quotation: {who}",
                                          "id": f"q-{q['id']}"}))
    for e in art["events"]:
        marks.append(_mark(e, 2, "mark", {"class": f"event quad{_quad(e)}",
                                          "title": event_summary(e, names),
                                          "data-event": e["id"]}))
    for m in art["mentions"]:
        attrs = {"class": f"mention type-{m['type']}", "title": f"{m['type']}"}
        if m["entity_id"]:
            attrs.update(href=entity_url(m["entity_id"]),
                         title=f"{m['type']}: {names.get(m['entity_id'], m['entity_id'])}")
        marks.append(_mark(m, 3, "a" if m["entity_id"] else "span", attrs))
    return _nest(art["text"], marks)


def _quad(e: dict[str, Any]) -> str:
    attrs = e.get("attrs") or {}
    return str(attrs.get("quad_class", "")) if isinstance(attrs, dict) else ""


def _mark(rec: dict[str, Any], rank: int, tag: str, attrs: dict[str, str]) -> _Mark:
    inner = Markup(" ").join(Markup('{}="{}"').format(k, v) for k, v in attrs.items())
    return _Mark(rec["start"], rec["end"], rank, Markup("<{} {}>").format(Markup(tag), inner),
                 Markup(f"</{tag}>"))


def _nest(text: str, marks: list[_Mark]) -> Markup:
    out: list[Markup] = []
    stack: list[_Mark] = []
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(escape(text[pos : top.end]))
            pos = top.end
            out.append(top.close)

    for m in sorted(marks, key=lambda m: (m.start, -m.end, m.rank)):
        start = max(m.start, pos)
        close_until(start)
        end = min(m.end, stack[-1].end) if stack else m.end
        if end <= start or start >= len(text):
            continue
        out.append(escape(text[pos:start]))
        pos = start
        out.append(m.open)
        stack.append(_Mark(start, min(end, len(text)), m.rank, m.open, m.close))
    close_until(len(text))
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def event_summary(e: dict[str, Any], names: dict[str, str]) -> str:
    def who(ids: list[str]) -> str:
        return ", ".join(names.get(i, i) for i in ids) or "?"

    return (
        f"{e['type']}: {who(e['actors'] or [])} → {who(e['recipients'] or [])} "
        f"({e['modality']}, {e.get('date') or 'undated'})"
    )


templates.env.globals["event_summary"] = event_summary


# -- figures (plotly JSON, drawn by static/charts.js) ---------------------------------------
def timeline_figure(rows: list[dict[str, Any]], title: str) -> dict[str, Any]:
    """Stacked bars: events per period, one colour per event type."""
    periods = sorted({r["period"] for r in rows})
    by_type: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        by_type[r["type"]][r["period"]] = int(r["events"])
    data = [
        {"type": "bar", "name": t, "x": periods, "y": [counts.get(p, 0) for p in periods]}
        for t, counts in sorted(by_type.items())
    ]
    return {
        "data": data,
        "layout": {
            "title": {"text": title}, "barmode": "stack", "height": 320,
            "xaxis": {"type": "category", "title": {"text": "period"}},
            "yaxis": {"title": {"text": "events"}, "rangemode": "tozero"},
            "margin": {"t": 40, "l": 50, "r": 10, "b": 60},
        },
    }


def quad_figure(months: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars of real events (merged across articles) per month and quad class."""
    x = [m["month"] for m in months]
    data = [
        {"type": "bar", "name": quad.replace("_", " "), "x": x, "y": [m[quad] for m in months],
         "marker": {"color": colour}}
        for quad, colour in zip(resolve_timeline.QUADS.values(), QUAD_COLOURS, strict=True)
    ]
    return {
        "data": data,
        "layout": {
            "title": {"text": "events merged across articles, by quad class"},
            "barmode": "stack", "height": 320, "xaxis": {"type": "category"},
            "yaxis": {"title": {"text": "events"}, "rangemode": "tozero"},
            "margin": {"t": 40, "l": 50, "r": 10, "b": 60},
        },
    }


QUAD_COLOURS = ("#1e7b34", "#2c6fbb", "#b9770e", "#b03a2e")


def resolved_months(r: Q.Reader, actor: str, other: str | None = None) -> dict[str, Any] | None:
    """The quad-class chart when the cross-document step has run and knows the actor."""
    if not r.has_rows("event_profiles"):
        return None
    try:
        months = resolve_timeline.monthly(r.as_store(), actor, other)
    except resolve_timeline.UnknownActor:
        return None
    return quad_figure(months) if months else None


def graph_figure(center: str, relations: list[dict[str, Any]]) -> dict[str, Any]:
    """The entity in the middle, its counterparts around it, edges as thick as the events."""
    n = max(1, len(relations))
    xs, ys = [0.0], [0.0]
    texts, hovers = [center], [center]
    edges: list[dict[str, Any]] = []
    top = max((r["events"] for r in relations), default=1)
    for i, rel in enumerate(relations):
        angle = 2 * math.pi * i / n
        x, y = math.cos(angle), math.sin(angle)
        xs.append(x)
        ys.append(y)
        texts.append(rel["name"])
        hovers.append(f"{rel['name']}: {rel['events']} events ({', '.join(rel['types'])})")
        edges.append({
            "type": "scatter", "mode": "lines", "x": [0, x], "y": [0, y], "hoverinfo": "skip",
            "showlegend": False,
            "line": {"width": 1 + 5 * rel["events"] / top, "color": "#9aa7b8"},
        })
    nodes = {
        "type": "scatter", "mode": "markers+text", "x": xs, "y": ys, "text": texts,
        "hovertext": hovers, "hoverinfo": "text", "textposition": "top center",
        "showlegend": False, "marker": {"size": [22] + [14] * len(relations),
                                        "color": ["#c0392b"] + ["#2c6fbb"] * len(relations)},
    }
    hidden = {"visible": False, "range": [-1.4, 1.4]}
    return {
        "data": [*edges, nodes],
        "layout": {"height": 420, "xaxis": hidden, "yaxis": {**hidden, "scaleanchor": "x"},
                   "margin": {"t": 10, "l": 10, "r": 10, "b": 10}},
    }


def map_figure(places: list[dict[str, Any]]) -> dict[str, Any]:
    """Event locations on longitude/latitude axes (no basemap: it would need a download)."""
    return {
        "data": [{
            "type": "scatter", "mode": "markers+text", "textposition": "top center",
            "x": [p["lon"] for p in places], "y": [p["lat"] for p in places],
            "text": [p["name"] for p in places],
            "hovertext": [f"{p['name']}: {p['events']} events ({', '.join(p['types'])})"
                          for p in places],
            "hoverinfo": "text",
            "marker": {"size": [8 + 4 * math.sqrt(p["events"]) for p in places],
                       "color": "#c0392b", "opacity": 0.7},
        }],
        "layout": {
            "height": 520,
            "xaxis": {"range": [-180, 180], "title": {"text": "longitude"}, "dtick": 30,
                      "constrain": "domain"},
            "yaxis": {"range": [-90, 90], "title": {"text": "latitude"}, "dtick": 30,
                      "scaleanchor": "x", "constrain": "domain"},
            "margin": {"t": 10, "l": 50, "r": 10, "b": 50},
        },
    }


# -- pages -------------------------------------------------------------------------------
@pages.get("/", response_class=HTMLResponse)
def home(request: Request, r: R) -> HTMLResponse:
    return render(request, "index.html", counts=Q.overview(r),
                  entities=Q.entities(r, limit=15).items, stories=Q.stories(r, limit=10).items)


@pages.get("/search", response_class=HTMLResponse)
def search(request: Request, r: R, q: str = "", offset: Offset = 0) -> HTMLResponse:
    page = Q.search(r, q[:500], limit=PAGE, offset=offset) if q.strip() else None
    ents = Q.entities(r, q=q, limit=10).items if q.strip() else []
    return render(request, "search.html", q=q, entities=ents,
                  pager=Pager.of(request, page) if page else None)


@pages.get("/entities", response_class=HTMLResponse)
def entity_list(
    request: Request, r: R, q: str = "", type: str = "", offset: Offset = 0
) -> HTMLResponse:
    page = Q.entities(r, q or None, type or None, limit=PAGE, offset=offset)
    return render(request, "entities.html", q=q, type=type, pager=Pager.of(request, page))


@pages.get("/entity/{entity_id:path}", response_class=HTMLResponse)
def entity(request: Request, r: R, entity_id: str, offset: Offset = 0) -> HTMLResponse:
    ent = Q.entity(r, entity_id)
    if ent is None:
        return not_found(request, "entity")
    evs = Q.events(r, Q.EventFilter(participant=entity_id), limit=PAGE, offset=offset)
    return render(
        request, "entity.html", e=ent,
        quotes=Q.quotes(r, speaker=entity_id, limit=20).items,
        pager=Pager.of(request, evs),
        timeline=timeline_figure(Q.timeline(r, entity_id), "events over time"),
        quads=resolved_months(r, entity_id),
        graph=graph_figure(ent["name"], ent["relations"]) if ent["relations"] else None,
    )


@pages.get("/pair", response_class=HTMLResponse)
def pair(request: Request, r: R, a: str, b: str, offset: Offset = 0) -> HTMLResponse:
    one, two = Q.entity(r, a), Q.entity(r, b)
    if one is None or two is None:
        return not_found(request, "entity")
    evs = Q.dyad(r, a, b, limit=PAGE, offset=offset)
    fig = timeline_figure(Q.timeline(r, a, b), f"{one['name']} – {two['name']}")
    return render(request, "pair.html", a=one, b=two, pager=Pager.of(request, evs), timeline=fig,
                  quads=resolved_months(r, a, b))


@pages.get("/events", response_class=HTMLResponse)
def event_list(
    request: Request,
    r: R,
    actor: str = "",
    recipient: str = "",
    type: str = "",
    modality: str = "",
    date_from: str = "",
    date_to: str = "",
    offset: Offset = 0,
) -> HTMLResponse:
    f = Q.EventFilter(actor=actor or None, recipient=recipient or None, type=type or None,
                      modality=modality or None, date_from=date_from or None,
                      date_to=date_to or None)
    page = Q.events(r, f, limit=PAGE, offset=offset)
    return render(request, "events.html", f=f, pager=Pager.of(request, page))


@pages.get("/stories", response_class=HTMLResponse)
def story_list(request: Request, r: R, offset: Offset = 0) -> HTMLResponse:
    return render(request, "stories.html",
                  pager=Pager.of(request, Q.stories(r, limit=PAGE, offset=offset)))


@pages.get("/story/{story_id}", response_class=HTMLResponse)
def story(request: Request, r: R, story_id: str) -> HTMLResponse:
    st = Q.story(r, story_id)
    if st is None:
        return not_found(request, "story")
    return render(request, "story.html", s=st)


@pages.get("/article/{article_id}", response_class=HTMLResponse)
def article(request: Request, r: R, article_id: str) -> HTMLResponse:
    art = Q.article(r, article_id)
    if art is None:
        return not_found(request, "article")
    return render(request, "article.html", a=art, body=highlight(art))


@pages.get("/map", response_class=HTMLResponse)
def event_map(request: Request, r: R) -> HTMLResponse:
    places = Q.locations(r)
    return render(request, "map.html", places=places, figure=map_figure(places))


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return render(request, "login.html", failed=False)


@router.post("/login", response_model=None)
def login(request: Request, token: Annotated[str, Form()]) -> Response:
    if not security.token_matches(request, token):
        return render(request, "login.html", 401, failed=True)
    resp = RedirectResponse("/", status_code=303)
    resp.set_cookie(security.COOKIE, token, httponly=True, samesite="strict")
    return resp


router.include_router(pages)
