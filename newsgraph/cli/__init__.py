"""The ``newsgraph`` command line: the app, shared options, and one module per group of
commands (each registers its commands on :data:`app` when imported below).

Exit codes: 0 success; 1 the run finished but some input could not be read or annotated
(each is recorded in the store's ``ingest_errors`` table); 2 a usage error or a store that
cannot be opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated as Arg

import typer
from rich.console import Console

from newsgraph.config import DEFAULT_LANGUAGES, Settings
from newsgraph.ingest.fields import FIELDS
from newsgraph.store import Store, StoreError

app = typer.Typer(
    help="newsgraph: read news, extract who did what to whom, with the evidence.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()

DbOption = Arg[Path, typer.Option("--db", help="DuckDB store file.")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    console.print(f"[red]error:[/red] {message}")
    return typer.Exit(code)


def _open(db: Path, read_only: bool = False) -> Store:
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        raise _fail(str(exc)) from exc


def _settings(languages: str | None, field_map: list[str] | None) -> Settings:
    mapping = {}
    for item in field_map or []:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise _fail(f"--field takes NAME=SOURCE_FIELD, got {item!r}")
        if key not in FIELDS:
            raise _fail(f"--field {item!r}: NAME is one of {', '.join(FIELDS)}")
        mapping[key] = value
    langs = tuple(c.strip() for c in languages.split(",")) if languages else DEFAULT_LANGUAGES
    try:
        return Settings(languages=langs, field_map=mapping)
    except ValueError as exc:  # a limit set from the environment that is not a number
        raise _fail(str(exc)) from exc


from newsgraph.cli import (  # noqa: E402,F401  (they register the commands)
    bench,
    commands,
    digest,
    resolve,
    scale,
    serve,
    train,
    watch,
)
