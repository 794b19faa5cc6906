"""``newsgraph eval``: score the pipeline against gold files.

Each gold format has a module that runs the pipeline on the gold's texts and returns the
JSON report of the gold README: ``{"gold", "format", "layers", "misses", "false_hits"}``.
A layer the pipeline cannot produce yet is present with ``"status": "not implemented"``.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from newsgraph.eval.errors import EvalError
from newsgraph.eval.pending import evaluate_pending

FORMATS = ("newsgold", "conll", "plover-gsr", "clusters")
#: Modules with an ``evaluate(path) -> report`` function, by format.
EVALUATORS = {
    "newsgold": "newsgraph.eval.newsgold",
    "clusters": "newsgraph.eval.clusters",
    "conll": "newsgraph.eval.conll",
    "plover-gsr": "newsgraph.eval.plover_gsr",
}

__all__ = ["FORMATS", "EvalError", "evaluate_file", "format_report", "sniff_format"]


def sniff_format(path: Path) -> str:
    """Guess a gold file's format from its name and first bytes."""
    if path.suffix in {".tsv", ".conll", ".iob"}:
        return "conll"
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc}") from exc
    if '"newsgold/' in head:
        return "newsgold"
    if '"clusters"' in head:
        return "clusters"
    if "PLOVER" in head or '"records"' in head:
        return "plover-gsr"
    raise EvalError(f"cannot tell the format of {path}; pass --format")


def evaluate_file(path: Path, fmt: str | None = None) -> dict[str, Any]:
    if not path.is_file():
        raise EvalError(f"no gold file at {path}")
    fmt = fmt or sniff_format(path)
    if fmt not in FORMATS:
        raise EvalError(f"unknown gold format {fmt!r}; use one of {', '.join(FORMATS)}")
    module = EVALUATORS.get(fmt)
    if module is None:
        report = evaluate_pending(path, fmt)
    else:
        report = importlib.import_module(module).evaluate(path)
    return {"gold": str(path), "format": fmt, **report}


def format_report(report: dict[str, Any]) -> str:
    """A plain-text table of a report, for people."""
    lines = [f"gold: {report['gold']} ({report['format']})"]
    for name, layer in report["layers"].items():
        if layer.get("status"):
            lines.append(f"  {name:<16} {layer['status']}")
            continue
        extras = {
            k: v
            for k, v in layer.items()
            if k not in {"precision", "recall", "f1", "tp", "fp", "fn"}
        }
        lines.append(
            f"  {name:<16} P {layer.get('precision', 0):.3f}  R {layer.get('recall', 0):.3f}  "
            f"F1 {layer.get('f1', 0):.3f}  (tp {layer.get('tp', 0)}, fp {layer.get('fp', 0)}, "
            f"fn {layer.get('fn', 0)})" + (f"  {json.dumps(extras)}" if extras else "")
        )
    for key in ("misses", "false_hits"):
        items = report.get(key) or []
        if items:
            lines.append(f"{key} ({len(items)}):")
            lines += [f"  - {json.dumps(m, ensure_ascii=False)}" for m in items[:50]]
    return "\n".join(lines)
