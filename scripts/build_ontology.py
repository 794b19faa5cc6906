"""Derive newsgraph's PLOVER ontology file from the PLOVER reference material.

Reads ``PLOVER_MANUAL.tex`` (event types, their modes, quad categories, whether a
recipient is required, the conflict/cooperation scores, the general contexts, the auxiliary
modes, the non-state actor codes) and
``CAMEO2PLOVER-2021.txt`` (CAMEO code -> PLOVER type, mode, context), and writes
``newsgraph/data/plover.yaml``. Only facts are kept — names, codes and numbers, not the
manual's prose or the CAMEO descriptions — and the file carries the attribution the
CC BY-SA 4.0 licence of its sources asks for.

Usage: python scripts/build_ontology.py [--reference ../shared/reference/plover] [--out PATH]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference" / "plover"
DEFAULT_OUT = REPO / "newsgraph" / "data" / "plover.yaml"

HEADER = """\
# PLOVER event ontology and CAMEO code table, as facts for newsgraph's event coder.
#
# Derived by scripts/build_ontology.py from
#   - "PLOVER: Political Language Ontology for Verifiable Event Records" (PLOVER_MANUAL.tex,
#     Open Event Data Alliance, http://openeventdata.org/), and
#   - the CAMEO to PLOVER conversion table, PLOVER manual draft 0.8, 17 September 2021,
#     edited by Philip Schrodt (CAMEO2PLOVER-2021.txt),
# both licensed under the Creative Commons Attribution-ShareAlike 4.0 International License
# (https://creativecommons.org/licenses/by-sa/4.0/). This file is an adaptation of them and
# is distributed under the same licence. Changes: only names, codes and numbers were kept
# (no descriptions); scores were read from the manual's score table, with the sign of the
# ACCUSE base score corrected (the table prints 3; every ACCUSE mode scores -2 to -3.5).
# Do not edit by hand: re-run the script.
"""

QUAD_NUMBERS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}

#: Misprints in the manual's score table, fixed here (see HEADER).
SCORE_CORRECTIONS = {"ACCUSE": {"": -3.0}}


def _uncomment(tex: str) -> str:
    """The text without LaTeX comments (a ``%`` not escaped as ``\\%``)."""
    return "\n".join(re.sub(r"(?<!\\)%.*", "", line) for line in tex.splitlines())


def _plain(cell: str) -> str:
    """A table cell without LaTeX markup: ``\\hyperref[x]{name}`` -> name, ``\\_`` -> _."""
    cell = re.sub(r"\\cellcolor\{[^}]*\}", "", cell)
    cell = re.sub(r"\\hyperref\[[^]]*\]\{([^}]*)\}", r"\1", cell)
    cell = re.sub(r"\\(?:plcat|plcon|plmod|txt|textsf|textbf|texttt|ti)\{([^}]*)\}", r"\1", cell)
    return cell.replace("\\_", "_").strip()


def _between(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[i : text.index(end, i)]


def _table_rows(block: str) -> list[list[str]]:
    """Rows of the first tabular in ``block`` (header row included), cells stripped."""
    body = _between(block, "\\begin{tabular}", "\\end{tabular}")
    body = body.split("\n", 1)[1]
    rows = []
    for raw in body.split("\\\\"):
        raw = raw.replace("\\hline", "").replace("\\midrule", "").strip()
        if raw:
            rows.append([_plain(c) for c in raw.split("&")])
    return rows


def parse_event_types(tex: str) -> dict[str, Any]:
    chapter = _between(tex, "\\chapter{Event Categories}", "\\chapter{Contexts}")
    sections = re.split(r"\\section\{([A-Z]+)\}", chapter)[1:]
    types: dict[str, Any] = {}
    for name, body in zip(sections[::2], sections[1::2], strict=True):
        quad = re.search(r"Quad category:\s*([A-Z ]+)\}", body)
        recipient = re.search(r"Requires recipient:\s*(Yes|No)", body)
        if quad is None or recipient is None:
            raise ValueError(f"section {name}: no quad category or recipient rule")
        modes = []
        if "\\begin{tabular}" in body:
            modes = [row[0] for row in _table_rows(body)[1:] if row[0] and row[0] != "Name"]
        quad_name = quad.group(1).strip()
        types[name] = {
            "quad": quad_name.lower().replace(" ", "_"),
            "quad_class": QUAD_NUMBERS[quad_name],
            "requires_recipient": recipient.group(1) == "Yes",
            "modes": modes,
        }
    return types


def parse_scores(tex: str) -> dict[str, dict[str, float]]:
    """``{TYPE: {"": base score, mode: score}}`` from the conflict/cooperation table."""
    block = _between(tex, "PLOVER conflict--cooperation scores}", "\\label{tab:ploverscores}")
    scores: dict[str, dict[str, float]] = {}
    for row in _table_rows(block)[1:]:
        for label, value in zip(row[::2], row[1::2], strict=False):
            if not label or not value:
                continue
            event, _, mode = label.partition(":")
            scores.setdefault(event.strip(), {})[mode.strip().lower()] = float(value)
    return scores


def parse_contexts(tex: str) -> list[str]:
    block = _between(tex, "\\label{tab:general-contexts}", "\\end{longtable}")
    names = []
    for line in block.splitlines():
        if "&" in line and "\\multicolumn" not in line and not line.startswith("Name"):
            names.append(_plain(line.split("&", 1)[0]))
    return [n for n in names if n and n != "Name"]


def parse_auxiliary_modes(tex: str) -> list[str]:
    block = _between(tex, "\\section{Auxiliary modes}", "\\section{Changes in treatment")
    found = re.findall(r"\\item \\plcon\{([a-z]+)\}", block)
    return list(dict.fromkeys(found))


def parse_nonstate_codes(tex: str) -> dict[str, str]:
    block = _between(tex, "International Non-state actor names", "\\label{tab:nonstate}")
    return {row[0]: row[1] for row in _table_rows(block)[1:] if len(row) == 2}


_CAMEO_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?")


def parse_cameo(text: str) -> dict[str, dict[str, Any]]:
    """CAMEO code -> {type, mode, contexts}; the descriptions after ``#`` are dropped."""
    codes: dict[str, dict[str, Any]] = {}
    for line in text.splitlines():
        m = _CAMEO_LINE.match(line.strip())
        if not m or len(m.group(1)) == 2:
            continue
        code, event, mode, context = m.groups()
        contexts = [c.strip() for c in (context or "").split(";") if c.strip()]
        codes.setdefault(
            code,
            {"type": event, "mode": (mode or "").strip() or None, "contexts": contexts},
        )
    return dict(sorted(codes.items()))


def build(reference: Path) -> dict[str, Any]:
    tex = _uncomment((reference / "PLOVER_MANUAL.tex").read_text(encoding="utf-8"))
    cameo = (reference / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    types = parse_event_types(tex)
    scores = parse_scores(tex)
    scores.update({t: dict(scores[t], **fix) for t, fix in SCORE_CORRECTIONS.items()})
    for name, info in types.items():
        by_mode = scores.get(name, {})
        info["score"] = by_mode.get("", 0.0)
        info["mode_scores"] = {m: s for m, s in by_mode.items() if m}
    return {
        "event_types": types,
        "contexts": parse_contexts(tex),
        "auxiliary_modes": parse_auxiliary_modes(tex),
        "nonstate_codes": parse_nonstate_codes(tex),
        "cameo_codes": parse_cameo(cameo),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.reference / "PLOVER_MANUAL.tex").is_file():
        print(f"no PLOVER_MANUAL.tex in {args.reference}", file=sys.stderr)
        return 2
    data = build(args.reference)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    args.out.write_text(HEADER + body, encoding="utf-8")
    print(
        f"wrote {args.out}: {len(data['event_types'])} event types, "
        f"{len(data['cameo_codes'])} CAMEO codes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
