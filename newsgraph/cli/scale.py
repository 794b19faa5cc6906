"""Scaling out: ``run --workers N`` (local processes), ``run --engine ray`` (a Ray
cluster, Parquet out) and ``attach`` (Parquet into a DuckDB store)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated as Arg

import typer

from newsgraph import job
from newsgraph.cli import DbOption, _fail, _open, app, console
from newsgraph.config import DEFAULT_DB, Settings
from newsgraph.store import Store

ENGINES = ("local", "ray")

WorkersOption = Arg[
    int,
    typer.Option(
        "--workers",
        min=1,
        help="Annotating processes (local engine: the parent alone writes the store; "
        "ray engine: at most this many actors, default one per CPU of the cluster).",
    ),
]
EngineOption = Arg[
    str, typer.Option("--engine", help="local, or ray (writes Parquet to --out; see attach).")
]
AddressOption = Arg[
    str | None,
    typer.Option("--address", help="Ray cluster to join (default: a local Ray instance)."),
]
OutOption = Arg[
    str | None,
    typer.Option("--out", help="Folder or URI the ray engine writes Parquet tables to."),
]


def run_workers(
    inputs: list[str] | None,
    store: Store,
    settings: Settings,
    workers: int,
    reprocess: bool,
    progress: job.Progress,
) -> job.RunSummary:
    from newsgraph.scale import workers as pool

    if inputs:
        return pool.run(inputs, store, settings, workers, reprocess, progress)
    return pool.reprocess_store(store, settings, workers, progress)


def run_on_engine(
    engine: str,
    inputs: list[str] | None,
    out_dir: str | None,
    address: str | None,
    workers: int,
    settings: Settings,
) -> None:
    """``run --engine ray``: annotate on Ray into Parquet (no store is opened)."""
    if engine not in ENGINES:
        raise _fail(f"--engine is one of {', '.join(ENGINES)}, not {engine!r}")
    if not out_dir:
        raise _fail("--engine ray writes Parquet: give --out DIR (then: newsgraph attach DIR)")
    if not inputs:
        raise _fail("--engine ray reads INPUT files (it does not re-annotate a store)")
    try:
        from newsgraph.scale import ray_engine
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise _fail(f"the ray engine needs: pip install 'newsgraph[ray]' ({exc})") from exc
    try:
        actors = workers if workers > 1 else None
        summary = ray_engine.run(inputs, out_dir, settings, address, actors)
    except ImportError as exc:
        raise _fail(f"the ray engine needs: pip install 'newsgraph[ray]' ({exc})") from exc
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    console.print(
        f"read {summary.read}, errors {summary.errors}, skipped {summary.skipped} (not "
        f"articles), {summary.files} Parquet files → "
        f"{out_dir} (next: newsgraph attach {out_dir} --db STORE)",
        highlight=False,
    )
    for sample in summary.error_samples[:10]:
        console.print(f"  [yellow]skipped[/yellow] {sample}")
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def attach(
    folder: Arg[str, typer.Argument(help="Folder (or URI) written by run --engine ray --out.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Load a Parquet run into a DuckDB store and resolve it across articles, so that
    show, stats, search and the API read it."""
    from newsgraph.cli.resolve import report_resolution
    from newsgraph.scale.attach import attach as attach_folder

    if "://" not in folder and not Path(folder).is_dir():
        raise _fail(f"no folder {folder}")
    with _open(db) as store:
        summary = attach_folder(store, folder)
    console.print(
        "attached: " + ", ".join(f"{k} +{v}" for k, v in summary.inserted.items()),
        highlight=False,
    )
    if summary.resolved is not None:
        report_resolution(summary.resolved)
