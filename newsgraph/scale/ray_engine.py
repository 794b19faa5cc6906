"""The scale-out path: the same stages as ``newsgraph run`` on a Ray cluster.

Inputs (JSONL, WARC, HTML, text… whatever ``newsgraph.ingest`` reads) become a Ray
Dataset of files, each read by newsgraph's own readers into articles; an actor pool
annotates them (each actor builds the pipeline and loads the KB once) and writes each
batch as Parquet files with the store's schema under ``DIR/<table>/``
(:mod:`newsgraph.scale.parquet`). The cross-document steps need every article at once, so
they run afterwards, over the Parquet: ``newsgraph attach DIR`` (:mod:`.attach`).

``DIR`` must be reachable from every node: a shared folder, or a URI such as
``s3://bucket/run``. Every node needs newsgraph installed (``pip install newsgraph[ray]``)
or a Ray runtime environment that provides it.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsgraph import ingest, job
from newsgraph.config import Settings
from newsgraph.ingest.errors import SKIPS
from newsgraph.ingest.sources import STDIN, expand
from newsgraph.model import Annotated, IngestError
from newsgraph.pipeline import Pipeline
from newsgraph.scale import parquet

#: Articles an actor annotates and writes as one Parquet file per table.
BATCH = 256


@dataclass
class RaySummary:
    read: int = 0
    errors: int = 0
    skipped: int = 0  # recorded, not failures (ingest.errors.SKIPS)
    files: int = 0
    error_samples: list[str] = field(default_factory=list)


class FileReader:
    """Reads one input file into its articles and errors, pickled (Ray rows hold plain
    values), with newsgraph's own readers."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"item": pickle.dumps(item)} for item in ingest.read([row["path"]], self.settings)]


class Annotator:
    """One actor of the pool: a pipeline built once, then batch after batch of articles
    annotated and written as Parquet."""

    def __init__(self, settings: Settings, out: str) -> None:
        self.pipeline = Pipeline(settings)
        self.out = out
        self.pipeline.warm_up()

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        items = [pickle.loads(blob) for blob in batch["item"]]
        results: list[Annotated] = []
        errors: list[IngestError] = []
        read = 0
        for was_article, done in job.annotated(items, self.pipeline):
            read += was_article
            (errors if isinstance(done, IngestError) else results).append(done)  # type: ignore[arg-type]
        now = datetime.now(UTC).replace(tzinfo=None)
        files = parquet.write_batch(self.out, results, errors, self.pipeline.fingerprint, now)
        failed = [e for e in errors if e.reason not in SKIPS]
        samples = [f"{e.origin}#{e.record}: {e.reason}" for e in failed[:5]]
        return {
            "read": [read],
            "errors": [len(failed)],
            "skipped": [len(errors) - len(failed)],
            "files": [len(files)],
            "samples": [samples],
        }


def run(
    inputs: Sequence[str],
    out: str,
    settings: Settings | None = None,
    address: str | None = None,
    workers: int | None = None,
) -> RaySummary:
    """Annotate ``inputs`` on Ray (the cluster at ``address``, or a local instance) into
    Parquet under ``out``; up to ``workers`` actors (default: one per CPU of the cluster)."""
    import ray

    settings = settings or Settings()
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    paths: list[str] = []
    summary = RaySummary()
    early_errors: list[IngestError] = []
    for spec in expand(inputs):
        if isinstance(spec, IngestError):
            early_errors.append(spec)
        elif spec == STDIN:
            raise ValueError("the Ray engine reads files, not stdin")
        else:
            paths.append(spec)
    if early_errors:
        now = datetime.now(UTC).replace(tzinfo=None)
        parquet.write_batch(out, [], early_errors, Pipeline(settings).fingerprint, now)
        summary.errors += len(early_errors)
        summary.error_samples += [f"{e.origin}: {e.reason}" for e in early_errors[:5]]
    if not paths:
        return summary
    size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    dataset = (
        ray.data.from_items([{"path": p} for p in paths])
        # Reading reserves no CPU: the actors take one each, and a reader waiting for a
        # CPU held by an actor waiting for articles would wait for ever.
        .flat_map(FileReader(settings), num_cpus=0)
        .map_batches(
            Annotator,
            fn_constructor_kwargs={"settings": settings, "out": out},
            batch_size=BATCH,
            # One actor to start with, more while articles wait (up to ``size``): a small
            # input does not pay for loading the pipeline in every actor.
            concurrency=(1, size),
        )
    )
    for row in dataset.iter_rows():
        summary.read += int(row["read"])
        summary.errors += int(row["errors"])
        summary.skipped += int(row["skipped"])
        summary.files += int(row["files"])
        summary.error_samples += list(row["samples"])[: max(0, 10 - len(summary.error_samples))]
    return summary
