"""Helpers for the API and web tests: a store built from the seeds by the real pipeline
(once per test process) and a real uvicorn server on 127.0.0.1 in a thread."""

from __future__ import annotations

import atexit
import shutil
import socket
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
import uvicorn
from conftest import SHARED

from newsgraph import job
from newsgraph.resolve import crossdoc
from newsgraph.serve.api import create_app
from newsgraph.serve.security import SecurityConfig
from newsgraph.store import Store


@cache
def _seed_store(seeds: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="newsgraph-serve-test-"))
    atexit.register(shutil.rmtree, folder, True)
    db = folder / "seeds.duckdb"
    with Store(db) as store:
        summary = job.run([str(seeds)], store)
        assert summary.stored == 2 and summary.errors == 0
        crossdoc.update(store)
    return db


def seed_store_copy(target: Path) -> Path:
    """A fresh copy of the seed store at ``target`` (the pipeline runs once per process);
    skips the test when ../shared, which holds the seeds, is not beside the repository."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    shutil.copyfile(_seed_store(SHARED / "seeds"), target)
    return target


@contextmanager
def serve(db: Path, config: SecurityConfig | None = None) -> Iterator[str]:
    """Serve ``db`` on a free port of 127.0.0.1; yields the base URL."""
    app = create_app(db, config or SecurityConfig())
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the test server did not start")
            threading.Event().wait(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join()
        sock.close()
