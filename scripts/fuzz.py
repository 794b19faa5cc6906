"""Fuzz every reader and annotator with generated and mutated inputs, and count failures.

Seeds are real inputs (``../shared/seeds``, ``examples/demo``, a few lines of the corpus
JSONL) and small files synthesized from their text in every format newsgraph reads: RSS,
Atom, JSON Lines, JSON, CSV, TSV, HTML, Markdown, WARC, gzip. Each input is a seed put
through one to four mutations (bit flips, format tokens such as ``<![CDATA[`` or
``Content-Length: 99999999``, cut, spliced, duplicated, recompressed) or, one time in ten,
generated from scratch. The targets:

* ``read``: the file through :func:`newsgraph.ingest.read` with small limits, so that the
  limit paths are hit too;
* ``clean``: the text (mutated at the character level) through :func:`newsgraph.clean.mark`;
* ``annotate``: one article in ``--annotate-every`` (from the reader, or a mutated text)
  through :meth:`newsgraph.pipeline.Pipeline.process`, the spaCy components included, and
  every tenth result written to an in-memory store.

Every outcome is counted: an input the system turned into articles or recorded errors is
fine; an exception that escapes a target is *uncaught*; a target still busy after
``--hang-seconds`` is a *hang*; an error recorded by a last-resort handler (a reader's
"malformed file" that names a Python exception, an annotator failure) is a *caught bug*;
a record whose offsets do not point at its text is an *invariant* failure. Failing inputs
are saved under ``--out`` for reproduction. The exit status is 1 when any uncaught
exception, hang or invariant failure was seen.

Usage: python scripts/fuzz.py [--inputs 100000] [--seed 1] [--annotate-every 25]
       [--hang-seconds 20] [--out /tmp/newsgraph-fuzz]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph import clean, ingest
from newsgraph.config import Limits, Settings
from newsgraph.guard import TimeLimitExceeded, time_limit
from newsgraph.ingest.dates import normalize_date
from newsgraph.ingest.errors import MALFORMED_FILE, REASONS
from newsgraph.model import Annotated, Article, IngestError, article_id_for
from newsgraph.pipeline import Pipeline
from newsgraph.store import Store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
MAX_INPUT = 16 * 1024
#: Small limits, so that fuzzed inputs reach every limit's code path.
LIMITS = Limits(
    max_file_bytes=12 * 1024,
    max_article_chars=8000,
    max_records_per_file=40,
    max_line_bytes=6 * 1024,
    max_json_depth=40,
    max_html_depth=60,
    doc_seconds=0,
)
#: A last-resort handler's detail: ``TypeError: …``, the exception a parser let out.
_INTERNAL = re.compile(r"^[A-Z]\w*: ")

TOKENS = [
    *(b"<", b">", b"</p>", b"<p>", b"<div>", b"<![CDATA[", b"]]>", b"&#0;", b"&#xD800;"),
    *(b"&amp;", b"&", b"<!--", b"-->", b"<?xml", b"<item>", b"</item>", b"<entry>"),
    *(b"<figure><figcaption>Foto ANSA</figcaption></figure>", b"<script>", b"<br/>"),
    *(b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc3", b"\xe2\x80\xa8", b"\x1b"),
    *(b'"', b"\\", b"\\u", b"\\ud800", b"{", b"}", b"[", b"]", b",", b";", b"\t", b"|"),
    *(b"\r", b"\n", b"\r\n", b"\n\n", b"---\n", b"# ", b"> ", b"* ", b"```"),
    *(b"WARC/1.0\r\n", b"Content-Length: 99999999\r\n", b"Content-Length: -1\r\n"),
    *(b"HTTP/1.1 200 OK\r\n", b"Content-Type: text/html\r\n", b"\r\n\r\n"),
    *(b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"%PDF-1.4"),
    "«".encode(),
    "»".encode(),
    "“".encode(),
    "”".encode(),
    "\u202e".encode(),
    "\u0301".encode(),
    *(b"1e999", b"-0", b"99999999999999999999", b"null", b"true", b"NaN"),
    *(b"2024-02-30", b"31/12/1999", b"ieri", b"lunedi 3 marzo", b"Mr.", b"Dott."),
    b"[" * 80,
    b'{"a":' * 50,
    b"<div>" * 90,
]

CHARS = [
    *"«»“”\"'’‹›„",
    *"\u00a0\u2009\u200b\u200d\u2028\u2029\ufeff\u202e\u0301\u0000\x0b\x0c\x1c",
    *"ÀÉÌÒÙàèéìòùßÆØ",
    *"ЖДИبلا中文한🙂",
    *".,;:!?-—–()[]{}<>/\\|#@&%$€",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
]
WORDS = [
    *("Roma", "Milano", "Kiev", "Mosca", "Washington", "Ankara", "ONU", "NATO", "Ue"),
    *("Mattarella", "Meloni", "Erdogan", "Putin", "Biden", "Zelensky", "il", "la", "di"),
    *("ha detto", "ha dichiarato", "ha condannato", "ha incontrato", "ha attaccato"),
    *("sanzioni", "vertice", "accordo", "protesta", "arrestato", "ieri", "oggi", "domani"),
    *("lunedì", "12 marzo 2024", "alle 10.30", "Foto ANSA", "© Riproduzione riservata"),
    *("said", "the", "President", "Minister", "on Monday", "according to", "(Reuters)"),
    *("Iscriviti alla newsletter", "Leggi anche", "Condividi", "Cookie"),
]


# -- seeds ---------------------------------------------------------------------------------
def _texts() -> list[str]:
    """Real article texts, kept short so that each input is cheap."""
    texts = []
    for folder in (SHARED / "seeds", REPO / "examples" / "demo"):
        for path in sorted(folder.glob("*")) if folder.is_dir() else ():
            texts.append(path.read_text(encoding="utf-8", errors="replace")[:3000])
    corpus = SHARED / "corpus" / "dice_it.jsonl"
    if corpus.is_file():
        with corpus.open(encoding="utf-8") as fh:
            for _, line in zip(range(12), fh, strict=False):
                texts.append(str(json.loads(line).get("text", ""))[:2000])
    return [t for t in texts if t.strip()] or ["Il presidente ha incontrato il ministro a Roma."]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{_esc(p)}</p>" for p in body.split("\n") if p.strip())
    return (
        f'<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>{_esc(title)}'
        '</title><meta property="article:published_time" content="2024-03-12T08:00:00+01:00">'
        '</head><body><nav><a href="/">Home</a></nav><article><h1>'
        f"{_esc(title)}</h1><figure><img src=a.jpg><figcaption>Il vertice (Foto ANSA)"
        f"</figcaption></figure>{paragraphs}</article><footer>© 2024</footer></body></html>"
    )


def _warc(pages: list[tuple[str, str]], compress: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "fuzz"}))
    for url, html in pages:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(html.encode()), http_headers=headers
        )
        writer.write_record(record)
    return out.getvalue()


def seeds(texts: list[str]) -> list[tuple[str, bytes]]:
    """(file name, content) of small real and synthesized inputs in every format."""
    out: list[tuple[str, bytes]] = []
    for i, text in enumerate(texts):
        title, _, body = text.strip().partition("\n")
        short = body[:900] or title
        out.append((f"t{i}.txt", text.encode()))
        out.append(
            (
                f"m{i}.md",
                f"---\ntitle: {title}\ndate: 2024-03-12\n---\n# {title}\n\n"
                f"{short}\n\n> una citazione\n".encode(),
            )
        )
        out.append((f"h{i}.html", _html(title, short).encode()))
        records = [
            {
                "id": f"r{i}-{k}",
                "title": title,
                "text": short[k * 200 :] or title,
                "published": "2024-03-12T10:00:00Z",
                "language": "it",
            }
            for k in range(3)
        ]
        lines = "".join(json.dumps(r) + "\n" for r in records).encode()
        out.append((f"j{i}.jsonl", lines))
        out.append((f"g{i}.jsonl.gz", gzip.compress(lines)))
        out.append((f"a{i}.json", json.dumps(records, ensure_ascii=False).encode()))
        rows = "".join(
            f'"{r["title"]}";"{r["text"].replace(chr(34), chr(34) * 2)}";2024-03-12\n'
            for r in records
        )
        out.append((f"c{i}.csv", ("title;text;published\n" + rows).encode()))
        tsv = "".join(f"{r['title']}\t{' '.join(r['text'].split())}\n" for r in records)
        out.append((f"s{i}.tsv", ("title\ttext\n" + tsv).encode()))
        items = "".join(
            f"<item><title>{_esc(title)}</title><link>https://ex.example/{i}/{k}</link>"
            f"<pubDate>Tue, 12 Mar 2024 10:00:00 +0100</pubDate><description>"
            f"{_esc(r['text'][:600])}</description></item>"
            for k, r in enumerate(records)
        )
        out.append(
            (
                f"f{i}.rss",
                (
                    '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    f"<title>Esteri</title><language>it</language>{items}</channel></rss>"
                ).encode(),
            )
        )
        out.append(
            (
                f"e{i}.xml",
                (
                    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    f"<title>Agenzia</title><entry><title>{_esc(title)}</title><id>urn:{i}</id>"
                    f'<updated>2024-03-12T10:00:00Z</updated><content type="html">'
                    f"{_esc(_html(title, short))}</content></entry></feed>"
                ).encode(),
            )
        )
        pages = [(f"https://ex.example/{i}", _html(title, short))]
        out.append((f"w{i}.warc", _warc(pages, compress=False)))
        out.append((f"w{i}.warc.gz", _warc(pages, compress=True)))
    return out


# -- mutation ------------------------------------------------------------------------------
def _mutate_once(data: bytes, rng: random.Random, pool: list[tuple[str, bytes]]) -> bytes:
    n = len(data)
    pos = rng.randint(0, n)
    op = rng.randrange(9)
    if op == 0 and n:  # flip bits
        buf = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            buf[rng.randrange(n)] ^= 1 << rng.randrange(8)
        return bytes(buf)
    if op == 1:  # a format token
        return data[:pos] + rng.choice(TOKENS) + data[pos:]
    if op == 2:  # random bytes
        return data[:pos] + rng.randbytes(rng.randint(1, 32)) + data[pos:]
    if op == 3 and n:  # delete a stretch
        end = min(n, pos + rng.randint(1, max(1, n // 4)))
        return data[:pos] + data[end:]
    if op == 4 and n:  # duplicate a stretch
        start = rng.randrange(n)
        chunk = data[start : start + rng.randint(1, 512)]
        return data[:pos] + chunk * rng.randint(1, 8) + data[pos:]
    if op == 5:  # cut
        return data[:pos]
    if op == 6:  # splice another seed
        other = rng.choice(pool)[1]
        cut = rng.randint(0, len(other))
        return data[:pos] + other[cut:]
    if op == 7:  # compress, or break the compression
        packed = gzip.compress(data)
        return packed[: rng.randint(1, len(packed))] if rng.random() < 0.3 else packed
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\x85", b""]), 3)


def mutate(data: bytes, rng: random.Random, pool: list[tuple[str, bytes]]) -> bytes:
    for _ in range(rng.randint(1, 4)):
        data = _mutate_once(data, rng, pool)
    return data[:MAX_INPUT]


NAMES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl")
NAMES += (".json", ".csv", ".tsv", ".warc", ".warc.gz", ".gz", ".bz2", "", ".pdf", ".JSONL")


def generated(rng: random.Random) -> tuple[str, bytes]:
    """An input from scratch: random bytes, or random words and characters."""
    if rng.random() < 0.5:
        data = rng.randbytes(rng.randint(0, 2048))
    else:
        data = text_from_scratch(rng).encode("utf-8", "surrogatepass")
    return "gen" + rng.choice(NAMES), data


def text_from_scratch(rng: random.Random) -> str:
    pieces = [
        rng.choice(WORDS if rng.random() < 0.7 else CHARS) for _ in range(rng.randint(0, 300))
    ]
    return " ".join(pieces)


def mutate_text(text: str, rng: random.Random) -> str:
    """Character-level mutations of an article text, for the text annotators."""
    chars = list(text[:3000])
    for _ in range(rng.randint(1, 12)):
        pos = rng.randint(0, len(chars))
        op = rng.randrange(5)
        if op == 0:
            chars[pos:pos] = list(rng.choice(CHARS))
        elif op == 1:
            chars[pos:pos] = list(" " + rng.choice(WORDS) + " ")
        elif op == 2:
            del chars[pos : pos + rng.randint(1, 40)]
        elif op == 3:
            chars[pos:pos] = chars[pos : pos + rng.randint(1, 200)] * rng.randint(1, 5)
        else:
            chars[pos:pos] = list(rng.choice(CHARS) * rng.randint(10, 400))
    return "".join(chars)


# -- targets -------------------------------------------------------------------------------
@dataclass
class Tally:
    inputs: Counter[str] = field(default_factory=Counter)
    recorded: Counter[str] = field(default_factory=Counter)
    uncaught: Counter[str] = field(default_factory=Counter)
    hangs: Counter[str] = field(default_factory=Counter)
    caught_bugs: Counter[str] = field(default_factory=Counter)
    invariants: Counter[str] = field(default_factory=Counter)
    samples: dict[str, str] = field(default_factory=dict)

    def failing(self) -> int:
        return (
            sum(self.uncaught.values()) + sum(self.hangs.values()) + sum(self.invariants.values())
        )


def offsets_problem(done: Annotated) -> str | None:
    """The first record whose offsets do not point at its text in the article, if any."""
    text = done.article.text
    groups: Iterable[tuple[str, list]] = (
        ("span", done.spans),
        ("sentence", done.sentences),
        ("mention", done.mentions),
        ("quote", done.quotes),
        ("event", done.events),
    )
    for name, records in groups:
        for rec in records:
            if not 0 <= rec.start <= rec.end <= len(text):
                return f"{name} {rec.start}:{rec.end} outside a text of {len(text)}"
            quoted = getattr(rec, "text", None)
            if name != "event" and quoted is not None and text[rec.start : rec.end] != quoted:
                return f"{name} {rec.start}:{rec.end} text {quoted[:40]!r} is not the slice"
    return None


class Fuzzer:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.rng = random.Random(args.seed)
        self.settings = Settings(limits=LIMITS)
        self.pipeline = Pipeline(self.settings)
        # Models and date parsers load once, on first use: not inside the hang limit.
        for code in self.settings.languages:
            self.pipeline.process(Article(id=code, text="Roma.", raw="", origin="", language=code))
        normalize_date("lunedì 3 marzo 2024 alle 10", self.settings.languages)
        self.store = Store(":memory:")
        self.tally = Tally()
        self.texts = _texts()
        self.pool = seeds(self.texts)
        self.work = Path(tempfile.mkdtemp(prefix="newsgraph-fuzz-"))
        self.out = Path(args.out)
        self.annotated = 0

    def guarded(self, target: str, key: str, action: Callable[[], None], keep: bytes) -> None:
        """Run one target on one input, classifying what happens."""
        self.tally.inputs[target] += 1
        try:
            with time_limit(self.args.hang_seconds):
                action()
        except TimeLimitExceeded:
            self.tally.hangs[target] += 1
            self.save(f"hang-{target}", key, keep, "")
        except Exception as exc:
            name = f"{target}: {type(exc).__name__}"
            self.tally.uncaught[name] += 1
            self.save(f"uncaught-{target}", key, keep, traceback.format_exc())
            self.tally.samples.setdefault(name, f"{exc!s}"[:200])

    def save(self, kind: str, key: str, data: bytes, note: str) -> None:
        folder = self.out / kind
        folder.mkdir(parents=True, exist_ok=True)
        if len(list(folder.iterdir())) < 400:
            (folder / key).write_bytes(data)
            if note:
                (folder / f"{key}.txt").write_text(note)

    def read_target(self, name: str, data: bytes, key: str) -> None:
        path = self.work / name
        path.write_bytes(data)
        found: list[Article | IngestError] = []

        def action() -> None:
            found.extend(ingest.read([str(path)], self.settings))

        self.guarded("read", key + "-" + name, action, data)
        path.unlink()
        for item in found:
            if isinstance(item, IngestError):
                self.tally.recorded[item.reason] += 1
                if item.reason not in REASONS:
                    self.tally.invariants[f"read: unknown reason {item.reason}"] += 1
                if item.reason == MALFORMED_FILE and _INTERNAL.match(item.detail):
                    label = "read: " + item.detail.split(":", 1)[0]
                    self.tally.caught_bugs[label] += 1
                    self.tally.samples.setdefault(label, item.detail[:200])
                    self.save("caught-read", key + "-" + name, data, item.detail)
            elif not item.text.strip() or item.id != article_id_for(item.text):
                self.tally.invariants["read: article without text or with a stale id"] += 1
            elif self.rng.randrange(self.args.annotate_every) == 0:
                self.annotate_target(item, key)

    def clean_target(self, text: str, key: str) -> None:
        article = Article(id=article_id_for(text), text=text, raw=text, origin="<fuzz>")

        def action() -> None:
            last = 0
            for span in clean.mark(article):
                ok = last <= span.start <= span.end <= len(text)
                if not ok or text[span.start : span.end] != span.text:
                    self.tally.invariants["clean: span offsets"] += 1
                    self.save("invariant-clean", key, text.encode("utf-8", "surrogatepass"), "")
                    return
                last = span.end

        self.guarded("clean", key, action, text.encode("utf-8", "surrogatepass"))

    def annotate_target(self, article: Article, key: str) -> None:
        self.annotated += 1
        keep = article.text.encode("utf-8", "surrogatepass")

        def action() -> None:
            try:
                done = self.pipeline.process(article)
            except TimeLimitExceeded:
                raise
            except Exception as exc:  # the job records these; the fuzzer wants them seen
                label = f"annotate: {type(exc).__name__}"
                self.tally.caught_bugs[label] += 1
                self.tally.samples.setdefault(label, f"{exc!s}"[:200])
                self.save("caught-annotate", key, keep, traceback.format_exc())
                return
            problem = offsets_problem(done)
            if problem:
                self.tally.invariants["annotate: " + problem.split(" ", 1)[0]] += 1
                self.tally.samples.setdefault("annotate: " + problem.split(" ", 1)[0], problem)
                self.save("invariant-annotate", key, keep, problem)
            if self.annotated % 10 == 0:
                self.store.write_batch([done], [], self.pipeline.fingerprint)

        self.guarded("annotate", key, action, keep)

    def one(self, index: int) -> None:
        key = f"{index:06d}"
        roll = self.rng.random()
        if roll < 0.2:
            text = mutate_text(self.rng.choice(self.texts), self.rng)
            if self.rng.randrange(self.args.annotate_every) == 0:
                article = Article(id=article_id_for(text), text=text, raw=text, origin="<fuzz>")
                self.annotate_target(article, key)
            else:
                self.clean_target(text, key)
            return
        if roll < 0.3:
            name, data = generated(self.rng)
        else:
            name, data = self.rng.choice(self.pool)
            data = mutate(data, self.rng, self.pool)
            if self.rng.random() < 0.1:
                name = "x" + self.rng.choice(NAMES)
        self.read_target(name, data, key)

    def run(self) -> Tally:
        started = time.monotonic()
        for index in range(self.args.inputs):
            self.one(index)
            if self.args.progress and (index + 1) % self.args.progress == 0:
                rate = (index + 1) / (time.monotonic() - started)
                print(f"… {index + 1} inputs, {rate:.0f}/s", flush=True)
        shutil.rmtree(self.work, ignore_errors=True)
        return self.tally


def report(tally: Tally, seconds: float) -> None:
    total = sum(tally.inputs.values())
    print(f"inputs: {total} in {seconds:.0f} s ({dict(tally.inputs)})")
    print(f"recorded errors: {sum(tally.recorded.values())} {dict(tally.recorded.most_common())}")
    for title, counts in (
        ("uncaught exceptions", tally.uncaught),
        ("hangs", tally.hangs),
        ("caught bugs (last-resort handlers)", tally.caught_bugs),
        ("invariant failures", tally.invariants),
    ):
        print(f"{title}: {sum(counts.values())} {dict(counts.most_common())}")
    for label, sample in tally.samples.items():
        print(f"  {label}: {sample}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--annotate-every", type=int, default=25)
    parser.add_argument("--hang-seconds", type=float, default=20.0)
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "newsgraph-fuzz"))
    parser.add_argument("--progress", type=int, default=5000, help="report every N inputs")
    args = parser.parse_args()
    started = time.monotonic()
    tally = Fuzzer(args).run()
    report(tally, time.monotonic() - started)
    return 1 if tally.failing() else 0


if __name__ == "__main__":
    sys.exit(main())
