"""Photo captions and the credits they carry.

A caption is a line that describes a picture: it opens with a caption phrase ("In questa
foto", "Pictured"), or it ends with a photo credit — "(Credito: Alexander Shcherbak,
Sputnik, foto della piscina del Cremlino tramite AP)", "(Name/AFP)", "(AP Photo/Name)",
"Photo: Name/Reuters". Analysts want the credited people and agencies (who took or
distributed the picture) and the date the caption gives, which is when the pictured
scene happened, often days before publication.

A credit is split at "/", "," and connectors ("tramite", "via"); parts that describe
the picture rather than credit someone ("pool photo", "foto della piscina del
Cremlino", "File") are dropped, and the rest must look like names. Because a trailing
parenthesis is common in body text too ("(a destra)", "(IRGC)"), a credit needs
evidence: a label ("Credito:", "Photo:"), a prefix ("Photo by"), or a known agency
beside another credited party. A lone agency ("(AP)") credits a picture only when the
line is otherwise a caption; at the end of a paragraph it attributes the text.
All the phrases, labels, connectors, descriptors and agencies are language data.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsgraph.clean.cues import Cues
from newsgraph.clean.dates import find_dates
from newsgraph.clean.lines import last_char

#: A caption is a few sentences; longer lines are text whatever they end with.
MAX_CAPTION_CHARS = 800
#: Longest credit looked for at the end of a line.
MAX_CREDIT_CHARS = 200
#: Most words in one credited party ("Sito web delle Guardie rivoluzionarie iraniane").
MAX_NAME_WORDS = 8
#: Most parts in one credit; more is a list of something else.
MAX_PARTS = 8
_NOT_IN_NAMES = frozenset("!?:;\"“”«»")
_SENTENCE_END = ".!?"
_LEAD_PUNCT = " .,:;-–—|("


@dataclass(frozen=True)
class Credit:
    """A photo credit: its offsets in the line, the credited parties in order, and
    whether it is evidence enough on its own that the line is a caption."""

    start: int
    end: int
    credits: list[str]
    strong: bool


@dataclass(frozen=True)
class Caption:
    kind: str  # "caption", or "credit" for a line that is only a credit
    rule: str
    confidence: float
    credit: Credit | None
    date: str | None


def _name_shaped(part: str, cues: Cues) -> bool:
    if part.casefold() in cues.agencies:
        return True
    if len(part) > 80 or not part[0].isupper() or any(c in _NOT_IN_NAMES for c in part):
        return False
    return len(part.split()) <= MAX_NAME_WORDS


def parse_credit(text: str, cues: Cues) -> tuple[list[str], bool] | None:
    """The credited parties in a credit text and whether the credit is strong evidence,
    or None when the text is not a credit."""
    evidence = ""
    rest = text
    for name, pattern in (("label", cues.credit_label), ("prefix", cues.credit_prefix)):
        m = pattern.match(text)
        if m:
            evidence, rest = name, text[m.end():]
            break
    parts = cues.separator.split(rest, maxsplit=MAX_PARTS)
    if len(parts) > MAX_PARTS:
        return None
    credits = []
    for raw in parts:
        part = raw.strip(" .'\"")
        if not part or cues.descriptor.fullmatch(part):
            continue
        part = cues.suffix.sub("", part)
        bare = cues.label_word.match(part)
        if bare and part[bare.end():].casefold() in cues.agencies:
            part, evidence = part[bare.end():], evidence or "label"
        if not _name_shaped(part, cues):
            if evidence == "label":
                continue  # "Credito: ..." is a credit even with a description inside
            return None
        credits.append(part)
    if not credits:
        return None
    if evidence:
        return credits, True
    agencies = sum(c.casefold() in cues.agencies for c in credits)
    if not agencies:
        return None
    return credits, len(parts) > 1


def _parenthesized(line: str, cues: Cues) -> Credit | None:
    """A credit in the parenthesis that ends the line (nested brackets allowed)."""
    body = line.rstrip(" .")
    if not body.endswith(")"):
        return None
    depth = 0
    floor = max(0, len(body) - MAX_CREDIT_CHARS)
    for i in range(len(body) - 1, floor - 1, -1):
        c = body[i]
        if c == ")":
            depth += 1
        elif c == "(":
            depth -= 1
            if depth == 0:
                inner = body[i + 1 : -1]
                start = i + 1 + len(inner) - len(inner.lstrip())
                end = len(body) - 1 - (len(inner) - len(inner.rstrip()))
                parsed = parse_credit(line[start:end], cues)
                if parsed is None:
                    return None
                return Credit(start, end, parsed[0], parsed[1])
    return None


def _boundary_before(line: str, pos: int) -> bool:
    """Whether a credit may start at ``pos``: the line's start, or after a sentence end or
    a dash or bar."""
    before = line[:pos].rstrip()
    return not before or before[-1] in _SENTENCE_END + "-–—|)"


def _tail(line: str, cues: Cues) -> Credit | None:
    """A credit that ends the line without brackets: "… 2025. Photo: Name/Reuters",
    "… in Tehran. Name/AFP via Getty Images", or the whole line "Foto: ANSA"."""
    if last_char(line) in _SENTENCE_END + ",;:":
        return None
    floor = max(0, len(line) - MAX_CREDIT_CHARS)
    for pattern in (cues.credit_label, cues.credit_prefix):
        for m in pattern.finditer(line, floor):
            if _boundary_before(line, m.start()):
                parsed = parse_credit(line[m.start():], cues)
                if parsed:
                    return Credit(m.start(), len(line), parsed[0], True)
    # A bare "Name/Agency" after the last sentence.
    cut = max(line.rfind(". ", floor), line.rfind("? ", floor), line.rfind("! ", floor))
    start = cut + 2 if cut >= 0 else 0
    if start == 0 and len(line) > MAX_CREDIT_CHARS:
        return None
    parsed = parse_credit(line[start:], cues)
    if parsed is None or not (parsed[1] or start == 0):
        return None
    return Credit(start, len(line), parsed[0], parsed[1])


def find_credit(line: str, cues: Cues) -> Credit | None:
    return _parenthesized(line, cues) or _tail(line, cues)


def caption_of(line: str, cues: Cues, known: bool = False) -> Caption | None:
    """Whether a line (curly quotes already made plain) is a caption or a bare credit.

    ``known`` says the input marked the line as a caption (an HTML ``<figcaption>``).
    """
    if len(line) > MAX_CAPTION_CHARS:
        return None
    credit = find_credit(line, cues)
    described = line[: credit.start] if credit else line
    if credit and not described.strip(_LEAD_PUNCT):
        return Caption("credit", "clean.caption.credit_line", 0.9, credit, None)
    opener = cues.opener.match(line) is not None
    weak = not opener and cues.weak_opener.match(line) is not None
    if not (known or credit or opener or weak):
        return None
    dates = find_dates(described)
    if known:
        rule, confidence = "clean.caption.markup", 0.95
    elif credit and credit.strong:
        rule, confidence = "clean.caption.credit", 0.9
    elif opener:
        rule, confidence = "clean.caption.opener", 0.85
    elif weak and (credit or dates):
        # "Una foto del 2 marzo 2025 mostra…": a weak opener needs a credit or a date.
        rule, confidence = "clean.caption.weak_opener", 0.75
    else:
        return None
    return Caption("caption", rule, confidence, credit, dates[0].value if dates else None)
