"""Plain-text rendering of a stored article for ``newsgraph show``."""

from __future__ import annotations

from typing import Any

BOILERPLATE_MARK = "·"


def render_article(art: dict[str, Any]) -> str:
    """The article's lines with their zone kinds, then its sentences' facts."""
    lines = [
        f"article {art['id']}  language {art.get('language') or '?'}  "
        f"published {art.get('published') or 'unknown'}"
        + (f" ({art['published_method']})" if art.get("published_method") else ""),
    ]
    if art.get("title"):
        lines.append(f"title: {art['title']}")
    for o in art.get("origins", []):
        rec = "" if o["record"] is None or o["record"] < 0 else f" #{o['record']}"
        lines.append(f"from: {o['origin']}{rec} ({o['format']})")
    lines.append("")
    zones = [s for s in art.get("spans", []) if s["kind"] != "timex"]
    for z in zones:
        flag = "" if z["kind"] in {"body", "title", "subheading"} else f" {BOILERPLATE_MARK}"
        lines.append(f"[{z['kind']}{flag}] {z['text']}")
        credits = (z.get("attrs") or {}) if isinstance(z.get("attrs"), dict) else {}
        if credits.get("credits"):
            lines.append(f"    credits: {', '.join(credits['credits'])}")
    for title, key, fmt in (
        ("mentions", "mentions", lambda m: f"{m['text']} [{m['type']}] → {m['entity_id']}"),
        (
            "events",
            "events",
            lambda e: (
                f"{e['type']} {e['actors']} → {e['recipients']} "
                f"({e['modality']}, {e['date'] or 'undated'})"
            ),
        ),
        ("quotes", "quotes", lambda q: f"{q['speaker'] or '?'}: “{q['text']}”"),
    ):
        rows = art.get(key) or []
        if rows:
            lines.append(f"\n{title} ({len(rows)}):")
            lines += [f"  {fmt(r)}" for r in rows]
    return "\n".join(lines)
