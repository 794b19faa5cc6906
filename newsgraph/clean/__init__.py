"""Cleaning: mark what each line of an article is, never delete anything.

Scraped news mixes the story with a page's furniture: section labels, newsletter
prompts, "Related News" lists, share and cookie widgets, photo captions with credits.
Deleting them would move every offset and lose evidence (a caption's date and credits
are facts too), so cleaning records one span per non-empty line instead, with a kind:

Content (later stages read it):
  ``title``, ``body``, ``subheading`` (a heading inside the text), ``caption`` (a photo
  caption; ``attrs``: ``credits``, ``credit_start``/``credit_end``, ``date``).
Not article text:
  ``section_label`` (a rubric or kicker above the title: "Esteri", "in Russia"),
  ``byline``, ``dateline`` (a line that is only a date or time; ``attrs["date"]``),
  ``credit`` (a photo credit on a line of its own; ``attrs`` as for captions),
  ``newsletter`` (subscription and sign-up prompts), ``related`` (related-links headers
  and their links), ``share`` (share, print and comment widgets), ``cookie`` (consent
  banners), ``ad`` (advertising markers), ``navigation`` (menus, tags, breadcrumbs,
  pagination), ``copyright``.

Two passes: language cues (data in ``newsgraph/data/lang/*/clean.yaml``, all languages
at once, see :mod:`newsgraph.clean.cues`) mark what they recognise line by line
(:mod:`newsgraph.clean.classify`); the layout heuristics, which need no language, place
the rest by shape and position (:mod:`newsgraph.clean.layout`).
"""

from __future__ import annotations

from newsgraph.clean import cues
from newsgraph.clean.classify import by_cues, fold_key
from newsgraph.clean.layout import CONTENT_KINDS, by_layout
from newsgraph.clean.lines import Line, split_lines
from newsgraph.model import Article, Span, stable_id

#: Every kind a zone span can have, content or not.
KINDS = frozenset(CONTENT_KINDS | {
    "section_label", "byline", "dateline", "credit", "newsletter", "related", "share",
    "cookie", "ad", "navigation", "copyright",
})

__all__ = ["CONTENT_KINDS", "KINDS", "mark"]


def _span(article: Article, line: Line) -> Span:
    return Span(
        id=stable_id(article.id, "zone", line.start, line.end),
        article_id=article.id,
        kind=line.kind or "body",
        start=line.start,
        end=line.end,
        text=line.text,
        rule=line.rule,
        confidence=line.confidence,
        attrs=line.attrs,
    )


def _known_captions(article: Article) -> frozenset[str]:
    listed = article.meta.get("captions") if isinstance(article.meta, dict) else None
    if not isinstance(listed, list):
        return frozenset()
    return frozenset(fold_key(c) for c in listed if isinstance(c, str) and c.strip())


def mark(article: Article) -> list[Span]:
    """One zone span per non-empty line of ``article.text``, in order.

    ``article.text`` is left as it is. When the article has no title and a line is
    found to be one, ``article.title`` is set to it.
    """
    lines = split_lines(article.text or "")
    by_cues(lines, cues.load(), _known_captions(article))
    title = by_layout(lines, article.title)
    if title is not None and not article.title:
        article.title = title.text
    return [_span(article, line) for line in lines]
