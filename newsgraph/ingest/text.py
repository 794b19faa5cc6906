"""Plain text and Markdown files: one article per file.

Plain text is taken as it is; its title, if any, is for cleaning to find (a first line
is as often a section label as a headline). Markdown is rendered, so that emphasis
marks, link targets and heading hashes do not end up inside entity names and sentences;
the rendered text keeps one line per block. A YAML front matter block (as static-site
generators write it) supplies metadata through the same field names as JSON records,
and a first ``# heading`` is the title when the front matter has none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from markdown_it import MarkdownIt

from newsgraph.ingest.build import Context, Item
from newsgraph.ingest.fragments import fragment_to_text
from newsgraph.ingest.sources import Input

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_MARKDOWN = MarkdownIt("commonmark")


def read_text(inp: Input, ctx: Context) -> Iterator[Item]:
    text, encoding = inp.read_text(ctx.settings.limits.max_file_bytes)
    yield ctx.article(text, text, format="text", encoding=encoding)


def _front_matter(source: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, source
    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        # Not YAML, or a value PyYAML cannot build ("date: 2024-02-30", "[[[[…").
        return {}, source
    if not isinstance(data, dict):
        return {}, source
    return data, source[match.end() :]


def read_markdown(inp: Input, ctx: Context) -> Iterator[Item]:
    source, encoding = inp.read_text(ctx.settings.limits.max_file_bytes)
    front, body = _front_matter(source)
    values, meta = ctx.fields.split(front)
    attrs = ctx.metadata(values, meta)
    if not attrs["title"]:
        heading = _HEADING.match(body)
        attrs["title"] = heading.group(1) if heading else None
    text = fragment_to_text(_MARKDOWN.render(body))
    yield ctx.article(text, source, format="markdown", encoding=encoding, **attrs)
