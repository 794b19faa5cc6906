"""Shared by the scaling tests: a small mixed input and a comparable view of a store."""

from __future__ import annotations

from pathlib import Path

from newsgraph.store import Store
from newsgraph.store.schema import ARTICLE_TABLES

REPO = Path(__file__).resolve().parent.parent


def small_inputs(shared: Path, tmp_path: Path, dice: int = 50) -> list[str]:
    """The demo folder, the seed articles and the first ``dice`` DICE articles."""
    sample = tmp_path / "dice_sample.jsonl"
    with (shared / "corpus" / "dice_it.jsonl").open(encoding="utf-8") as fh:
        sample.write_text("".join(line for _, line in zip(range(dice), fh, strict=False)))
    return [str(REPO / "examples" / "demo"), str(shared / "seeds"), str(sample)]


def snapshot(store: Store) -> dict[str, object]:
    """What two runs over the same articles must share: every record id, the origins, the
    story membership and the row count of every table (timestamps differ)."""
    ids = {
        table: sorted(r[0] for r in store.con.execute(f'SELECT id FROM "{table}"').fetchall())
        for table in ("articles", *ARTICLE_TABLES, "entities", "stories")
    }
    con = store.con
    origins = sorted(con.execute("SELECT article_id, origin, record FROM origins").fetchall())
    members = sorted(con.execute("SELECT story_id, article_id FROM story_articles").fetchall())
    return {"ids": ids, "origins": origins, "stories": members, "counts": store.counts()}
