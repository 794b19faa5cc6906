"""Cleaning: mark what each line of an article is, never delete anything.

(Placeholder until the cleaning stage lands: every non-empty line is body.)
"""

from __future__ import annotations

import re

from newsgraph.model import Article, Span, stable_id

_LINE = re.compile(r"[^\n]+")


def mark(article: Article) -> list[Span]:
    spans = []
    for m in _LINE.finditer(article.text):
        if m.group().strip():
            spans.append(
                Span(
                    id=stable_id(article.id, "body", m.start(), m.end()),
                    article_id=article.id,
                    kind="body",
                    start=m.start(),
                    end=m.end(),
                    text=m.group(),
                    rule="clean.default",
                )
            )
    return spans
