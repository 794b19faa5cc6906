"""Event-data exports: PLOVER JSON and a GDELT-style event table.

The table-by-table exports (JSONL, CSV, Parquet) are :meth:`newsgraph.store.Store.export`;
these formats instead write one record per event in the shape other event-data tools read.
"""

from __future__ import annotations

from pathlib import Path

from newsgraph.export import gdelt, plover
from newsgraph.store import Store

#: format name -> (file name, writer)
EVENT_FORMATS = {
    "plover": ("events.plover.jsonl", plover.write),
    "gdelt": ("events.gdelt.csv", gdelt.write),
}


def write_events(store: Store, fmt: str, out_dir: str | Path) -> tuple[Path, int]:
    """Write the store's events in ``fmt`` into ``out_dir``; returns the file and count."""
    name, writer = EVENT_FORMATS[fmt]
    target = Path(out_dir) / name
    return target, writer(store, target)
