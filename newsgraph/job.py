"""A run: inputs → pipeline → store, streaming in batches.

Memory stays flat in corpus size: articles are read lazily, annotated one by one and
written one batch (one transaction) at a time. An article that makes an annotator fail is
recorded as an error for its origin, and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsgraph import guard, ingest
from newsgraph.config import Settings
from newsgraph.ingest.errors import SKIPS
from newsgraph.model import Annotated, Article, IngestError
from newsgraph.pipeline import Pipeline
from newsgraph.store import Store


@dataclass
class RunSummary:
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    reprocessed: int = 0
    errors: int = 0
    #: Recorded with the errors but not failures: records that are not articles (SKIPS).
    skipped: int = 0
    seconds: float = 0.0
    error_samples: list[IngestError] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0


Progress = Callable[[int], None]


def _annotate(pipeline: Pipeline, article: Article) -> Annotated | IngestError:
    try:
        with guard.time_limit(pipeline.settings.limits.doc_seconds):
            return pipeline.process(article)
    except guard.TimeLimitExceeded as exc:  # a pathological text costs itself only
        return IngestError(
            origin=article.origin, record=article.record, reason=guard.TIMEOUT, detail=str(exc)
        )
    except Exception as exc:  # an annotator bug must not take the whole run down
        return IngestError(
            origin=article.origin,
            record=article.record,
            reason="annotation failed",
            detail=f"{type(exc).__name__}: {exc}",
        )


def annotated(
    items: Iterable[Article | IngestError], pipeline: Pipeline
) -> Iterator[tuple[bool, Annotated | IngestError]]:
    """Annotate a stream in this process: (whether the item was an article, its result)."""
    for item in items:
        if isinstance(item, IngestError):
            yield False, item
        else:
            yield True, _annotate(pipeline, item)


def run_items(
    items: Iterable[Article | IngestError],
    store: Store,
    pipeline: Pipeline,
    reprocess: bool = False,
    progress: Progress | None = None,
) -> RunSummary:
    """Annotate and store a stream of articles (and record the errors mixed into it)."""
    return store_results(annotated(items, pipeline), store, pipeline, reprocess, progress)


def store_results(
    results: Iterable[tuple[bool, Annotated | IngestError]],
    store: Store,
    pipeline: Pipeline,
    reprocess: bool = False,
    progress: Progress | None = None,
) -> RunSummary:
    """Write annotated results in batches (one transaction each), as :func:`annotated`
    yields them or a pool of worker processes does (newsgraph.scale.workers): the store
    has one writer, this process."""
    summary = RunSummary()
    started = time.perf_counter()
    size = pipeline.settings.batch_size
    batch: list[Annotated] = []
    errors: list[IngestError] = []

    def flush() -> None:
        result = store.write_batch(batch, errors, pipeline.fingerprint, reprocess)
        summary.stored += result.stored
        summary.unchanged += result.unchanged
        summary.reprocessed += result.reprocessed
        failed = [e for e in errors if e.reason not in SKIPS]
        summary.skipped += result.errors - len(failed)
        summary.errors += len(failed)
        summary.error_samples.extend(failed[: max(0, 20 - len(summary.error_samples))])
        batch.clear()
        errors.clear()

    with store.bulk_writes(pipeline.settings.store_memory_mb):
        for was_article, done in results:
            if was_article:
                summary.read += 1
                if progress:
                    progress(1)
            if isinstance(done, IngestError):
                errors.append(done)
            else:
                batch.append(done)
            if len(batch) >= size or len(errors) >= size:
                flush()
        flush()
    summary.seconds = time.perf_counter() - started
    return summary


def run(
    inputs: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    reprocess: bool = False,
    progress: Progress | None = None,
) -> RunSummary:
    pipeline = Pipeline(settings)
    return run_items(ingest.read(inputs, pipeline.settings), store, pipeline, reprocess, progress)


def reprocess_store(
    store: Store, settings: Settings | None = None, progress: Progress | None = None
) -> RunSummary:
    """Re-annotate every stored article with the current pipeline."""
    pipeline = Pipeline(settings)
    items = (store.load_article(aid) for aid in store.article_ids())
    return run_items(items, store, pipeline, reprocess=True, progress=progress)
