"""A bounded load test of ``newsgraph serve``: entity and event queries against a store
with at least 100k events, for a fixed time, at a fixed concurrency.

The store is synthetic but shaped like a real one (built once, then reused): articles
with sentences, entity mentions and PLOVER events whose actors and recipients are drawn
from a few thousand entities (countries, people, organizations; a few are mentioned
very often, most rarely, as in news), dated over two years, in Italian and English. It
is written through ``Store.write_batch``, the path ``newsgraph run`` takes. The server is
the real ``newsgraph serve`` (``--workers`` processes) in a subprocess on 127.0.0.1; the
clients are processes running asyncio clients that speak plain HTTP/1.1, each with
``--concurrency`` requests in flight, cycling through a mix of entity queries (search by
name, one entity) and event queries (by participant, by type and dates, by actor). Every
request must answer 200.

Printed: requests per second overall, and per kind p50/p95/p99 latency, and the server's
CPU time per request (on Linux), which other processes sharing the cores do not change as
they change the throughput. The exit status is 1 when the target (``--min-rps``,
``--max-p99-ms``) is missed or a request failed.

Usage: python scripts/load_test.py [--db load.duckdb] [--events 100000] [--seconds 20]
       [--clients 2] [--concurrency 16]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing
import os
import random
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from newsgraph.model import (
    Annotated,
    Article,
    Entity,
    Event,
    Mention,
    Sentence,
    Span,
    article_id_for,
    stable_id,
)
from newsgraph.store import Store

EVENTS_PER_ARTICLE = 4
BATCH = 1000
#: Exponent of the entities' Zipf-like popularity.
ZIPF = 0.9
TYPES = {  # PLOVER type: (quad class, Italian trigger)
    "AGREE": (1, "ha concordato con"),
    "CONSULT": (1, "ha incontrato"),
    "SUPPORT": (1, "ha sostenuto"),
    "COOPERATE": (1, "ha collaborato con"),
    "AID": (2, "ha inviato aiuti a"),
    "DEMAND": (3, "ha chiesto a"),
    "ACCUSE": (3, "ha accusato"),
    "REJECT": (3, "ha respinto"),
    "THREATEN": (3, "ha minacciato"),
    "PROTEST": (3, "ha protestato contro"),
    "SANCTION": (3, "ha sanzionato"),
    "MOBILIZE": (4, "ha mobilitato contro"),
    "COERCE": (4, "ha arrestato"),
    "ASSAULT": (4, "ha attaccato"),
}
COUNTRIES = ["IT", "FR", "DE", "ES", "US", "RU", "UA", "CN", "TR", "IL", "IR", "EG", "GB", "PL"]
FIRST = ["Marco", "Giulia", "Luca", "Anna", "Paolo", "Sara", "John", "Maria", "Ahmed", "Olga"]
LAST = ["Rossi", "Bianchi", "Smith", "Ivanova", "Haddad", "Kowalski", "Moreau", "Schmidt"]
ORGS = ["Ministero", "Partito", "Agenzia", "Consiglio", "Banca", "Fondazione", "Unione"]


def _entities(rng: random.Random, count: int) -> list[Entity]:
    out = [
        Entity(id=f"country/{c}", name=c, type="COUNTRY", code=c, aliases=[c.lower()])
        for c in COUNTRIES
    ]
    while len(out) < count:
        n = len(out)
        country = rng.choice(COUNTRIES)
        if n % 3:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}"
            kind = "PERSON"
        else:
            name = f"{rng.choice(ORGS)} {rng.choice(LAST)} {n}"
            kind = "ORGANIZATION"
        out.append(
            Entity(
                id=f"ent/{stable_id(name)}",
                name=name,
                type=kind,
                country=country,
                aliases=[name.lower()],
                attrs={"kb": False},
            )
        )
    return out


def _article(
    number: int, rng: random.Random, entities: list[Entity], weights: list[float]
) -> Annotated:
    """One article: a title and EVENTS_PER_ARTICLE sentences, each an event between two
    entities drawn Zipf-like (the most named one is in about one event in ten)."""
    day = f"20{23 + number % 2}-{1 + number % 12:02d}-{1 + number % 28:02d}"
    language = "it" if number % 4 else "en"
    lines = [f"Notizia {number}"]
    picks = []
    for _ in range(EVENTS_PER_ARTICLE):
        actor, recipient = rng.choices(entities, cum_weights=weights, k=2)
        kind = rng.choice(list(TYPES))
        picks.append((actor, recipient, kind))
        lines.append(f"{actor.name} {TYPES[kind][1]} {recipient.name} il {day}.")
    text = "\n".join(lines)
    aid = article_id_for(text)
    article = Article(
        id=aid,
        text=text,
        raw=text,
        origin="load-test",
        record=number,
        format="jsonl",
        title=lines[0],
        published=day,
        language=language,
        source=f"Fonte {number % 40}",
    )
    done = Annotated(article=article)
    offset = 0
    for index, line in enumerate(lines):
        start, end = offset, offset + len(line)
        offset = end + 1
        done.spans.append(
            Span(
                id=stable_id(aid, "zone", start),
                article_id=aid,
                kind="title" if index == 0 else "body",
                start=start,
                end=end,
                text=line,
            )
        )
        if index == 0:
            continue
        sentence = index - 1
        done.sentences.append(
            Sentence(
                id=stable_id(aid, "s", sentence),
                article_id=aid,
                index=sentence,
                start=start,
                end=end,
                text=line,
                language=language,
            )
        )
        actor, recipient, kind = picks[sentence]
        trigger = TYPES[kind][1]
        cut = start + len(actor.name)
        for who, at in ((actor, start), (recipient, cut + 1 + len(trigger) + 1)):
            done.mentions.append(
                Mention(
                    id=stable_id(aid, "m", at),
                    article_id=aid,
                    sentence=sentence,
                    start=at,
                    end=at + len(who.name),
                    text=who.name,
                    type=who.type,
                    entity_id=who.id,
                    rule="load-test",
                )
            )
        done.events.append(
            Event(
                id=stable_id(aid, "e", sentence),
                article_id=aid,
                sentence=sentence,
                start=cut + 1,
                end=cut + 1 + len(trigger),
                type=kind,
                trigger=trigger,
                actors=[actor.id],
                recipients=[recipient.id],
                date=day,
                date_granularity="day",
                rule="load-test",
                confidence=0.9,
                attrs={"quad_class": TYPES[kind][0]},
            )
        )
        done.entities.extend((actor, recipient))
    return done


def build(db: Path, events: int, seed: int) -> None:
    rng = random.Random(seed)
    entities = _entities(rng, max(200, events // 40))
    weights = list(itertools.accumulate(1 / (rank + 1) ** ZIPF for rank in range(len(entities))))
    articles = -(-events // EVENTS_PER_ARTICLE)
    with Store(db) as store:
        for first in range(0, articles, BATCH):
            batch = [
                _article(n, rng, entities, weights)
                for n in range(first, min(articles, first + BATCH))
            ]
            store.write_batch(batch, [], "load-test")
        print(
            f"built {db}: {store.counts()['events']} events, "
            f"{store.counts()['articles']} articles, {len(entities)} entities",
            flush=True,
        )


def _targets(db: Path, seed: int, count: int = 400) -> list[tuple[str, str]]:
    """(kind, path) requests, from the store's own entities, types and dates."""
    rng = random.Random(seed)
    with Store(db, read_only=True) as store:
        busy = [
            r["entity_id"]
            for r in store.rows(
                "SELECT entity_id, count(*) AS n FROM mentions GROUP BY 1 ORDER BY n DESC LIMIT 200"
            )
        ]
        names = [r["name"] for r in store.rows("SELECT name FROM entities USING SAMPLE 200 ROWS")]
    out = []
    for _ in range(count):
        who = rng.choice(busy)
        name = rng.choice(names).split()[0 if rng.random() < 0.5 else -1]
        month = f"2024-{rng.randint(1, 12):02d}"
        out += [
            ("entity search", f"/api/entities?q={name}&limit=20"),
            ("entity", f"/api/entities/{who}"),
            ("events by participant", f"/api/events?participant={who}&limit=20"),
            (
                "events by type and date",
                f"/api/events?type={rng.choice(list(TYPES))}"
                f"&date_from={month}-01&date_to={month}-28&limit=20",
            ),
            ("events by actor", f"/api/events?actor={who}&quad_class=4&limit=20"),
        ]
    rng.shuffle(out)
    return out


async def _get(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str
) -> bool:
    """One GET on a kept-alive connection; True when it answered 200 with its whole body.

    A plain HTTP/1.1 exchange over asyncio streams, as load generators such as wrk do: a
    full client library costs more CPU per request than the server under test, and on a
    machine the two share it would be the client that is measured."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    found = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    if found is None:
        raise ConnectionError("response without a Content-Length")
    await reader.readexactly(int(found.group(1)))
    return status == 200


async def _drive(
    base: str, targets: list[tuple[str, str]], seconds: float, concurrency: int, start: int
) -> tuple[dict[str, list[float]], dict[str, int]]:
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    deadline = time.monotonic() + seconds
    host, port = base.removeprefix("http://").rsplit(":", 1)

    async def worker(offset: int) -> None:
        i = offset
        connection = None
        while time.monotonic() < deadline:
            kind, path = targets[i % len(targets)]
            i += concurrency
            began = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.open_connection(host, int(port))
                ok = await _get(*connection, host, path)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                ok, connection = False, None
            latencies[kind].append(time.perf_counter() - began)
            if not ok:
                failures[kind] += 1
        if connection is not None:
            connection[1].close()

    await asyncio.gather(*(worker(start + k) for k in range(concurrency)))
    return dict(latencies), dict(failures)


def _client(
    args: tuple[str, list[tuple[str, str]], float, int, int],
) -> tuple[dict, dict, float]:
    """One client process's latencies and failures, and the CPU seconds it used."""
    began = time.process_time()
    latencies, failures = asyncio.run(_drive(*args))
    return latencies, failures, time.process_time() - began


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time so far of a process and its descendants (the workers of
    ``serve --workers``); None where /proc is missing."""
    stats = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    if pid not in stats:
        return None
    family, ticks = {pid}, 0
    for _ in range(4):  # serve, its workers, their helper processes
        family |= {p for p, (parent, _t) in stats.items() if parent in family}
    ticks = sum(stats[p][1] for p in family)
    return ticks / os.sysconf("SC_CLK_TCK")


def _serve(db: Path, workers: int) -> tuple[subprocess.Popen[str], str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSGRAPH_READ_TOKEN",)}
    command = [
        sys.executable,
        "-c",
        "from newsgraph.cli import app; app()",
        "serve",
        "--db",
        str(db),
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--workers",
        str(workers),
    ]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert server.stdout is not None
    line = server.stdout.readline()
    found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not found:
        server.kill()
        raise SystemExit(f"newsgraph serve did not start: {line!r}")
    return server, f"http://127.0.0.1:{found.group(1)}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("load-test.duckdb"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=2, help="client processes")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight each")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds not measured")
    parser.add_argument("--min-rps", type=float, default=500.0)
    parser.add_argument("--max-p99-ms", type=float, default=200.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    args = parser.parse_args()

    if not args.db.exists():
        build(args.db, args.events, args.seed)
    with Store(args.db, read_only=True) as store:
        stored = store.counts()["events"]
    if stored < args.events:
        raise SystemExit(f"{args.db} holds {stored} events, fewer than {args.events}")
    targets = _targets(args.db, args.seed)
    server, base = _serve(args.db, args.workers)
    try:
        if args.warmup:
            _client((base, targets, args.warmup, args.concurrency, 0))
        jobs = [
            (base, targets, args.seconds, args.concurrency, k * 7919) for k in range(args.clients)
        ]
        cpu_before = _cpu_seconds(server.pid)
        with multiprocessing.get_context("spawn").Pool(args.clients) as pool:
            results = pool.map(_client, jobs)
        cpu_after = _cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    latencies: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    client_cpu = sum(cpu for _, _, cpu in results)
    for lat, fail, _ in results:
        for kind, values in lat.items():
            latencies[kind] += values
        for kind, n in fail.items():
            failures[kind] += n
    every = [v for values in latencies.values() for v in values]
    rps = len(every) / args.seconds
    print(
        f"store: {stored} events; {args.clients} clients x {args.concurrency} in flight, "
        f"{args.seconds:g} s"
    )
    print(f"{'kind':<26}{'requests':>9}{'failed':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for kind, values in sorted(latencies.items()):
        print(
            f"{kind:<26}{len(values):>9}{failures.get(kind, 0):>8}"
            f"{_percentile(values, 0.5):>9.1f}{_percentile(values, 0.95):>9.1f}"
            f"{_percentile(values, 0.99):>9.1f}"
        )
    p99 = _percentile(every, 0.99)
    print(
        f"{'all':<26}{len(every):>9}{sum(failures.values()):>8}"
        f"{_percentile(every, 0.5):>9.1f}{_percentile(every, 0.95):>9.1f}{p99:>9.1f}"
    )
    if cpu_before is not None and cpu_after is not None and every:
        print(
            f"server CPU: {(cpu_after - cpu_before) * 1000 / len(every):.1f} ms per request; "
            f"load clients: {client_cpu * 1000 / len(every):.1f} ms"
        )
    print(
        f"throughput: {rps:.0f} requests/s (target >= {args.min_rps:g}); "
        f"p99 {p99:.1f} ms (target < {args.max_p99_ms:g})"
    )
    met = rps >= args.min_rps and p99 < args.max_p99_ms and not failures
    print("target met" if met else "target missed")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
