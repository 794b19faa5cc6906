"""HTML fragments to text: feed entry content and HTML inside JSON or CSV fields.

A fragment is the article body already, without navigation or ads, so trafilatura's
page-level boilerplate heuristics are the wrong tool (they discard short fragments
outright). This converter keeps every piece of text, puts block elements on lines of
their own and collapses HTML white space, so the result reads like the article.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

_BLOCKS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl"),
        *("dt", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6"),
        *("header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table"),
        *("td", "th", "tr", "ul"),
    )
)
_SKIP = frozenset(("script", "style", "noscript", "template", "head", "title"))
_MARKUP = re.compile(
    r"<(p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|img|figure|figcaption|blockquote|table)"
    r"[\s/>]",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Whether a field value is HTML markup rather than plain text."""
    return "<" in text and _MARKUP.search(text[:5000]) is not None


def fragment_to_text(html: str) -> str:
    """The text of an HTML fragment, one line per block element."""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    except AssertionError:
        # lxml asserts on some whole pages passed as a fragment ("too many bodies"): a
        # feed entry or a JSON field may hold a page; read it as one.
        try:
            root = lxml.html.document_fromstring(html)
        except (lxml.etree.ParserError, ValueError):
            return ""
    lxml.etree.strip_elements(
        root, lxml.etree.Comment, lxml.etree.ProcessingInstruction, with_tail=False
    )
    parts: list[str] = []
    skipping = 0
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag in _SKIP:
                skipping += 1
            elif not skipping:
                if tag in _BLOCKS:
                    parts.append("\n")
                if element.text:
                    parts.append(element.text)
            continue
        if tag in _SKIP:
            skipping -= 1
        elif not skipping and tag in _BLOCKS:
            parts.append("\n")
        if not skipping and element.tail and element is not root:
            parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)
