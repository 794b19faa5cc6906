"""The Ray engine on a local two-CPU Ray instance: Parquet with the store's schema, and
after ``attach`` the same store as a local run over the same articles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from scale_helpers import small_inputs, snapshot
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.scale.parquet import LAYOUT
from newsgraph.store import Store

ray = pytest.importorskip("ray", reason="the Ray engine needs the ray extra: pip install '.[ray]'")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def test_ray_run_then_attach_equals_the_local_run(
    local_ray: None, shared: Path, tmp_path: Path
) -> None:
    inputs = small_inputs(shared, tmp_path, dice=40)
    missing = str(tmp_path / "missing.jsonl")
    out = tmp_path / "parquet"
    runner = CliRunner()
    res = runner.invoke(app, ["run", *inputs, missing, "--engine", "ray", "--out", str(out)])
    # The missing input is recorded as an error, as a local run records it (exit code 1).
    assert res.exit_code == 1, res.output
    for table in ("articles", "sentences", "mentions", "origins", "ingest_errors"):
        files = sorted((out / table).glob("*.parquet"))
        assert files, f"no Parquet for {table}"
        columns, _ = LAYOUT[table]
        assert pq.read_schema(files[0]).names == [c for c, _ in columns]

    ray_db, local_db = tmp_path / "ray.duckdb", tmp_path / "local.duckdb"
    res = runner.invoke(app, ["attach", str(out), "--db", str(ray_db)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["run", *inputs, missing, "--db", str(local_db)])
    assert res.exit_code == 1, res.output
    with Store(ray_db, read_only=True) as got, Store(local_db, read_only=True) as expected:
        assert snapshot(got) == snapshot(expected)
        errors = "SELECT origin, reason, record FROM ingest_errors ORDER BY ALL"
        assert got.con.execute(errors).fetchall() == expected.con.execute(errors).fetchall()
        # Queryable like any store: an article with its annotations.
        first = got.article_ids(limit=1)[0]
        assert got.article(first)["sentences"]  # type: ignore[index]

    # Attaching the same run again adds nothing.
    res = runner.invoke(app, ["attach", str(out), "--db", str(ray_db)])
    assert res.exit_code == 0, res.output
    with Store(ray_db, read_only=True) as again, Store(local_db, read_only=True) as expected:
        assert again.counts() == expected.counts()


def test_ray_engine_needs_an_out_folder(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["run", str(tmp_path), "--engine", "ray"])
    assert res.exit_code == 2
    assert "--out" in res.output
