"""The daily digest: what a day's articles say, as HTML, Markdown and an e-mail message.

For one day (an article's day is its publication date, else the day it was stored) the
digest lists the top stories (stories ranked by how many of their articles appeared that
day; an article not yet clustered stands alone), the new events of the actors and pairs
on a watchlist (every event of the day without one) and the day's quotations.

Everything shown comes from articles, which are untrusted input: the HTML is rendered
with autoescaping, the Markdown with every markup character escaped, and links are kept
only for http(s) URLs. The HTML has its styles inline and loads nothing, so it reads the
same as a file, an attachment or an e-mail body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newsgraph import __version__
from newsgraph.export.tables import (
    ARTICLE_DAYS_SQL,
    article_title,
    iter_events,
    quotes,
    with_entities,
)
from newsgraph.serve.watch import EventItem, Resolved, Watchlist, matching_events, resolve
from newsgraph.store import Store

TEMPLATES = Path(__file__).parent / "templates"
DEFAULT_SENDER = "newsgraph <newsgraph@localhost>"


@dataclass
class Limits:
    """How much of a busy day the digest shows."""

    stories: int = 10
    articles_per_story: int = 5
    events: int = 40
    quotes: int = 20


@dataclass
class StoryItem:
    id: str | None
    label: str
    today: int
    total: int
    first_date: str | None
    last_date: str | None
    articles: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Digest:
    day: date
    generated: datetime
    articles: int
    stories: list[StoryItem]
    events: list[EventItem]
    events_total: int
    quotes: list[dict[str, Any]]
    watch: Watchlist | None = None
    unresolved: list[str] = field(default_factory=list)

    @property
    def subject(self) -> str:
        watched = "watched event" if self.watch else "event"
        counts = [
            _count(len(self.stories), "story", "stories"),
            _count(self.events_total, watched, watched + "s"),
            _count(len(self.quotes), "quotation", "quotations"),
        ]
        return f"Digest {self.day.isoformat()}: " + ", ".join(counts)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# -- building ----------------------------------------------------------------------------
DAY_ARTICLES_SQL = f"""
WITH days AS ({ARTICLE_DAYS_SQL})
SELECT a.id, a.title, a.url, a.source, a.language, a.origin, left(a.text, 200) AS text_head,
       sa.story_id, s.label, s.first_date, s.last_date,
       (SELECT count(*) FROM story_articles x WHERE x.story_id = sa.story_id) AS story_size
FROM days d
JOIN articles a ON a.id = d.article_id
LEFT JOIN story_articles sa ON sa.article_id = a.id
LEFT JOIN stories s ON s.id = sa.story_id
WHERE d.day = ?
ORDER BY a.published NULLS LAST, a.id
"""


def top_stories(store: Store, day: date, limits: Limits) -> tuple[int, list[StoryItem]]:
    """The number of the day's articles and its stories, most reported first."""
    rows = store.rows(DAY_ARTICLES_SQL, [day])
    groups: dict[str, StoryItem] = {}
    for r in rows:
        title = article_title(r["title"], r["text_head"], r["origin"])
        key = r["story_id"] or f"article:{r['id']}"
        item = groups.get(key)
        if item is None:
            item = groups[key] = StoryItem(
                id=r["story_id"],
                label=r["label"] or title,
                today=0,
                total=int(r["story_size"] or 1),
                first_date=r["first_date"],
                last_date=r["last_date"],
            )
        item.today += 1
        if len(item.articles) < limits.articles_per_story:
            item.articles.append(
                {"id": r["id"], "title": title, "url": r["url"], "source": r["source"]}
            )
    ranked = sorted(groups.values(), key=lambda s: (-s.today, -s.total, s.label))
    return len(rows), ranked[: limits.stories]


def day_events(
    store: Store, day: date, watch: Resolved | None, limits: Limits
) -> tuple[list[EventItem], int]:
    """The day's events for the watchlist (all of them without one) and their number
    before the limit."""
    if watch is not None:
        items = matching_events(store, watch, "d.day = ?", [day])
    else:
        rows = iter_events(store, "d.day = ?", [day], order="e.confidence DESC, e.id")
        items = [EventItem.from_row(e, infos) for e, infos in with_entities(store, rows)]
    return items[: limits.events], len(items)


def day_quotes(
    store: Store, day: date, watch: Resolved | None, limits: Limits
) -> list[dict[str, Any]]:
    """The day's quotations; those of watched speakers first and marked."""
    said = quotes(store, "d.day = ?", [day])
    watched = set().union(*watch.actors.values()) if watch and watch.actors else set()
    for q in said:
        q["watched"] = q["speaker"] in watched
    said.sort(key=lambda q: not q["watched"])
    return said[: limits.quotes]


def build(
    store: Store, day: date, watch: Watchlist | None = None, limits: Limits | None = None
) -> Digest:
    limits = limits or Limits()
    resolved = resolve(store, watch) if watch is not None else None
    n_articles, stories = top_stories(store, day, limits)
    events, events_total = day_events(store, day, resolved, limits)
    return Digest(
        day=day,
        generated=datetime.now(UTC).replace(microsecond=0),
        articles=n_articles,
        stories=stories,
        events=events,
        events_total=events_total,
        quotes=day_quotes(store, day, resolved, limits),
        watch=watch,
        unresolved=resolved.unresolved() if resolved else [],
    )


# -- rendering ---------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md_escape(value: object) -> str:
    """Text as Markdown that shows exactly that text: one line, markup characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) URL (never ``javascript:`` and the like)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def md_url(value: object) -> str | None:
    """A safe URL percent-encoded so it cannot end a Markdown link early."""
    url = safe_url(value)
    return quote(url, safe=":/?#@!$&'*+,;=%-._~") if url else None


def _environment(autoescape: bool) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["safe_url"] = safe_url
    env.filters["md_url"] = md_url
    return env


def render_html(digest: Digest) -> str:
    return _environment(True).get_template("digest.html.j2").render(d=digest, version=__version__)


def render_markdown(digest: Digest) -> str:
    return _environment(False).get_template("digest.md.j2").render(d=digest, version=__version__)


def message(
    digest: Digest,
    sender: str = DEFAULT_SENDER,
    recipients: list[str] | None = None,
    html: str | None = None,
    text: str | None = None,
) -> EmailMessage:
    """The digest as a multipart/alternative e-mail: the Markdown as text, then the HTML."""
    msg = EmailMessage()
    msg["Subject"] = digest.subject
    msg["From"] = sender
    if recipients:
        msg["To"] = ", ".join(recipients)
    msg["Date"] = format_datetime(digest.generated)
    msg["Message-ID"] = make_msgid("digest", domain="newsgraph.local")
    msg.set_content(text if text is not None else render_markdown(digest))
    msg.add_alternative(html if html is not None else render_html(digest), subtype="html")
    return msg


def write(
    digest: Digest,
    out_dir: str | Path,
    sender: str = DEFAULT_SENDER,
    recipients: list[str] | None = None,
) -> list[Path]:
    """Write ``digest-<day>.html``, ``.md`` and ``.eml`` into ``out_dir``."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"digest-{digest.day.isoformat()}"
    html, text = render_html(digest), render_markdown(digest)
    paths = [stem.with_suffix(".html"), stem.with_suffix(".md"), stem.with_suffix(".eml")]
    paths[0].write_text(html, encoding="utf-8")
    paths[1].write_text(text, encoding="utf-8")
    paths[2].write_bytes(bytes(message(digest, sender, recipients, html, text)))
    return paths
