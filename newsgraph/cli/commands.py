"""Core commands: run, show, stats, export, eval."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated as Arg

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph import job
from newsgraph.cli import DbOption, _fail, _open, _settings, app, console, out
from newsgraph.cli.scale import (
    AddressOption,
    EngineOption,
    OutOption,
    WorkersOption,
    run_on_engine,
    run_workers,
)
from newsgraph.config import DEFAULT_DB, NER_MODEL_ENV
from newsgraph.resolve import crossdoc
from newsgraph.store import StoreError

NerModelOption = Arg[
    Path | None,
    typer.Option(
        "--ner-model",
        help=f"Folder of a trained NER model (newsgraph train ner) merged with the KB; "
        f"default ${NER_MODEL_ENV}.",
    ),
]


@app.command()
def run(
    inputs: Arg[
        list[str] | None,
        typer.Argument(help="Files, directories, globs or - for stdin."),
    ] = None,
    db: DbOption = Path(DEFAULT_DB),
    reprocess: Arg[
        bool, typer.Option(help="Re-annotate articles already stored (all of them if no INPUT).")
    ] = False,
    languages: Arg[
        str | None, typer.Option(help="Comma-separated ISO codes language id may choose from.")
    ] = None,
    field: Arg[
        list[str] | None,
        typer.Option(help="JSONL/CSV field mapping, e.g. --field text=body (repeatable)."),
    ] = None,
    ner_model: NerModelOption = None,
    kb: Arg[
        list[Path] | None,
        typer.Option(
            "--kb",
            help="Your own knowledge-base entries (YAML or JSONL, the schema of "
            "newsgraph/data/kb/README.md), added to the shipped KB (repeatable).",
        ),
    ] = None,
    workers: WorkersOption = 1,
    engine: EngineOption = "local",
    address: AddressOption = None,
    out_dir: OutOption = None,
) -> None:
    """Ingest, clean, detect language, annotate and store articles, then resolve them
    across articles (stories, entities, events)."""
    from newsgraph.cli.resolve import report_resolution

    settings = _settings(languages, field)
    if ner_model:
        settings = settings.with_(ner_model=_model_dir(ner_model))
    if kb:
        settings = settings.with_(kb_files=_kb_files(kb))
    if not inputs and not reprocess:
        raise _fail("give at least one INPUT (or --reprocess to re-annotate the store)")
    if engine != "local":
        run_on_engine(engine, inputs, out_dir, address, workers, settings)
        return
    with (
        _open(db) as store,
        Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TaskProgressColumn(show_speed=True),
            TextColumn("articles"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        ) as bar,
    ):
        task = bar.add_task("annotating", total=None)
        advance = lambda n: bar.advance(task, n)  # noqa: E731
        if workers > 1:
            summary = run_workers(inputs, store, settings, workers, reprocess, advance)
        elif inputs:
            summary = job.run(inputs, store, settings, reprocess, advance)
        else:
            summary = job.reprocess_store(store, settings, advance)
        # Stories, entities and events across articles, for the articles just stored;
        # re-annotated articles change their ids, so their resolution is redone.
        resolved = crossdoc.resolve(store, rebuild=reprocess)
        counts = store.counts()
    rate = summary.articles_per_second
    console.print(
        f"read {summary.read}, stored {summary.stored}, unchanged {summary.unchanged}, "
        f"reprocessed {summary.reprocessed}, errors {summary.errors}, "
        f"skipped {summary.skipped} (not articles) "
        f"in {summary.seconds:.1f}s ({rate:.1f} articles/s) → {db}"
    )
    for err in summary.error_samples[:10]:
        where = err.origin + (f"#{err.record}" if err.record is not None else "")
        console.print(f"  [yellow]skipped[/yellow] {where}: {err.reason}")
    if summary.errors > 10:
        console.print(f"  … {summary.errors - 10} more in the ingest_errors table")
    console.print(
        "store: " + ", ".join(f"{k} {v}" for k, v in counts.items() if v), highlight=False
    )
    report_resolution(resolved)
    if summary.errors:
        raise typer.Exit(1)


@app.command()
def show(
    article_id: Arg[str, typer.Argument(help="Article id (or a unique prefix, or source id).")],
    db: DbOption = Path(DEFAULT_DB),
    as_json: Arg[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a stored article: its zones, sentences and the facts found in it."""
    with _open(db, read_only=True) as store:
        art = store.article(article_id)
    if art is None:
        raise _fail(f"no single article matches {article_id!r}", 1)
    if as_json:
        out.print_json(json.dumps(art, default=str, ensure_ascii=False))
        return
    from newsgraph.serve.text import render_article

    out.print(render_article(art), highlight=False)


@app.command()
def stats(
    db: DbOption = Path(DEFAULT_DB),
    as_json: Arg[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts of everything in the store, by table and by language."""
    with _open(db, read_only=True) as store:
        counts = store.counts()
        langs = store.rows(
            "SELECT coalesce(language, '?') AS language, count(*) AS n FROM articles "
            "GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        spans = store.rows("SELECT kind, count(*) AS n FROM spans GROUP BY 1 ORDER BY 2 DESC, 1")
    if as_json:
        out.print_json(json.dumps({"tables": counts, "languages": langs, "spans": spans}))
        return
    table = Table("table", "rows")
    for name, n in counts.items():
        table.add_row(name, str(n))
    out.print(table)
    out.print("languages: " + ", ".join(f"{r['language']} {r['n']}" for r in langs))
    out.print("spans: " + ", ".join(f"{r['kind']} {r['n']}" for r in spans))


@app.command()
def export(
    fmt: Arg[
        str,
        typer.Option(
            "--format",
            help="jsonl, csv or parquet (every table), plover (PLOVER JSONL events) or gdelt "
            "(GDELT-style event CSV).",
        ),
    ] = "jsonl",
    out_dir: Arg[Path, typer.Option("--out", help="Folder to write the files to.")] = Path(
        "export"
    ),
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Export every table of the store, or its events in an event-data format."""
    from newsgraph.export import EVENT_FORMATS, write_events

    with _open(db, read_only=True) as store:
        try:
            if fmt in EVENT_FORMATS:
                files = [write_events(store, fmt, out_dir)[0]]
            else:
                files = store.export(fmt, out_dir)
        except StoreError as exc:
            raise _fail(f"{exc}, or an event format: {', '.join(EVENT_FORMATS)}") from exc
    for f in files:
        out.print(str(f), soft_wrap=True, highlight=False, markup=False)


@app.command("eval")
def evaluate(
    gold: Arg[Path, typer.Argument(help="Gold file (see the gold formats in the docs).")],
    fmt: Arg[
        str | None,
        typer.Option(
            "--format", help="newsgold, conll, plover-gsr or clusters (default: guessed)."
        ),
    ] = None,
    as_json: Arg[bool, typer.Option("--json", help="Print the JSON report.")] = False,
    ner_model: NerModelOption = None,
) -> None:
    """Score the pipeline against a gold file: precision, recall and F1 per layer."""
    from newsgraph.eval import EvalError, evaluate_file, format_report

    if ner_model:
        # Every evaluator builds its pipeline from Settings(), which reads this variable.
        os.environ[NER_MODEL_ENV] = _model_dir(ner_model)
    try:
        report = evaluate_file(gold, fmt)
    except EvalError as exc:
        raise _fail(str(exc)) from exc
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        out.print(format_report(report), highlight=False)


def _model_dir(path: Path) -> str:
    if not (path / "meta.json").is_file():
        raise _fail(f"{path} is not a trained model folder (see: newsgraph train ner)")
    return str(path.resolve())


def _kb_files(paths: list[Path]) -> tuple[str, ...]:
    """The user's KB files, checked now so a mistake is reported before the run starts."""
    from newsgraph import kb

    files = tuple(str(p.resolve()) for p in paths)
    try:
        kb.load(files)
    except kb.KBError as exc:
        raise _fail(f"--kb: {exc}") from exc
    return files
