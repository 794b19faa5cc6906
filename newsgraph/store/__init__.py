"""The embedded store: one DuckDB file, created and versioned on first use.

Writes go in batches, one transaction per batch, so a run that dies keeps every batch
it finished and never a half-written article. Articles are keyed by the hash of their
text: storing the same input twice adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsgraph.model import Annotated, Article, IngestError, Record
from newsgraph.store.schema import (
    ARTICLE_TABLES,
    EXTRA_DDL,
    SCHEMA_VERSION,
    TABLES,
    TableSpec,
)

#: Stands for "no record number" in key columns, which cannot hold NULL.
NO_RECORD = -1
#: How many times a batch is retried with DuckDB's memory cap doubled (64 MB → 16 GB).
MAX_CAP_DOUBLINGS = 8


class StoreError(RuntimeError):
    pass


@dataclass
class BatchResult:
    stored: int = 0
    unchanged: int = 0
    reprocessed: int = 0
    errors: int = 0


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


#: Field values that are their own plain form (most of them: checked first, by type).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """A field value as ``asdict`` gives it: records inside it become dicts (the copy
    is only made where there is a record to convert)."""
    if type(value) in _SCALARS:
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, list | tuple) and any(_nested(v) for v in value):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict) and any(_nested(v) for v in value.values()):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _nested(value: Any) -> bool:
    return isinstance(value, list | tuple | dict) or (
        is_dataclass(value) and not isinstance(value, type)
    )


def _json_default(value: Any) -> Any:
    """What a JSON column holds for a value JSON has no form for: a record as the dict
    ``asdict`` makes of it, anything else as its text."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


#: How JSON columns are written (``json.dumps`` with these options, built once rather than
#: per value).
_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_json_default)

#: Column types whose values a record holds in their stored form already.
_SCALAR_COLUMNS = frozenset({"VARCHAR", "BIGINT", "DOUBLE", "BOOLEAN", "TIMESTAMP"})


def _cell(value: Any, json_column: bool) -> Any:
    if json_column:
        return _JSON.encode(value)
    return value


def _check_unique(spec: TableSpec, records: Sequence[Record]) -> None:
    """Refuse a batch in which two rows of a table without a primary key share a key:
    their ids are derived from the article and the offsets, so that is a bug to report,
    not a row to drop."""
    keys = list(map(attrgetter(*spec.key), records))
    if len(set(keys)) == len(keys):
        return
    seen: set[Any] = set()
    for key in keys:
        if key in seen:
            raise StoreError(f"two {spec.name} rows of one batch share the key {key!r}")
        seen.add(key)


def _column(records: Sequence[Record], name: str, sql_type: str) -> list[Any]:
    """One column's values. Scalar columns are read as they are; only JSON and list
    columns can hold records to turn into plain values (JSON ones as they are encoded),
    so only they pay for the check."""
    if not hasattr(records[0], name):  # a column the store adds, not given by the caller
        return [_cell(None, sql_type == "JSON")] * len(records)
    values = map(attrgetter(name), records)
    if sql_type in _SCALAR_COLUMNS:
        return list(values)
    if sql_type == "JSON":
        return list(map(_JSON.encode, values))
    return [_plain(v) for v in values]


class Store:
    """A newsgraph DuckDB store. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | Path = ":memory:", read_only: bool = False) -> None:
        self.path = str(path)
        if self.path != ":memory:" and read_only and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}; create one with `newsgraph run`")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        #: DuckDB's memory limit in MB while :meth:`bulk_writes` caps it, else None.
        self._memory_cap: int | None = None
        if not read_only:
            self._migrate()
        self._check_version()

    # -- lifecycle ---------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _migrate(self) -> None:
        self.con.execute("BEGIN")
        for ddl in EXTRA_DDL:
            self.con.execute(ddl)
        for spec in TABLES.values():
            self.con.execute(spec.ddl())
        self.con.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )
        self.con.execute("COMMIT")

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.CatalogException as exc:
            raise StoreError(f"{self.path} is not a newsgraph store") from exc
        if row is None or int(row[0]) != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise StoreError(
                f"{self.path} has schema version {found}; this newsgraph reads version "
                f"{SCHEMA_VERSION}. Export it with the version that wrote it, or start a new store."
            )

    # -- writing -----------------------------------------------------------------------
    def insert_records(
        self, spec: TableSpec, records: Sequence[Record], extra: dict[str, Any] | None = None
    ) -> None:
        """Insert records into their table (inside the caller's transaction); rows whose key
        is already stored are left as they are."""
        if not records:
            return
        if not spec.enforced:
            _check_unique(spec, records)
        extra = extra or {}
        columns: dict[str, list[Any]] = {}
        # Column by column rather than ``asdict``, whose deep copy of every value was the
        # larger part of a batch's cost; nested records still become plain dicts.
        for c, sql_type in spec.columns:
            if c in extra:
                columns[c] = [_cell(extra[c], sql_type == "JSON")] * len(records)
            else:
                columns[c] = _column(records, c, sql_type)
        self._insert_columns(spec.name, columns, ignore_stored=spec.enforced)

    def _insert_columns(
        self, table: str, columns: dict[str, list[Any]], ignore_stored: bool = True
    ) -> None:
        """Insert whole columns at once (through Arrow: far faster than ``executemany``);
        with ``ignore_stored``, rows whose primary key is stored are left out."""
        batch = pa.table(columns)  # noqa: F841  (read by name in the SQL below)
        names = ", ".join(f'"{c}"' for c in columns)
        verb = "INSERT OR IGNORE" if ignore_stored else "INSERT"
        self.con.execute(f'{verb} INTO "{table}" ({names}) SELECT {names} FROM batch')

    def existing(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored article ids among ``ids``, with the pipeline fingerprint that made them."""
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = self.con.execute(
            "SELECT id, pipeline FROM articles WHERE id IN (SELECT unnest(?))", [wanted]
        ).fetchall()
        return {r[0]: r[1] for r in rows}

    def _delete_annotations(self, article_ids: list[str]) -> None:
        for table in ARTICLE_TABLES:
            self.con.execute(
                f'DELETE FROM "{table}" WHERE article_id IN (SELECT unnest(?))', [article_ids]
            )
        self.con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [article_ids])

    @contextmanager
    def bulk_writes(self, memory_mb: int | None = None) -> Iterator[None]:
        """Run the block's writes on one DuckDB thread: a run writes many small batches,
        where worker threads cost more CPU in hand-offs than they save. With
        ``memory_mb``, DuckDB's memory is capped meanwhile, so that a long run's memory
        stops growing with the store (DuckDB keeps the pages it wrote in its cache up to
        its limit). A store in memory is not capped: its pages are its data. The settings
        come back for the reads that follow."""
        if self.path == ":memory:":
            memory_mb = None
        self.con.execute("SET threads = 1")
        self._cap(memory_mb)
        try:
            yield
        finally:
            self.con.execute("RESET threads")
            if self._memory_cap is not None:
                self._memory_cap = None
                self.con.execute("RESET memory_limit")

    def _cap(self, memory_mb: int | None) -> None:
        self._memory_cap = memory_mb
        if memory_mb is not None:
            self.con.execute(f"SET memory_limit = '{int(memory_mb)}MB'")

    def write_batch(
        self,
        results: Sequence[Annotated],
        errors: Sequence[IngestError] = (),
        pipeline: str = "",
        reprocess: bool = False,
    ) -> BatchResult:
        """Store a batch in one transaction; existing articles are left as they are unless
        ``reprocess`` asks for their annotations to be replaced.

        Under a memory cap (:meth:`bulk_writes`), a batch DuckDB cannot write within it is
        written again with the cap doubled: the cap is there to bound a cache, never to
        fail a run."""
        for _ in range(MAX_CAP_DOUBLINGS):
            try:
                return self._write_batch(results, errors, pipeline, reprocess)
            except duckdb.OutOfMemoryException:
                if self._memory_cap is None:
                    raise
                self._cap(self._memory_cap * 2)
        return self._write_batch(results, errors, pipeline, reprocess)

    def _write_batch(
        self,
        results: Sequence[Annotated],
        errors: Sequence[IngestError],
        pipeline: str,
        reprocess: bool,
    ) -> BatchResult:
        out = BatchResult(errors=len(errors))
        now = _now()
        self.con.execute("BEGIN")
        try:
            stored = self.existing(r.article.id for r in results)
            fresh: list[Annotated] = []
            seen: set[str] = set()
            replace: list[str] = []
            for r in results:
                aid = r.article.id
                if aid in seen or (aid in stored and not reprocess):
                    out.unchanged += 1
                else:
                    if aid in stored:
                        replace.append(aid)
                        out.reprocessed += 1
                    else:
                        out.stored += 1
                    fresh.append(r)
                seen.add(aid)
            if replace:
                self._delete_annotations(replace)
            self.insert_records(
                TABLES["articles"],
                [r.article for r in fresh],
                {"pipeline": pipeline, "processed_at": now},
            )
            for table in (*ARTICLE_TABLES, "entities"):
                self.insert_records(
                    TABLES[table], [rec for r in fresh for rec in getattr(r, table)], {}
                )
            self._insert_origins([r.article for r in results], now)
            self._insert_errors(errors, now)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return out

    def _insert_origins(self, articles: Sequence[Article], now: datetime) -> None:
        if not articles:
            return
        self._insert_columns(
            "origins",
            {
                "article_id": [a.id for a in articles],
                "origin": [a.origin for a in articles],
                "record": [NO_RECORD if a.record is None else a.record for a in articles],
                "format": [a.format for a in articles],
                "first_seen": [now] * len(articles),
            },
        )

    def _insert_errors(self, errors: Sequence[IngestError], now: datetime) -> None:
        if not errors:
            return
        self._insert_columns(
            "ingest_errors",
            {
                "origin": [e.origin for e in errors],
                "reason": [e.reason for e in errors],
                "record": [NO_RECORD if e.record is None else e.record for e in errors],
                "detail": [e.detail for e in errors],
                "first_seen": [now] * len(errors),
            },
        )

    # -- reading -----------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def counts(self) -> dict[str, int]:
        tables = [*TABLES, "origins", "ingest_errors"]
        return {
            t: int(self.con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # type: ignore[index]
            for t in tables
        }

    def article(
        self, article_id: str, tables: Sequence[str] = ARTICLE_TABLES
    ) -> dict[str, Any] | None:
        """An article with the rows of ``tables`` that point into it, by full id, unique id
        prefix or external id. Rows come in text order, a longer one before a shorter one
        at the same start (a zone before its sentences' spans)."""
        rows = self.rows(
            "SELECT * EXCLUDE (raw) FROM articles WHERE id = ? OR id LIKE ? || '%' "
            "OR external_id = ? ORDER BY id LIMIT 2",
            [article_id, article_id, article_id],
        )
        if len(rows) != 1:
            return None
        art = rows[0]
        for table in tables:
            order = '"index"' if table == "sentences" else '"start", "end" DESC, id'
            art[table] = self.rows(
                f'SELECT * FROM "{table}" WHERE article_id = ? ORDER BY {order}', [art["id"]]
            )
        art["origins"] = self.rows(
            "SELECT origin, record, format FROM origins WHERE article_id = ? ORDER BY origin",
            [art["id"]],
        )
        return art

    def article_ids(self, limit: int | None = None) -> list[str]:
        sql = "SELECT id FROM articles ORDER BY id" + (f" LIMIT {int(limit)}" if limit else "")
        return [r[0] for r in self.con.execute(sql).fetchall()]

    def load_article(self, article_id: str) -> Article:
        """The stored :class:`Article` record, for re-annotation."""
        cols = Article.field_names()
        names = ", ".join(f'"{c}"' for c in cols)
        row = self.con.execute(
            f"SELECT {names} FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        if row is None:
            raise StoreError(f"no article {article_id}")
        values = dict(zip(cols, row, strict=True))
        values["meta"] = json.loads(values["meta"]) if values["meta"] else {}
        return Article(**values)

    # -- export ------------------------------------------------------------------------
    def export(self, fmt: str, out: str | Path, tables: Sequence[str] | None = None) -> list[Path]:
        """Write each table to ``out/<table>.<ext>``; returns the files written."""
        options = {
            "jsonl": ("jsonl", "FORMAT JSON"),
            "csv": ("csv", "FORMAT CSV, HEADER"),
            "parquet": ("parquet", "FORMAT PARQUET"),
        }
        if fmt not in options:
            raise StoreError(f"unknown export format {fmt!r}; use one of {sorted(options)}")
        ext, opts = options[fmt]
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for table in tables or [*TABLES, "origins", "ingest_errors"]:
            target = folder / f"{table}.{ext}"
            self.con.execute(
                f"COPY (SELECT * FROM \"{table}\") TO '{_sql_string(str(target))}' ({opts})"
            )
            written.append(target)
        return written


def _sql_string(text: str) -> str:
    return text.replace("'", "''")
