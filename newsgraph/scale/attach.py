"""Bring a Parquet run (``newsgraph run --engine ray --out DIR``) into a DuckDB store.

Each table's Parquet files are inserted into the store's table of the same name, first
row per key winning — the rule ``Store.write_batch`` follows, so an article read
twice, or already stored, is kept once. Then the cross-document steps (copies, stories,
entities and events across articles) run over the store as after a local run, and the
result is queryable from the CLI, the Python API and the REST API like any store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyarrow import fs

from newsgraph.resolve import crossdoc
from newsgraph.scale.parquet import LAYOUT
from newsgraph.store import Store


@dataclass
class AttachSummary:
    inserted: dict[str, int] = field(default_factory=dict)
    resolved: crossdoc.ResolveSummary | None = None


def _sql_string(text: str) -> str:
    return text.replace("'", "''")


def _has_parquet(folder: str) -> bool:
    filesystem, root = fs.FileSystem.from_uri(folder) if "://" in folder else (
        fs.LocalFileSystem(),
        folder,
    )
    info = filesystem.get_file_info(fs.FileSelector(root, allow_not_found=True))
    return any(i.path.endswith(".parquet") for i in info)


def attach(store: Store, folder: str, resolve: bool = True) -> AttachSummary:
    """Insert the Parquet tables under ``folder`` into ``store`` (one transaction) and run
    the cross-document steps."""
    summary = AttachSummary()
    con = store.con
    con.execute("BEGIN")
    try:
        for table, (columns, key) in LAYOUT.items():
            path = f"{folder.rstrip('/')}/{table}"
            if not _has_parquet(path):
                continue
            names = ", ".join(f'"{c}"' for c, _ in columns)
            keys = ", ".join(f'"{k}"' for k in key)
            # Stored rows are left out by a join rather than by ``INSERT OR IGNORE``: the
            # article tables have no primary key in the store (see ``TableSpec``).
            stored = " AND ".join(f'stored."{k}" = new."{k}"' for k in key)
            before = int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # type: ignore[index]
            con.execute(
                f'INSERT INTO "{table}" ({names}) SELECT {names} FROM ('
                f"SELECT * FROM read_parquet('{_sql_string(path)}/*.parquet', "
                f"union_by_name = true) QUALIFY row_number() OVER (PARTITION BY {keys}) = 1"
                f') AS new WHERE NOT EXISTS (SELECT 1 FROM "{table}" AS stored WHERE {stored})'
            )
            after = int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # type: ignore[index]
            summary.inserted[table] = after - before
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    if resolve:
        summary.resolved = crossdoc.resolve(store)
    return summary
