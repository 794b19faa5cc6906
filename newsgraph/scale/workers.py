"""A local parallel run: annotation in worker processes, storing in this one.

The parent reads the inputs (one reader keeps the order of a single-process run), sends
chunks of articles to a pool of worker processes and writes their results in order with
:func:`newsgraph.job.store_results`, so the store has one writer and one transaction per
batch, and the stored ids and counts are those of ``newsgraph run`` without workers. Each
worker builds its pipeline (and loads the knowledge base) once, when it starts. Workers
are started with ``spawn``, which is safe whatever threads the parent runs (DuckDB has
some). At most a few chunks per worker are in flight, so memory stays flat in corpus size.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from newsgraph import ingest, job
from newsgraph.config import Settings
from newsgraph.model import Annotated, Article, IngestError
from newsgraph.pipeline import Pipeline
from newsgraph.store import Store

#: Articles sent to a worker at a time: enough to make the transfer cost negligible.
CHUNK = 16
#: Chunks in flight per worker: keeps every worker busy without reading ahead of need.
IN_FLIGHT = 3

Result = tuple[bool, Annotated | IngestError]

_pipeline: Pipeline | None = None


def _start_worker(settings: Settings) -> None:
    """Build the worker's pipeline once: its spaCy pipelines and the KB are loaded by the
    first article it annotates, here, rather than inside the first chunk."""
    global _pipeline
    _pipeline = Pipeline(settings)
    _pipeline.warm_up()


def _annotate_chunk(chunk: list[Article | IngestError]) -> list[Result]:
    assert _pipeline is not None, "worker started without its pipeline"
    return list(job.annotated(chunk, _pipeline))


def annotate_parallel(
    items: Iterable[Article | IngestError], settings: Settings, workers: int
) -> Iterator[Result]:
    """What :func:`newsgraph.job.annotated` yields, in the same order, computed by
    ``workers`` processes."""
    context = multiprocessing.get_context("spawn")
    stream = iter(items)
    pending: deque[Future[list[Result]]] = deque()
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(settings,)
    ) as pool:

        def submit() -> bool:
            chunk = list(itertools.islice(stream, CHUNK))
            if chunk:
                pending.append(pool.submit(_annotate_chunk, chunk))
            return bool(chunk)

        while len(pending) < workers * IN_FLIGHT and submit():
            pass
        while pending:
            results = pending.popleft().result()
            submit()
            yield from results


def run(
    inputs: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    workers: int = 2,
    reprocess: bool = False,
    progress: job.Progress | None = None,
) -> job.RunSummary:
    """:func:`newsgraph.job.run` with annotation spread over ``workers`` processes."""
    pipeline = Pipeline(settings)
    items = ingest.read(inputs, pipeline.settings)
    results = annotate_parallel(items, pipeline.settings, workers)
    return job.store_results(results, store, pipeline, reprocess, progress)


def reprocess_store(
    store: Store,
    settings: Settings | None = None,
    workers: int = 2,
    progress: job.Progress | None = None,
) -> job.RunSummary:
    """:func:`newsgraph.job.reprocess_store` with annotation spread over processes."""
    pipeline = Pipeline(settings)
    items = (store.load_article(aid) for aid in store.article_ids())
    results = annotate_parallel(items, pipeline.settings, workers)
    return job.store_results(results, store, pipeline, True, progress)
