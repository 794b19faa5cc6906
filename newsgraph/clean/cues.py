"""The cleaning cues of every shipped language, compiled once into combined matchers.

Boilerplate is often in another language than the story ("Related News :" under an
Italian article, an English cookie banner on a French site), and cleaning runs before
language identification, so the cues of all languages in ``newsgraph/data/lang/*/
clean.yaml`` apply to every article. They are built on first use and cached.

Cleaning runs on every line of every article, so how cues are matched matters more than
how many there are. Python's regex engine tries every branch of an alternation at every
position of a line: a hundred unanchored regexes cost about a millisecond per line. So a
boilerplate cue is either a regex anchored at the start of the line (``^…``: all of them
are tried once, at position 0) or a plain phrase, found by looking up each word of the
line in a table of phrases keyed by their first word — a cost that does not grow with
the number of phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph import lexicon

#: Curly quotes, apostrophes and odd spaces made plain, one character for one, so that
#: cues are written once and offsets into the plain line stay valid.
_PLAIN = {
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"',
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " ",
}
_FANCY = re.compile("|".join(map(re.escape, _PLAIN)))
#: What may follow a cue that covers a whole line ("Related News :", "Leggi anche:").
HEADER_TAIL = " :.-–—|>»›"
#: A word: letters and digits, with inner apostrophes and hyphens ("l'app", "e-mail").
WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_REGEX_SYNTAX = re.compile(r"[\\()\[\]{}|*+?^$]")


def plain(text: str) -> str:
    return _FANCY.sub(lambda m: _PLAIN[m.group()], text)


def words(text: str) -> list[str]:
    """The lower-cased words of a plain text."""
    return WORD.findall(text.lower())


class CueError(ValueError):
    """A cue in a language's ``clean.yaml`` that cannot be used as written."""


@dataclass(frozen=True)
class Phrases:
    """Phrases by their first word, longest first; each with the kind it marks."""

    by_first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]

    def find(self, tokens: list[str]) -> tuple[str, int] | None:
        """The kind of the first phrase found in ``tokens`` and its length in words."""
        for i, token in enumerate(tokens):
            for phrase, kind in self.by_first.get(token, ()):
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    return kind, len(phrase)
        return None


@dataclass(frozen=True)
class Cues:
    #: Boilerplate regexes (anchored at the line start), with a named group per cue.
    line_start: re.Pattern[str]
    #: Named group of ``line_start`` → the kind it marks.
    kind_of_group: dict[str, str]
    phrases: Phrases
    share_words: frozenset[str]
    dateline_cues: frozenset[str]
    dateline_words: frozenset[str]
    opener: re.Pattern[str]
    weak_opener: re.Pattern[str]
    credit_label: re.Pattern[str]
    credit_prefix: re.Pattern[str]
    #: A label word without its colon, as in "(foto Ansa)".
    label_word: re.Pattern[str]
    separator: re.Pattern[str]
    descriptor: re.Pattern[str]
    suffix: re.Pattern[str]
    agencies: frozenset[str]

    def boilerplate_kind(self, line: str, tokens: list[str]) -> tuple[str, bool] | None:
        """The kind of boilerplate a short plain line is, if a cue says so, and whether
        the cue covers the whole line but for trailing punctuation ("Related News :")."""
        m = self.line_start.match(line)
        if m is not None and m.lastgroup is not None:
            whole = not line[m.end():].strip(HEADER_TAIL)
            return self.kind_of_group[m.lastgroup], whole
        found = self.phrases.find(tokens)
        if found is None:
            return None
        kind, length = found
        return kind, length == len(tokens)


def _strings(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(v) for v in value if v is not None and str(v).strip()]


def _alternation(items: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, any run of spaces between
    words; one that never matches when there are none."""
    ordered = sorted({w.casefold() for w in items}, key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered) or "(?!)"


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise CueError(f"{where}: {exc}") from exc


def _boilerplate(codes: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str], Phrases]:
    branches: list[str] = []
    kind_of_group: dict[str, str] = {}
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for code in codes:
        for kind, cues in (lexicon.load(code, "clean").get("boilerplate") or {}).items():
            for i, cue in enumerate(_strings(cues)):
                where = f"{code}/clean.yaml boilerplate.{kind}[{i}] {cue!r}"
                if cue.startswith("^"):
                    _compile(cue, where)
                    group = f"g{len(branches)}"
                    kind_of_group[group] = str(kind)
                    branches.append(f"(?P<{group}>{cue})")
                    continue
                if _REGEX_SYNTAX.search(cue):
                    raise CueError(f"{where}: a phrase cannot hold regex syntax; start a "
                                   "regex with ^")
                phrase = tuple(words(plain(cue)))
                if phrase:
                    by_first.setdefault(phrase[0], []).append((phrase, str(kind)))
    phrases = Phrases({
        first: tuple(sorted(entries, key=lambda e: -len(e[0])))
        for first, entries in by_first.items()
    })
    return _compile("|".join(branches) or "(?!)", "boilerplate cues"), kind_of_group, phrases


@lru_cache(maxsize=8)
def load(languages: tuple[str, ...] | None = None) -> Cues:
    """The combined cues of ``languages`` (default: every language that ships data)."""
    codes = languages or tuple(lexicon.languages())
    lists: dict[str, list[str]] = {}
    for code in codes:
        data = lexicon.load(code, "clean")
        lists.setdefault("share_words", []).extend(_strings(data.get("share_words")))
        for section in ("dateline", "caption"):
            for key, value in (data.get(section) or {}).items():
                lists.setdefault(f"{section}.{key}", []).extend(_strings(value))

    def alternation(key: str) -> str:
        return _alternation(lists.get(f"caption.{key}", []))

    def word_set(key: str) -> frozenset[str]:
        return frozenset(w for item in lists.get(key, []) for w in words(plain(item)))

    line_start, kind_of_group, phrases = _boilerplate(codes)
    descriptors = "|".join(f"(?:{d})" for d in lists.get("caption.credit_descriptors", []))
    # An opener ends at a word boundary or is itself punctuated ("Above:").
    after = r"(?:(?<=\W)|(?!\w))"
    labels = alternation("credit_labels")
    return Cues(
        line_start=line_start,
        kind_of_group=kind_of_group,
        phrases=phrases,
        share_words=word_set("share_words"),
        dateline_cues=word_set("dateline.cues"),
        dateline_words=word_set("dateline.words"),
        opener=_compile(rf"^(?:{alternation('openers')}){after}", "caption openers"),
        weak_opener=_compile(rf"^(?:{alternation('weak_openers')}){after}", "weak openers"),
        credit_label=_compile(rf"(?<!\w)(?:{labels})\s*:\s*", "credit labels"),
        credit_prefix=_compile(
            rf"(?<!\w)(?:{alternation('credit_prefixes')})\s+", "credit prefixes"
        ),
        label_word=_compile(rf"(?:{labels})\s+", "credit labels"),
        separator=_compile(
            rf"\s*(?:[,;/|]|\s(?:{alternation('credit_connectors')})\s)\s*", "connectors"
        ),
        descriptor=_compile(descriptors or "(?!)", "credit descriptors"),
        suffix=_compile(rf"\s+(?:{alternation('credit_suffixes')})$", "credit suffixes"),
        agencies=frozenset(a.casefold() for a in lists.get("caption.agencies", [])),
    )
