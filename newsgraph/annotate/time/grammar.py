"""Compile a language's temporal-expression rules (data) into fast regular expressions.

The rules live in ``data/lang/<code>/time.yaml``: each has an id, a resolver type (what
the expression means: a date, a month, a weekday, a shift of a unit…) and a pattern with
slots in braces. Month and weekday names come from babel (CLDR), so a language gets them
without writing them down. A number is only a day, a year or a count when a rule puts it
next to a month name, a preposition or a unit, so designations ("Su-35", "Yak-130"),
percentages, ages and counts ("1.200 persone") never match.

Speed comes from doing little per sentence. Every rule contains a *core* word (a digit, a
month, a weekday, a unit, a deictic word…), so a sentence without one costs one scan;
around each core word only the few word starts just before it are tried, only with the
rules that can contain that kind of core word, and only where a word of the grammar's
vocabulary begins. Word lists compile to tries, and matching runs on lower-cased text
without the slow case-insensitive mode, so a failed attempt costs a few characters.

Pattern conventions: patterns are lower case; outside character classes a space stands
for any run of white space (" ?" for optional white space) and an apostrophe for ' or ’.
At one position the rules are tried in their order, so longer forms come first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsgraph import lexicon

#: Number shapes every language shares, as slots the data can use.
BUILTIN = {
    "day": r"(?:3[01]|[12]\d|0?[1-9])(?:°|º|st|nd|rd|th)?",
    "num": r"\d{1,3}",
    "year": r"(?:1[5-9]|20)\d\d",
    "year2": r"\d0",
    "monthnum": r"(?:1[0-2]|0?[1-9])",
    # What an anchored expression is relative to: up to six words, within the clause.
    "anchor": r"\w[\w'’\-.]*(?:[ \t]+[\w'’\-]+){0,5}",
}
#: Slots whose words come from a data class besides their own digits.
WORD_BACKED = {"day": "day_word", "num": "number"}
#: The kinds of core word each slot can hold; a rule is tried around core words of the
#: kinds its slots have, and a rule without any is refused.
SLOT_KINDS = {
    "day": ("digit", "day_word"),
    "num": ("digit",),
    "year": ("digit",),
    "year2": ("digit",),
    "monthnum": ("digit",),
    "month": ("month",),
    "mon": ("month",),
    "weekday": ("weekday",),
    "unit": ("unit",),
    "deictic": ("deictic",),
    "frequency": ("frequency",),
    "decade": ("decade",),
}
#: Data classes whose words are core words, each its own kind.
CLASS_KINDS = ("unit", "deictic", "frequency", "decade", "day_word")
#: How many words before its core word a rule may start ("at the end of this month").
LOOKBACK = 6
#: How far back (characters) those words are looked for.
WINDOW = 8 * LOOKBACK
DIGIT = frozenset({"digit"})
#: A word, or an apostrophe before digits ("'90"), where a rule may start.
_TOKEN = re.compile(r"(?<!\w)(?:['’](?=\d))?\w+")
_OPENERS = "0123456789'’"
#: Characters that join a number to the next part of a numeric date ("13/01", "1°").
_JOINERS = frozenset("/.-°º")
_WORD = re.compile(r"[^\W\d_]+")
_ESCAPE = re.compile(r"\\.")
_SLOT = re.compile(r"\{([a-z_0-9]+)\}")
_DIGITS = re.compile(r"\d+")


def key(text: str) -> str:
    """The form words are looked up by: lower case, one kind of apostrophe, single spaces."""
    return " ".join(text.lower().replace("’", "'").split()).rstrip(".")


def lower(text: str) -> str:
    """``text`` in lower case with every character where it was (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _folded(text: str) -> str:
    """``text`` without diacritics ("lunedi" for "lunedì", as scraped text often has it)."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def _convert(pattern: str) -> str:
    """Apply the pattern conventions: a space matches white space (" ?" optional white
    space), an apostrophe matches either apostrophe."""
    out: list[str] = []
    in_class = escaped = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        i += 1
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch == " " and pattern[i : i + 1] == "?":
            out.append(r"\s*")
            i += 1
        else:
            out.append(_char(ch) if ch in " '’" else ch)
    return "".join(out)


def _char(ch: str) -> str:
    return {" ": r"\s+", "'": "['’]", "’": "['’]"}.get(ch) or re.escape(ch)


def alternation(words: Iterable[str]) -> str:
    """Words as one pattern shaped like a trie: the regex engine tries alternatives one by
    one, so sharing prefixes makes a failed attempt cost a few characters instead of a pass
    over every word. Longer words win ("ieri sera" over "ieri")."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word.replace("’", "'"):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root) or "(?!)"


def _emit(node: dict[str, Any]) -> str:
    branches = [_char(ch) + _emit(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _babel_names(lang: str) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Full month names, abbreviated month names and weekday names (0 = Monday) from CLDR."""
    try:
        from babel import Locale
        from babel.dates import get_day_names, get_month_names

        locale = Locale.parse(lang)
    except (ValueError, LookupError, ImportError):
        return {}, {}, {}
    months: dict[str, int] = {}
    abbreviations: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for n, name in get_month_names("wide", context, locale).items():
            months[key(name)] = int(n)
        for n, name in get_month_names("abbreviated", context, locale).items():
            abbreviations[key(name)] = int(n)
        for n, name in get_day_names("wide", context, locale).items():
            weekdays[key(name)] = int(n)
    return months, abbreviations, weekdays


def _with_folded(names: dict[str, int]) -> dict[str, int]:
    return {**{_folded(k): v for k, v in names.items()}, **names}


def _joined(text: str, at: int) -> bool:
    return at < len(text) and text[at] in _JOINERS


def _lookup(table: dict[str, Any], text: str) -> Any:
    """``table[key(text)]``, with the common case (a plain single word) looked up as is."""
    found = table.get(text)
    return found if found is not None else table.get(key(text))


def _keyed(words: Any) -> dict[str, Any]:
    """A class as a mapping from looked-up form to meaning; a list means "present"."""
    if not words:
        return {}
    if isinstance(words, dict):
        return {key(str(k)): v for k, v in words.items()}
    return {key(str(w)): True for w in words}


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    group: str
    #: (slot name, group name) for every slot occurrence in the pattern.
    slots: tuple[tuple[str, str], ...]
    #: The kinds of core word the rule can contain.
    kinds: frozenset[str]


@dataclass
class Found:
    """One rule match: where it is and what its slots say."""

    rule: Rule
    start: int
    end: int
    text: str
    slots: dict[str, Any]


class Grammar:
    """The compiled rules of one language."""

    def __init__(self, lang: str, data: dict[str, Any]) -> None:
        self.lang = lang
        months, abbreviations, weekdays = _babel_names(lang)
        names = data.get("names") or {}
        self.months = _with_folded({**months, **_keyed(names.get("months"))})
        self.abbreviations = _with_folded(
            {**abbreviations, **_keyed(names.get("month_abbreviations"))}
        )
        self.weekdays = _with_folded({**weekdays, **_keyed(names.get("weekdays"))})
        self.classes = {name: _keyed(words) for name, words in (data.get("classes") or {}).items()}
        self.fragments = self._fragments(data)
        self.fragment_text = {
            str(name): " ".join(map(str, value)) if isinstance(value, list) else str(value)
            for section in ("fragments", "prefixes")
            for name, value in (data.get(section) or {}).items()
        }
        self.anchor_stop = frozenset(key(w) for w in data.get("anchor_stop") or ())
        self.slot_patterns = self._slot_patterns()
        self.core_kinds = self._core_kinds()
        self.rules: list[tuple[Rule, str]] = [
            self._compile_rule(i, spec) for i, spec in enumerate(data.get("rules") or [])
        ]
        self.by_group = {rule.group: rule for rule, _ in self.rules}
        not_after = [key(str(w)) for w in data.get("not_after") or ()]
        self._tail = r"(?![\w%]" + (r"|\s*" + alternation(not_after) if not_after else "") + ")"
        self.vocabulary = self._vocabulary(data)
        # A core match takes the character before the core word or number along (see
        # :meth:`_cores`). A number inside a number or a designation ("1.200", "Su-35")
        # starts nothing.
        self.core = re.compile(
            r"[^\w](?:(?<![.,/\-])(?P<number>['’]?\d+)|(?P<word>"
            + alternation(self.core_kinds)
            + r")(?!\w))"
        )
        self._patterns: dict[frozenset[str], re.Pattern[str] | None] = {}
        # Compiled now, with the rest of the grammar: compiling the large combined
        # patterns is start-up work, not the first documents'.
        for kinds in {*self.core_kinds.values(), DIGIT}:
            self._pattern(kinds)

    # -- compiling ---------------------------------------------------------------------

    @staticmethod
    def _fragments(data: dict[str, Any]) -> dict[str, str]:
        """Fragments as patterns. A fragment is a regular expression or a list of words;
        a prefix is a list of words that stand in front of the next word, followed by
        white space or, when they end in an apostrophe, by nothing ("il 7", "l'11")."""
        out: dict[str, str] = {}
        for name, value in (data.get("fragments") or {}).items():
            out[str(name)] = (
                alternation(key(str(w)) for w in value)
                if isinstance(value, list)
                else _convert(str(value))
            )
        for name, value in (data.get("prefixes") or {}).items():
            words = [key(str(w)) for w in value]
            out[str(name)] = alternation(w if w.endswith("'") else w + " " for w in words)
        return out

    def _slot_patterns(self) -> dict[str, str]:
        pats = dict(BUILTIN)
        for slot, cls in WORD_BACKED.items():
            words = list(self.classes.get(cls, {}))
            if words:
                pats[slot] = f"(?:{pats[slot]}|{alternation(words)})"
        pats["month"] = alternation(self.months)
        # An abbreviation is a month only with its dot or next to a number ("gen. 2025",
        # "jan 13"), never on its own ("mar" is also the sea).
        abbreviations = alternation(self.abbreviations)
        pats["mon"] = rf"(?:{pats['month']}|{abbreviations}(?:\.|(?=,?\s+\d)))"
        pats["weekday"] = alternation(self.weekdays)
        for name, table in self.classes.items():
            pats.setdefault(name, alternation(table))
        return pats

    def _core_kinds(self) -> dict[str, frozenset[str]]:
        """Core words and the kinds they are (a word may be of several). Each ends in a
        letter or digit, as the scan for them (:meth:`_cores`) needs."""
        kinds: dict[str, set[str]] = {}
        named = {"month": [*self.months, *self.abbreviations], "weekday": list(self.weekdays)}
        named.update({k: list(self.classes.get(k, {})) for k in CLASS_KINDS})
        for kind, words in named.items():
            for word in words:
                if not re.match(r"\w", word[-1:]):
                    raise lexicon.LexiconError(
                        f"{self.lang}/time.yaml: the {kind} word {word!r} must end in a letter"
                        " or digit"
                    )
                kinds.setdefault(word, set()).add(kind)
        return {w: frozenset(k) for w, k in kinds.items()}

    def _vocabulary(self, data: dict[str, Any]) -> frozenset[str]:
        """Every word a rule can start with (and more): where no such word begins, no rule
        is tried."""
        sources = [str(r["pattern"]) for r in data.get("rules") or []]
        sources += list(self.fragment_text.values())
        sources += [*self.months, *self.abbreviations, *self.weekdays]
        for table in self.classes.values():
            sources += list(table)
        words: set[str] = set()
        for src in sources:
            words.update(w.lower() for w in _WORD.findall(_ESCAPE.sub(" ", src)))
        return frozenset(words)

    def _compile_rule(self, index: int, spec: dict[str, Any]) -> tuple[Rule, str]:
        group = f"r{index}"
        slots: list[tuple[str, str]] = []
        rule_id = str(spec.get("id", group))
        literal: list[str] = []

        def expand(name: str) -> str:
            if name in self.fragments:
                literal.append(self.fragment_text[name])
                return "(?:" + self.fragments[name] + ")"
            if name not in self.slot_patterns:
                raise lexicon.LexiconError(
                    f"{self.lang}/time.yaml rule {rule_id}: unknown slot {{{name}}}"
                )
            slot_group = f"{group}_{len(slots)}"
            slots.append((name, slot_group))
            return f"(?P<{slot_group}>{self.slot_patterns[name]})"

        # split() alternates literal text and slot names.
        pieces = _SLOT.split(str(spec["pattern"]))
        body = "".join(
            expand(piece) if i % 2 else _convert(piece) for i, piece in enumerate(pieces)
        )
        literal += pieces[::2]
        # Core words written into the pattern count as much as slots ("anni '90").
        written = {w.lower() for text in literal for w in _WORD.findall(_ESCAPE.sub(" ", text))}
        kinds = frozenset(
            [k for name, _ in slots for k in SLOT_KINDS.get(name, ())]
            + [k for w in written for k in self.core_kinds.get(w, ())]
        )
        if not kinds:
            raise lexicon.LexiconError(
                f"{self.lang}/time.yaml rule {rule_id}: it needs a number, a month, a weekday"
                f" or a word of the classes {', '.join(CLASS_KINDS)}"
            )
        rule = Rule(rule_id, str(spec["type"]), group, tuple(slots), kinds)
        return rule, f"(?P<{group}>{body})"

    def _pattern(self, kinds: frozenset[str]) -> re.Pattern[str] | None:
        """The combined pattern of the rules that can hold a core word of these kinds."""
        if kinds not in self._patterns:
            bodies = [body for rule, body in self.rules if rule.kinds & kinds]
            self._patterns[kinds] = (
                re.compile(r"(?<![\w\-/.])(?:" + "|".join(bodies) + ")" + self._tail)
                if bodies
                else None
            )
        return self._patterns[kinds]

    # -- matching ----------------------------------------------------------------------

    def value(self, slot: str, text: str) -> Any:
        """What a slot's matched (lower-case) text means."""
        if slot in ("day", "num", "year", "year2", "monthnum"):
            digits = _DIGITS.match(text)
            if digits:
                return int(digits.group())
            return _lookup(self.classes.get(WORD_BACKED.get(slot, ""), {}), text)
        if slot == "month":
            return _lookup(self.months, text)
        if slot == "mon":
            return _lookup(self.months, text) or _lookup(self.abbreviations, text)
        if slot == "weekday":
            return _lookup(self.weekdays, text)
        if slot == "anchor":
            return text
        return _lookup(self.classes.get(slot, {}), text)

    def _trim_anchor(self, text: str) -> str:
        """The anchor up to the first word that starts a new clause ("che", "which")."""
        for m in re.finditer(r"\s+(\S+)", text):
            if key(m.group(1)) in self.anchor_stop:
                return text[: m.start()]
        return text.rstrip(".")

    def _cores(self, low: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, text) of the core words and numbers of ``low``, in order.

        The pattern starts with the non-word character before the core, so the regex
        engine passes over every position inside a word with one quick character test
        (a look-behind at each position made this scan most of the grammar's cost); a
        space put before the text stands for the start. No match is lost to the
        character a previous one took: a core ends in a word character (see
        :meth:`_core_kinds`), so none can start right after another."""
        for m in self.core.finditer(" " + low):
            start, end = m.span(m.lastgroup or 0)
            yield start - 1, end - 1, low[start - 1 : end - 1]

    def find(self, text: str) -> list[Found]:
        """The expressions in ``text``, left to right, none overlapping."""
        low = lower(text)
        out: list[Found] = []
        pos = 0
        tried: set[tuple[int, frozenset[str]]] = set()
        for at, core_end, word in self._cores(low):
            if at < pos:
                continue
            if word[-1].isdigit():
                if len(word) != 4 and word[0] not in "'’" and not _joined(low, core_end):
                    # A number that is no year takes part only with a core word after it
                    # ("3 giorni", "7 ottobre"), which tries the same starts: skip it here.
                    continue
                kinds = DIGIT
            else:
                kinds = self.core_kinds.get(word) or self.core_kinds.get(key(word), frozenset())
            pattern = self._pattern(kinds)
            if pattern is None:
                continue
            window = max(pos, at - WINDOW)
            tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(low, window, core_end)]
            for start, token in tokens[-LOOKBACK - 1 :]:
                # Only where a word of the grammar (or a number) begins can a rule start,
                # and a start that failed for these rules fails again for the next core.
                if start < pos or (start, kinds) in tried:
                    continue
                if not (token[0] in _OPENERS or token in self.vocabulary):
                    continue
                m = pattern.match(low, start)
                if m:
                    found = self._found(m, text)
                    out.append(found)
                    pos = found.end
                else:
                    tried.add((start, kinds))
        return out

    def _found(self, m: re.Match[str], text: str) -> Found:
        rule = self.by_group[m.lastgroup or ""]
        slots: dict[str, Any] = {}
        end = m.end()
        for slot, group in rule.slots:
            raw = m.group(group)
            if raw is None or slot in slots:
                continue
            if slot == "anchor":
                raw = self._trim_anchor(text[m.start(group) : m.end(group)])
                end = m.start(group) + len(raw)
            slots[slot] = self.value(slot, raw)
        return Found(rule, m.start(), end, text[m.start() : end], slots)



@lru_cache(maxsize=32)
def load(lang: str) -> Grammar:
    """The compiled grammar of a language (empty when it ships no time.yaml)."""
    return Grammar(lang, lexicon.load(lang, "time"))
