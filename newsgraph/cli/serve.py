"""``newsgraph serve``: the REST API and the web page over a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated as Arg

import typer

from newsgraph.cli import DbOption, _fail, app
from newsgraph.config import DEFAULT_DB
from newsgraph.store import StoreError


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Arg[str, typer.Option(help="Interface to listen on (127.0.0.1: this machine only).")] = (
        "127.0.0.1"
    ),
    port: Arg[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 8765,
    token: Arg[
        str | None,
        typer.Option(help="Bearer token for writes (ingest); default $NEWSGRAPH_API_TOKEN. "
                     "Without one the store is served read-only."),
    ] = None,
    read_token: Arg[
        str | None,
        typer.Option(help="Bearer token that reads need too; default $NEWSGRAPH_READ_TOKEN."),
    ] = None,
    cors: Arg[
        list[str] | None,
        typer.Option(help="Allow cross-origin requests from ORIGIN (repeatable; off by default)."),
    ] = None,
    max_body: Arg[int, typer.Option(min=1, help="Largest request body in bytes.")] = (
        20 * 1024 * 1024
    ),
    workers: Arg[
        int,
        typer.Option(min=1, help="Server processes sharing the port, for read-only stores: "
                     "each holds its own in-memory index."),
    ] = 1,
) -> None:
    """Serve the REST API (/api, schema at /docs) and the web page over a store."""
    import os
    import socket

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from newsgraph.serve.api import SERVE_ENV, check_store, create_app, serve_env
    from newsgraph.serve.security import SecurityConfig

    config = SecurityConfig.from_env(
        write_token=token, read_token=read_token, cors_origins=tuple(cors or ()),
        max_body=max_body,
    )
    if workers > 1 and config.write_token:
        # DuckDB lets one process write a file, and an ingest in one worker would leave
        # the others' indexes stale.
        raise _fail("--workers needs a read-only server: leave out the write token")
    try:
        application = create_app(db, config) if workers == 1 else None
        if application is None:
            check_store(db)  # the workers open it themselves; this only checks they can
    except StoreError as exc:
        raise _fail(str(exc)) from exc
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        # Listening before the URL is printed: a client that reads it and connects at once
        # waits in the backlog while the app starts, instead of being refused.
        sock.listen(2048)
    except OSError as exc:
        raise _fail(f"cannot listen on {host}:{port}: {exc}") from exc
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    mode = "read-write" if config.write_token else "read-only"
    # Plain echo, never wrapped: scripts read the URL from this line.
    typer.echo(f"newsgraph serving {db} ({mode}) at http://{shown}:{bound}/ (API docs: /docs)")
    if application is not None:
        uvicorn.Server(uvicorn.Config(application, log_level="warning")).run(sockets=[sock])
        return
    # The workers are new interpreters (spawned): each builds the app from the environment.
    os.environ[SERVE_ENV] = serve_env(db, config)
    factory = uvicorn.Config(
        f"{create_app.__module__}:app_from_env", factory=True, workers=workers,
        log_level="warning",
    )
    Multiprocess(factory, sockets=[sock]).run()
