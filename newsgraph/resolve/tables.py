"""Reading and writing the cross-document tables. Bulk writes go to DuckDB as one
registered Arrow table, since row-by-row ``executemany`` (and a replacement scan of a local
variable, which searches the caller's frames) costs seconds per ten thousand rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa


def insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Sequence[Any]], replace: bool = False
) -> None:
    """Insert positional rows into ``table`` (its columns in order), inside the caller's
    transaction; ``replace`` overwrites rows whose primary key exists."""
    if not rows:
        return
    width = len(rows[0])
    batch = pa.table({f"c{i}": [r[i] for r in rows] for i in range(width)})
    verb = "INSERT OR REPLACE" if replace else "INSERT"
    con.register("_newsgraph_rows", batch)
    try:
        con.execute(f"{verb} INTO {table} SELECT * FROM _newsgraph_rows")
    finally:
        con.unregister("_newsgraph_rows")


def day(value: object) -> date | None:
    """The calendar day a stored date or timestamp starts with; None when it has none."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
