"""The REST API and the app that also serves the web page (:mod:`newsgraph.serve.web`).

``create_app(db)`` opens the store once; each request reads through its own cursor
(:class:`~newsgraph.serve.queries.Reader`). The OpenAPI schema is at ``/openapi.json`` and
its Swagger page at ``/docs`` loads its scripts from this server (the swagger-ui files
that the ``fastapi-offline`` package ships), never from a CDN, so it works offline.

Writing: ``POST /api/ingest`` (a JSON list of articles) and ``POST /api/ingest/files``
(uploaded files in any input format) run the same pipeline and job as ``newsgraph run``
and then the cross-document step, one ingest at a time. Both need the write token; a
server without one opens the store read-only.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tempfile
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

import fastapi_offline
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, UploadFile
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from newsgraph import ingest, job
from newsgraph.config import Settings
from newsgraph.model import Article, IngestError
from newsgraph.pipeline import Pipeline
from newsgraph.resolve import crossdoc
from newsgraph.resolve import timeline as resolve_timeline
from newsgraph.serve import queries as Q
from newsgraph.serve import security, web
from newsgraph.store import Store

STATIC = Path(__file__).parent / "static"
SWAGGER_STATIC = Path(fastapi_offline.__file__).parent / "static"
MAX_INGEST_ARTICLES = 1000

Limit = Annotated[int, Query(ge=1, le=Q.MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]


def plotly_js() -> Path:
    """plotly.js as the ``plotly`` package ships it (the web page never uses a CDN)."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class ArticleIn(BaseModel):
    """One article to ingest; only ``text`` is required."""

    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = Field(None, description="ISO date or date-time.")
    language: str | None = Field(None, description="ISO 639-1 code, if known.")
    author: str | None = None
    id: str | None = Field(None, description="The article's id in your own system.")


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_INGEST_ARTICLES)


class Ingester:
    """Runs uploads through the pipeline into the store, one ingest at a time."""

    def __init__(self, store: Store, settings: Settings, index: Q.IndexSlot) -> None:
        self.store = store
        self.index = index
        self.settings = settings
        self.lock = threading.Lock()
        self._pipeline: Pipeline | None = None

    def run(self, files: list[tuple[str, bytes]]) -> dict[str, Any]:
        """Store the articles in ``files`` (name, content); the names only label origins."""
        with tempfile.TemporaryDirectory(prefix="newsgraph-upload-") as tmp:
            labels = {}
            for i, (name, data) in enumerate(files):
                local = Path(tmp) / f"{i:04d}-{_safe_name(name)}"
                local.write_bytes(data)
                labels[str(local)] = f"upload:{name}"
            ids: list[str] = []
            with self.lock:
                if self._pipeline is None:
                    self._pipeline = Pipeline(self.settings)
                items = _relabel(ingest.read([tmp], self.settings), labels, ids)
                try:
                    summary = job.run_items(items, self.store, self._pipeline)
                    resolved = crossdoc.resolve(self.store)
                finally:
                    self.index.reset()
        return {
            "read": summary.read,
            "stored": summary.stored,
            "unchanged": summary.unchanged,
            "errors": summary.errors,
            "article_ids": ids,
            "stories": resolved.stories.stories,
            "resolved_events": resolved.events,
            "error_samples": [
                {"origin": e.origin, "record": e.record, "reason": e.reason, "detail": e.detail}
                for e in summary.error_samples
            ],
        }


def _safe_name(name: str) -> str:
    """A file name to write uploads under: the last component, letters digits . - _ only.

    The suffix is kept because the readers use it to tell formats apart."""
    base = re.split(r"[\\/]", name or "")[-1]
    return re.sub(r"[^\w.-]", "_", base).lstrip(".")[-100:] or "upload"


def _relabel(
    items: Iterator[Article | IngestError], labels: dict[str, str], ids: list[str]
) -> Iterator[Article | IngestError]:
    for item in items:
        item.origin = labels.get(item.origin, "upload")
        if isinstance(item, Article):
            ids.append(item.id)
        yield item


async def _require_read(request: Request) -> None:
    """security.require_read, on the event loop (it only compares tokens)."""
    security.require_read(request)


R = Annotated[Q.Reader, Depends(web.reader)]
BEARER = HTTPBearer(auto_error=False, description="The write token, or the read token if set.")


def create_app(
    db: str | Path,
    config: security.SecurityConfig | None = None,
    settings: Settings | None = None,
) -> FastAPI:
    """The API and web page over the store at ``db``."""
    config = config or security.SecurityConfig.from_env()
    store = Store(db, read_only=config.write_token is None)
    # Nothing but this server's ingest writes to the store while it serves it (DuckDB
    # locks the file), so the readers' index stays valid until an ingest resets it.
    index = Q.attach_index(store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # The index is built before the first request is taken (clients wait in the
        # listen backlog), not by the first query, which would wait seconds on a big store.
        reader = Q.Reader(store)
        try:
            index.get(reader)
        finally:
            reader.close()
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsgraph",
        summary="Events, actors, quotations and stories from news, each with its evidence.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    app.state.security = config
    app.state.ingester = Ingester(store, settings or Settings(), index)
    app.add_middleware(security.GuardMiddleware, max_body=config.max_body)
    if config.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    _static(app)
    app.include_router(_api_router())
    app.include_router(web.router)
    return app


#: The environment variable through which ``newsgraph serve --workers`` hands its store
#: and security settings to the worker processes (:func:`app_from_env`).
SERVE_ENV = "NEWSGRAPH_SERVE"


def serve_env(db: str | Path, config: security.SecurityConfig) -> str:
    """What :func:`app_from_env` reads: the store's path and the security settings."""
    return json.dumps({"db": str(db), **dataclasses.asdict(config)})


def app_from_env() -> FastAPI:
    """The app of one worker of ``newsgraph serve --workers N`` (a uvicorn factory)."""
    given = json.loads(os.environ[SERVE_ENV])
    db = given.pop("db")
    given["cors_origins"] = tuple(given["cors_origins"])
    return create_app(db, security.SecurityConfig(**given))


def check_store(db: str | Path) -> None:
    """Raise :class:`StoreError` as :func:`create_app` would, without keeping it open."""
    Store(db, read_only=True).close()


def _static(app: FastAPI) -> None:
    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_bundle() -> FileResponse:
        return FileResponse(plotly_js(), media_type="text/javascript")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((STATIC / "docs.html").read_text(encoding="utf-8"))

    app.mount("/static/docs", StaticFiles(directory=SWAGGER_STATIC), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def _resolved(call: Callable[[], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    try:
        return call()
    except resolve_timeline.UnknownActor as exc:
        raise HTTPException(404, str(exc)) from exc


def _found(value: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


def _api_router() -> APIRouter:
    # The bearer scheme only documents the tokens in the schema (Swagger's "Authorize");
    # require_read and require_write check them.
    api = APIRouter(prefix="/api", dependencies=[Depends(BEARER), Depends(_require_read)])

    @api.get("/stats", tags=["store"])
    def stats(r: R) -> dict[str, int]:
        """Row counts of the main tables."""
        return Q.overview(r)

    @api.get("/search", tags=["articles"])
    def search(
        r: R,
        q: Annotated[str, Query(min_length=1, max_length=500, description="Words to find.")],
        language: str | None = None,
        source: str | None = None,
        limit: Limit = Q.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Full-text search: articles containing every word, best first, with snippets."""
        return Q.search(r, q, language, source, limit, offset).to_dict()

    @api.get("/articles/{article_id}", tags=["articles"])
    def article(r: R, article_id: str) -> dict[str, Any]:
        """An article (by id, id prefix or external id) with its zones, sentences, mentions,
        events and quotations, each fact with its evidence."""
        return _found(Q.article(r, article_id), "article")

    @api.get("/entities", tags=["entities"])
    async def entities(
        r: R,
        q: Annotated[str | None, Query(description="Name, alias or id.")] = None,
        type: Annotated[str | None, Query(description="PERSON, COUNTRY, ORGANIZATION…")] = None,
        country: Annotated[str | None, Query(description="ISO 3166 alpha-2.")] = None,
        limit: Limit = Q.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Entities, most mentioned first."""
        return Q.entities(r, q, type, country, limit, offset).to_dict()

    @api.get("/entities/{entity_id:path}", tags=["entities"])
    async def entity(r: R, entity_id: str) -> dict[str, Any]:
        """One entity: aliases, surface forms, roles, mention counts and counterparts."""
        return _found(Q.entity(r, entity_id), "entity")

    @api.get("/events", tags=["events"])
    async def events(
        r: R,
        actor: Annotated[str | None, Query(description="Entity id among the actors.")] = None,
        recipient: Annotated[str | None, Query(description="Entity id among recipients.")] = None,
        participant: Annotated[str | None, Query(description="Actor or recipient.")] = None,
        type: Annotated[str | None, Query(description="PLOVER event type.")] = None,
        quad_class: Annotated[int | None, Query(ge=0, le=4, description="Quad class.")] = None,
        modality: Annotated[str | None, Query(description="asserted, planned, …")] = None,
        date_from: Annotated[str | None, Query(description="ISO date, inclusive.")] = None,
        date_to: Annotated[str | None, Query(description="ISO date, inclusive.")] = None,
        language: str | None = None,
        source: str | None = None,
        article_id: str | None = None,
        limit: Limit = Q.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events, newest first; the date is the event's own, else the article's."""
        f = Q.EventFilter(
            actor, recipient, participant, type, quad_class, modality, date_from, date_to,
            language, source, article_id,
        )
        return Q.events(r, f, limit, offset).to_dict()

    @api.get("/quotes", tags=["quotations"])
    def quotes(
        r: R,
        speaker: Annotated[str | None, Query(description="Speaker entity id.")] = None,
        article_id: str | None = None,
        q: Annotated[str | None, Query(description="Words in the quotation.")] = None,
        language: str | None = None,
        limit: Limit = Q.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Quotations with their speakers."""
        return Q.quotes(r, speaker, article_id, q, language, limit, offset).to_dict()

    @api.get("/stories", tags=["stories"])
    def stories(r: R, limit: Limit = Q.DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
        """Stories (groups of articles on one story), largest first."""
        return Q.stories(r, limit, offset).to_dict()

    @api.get("/stories/{story_id}", tags=["stories"])
    def story(r: R, story_id: str) -> dict[str, Any]:
        """A story's articles and the events they report."""
        return _found(Q.story(r, story_id), "story")

    @api.get("/timeline", tags=["events"])
    def timeline(
        r: R,
        actor: Annotated[str, Query(description="Entity id.")],
        other: Annotated[str | None, Query(description="Second entity, for a pair.")] = None,
        since: Annotated[str | None, Query(description="ISO date, inclusive.")] = None,
        until: Annotated[str | None, Query(description="ISO date, inclusive.")] = None,
        granularity: Annotated[str, Query(pattern="^(day|month|year)$")] = "month",
        limit: Limit = Q.MAX_LIMIT,
    ) -> dict[str, Any]:
        """The events of an entity (or of a pair), and their counts per period and type.

        Once the cross-document step has run (``newsgraph resolve``), ``events`` are the
        real events merged across articles, oldest first, each with every sentence that
        reports it (``resolved``: true); before, they are the events as each article
        reports them, newest first. ``periods`` counts article-level events."""
        out: dict[str, Any] = {
            "actor": actor, "other": other, "granularity": granularity,
            "periods": Q.timeline(r, actor, other, granularity),
        }
        if r.has_rows("event_profiles"):
            events = _resolved(lambda: resolve_timeline.timeline(
                r.as_store(), actor, other, since, until, limit))
            return {**out, "resolved": True, "events": events}
        f = Q.EventFilter(participant=actor, date_from=since, date_to=until)
        page = Q.dyad(r, actor, other, limit) if other else Q.events(r, f, limit)
        return {**out, "resolved": False, "events": page.items}

    @api.get("/dyad", tags=["events"])
    def dyad(
        r: R,
        a: Annotated[str, Query(description="Entity id.")],
        b: Annotated[str, Query(description="Entity id.")],
        limit: Limit = Q.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Events between two entities, in either direction: merged across articles and
        oldest first once ``newsgraph resolve`` has run (``resolved``), else as each
        article reports them, newest first."""
        if r.has_rows("event_profiles"):
            events = _resolved(lambda: resolve_timeline.dyad(r.as_store(), a, b))
            limit, offset = Q.clamp(limit, offset)
            page = Q.Page(events[offset : offset + limit], len(events), limit, offset)
            return {**page.to_dict(), "resolved": True}
        return {**Q.dyad(r, a, b, limit, offset).to_dict(), "resolved": False}

    @api.get("/locations", tags=["events"])
    def locations(r: R) -> list[dict[str, Any]]:
        """Places where events happened, with coordinates and event counts."""
        return Q.locations(r)

    @api.post("/ingest", tags=["write"], dependencies=[Depends(security.require_write)])
    def ingest_json(request: Request, body: IngestIn) -> dict[str, Any]:
        """Annotate and store articles given as JSON (needs the write token)."""
        lines = "\n".join(
            json.dumps(a.model_dump(exclude_none=True), ensure_ascii=False) for a in body.articles
        )
        return request.app.state.ingester.run([("request.jsonl", lines.encode("utf-8"))])

    @api.post("/ingest/files", tags=["write"], dependencies=[Depends(security.require_write)])
    def ingest_files(request: Request, files: list[UploadFile]) -> dict[str, Any]:
        """Annotate and store uploaded files: text, Markdown, HTML, RSS/Atom, JSON Lines,
        CSV or WARC, as ``newsgraph run`` reads them (needs the write token)."""
        contents = [(f.filename or "upload", f.file.read()) for f in files]
        return request.app.state.ingester.run(contents)

    return api
