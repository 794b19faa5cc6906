"""The daily digest command: HTML, Markdown and e-mail files for one day."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated as Arg

import typer

from newsgraph.cli import DbOption, _fail, _open, app
from newsgraph.config import DEFAULT_DB
from newsgraph.serve import digest as digest_mod
from newsgraph.serve.watch import WatchError, Watchlist


def _day(value: str | None) -> date:
    if value is None:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _fail(f"--date takes YYYY-MM-DD, got {value!r}") from exc


@app.command()
def digest(
    day: Arg[
        str | None,
        typer.Option("--date", help="The day, YYYY-MM-DD (default: today, UTC)."),
    ] = None,
    watch: Arg[
        Path | None,
        typer.Option("--watch", help="Watch file (see: newsgraph watch) for the events section."),
    ] = None,
    out_dir: Arg[Path, typer.Option("--out", help="Folder for the digest files.")] = Path("digest"),
    db: DbOption = Path(DEFAULT_DB),
    sender: Arg[str, typer.Option("--from", help="From: of the e-mail.")] = (
        digest_mod.DEFAULT_SENDER
    ),
    to: Arg[list[str] | None, typer.Option("--to", help="To: of the e-mail (repeatable).")] = None,
    stories: Arg[int, typer.Option(help="Most stories to list.", min=1)] = 10,
    events: Arg[int, typer.Option(help="Most events to list.", min=1)] = 40,
    quotes: Arg[int, typer.Option(help="Most quotations to list.", min=1)] = 20,
) -> None:
    """Write the day's digest (top stories, watched events, quotations) as HTML,
    Markdown and an .eml message."""
    the_day = _day(day)
    try:
        watchlist = Watchlist.load(watch) if watch else None
    except WatchError as exc:
        raise _fail(str(exc)) from exc
    limits = digest_mod.Limits(stories=stories, events=events, quotes=quotes)
    with _open(db, read_only=True) as store:
        built = digest_mod.build(store, the_day, watchlist, limits)
    for path in digest_mod.write(built, out_dir, sender, to):
        typer.echo(str(path))
