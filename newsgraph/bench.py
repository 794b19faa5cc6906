"""The benchmark: the whole default pipeline over a corpus, timed stage by stage.

It runs what ``newsgraph run`` runs — ingest, clean, language, every spaCy component,
records, batched store writes into a throw-away DuckDB file — and, on the same texts in the
same run, spaCy's blank tokenizer alone. The tokenizer is the floor any spaCy pipeline
pays, so the ratio of the two speeds says how much the newsgraph stages cost on top of it,
on whatever machine the benchmark runs. Speeds are given per wall-clock second and per
CPU second of the process (``cpu_articles_per_s``: the rate per core, which a busy
machine does not distort). Each run goes in a fresh process so that its peak memory is its
own: runs at growing limits show how time and memory grow with the corpus.
"""

from __future__ import annotations

import itertools
import multiprocessing
import resource
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph import ingest
from newsgraph.annotate import _blank as blank_pipeline
from newsgraph.config import Settings
from newsgraph.model import Annotated, Article, IngestError
from newsgraph.pipeline import Pipeline
from newsgraph.store import Store

#: Stage names reported besides the pipeline's own (see Pipeline.process).
INGEST, STORE = "ingest", "store"


@dataclass
class BenchResult:
    corpus: str
    limit: int | None
    articles: int = 0
    errors: int = 0
    words: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    tokenizer_seconds: float = 0.0
    peak_rss_mb: float = 0.0
    #: Resident memory after the first tenth of the articles (the first thousand when
    #: there is no limit), to compare with the peak: flat memory keeps the two close.
    early_rss_mb: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def cpu_articles_per_s(self) -> float:
        return self.articles / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    @property
    def tokenizer_ratio(self) -> float:
        """Pipeline speed over tokenizer-only speed on the same texts (1.0: free)."""
        return self.tokenizer_seconds / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["stages"] = {k: round(v, 4) for k, v in self.stages.items()}
        for name in ("articles_per_s", "cpu_articles_per_s", "words_per_s", "tokenizer_ratio"):
            out[name] = round(getattr(self, name), 3)
        for name in ("seconds", "cpu_seconds", "tokenizer_seconds", "peak_rss_mb"):
            out[name] = round(out[name], 3)
        return out


def _rss_mb() -> float:
    """Resident memory now (Linux /proc; the peak elsewhere)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return _peak_rss_mb()


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _timed(items: Iterator[Article | IngestError], stages: dict[str, float]) -> Iterator[Any]:
    """The items, with the time spent producing them added to the ingest stage."""
    while True:
        started = time.perf_counter()
        item = next(items, None)
        stages[INGEST] += time.perf_counter() - started
        if item is None:
            return
        yield item


def bench(corpus: str, limit: int | None = None, settings: Settings | None = None) -> BenchResult:
    """Run the default pipeline over the first ``limit`` articles of ``corpus`` (all if
    None) in this process, and time it."""
    pipeline = Pipeline(settings)
    # Building the pipelines and loading the KB is start-up, not throughput.
    warm = pipeline.warm_up()
    blanks: dict[str, Language] = {}
    result = BenchResult(corpus=corpus, limit=limit)
    stages: dict[str, float] = defaultdict(float)

    def observe(stage: str, seconds: float) -> None:
        stages[stage] += seconds

    batch: list[Annotated] = []
    errors: list[IngestError] = []
    checkpoint = max(1, limit // 10) if limit else 1000
    items = itertools.islice(ingest.read([corpus], pipeline.settings), limit)
    with (
        tempfile.TemporaryDirectory() as tmp,
        Store(Path(tmp) / "bench.duckdb") as store,
        store.bulk_writes(pipeline.settings.store_memory_mb),  # as a run writes
    ):
        # So is the store's first write: Arrow imports pandas on its first array.
        store.write_batch([warm], [], pipeline.fingerprint)

        def flush() -> None:
            started = time.perf_counter()
            store.write_batch(batch, errors, pipeline.fingerprint)
            stages[STORE] += time.perf_counter() - started
            batch.clear()
            errors.clear()

        wall, cpu = time.perf_counter(), time.process_time()
        for item in _timed(items, stages):
            if isinstance(item, IngestError):
                errors.append(item)
                result.errors += 1
                continue
            text = item.text
            try:
                done = pipeline.process(item, observe)
            except Exception:  # counted, as a run records it, and the benchmark goes on
                result.errors += 1
                continue
            result.articles += 1
            result.words += len(text.split())
            # The reference: spaCy's blank tokenizer alone on the same text (its own vocab,
            # so it too meets every word for the first time).
            lang = item.language or pipeline.settings.default_language
            blank = blanks.get(lang) or blanks.setdefault(lang, blank_pipeline(lang))
            started = time.perf_counter()
            blank.make_doc(text)
            result.tokenizer_seconds += time.perf_counter() - started
            batch.append(done)
            if len(batch) >= pipeline.settings.batch_size:
                flush()
            if result.articles == checkpoint:
                result.early_rss_mb = _rss_mb()
        flush()
        tokenizer_cpu = result.tokenizer_seconds  # single-threaded: its wall time is CPU
        result.seconds = time.perf_counter() - wall - result.tokenizer_seconds
        result.cpu_seconds = time.process_time() - cpu - tokenizer_cpu
    result.stages = dict(stages)
    result.peak_rss_mb = _peak_rss_mb()
    return result


def _bench_job(args: tuple[str, int | None, Settings | None]) -> dict[str, Any]:
    return bench(*args).to_json()


def bench_runs(
    corpora: Sequence[str], limits: Sequence[int | None], settings: Settings | None = None
) -> list[dict[str, Any]]:
    """One benchmark per corpus and limit, each in a fresh process (its own peak RSS)."""
    context = multiprocessing.get_context("spawn")
    out = []
    for corpus in corpora:
        for limit in limits:
            with context.Pool(1) as pool:
                out.append(pool.apply(_bench_job, ((corpus, limit, settings),)))
    return out
