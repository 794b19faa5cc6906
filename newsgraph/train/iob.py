"""IOB2 token files (CoNLL style): reading them and turning tokens back into text.

Both the trainer and the ``conll`` evaluator need the sentences as running text: the
pipeline annotates text, not token lists, and a model must be trained on the tokens its
own tokenizer makes at run time. So each sentence is detokenized with a character offset
for every token, which maps spans found in the text back to the given tokens.

Format: ``token<TAB>tag`` per line (extra columns ignored, the tag is the last one), a
blank line between sentences, ``-DOCSTART-`` lines skipped; tags ``O``, ``B-X``, ``I-X``
(an ``I-X`` that does not continue an ``X`` opens a new span, as CoNLL scorers do).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.model import Article, Span, stable_id

#: Last tokens that end a sentence; a line ending otherwise is a title.
_FINAL = frozenset({".", "!", "?", "…", "...", ":", ";", '"', "»", "”", ")", "'"})
#: Punctuation written against the word before it.
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%…»”’°") | {"...", "%)", "),", ")."}
#: Punctuation written against the word after it.
_NO_SPACE_AFTER = frozenset("([{«“‘¿¡")
#: Quote marks that open and close alike: the first of a pair opens, the next closes.
_TOGGLE_QUOTES = frozenset({'"', "'"})
_APOSTROPHES = ("'", "’")
#: Lower-case letters an elided word ("l'", "dell'", "d'") is glued to (it is glued to
#: capitals and digits too: "l'FBI", "l'11 settembre"); before other lower-case letters an
#: apostrophe marks a truncation ("un po' di"), which keeps its space.
_ELISION_NEXT = frozenset("aeiouhàèéìíòóùú")


class IOBError(ValueError):
    pass


@dataclass
class TaggedSentence:
    """One sentence: its tokens, their IOB2 tags, and after :meth:`detokenize` its text
    with the character offset of every token."""

    tokens: list[str]
    tags: list[str]
    line: int = 0  # line of the file the sentence starts on, for error messages
    text: str = ""
    offsets: list[tuple[int, int]] = field(default_factory=list)

    def spans(self) -> list[tuple[int, int, str]]:
        """Gold spans as (first token, last token + 1, label)."""
        return iob_spans(self.tags)

    def strict_tags(self) -> list[str]:
        """The tags with every span opened by a ``B-`` (what spaCy's ``Doc`` requires)."""
        tags = ["O"] * len(self.tags)
        for a, b, label in self.spans():
            tags[a:b] = [f"B-{label}"] + [f"I-{label}"] * (b - a - 1)
        return tags

    def char_spans(self) -> list[tuple[int, int, str]]:
        """Gold spans as (start char, end char, label) into :attr:`text`."""
        return [(self.offsets[a][0], self.offsets[b - 1][1], lab) for a, b, lab in self.spans()]


def read(path: Path) -> list[TaggedSentence]:
    """All sentences of an IOB2 file, detokenized."""
    return [detokenize(s) for s in _sentences(path)]


def _sentences(path: Path) -> Iterator[TaggedSentence]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IOBError(f"cannot read {path}: {exc}") from exc
    current = TaggedSentence([], [])
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("-DOCSTART-"):
            if current.tokens:
                yield current
            current = TaggedSentence([], [], line=number + 1)
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        if len(cols) < 2:
            raise IOBError(f"{path}:{number}: expected TOKEN<TAB>TAG, got {line!r}")
        tag = cols[-1].strip()
        if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
            raise IOBError(f"{path}:{number}: {tag!r} is not an IOB2 tag")
        if not current.tokens:
            current.line = number
        current.tokens.append(cols[0])
        current.tags.append(tag)
    if current.tokens:
        yield current


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        continues = tag.startswith("I-") and tag[2:] == label
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start, label = -1, ""
        if tag != "O" and not continues:
            start, label = i, tag[2:]
    return spans


def spaces_after(tokens: list[str]) -> list[bool]:
    """Whether a space follows each token in ordinary typography."""
    n = len(tokens)
    space = [True] * n
    quote_open: dict[str, bool] = dict.fromkeys(_TOGGLE_QUOTES, False)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < n else ""
        if tok in _TOGGLE_QUOTES:
            opening = not quote_open[tok]
            quote_open[tok] = opening
            if opening:
                space[i] = False
            elif i > 0:
                space[i - 1] = False
            continue
        if tok in _NO_SPACE_AFTER:
            space[i] = False
        if i > 0 and (tok in _NO_SPACE_BEFORE or _is_clitic(tok)):
            space[i - 1] = False
        if _is_elided(tok) and nxt and (nxt[0] in _ELISION_NEXT or not nxt[0].islower()):
            space[i] = False
    if n:
        space[-1] = False
    return space


def _is_elided(tok: str) -> bool:
    return len(tok) > 1 and tok.endswith(_APOSTROPHES) and tok[-2].isalpha()


def _is_clitic(tok: str) -> bool:
    """An English-style clitic that starts with an apostrophe ("'s", "n't" is a token
    of its own in most corpora and keeps no space before it either)."""
    return (len(tok) > 1 and tok.startswith(_APOSTROPHES) and tok[1].isalpha()) or tok == "n't"


def detokenize(sentence: TaggedSentence) -> TaggedSentence:
    """Fill in the sentence's text and token offsets."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for tok, space in zip(sentence.tokens, spaces_after(sentence.tokens), strict=True):
        offsets.append((pos, pos + len(tok)))
        parts.append(tok + (" " if space else ""))
        pos += len(tok) + (1 if space else 0)
    sentence.text = "".join(parts)
    sentence.offsets = offsets
    return sentence


def is_title(sentence: TaggedSentence) -> bool:
    last = sentence.tokens[-1]
    return last not in _FINAL and not last.endswith(".")


def articles(sentences: list[TaggedSentence]) -> Iterator[list[int]]:
    """Indices of the sentences of each article, in files that do not mark articles
    (KIND): a new one starts at each title line, a sentence without final punctuation,
    that follows a sentence with it."""
    current: list[int] = []
    for i, sent in enumerate(sentences):
        if current and is_title(sent) and not is_title(sentences[current[-1]]):
            yield current
            current = []
        current.append(i)
    if current:
        yield current


def as_article(
    sentences: list[TaggedSentence], members: list[int], lang: str
) -> tuple[Article, list[Span], list[int]]:
    """The sentences as an article for the pipeline, one a line, each a title or body
    zone: the article, its zones and each line's start. (The evaluator annotates the
    sentences so, and the trainer too when the rules' mentions are model features.)"""
    starts, pos = [], 0
    for i in members:
        starts.append(pos)
        pos += len(sentences[i].text) + 1
    text = "\n".join(sentences[i].text for i in members)
    art = Article(id=stable_id("conll", text), text=text, raw=text, origin="conll", language=lang)
    zones = []
    for i, start in zip(members, starts, strict=True):
        kind = "title" if is_title(sentences[i]) else "body"
        end = start + len(sentences[i].text)
        zones.append(
            Span(stable_id(art.id, kind, start), art.id, kind, start, end, text[start:end])
        )
    return art, zones, starts
