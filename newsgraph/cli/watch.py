"""Watchlist commands: add, remove and list entries of a watch file, and check a store
for what matched since the last check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated as Arg

import typer

from newsgraph.cli import DbOption, _fail, _open, app, console
from newsgraph.config import DEFAULT_DB
from newsgraph.serve.watch import WatchError, Watchlist, check, resolve

watch_app = typer.Typer(
    help="Watchlists of actors, pairs and PLOVER event types (a YAML or JSON file).",
    no_args_is_help=True,
)
app.add_typer(watch_app, name="watch")

FileOption = Arg[Path, typer.Option("--file", "-f", help="Watch file (.yaml, or .json).")]
ActorOption = Arg[list[str] | None, typer.Option("--actor", help="Entity id or name (repeatable).")]
PairOption = Arg[
    list[str] | None,
    typer.Option("--pair", help="Two actors separated by a comma: 'Russia,Iran' (repeatable)."),
]
TypeOption = Arg[list[str] | None, typer.Option("--type", help="PLOVER event type (repeatable).")]


def _pairs(values: list[str] | None) -> list[tuple[str, str]]:
    pairs = []
    for value in values or []:
        a, sep, b = value.partition(",")
        if not sep or not a.strip() or not b.strip() or "," in b:
            raise _fail(f"--pair takes two actors separated by a comma, got {value!r}")
        pairs.append((a.strip(), b.strip()))
    return pairs


def _load(path: Path, missing_ok: bool = False) -> Watchlist:
    try:
        return Watchlist.load(path, missing_ok=missing_ok)
    except WatchError as exc:
        raise _fail(str(exc)) from exc


@watch_app.command("add")
def add(
    file: FileOption,
    actor: ActorOption = None,
    pair: PairOption = None,
    event_type: TypeOption = None,
    name: Arg[str | None, typer.Option(help="Name of the watchlist.")] = None,
) -> None:
    """Add actors, pairs or event types (the file is created if missing)."""
    wl = _load(file, missing_ok=True)
    try:
        added = wl.add(actor or [], _pairs(pair), event_type or [])
    except WatchError as exc:
        raise _fail(str(exc)) from exc
    if name:
        wl.name = name
    wl.save(file)
    console.print(f"added {added} to {file}")


@watch_app.command("remove")
def remove(
    file: FileOption,
    actor: ActorOption = None,
    pair: PairOption = None,
    event_type: TypeOption = None,
) -> None:
    """Remove actors, pairs (either order) or event types."""
    wl = _load(file)
    removed = wl.remove(actor or [], _pairs(pair), event_type or [])
    wl.save(file)
    console.print(f"removed {removed} from {file}")
    if not removed:
        raise typer.Exit(1)


@watch_app.command("list")
def list_(
    file: FileOption,
    db: Arg[
        Path | None, typer.Option("--db", help="Store to resolve names against (optional).")
    ] = None,
) -> None:
    """Show the watchlist; with --db, the entities each name stands for."""
    wl = _load(file)
    resolved = None
    if db is not None:
        with _open(db, read_only=True) as store:
            resolved = resolve(store, wl)

    terms = resolved.terms if resolved else {}

    def ids(term: str) -> str:
        if resolved is None:
            return ""
        return "  → " + (", ".join(sorted(terms.get(term, ()))) or "(no entity)")

    typer.echo(f"watchlist {wl.key}")
    for a in wl.actors:
        typer.echo(f"actor  {a}{ids(a)}")
    for a, b in wl.pairs:
        typer.echo(f"pair   {a}{ids(a)} | {b}{ids(b)}")
    for t in wl.event_types:
        typer.echo(f"type   {t}")


@watch_app.command("check")
def check_(
    file: FileOption,
    db: DbOption = Path(DEFAULT_DB),
    as_json: Arg[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Report the events and quotations that match the watchlist and were not reported by
    an earlier check (the store remembers what it reported)."""
    wl = _load(file)
    if wl.empty:
        raise _fail(f"{file} watches nothing; add entries with `newsgraph watch add`")
    with _open(db) as store:
        result = check(store, wl)
    if as_json:
        data = {
            "watchlist": result.key,
            "last_run": result.last_run,
            "unresolved": result.unresolved,
            "events": [e.__dict__ for e in result.events],
            "quotes": [
                {k: q[k] for k in ("id", "text", "speaker", "speaker_label", "article_id")}
                | {"day": str(q["day"])}
                for q in result.quotes
            ],
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    since = f"since {result.last_run}" if result.last_run else "(first check)"
    typer.echo(f"{len(result.events)} new events, {len(result.quotes)} new quotations {since}")
    for name in result.unresolved:
        console.print(f"not found in the store: {name}", markup=False)
    for e in result.events:
        typer.echo(f"  {e.line()}  [{'; '.join(e.reasons)}]  {e.article_id}")
    for q in result.quotes:
        typer.echo(f"  {q['speaker_label']}: «{q['text']}»  {q['article_id']}")
