"""Cross-document commands: resolve, entity, timeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated as Arg
from typing import Any

import typer
from rich.table import Table

from newsgraph.cli import DbOption, _fail, _open, app, console, out
from newsgraph.config import DEFAULT_DB
from newsgraph.resolve import crossdoc
from newsgraph.resolve import timeline as tl
from newsgraph.store import Store

JsonOption = Arg[bool, typer.Option("--json", help="Print JSON.")]


def report_resolution(summary: crossdoc.ResolveSummary) -> None:
    """One line on what the cross-document step did (shared with ``run``)."""
    st = summary.stories
    console.print(
        f"resolved {summary.articles} new articles: stories {st.stories} "
        f"(+{st.new_stories}), near-duplicates +{st.duplicates}, entities {summary.entities} "
        f"({summary.merged_entities} in more than one article), events {summary.events} "
        f"({summary.events_reported_twice} reported by more than one article)",
        highlight=False,
    )


@app.command()
def resolve(
    db: DbOption = Path(DEFAULT_DB),
    rebuild: Arg[
        bool,
        typer.Option(
            help="Forget earlier entity and event resolution and redo it all "
            "(after articles were re-annotated)."
        ),
    ] = False,
) -> None:
    """Group stored articles into stories, and their entities and events across articles
    (only articles not resolved yet, unless --rebuild)."""
    with _open(db) as store:
        summary = crossdoc.resolve(store, rebuild=rebuild)
    report_resolution(summary)


def _card(store: Store, name: str) -> dict[str, Any]:
    try:
        return tl.entity_card(store, name)
    except tl.UnknownActor as exc:
        raise _fail(str(exc), 1) from exc


@app.command()
def entity(
    name: Arg[str, typer.Argument(help="Entity name, alias or id.")],
    db: DbOption = Path(DEFAULT_DB),
    as_json: JsonOption = False,
) -> None:
    """An entity across articles: aliases, roles over time, relations and quotations."""
    with _open(db, read_only=True) as store:
        card = _card(store, name)
    if as_json:
        out.print_json(json.dumps(card, default=str, ensure_ascii=False))
        return
    out.print(
        f"[bold]{card['name']}[/bold] ({card['type']}"
        + (f", {card['country']}" if card["country"] else "")
        + f") {card['id']}: {card['mentions']} mentions in {card['articles']} articles, "
        f"{card['first_seen'] or '?'} – {card['last_seen'] or '?'}"
    )
    out.print("aliases: " + ", ".join(f"{a} ({n})" for a, n in card["aliases"].items()))
    for role in card["roles"]:
        where = " ".join(filter(None, [role.get("country"), role.get("org")]))
        out.print(
            f"role: {role['role']}{f' ({where})' if where else ''}, "
            f"{role['first'] or '?'} – {role['last'] or '?'}, {role['mentions']} mentions"
        )
    if card["relations"]:
        table = Table("with", "events", *(q.replace("_", " ") for q in tl.QUADS.values()))
        for r in card["relations"]:
            table.add_row(r["name"], str(r["events"]), *(str(r[q]) for q in tl.QUADS.values()))
        out.print(table)
    for q in card["quotes"]:
        out.print(f"“{q['text']}” — {q['speaker_text']} ({q['published'] or q['article_id']})")


@app.command("timeline")
def timeline_command(
    actor: Arg[str, typer.Argument(help="Actor name, alias or id.")],
    other: Arg[str | None, typer.Argument(help="A second actor: the events of the pair.")] = None,
    db: DbOption = Path(DEFAULT_DB),
    since: Arg[str | None, typer.Option(help="From this date (YYYY[-MM[-DD]]).")] = None,
    until: Arg[str | None, typer.Option(help="Up to this date.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Dated events of an actor or a pair, with modality and evidence, and counts per
    PLOVER quad class per month (the cooperation/conflict curve)."""
    with _open(db, read_only=True) as store:
        try:
            events = tl.timeline(store, actor, other, since=since, until=until)
            months = tl.monthly(store, actor, other)
        except tl.UnknownActor as exc:
            raise _fail(str(exc), 1) from exc
    if as_json:
        out.print_json(
            json.dumps({"events": events, "months": months}, default=str, ensure_ascii=False)
        )
        return
    for e in events:
        when = e["date"] or f"(reported {e['first_reported'] or '?'})"
        via = ""
        if e["date_source"] and any(ev["date_from"] for ev in e["evidence"]):
            via = f" [date from {e['date_source']['article']}]"
        modal = ", ".join(e["modalities"])
        out.print(
            f"[bold]{when}[/bold]{via} {e['type']} {' + '.join(e['actors'])}"
            + (f" → {' + '.join(e['recipients'])}" if e["recipients"] else "")
            + (f" @ {e['location']}" if e["location"] else "")
            + f" ({modal}; {e['mentions']} mentions, {e['articles']} articles)",
            highlight=False,
        )
        for ev in e["evidence"][:3]:
            out.print(
                f"    {ev['article_id']}: {(ev['sentence_text'] or '').strip()[:160]}",
                highlight=False,
            )
    if months:
        table = Table("month", *(q.replace("_", " ") for q in tl.QUADS.values()), "cooperation")
        for m in months:
            table.add_row(
                m["month"], *(str(m[q]) for q in tl.QUADS.values()), f"{m['cooperation']:+.2f}"
            )
        out.print(table)
