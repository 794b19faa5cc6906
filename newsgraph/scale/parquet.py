"""Annotated articles as Parquet files with the columns and types of the store's tables.

The distributed engine writes what ``Store.write_batch`` would insert — the same tables,
columns, JSON text and key conventions — as one Parquet file per table and batch, under
``DIR/<table>/``. DuckDB (``newsgraph attach``), Spark or Ray read the folders directly.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from newsgraph.model import Annotated, IngestError, Record
from newsgraph.store import NO_RECORD
from newsgraph.store.schema import ARTICLE_TABLES, TABLES, TableSpec

_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
}

#: The two bookkeeping tables, as (column, SQL type) like TableSpec.columns, and keys.
ORIGINS = (
    ("article_id", "VARCHAR"),
    ("origin", "VARCHAR"),
    ("record", "BIGINT"),
    ("format", "VARCHAR"),
    ("first_seen", "TIMESTAMP"),
)
INGEST_ERRORS = (
    ("origin", "VARCHAR"),
    ("reason", "VARCHAR"),
    ("record", "BIGINT"),
    ("detail", "VARCHAR"),
    ("first_seen", "TIMESTAMP"),
)
#: Every table written, with its columns and primary key.
LAYOUT: dict[str, tuple[list[tuple[str, str]], tuple[str, ...]]] = {
    **{name: (spec.columns, spec.key) for name, spec in TABLES.items() if name != "stories"},
    "origins": (list(ORIGINS), ("article_id", "origin", "record")),
    "ingest_errors": (list(INGEST_ERRORS), ("origin", "record", "reason")),
}


def arrow_type(sql: str) -> pa.DataType:
    if sql.endswith("[]"):
        return pa.list_(arrow_type(sql[:-2]))
    return _ARROW_TYPES[sql]


def arrow_schema(columns: Sequence[tuple[str, str]]) -> pa.Schema:
    return pa.schema([(name, arrow_type(sql)) for name, sql in columns])


def _json(value: Any) -> str:
    # As the store writes JSON columns, so both paths hold the same text.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record_table(
    spec: TableSpec, records: Sequence[Record], extra: dict[str, Any] | None = None
) -> pa.Table:
    """The rows ``Store.insert_records`` would insert, as an Arrow table of the table's
    types."""
    jsons = spec.json_columns
    columns: dict[str, list[Any]] = {c: [] for c in spec.column_names}
    for rec in records:
        row = rec.to_dict()
        row.update(extra or {})
        for c in spec.column_names:
            value = row.get(c)
            columns[c].append(_json(value) if c in jsons else value)
    return pa.table(columns, schema=arrow_schema(spec.columns))


def batch_tables(
    results: Sequence[Annotated], errors: Sequence[IngestError], pipeline: str, now: datetime
) -> dict[str, pa.Table]:
    """One batch of results as Arrow tables by table name (empty tables left out)."""
    tables = {
        "articles": record_table(
            TABLES["articles"],
            [r.article for r in results],
            {"pipeline": pipeline, "processed_at": now},
        )
    }
    for name in (*ARTICLE_TABLES, "entities"):
        records = [rec for r in results for rec in getattr(r, name)]
        tables[name] = record_table(TABLES[name], records)
    articles = [r.article for r in results]
    tables["origins"] = pa.table(
        {
            "article_id": [a.id for a in articles],
            "origin": [a.origin for a in articles],
            "record": [NO_RECORD if a.record is None else a.record for a in articles],
            "format": [a.format for a in articles],
            "first_seen": [now] * len(results),
        },
        schema=arrow_schema(ORIGINS),
    )
    tables["ingest_errors"] = pa.table(
        {
            "origin": [e.origin for e in errors],
            "reason": [e.reason for e in errors],
            "record": [NO_RECORD if e.record is None else e.record for e in errors],
            "detail": [e.detail for e in errors],
            "first_seen": [now] * len(errors),
        },
        schema=arrow_schema(INGEST_ERRORS),
    )
    return {name: t for name, t in tables.items() if t.num_rows}


def write_batch(
    out: str,
    results: Sequence[Annotated],
    errors: Sequence[IngestError],
    pipeline: str,
    now: datetime,
) -> list[str]:
    """Write one batch as a Parquet file per table under ``out`` (a local folder or any
    URI pyarrow knows: s3://, gs://, hdfs://); returns the files written."""
    filesystem, root = fs.FileSystem.from_uri(out) if "://" in out else (fs.LocalFileSystem(), out)
    name = f"part-{uuid.uuid4().hex}.parquet"
    written = []
    for table, data in batch_tables(results, errors, pipeline, now).items():
        folder = f"{root.rstrip('/')}/{table}"
        filesystem.create_dir(folder, recursive=True)
        path = f"{folder}/{name}"
        pq.write_table(data, path, filesystem=filesystem)
        written.append(path)
    return written
