import json
from dataclasses import asdict
from datetime import date

import duckdb
import pytest

from newsgraph.model import Annotated, Article, Entity, IngestError, Mention, Sentence, Span
from newsgraph.store import Store, StoreError


def _result(text: str, origin: str = "a.txt", entity_name: str = "Iran") -> Annotated:
    art = Article(id=f"id-{text[:8]}", text=text, raw=text, origin=origin, language="it")
    return Annotated(
        article=art,
        spans=[Span(id=f"sp-{art.id}", article_id=art.id, kind="body", start=0,
                    end=len(text), text=text, attrs={"language": "it"})],
        sentences=[Sentence(id=f"s-{art.id}", article_id=art.id, index=0, start=0,
                            end=len(text), text=text)],
        mentions=[Mention(id=f"m-{art.id}", article_id=art.id, sentence=0, start=0, end=4,
                          text=text[:4], type="COUNTRY", entity_id="e-iran")],
        entities=[Entity(id="e-iran", name=entity_name, type="COUNTRY", aliases=["Teheran"])],
    )


def _snapshot(store: Store) -> dict:
    return {
        t: sorted(map(str, store.con.execute(f'SELECT * EXCLUDE (first_seen) FROM "{t}"'
                                             if t in {"origins", "ingest_errors"}
                                             else f'SELECT * FROM "{t}"').fetchall()))
        for t in store.counts()
    }


def test_write_is_idempotent(store):
    batch = [_result("Iran e Russia firmano."), _result("Roma, vertice.")]
    errors = [IngestError(origin="bad.bin", reason="binary file")]
    first = store.write_batch(batch, errors, pipeline="p1")
    assert (first.stored, first.unchanged, first.errors) == (2, 0, 1)
    before = _snapshot(store)
    again = store.write_batch(batch, errors, pipeline="p1")
    assert (again.stored, again.unchanged) == (0, 2)
    assert _snapshot(store) == before


def test_same_article_from_two_origins_is_one_article(store):
    store.write_batch([_result("Stesso testo.", "a.txt")], pipeline="p")
    store.write_batch([_result("Stesso testo.", "b.jsonl")], pipeline="p")
    counts = store.counts()
    assert counts["articles"] == 1 and counts["origins"] == 2


def test_reprocess_replaces_annotations(store):
    store.write_batch([_result("Testo uno.")], pipeline="p1")
    changed = _result("Testo uno.")
    changed.sentences = []
    result = store.write_batch([changed], pipeline="p2", reprocess=True)
    assert result.reprocessed == 1
    assert store.counts()["sentences"] == 0
    assert store.rows("SELECT pipeline FROM articles")[0]["pipeline"] == "p2"


def test_failed_batch_rolls_back_and_keeps_earlier_batches(store, monkeypatch):
    store.write_batch([_result("Primo articolo.")], pipeline="p")

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_origins", boom)
    with pytest.raises(RuntimeError):
        store.write_batch([_result("Secondo articolo.")], pipeline="p")
    assert store.counts()["articles"] == 1
    assert store.counts()["sentences"] == 1


def test_two_rows_with_one_key_are_refused_and_the_batch_rolls_back(store):
    store.write_batch([_result("Primo articolo.")], pipeline="p")
    broken = _result("Secondo articolo.")
    broken.sentences = broken.sentences * 2  # one id twice: a bug, never a row to drop
    with pytest.raises(StoreError, match="sentences rows of one batch share the key"):
        store.write_batch([broken], pipeline="p")
    assert store.counts()["articles"] == 1
    assert store.counts()["sentences"] == 1


def test_article_tables_have_no_primary_key_but_articles_do(store):
    keyed = {
        row[0]
        for row in store.con.execute(
            "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
        ).fetchall()
    }
    assert {"articles", "entities", "stories"} <= keyed
    assert keyed.isdisjoint({"spans", "sentences", "mentions", "events", "quotes"})


def test_a_store_whose_article_tables_have_primary_keys_takes_writes(tmp_path):
    """Stores made before the article tables lost their primary keys keep working."""
    from newsgraph.store.schema import TABLES

    path = tmp_path / "old.duckdb"
    with Store(path):
        pass
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE sentences")
    spec = TABLES["sentences"]
    cols = ", ".join(f'"{c}" {t}' for c, t in spec.columns)
    con.execute(f"CREATE TABLE sentences ({cols}, PRIMARY KEY (id))")
    con.close()
    batch = [_result("Iran e Russia firmano.")]
    with Store(path) as old:
        assert old.write_batch(batch, pipeline="p").stored == 1
        assert old.write_batch(batch, pipeline="p").unchanged == 1
        assert old.counts()["sentences"] == 1


def test_a_batch_over_the_memory_cap_is_written_with_a_larger_cap(tmp_path):
    with Store(tmp_path / "capped.duckdb") as store, store.bulk_writes(memory_mb=1):
        result = store.write_batch([_result("Teheran ha risposto.")], pipeline="p")
        assert result.stored == 1
        # 1 MB is too little for any write: doubled until the batch fit.
        assert store._memory_cap is not None and store._memory_cap > 1
        cap = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert cap != "976.5 KiB"
    with Store(tmp_path / "capped.duckdb") as store:
        assert store.counts()["articles"] == 1


def test_json_and_list_columns_round_trip(store):
    store.write_batch([_result("Un testo.")], pipeline="p")
    art = store.article("id-Un testo")
    assert art is not None
    assert json.loads(art["spans"][0]["attrs"]) == {"language": "it"}
    ent = store.rows("SELECT aliases FROM entities")[0]
    assert ent["aliases"] == ["Teheran"]


def test_records_inside_json_columns_are_stored_as_dicts(store):
    result = _result("Attributi annidati.")
    inner = Entity(id="e-x", name="X", type="PERSON", aliases=["Ics"])
    result.mentions[0].attrs = {"entity": inner, "when": date(2024, 1, 2), "pair": (inner, 1)}
    store.write_batch([result], pipeline="p")
    attrs = json.loads(store.rows("SELECT attrs FROM mentions")[0]["attrs"])
    assert attrs == {"entity": asdict(inner), "when": "2024-01-02", "pair": [asdict(inner), 1]}


def test_article_lookup_by_prefix_and_reload(store):
    store.write_batch([_result("Articolo da ricaricare.")], pipeline="p")
    assert store.article("id-Artic")["id"] == "id-Articolo"
    assert store.article("nope") is None
    loaded = store.load_article("id-Articolo")
    assert loaded.text == "Articolo da ricaricare." and loaded.language == "it"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_table(store, tmp_path, fmt):
    store.write_batch([_result("Da esportare.")], pipeline="p")
    files = store.export(fmt, tmp_path / "out")
    names = {f.stem for f in files}
    assert {"articles", "sentences", "entities", "ingest_errors"} <= names
    assert all(f.exists() for f in files)
    rows = duckdb.sql(
        f"SELECT count(*) FROM read_{'json' if fmt == 'jsonl' else fmt}"
        f"('{tmp_path / 'out' / ('articles.' + fmt)}')"
    ).fetchall()
    assert rows == [(1,)]


def test_unknown_export_format(store, tmp_path):
    with pytest.raises(StoreError, match="unknown export format"):
        store.export("xml", tmp_path)


def test_schema_version_mismatch_is_reported(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as s:
        s.con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 0"):
        Store(path)


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_foreign_duckdb_file_is_not_a_store(tmp_path):
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not a newsgraph store"):
        Store(path, read_only=True)


def test_bulk_writes_use_one_thread_and_give_the_count_back(tmp_path):
    with Store(tmp_path / "bulk.duckdb") as store:
        setting = "SELECT current_setting('threads'), current_setting('memory_limit')"
        before = store.con.execute(setting).fetchone()
        with store.bulk_writes(memory_mb=64):
            assert store.con.execute(setting).fetchone() == (1, "61.0 MiB")  # 64 MB
            store.write_batch([_result("Teheran ha risposto.")])
        assert store.con.execute(setting).fetchone() == before
        assert store.counts()["articles"] == 1
